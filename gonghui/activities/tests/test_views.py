import datetime as dt

import pytest
from django.utils import timezone

from gonghui.activities import services
from gonghui.activities.models import Honour, Signup

from . import factories as f

pytestmark = pytest.mark.django_db

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"}


def upcoming(cast, **extra):
    return f.event(cast.union, actor=cast.chair, starts_on=timezone.localdate() + dt.timedelta(days=10), **extra)


def test_a_member_finds_an_open_event_on_a_phone_and_signs_up(cast, client_as):
    e = upcoming(cast, capacity=20)
    client = client_as(cast.member)
    page = client.get("/activities/join/", **PHONE).content.decode()
    assert 'name="viewport"' in page and e.title in page and "我要报名" in page
    response = client.post(f"/activities/join/{e.pk}/signup/", follow=True, **PHONE)
    assert "报名成功。" in response.content.decode()
    assert Signup.objects.get().status == "confirmed"
    page = client.get(f"/activities/join/{e.pk}/").content.decode()
    assert "已报名1人，共20个名额" in page and "取消报名" in page


def test_a_member_of_a_full_event_is_told_they_are_waiting_and_how_many_are_ahead(cast, client_as):
    e = upcoming(cast, capacity=1)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record)
    client = client_as(cast.member)
    assert "报名候补" in client.get(f"/activities/join/{e.pk}/").content.decode()
    response = client.post(f"/activities/join/{e.pk}/signup/", follow=True)
    page = response.content.decode()
    assert "名额已满，您已进入候补名单。" in page and "前面还有0人" in page


def test_a_member_cancels_on_the_page_and_the_waiting_member_moves_up(cast, client_as):
    e = upcoming(cast, capacity=1)
    services.event_signup(actor=cast.member, event=e, member=cast.member_record)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record)
    client_as(cast.member).post(f"/activities/join/{e.pk}/cancel/")
    assert Signup.objects.get(member=cast.rep_record).status == "confirmed"


def test_dates_on_the_member_page_are_written_the_chinese_way(cast, client_as):
    e = f.event(cast.union, actor=cast.chair, starts_on=dt.date(2099, 6, 30))
    assert "2099年6月30日" in client_as(cast.member).get(f"/activities/join/{e.pk}/").content.decode()


def test_the_star_board_shows_the_union_s_published_honours_and_not_nominations(cast, client_as):
    f.honours_public(cast.union, [cast.rep_record], actor=cast.chair)
    services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="model_worker", title="秘密名单",
                              members=[cast.member_record])
    page = client_as(cast.member).get("/activities/stars/").content.decode()
    assert "2025年度最佳实践者" in page and "李安全" in page
    assert "秘密名单" not in page
    assert "李安全" not in client_as(cast.outsider).get("/activities/stars/").content.decode()


def test_the_chair_puts_ticked_nominations_up_for_notice_and_awards_them_after_it(cast, client_as):
    rows = services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="best_practitioner",
                                     title="最佳实践者", members=[cast.member_record, cast.rep_record])
    client = client_as(cast.chair)
    client.post("/activities/honours/batch/", {"action": "publicise", "ids": [h.pk for h in rows],
                                               "notice_from": "2025-12-01", "notice_until": "2025-12-08"})
    assert set(Honour.objects.values_list("status", flat=True)) == {"public"}
    response = client.post("/activities/honours/batch/", {"action": "award", "ids": [rows[0].pk], "on": "2025-12-05"}, follow=True)
    assert "公示期未满" in response.content.decode()
    client.post("/activities/honours/batch/", {"action": "award", "ids": [h.pk for h in rows], "on": "2025-12-20"})
    assert set(Honour.objects.values_list("status", flat=True)) == {"awarded"}


def test_the_outsider_cannot_act_on_benbu_honours_by_their_ids(cast, client_as):
    rows = services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="other", title="x",
                                     units=["甲班"])
    response = client_as(cast.outsider).post("/activities/honours/batch/", {"action": "publicise", "ids": [rows[0].pk],
                                                                            "notice_from": "2025-12-01",
                                                                            "notice_until": "2025-12-08"})
    assert response.status_code == 404


def test_the_chair_creates_an_event_through_the_form(cast, client_as):
    response = client_as(cast.chair).post("/activities/events/new/", {
        "org": cast.union.pk, "title": "迎春杯乒乓球赛", "kind": "culture_sports", "starts_on": "2099-02-01", "capacity": 16})
    assert response.status_code == 302
    assert "迎春杯乒乓球赛" in client_as(cast.chair).get(response.url).content.decode()


def test_the_chair_records_figures_finishes_and_names_the_winner_of_a_competition(cast, client_as):
    c = f.competition(cast.union, actor=cast.chair, entrants=("甲", "乙"))
    client = client_as(cast.chair)
    output = c.indicators.get(name="产量")
    for entrant, value in zip(c.entrants.order_by("id"), (120, 100)):
        client.post(f"/activities/competitions/{c.pk}/scores/", {"entrant": entrant.pk, "indicator": output.pk,
                                                                  "period": 1, "value": value})
    client.post(f"/activities/competitions/{c.pk}/finish/")
    winner = c.entrants.get(rank=1)
    assert winner.name == "甲"
    client.post(f"/activities/competitions/{c.pk}/winners/", {"entrant": winner.pk, "title": "优胜单位"})
    assert "优胜单位" in client.get(f"/activities/competitions/{c.pk}/").content.decode()


def test_a_course_page_takes_the_test_results(cast, client_as):
    course = f.course(cast.union, actor=cast.chair)
    client = client_as(cast.chair)
    client.post(f"/activities/courses/{course.pk}/enrol/", {"members": [cast.member_record.pk, cast.rep_record.pk]})
    client.post(f"/activities/courses/{course.pk}/hold/", {"held_on": "2025-04-10",
                                                           "attended": [cast.member_record.pk, cast.rep_record.pk]})
    response = client.post(f"/activities/courses/{course.pk}/results/",
                           {f"score_{cast.member_record.pk}": "88", f"score_{cast.rep_record.pk}": "52"}, follow=True)
    assert "成绩已登记：1人合格。" in response.content.decode()


def test_the_event_list_takes_the_same_queries_for_many_events(cast, client_as, django_assert_max_num_queries):
    client = client_as(cast.chair)
    for i in range(3):
        upcoming(cast, title=f"活动{i}")
    client.get("/activities/events/")
    for i in range(20):
        upcoming(cast, title=f"更多活动{i}")
    with django_assert_max_num_queries(12):
        page = client.get("/activities/events/").content.decode()
    assert "更多活动19" in page


def test_the_honours_form_goes_back_only_to_a_page_of_this_site(cast, client_as):
    rows = services.honours_nominate(actor=cast.chair, org=cast.union, year=2025, kind="other", title="x", units=["甲班"])
    response = client_as(cast.chair).post("/activities/honours/batch/", {
        "action": "publicise", "ids": [rows[0].pk], "notice_from": "2025-12-01", "notice_until": "2025-12-08",
        "back": "//evil.example/"})
    assert response.url == "/activities/honours/"
