"""A delegate seconds another delegate's motion from their list: once, never their own."""

import pytest
from django.core.exceptions import ValidationError

from gonghui.congress import services
from gonghui.congress.models import Seconder

from .factories import motion, session

pytestmark = pytest.mark.django_db


def test_a_delegate_sees_the_sessions_motions_collecting_seconders_and_seconds_one(cast, client_as):
    s = session(cast, delegates=6)
    theirs = motion(cast, s, actor=cast.rep, title="增设夜班班车")
    own = motion(cast, s, actor=cast.member, title="改善炼钢作业区更衣室条件")
    client = client_as(cast.member)
    page = client.get("/congress/motions/").content.decode()
    assert "征集附议的提案" in page and "增设夜班班车" in page and "已有0人附议（须2人）" in page
    assert page.index("征集附议的提案") < page.index("增设夜班班车")
    assert f'action="/congress/motions/{own.pk}/second/"' not in page  # not one's own
    response = client.post(f"/congress/motions/{theirs.pk}/second/", {"back": "list"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/congress/motions/"
    assert "您已附议该提案" in page and "您已附议" in page and "已有1人附议（须2人）" in page
    client.post(f"/congress/motions/{theirs.pk}/second/", {"back": "list"})  # a double tap
    assert Seconder.objects.filter(motion=theirs).count() == 1


def test_a_delegate_cannot_second_their_own_motion(cast, client_as):
    s = session(cast, delegates=6)
    own = motion(cast, s, actor=cast.member)
    with pytest.raises(ValidationError, match="提案人不能附议自己的提案"):
        services.motion_second(actor=cast.member, motion=own)
    page = client_as(cast.member).post(f"/congress/motions/{own.pk}/second/", follow=True).content.decode()
    assert "提案人不能附议自己的提案" in page and not Seconder.objects.exists()


def test_a_decided_motion_no_longer_collects_seconders(cast):
    s = session(cast, delegates=6)
    theirs = motion(cast, s, actor=cast.rep)
    services.motion_decide(actor=cast.chair, motion=theirs, accept=False, reason="转为合理化建议")
    from gonghui.congress.selectors import motions_to_second

    assert list(motions_to_second(user=cast.member)) == []
    with pytest.raises(ValidationError, match="已"):
        services.motion_second(actor=cast.member, motion=theirs)


def test_the_api_lists_the_motions_to_second_and_seconds_once(cast, client_as):
    s = session(cast, delegates=6)
    theirs = motion(cast, s, actor=cast.rep, title="增设夜班班车")
    client = client_as(cast.member)
    listed = client.get("/api/v1/congress/motions/to-second").json()
    assert [(m["title"], m["n_seconders"], m["seconded"]) for m in listed] == [("增设夜班班车", 0, False)]
    for _i in range(2):
        assert client.post(f"/api/v1/congress/motions/{theirs.pk}/seconders", {}, content_type="application/json").status_code == 201
    assert Seconder.objects.filter(motion=theirs).count() == 1
    assert client.get("/api/v1/congress/motions/to-second").json()[0]["seconded"] is True
    assert client_as(cast.outsider).get("/api/v1/congress/motions/to-second").json() == []
