"""What the demo (`gonghui demo-data`) gives each login in the activities, dated from the demo's day
(loaded here on 2025-12-31, the scenario's own last day: its 2025 undisturbed)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from gonghui.activities.models import Competition, Honour, Patent

pytestmark = pytest.mark.django_db



@pytest.fixture
def demo(time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 31, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    call_command("demo-data", stdout=io.StringIO())


def login(username):
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": "gonghui-demo"}).status_code == 302
    return client


def test_the_member_finds_events_to_sign_up_for_and_the_star_board(demo):
    member = login("member")
    page = member.get("/activities/join/").content.decode()
    assert "职工迎新年乒乓球比赛" in page and "劳模疗休养（一日游）" in page
    stars = member.get("/activities/stars/").content.decode()
    assert "2025年度最佳实践者" in stars and "市劳动模范" in stars
    assert Honour.objects.filter(kind="best_practitioner", status="awarded").count() == 220


def test_the_chair_finds_a_ranked_competition_a_patent_and_what_waits(demo):
    chair = login("chair")
    competition = Competition.objects.get(status="finished")
    page = chair.get(f"/activities/competitions/{competition.pk}/").content.decode()
    assert "优胜单位" in page and competition.entrants.filter(rank=1).exists()
    assert Patent.objects.filter(kind="utility").count() == 2
    assert "超过90天未做阶段检查的师徒" in chair.get("/").content.decode()


def test_the_outsider_sees_none_of_benbu_s_activities(demo):
    outsider = login("outsider")
    assert "职工迎新年乒乓球比赛" not in outsider.get("/activities/join/").content.decode()
    assert "最佳实践者" not in outsider.get("/activities/stars/").content.decode()


def test_the_member_books_a_demo_facility_and_sees_the_contest_s_photos(demo):
    from django.utils import timezone

    from gonghui.activities.models import Event, Facility

    member = login("member")
    page = member.get("/activities/rooms/").content.decode()
    assert "职工书屋" in page and "图书 3,200册" in page and "职工健身房" in page
    room = Facility.objects.get(name="职工书屋")
    day = timezone.localdate() + dt.timedelta(days=1)
    response = member.post(f"/activities/rooms/{room.pk}/", {"on": day.isoformat(), "starts_at": "08:00", "ends_at": "09:00",
                                                             "people": 1}, follow=True)
    assert "预约成功。" in response.content.decode()
    karaoke = Event.objects.get(title="卡拉OK大赛")
    assert karaoke.cost_entry_id and karaoke.photos.count() == 3
    assert "颁奖合影" in member.get(f"/activities/join/{karaoke.pk}/").content.decode()
    chair = login("chair")
    assert "职工书屋" in chair.get("/activities/facilities/week/").content.decode()
