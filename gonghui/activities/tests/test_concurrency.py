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
