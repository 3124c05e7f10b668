"""What the change history shows is Chinese: field names, states and dates, never a code name."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.core.history import change_lines, history_for
from gonghui.governance import services

from .factories import meeting, published_disclosure, target

pytestmark = pytest.mark.django_db
ASCII_WORD = re.compile(r"[A-Za-z_]{3,}")


def shown(obj) -> list[str]:
    with translation.override("zh-hans"):
        return [" ".join(map(str, line)) + " " + entry.note for entry in history_for(obj) for line in change_lines(entry)]


def test_the_governance_histories_read_in_chinese(cast):
    t = target(cast.union, actor=cast.chair)
    services.target_update(actor=cast.chair, target=t, changes={"unit": "亿元", "note": "调整"})
    services.target_check_record(actor=cast.chair, target=t, kind="mid_year", date=dt.date(2025, 6, 30), actual=Decimal("400"))
    m = meeting(cast.union, actor=cast.chair, decisions=["《工会经费管理办法》"])
    services.meeting_update(actor=cast.chair, meeting=m, minutes="会议纪要", decisions=["《工会经费管理办法》", "《职代会提案办法》"])
    p = services.plan_create(actor=cast.chair, org=cast.union, year=2026, half=1, text="开展职工技能竞赛")
    services.plan_set_status(actor=cast.chair, plan=p, status="done", result="已举办")
    d = published_disclosure(cast.union, actor=cast.chair)
    o = services.objection_raise(author=cast.member, disclosure=d, text="请核实")
    services.objection_answer(actor=cast.chair, objection=o, answer="已核实")
    lines = [line for obj in (t, m, p, d, o) for line in shown(obj)]
    assert lines
    english = [line for line in lines if ASCII_WORD.search(line)]
    assert not english, english


def test_the_summarys_history_names_the_version_and_the_edited_parts_in_chinese(cast):
    from gonghui.core.summary import Period
    from gonghui.reports.models import WorkSummary
    from gonghui.reports.services import summary_version_save

    with translation.override("zh-hans"):
        summary_version_save(org=cast.union, period=Period.year(2025), actor=cast.chair, texts={"opening": "开篇。"})
    lines = shown(WorkSummary.objects.get())
    assert lines and not [line for line in lines if ASCII_WORD.search(line)], lines
    assert any("版本" in line for line in lines)


def test_a_field_that_cannot_change_is_named_in_chinese(cast):
    from django.core.exceptions import ValidationError

    t = target(cast.union, actor=cast.chair)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        services.target_update(actor=cast.chair, target=t, changes={"year": 2030})
    assert "年度" in str(refused.value) and "year" not in str(refused.value)
