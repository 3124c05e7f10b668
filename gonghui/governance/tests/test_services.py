import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.history import history_for
from gonghui.governance import services
from gonghui.governance.models import Plan

from .factories import meeting, published_disclosure, target

pytestmark = pytest.mark.django_db


def test_a_target_keeps_the_latest_check_as_its_actual_and_logs_each(cast):
    t = target(cast.union, actor=cast.chair)
    services.target_check_record(actor=cast.chair, target=t, kind="mid_year", date=dt.date(2025, 6, 30), actual=Decimal("880.50"))
    services.target_check_record(actor=cast.chair, target=t, kind="year_end", date=dt.date(2025, 12, 31), actual=Decimal("1909.21"))
    t.refresh_from_db()
    assert t.actual == Decimal("1909.21") and t.completion == Decimal("210.96")
    assert history_for(t).filter(action="update", actor=cast.chair).count() == 2
    assert t.checks.get(kind="mid_year").checker == "本部工会主席"


def test_a_late_interim_check_recorded_after_the_year_end_does_not_replace_it(cast):
    t = target(cast.union, mid="400", final="1000")
    services.target_check_record(actor=None, target=t, kind="other", date=dt.date(2025, 9, 30), actual=Decimal("700"))
    t.refresh_from_db()
    assert t.actual == Decimal("1000")  # the check with the latest date counts, not the last typed


def test_a_second_year_end_assessment_is_refused(cast):
    t = target(cast.union, final="1000")
    with pytest.raises(ValidationError):
        services.target_check_record(actor=None, target=t, kind="year_end", date=dt.date(2025, 12, 31), actual=Decimal("1"))


def test_a_check_two_years_later_is_refused(cast):
    t = target(cast.union)
    with pytest.raises(ValidationError):
        services.target_check_record(actor=None, target=t, kind="other", date=dt.date(2027, 1, 5), actual=Decimal("1"))


def test_the_same_indicator_twice_in_a_year_is_refused(cast):
    target(cast.union)
    with pytest.raises(ValidationError):
        target(cast.union)
    target(cast.union, year=2026)  # another year is a new target


def test_a_zero_target_is_refused(cast):
    with pytest.raises(ValidationError):
        target(cast.union, target="0")


def test_a_target_or_an_actual_that_does_not_fit_its_column_is_refused_and_the_list_still_reads(cast, client_as):
    with pytest.raises(ValidationError) as refused:
        target(cast.union, target="0.0000001")
    assert list(refused.value.message_dict) == ["target"]
    row = target(cast.union, name="安全生产")
    with pytest.raises(ValidationError) as refused:
        services.target_check_record(actor=None, target=row, kind="mid_year", date=dt.date(2025, 6, 30),
                                     actual=Decimal("1e20"))
    assert list(refused.value.message_dict) == ["actual"]
    assert client_as(cast.chair).get(f"/api/v1/governance/targets?org_id={cast.union.pk}").status_code == 200


def test_a_meeting_keeps_its_decisions_in_order_and_edits_log_them(cast):
    m = meeting(cast.union, kind="congress", decisions=["《职工代表大会工作条例》", "《集体合同》"], actor=cast.chair)
    assert list(m.decisions.values_list("text", flat=True)) == ["《职工代表大会工作条例》", "《集体合同》"]
    services.meeting_update(actor=cast.chair, meeting=m, minutes="会议纪要……", decisions=["《集体合同》"])
    assert list(m.decisions.values_list("text", flat=True)) == ["《集体合同》"]
    entry = history_for(m).get(action="update")
    assert entry.changes["decisions"] == [2, 1] and entry.changes["minutes"] == ["…", "…"]


def test_more_present_than_expected_is_refused(cast):
    with pytest.raises(ValidationError):
        meeting(cast.union, present=12, expected=10)


def test_the_rule_is_one_per_kind_and_changes_in_place(cast):
    first = services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    again = services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 4, 1))
    assert first.pk == again.pk and again.since == dt.date(2025, 4, 1)
    assert history_for(first).filter(action="update").exists()


def test_plan_items_are_numbered_in_their_period_and_status_changes_are_state_rows(cast):
    a = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="深化厂务公开")
    b = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="开展职工技能竞赛")
    assert (a.position, b.position) == (0, 1)
    services.plan_set_status(actor=cast.chair, plan=b, status="done", result="已举办")
    b.refresh_from_db()
    assert b.status == "done" and history_for(b).filter(action="state").exists()


def test_an_unknown_plan_status_is_refused(cast):
    plan = services.plan_create(actor=None, org=cast.union, year=2026, text="x")
    with pytest.raises(ValidationError):
        services.plan_set_status(actor=None, plan=plan, status="forgotten")
    assert Plan.objects.get(pk=plan.pk).status == "planned"


def test_objections_are_taken_only_during_the_notice_period_and_answers_reach_the_author(cast):
    d = published_disclosure(cast.union, actor=cast.chair, on=dt.date(2025, 3, 1), until=dt.date(2025, 3, 7))
    o = services.objection_raise(author=cast.member, disclosure=d, text="名单有误", today=dt.date(2025, 3, 5))
    with pytest.raises(ValidationError):
        services.objection_raise(author=cast.member, disclosure=d, text="太晚了", today=dt.date(2025, 3, 8))
    assert cast.chair.notices.filter(title__contains=d.title).exists()
    services.objection_answer(actor=cast.chair, objection=o, answer="已核实更正")
    assert cast.member.notices.filter(title__contains=d.title).exists()


def test_a_published_disclosure_cannot_be_rewritten(cast):
    d = published_disclosure(cast.union)
    with pytest.raises(ValidationError):
        services.disclosure_update(actor=None, disclosure=d, body="改过的内容")
