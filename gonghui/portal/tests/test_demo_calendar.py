"""The demo follows the calendar: loaded on any day, it is about that day.

`gonghui demo-data` tells the scenario's year as the year ending about the day it runs
(core.demo.demo_calendar), so the chair's dashboard opens on a year with records, a notice on
the 公开栏 is inside its 公示 period, what is overdue is days overdue, and nothing has happened
after today except what is planned (events to come, the next congress sitting, bookings, due dates)."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def login(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": "gonghui-demo"}).status_code == 302
    return client


def _happened(as_of: dt.date) -> dict[str, list[dt.date]]:
    """Every date that says something happened (not a plan, a due date or a term's end), by where it is kept."""
    from gonghui.activities.models import Course, Event, Honour, InnovationAward, Patent, ProgressCheck
    from gonghui.alarms.models import Alarm
    from gonghui.care.models import AidPayment, CaseCheck, HardshipCase, Talk, Visit
    from gonghui.congress.models import MotionAnswer
    from gonghui.funds.models import DuesPayment, Entry, FundsReview
    from gonghui.governance.models import Disclosure, Meeting, TargetCheck
    from gonghui.members.models import Member
    from gonghui.safety.models import FollowUp, HazardPost, SafetyReport
    from gonghui.voice.models import Suggestion

    found = {
        "disclosure published": Disclosure.objects.values_list("published_on", flat=True),
        "meeting": Meeting.objects.values_list("date", flat=True),
        "target check": TargetCheck.objects.values_list("date", flat=True),
        "suggestion submitted": Suggestion.objects.values_list("submitted_on", flat=True),
        "suggestion decided": Suggestion.objects.values_list("decided_on", flat=True),
        "safety report": SafetyReport.objects.values_list("reported_on", flat=True),
        "safety report answered": SafetyReport.objects.values_list("answered_on", flat=True),
        "safety report resolved": SafetyReport.objects.values_list("resolved_on", flat=True),
        "suggestion implemented": Suggestion.objects.values_list("implemented_on", flat=True),
        "follow-up done": FollowUp.objects.values_list("done_on", flat=True),
        "course held": Course.objects.values_list("held_on", flat=True),
        "progress check": ProgressCheck.objects.values_list("on", flat=True),
        "hazard survey": HazardPost.objects.values_list("surveyed_on", flat=True),
        "ledger entry": Entry.objects.values_list("date", flat=True),
        "dues month": DuesPayment.objects.values_list("month", flat=True),
        "funds review": FundsReview.objects.values_list("published_on", flat=True),
        "visit": Visit.objects.values_list("date", flat=True),
        "aid": AidPayment.objects.values_list("date", flat=True),
        "talk": Talk.objects.values_list("date", flat=True),
        "hardship file": HardshipCase.objects.values_list("opened_on", flat=True),
        "re-check": CaseCheck.objects.values_list("date", flat=True),
        "joined": Member.objects.values_list("join_date", flat=True),
        "event held": Event.objects.filter(status="held").values_list("starts_on", flat=True),
        "honour awarded": Honour.objects.values_list("awarded_on", flat=True),
        "patent filed": Patent.objects.values_list("filed_on", flat=True),
        "innovation award": InnovationAward.objects.values_list("on", flat=True),
        "motion answered": MotionAnswer.objects.values_list("answered_on", flat=True),
    }
    days = {where: [d for d in dates if d is not None] for where, dates in found.items()}
    days["alarm"] = [t.astimezone(SHANGHAI).date() for t in Alarm.objects.values_list("raised_at", flat=True)]
    return days


@pytest.mark.parametrize("as_of", [dt.date(2026, 11, 26), dt.date(2027, 1, 3)])
def test_the_demo_loaded_on_any_day_is_about_that_day(time_machine, as_of):
    from gonghui.governance.models import Disclosure
    from gonghui.safety.choices import OPEN_REPORT_STATES
    from gonghui.safety.models import SafetyReport

    time_machine.move_to(dt.datetime.combine(as_of, dt.time(10), tzinfo=SHANGHAI))
    out = io.StringIO()
    call_command("demo-data", stdout=out)
    assert f"demo as of {as_of:%Y-%m-%d}" in out.getvalue()

    # the chair's dashboard opens on a year with records in most areas
    home = login("chair").get("/")
    assert home.context["year"] in (as_of.year, as_of.year - 1) and len(home.context["areas"]) >= 4

    # a notice inside its 公示 period today, on the member's notice board
    live = Disclosure.objects.filter(org__code="BENBU", published_on__lte=as_of, notice_until__gte=as_of)
    assert live.count() == 1
    assert live.get().title in login("member").get("/governance/notices/").content.decode()

    # the safety reports past their deadline: the latest days overdue, none more than the year
    overdue = SafetyReport.objects.filter(status__in=OPEN_REPORT_STATES, deadline__lt=as_of).values_list("deadline", flat=True)
    assert 0 < (as_of - max(overdue)).days < 30 and (as_of - min(overdue)).days < 366

    # nothing has happened after today; the year's records reach up to about today
    happened = _happened(as_of)
    late = {where: max(days) for where, days in happened.items() if days and max(days) > as_of}
    assert late == {}
    assert (as_of - max(happened["safety report"])).days < 14


def test_the_day_can_be_named_and_a_wrong_one_is_refused():
    from gonghui.orgs.models import Org

    with pytest.raises(CommandError, match="not a date"):
        call_command("demo-data", as_of="2026-13-01", stdout=io.StringIO())
    assert not Org.objects.exists()
