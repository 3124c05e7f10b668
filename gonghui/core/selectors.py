from django.db.models import QuerySet

from .models import Notice


def notice_list(*, user) -> QuerySet[Notice]:
    return Notice.objects.filter(recipient=user)


def unread_notice_count(*, user) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
