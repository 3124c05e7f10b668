"""Three groups called 甲班: wherever an org is chosen it is told apart by its parent, the import
template offers only names the import accepts, and files are named in Chinese."""

import io
import random
from urllib.parse import unquote

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.members.fake import roster_row
from gonghui.members.imports import roster_import
from gonghui.members.models import Member
from gonghui.orgs.services import org_create

from .test_roster_import import roster

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_jiaban(cast):
    """甲班 under 炼钢作业区 (the cast's group), under 轧钢作业区, and directly under the union."""
    return {
        "炼钢作业区 / 甲班": cast.group,
        "轧钢作业区 / 甲班": org_create(actor=None, code="BENBU-ZG-1", name="甲班", kind="group", parent=cast.other_branch),
        "本部工会 / 甲班": org_create(actor=None, code="BENBU-1", name="甲班", kind="group", parent=cast.union),
    }


def test_every_org_picker_tells_the_three_apart_by_their_parent(cast, client_as, three_jiaban):
    client = client_as(cast.chair)
    for url in ("/members/new/", f"/members/{cast.member_record.pk}/transfer/", "/members/import/"):
        page = client.get(url).content.decode()
        assert all(label in page for label in three_jiaban), url
        assert "炼钢作业区</option>" in page  # a name of its own stays plain
    # The member book's filter searches instead of listing: its answers tell them apart the same way.
    found = client.get("/orgs/pick/", {"action": "members.member.view", "q": "甲班"}).json()["results"]
    assert sorted(r["label"] for r in found) == sorted(three_jiaban)


def test_the_template_offers_only_names_the_import_takes(cast, client_as, three_jiaban):
    book = load_workbook(io.BytesIO(client_as(cast.chair).get("/members/import/template/").content))
    offered = [row[1] for row in book["组织"].iter_rows(min_row=2, values_only=True)]
    assert set(three_jiaban) <= set(offered) and "甲班" not in offered
    rng = random.Random(5)
    rows = [roster_row(rng, 70000 + i, label) for i, label in enumerate(offered)]
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert result.ok, result.errors
    for row, label in zip(rows, offered):
        placed = Member.objects.get(name=row[0], phone=row[5]).org
        assert placed == three_jiaban.get(label, placed) and (label in three_jiaban or label == placed.name)
    # Typed by hand, with a full-width slash and no spaces, it is the same org; the bare name says what to write.
    rows = [roster_row(rng, 71000, "轧钢作业区／甲班"), roster_row(rng, 71001, "甲班")]
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)), dry_run=True)
    assert [(e.row, e.code) for e in result.errors] == [(3, "ambiguous_org")] and "炼钢作业区 / 甲班" in result.errors[0].reason


@pytest.mark.parametrize("url,stem", [("/members/export/", "会员台帐"), ("/members/import/template/", "会员花名册模板")])
def test_files_are_named_in_chinese_for_every_browser(cast, client_as, url, stem):
    response = client_as(cast.chair).get(url)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="') and disposition.split('"')[1].isascii()
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    day = timezone.localdate()
    assert name == (f"{stem}-{day.year}年{day.month}月{day.day}日.xlsx" if stem == "会员台帐" else f"{stem}.xlsx")
