"""Saving the summary twice with the same wording keeps one version; twenty saves at once on
PostgreSQL number their versions without a gap or a clash and keep the wording once."""

import threading

import pytest
from django.db import close_old_connections, connection

from gonghui.core.history import history_for
from gonghui.core.summary import Period
from gonghui.reports.models import WorkSummary, WorkSummaryVersion
from gonghui.reports.services import summary_version_save

pytestmark = pytest.mark.django_db


def test_a_recompute_when_nothing_changed_keeps_the_latest_version(cast, client_as):
    client = client_as(cast.chair)
    url = f"/reports/summary/{cast.union.pk}/2025/recompute/"
    client.post(url)
    client.post(url)
    assert WorkSummaryVersion.objects.count() == 1


def test_a_different_wording_is_a_new_version(cast):
    summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "甲。"})
    summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "乙。"})
    assert list(WorkSummaryVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite writes one at a time")
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_saves_at_once_keep_one_version(cast):
    from gonghui.reports.selectors import summary_draft

    base = summary_draft(org=cast.union, period=Period.year(2025))
    start, errors = threading.Barrier(20), []

    def save():
        try:
            start.wait()
            summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "定稿。"},
                                 base=base)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert WorkSummaryVersion.objects.count() == 1
    assert history_for(WorkSummary.objects.get()).count() == 1
