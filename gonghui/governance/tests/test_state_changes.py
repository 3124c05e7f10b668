"""Each state change happens once: a repeat (double click, second tab, retried request) finds the
state reached and returns it, with one history row and one notice. On PostgreSQL, twenty
threads doing the same change at once leave the same single trace."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from gonghui.core.history import history_for
from gonghui.core.models import Notice
from gonghui.core.scoping import NotAllowed
from gonghui.governance import services
from gonghui.governance.models import Disclosure, Objection, Plan, Target, TargetCheck

from .factories import published_disclosure, target

pytestmark = pytest.mark.django_db


def draft(cast):
    return services.disclosure_create(actor=cast.chair, org=cast.union, title="2025年福利费支出", body="明细", category="finance",
                                      notice_until=dt.date(2025, 3, 7))


def test_publishing_twice_publishes_once_with_the_first_date(cast):
    d = draft(cast)
    first = services.disclosure_publish(actor=cast.chair, disclosure=d, on=dt.date(2025, 3, 1))
    again = services.disclosure_publish(actor=cast.chair, disclosure=Disclosure.objects.get(pk=d.pk), on=dt.date(2025, 3, 2))
    assert again.published_on == first.published_on == dt.date(2025, 3, 1)
    assert history_for(d).filter(action="state").count() == 1


def test_a_stale_copy_publishes_nothing_a_second_time(cast):
    """The second tab still holds the draft as it was read: the lock's fresh read decides."""
    d = draft(cast)
    stale = Disclosure.objects.get(pk=d.pk)
    services.disclosure_publish(actor=cast.chair, disclosure=d, on=dt.date(2025, 3, 1))
    services.disclosure_publish(actor=cast.fed, disclosure=stale, on=dt.date(2025, 3, 3))
    assert stale.published_on == dt.date(2025, 3, 1) and stale.published_by == cast.chair
    assert history_for(d).filter(action="state").count() == 1


def objection(cast):
    d = published_disclosure(cast.union, actor=cast.chair, on=dt.date(2025, 3, 1), until=dt.date(2025, 3, 7))
    return services.objection_raise(author=cast.member, disclosure=d, text="名单有误", today=dt.date(2025, 3, 5))


def test_answering_twice_answers_once_and_tells_the_author_once(cast):
    o = objection(cast)
    services.objection_answer(actor=cast.chair, objection=o, answer="已核实更正")
    again = services.objection_answer(actor=cast.chair, objection=Objection.objects.get(pk=o.pk), answer="已核实更正")
    assert again.status == "answered" and again.answer == "已核实更正"
    assert history_for(o).filter(action="state").count() == 1
    assert Notice.objects.filter(recipient=cast.member).count() == 1


def test_a_different_answer_to_an_answered_objection_is_refused(cast):
    from django.core.exceptions import ValidationError

    o = objection(cast)
    services.objection_answer(actor=cast.chair, objection=o, answer="已核实更正")
    with pytest.raises(ValidationError):
        services.objection_answer(actor=cast.fed, objection=Objection.objects.get(pk=o.pk), answer="另一个答复")
    assert Objection.objects.get(pk=o.pk).answer == "已核实更正"


def test_setting_a_plans_status_twice_writes_one_history_row(cast):
    plan = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="开展职工技能竞赛")
    services.plan_set_status(actor=cast.chair, plan=plan, status="done", result="已举办")
    services.plan_set_status(actor=cast.chair, plan=Plan.objects.get(pk=plan.pk), status="done", result="已举办")
    assert history_for(plan).filter(action="state").count() == 1


def test_the_same_check_sent_twice_is_recorded_once(cast):
    t = target(cast.union, actor=cast.chair)
    first = services.target_check_record(actor=cast.chair, target=t, kind="mid_year", date=dt.date(2025, 6, 30), actual=Decimal("400"))
    again = services.target_check_record(actor=cast.chair, target=Target.objects.get(pk=t.pk), kind="mid_year",
                                         date=dt.date(2025, 6, 30), actual=Decimal("400"))
    assert again.pk == first.pk and TargetCheck.objects.count() == 1
    assert history_for(t).filter(action="update").count() == 1


def test_a_member_may_object_only_to_what_is_published_to_them(cast):
    elsewhere = published_disclosure(cast.other_branch, actor=cast.chair, until=dt.date.today() + dt.timedelta(days=3))
    with pytest.raises(NotAllowed, match="无权"):
        services.objection_raise(author=cast.member, disclosure=elsewhere, text="有异议")
    own = published_disclosure(cast.branch, actor=cast.chair)
    assert services.objection_raise(author=cast.member, disclosure=own, text="有异议").author == cast.member


def test_nobody_objects_to_a_draft(cast):
    with pytest.raises(NotAllowed):
        services.objection_raise(author=cast.member, disclosure=draft(cast), text="有异议")


# ── at once, on PostgreSQL ───────────────────────────────────────────────────

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's; SQLite writes one at a time")
THREADS = 20


def at_once(call) -> list[BaseException]:
    """`call()` in THREADS threads released together; the errors they raised."""
    start, errors = threading.Barrier(THREADS), []

    def run():
        try:
            start.wait()
            call()
        except BaseException as exc:  # noqa: BLE001 - the test reports whatever a thread met
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_publishes_at_once_publish_once(cast):
    d = draft(cast)
    errors = at_once(lambda: services.disclosure_publish(actor=cast.chair, disclosure=Disclosure.objects.get(pk=d.pk),
                                                         on=dt.date(2025, 3, 1)))
    assert not errors
    assert history_for(d).filter(action="state").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_answers_at_once_answer_once_and_tell_once(cast):
    o = objection(cast)
    errors = at_once(lambda: services.objection_answer(actor=cast.chair, objection=Objection.objects.get(pk=o.pk),
                                                       answer="已核实更正"))
    assert not errors
    assert history_for(o).filter(action="state").count() == 1
    assert Notice.objects.filter(recipient=cast.member).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_status_changes_at_once_write_one_history_row(cast):
    plan = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="开展职工技能竞赛")
    errors = at_once(lambda: services.plan_set_status(actor=cast.chair, plan=Plan.objects.get(pk=plan.pk), status="done"))
    assert not errors
    assert history_for(plan).filter(action="state").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_checks_at_once_are_one_check(cast):
    t = target(cast.union, actor=cast.chair)
    errors = at_once(lambda: services.target_check_record(actor=cast.chair, target=Target.objects.get(pk=t.pk), kind="other",
                                                          date=dt.date(2025, 9, 30), actual=Decimal("800")))
    assert not errors
    assert TargetCheck.objects.filter(target=t).count() == 1


def test_a_member_of_the_union_does_not_object_to_a_branchs_notice(cast):
    """A branch's notice is published to the branch, not to the union above it."""
    from gonghui.accounts.services import role_grant, user_create

    union_member = user_create(actor=None, username="union-member", password="pw-union-member")
    role_grant(actor=None, user=union_member, org=cast.union, role="member")
    notice = published_disclosure(cast.branch, actor=cast.chair)
    with pytest.raises(NotAllowed):
        services.objection_raise(author=union_member, disclosure=notice, text="有异议")
    assert services.objection_raise(author=cast.cadre, disclosure=notice, text="请核实").author == cast.cadre
