"""Writes that belong to no single area: the in-app inbox."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Notice


def notice_send(*, recipient, org, title: str, body: str = "", url: str = "") -> Notice | None:
    """Drop a message in a user's inbox (nothing for an anonymous or missing recipient)."""
    if recipient is None:
        return None
    return Notice.objects.create(recipient=recipient, org=org, title=title[:120], body=body, url=url[:300])


@transaction.atomic
def notices_mark_read(*, user, ids: list[int] | None = None) -> int:
    qs = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
