"""Every state change happens once: the same step twice (a double tap, a retried request, two
cadres at the same moment) leaves one history row and one notice, and returns the record as it is."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection

from gonghui.core.history import history_for
from gonghui.core.models import Notice
from gonghui.voice import services
from gonghui.voice.choices import ReportStatus, SuggestionStatus
from gonghui.voice.models import SafetyReport, Suggestion

from .factories import hazard_post, network, report, suggestion

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 4, 1)


def changes(obj, step, recipient) -> tuple[int, int]:
    """Run the step twice; return the (history rows, notices to `recipient`) the two runs added."""
    history, notices = history_for(obj).count(), Notice.objects.filter(recipient=recipient).count()
    first, second = step(), step()
    assert first.pk == second.pk
    return history_for(obj).count() - history, Notice.objects.filter(recipient=recipient).count() - notices


def decided(cast, **extra):
    made = suggestion(cast, **extra)
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="采纳")
    return made


def implemented(cast):
    made = decided(cast)
    services.suggestion_implement(actor=cast.chair, suggestion=made, implemented_on=DAY)
    return made


# ---------------------------------------------------------------- suggestions

def test_taking_a_suggestion_up_for_review_twice_records_it_once(cast):
    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_review(actor=cast.chair, suggestion=made), cast.member) == (1, 1)
    assert made.status == SuggestionStatus.REVIEWING


def test_adopting_a_suggestion_twice_records_it_once(cast):
    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer=""),
                   cast.member) == (1, 1)
    assert made.status == SuggestionStatus.ADOPTED


def test_rejecting_a_suggestion_twice_records_it_once_and_adopting_it_afterwards_is_refused(cast):
    from django.core.exceptions import ValidationError

    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=False, answer="不具备条件"),
                   cast.member) == (1, 1)
    with pytest.raises(ValidationError):
        services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="")


def test_a_second_cadre_deciding_from_a_stale_page_changes_nothing(cast):
    made = suggestion(cast)
    stale = Suggestion.objects.get(pk=made.pk)  # the page the second cadre opened before the first decided
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="采纳")
    history = history_for(made).count()
    services.suggestion_decide(actor=cast.cadre, suggestion=stale, adopt=True, answer="也采纳")
    assert history_for(made).count() == history
    assert stale.status == SuggestionStatus.ADOPTED and stale.answer == "采纳"


def test_assigning_a_suggestion_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_assign(actor=cast.chair, suggestion=made, unit="设备室"), cast.member) == (1, 1)


def test_marking_a_suggestion_implemented_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_implement(actor=cast.chair, suggestion=made, implemented_on=DAY),
                   cast.member) == (1, 1)


def test_promoting_a_golden_idea_twice_records_it_once(cast):
    made = implemented(cast)
    assert changes(made, lambda: services.suggestion_promote(actor=cast.chair, suggestion=made), cast.member) == (1, 1)
    assert made.is_golden


def test_rating_an_answer_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_rate(suggestion=made, rating="satisfied", by=cast.member), cast.member) == (1, 0)


def test_reopening_a_suggestion_twice_reopens_it_once(cast):
    made = implemented(cast)
    assert changes(made, lambda: services.suggestion_reopen(suggestion=made, reason="现场没有改", by=cast.member),
                   cast.member) == (1, 0)
    assert made.reopen_count == 1 and made.status == SuggestionStatus.ADOPTED


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


def test_deleting_an_answer_template_twice_records_it_once(cast):
    from gonghui.core.history import HistoryEntry
    from gonghui.voice.models import AnswerTemplate

    template = services.answer_template_save(actor=cast.chair, org=cast.union, title="通用", body="感谢")
    pk, stale = template.pk, AnswerTemplate.objects.get(pk=template.pk)  # a second tab still shows it
    services.answer_template_delete(actor=cast.chair, template=template)
    services.answer_template_delete(actor=cast.chair, template=stale)
    assert HistoryEntry.objects.filter(object_id=str(pk), action="delete").count() == 1


# ---------------------------------------------------------------- twenty at the same moment (PostgreSQL)

def at_once(n: int, step) -> list:
    """Run `step` in n threads released together, each on its own connection; return what they raised."""
    barrier, errors = threading.Barrier(n), []

    def run():
        try:
            barrier.wait()
            step()
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time anyway")


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


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_twenty_cadres_adopting_a_suggestion_at_once_adopt_it_once(cast):
    made = suggestion(cast)
    history, notices = history_for(made).count(), Notice.objects.filter(recipient=cast.member).count()
    errors = at_once(20, lambda: services.suggestion_decide(
        actor=cast.chair, suggestion=Suggestion.objects.get(pk=made.pk), adopt=True, answer=""))
    assert not errors
    assert history_for(made).count() == history + 1
    assert Notice.objects.filter(recipient=cast.member).count() == notices + 1
