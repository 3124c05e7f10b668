import datetime as dt

from django.utils import timezone

import pytest

from gonghui.governance import services
from gonghui.governance.models import Meeting, Plan, Target

from .factories import meeting, published_disclosure, target

pytestmark = pytest.mark.django_db


def test_a_cadre_sets_a_target_and_records_its_checks_through_the_pages(cast, client_as):
    client = client_as(cast.chair)
    response = client.post("/governance/targets/new/", {"org": cast.union.pk, "year": 2025, "name": "降本增效", "unit": "万元",
                                                        "target": "905"})
    assert response.status_code == 302
    t = Target.objects.get(name="降本增效")
    for kind, date, actual in (("mid_year", "2025-06-30", "880.5"), ("year_end", "2025-12-31", "1909.21")):
        assert client.post(f"/governance/targets/{t.pk}/check/", {"kind": kind, "date": date, "actual": actual,
                                                                  "checker": "考核组"}).status_code == 302
    page = client.get(f"/governance/targets/{t.pk}/").content.decode()
    assert "1,909.21万元" in page and "210.96%" in page and "年终考核" in page and "考核组" in page
    assert "210.96%" in client.get("/governance/targets/?year=2025").content.decode()


def test_the_second_year_end_assessment_is_shown_as_a_form_error(cast, client_as):
    t = target(cast.union, final="1")
    response = client_as(cast.chair).post(f"/governance/targets/{t.pk}/check/",
                                          {"kind": "year_end", "date": "2025-12-31", "actual": "2"})
    assert response.status_code == 200 and "已记录" in response.content.decode()


def test_the_minutes_and_decisions_are_written_after_the_meeting(cast, client_as):
    client = client_as(cast.chair)
    response = client.post("/governance/meetings/new/", {
        "org": cast.union.pk, "kind": "congress", "title": "首届职工代表大会", "date": "2025-04-18",
        "expected": 93, "present": 90, "decisions": "《职工代表大会工作条例》\n《集体合同》\n",
    })
    assert response.status_code == 302
    m = Meeting.objects.get()
    assert client.post(f"/governance/meetings/{m.pk}/edit/", {
        "kind": "congress", "title": "首届职工代表大会", "date": "2025-04-18", "expected": 93, "present": 90,
        "minutes": "大会选举产生了工会第一届委员会。", "decisions": "《职工代表大会工作条例》\n《集体合同》\n《厂务公开实施办法》",
    }).status_code == 302
    page = client.get(f"/governance/meetings/{m.pk}/").content.decode()
    assert "《厂务公开实施办法》" in page and "大会选举产生了工会第一届委员会。" in page and "90" in page
    assert "职工代表大会" in client.get("/governance/meetings/?year=2025").content.decode()


def test_the_missing_meetings_page_names_the_quarter(cast, client_as):
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    for month in (2, 5, 11):
        meeting(cast.union, date=dt.date(2025, month, 15))
    page = client_as(cast.chair).get("/governance/meetings/missing/?year=2025").content.decode()
    assert "2025年第三季度" in page and "工会例会" in page
    assert "2025年第二季度" not in page
    assert "?kind=regular&amp;date=2025-09-30" in page


def test_a_rule_is_added_from_the_page(cast, client_as):
    response = client_as(cast.chair).post("/governance/meetings/rules/new/", {
        "org": cast.union.pk, "kind": "regular", "since": "2025-01-01", "is_active": "on"})
    from gonghui.governance.models import MeetingRule

    assert response.status_code == 302
    assert MeetingRule.objects.filter(org=cast.union, kind="regular", since=dt.date(2025, 1, 1)).exists()


