"""The activities app's private URLs and services for the outsider and authority walks
(portal/tests/test_outsider_walk.py, test_authority_walk.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from . import factories as f

UNGUARDED: dict[str, str] = {
    "photo_checked": "a pure check of an uploaded file, called by event_photo_add",
    "items_parsed": "a pure parse of the inventory text, called by the facility form",
}


def _objects(cast):
    from gonghui.activities import services

    e = f.event(cast.union, actor=cast.chair, capacity=1, starts_on=dt.date.today() + dt.timedelta(days=30))
    s = services.event_signup(actor=cast.member, event=e, member=cast.member_record)
    h = services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="best_practitioner",
                                  title="2025年度最佳实践者", members=[cast.member_record])[0]
    i = f.innovation(cast.union, actor=cast.chair)
    p = services.patent_file(actor=cast.chair, org=cast.union, kind="utility", title=i.title, filed_on=dt.date(2025, 3, 1),
                             innovation=i)
    c = f.competition(cast.union, actor=cast.chair)
    pair = services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record, apprentice=cast.member_record,
                                     signed_on=dt.date(2025, 3, 1), ends_on=dt.date(2026, 2, 28), goals="掌握转炉操作")
    course = f.course(cast.union, actor=cast.chair)
    services.course_enrol(actor=cast.chair, course=course, members=[cast.member_record])
    return e, s, h, i, p, c, pair, course


def _more(cast):
    """A held event with a cost and a photo, and a facility with a booking of the rep's."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from gonghui.activities import services

    held = f.event(cast.union, actor=cast.chair, title="已举办的活动", starts_on=dt.date(2025, 5, 20))
    services.event_attendance_take(actor=cast.chair, event=held, attended=[], cost_yuan=Decimal("800"))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    photo = services.event_photo_add(actor=cast.chair, event=held,
                                     upload=SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png"))
    room = services.facility_create(actor=cast.chair, org=cast.union, name="职工书屋", kind="reading_room",
                                    opens_at=dt.time(8), closes_at=dt.time(21))
    booking = services.facility_book(actor=cast.chair, facility=room, member=cast.rep_record,
                                     on=dt.date.today() + dt.timedelta(days=3), starts_at=dt.time(9), ends_at=dt.time(10))
    return held, photo, room, booking


def _png():
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    return SimpleUploadedFile("b.png", buffer.getvalue(), content_type="image/png")


def private_urls(cast) -> list[tuple]:
    e, s, h, i, p, c, pair, course = _objects(cast)
    held, photo, room, booking = _more(cast)
    entrant, indicator = c.entrants.first(), c.indicators.first()
    u = cast.union.pk
    day = (dt.date.today() + dt.timedelta(days=4)).isoformat()
    return [
        ("GET", f"/activities/photos/{photo.pk}/"),
        ("POST", f"/activities/events/{held.pk}/photos/", {"photo": _png()}),
        ("POST", f"/activities/events/{held.pk}/photos/{photo.pk}/remove/"),
        ("GET", f"/activities/events/{held.pk}/pay/"),
        ("POST", f"/activities/events/{held.pk}/pay/", {"subline": "culture", "on": "2025-05-25"}),
        ("GET", f"/activities/rooms/{room.pk}/"),
        ("POST", f"/activities/rooms/{room.pk}/", {"on": day, "starts_at": "12:00", "ends_at": "13:00", "people": 1}),
        ("POST", f"/activities/rooms/bookings/{booking.pk}/cancel/"),
        ("POST", f"/activities/facilities/bookings/{booking.pk}/cancel/"),
        ("GET", f"/activities/facilities/?org={u}"),
        ("GET", f"/activities/facilities/week/?org={u}"),
        ("GET", f"/activities/facilities/{room.pk}/edit/"),
        ("POST", f"/activities/facilities/{room.pk}/edit/", {"name": "x", "kind": "gym", "opens_at": "08:00", "closes_at": "20:00",
                                                           "open_days": ["1"], "capacity": 0}),
        ("PATCH", f"/api/v1/activities/facilities/{room.pk}", {"capacity": 5}),
        ("GET", f"/api/v1/activities/events/{held.pk}/photos"),
        ("POST", f"/api/v1/activities/photos/{photo.pk}/remove", {}),
        ("POST", f"/api/v1/activities/events/{held.pk}/pay", {"subline": "culture"}),
        ("GET", f"/api/v1/activities/facilities/managed?org_id={u}"),
        ("GET", f"/api/v1/activities/facilities/week?org_id={u}"),
        ("POST", "/api/v1/activities/facilities", {"org_id": u, "name": "x", "kind": "gym", "opens_at": "08:00",
                                                   "closes_at": "20:00"}),
        ("POST", f"/api/v1/activities/facilities/{room.pk}/bookings", {"on": day, "starts_at": "12:00", "ends_at": "13:00"}),
        ("POST", f"/api/v1/activities/facilities/{room.pk}/bookings", {"on": day, "starts_at": "12:00", "ends_at": "13:00",
                                                                       "member_id": cast.rep_record.pk}),
        ("POST", f"/api/v1/activities/bookings/{booking.pk}/cancel", {}),
        ("GET", f"/activities/join/{e.pk}/"),
        ("POST", f"/activities/join/{e.pk}/signup/"),
        ("POST", f"/activities/join/{e.pk}/cancel/"),
        ("GET", f"/activities/events/{e.pk}/"),
        ("GET", f"/activities/events/?org={u}"),
        ("GET", f"/activities/events/{e.pk}/cancel/"),
        ("POST", f"/activities/events/{e.pk}/cancel/", {"reason": "天气原因"}),
        ("POST", f"/activities/events/{e.pk}/attendance/", {"attended": [cast.member_record.pk]}),
        ("GET", f"/activities/events/{e.pk}/results/"),
        ("POST", f"/activities/events/{e.pk}/results/", {"prize": "金奖", "team": "炼钢队"}),
        ("POST", f"/activities/events/{e.pk}/signups/{s.pk}/cancel/"),
        ("GET", f"/activities/honours/?org={u}"),
        ("POST", f"/activities/honours/{h.pk}/withdraw/", {"reason": "有异议"}),
        ("GET", f"/activities/honours/{h.pk}/withdraw/"),
        ("GET", f"/activities/innovations/{i.pk}/"),
        ("GET", f"/activities/innovations/?org={u}"),
        ("POST", f"/activities/innovations/{i.pk}/advance/", {"status": "reviewed"}),
        ("GET", f"/activities/innovations/{i.pk}/awards/"),
        ("POST", f"/activities/innovations/{i.pk}/awards/", {"kind": "grant", "name": "创新补助", "on": "2025-06-01", "amount_yuan": "5000"}),
        ("GET", f"/activities/patents/{p.pk}/grant/"),
        ("POST", f"/activities/patents/{p.pk}/grant/", {"granted_on": "2025-10-01", "number": "ZL202520000001.1"}),
        ("GET", f"/activities/competitions/{c.pk}/"),
        ("GET", f"/activities/competitions/?org={u}"),
        ("POST", f"/activities/competitions/{c.pk}/scores/", {"entrant": entrant.pk, "indicator": indicator.pk, "period": 1, "value": "5"}),
        ("POST", f"/activities/competitions/{c.pk}/finish/"),
        ("POST", f"/activities/competitions/{c.pk}/winners/", {"entrant": entrant.pk, "title": "优胜单位"}),
        ("GET", f"/activities/mentorships/{pair.pk}/"),
        ("GET", f"/activities/mentorships/?org={u}"),
        ("GET", f"/activities/mentorships/{pair.pk}/check/"),
        ("POST", f"/activities/mentorships/{pair.pk}/check/", {"on": "2025-06-01", "note": "进步明显"}),
        ("GET", f"/activities/mentorships/{pair.pk}/close/"),
        ("POST", f"/activities/mentorships/{pair.pk}/close/", {"outcome": "qualified"}),
        ("GET", f"/activities/courses/{course.pk}/"),
        ("POST", f"/activities/courses/{course.pk}/enrol/", {"members": [cast.member_record.pk]}),
        ("POST", f"/activities/courses/{course.pk}/hold/", {"held_on": "2025-04-10", "attended": [cast.member_record.pk]}),
        ("POST", f"/activities/courses/{course.pk}/results/", {f"score_{cast.member_record.pk}": "90"}),
        ("GET", f"/api/v1/activities/events/{e.pk}"),
        ("GET", f"/api/v1/activities/events?org_id={u}"),
        ("POST", f"/api/v1/activities/events/{e.pk}/signups", {"member_id": cast.member_record.pk}),
        ("POST", f"/api/v1/activities/signups/{s.pk}/cancel", {}),
        ("POST", f"/api/v1/activities/events/{e.pk}/cancel", {"reason": "天气原因"}),
        ("POST", f"/api/v1/activities/events/{e.pk}/attendance", {"attended": [cast.member_record.pk]}),
        ("POST", f"/api/v1/activities/events/{e.pk}/results", {"prize": "金奖", "team": "炼钢队"}),
        ("POST", "/api/v1/activities/events", {"org_id": u, "title": "x", "kind": "trip", "starts_on": "2025-07-01"}),
        ("GET", f"/api/v1/activities/honours?org_id={u}"),
        ("POST", "/api/v1/activities/honours", {"org_id": u, "year": 2025, "kind": "other", "title": "x", "units": ["甲班"]}),
        ("POST", f"/api/v1/activities/honours/{h.pk}/withdraw", {"reason": "x"}),
        ("GET", f"/api/v1/activities/innovations/{i.pk}"),
        ("GET", f"/api/v1/activities/innovations?org_id={u}"),
        ("POST", "/api/v1/activities/innovations", {"org_id": u, "year": 2025, "kind": "reform", "title": "x"}),
        ("POST", f"/api/v1/activities/innovations/{i.pk}/advance", {"status": "reviewed"}),
        ("POST", f"/api/v1/activities/innovations/{i.pk}/awards", {"kind": "grant", "name": "x", "on": "2025-06-01"}),
        ("GET", f"/api/v1/activities/patents?org_id={u}"),
        ("POST", "/api/v1/activities/patents", {"org_id": u, "kind": "design", "title": "x", "filed_on": "2025-01-01"}),
        ("POST", f"/api/v1/activities/patents/{p.pk}/grant", {"granted_on": "2025-10-01"}),
        ("GET", f"/api/v1/activities/competitions/{c.pk}"),
        ("GET", f"/api/v1/activities/competitions?org_id={u}"),
        ("POST", f"/api/v1/activities/competitions/{c.pk}/scores",
         {"entrant_id": entrant.pk, "indicator_id": indicator.pk, "value": "5"}),
        ("POST", f"/api/v1/activities/competitions/{c.pk}/finish", {}),
        ("POST", f"/api/v1/activities/entrants/{entrant.pk}/title", {"title": "优胜单位"}),
        ("GET", f"/api/v1/activities/mentorships/{pair.pk}"),
        ("GET", f"/api/v1/activities/mentorships?org_id={u}"),
        ("POST", f"/api/v1/activities/mentorships/{pair.pk}/checks", {"on": "2025-06-01", "note": "x"}),
        ("POST", f"/api/v1/activities/mentorships/{pair.pk}/close", {"outcome": "qualified"}),
        ("GET", f"/api/v1/activities/courses/{course.pk}"),
        ("GET", f"/api/v1/activities/courses?org_id={u}"),
        ("POST", f"/api/v1/activities/courses/{course.pk}/enrol", {"member_ids": [cast.member_record.pk]}),
        ("POST", f"/api/v1/activities/courses/{course.pk}/hold", {"held_on": "2025-04-10", "attended": []}),
        ("POST", f"/api/v1/activities/courses/{course.pk}/results", {"scores": {str(cast.member_record.pk): "90"}}),
    ]


def service_calls(cast) -> list[tuple]:
    """One call of every public service on an object of BENBU, as the given actor."""
    from gonghui.activities import services as s

    e, signup, h, i, p, c, pair, course = _objects(cast)
    held, photo, room, booking = _more(cast)
    entrant, indicator = c.entrants.first(), c.indicators.first()
    day = dt.date(2025, 6, 1)
    later = dt.date.today() + dt.timedelta(days=4)
    return [
        ("event_photo_add", lambda a: s.event_photo_add(actor=a, event=held, upload=_png())),
        ("event_photo_remove", lambda a: s.event_photo_remove(actor=a, photo=photo)),
        ("event_cost_pay", lambda a: s.event_cost_pay(actor=a, event=held, subline="culture")),
        ("facility_create", lambda a: s.facility_create(actor=a, org=cast.union, name="健身房", kind="gym",
                                                        opens_at=dt.time(8), closes_at=dt.time(20))),
        # someone else's slot: the member may book only for themselves
        ("facility_book", lambda a: s.facility_book(actor=a, facility=room, member=cast.rep_record, on=later,
                                                    starts_at=dt.time(12), ends_at=dt.time(13))),
        ("booking_cancel", lambda a: s.booking_cancel(actor=a, booking=booking)),
        ("facility_update", lambda a: s.facility_update(actor=a, facility=room, changes={"capacity": 5})),
        ("event_create", lambda a: s.event_create(actor=a, org=cast.union, title="x", kind="trip", starts_on=day)),
        # someone else's record: the member may sign up only themselves
        ("event_signup", lambda a: s.event_signup(actor=a, event=e, member=cast.rep_record)),
        ("event_signup_cancel", lambda a: s.event_signup_cancel(actor=a, signup=signup) if a != cast.member
         else s.event_signup_cancel(actor=a, signup=s.event_signup(actor=None, event=e, member=cast.rep_record))),
        ("event_cancel", lambda a: s.event_cancel(actor=a, event=e, reason="天气原因")),
        ("event_attendance_take", lambda a: s.event_attendance_take(actor=a, event=e, attended=[])),
        ("event_result_record", lambda a: s.event_result_record(actor=a, event=e, prize="金奖", team="炼钢队")),
        ("honours_nominate", lambda a: s.honours_nominate(actor=a, org=cast.union, year=2025, kind="other", title="x",
                                                          units=["甲班"])),
        ("honours_publicise", lambda a: s.honours_publicise(actor=a, honours=[h], notice_from=day, notice_until=day)),
        ("honours_award", lambda a: s.honours_award(actor=a, honours=[h], on=day)),
        ("honour_withdraw", lambda a: s.honour_withdraw(actor=a, honour=h, reason="x")),
        ("innovation_record", lambda a: s.innovation_record(actor=a, org=cast.union, year=2025, kind="reform", title="x")),
        ("innovation_advance", lambda a: s.innovation_advance(actor=a, innovation=i, status="reviewed")),
        ("innovation_award_record", lambda a: s.innovation_award_record(actor=a, innovation=i, kind="grant", name="x", on=day,
                                                                        amount_yuan=Decimal(1))),
        ("patent_file", lambda a: s.patent_file(actor=a, org=cast.union, kind="design", title="x", filed_on=day)),
        ("patent_grant", lambda a: s.patent_grant(actor=a, patent=p, granted_on=day)),
        ("competition_create", lambda a: s.competition_create(actor=a, org=cast.union, title="x", kind="skills", starts_on=day,
                                                              ends_on=day, indicators=[{"name": "x"}], entrants=["甲"])),
        ("competition_score_record", lambda a: s.competition_score_record(actor=a, entrant=entrant, indicator=indicator,
                                                                          value=Decimal(1))),
        ("competition_finish", lambda a: s.competition_finish(actor=a, competition=c)),
        ("competition_winner_name", lambda a: s.competition_winner_name(actor=a, entrant=entrant, title="优胜单位")),
        ("union_rules_set", lambda a: s.union_rules_set(actor=a, org=cast.union, mentor_cap=3)),
        ("mentorship_agree", lambda a: s.mentorship_agree(actor=a, org=cast.union, mentor=cast.member_record,
                                                          apprentice=cast.rep_record, signed_on=day,
                                                          ends_on=dt.date(2026, 6, 1), goals="x")),
        ("mentorship_check", lambda a: s.mentorship_check(actor=a, mentorship=pair, on=day, note="x")),
        ("mentorship_close", lambda a: s.mentorship_close(actor=a, mentorship=pair, outcome="qualified")),
        ("course_plan", lambda a: s.course_plan(actor=a, org=cast.union, title="x", audience="workers", planned_on=day)),
        ("course_enrol", lambda a: s.course_enrol(actor=a, course=course, members=[cast.rep_record])),
        ("course_hold", lambda a: s.course_hold(actor=a, course=course, held_on=day, attended=[])),
        ("course_results_record", lambda a: s.course_results_record(actor=a, course=course, scores={})),
    ]
