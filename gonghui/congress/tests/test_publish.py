"""An election's result goes up on the notice board with its numbers, and the elected take their
seats on the committee it was for; once only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.congress import services
from gonghui.governance.models import Disclosure
from gonghui.orgs import services as orgs
from gonghui.orgs.models import Committee, CommitteeSeat

from .factories import DAY, election, session

pytestmark = pytest.mark.django_db


def counted_election(cast):
    """8 delegates, 2 seats, 3 candidates: one phone ballot, five paper ballots of which one marks
    three names (invalid). 甲 and 乙 get 5 votes for of 8 (more than half), 丙 none."""
    s = session(cast, delegates=8)
    delegates = list(s.delegates.all())
    e = election(cast, s, delegates, seats=2, candidates=3)
    a, b, c = list(e.candidates.filter(is_write_in=False))
    services.ballot_cast(actor=cast.member, election=e, marks={a.pk: "for", b.pk: "for", c.pk: "against"})
    services.paper_ballots_issue(actor=None, election=e, issued=6)
    for i in range(4):
        services.paper_ballot_enter(actor=None, election=e, marks={a.pk: "for", b.pk: "for", c.pk: "abstain"},
                                    entry_key=f"paper-{i}")
    services.paper_ballot_enter(actor=None, election=e, marks={a.pk: "for", b.pk: "for", c.pk: "for"}, entry_key="too-many")
    return s, delegates, services.election_close(actor=cast.chair, election=e), (a, b, c)


def test_the_result_is_published_with_every_number_and_the_elected_take_their_seats(cast):
    old = orgs.committee_create(actor=cast.chair, org=cast.union, kind="union", term_start=dt.date(2020, 4, 1))
    old_seat = orgs.committee_seat_assign(actor=cast.chair, committee=old, member=cast.rep_record, start=dt.date(2020, 4, 1))
    _s, _delegates, e, (a, b, c) = counted_election(cast)
    assert (e.returned, e.valid) == (6, 5)

    e = services.election_publish(actor=cast.chair, election=e, on=DAY)

    d = Disclosure.objects.get(pk=e.disclosure_id)
    assert d.published_on == DAY and d.category == "lists" and e.title in d.title
    assert "应到代表8人。发出选票7张，收回6张，其中有效票5张，无效票1张。" in d.body
    assert f"{a.name}：赞成5票，反对0票，弃权0票（当选）" in d.body
    assert f"{c.name}：赞成0票，反对1票，弃权4票" in d.body and f"{c.name}：赞成0票，反对1票，弃权4票（当选）" not in d.body
    assert "当选：" in d.body and "任期：2025年4月18日至2030年4月17日。" in d.body
    committee = Committee.objects.get(pk=e.committee_id)
    assert (committee.kind, committee.term_start, committee.term_end) == ("union", DAY, dt.date(2030, 4, 17))
    seated = set(CommitteeSeat.objects.filter(committee=committee, end__isnull=True).values_list("member__name", "title"))
    assert seated == {(a.name, "member"), (b.name, "member")}
    old_seat.refresh_from_db()
    assert old_seat.end == DAY - dt.timedelta(days=1)


def test_a_second_publish_is_refused_and_changes_nothing(cast):
    _s, _delegates, e, _abc = counted_election(cast)
    services.election_publish(actor=cast.chair, election=e, on=DAY)
    with pytest.raises(ValidationError, match="本次选举结果已经公布过"):
        services.election_publish(actor=cast.chair, election=e, on=DAY)
    assert Disclosure.objects.filter(title__contains=e.title).count() == 1
    assert Committee.objects.filter(org=cast.union, kind="union").count() == 1


def test_an_election_still_open_cannot_be_published(cast):
    s = session(cast, delegates=6)
    e = election(cast, s, list(s.delegates.all()), seats=1, candidates=2)
    with pytest.raises(ValidationError, match="只有已计票的选举才能公布结果"):
        services.election_publish(actor=cast.chair, election=e)
    assert not Disclosure.objects.exists()


def test_the_elected_chair_takes_the_chair_title_on_the_committee_in_office(cast):
    s, delegates, e, (a, _b, _c) = counted_election(cast)
    e = services.election_publish(actor=cast.chair, election=e, on=DAY)
    chair_vote = services.election_create(actor=cast.chair, session=s, title="工会主席选举", seats=1, held_on=DAY,
                                          mode="uncontested", fills="chair")
    services.candidate_add(actor=cast.chair, election=chair_vote, name="", member=a.member)
    services.teller_appoint(actor=cast.chair, election=chair_vote, delegate=delegates[2], role="scrutineer")
    services.teller_appoint(actor=cast.chair, election=chair_vote, delegate=delegates[3], role="counter")
    services.election_open(actor=cast.chair, election=chair_vote)
    services.paper_ballots_issue(actor=None, election=chair_vote, issued=6)
    for i in range(6):
        services.paper_ballot_enter(actor=None, election=chair_vote, marks={chair_vote.candidates.get().pk: "for"},
                                    entry_key=f"chair-{i}")
    chair_vote = services.election_close(actor=cast.chair, election=chair_vote)
    chair_vote = services.election_publish(actor=cast.chair, election=chair_vote, on=DAY)
    assert chair_vote.committee_id == e.committee_id
    open_seats = CommitteeSeat.objects.filter(committee_id=e.committee_id, member=a.member, end__isnull=True)
    assert list(open_seats.values_list("title", flat=True)) == ["chair"]


def test_a_chair_election_before_any_committee_is_refused_by_message(cast):
    s = session(cast, delegates=6)
    delegates = list(s.delegates.all())
    vote = services.election_create(actor=cast.chair, session=s, title="女职工委员会主任选举", seats=1, held_on=DAY,
                                    mode="uncontested", fills="chair", committee_kind="women")
    services.candidate_add(actor=cast.chair, election=vote, name="", member=delegates[5].member)
    services.teller_appoint(actor=cast.chair, election=vote, delegate=delegates[2], role="scrutineer")
    services.teller_appoint(actor=cast.chair, election=vote, delegate=delegates[3], role="counter")
    services.election_open(actor=cast.chair, election=vote)
    services.paper_ballots_issue(actor=None, election=vote, issued=5)
    for i in range(5):
        services.paper_ballot_enter(actor=None, election=vote, marks={vote.candidates.get().pk: "for"}, entry_key=f"w-{i}")
    vote = services.election_close(actor=cast.chair, election=vote)
    with pytest.raises(ValidationError, match="该委员会尚未选出"):
        services.election_publish(actor=cast.chair, election=vote)
    assert not Disclosure.objects.exists()


def test_a_term_outside_three_to_five_years_is_refused(cast):
    s = session(cast)
    with pytest.raises(ValidationError, match="3至5年"):
        services.election_create(actor=cast.chair, session=s, title="经审会选举", seats=3, held_on=DAY, term_years=7)


def test_the_chair_publishes_on_the_page_and_the_member_reads_it_on_the_notice_board(cast, client_as):
    _s, _delegates, e, _abc = counted_election(cast)
    client = client_as(cast.chair)
    page = client.get(f"/congress/elections/{e.pk}/").content.decode()
    assert "公布选举结果并确认当选人就任" in page
    client.post(f"/congress/elections/{e.pk}/publish/")
    e.refresh_from_db()
    assert e.disclosure_id is not None
    again = client.post(f"/congress/elections/{e.pk}/publish/", follow=True).content.decode()
    assert "本次选举结果已经公布过" in again
    board = client_as(cast.member).get(f"/governance/notices/{e.disclosure_id}/").content.decode()
    assert "发出选票7张，收回6张，其中有效票5张，无效票1张" in board


def test_the_api_publishes_once_and_refuses_the_repeat_with_the_message(cast, client_as):
    _s, _delegates, e, _abc = counted_election(cast)
    client = client_as(cast.chair)
    first = client.post(f"/api/v1/congress/elections/{e.pk}/publication")
    assert first.status_code == 200 and first.json()["disclosure_id"] and first.json()["committee_id"]
    again = client.post(f"/api/v1/congress/elections/{e.pk}/publication")
    assert again.status_code == 422 and "已经公布过" in str(again.json()["detail"])
    assert client_as(cast.outsider).post(f"/api/v1/congress/elections/{e.pk}/publication").status_code == 404


def test_the_result_is_under_public_notice_for_five_working_days_and_takes_objections_only_then(cast):
    from gonghui.governance import services as governance

    _s, _delegates, e, _abc = counted_election(cast)
    e = services.election_publish(actor=cast.chair, election=e, on=DAY)   # a Friday
    d = Disclosure.objects.get(pk=e.disclosure_id)
    assert d.notice_until == dt.date(2025, 4, 25)   # Mon 21 … Fri 25: five working days
    objection = governance.objection_raise(author=cast.member, disclosure=d, text="计票有误", today=dt.date(2025, 4, 25))
    assert objection.disclosure_id == d.pk
    with pytest.raises(ValidationError, match="公示期已结束"):
        governance.objection_raise(author=cast.member, disclosure=d, text="计票有误", today=dt.date(2025, 4, 26))


def test_the_office_may_set_its_own_notice_end_over_the_api(cast, client_as):
    _s, _delegates, e, _abc = counted_election(cast)
    client = client_as(cast.chair)
    until = dt.date.today() + dt.timedelta(days=10)
    assert client.post(f"/api/v1/congress/elections/{e.pk}/publication?notice_until={until}").status_code == 200
    e.refresh_from_db()
    assert Disclosure.objects.get(pk=e.disclosure_id).notice_until == until
    page = client.get(f"/congress/elections/{e.pk}/").content.decode()
    assert f"公示至{until.year}年{until.month}月{until.day}日" in page
