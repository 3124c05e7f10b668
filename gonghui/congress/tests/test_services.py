import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.congress import selectors, services
from gonghui.congress.models import Ballot, Candidate, MotionAnswer, ResolutionVote, Voted
from gonghui.core.history import history_for
from gonghui.core.models import HistoryEntry
from gonghui.core.scoping import NotAllowed

from .factories import DAY, assigned_motion, delegates_add, election, motion, seconded_motion, session

pytestmark = pytest.mark.django_db


def test_a_small_roll_gets_a_general_assembly_and_a_repeat_create_is_a_no_op(cast):
    s = services.session_create(actor=cast.chair, org=cast.union, term=1, sitting=1, title="", date=DAY, headcount=80)
    again = services.session_create(actor=cast.chair, org=cast.union, term=1, sitting=1, title="", date=DAY, headcount=80)
    assert s.pk == again.pk and s.body == "workers_assembly"
    assert history_for(s).count() == 1


def test_an_outsider_may_not_open_a_session_for_benbu(cast):
    with pytest.raises(NotAllowed, match="您无权在此进行该操作"):
        services.session_create(actor=cast.outsider, org=cast.union, term=1, sitting=1, title="", date=DAY, headcount=80)


def test_the_composition_is_checked_against_the_rules_before_the_session(cast):
    s = session(cast)
    delegates_add(cast, s, 10, frontline=4, management=3, women=1)
    c = selectors.composition(s)
    assert c.delegates == 10 and set(c.problems) >= {"frontline", "management", "women"}
    assert "一线职工4名，规定应不少于半数" in " ".join(selectors.composition_problems(c))


def test_a_resolution_is_counted_from_recorded_votes(cast):
    s = session(cast, delegates=6)
    services.session_set_status(actor=cast.chair, session=s, status="open")
    item = services.resolution_add(actor=cast.chair, session=s, title="审议《集体合同》")
    delegates = list(s.delegates.all())
    for i, d in enumerate(delegates[:5]):
        services.resolution_vote(actor=cast.chair, resolution=item, delegate=d, choice="for" if i < 4 else "against",
                                 idempotency_key=f"k{i}")
    item = services.resolution_close(actor=cast.chair, resolution=item)
    assert (item.present, item.votes_for, item.delegates, item.status) == (5, 4, 6, "passed")


def test_a_repeated_vote_with_the_same_key_is_recorded_once(cast):
    s = session(cast, delegates=3)
    services.session_set_status(actor=cast.chair, session=s, status="open")
    item = services.resolution_add(actor=cast.chair, session=s, title="审议工作报告")
    first = services.resolution_vote(actor=cast.member, resolution=item, choice="for", idempotency_key="same")
    again = services.resolution_vote(actor=cast.member, resolution=item, choice="against", idempotency_key="same")
    assert first.pk == again.pk and ResolutionVote.objects.count() == 1


def test_a_delegate_cannot_vote_for_another_delegate(cast):
    s = session(cast, delegates=3)
    services.session_set_status(actor=cast.chair, session=s, status="open")
    item = services.resolution_add(actor=cast.chair, session=s, title="审议工作报告")
    other = s.delegates.exclude(member=cast.member_record).first()
    with pytest.raises(NotAllowed, match="无权"):
        services.resolution_vote(actor=cast.member, resolution=item, delegate=other, choice="for", idempotency_key="x")


def test_a_motion_needs_two_seconders_before_it_is_accepted(cast):
    s = session(cast, delegates=5)
    m = motion(cast, s)
    services.motion_second(actor=cast.rep, motion=m)
    with pytest.raises(ValidationError, match="两名以上代表附议"):
        services.motion_decide(actor=cast.chair, motion=m, accept=True)


def test_the_proposer_cannot_second_their_own_motion(cast):
    s = session(cast, delegates=3)
    m = motion(cast, s)
    with pytest.raises(ValidationError):
        services.motion_second(actor=cast.member, motion=m)


def test_a_motion_not_accepted_needs_a_reason(cast):
    s = session(cast, delegates=5)
    m = motion(cast, s)
    with pytest.raises(ValidationError):
        services.motion_decide(actor=cast.chair, motion=m, accept=False)
    m = services.motion_decide(actor=cast.chair, motion=m, accept=False, reason="属日常管理事项，转合理化建议办理")
    assert m.status == "converted"


