from dataclasses import dataclass

from django.db.models import QuerySet

from .models import Notice
from .registry import declared


def notice_list(*, user) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user)


def unread_notice_count(*, user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


@dataclass(frozen=True)
class Attention:
    """Something waiting for the signed-in person, shown on the home page with a link to its list."""

    label: str
    count: int
    url: str


def attention_for(user) -> list[Attention]:
    """What waits for this user, each app counting its own: an AppConfig's `attention` names its selector.

    Each selector starts from the scoping helper, so a member, who manages nothing,
    is asked no query at all and sees nothing here.
    """
    found: list[Attention] = []
    for _config, selector in declared("attention"):
        found += [item for item in selector(visible_to=user) if item.count]
    return found

