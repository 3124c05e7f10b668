import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.activities import services
from gonghui.activities.models import Honour, Patent, Signup
from gonghui.core.history import history_for
from gonghui.core.models import Notice
from gonghui.core.scoping import NotAllowed

from . import factories as f
from .factories import TODAY

pytestmark = pytest.mark.django_db


# ── events ───────────────────────────────────────────────────────────────────

def test_a_member_signs_up_for_an_event_of_their_union_and_a_repeat_changes_nothing(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=10)
    first = services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    again = services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    assert first.pk == again.pk and first.status == "confirmed"
    assert Signup.objects.count() == 1
    assert history_for(first).count() == 1


def test_a_full_event_puts_the_next_member_on_the_waiting_list(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=1)
    services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    waiting = services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY)
    assert waiting.status == "waiting"


def test_a_cancel_gives_the_place_to_the_first_waiting_and_tells_them(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=1)
    mine = services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY)
    third = f.member(cast.branch, "王五")
    services.event_signup(actor=cast.chair, event=e, member=third, today=TODAY)
    services.event_signup_cancel(actor=cast.member, signup=mine)
    statuses = dict(Signup.objects.values_list("member__name", "status"))
    assert statuses == {"张三": "cancelled", "李安全": "confirmed", "王五": "waiting"}
    notice = Notice.objects.get(recipient=cast.rep)
    assert "迎春杯乒乓球赛" in notice.title
    services.event_signup_cancel(actor=cast.member, signup=mine)  # a repeat changes nothing
    assert Signup.objects.filter(status="confirmed").count() == 1


def test_a_member_cannot_sign_up_someone_else(cast):
    e = f.event(cast.union, actor=cast.chair)
    with pytest.raises(NotAllowed, match="您无权在此进行该操作"):
        services.event_signup(actor=cast.member, event=e, member=cast.rep_record, today=TODAY)


def test_an_event_for_one_branch_refuses_a_member_of_another(cast):
    e = f.event(cast.union, actor=cast.chair, eligible_org=cast.branch)
    with pytest.raises(ValidationError, match="本活动不对您所在组织的会员开放"):
        services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY)


def test_a_women_only_event_refuses_a_man_and_takes_a_woman(cast):
    e = f.event(cast.union, actor=cast.chair, women_only=True)
    from gonghui.members.models import Member

    man, woman = cast.member_record, f.member(cast.branch, "钱七")
    Member.objects.filter(pk=man.pk).update(sex="male")
    Member.objects.filter(pk=woman.pk).update(sex="female")
    man.refresh_from_db()
    woman.refresh_from_db()
    with pytest.raises(ValidationError):
        services.event_signup(actor=cast.chair, event=e, member=man, today=TODAY)
    assert services.event_signup(actor=cast.chair, event=e, member=woman, today=TODAY).status == "confirmed"


def test_an_event_for_new_members_refuses_one_who_joined_earlier(cast):
    e = f.event(cast.union, actor=cast.chair, joined_since=dt.date(2024, 1, 1))
    with pytest.raises(ValidationError):
        services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)


def test_sign_up_closes_when_the_event_starts(cast):
    e = f.event(cast.union, actor=cast.chair)
    with pytest.raises(ValidationError):
        services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=dt.date(2025, 5, 21))


def test_attendance_marks_the_event_held_with_its_cost_and_prizes_are_kept_once(cast):
    e = f.event(cast.union, actor=cast.chair)
    services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY)
    services.event_attendance_take(actor=cast.chair, event=e, attended=[cast.member_record.pk], cost_yuan=Decimal("3200"))
    e.refresh_from_db()
    assert (e.status, e.participants, e.cost_yuan) == ("held", 1, Decimal("3200"))
    assert dict(Signup.objects.values_list("member__name", "attended")) == {"张三": True, "李安全": False}
    services.event_result_record(actor=cast.chair, event=e, prize="金奖", member=cast.member_record)
    services.event_result_record(actor=cast.chair, event=e, prize="金奖", member=cast.member_record)
    services.event_result_record(actor=cast.chair, event=e, prize="银奖", team="炼钢作业区合唱队", headcount=52)
    assert e.results.count() == 2


