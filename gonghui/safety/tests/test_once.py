"""Every state change of the safety network happens once: the same step twice (a double tap, a
retried request, two cadres at the same moment) leaves one history row and one notice."""

import datetime as dt

import pytest

from gonghui.core.history import history_for
from gonghui.core.models import Notice
from gonghui.safety import services
from gonghui.safety.choices import ReportStatus
from gonghui.safety.models import SafetyReport
from gonghui.voice.tests.once import at_once, changes, postgresql_only

from .factories import hazard_post, network, report

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 4, 1)


# ---------------------------------------------------------------- safety reports

def test_forwarding_a_safety_report_twice_records_it_once(cast):
    network(cast)
    made = report(cast)
    step = lambda: services.safety_report_forward(actor=cast.chair, report=made, unit="安全环保室", deadline=dt.date(2025, 4, 20))  # noqa: E731
    assert changes(made, step, cast.rep) == (1, 1)


def test_the_same_progress_sent_twice_is_recorded_once(cast):
    network(cast)
    made = report(cast)
    assert changes(made, lambda: services.safety_report_progress(actor=cast.chair, report=made, progress="已加固护栏"), cast.rep) == (1, 1)
    assert made.progress == "已加固护栏"


def test_answering_a_safety_report_twice_records_it_once(cast):
    network(cast)
    made = report(cast)
    step = lambda: services.safety_report_answer(actor=cast.chair, report=made, answer="已更换护栏", resolved=True)  # noqa: E731
    assert changes(made, step, cast.rep) == (1, 1)
    assert made.status == ReportStatus.RESOLVED


def test_rating_a_safety_answer_twice_records_it_once(cast):
    network(cast)
    made = report(cast)
    services.safety_report_answer(actor=cast.chair, report=made, answer="已更换护栏", resolved=True)
    assert changes(made, lambda: services.safety_report_rate(report=made, rating="fairly", by=cast.rep), cast.rep) == (1, 0)


def test_reopening_a_safety_report_twice_reopens_it_once(cast):
    network(cast)
    made = report(cast)
    services.safety_report_answer(actor=cast.chair, report=made, answer="已更换护栏", resolved=True)
    assert changes(made, lambda: services.safety_report_reopen(report=made, reason="又松了", by=cast.rep), cast.rep) == (1, 0)
    assert made.reopen_count == 1


# ---------------------------------------------------------------- the network and hazard posts

def test_ending_an_appointment_twice_records_it_once(cast):
    _group, rep = network(cast)
    assert changes(rep, lambda: services.safety_rep_end(actor=cast.chair, rep=rep, ended_on=DAY), cast.rep) == (1, 0)


def test_a_worker_leaving_a_post_twice_is_recorded_once(cast):
    exposure = services.exposure_add(actor=cast.chair, post=hazard_post(cast), member=cast.member_record, since=dt.date(2024, 1, 1))
    assert changes(exposure, lambda: services.exposure_end(actor=cast.chair, exposure=exposure, until=DAY), cast.member) == (1, 0)


def test_a_follow_up_marked_done_twice_is_recorded_once(cast):
    exposure = services.exposure_add(actor=cast.chair, post=hazard_post(cast), member=cast.member_record, since=dt.date(2024, 1, 1))
    check = services.follow_up_plan(actor=cast.chair, exposure=exposure, kind="health_check", due_on=DAY)
    assert changes(check, lambda: services.follow_up_done(actor=cast.chair, follow_up=check, done_on=DAY), cast.member) == (1, 0)


# ---------------------------------------------------------------- twenty at the same moment (PostgreSQL)

@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_twenty_cadres_answering_a_report_at_once_answer_it_once(cast):
    network(cast)
    made = report(cast)
    history, notices = history_for(made).count(), Notice.objects.filter(recipient=cast.rep).count()
    errors = at_once(20, lambda: services.safety_report_answer(
        actor=cast.chair, report=SafetyReport.objects.get(pk=made.pk), answer="已更换护栏", resolved=True))
    assert not errors
    assert history_for(made).count() == history + 1
    assert Notice.objects.filter(recipient=cast.rep).count() == notices + 1
