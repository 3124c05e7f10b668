"""Excel in and out against the database: all or nothing, duplicates, CLI, web upload, export, API."""

import io
import random

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gonghui.core.history import HistoryEntry
from gonghui.members.fake import roster_row
from gonghui.members.imports import roster_import
from gonghui.members.models import Member
from gonghui.members.roster import HEADERS
from gonghui.members.workbook import template_workbook


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.GONGHUI_IMPORT_UPLOAD_DIR = tmp_path / "uploads"


def roster(rows: list[list]) -> bytes:
    return template_workbook(rows=rows)


def people(n: int, org_label: str = "", seed: int = 1) -> list[list]:
    rng = random.Random(seed)
    return [roster_row(rng, 40000 + seed * 1000 + i, org_label) for i in range(n)]


def wrong_check_digit(number: str) -> str:
    return number[:-1] + ("0" if number[-1] != "0" else "1")


def test_a_good_roster_is_written_with_its_history_and_join_events(cast):
    rows = people(3, "炼钢作业区") + people(2, "BENBU-ZG", seed=2)
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert result.ok and result.created == 5
    imported = Member.objects.filter(name__in=[r[0] for r in rows])
    assert sorted(imported.values_list("org__code", flat=True)) == ["BENBU-LG"] * 3 + ["BENBU-ZG"] * 2
    assert all(m.union_id == cast.union.pk for m in imported)
    assert HistoryEntry.objects.filter(action="import", actor=cast.chair).count() == 5
    assert all(m.events.filter(kind="join").exists() for m in imported)


def test_one_bad_row_means_nothing_is_written(cast):
    rows = people(5)
    rows[3][1] = wrong_check_digit(rows[3][1])
    before = Member.objects.count()
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert result.created == 0 and [(e.row, e.column, e.code) for e in result.errors] == [(5, "身份证号", "id_checksum")]
    assert Member.objects.count() == before
    assert not HistoryEntry.objects.filter(action="import").exists()


def test_a_dry_run_reports_but_writes_nothing(cast):
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(people(4))), dry_run=True)
    assert result.ok and result.created == 0 and len(result.roster.rows) == 4
    assert not HistoryEntry.objects.filter(action="import").exists()


def test_duplicates_within_the_file_and_against_the_roll_are_both_named(cast):
    rows = people(3)
    rows[2][1] = rows[0][1]
    on_roll = people(1, seed=9)[0]
    on_roll[1] = _number_of(cast.member_record)
    rows.append(on_roll)
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert [(e.row, e.code) for e in result.errors] == [(4, "duplicate_in_file"), (5, "duplicate_on_roll")]
    assert result.created == 0


def _number_of(member) -> str:
    from gonghui.core import crypto

    return crypto.decrypt(member.id_number_encrypted)


def test_a_branch_cadre_cannot_import_into_the_whole_union(cast):
    from gonghui.core.scoping import NotAllowed

    with pytest.raises(NotAllowed):
        roster_import(actor=cast.cadre, org=cast.union, source=io.BytesIO(roster(people(1))))


def test_a_row_may_not_name_an_org_outside_the_one_imported_into(cast):
    result = roster_import(actor=cast.cadre, org=cast.branch, source=io.BytesIO(roster(people(1, "BENBU-ZG"))))
    assert [(e.column, e.code) for e in result.errors] == [("所属组织", "unknown_org")]


def test_a_file_that_is_not_a_workbook_is_reported_not_raised(cast):
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(b"name,id\n"))
    assert [e.code for e in result.errors] == ["unreadable"]


def test_a_workbook_without_the_id_column_is_refused_by_its_header(cast):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["姓名", "身份证"])
    book.active.append(["张三", "x"])
    out = io.BytesIO()
    book.save(out)
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(out.getvalue()))
    assert [e.code for e in result.errors] == ["unreadable"]


# ---------------------------------------------------------------- command line

