"""An anonymous suggestion cannot be traced back: not through a small team, not through the
minute it came in, not through someone else's idempotency key."""

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.history import history_for
from gonghui.members.models import Member
from gonghui.portal.tests.personas import make_member
from gonghui.voice import services
from gonghui.voice.models import Suggestion

pytestmark = pytest.mark.django_db


def submit(cast, *, actor=None, author=None, key="k", title="关于排班的意见"):
    return services.suggestion_submit(actor=actor or cast.member, author=author or cast.member_record, title=title,
                                      body="夜班连续太长", anonymous=True, idempotency_key=key, submitted_on=dt.date(2025, 3, 1))


def fill(org, n: int) -> None:
    for i in range(n):
        make_member(org, f"工人{org.pk}-{i}")


def test_an_anonymous_suggestion_from_a_small_team_shows_its_branch_when_the_branch_is_large_enough(cast):
    fill(cast.branch, 9)  # with 张三 in 甲班: ten on the branch's roll, one in the team
    made, _code = submit(cast)
    assert made.org == cast.branch


def test_an_anonymous_suggestion_from_a_small_branch_shows_only_its_union(cast):
    made, _code = submit(cast)  # 甲班 and 炼钢作业区 each have one person on the roll
    assert Member.objects.filter(org__path__startswith=cast.branch.path).count() < 10
    assert made.org == cast.union


def test_the_cadre_sees_the_day_of_an_anonymous_suggestion_but_never_its_minute(cast, client_as):
    made, _code = submit(cast)
    made.refresh_from_db()
    assert timezone.localtime(made.created_at).time() == dt.time.min
    assert all(entry.at == made.created_at for entry in history_for(made))
    page = client_as(cast.chair).get(f"/voice/suggestions/{made.pk}/").content.decode()
    assert "2025年3月1日" in page or "2025-03-01" in page
    assert "甲班" not in page and "炼钢作业区" not in page
    assert "00:00" not in page  # the submission's history row, with its time, is not shown


def test_the_submit_page_says_exactly_what_an_anonymous_suggestion_keeps(cast, client_as):
    page = client_as(cast.member).get("/voice/suggest/").content.decode()
    assert "匿名提交时，系统只保存" in page
    assert "提交日期，不保存具体时间" in page
    assert "来源只记为“本部工会”" in page and "少于10人" in page
    assert "不保存您的姓名、会员档案和登录账号" in page


def test_someone_elses_anonymous_key_never_returns_their_suggestion_or_receipt(cast):
    mine, my_code = submit(cast, key="shared-key")
    theirs, their_code = submit(cast, actor=cast.rep, author=cast.rep_record, key="shared-key", title="另一条")
    assert theirs.pk != mine.pk and their_code != my_code and theirs.title == "另一条"
    assert Suggestion.objects.count() == 2
    again, again_code = submit(cast, key="shared-key")  # the author's own retry still finds their own
    assert again.pk == mine.pk and again_code == my_code


def test_the_stored_key_of_an_anonymous_suggestion_is_not_the_key_the_phone_sent(cast):
    made, _code = submit(cast, key="phone-key-123")
    assert "phone-key-123" not in made.idempotency_key and len(made.idempotency_key) == 64
