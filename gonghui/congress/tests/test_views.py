import datetime as dt
import json

import pytest

from gonghui.congress import services
from gonghui.congress.models import Ballot, CongressSession, Motion

from .factories import assigned_motion, election, session

pytestmark = pytest.mark.django_db


def test_the_chair_opens_a_session_and_sees_the_composition_checked(cast, client_as):
    client = client_as(cast.chair)
    response = client.post("/congress/sessions/new/", {
        "org": cast.union.pk, "kind": "workers", "term": 1, "sitting": 1, "title": "", "date": "2025-04-18",
        "headcount": 400, "women_on_roll": 100})
    s = CongressSession.objects.get()
    assert response.status_code == 302 and s.body == "workers_congress"
    client.post(f"/congress/sessions/{s.pk}/delegates/", {"member": cast.member_record.pk, "category": "management"})
    page = client.get(f"/congress/sessions/{s.pk}/").content.decode()
    assert "张三" in page and "职工代表的构成" in page and "一线职工" in page


def test_the_page_is_in_chinese_with_chinese_dates(cast, client_as):
    s = session(cast, delegates=3)
    page = client_as(cast.chair).get(f"/congress/sessions/{s.pk}/").content.decode()
    assert "2025年4月18日" in page and "职工代表大会" in page


def test_a_delegate_votes_on_the_phone_and_gets_a_receipt_once(cast, client_as):
    s = session(cast, delegates=8)
    e = election(cast, s, list(s.delegates.all()))
    client = client_as(cast.member)
    a = e.candidates.first()
    assert client.get(f"/congress/elections/{e.pk}/ballot/").status_code == 200
    client.post(f"/congress/elections/{e.pk}/ballot/", {f"c{a.pk}": "for"})
    page = client.get(f"/congress/elections/{e.pk}/").content.decode()
    receipt = page.split('class="figure">')[1].split("<")[0]
    assert len(receipt) == 10 and Ballot.objects.filter(election=e).count() == 1
    assert receipt not in client.get(f"/congress/elections/{e.pk}/").content.decode()
    response = client.post(f"/congress/elections/{e.pk}/receipt/", {"code": receipt}, follow=True)
    assert "有效选票" in response.content.decode()


def test_a_member_who_is_no_delegate_cannot_find_the_election(cast, client_as):
    s = session(cast, delegates=0)
    services.delegate_add(actor=cast.chair, session=s, member=cast.rep_record, category="frontline")
    e = services.election_create(actor=cast.chair, session=s, title="选举", seats=1, held_on=dt.date(2025, 4, 18))
    assert client_as(cast.member).get(f"/congress/elections/{e.pk}/").status_code == 404


def test_the_handling_cadre_answers_and_the_proposer_rates_on_the_pages(cast, client):
    s = session(cast, delegates=5)
    m = assigned_motion(cast, s, list(s.delegates.all()))
    client.force_login(cast.cadre)
    assert client.get("/congress/motions/").content.decode().count(f"/congress/motions/{m.pk}/") == 1
    client.post(f"/congress/motions/{m.pk}/answer/", {"text": "已落实。"})
    client.force_login(cast.member)
    client.post(f"/congress/motions/{m.pk}/rate/", {"rating": "satisfied"})
    m.refresh_from_db()
    assert (m.status, m.rating) == ("closed", "satisfied")


def test_a_member_posting_a_decision_is_refused(cast, client_as):
    s = session(cast, delegates=5)
    m = services.motion_submit(actor=cast.member, session=s, title="增设饮水机", reasons="x", proposal="x")
    assert client_as(cast.member).post(f"/congress/motions/{m.pk}/decide/", {"accept": "yes"}).status_code == 403
    assert Motion.objects.get(pk=m.pk).status == "submitted"


def test_the_api_casts_a_ballot_and_answers_with_the_receipt(cast, client_as):
    s = session(cast, delegates=8)
    e = election(cast, s, list(s.delegates.all()))
    a = e.candidates.first()
    client = client_as(cast.member)
    response = client.post(f"/api/v1/congress/elections/{e.pk}/ballots", json.dumps({"marks": {str(a.pk): "for"}}),
                           content_type="application/json")
    assert response.status_code == 201 and len(response.json()["receipt"]) == 10
    again = client.post(f"/api/v1/congress/elections/{e.pk}/ballots", json.dumps({"marks": {}}), content_type="application/json")
    assert again.status_code == 422


def test_the_api_shows_the_composition_of_a_session(cast, client_as):
    s = session(cast, delegates=4)
    body = client_as(cast.chair).get(f"/api/v1/congress/sessions/{s.pk}").json()
    assert body["composition"]["delegates"] == 4 and body["body"] == "workers_congress"


def test_the_api_refuses_a_member_closing_an_item_with_the_message(cast, client_as):
    s = session(cast, delegates=3)
    item = services.resolution_add(actor=cast.chair, session=s, title="审议")
    response = client_as(cast.member).post(f"/api/v1/congress/resolutions/{item.pk}/close")
    assert response.status_code == 403 and "无权" in response.json()["detail"]


def test_the_motion_list_asks_the_same_queries_for_three_motions_or_nine(cast, client_as, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import motion as a_motion

    s = session(cast, delegates=5)
    client = client_as(cast.chair)
    counts = []
    for n in (3, 9):
        while s.motions.count() < n:
            a_motion(cast, s, title=f"提案{s.motions.count()}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/congress/motions/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_summary_asks_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    from gonghui.congress import summary
    from gonghui.core.summary import Period

    s = session(cast, delegates=5)
    assigned_motion(cast, s, list(s.delegates.all()))
    with django_assert_max_num_queries(12):
        summary.sections(org=cast.union, period=Period.year(2025))