def test_the_command_imports_a_file_into_an_org_by_code(cast, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(roster(people(4, "甲班")))
    out = io.StringIO()
    call_command("import-members", str(path), "--org", "BENBU", stdout=out, stderr=io.StringIO())
    assert "4" in out.getvalue()
    assert Member.objects.filter(org=cast.group).count() == 1 + 4  # 张三 sits there already


def test_the_command_names_each_bad_row_and_fails_without_writing(cast, tmp_path):
    rows = people(13)
    rows[10][1] = wrong_check_digit(rows[10][1])
    rows[4][9] = "2025年2月30日"
    path = tmp_path / "bad.xlsx"
    path.write_bytes(roster(rows))
    err = io.StringIO()
    before = Member.objects.count()
    with pytest.raises(CommandError) as caught:
        call_command("import-members", str(path), "--org", "BENBU", stdout=io.StringIO(), stderr=err)
    assert '行 12，列"身份证号"：校验码不符' in err.getvalue()
    assert '行 6，列"入会日期"' in err.getvalue()
    assert "2" in str(caught.value)
    assert Member.objects.count() == before


def test_the_command_dry_run_writes_nothing(cast, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(roster(people(3)))
    out = io.StringIO()
    call_command("import-members", str(path), "--org", "BENBU", "--dry-run", stdout=out, stderr=io.StringIO())
    assert "3" in out.getvalue() and not HistoryEntry.objects.filter(action="import").exists()


def test_the_command_refuses_an_unknown_org_code(cast, tmp_path):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(roster(people(1)))
    with pytest.raises(CommandError, match="NOPE"):
        call_command("import-members", str(path), "--org", "NOPE", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_command_writes_the_template_with_chinese_headers(cast, tmp_path):
    path = tmp_path / "template.xlsx"
    call_command("import-members", "--template", str(path), stdout=io.StringIO())
    book = load_workbook(path)
    assert [c.value for c in book.worksheets[0][1]] == list(HEADERS)
    assert "填写说明" in book.sheetnames


# ---------------------------------------------------------------- web

def test_the_template_download_has_chinese_headers_lists_and_the_chairs_orgs(cast, client_as):
    response = client_as(cast.chair).get("/members/import/template/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["花名册"]
    assert [c.value for c in sheet[1]] == ["姓名", "身份证号", "性别", "民族", "出生日期", "手机号码", "所属组织", "岗位", "是否会员",
                                          "入会日期", "劳动合同", "合同起始", "合同终止", "工伤保险", "养老保险", "医疗保险"]
    lists = [v.formula1 for v in sheet.data_validations.dataValidation]
    assert '"已签订,未签订,已到期"' in lists and '"男,女"' in lists
    org_names = [row[1].value for row in book["组织"].iter_rows(min_row=2)]
    assert "炼钢作业区" in org_names and "学校工会" not in org_names
    assert sheet["B2"].number_format == "@"  # the ID column is text, so Excel keeps 18 digits


def test_the_chair_uploads_sees_the_dry_run_errors_then_confirms_a_good_file(cast, client_as):
    client = client_as(cast.chair)
    rows = people(3, "BENBU-LG")
    bad = [list(r) for r in rows]
    bad[1][5] = "12345"
    page = client.post("/members/import/", {"org": cast.union.pk, "file": _upload(roster(bad))})
    text = page.content.decode()
    assert page.status_code == 200 and "手机号码" in text and "不是有效的手机号码" in text and "未写入任何数据" in text
    assert "确认导入" not in text

    page = client.post("/members/import/", {"org": cast.union.pk, "file": _upload(roster(rows))})
    text = page.content.decode()
    assert "确认导入" in text and not Member.objects.filter(name=rows[0][0], org=cast.branch).exists()
    token = page.context["token"]
    response = client.post(f"/members/import/{token}/", {"filename": "r.xlsx"})
    assert response.status_code == 302
    assert Member.objects.filter(org=cast.branch, name__in=[r[0] for r in rows]).count() == 3
    assert client.post(f"/members/import/{token}/").status_code == 404  # a token confirms once


def test_someone_else_cannot_confirm_the_chairs_upload(cast, client_as, client):
    chair = client_as(cast.chair)
    page = chair.post("/members/import/", {"org": cast.union.pk, "file": _upload(roster(people(2)))})
    token = page.context["token"]
    from django.test import Client

    other = Client()
    other.force_login(cast.fed)
    assert other.post(f"/members/import/{token}/").status_code == 404


def test_the_upload_form_offers_only_orgs_in_reach(cast, client_as):
    page = client_as(cast.outsider).post("/members/import/", {"org": cast.union.pk, "file": _upload(roster(people(1)))})
    assert page.status_code == 200 and page.context["form"].errors.get("org")


def _upload(content: bytes, name: str = "花名册.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _exported(response) -> list[tuple]:
    data = b"".join(response.streaming_content)
    return list(load_workbook(io.BytesIO(data), read_only=True).worksheets[0].iter_rows(values_only=True))


def test_the_export_holds_what_the_list_shows_masked(cast, client_as):
    rows = _exported(client_as(cast.chair).get("/members/export/", {"org": cast.group.pk}))
    assert rows[0][:2] == ("姓名", "身份证号")
    assert [r[0] for r in rows[1:]] == ["张三"]
    assert rows[1][1] == cast.member_record.id_number_masked and "****" in rows[1][1]
    assert rows[1][6] == "甲班"



def test_text_that_looks_like_a_formula_is_exported_as_text(cast, client_as):
    from gonghui.members.services import member_update

    member_update(actor=cast.chair, member=cast.member_record, post="=1+1")
    data = b"".join(client_as(cast.chair).get("/members/export/", {"org": cast.group.pk}).streaming_content)
    cell = load_workbook(io.BytesIO(data)).worksheets[0]["H2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")

def test_the_export_follows_the_search_and_status_filters(cast, client_as):
    client = client_as(cast.chair)
    assert [r[0] for r in _exported(client.get("/members/export/", {"q": "laq"}))[1:]] == ["李安全"]
    assert len(_exported(client.get("/members/export/", {"status": "left"}))) == 1  # the header only


def test_the_outsider_exports_nothing_of_benbu(cast, client_as):
    client = client_as(cast.outsider)
    names = [r[0] for r in _exported(client.get("/members/export/"))[1:]]
    assert names == ["王老师"]
    assert client.get("/members/export/", {"org": cast.union.pk}).status_code == 404


def test_the_export_reads_the_roll_in_a_constant_number_of_queries(cast, client_as, django_assert_max_num_queries):
    from gonghui.portal.tests.personas import make_member

    client = client_as(cast.chair)
    for i in range(20):
        make_member(cast.branch, f"导出{i}")
    with django_assert_max_num_queries(8):
        rows = _exported(client.get("/members/export/"))
    assert len(rows) == 1 + 22


# ---------------------------------------------------------------- API

def test_the_api_dry_run_lists_every_bad_cell(cast, client_as):
    rows = people(2)
    rows[1][1] = 420100198503011234.0
    response = client_as(cast.chair).post(f"/api/v1/members/import?org_id={cast.union.pk}&dry_run=true", {"file": _upload(roster(rows))})
    assert response.status_code == 200
    body = response.json()
    assert body["dry_run"] is True and body["created"] == 0 and body["rows"] == 2
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"]] == [(3, "身份证号", "id_as_number")]


def test_the_api_imports_all_rows_or_answers_422(cast, client_as):
    client = client_as(cast.chair)
    good = people(3)
    response = client.post(f"/api/v1/members/import?org_id={cast.other_branch.pk}", {"file": _upload(roster(good))})
    assert response.status_code == 201 and response.json()["created"] == 3
    assert Member.objects.filter(org=cast.other_branch, name__in=[r[0] for r in good]).count() == 3
    bad = people(2, seed=5)
    bad[0][0] = ""
    response = client.post(f"/api/v1/members/import?org_id={cast.other_branch.pk}", {"file": _upload(roster(bad))})
    assert response.status_code == 422 and response.json()["errors"][0]["code"] == "required"


def test_the_api_import_into_another_union_is_404(cast, client_as):
    response = client_as(cast.outsider).post(f"/api/v1/members/import?org_id={cast.union.pk}", {"file": _upload(roster(people(1)))})
    assert response.status_code == 404


def test_a_clash_in_a_later_chunk_takes_back_the_chunks_already_written(cast, monkeypatch):
    """Rows go in chunks inside one transaction: a failure midway leaves nothing, as a killed import would."""
    from gonghui.members import imports, services

    rows = people(6)
    calls = []

    def write_then_someone_adds_a_row_of_the_next_chunk(*, actor, rows, note="", checked_hashes=None):
        if calls:  # before the second chunk, another clerk adds one of its people
            services.member_create(actor=None, data=services.MemberData(name="抢先", id_number=rows[0].id_number, org=cast.union))
        calls.append(len(rows))
        return services.members_bulk_create(actor=actor, rows=rows, note=note, checked_hashes=checked_hashes)

    monkeypatch.setattr(imports, "WRITE_CHUNK", 3)
    monkeypatch.setattr(imports, "members_bulk_create", write_then_someone_adds_a_row_of_the_next_chunk)
    before = Member.objects.count()
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert calls == [3, 3] and result.created == 0 and [e.code for e in result.errors] == ["clash"]
    assert Member.objects.count() == before
    assert not HistoryEntry.objects.filter(action="import").exists()


def test_an_imported_member_is_stored_exactly_as_the_checking_path_would_store_them(cast):
    """The import derives its checked rows without checking them twice: the same columns as members_bulk_create checking them."""
    from django.db import transaction

    from gonghui.members.services import members_bulk_create

    rows = people(6, "炼钢作业区", seed=7)
    for cell in (2, 3, 4):
        rows[1][cell] = ""  # empty cells take the defaults the checking path gives them too
    fields = [f.name for f in Member._meta.concrete_fields if f.name not in {"id", "created_at", "updated_at", "id_number_encrypted"}]
    with transaction.atomic():
        result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
        assert result.ok and result.created == 6
        imported = list(Member.objects.filter(name__in=[r[0] for r in rows]).order_by("id_number_hash").values(*fields))
        transaction.set_rollback(True)
    assert not Member.objects.filter(name__in=[r[0] for r in rows]).exists()
    members_bulk_create(actor=cast.chair, rows=[item.data for item in result.roster.rows])
    assert list(Member.objects.filter(name__in=[r[0] for r in rows]).order_by("id_number_hash").values(*fields)) == imported
