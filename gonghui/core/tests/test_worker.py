"""The worker runs queued tasks from the database: enqueue in one place, `gonghui worker` picks up."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from gonghui.core.models import Notice
from gonghui.core.tasks import notice_send_task


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_queued_task_waits_for_the_worker_and_then_runs(cast):
    result = notice_send_task.enqueue(recipient_id=cast.member.pk, org_id=cast.union.pk, title="会费收缴通知")
    assert not Notice.objects.filter(title="会费收缴通知").exists()
    call_command("worker", "--batch", "--interval", "0")
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert Notice.objects.get(title="会费收缴通知").recipient == cast.member
