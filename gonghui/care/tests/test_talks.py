"""Talks and home visits (谈心家访): kept by the union's own cadres, seen by nobody else, not even the federation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.care import services
from gonghui.care.forms import TalkFilterForm
from gonghui.care.models import Talk
from gonghui.care.selectors import talk_figures
from gonghui.core.history import history_for
from gonghui.core.scoping import NotAllowed

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_talks_are_seen_only_by_the_unions_cadres(cast, client_as):
    chair = client_as(cast.chair)
    chair.post("/care/talks/", {"member": "张三", "kind": "home_visit", "date": "2025-03-01", "topic": "家属住院", "outcome": "已慰问"})
    assert Talk.objects.get().recorded_by == cast.chair
    assert "家属住院" in chair.get("/care/talks/").content.decode()
    assert client_as(cast.member).get("/care/talks/").status_code == 404
    assert "家属住院" not in client_as(cast.outsider).get("/care/talks/").content.decode()
    assert talk_figures(org=cast.union, start=YEAR[0], end=YEAR[1]) == {"talks": 0, "visits": 1}


def test_a_talk_cannot_be_recorded_in_the_future(cast):
    with pytest.raises(ValidationError, match="须在发生后登记"):
        services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date.today() + dt.timedelta(days=3), topic="x")


def test_a_federation_officer_does_not_read_a_unions_talks(cast, client_as):
    services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="家庭困难")
    assert "家庭困难" not in client_as(cast.fed).get("/care/talks/").content.decode()
    with pytest.raises(NotAllowed):
        services.talk_record(actor=cast.fed, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="x")


def test_the_old_voice_link_to_talks_moves_permanently_to_care(cast, client_as):
    answer = client_as(cast.chair).get("/voice/talks/?kind=talk")
    assert answer.status_code == 301 and answer["Location"] == "/care/talks/?kind=talk"


def test_a_talk_keeps_its_history_row_in_its_new_app(cast):
    talk = services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="谈心")
    rows = list(history_for(talk))
    assert len(rows) == 1 and rows[0].changes["topic"] == "谈心"


def test_a_talk_filter_drops_a_kind_that_does_not_exist():
    assert TalkFilterForm({"kind": "gossip"}).filters() == {"q": "", "kind": None}


def test_talks_are_recorded_and_listed_over_the_api(cast, client_as):
    chair = client_as(cast.chair)
    made = chair.post("/api/v1/care/talks", {"member_id": cast.member_record.pk, "kind": "talk", "date": "2025-05-01",
                                             "topic": "岗位调整"}, content_type="application/json")
    assert made.status_code == 201
    assert [t["topic"] for t in chair.get("/api/v1/care/talks").json()["items"]] == ["岗位调整"]
    assert client_as(cast.fed).get("/api/v1/care/talks").json()["items"] == []


def test_the_work_summary_still_counts_the_talks_and_home_visits(cast):
    from gonghui.care.summary import sections
    from gonghui.core.summary import Period

    services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="谈心")
    services.talk_record(actor=cast.chair, member=cast.member_record, kind="home_visit", date=dt.date(2025, 4, 1), topic="家访")
    [section] = sections(org=cast.union, period=Period.year(2025))
    figure = next(f for f in section.figures if f.key == "care.talks")
    assert figure.value == 2 and figure.text == "2人次"