def test_plans_are_added_and_their_status_changes_with_htmx(cast, client_as):
    client = client_as(cast.chair)
    assert client.post("/governance/plans/new/", {"org": cast.union.pk, "year": 2026, "text": "深化厂务公开",
                                                  "owner": "工会办公室", "status": "planned"}).status_code == 302
    plan = Plan.objects.get()
    response = client.post(f"/governance/plans/{plan.pk}/status/", {"status": "in_progress"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and f'id="plan-{plan.pk}"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "in_progress"
    assert "深化厂务公开" in client.get("/governance/plans/?year=2026").content.decode()


def test_the_overview_is_chinese_and_its_queries_do_not_grow(cast, client_as, django_assert_max_num_queries):
    client = client_as(cast.chair)
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    for i in range(3):
        target(cast.union, name=f"指标{i}", final="1")
        meeting(cast.branch, date=dt.date(2025, 3 + i, 1))
    client.get("/governance/?year=2025")
    with django_assert_max_num_queries(14):
        page = client.get("/governance/?year=2025").content.decode()
    for i in range(3, 20):
        target(cast.union, name=f"指标{i}", final="1")
        meeting(cast.branch, date=dt.date(2025, 1 + i % 12, 1))
    with django_assert_max_num_queries(14):
        page = client.get("/governance/?year=2025").content.decode()
    assert "2025年目标与会议" in page and "指标19" in page and "缺开会议" in page


def test_a_member_reads_a_published_notice_and_objects_on_the_phone(cast, client_as):
    d = published_disclosure(cast.union, actor=cast.chair)
    services.disclosure_create(actor=None, org=cast.union, title="未发布的草稿", body="x", category="lists")
    client = client_as(cast.member)
    board = client.get("/governance/notices/").content.decode()
    assert d.title in board and "未发布的草稿" not in board
    assert client.post(f"/governance/notices/{d.pk}/", {"text": "请公布明细"}).status_code == 302
    assert "请公布明细" in client.get(f"/governance/notices/{d.pk}/").content.decode()
    assert client.get("/governance/targets/").status_code == 404  # members manage nothing here


def test_the_chair_publishes_a_draft_and_answers_an_objection(cast, client_as):
    d = services.disclosure_create(actor=cast.chair, org=cast.union, title="先进个人评选结果", body="名单……",
                                   category="appraisal", notice_until=timezone.localdate() + dt.timedelta(days=5))
    client = client_as(cast.chair)
    assert client.post(f"/governance/disclosures/{d.pk}/publish/").status_code == 302
    d.refresh_from_db()
    assert d.published_on == timezone.localdate()
    o = services.objection_raise(author=cast.member, disclosure=d, text="名单有误")
    assert client.post(f"/governance/disclosures/{d.pk}/objections/{o.pk}/answer/", {"answer": "已更正"}).status_code == 302
    o.refresh_from_db()
    assert o.status == "answered"
    assert "已更正" in client.get(f"/governance/disclosures/{d.pk}/").content.decode()


def test_editing_a_target_and_a_plan_writes_what_changed(cast, client_as):
    from gonghui.core.history import history_for

    client = client_as(cast.chair)
    t = target(cast.union)
    assert client.post(f"/governance/targets/{t.pk}/edit/", {"name": "降本增效", "unit": "万元", "target": "950",
                                                              "note": "年中调整"}).status_code == 302
    t.refresh_from_db()
    assert t.target == 950 and history_for(t).get(action="update").changes["target"] == ["905.00", "950"]
    plan = services.plan_create(actor=cast.chair, org=cast.union, year=2026, text="深化厂务公开")
    assert client.post(f"/governance/plans/{plan.pk}/edit/", {"year": 2026, "half": "1", "text": "深化厂务公开",
                                                             "owner": "工会办公室", "status": "in_progress"}).status_code == 302
    plan.refresh_from_db()
    assert (plan.half, plan.owner, plan.status) == (1, "工会办公室", "in_progress")


def test_the_lists_open_on_the_last_year_with_meetings_until_this_year_has_one(cast, client_as):
    last_year = timezone.localdate().year - 1
    meeting(cast.union, date=dt.date(last_year, 11, 5))
    target(cast.union, year=last_year, name="降本增效")
    client = client_as(cast.chair)
    assert "降本增效" in client.get("/governance/targets/").content.decode()
    assert "降本增效" in client.get("/governance/").content.decode()

    meeting(cast.union, date=timezone.localdate())
    assert "降本增效" not in client.get("/governance/targets/").content.decode()
    assert "降本增效" in client.get(f"/governance/targets/?year={last_year}").content.decode()
