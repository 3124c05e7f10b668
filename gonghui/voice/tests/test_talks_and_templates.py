import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.scoping import NotAllowed
from gonghui.voice import services
from gonghui.voice.models import Talk
from gonghui.voice.selectors import talk_figures

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


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
