"""`gonghui demo-data`, which `make demo` runs: what each demo login finds, and a second run changing nothing.

The demo follows the calendar (test_demo_calendar); here it is loaded on 2025-12-31, the scenario's
own last day, so it tells the scenario's 2025 undisturbed and the figures below are 2025's."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from gonghui.accounts.models import User
from gonghui.governance.models import Disclosure, Objection
from gonghui.members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 31, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
    out = io.StringIO()
    call_command("demo-data", stdout=out)
    return out.getvalue()


def login(username: str) -> Client:
    """Through the login form, as a person signs in (the lockout guard sees the request)."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "gonghui-demo"})
    assert response.status_code == 302, f"{username} could not log in"
    return client


def test_the_demo_prints_its_logins_and_every_login_works(demo):
    assert "demo logins (password gonghui-demo)" in demo
    for username in ("admin", "chair", "fed", "member", "outsider"):
        assert login(username).get("/").status_code == 200


def test_the_member_reads_the_published_notices_and_the_answer_to_their_objection(demo):
    page = login("member").get("/governance/notices/").content.decode()
    published = Disclosure.objects.filter(org__code="BENBU", published_on__isnull=False)
    # governance's four notices and the funds review committee's report on the year (funds.demo)
    assert published.count() == 4 + 1
    assert published.filter(category="finance", title__contains="经费审查").count() == 1
    assert all(d.title in page for d in published)
    assert "筹备方案（草案）" not in page  # a draft stays with the cadres
    objection = Objection.objects.get()
    assert objection.author.username == "member" and objection.status == "answered"
    assert objection.disclosure.title in login("member").get("/inbox/").content.decode()


def test_the_outsider_sees_nothing_of_benbu_and_a_second_run_changes_nothing(demo):
    page = login("outsider").get("/governance/notices/").content.decode()
    assert not any(d.title in page for d in Disclosure.objects.filter(org__code="BENBU"))
    counts = (User.objects.count(), Member.objects.count(), Disclosure.objects.count())
    out = io.StringIO()
    call_command("demo-data", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (User.objects.count(), Member.objects.count(), Disclosure.objects.count()) == counts


def test_the_member_and_the_chair_find_their_own_records_under_their_own_names(demo):
    assert "张三" in login("member").get("/members/me/").content.decode()
    chair = login("chair")
    assert "王建国" in chair.get("/members/me/").content.decode()
    for query in ("zhangsan", "zs"):
        assert "张三" in chair.get(f"/members/?q={query}").content.decode()


def test_the_chair_finds_a_year_of_talks_and_home_visits_and_the_outsider_none(demo):
    page = login("chair").get("/care/talks/").content.decode()
    assert "生病住院探望" in page and "岗位调整后思想有波动" in page
    assert "生病住院探望" not in login("outsider").get("/care/talks/").content.decode()


def test_the_demo_school_keeps_a_year_of_care_and_books_and_benbu_flags_only_who_stopped_paying(demo):
    """XUEXIAO (a school) has its files (one due for re-check), its 教师节 round, aid, dues with three
    teachers behind and books that balance; BENBU's year, read a year later, flags the four who stopped
    paying in June, not the eighty who paid; the member reads the funds review on the notice board."""
    from gonghui.care.selectors import care_figures
    from gonghui.funds.selectors import dues_figures, trial_balance
    from gonghui.orgs.models import Org

    school, benbu = Org.objects.get(code="XUEXIAO"), Org.objects.get(code="BENBU")
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    care = care_figures(org=school, start=year[0], end=year[1])
    assert care.files_unchecked == 1 and care.visits_by_occasion["teachers_day"] == 18 and care.people_aided == 5
    dues = dues_figures(org=school, start=year[0], end=year[1])
    assert (dues.in_arrears, dues.flagged) == (3, 0) and trial_balance(org=school, year=2025).balances
    assert dues_figures(org=benbu, start=year[0], end=year[1]).flagged == 4
    assert "教师节" in login("outsider").get("/care/visits/?year=2025").content.decode()
    notices = login("member").get("/governance/notices/").content.decode()
    assert "2025年度经费审查报告" in notices