def test_a_branch_cadre_cannot_create_an_event_for_the_whole_union(cast):
    with pytest.raises(NotAllowed, match="您无权在此进行该操作"):
        f.event(cast.union, actor=cast.cadre)
    assert f.event(cast.branch, actor=cast.cadre).org == cast.branch


# ── honours ──────────────────────────────────────────────────────────────────

def test_an_honour_is_awarded_only_after_its_public_notice(cast):
    rows = services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="best_practitioner",
                                     title="2025年度最佳实践者", members=[cast.member_record, cast.rep_record])
    with pytest.raises(ValidationError, match="荣誉须经公示后方可授予"):
        services.honours_award(actor=cast.chair, honours=rows, on=dt.date(2025, 12, 20))
    assert services.honours_publicise(actor=cast.chair, honours=rows, notice_from=dt.date(2025, 12, 1),
                                      notice_until=dt.date(2025, 12, 8)) == 2
    assert services.honours_publicise(actor=cast.chair, honours=rows, notice_from=dt.date(2025, 12, 1),
                                      notice_until=dt.date(2025, 12, 8)) == 0
    with pytest.raises(ValidationError):
        services.honours_award(actor=cast.chair, honours=rows, on=dt.date(2025, 12, 5))
    assert services.honours_award(actor=cast.chair, honours=rows, on=dt.date(2025, 12, 20)) == 2
    assert set(Honour.objects.values_list("status", flat=True)) == {"awarded"}
    assert history_for(rows[0]).count() == 3


def test_a_withdrawn_nomination_keeps_its_reason_in_the_history(cast):
    [h] = f.honours_public(cast.union, [cast.member_record], actor=cast.chair)
    services.honour_withdraw(actor=cast.chair, honour=h, reason="公示期内有异议，经核实属实")
    assert history_for(h).first().note == "公示期内有异议，经核实属实"


# ── innovation and patents ───────────────────────────────────────────────────

def test_a_utility_model_patent_expires_ten_years_after_filing(cast):
    p = services.patent_file(actor=cast.chair, org=cast.union, kind="utility", title="循环扫描式火灾防盗预警系统",
                             filed_on=dt.date(2025, 3, 15))
    assert p.expires_on == dt.date(2035, 3, 14)
    inv = services.patent_file(actor=cast.chair, org=cast.union, kind="invention", title="x", filed_on=dt.date(2024, 2, 29))
    assert inv.expires_on == dt.date(2044, 2, 28)
    design = services.patent_file(actor=cast.chair, org=cast.union, kind="design", title="y", filed_on=dt.date(2025, 1, 1))
    assert design.expires_on == dt.date(2039, 12, 31)


def test_a_patent_number_is_taken_once_and_a_grant_is_recorded_once(cast):
    p = services.patent_file(actor=cast.chair, org=cast.union, kind="utility", title="x", filed_on=dt.date(2025, 3, 15))
    services.patent_grant(actor=cast.chair, patent=p, granted_on=dt.date(2025, 9, 1), number="ZL202520000001.1")
    services.patent_grant(actor=cast.chair, patent=p, granted_on=dt.date(2025, 10, 1))
    p.refresh_from_db()
    assert p.granted_on == dt.date(2025, 9, 1)
    with pytest.raises(ValidationError):
        services.patent_file(actor=cast.chair, org=cast.union, kind="utility", title="y", filed_on=dt.date(2025, 3, 15),
                             number="ZL202520000001.1")
    assert Patent.objects.count() == 1


def test_an_innovation_moves_forward_only_and_grows_from_an_adopted_suggestion_only(cast):
    i = f.innovation(cast.union, actor=cast.chair)
    services.innovation_advance(actor=cast.chair, innovation=i, status="rewarded")
    with pytest.raises(ValidationError):
        services.innovation_advance(actor=cast.chair, innovation=i, status="reviewed")
    award = services.innovation_award_record(actor=cast.chair, innovation=i, kind="grant", name="职工创新补助",
                                             on=dt.date(2025, 8, 1), amount_yuan=Decimal("5000"))
    again = services.innovation_award_record(actor=cast.chair, innovation=i, kind="grant", name="职工创新补助",
                                             on=dt.date(2025, 8, 1), amount_yuan=Decimal("5000"))
    assert award.pk == again.pk


# ── competitions ─────────────────────────────────────────────────────────────