def test_a_motion_goes_round_from_answer_to_supervision_and_back(cast):
    s = session(cast, delegates=5)
    m = assigned_motion(cast, s, list(s.delegates.all()))
    services.motion_answer(actor=cast.cadre, motion=m, text="已列入三季度检修计划。", on=dt.date(2025, 6, 1))
    m = services.motion_rate(actor=cast.member, motion=m, rating="unsatisfied", today=dt.date(2025, 6, 2))
    assert m.status == "supervised" and m.deadline == dt.date(2025, 7, 2)
    services.motion_answer(actor=cast.cadre, motion=m, text="排风扇已安装，暖气片十月前到位。", on=dt.date(2025, 6, 20))
    m = services.motion_rate(actor=cast.member, motion=m, rating="basically")
    assert m.status == "closed"
    assert list(MotionAnswer.objects.filter(motion=m).values_list("round", flat=True)) == [1, 2]
    assert cast.member.notices.count() == 2


def test_only_the_proposer_rates_the_answer(cast):
    s = session(cast, delegates=5)
    m = assigned_motion(cast, s, list(s.delegates.all()))
    services.motion_answer(actor=cast.cadre, motion=m, text="已办理。")
    with pytest.raises(NotAllowed, match="无权"):
        services.motion_rate(actor=cast.rep, motion=m, rating="satisfied")


def test_a_department_not_handling_the_motion_may_not_answer_it(cast):
    s = session(cast, delegates=5)
    m = seconded_motion(cast, s, list(s.delegates.all()))
    services.motion_decide(actor=cast.chair, motion=m, accept=True)
    services.motion_assign(actor=cast.chair, motion=m, lead=cast.other_branch, deadline=dt.date(2025, 6, 30))
    with pytest.raises(NotAllowed, match="无权"):
        services.motion_answer(actor=cast.cadre, motion=m, text="x")


def test_the_handling_department_sees_only_its_motions(cast):
    s = session(cast, delegates=5)
    delegates = list(s.delegates.all())
    mine = assigned_motion(cast, s, delegates)
    other = seconded_motion(cast, s, delegates, title="增加夜班餐补")
    assert list(selectors.motion_list(visible_to=cast.cadre)) == [mine]
    assert set(selectors.motion_list(visible_to=cast.chair)) == {mine, other}


def test_an_overdue_answer_waits_in_the_cadres_attention(cast):
    s = session(cast, delegates=5)
    assigned_motion(cast, s, list(s.delegates.all()), deadline=dt.date(2020, 1, 1))
    motions, contracts = selectors.attention(visible_to=cast.cadre)
    assert (motions.count, contracts.count) == (1, 0)
    assert selectors.attention(visible_to=cast.outsider)[0].count == 0


def test_a_secret_ballot_keeps_no_path_to_the_voter(cast):
    s = session(cast, delegates=8)
    e = election(cast, s, list(s.delegates.all()))
    [a, b, c] = list(e.candidates.all())
    receipt = services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for", b.pk: "for", c.pk: "against"})
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    assert not ballot_fields & {"delegate", "voter", "user", "created_at", "cast_at"}
    assert Voted.objects.filter(election=e).count() == 1
    assert not HistoryEntry.objects.filter(actor=cast.member).exists()
    assert selectors.receipt_counted(election=e, code=receipt)
    assert receipt not in Ballot.objects.get(election=e).receipt_hash  # only its hash is kept
    assert not selectors.receipt_counted(election=e, code="WRONGCODE1")
    with pytest.raises(ValidationError, match="您已在本次选举中投过票"):
        services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for"})


def test_a_ballot_marking_more_names_than_seats_is_invalid(cast):
    s = session(cast, delegates=8)
    e = election(cast, s, list(s.delegates.all()))
    [a, b, c] = list(e.candidates.all())
    services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for", b.pk: "for", c.pk: "for"})
    assert not Ballot.objects.get(election=e).is_valid


def test_a_teller_may_not_stand_and_a_candidate_may_not_count(cast):
    s = session(cast, delegates=8)
    delegates = list(s.delegates.all())
    e = election(cast, s, delegates, open_it=False)
    with pytest.raises(ValidationError):
        services.candidate_add(actor=cast.chair, election=e, name="", member=delegates[2].member)
    with pytest.raises(ValidationError):
        services.teller_appoint(actor=cast.chair, election=e, delegate=delegates[-1], role="counter")


