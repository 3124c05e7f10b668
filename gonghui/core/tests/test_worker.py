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


def _redis_url() -> str | None:
    """The Redis the RQ test runs against: required in CI (GONGHUI_REQUIRE_SERVICES), skipped on a bare laptop."""
    import os

    import redis
    from django.conf import settings

    url = os.environ.get("GONGHUI_REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        if settings.GONGHUI_REQUIRE_SERVICES:
            raise
        return None
    return url


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_with_redis_configured_a_task_goes_through_rq_and_the_worker_runs_it(cast):
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis on 127.0.0.1:6379 (CI requires it)")
    import django_rq

    queues = {"default": {"URL": url, "DEFAULT_TIMEOUT": 60}}
    with override_settings(RQ_QUEUES=queues, TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}):
        django_rq.get_queue("default").empty()
        result = notice_send_task.enqueue(recipient_id=cast.member.pk, org_id=cast.union.pk, title="经费审查通知")
        assert django_rq.get_queue("default").count == 1
        assert not Notice.objects.filter(title="经费审查通知").exists()
        call_command("worker", "--batch")
        assert Notice.objects.get(title="经费审查通知").recipient == cast.member
        assert result.backend == "default"
