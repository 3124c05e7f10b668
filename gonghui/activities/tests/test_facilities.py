"""The union's facilities: what they hold, when they open, and members booking slots on a phone."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.activities import services
from gonghui.activities.models import Booking
from gonghui.core.scoping import NotAllowed

pytestmark = pytest.mark.django_db

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"}
T = dt.time


def tomorrow():
    day = timezone.localdate() + dt.timedelta(days=1)
    return day


def library(cast, **extra):
    return services.facility_create(actor=cast.chair, org=cast.union, name=extra.pop("name", "职工书屋"), kind="reading_room",
                                    opens_at=T(8), closes_at=T(21), place="职工之家二楼",
                                    items=services.items_parsed("图书 3,200册\n阅览座位 40个"), **extra)


def book(cast, facility, start=9, end=11, actor=None, member=None, **extra):
    return services.facility_book(actor=actor or cast.member, facility=facility, member=member or cast.member_record,
                                  on=extra.pop("on", tomorrow()), starts_at=T(start), ends_at=T(end), **extra)


def test_a_facility_states_what_it_holds_and_when_it_opens(cast):
    room = library(cast)
    assert [(i.name, i.quantity, i.unit) for i in room.items.all()] == [("图书", 3200, "册"), ("阅览座位", 40, "个")]
    assert (room.opens_at, room.closes_at, room.open_days) == (T(8), T(21), "1234567")


def test_an_inventory_line_that_is_not_name_quantity_unit_is_refused_by_its_line_number():
    with pytest.raises(ValidationError, match="第2行"):
        services.items_parsed("图书 3200册\n乒乓球台")


def test_a_member_books_a_slot_and_a_repeat_of_the_same_request_keeps_one_booking(cast):
    room = library(cast)
    first = book(cast, room)
    again = book(cast, room)
    assert first.pk == again.pk and Booking.objects.count() == 1


def test_a_slot_that_overlaps_a_confirmed_booking_is_refused_and_one_that_touches_it_is_not(cast):
    room = library(cast)
    book(cast, room, 9, 11)
    with pytest.raises(ValidationError, match="09:00–11:00已被预约"):
        book(cast, room, 10, 12, actor=cast.rep, member=cast.rep_record)
    assert book(cast, room, 11, 12, actor=cast.rep, member=cast.rep_record).starts_at == T(11)


def test_a_cancelled_slot_can_be_booked_again(cast):
    room = library(cast)
    services.booking_cancel(actor=cast.member, booking=book(cast, room))
    assert book(cast, room, actor=cast.rep, member=cast.rep_record).status == "confirmed"


def test_a_slot_outside_the_opening_hours_or_on_a_closed_day_is_refused(cast):
    room = library(cast, open_days="12345")
    today = timezone.localdate()
    monday = today + dt.timedelta(days=7 - today.weekday())
    with pytest.raises(ValidationError, match="开放时间为08:00–21:00"):
        book(cast, room, 7, 9, on=monday)
    saturday = monday + dt.timedelta(days=5)
    with pytest.raises(ValidationError, match="当天不开放"):
        book(cast, room, on=saturday)


def test_a_member_may_not_book_for_someone_else(cast):
    room = library(cast)
    with pytest.raises(NotAllowed):
        book(cast, room, actor=cast.member, member=cast.rep_record)


def test_the_outsider_cannot_create_a_facility_of_benbu(cast):
    with pytest.raises(NotAllowed):
        services.facility_create(actor=cast.outsider, org=cast.union, name="健身房", kind="gym", opens_at=T(8), closes_at=T(20))


# ── pages ────────────────────────────────────────────────────────────────────

def test_a_member_books_a_facility_on_a_phone_and_sees_it_under_my_bookings(cast, client_as):
    room = library(cast)
    client = client_as(cast.member)
    page = client.get("/activities/rooms/", **PHONE).content.decode()
    assert 'name="viewport"' in page and "职工书屋" in page and "图书 3,200册" in page and "08:00–21:00" in page
    response = client.post(f"/activities/rooms/{room.pk}/", {"on": tomorrow().isoformat(), "starts_at": "09:00",
                                                               "ends_at": "10:30", "people": 2, "purpose": "读书会"},
                           follow=True, **PHONE)
    assert "预约成功。" in response.content.decode()
    page = client.get("/activities/rooms/").content.decode()
    assert "我的预约" in page and "09:00–10:30" in page


def test_a_double_submit_of_the_booking_form_leaves_one_booking(cast, client_as):
    room = library(cast)
    client = client_as(cast.member)
    data = {"on": tomorrow().isoformat(), "starts_at": "09:00", "ends_at": "10:00", "people": 1}
    client.post(f"/activities/rooms/{room.pk}/", data)
    client.post(f"/activities/rooms/{room.pk}/", data)
    assert Booking.objects.filter(status="confirmed").count() == 1


def test_an_overlapping_booking_on_the_page_is_refused_by_message(cast, client_as):
    room = library(cast)
    book(cast, room, 9, 11, actor=cast.rep, member=cast.rep_record)
    page = client_as(cast.member).post(f"/activities/rooms/{room.pk}/", {
        "on": tomorrow().isoformat(), "starts_at": "10:00", "ends_at": "12:00", "people": 1}).content.decode()
    assert "09:00–11:00已被预约，请另选时间。" in page
    assert Booking.objects.count() == 1


def test_the_cadre_sees_the_week_with_who_booked(cast, client_as):
    room = library(cast)
    book(cast, room, 9, 11, purpose="读书会")
    page = client_as(cast.chair).get(f"/activities/facilities/week/?week={tomorrow().isoformat()}").content.decode()
    assert "职工书屋" in page and "09:00–11:00" in page and cast.member_record.name in page and "读书会" in page


def test_a_cadre_creates_a_facility_with_its_inventory_from_the_form(cast, client_as):
    client_as(cast.chair).post("/activities/facilities/new/", {
        "org": cast.union.pk, "name": "健身房", "kind": "gym", "opens_at": "06:30", "closes_at": "22:00",
        "open_days": ["1", "2", "3", "4", "5"], "capacity": 30, "items": "跑步机 6台\n乒乓球台 4张"})
    page = client_as(cast.chair).get("/activities/facilities/").content.decode()
    assert "健身房" in page and "跑步机 6台、乒乓球台 4张" in page and "周一、周二、周三、周四、周五" in page


def test_the_outsider_reaches_no_facility_nor_booking_of_benbu(cast, client_as):
    room = library(cast)
    b = book(cast, room)
    client = client_as(cast.outsider)
    assert client.get(f"/activities/rooms/{room.pk}/").status_code == 404
    assert client.post(f"/activities/rooms/bookings/{b.pk}/cancel/").status_code == 404
    assert client.post(f"/activities/facilities/bookings/{b.pk}/cancel/").status_code == 404
    assert client.post(f"/api/v1/activities/facilities/{room.pk}/bookings", {"on": tomorrow().isoformat(), "starts_at": "12:00",
                                                                              "ends_at": "13:00"},
                       content_type="application/json").status_code == 404
    assert client.post(f"/api/v1/activities/bookings/{b.pk}/cancel").status_code == 404
    assert "职工书屋" not in client.get("/activities/facilities/week/").content.decode()
    assert Booking.objects.get().status == "confirmed"


# ── API ──────────────────────────────────────────────────────────────────────

def test_the_api_books_lists_and_cancels_and_refuses_an_overlap_by_message(cast, client_as):
    room = library(cast)
    client = client_as(cast.member)
    listed = client.get("/api/v1/activities/facilities").json()
    assert listed[0]["items"][0] == {"name": "图书", "quantity": 3200, "unit": "册"}
    body = {"on": tomorrow().isoformat(), "starts_at": "09:00", "ends_at": "10:00"}
    made = client.post(f"/api/v1/activities/facilities/{room.pk}/bookings", body, content_type="application/json")
    assert made.status_code == 201
    clash = client_as(cast.rep).post(f"/api/v1/activities/facilities/{room.pk}/bookings", {**body, "starts_at": "09:30",
                                                                                           "ends_at": "10:30"},
                                     content_type="application/json")
    assert clash.status_code == 422 and "已被预约" in str(clash.json())
    client = client_as(cast.member)
    assert [b["id"] for b in client.get("/api/v1/activities/bookings/mine").json()] == [made.json()["id"]]
    assert client.post(f"/api/v1/activities/bookings/{made.json()['id']}/cancel").json()["status"] == "cancelled"
    week = client_as(cast.chair).get(f"/api/v1/activities/facilities/week?week={tomorrow().isoformat()}").json()
    assert len(week) == 7


# ── the summary ──────────────────────────────────────────────────────────────

def test_the_summary_states_the_facilities_and_how_often_they_were_used(cast):
    from gonghui.activities.summary import sections
    from gonghui.core.summary import Period

    room = library(cast)
    book(cast, room, people=3)
    book(cast, room, 12, 13, actor=cast.rep, member=cast.rep_record)
    day = tomorrow()
    section, = sections(org=cast.union, period=Period.year(day.year))
    text = "".join(section.paragraphs)
    assert "职工书屋" in text and "预约使用2次、4人次" in text
    figures = {fig.key: fig.value for fig in section.figures}
    assert figures["activities.facilities.bookings"] == 2 and figures["activities.facilities.people"] == 4


def test_the_week_page_and_the_members_page_read_the_same_number_of_times_however_many_bookings(cast, client_as,
                                                                                              django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = library(cast)
    book(cast, room, 9, 10)
    chair, week = client_as(cast.chair), f"/activities/facilities/week/?week={tomorrow().isoformat()}"
    with CaptureQueriesContext(connection) as one:
        chair.get(week)
    for hour in range(10, 20):
        book(cast, room, hour, hour + 1, actor=cast.rep, member=cast.rep_record)
    with django_assert_max_num_queries(len(one.captured_queries)):
        chair.get(week)
    member = client_as(cast.member)
    with CaptureQueriesContext(connection) as few:
        member.get(f"/activities/rooms/{room.pk}/")
    book(cast, room, 20, 21, actor=cast.rep, member=cast.rep_record)
    with django_assert_max_num_queries(len(few.captured_queries)):
        member.get(f"/activities/rooms/{room.pk}/")


def test_a_cadre_changes_the_hours_and_the_inventory_and_the_history_says_so(cast, client_as):
    from gonghui.core.history import history_for

    room = library(cast)
    client = client_as(cast.chair)
    client.post(f"/activities/facilities/{room.pk}/edit/", {
        "name": "职工书屋", "kind": "reading_room", "place": "职工之家二楼", "opens_at": "09:00", "closes_at": "20:00",
        "open_days": ["1", "2", "3", "4", "5", "6"], "capacity": 40, "active": "on", "items": "图书 3500册\n阅览座位 40个"})
    room.refresh_from_db()
    assert (room.opens_at, room.closes_at, room.open_days, room.capacity) == (T(9), T(20), "123456", 40)
    assert [(i.name, i.quantity) for i in room.items.all()] == [("图书", 3500), ("阅览座位", 40)]
    entry = history_for(room).first()
    assert "opens_at" in entry.changes and entry.changes["items"][1] == "图书 3500册、阅览座位 40个"
    with pytest.raises(ValidationError, match="关闭时间早于开放时间"):
        services.facility_update(actor=cast.chair, facility=room, changes={"closes_at": T(7)})
    room.refresh_from_db()
    assert room.closes_at == T(20)


def test_a_facility_that_stops_taking_bookings_refuses_new_ones(cast, client_as):
    room = library(cast)
    response = client_as(cast.chair).patch(f"/api/v1/activities/facilities/{room.pk}", {"active": False},
                                           content_type="application/json")
    assert response.status_code == 200 and response.json()["active"] is False
    with pytest.raises(ValidationError, match="暂不接受预约"):
        book(cast, room)


def test_a_week_far_outside_the_calendar_shows_this_week_instead_of_failing(cast, client_as):
    client = client_as(cast.chair)
    assert client.get("/activities/facilities/week/?week=9999-12-31").status_code == 200
    assert client.get("/api/v1/activities/facilities/week?week=9999-12-31").status_code == 200
