import pytest

pytestmark = pytest.mark.django_db


def test_answer_templates_are_kept_per_theme_and_offered_on_the_suggestion(cast, client_as):
    from .factories import suggestion, theme

    t = theme(cast)
    chair = client_as(cast.chair)
    chair.post("/voice/answers/", {"form": "template", "theme": t.pk, "title": "采纳通用", "body": "感谢您的建议，已采纳。"})
    made = suggestion(cast, theme=t)
    assert "感谢您的建议，已采纳。" in chair.get(f"/voice/suggestions/{made.pk}/").content.decode()
