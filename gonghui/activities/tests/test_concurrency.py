"""Sign-ups at the same moment, on a database that really runs them at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from gonghui.activities import services
from gonghui.activities.models import Signup

from . import factories as f
from .factories import TODAY

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time anyway"),
]


def at_once(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's connection, so the test database can be dropped

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_two_members_signing_up_at_once_for_the_last_place_take_one_place_and_one_waits(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=1)
    at_once(lambda: services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY),
            lambda: services.event_signup(actor=cast.rep, event=e, member=cast.rep_record, today=TODAY))
    assert sorted(Signup.objects.values_list("status", flat=True)) == ["confirmed", "waiting"]


def test_the_same_member_signing_up_twice_at_once_takes_one_place(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=5)
    at_once(*[lambda: services.event_signup(actor=cast.member, event=e, member=cast.member_record, today=TODAY)] * 3)
    assert Signup.objects.filter(event=e).count() == 1


def test_twenty_identical_booking_requests_at_once_leave_one_booking(cast):
    import datetime as dt

    from django.utils import timezone

    from gonghui.activities.models import Booking

    room = services.facility_create(actor=cast.chair, org=cast.union, name="健身房", kind="gym", opens_at=dt.time(8),
                                    closes_at=dt.time(21))
    day = timezone.localdate() + dt.timedelta(days=2)
    at_once(*[lambda: services.facility_book(actor=cast.member, facility=room, member=cast.member_record, on=day,
                                             starts_at=dt.time(9), ends_at=dt.time(10))] * 20)
    assert Booking.objects.filter(facility=room, status="confirmed").count() == 1


def test_two_members_booking_overlapping_slots_at_once_leave_one_booking(cast):
    import datetime as dt

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from gonghui.activities.models import Booking

    room = services.facility_create(actor=cast.chair, org=cast.union, name="活动室", kind="activity_room",
                                    opens_at=dt.time(8), closes_at=dt.time(21))
    day = timezone.localdate() + dt.timedelta(days=2)
    refused = []

    def book(actor, member, start):
        try:
            services.facility_book(actor=actor, facility=room, member=member, on=day, starts_at=dt.time(start),
                                   ends_at=dt.time(start + 2))
        except ValidationError as exc:
            refused.append(exc)

    at_once(lambda: book(cast.member, cast.member_record, 9), lambda: book(cast.rep, cast.rep_record, 10))
    assert Booking.objects.filter(facility=room, status="confirmed").count() == 1 and len(refused) == 1
