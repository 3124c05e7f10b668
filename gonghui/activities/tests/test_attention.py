import datetime as dt

import pytest
from django.utils import timezone

from gonghui.activities import services
from gonghui.activities.selectors import attention

from . import factories as f

pytestmark = pytest.mark.django_db


def test_the_chair_is_shown_members_waiting_and_pairs_without_a_check(cast, client_as):
    e = f.event(cast.union, actor=cast.chair, capacity=1, starts_on=timezone.localdate() + dt.timedelta(days=9))
    services.event_signup(actor=cast.member, event=e, member=cast.member_record)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record)
    signed = timezone.localdate() - dt.timedelta(days=120)
    services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record, apprentice=cast.member_record,
                              signed_on=signed, ends_on=signed + dt.timedelta(days=400), goals="独立顶岗")
    assert [item.count for item in attention(visible_to=cast.chair)] == [1, 1]
    page = client_as(cast.chair).get("/").content.decode()
    assert "活动候补人员" in page and "超过90天未做阶段检查的师徒" in page


def test_the_outsider_and_a_member_are_shown_nothing(cast):
    e = f.event(cast.union, actor=cast.chair, capacity=1, starts_on=timezone.localdate() + dt.timedelta(days=9))
    services.event_signup(actor=cast.member, event=e, member=cast.member_record)
    services.event_signup(actor=cast.rep, event=e, member=cast.rep_record)
    for persona in (cast.outsider, cast.member):
        assert [item.count for item in attention(visible_to=persona)] == [0, 0]