def test_a_competition_ranks_by_weighted_score_and_ties_share_a_rank(cast):
    c = f.competition(cast.union, actor=cast.chair, entrants=("甲", "乙", "丙"))
    output, energy = c.indicators.order_by("id")
    a, b, d = c.entrants.order_by("id")
    for entrant, tons, kg in ((a, 100, 50), (b, 100, 50), (d, 80, 40)):
        services.competition_score_record(actor=cast.chair, entrant=entrant, indicator=output, value=Decimal(tons))
        services.competition_score_record(actor=cast.chair, entrant=entrant, indicator=energy, value=Decimal(kg))
    services.competition_finish(actor=cast.chair, competition=c)
    ranks = dict(c.entrants.values_list("name", "rank"))
    scores = dict(c.entrants.values_list("name", "score"))
    # 甲 and 乙: 0.6 × 100 + 0.4 × 80 = 92; 丙: 0.6 × 80 + 0.4 × 100 = 88
    assert scores == {"甲": Decimal("92.00"), "乙": Decimal("92.00"), "丙": Decimal("88.00")}
    assert ranks == {"甲": 1, "乙": 1, "丙": 3}
    services.competition_winner_name(actor=cast.chair, entrant=a, title="优胜单位")
    with pytest.raises(ValidationError):
        services.competition_score_record(actor=cast.chair, entrant=a, indicator=output, value=Decimal(1))


def test_winners_are_named_only_once_the_competition_is_finished(cast):
    c = f.competition(cast.union, actor=cast.chair)
    with pytest.raises(ValidationError):
        services.competition_winner_name(actor=cast.chair, entrant=c.entrants.first(), title="优胜单位")


# ── mentorships and training ─────────────────────────────────────────────────

def test_a_mentor_takes_no_more_apprentices_than_the_union_allows(cast):
    services.union_rules_set(actor=cast.chair, org=cast.union, mentor_cap=1)
    services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record, apprentice=cast.member_record,
                              signed_on=dt.date(2025, 3, 1), ends_on=dt.date(2027, 2, 28), goals="独立操作转炉")
    other = f.member(cast.branch, "孙八")
    with pytest.raises(ValidationError, match="已达工会规定的上限"):
        services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record, apprentice=other,
                                  signed_on=dt.date(2025, 3, 1), ends_on=dt.date(2027, 2, 28), goals="x")


def test_an_agreement_runs_one_to_three_years(cast):
    for ends in (dt.date(2025, 9, 1), dt.date(2028, 6, 1)):
        with pytest.raises(ValidationError):
            services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record,
                                      apprentice=cast.member_record, signed_on=dt.date(2025, 3, 1), ends_on=ends, goals="x")


def test_a_course_records_who_attended_and_who_passed(cast):
    c = f.course(cast.union, actor=cast.chair)
    other = f.member(cast.branch, "周九")
    assert services.course_enrol(actor=cast.chair, course=c, members=[cast.member_record, cast.rep_record, other]) == 3
    assert services.course_enrol(actor=cast.chair, course=c, members=[cast.member_record]) == 0
    services.course_hold(actor=cast.chair, course=c, held_on=dt.date(2025, 4, 10),
                         attended=[cast.member_record.pk, cast.rep_record.pk])
    with pytest.raises(ValidationError):
        services.course_results_record(actor=cast.chair, course=c, scores={other.pk: Decimal(80)})
    passed = services.course_results_record(actor=cast.chair, course=c,
                                            scores={cast.member_record.pk: Decimal(85), cast.rep_record.pk: Decimal(50)})
    assert passed == 1


def test_calling_an_event_off_tells_everyone_signed_up_or_waiting_and_a_repeat_changes_nothing(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=1)
    services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY)
    services.event_cancel(actor=cast.chair, event=e, reason="场馆检修")
    services.event_cancel(actor=cast.chair, event=e, reason="场馆检修")
    assert Notice.objects.filter(title="活动取消：迎春杯乒乓球赛", body="场馆检修").count() == 2
    assert history_for(e).filter(action="state").count() == 1
    with pytest.raises(ValidationError, match="本活动报名已截止"):
        services.event_signup(actor=cast.chair, event=e, member=f.member(cast.branch, "吴十"), today=TODAY)