def test_an_election_closes_with_the_tally_of_phone_and_paper_ballots(cast):
    s = session(cast, delegates=6)
    delegates = list(s.delegates.all())
    e = election(cast, s, delegates, seats=1, candidates=2)
    [a, b] = list(e.candidates.all())
    services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for", b.pk: "against"})
    teller = delegates[2].member
    from gonghui.accounts.services import user_create
    teller_user = user_create(actor=None, username="teller", password="pw-teller", display_name=teller.name)
    from gonghui.members.services import member_link_user
    member_link_user(actor=None, member=teller, user=teller_user)
    services.paper_ballots_issue(actor=teller_user, election=e, issued=5)
    for i in range(4):
        services.paper_ballot_enter(actor=teller_user, election=e, marks={a.pk: "for"}, entry_key=f"p{i}")
    services.paper_ballot_enter(actor=teller_user, election=e, marks={a.pk: "for"}, entry_key="p0")  # a double click
    services.paper_ballot_enter(actor=teller_user, election=e, marks={}, write_ins=["王五"], entry_key="p9")
    assert not Candidate.objects.filter(name="王五").exists()  # a written-in name becomes a row only at the count
    e = services.election_close(actor=cast.chair, election=e)
    assert (e.status, e.returned, e.valid, e.quorum_met) == ("closed", 6, 6, True)
    a.refresh_from_db()
    assert a.elected and a.votes_for == 5
    assert Candidate.objects.get(election=e, name="王五").votes_for == 1
    assert selectors.tally_differences(e) == []


def test_the_tally_command_finds_a_tampered_result(cast):
    from io import StringIO

    from django.core.management import call_command

    s = session(cast, delegates=6)
    e = election(cast, s, list(s.delegates.all()), seats=1, candidates=2)
    [a, _b] = list(e.candidates.all())
    services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for"})
    e = services.election_close(actor=cast.chair, election=e)
    out = StringIO()
    call_command("tally", str(e.pk), stdout=out)
    assert "agrees with the announced result" in out.getvalue()
    Candidate.objects.filter(pk=a.pk).update(votes_for=99)
    with pytest.raises(SystemExit):
        call_command("tally", str(e.pk), stdout=out)


def test_an_appraisal_counts_bands_per_cadre_and_dimension_anonymously(cast):
    s = session(cast, delegates=3)
    ap = services.appraisal_create(actor=cast.chair, session=s, title="2025年度民主测评", held_on=DAY)
    cadre = services.appraisee_add(actor=cast.chair, appraisal=ap, name="王建国", post="工会主席", report="一年来……")
    marks = {cadre.pk: {d: "excellent" for d in ap.dimensions}}
    services.appraisal_rate(actor=cast.member, appraisal=ap, marks=marks)
    marks[cadre.pk]["廉政建设"] = "competent"
    services.appraisal_rate(actor=cast.rep, appraisal=ap, marks=marks)
    with pytest.raises(ValidationError):
        services.appraisal_rate(actor=cast.rep, appraisal=ap, marks=marks)
    [result] = selectors.appraisal_results(ap)
    assert result.by_dimension["廉政建设"] == {"excellent": 1, "competent": 1, "basic": 0, "incompetent": 0}
    assert result.band == "excellent" and result.good_share == 100


def test_a_member_who_is_no_delegate_may_not_rate(cast):
    s = session(cast, delegates=0)
    ap = services.appraisal_create(actor=cast.chair, session=s, title="测评", held_on=DAY)
    with pytest.raises(NotAllowed, match="无权"):
        services.appraisal_rate(actor=cast.member, appraisal=ap, marks={})


def test_closing_the_vote_stores_the_ballots_again_under_new_keys(cast):
    s = session(cast, delegates=8)
    e = election(cast, s, list(s.delegates.all()))
    [a, b, c] = list(e.candidates.all())
    receipt = services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for", b.pk: "against"})
    services.ballot_cast(actor=cast.rep, election=e, marks={c.pk: "for"})
    before = set(Ballot.objects.filter(election=e).values_list("id", flat=True))
    services.election_close(actor=cast.chair, election=e)
    after = set(Ballot.objects.filter(election=e).values_list("id", flat=True))
    assert len(after) == 2 and not before & after
    assert selectors.receipt_counted(election=e, code=receipt)
    assert not HistoryEntry.objects.filter(actor__in=[cast.member, cast.rep]).exists()
