"""Background tasks of the core: run by `gonghui worker` (django-tasks, database backend)."""

from django_tasks import task


@task()
def notice_send_task(*, recipient_id: int, org_id: int, title: str, body: str = "", url: str = "") -> int | None:
    """Deliver an in-app notice outside the request (for fan-out to many people)."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from .services import notice_send

    org = apps.get_model(settings.GONGHUI_ORG_MODEL).objects.get(pk=org_id)
    notice = notice_send(recipient=get_user_model().objects.get(pk=recipient_id), org=org, title=title, body=body, url=url)
    return notice.pk if notice else None
