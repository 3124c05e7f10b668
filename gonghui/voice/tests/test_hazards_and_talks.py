import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.scoping import NotAllowed
from gonghui.voice import services
from gonghui.voice.models import Exposure, FollowUp, Talk
from gonghui.voice.selectors import hazard_figures, talk_figures

from .factories import hazard_post

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_the_census_records_posts_exposed_workers_and_their_follow_ups(cast, client_as):
    chair = client_as(cast.chair)
    chair.post("/voice/hazards/", {"org": cast.branch.pk, "name": "炉前工岗位", "factors": ["dust", "heat"], "surveyed_on": "2025-02-01"})
    post = cast.branch and __import__("gonghui.voice.models", fromlist=["HazardPost"]).HazardPost.objects.get()
    chair.post(f"/voice/hazards/{post.pk}/expose/", {"member": "张三", "since": "2020-05-01"})
    exposure = Exposure.objects.get()
    chair.post(f"/voice/hazards/{post.pk}/plan/", {"exposure": exposure.pk, "kind": "health_check", "due_on": "2025-06-01"})
    chair.post(f"/voice/hazards/{post.pk}/plan/", {"exposure": exposure.pk, "kind": "recuperation", "due_on": "2025-10-01"})
    check = FollowUp.objects.get(kind="health_check")
    chair.post(f"/voice/hazards/{post.pk}/done/", {"follow_up": check.pk, "done_on": "2025-05-28"})
    figures = hazard_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert (figures.posts_surveyed, figures.workers_exposed, figures.follow_ups_due, figures.follow_ups_done) == (1, 1, 2, 1)
    assert "炉前工岗位" in chair.get(f"/voice/hazards/{post.pk}/").content.decode()


def test_a_post_needs_a_known_hazard_factor(cast):
    with pytest.raises(ValidationError):
        services.hazard_post_create(actor=cast.chair, org=cast.branch, name="x", factors=["magic"], surveyed_on=dt.date(2025, 1, 1))


def test_an_outsider_reaches_no_hazard_post(cast, client_as):
    post = hazard_post(cast)
    outsider = client_as(cast.outsider)
    assert outsider.get(f"/voice/hazards/{post.pk}/").status_code == 404
    assert outsider.post(f"/voice/hazards/{post.pk}/expose/", {"member": "张三", "since": "2020-01-01"}).status_code == 404
    assert not Exposure.objects.exists()


def test_talks_are_seen_only_by_the_unions_cadres(cast, client_as):
    chair = client_as(cast.chair)
    chair.post("/voice/talks/", {"member": "张三", "kind": "home_visit", "date": "2025-03-01", "topic": "家属住院", "outcome": "已慰问"})
    assert Talk.objects.get().recorded_by == cast.chair
    assert "家属住院" in chair.get("/voice/talks/").content.decode()
    assert client_as(cast.member).get("/voice/talks/").status_code == 404
    assert "家属住院" not in client_as(cast.outsider).get("/voice/talks/").content.decode()
    assert talk_figures(org=cast.union, start=YEAR[0], end=YEAR[1]) == {"talks": 0, "visits": 1}


def test_a_talk_cannot_be_recorded_in_the_future(cast):
    with pytest.raises(ValidationError):
        services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date.today() + dt.timedelta(days=3), topic="x")


def test_answer_templates_are_kept_per_theme_and_offered_on_the_suggestion(cast, client_as):
    from .factories import suggestion, theme

    t = theme(cast)
    chair = client_as(cast.chair)
    chair.post("/voice/answers/", {"form": "template", "theme": t.pk, "title": "采纳通用", "body": "感谢您的建议，已采纳。"})
    made = suggestion(cast, theme=t)
    assert "感谢您的建议，已采纳。" in chair.get(f"/voice/suggestions/{made.pk}/").content.decode()


def test_a_federation_officer_does_not_read_a_unions_talks(cast, client_as):
    services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="家庭困难")
    assert "家庭困难" not in client_as(cast.fed).get("/voice/talks/").content.decode()
    with pytest.raises(NotAllowed):
        services.talk_record(actor=cast.fed, member=cast.member_record, kind="talk", date=dt.date(2025, 3, 1), topic="x")
