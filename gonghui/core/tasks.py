"""Background tasks of the core: run by `gonghui worker` (django-tasks, database backend)."""

from django_tasks import task


@task()
def notice_send_task(*, recipient_id: int, org_id: int, title: str, body: str = "", url: str = "") -> int | None:
    """Deliver an in-app notice outside the request (for fan-out to many people)."""
    from gonghui.accounts.models import User
    from gonghui.orgs.models import Org

    from .services import notice_send

    notice = notice_send(recipient=User.objects.get(pk=recipient_id), org=Org.objects.get(pk=org_id), title=title, body=body, url=url)
    return notice.pk if notice else None
