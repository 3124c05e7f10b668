"""No file kills the server: every upload path refuses, before any reader touches it, a workbook
whose sheet is too large to hold, a zip bomb, or more rows than one import takes; and text with
control characters is cleaned where it comes in, so no stored value breaks an export.

The hostile files are built here with zipfile, byte by byte, as an attacker would.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gonghui.members import conf, workbook, workbook_guard
from gonghui.members.imports import roster_check, roster_import
from gonghui.members.models import Member
from gonghui.members.workbook import UnreadableWorkbook, check_workbook

from .test_roster_import import _upload, people, roster

pytestmark = pytest.mark.django_db

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '</Types>'
)
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            '<sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                 'Target="worksheets/sheet1.xml"/></Relationships>')


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'{dim}<sheetData>{rows}</sheetData></worksheet>')


def header_row() -> str:
    return '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c></row>'


def xlsx(sheet: str, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, content in (extra or {}).items():
            book.writestr(name, content)
    return out.getvalue()


# One cell at the last column of the last row: 1.5 KB that asks a reader for 512 GiB.
FAR_CELL = xlsx(sheet_xml(header_row() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


@pytest.fixture
def no_reader(monkeypatch):
    """Fail the test if a spreadsheet library is asked to read the file at all."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("the file reached the reader")

    monkeypatch.setattr(workbook, "_raw_rows", refuse)


def refusal(content: bytes) -> str:
    with pytest.raises(UnreadableWorkbook) as caught:
        check_workbook(io.BytesIO(content))
    return str(caught.value)


def test_a_cell_at_xfd1048576_is_refused_before_any_reader_sees_it(cast, no_reader):
    assert len(FAR_CELL) < 2000
    checked = roster_check(org=cast.union, source=io.BytesIO(FAR_CELL))
    assert [(e.code, e.row) for e in checked.errors] == [("unreadable", 0)]
    assert "最多读取50列、20,000行" in checked.errors[0].reason


@pytest.mark.parametrize("sheet", [
    sheet_xml(header_row(), dimension="A1:XFD1048576"),                       # a dimension that claims the whole grid
    sheet_xml(header_row() + '<row r="30000"><c r="A30000"><v>1</v></c></row>'),  # no dimension, a row far down
    sheet_xml(header_row() + '<row r="2">' + "<c><v>1</v></c>" * 60 + "</row>"),  # 60 cells without references
    sheet_xml(header_row() + "<row>" * 20_001),                                 # rows without numbers, counted in place
    sheet_xml(header_row() + '<row r="2"><c r="A99999999999"><v>1</v></c></row>'),
])
def test_a_sheet_that_declares_or_references_too_large_an_area_is_refused(sheet):
    assert "最多读取" in refusal(xlsx(sheet))


def test_a_sheet_stored_under_another_name_is_checked_all_the_same():
    # The workbook's relationships, not the part's name, make it a worksheet.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES.replace("/xl/worksheets/sheet1.xml", "/xl/notes.bin"))
        book.writestr("_rels/.rels", RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.replace("worksheets/sheet1.xml", "notes.bin"))
        book.writestr("xl/notes.bin", sheet_xml(header_row() + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    assert "最多读取" in refusal(out.getvalue())


def test_an_ordinary_template_and_a_full_roster_pass(cast):
    check_workbook(io.BytesIO(roster(people(30))))
    check_workbook(io.BytesIO(xlsx(sheet_xml(header_row(), dimension="A1:AX20000"))))


def test_a_zip_bomb_is_refused_by_what_it_inflates_to(monkeypatch):
    monkeypatch.setattr(workbook_guard, "MAX_INFLATED_BYTES", 1024 * 1024)
    bomb = xlsx(sheet_xml(header_row()), {"xl/media/padding.bin": b"0" * (2 * 1024 * 1024)})
    assert len(bomb) < 20_000 and "最多读取" in refusal(bomb)


def test_an_entry_that_inflates_past_the_size_its_header_states_is_refused():
    honest = xlsx(sheet_xml(header_row()), {"xl/media/filler": b"0" * 500_000})
    central = honest.rindex(b"xl/media/filler") - 46  # its central directory record
    assert honest[central:central + 4] == b"PK\x01\x02"
    lying = honest[:central + 24] + struct.pack("<I", 1000) + honest[central + 28:]
    with zipfile.ZipFile(io.BytesIO(lying)) as book:
        assert book.getinfo("xl/media/filler").file_size == 1000
    assert refusal(lying)


def test_shared_strings_that_announce_a_billion_entries_are_refused():
    strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000"><si><t>x</t></si></sst>'
    assert "最多读取" in refusal(xlsx(sheet_xml(header_row()), {"xl/sharedStrings.xml": strings.encode()}))


def test_what_is_not_a_zip_or_is_too_big_is_refused(monkeypatch):
    assert "Excel" in refusal(b"PK\x03\x04 not really a zip")
    # A spreadsheet of another kind in an .xlsx's name (OpenDocument, binary Excel) is not read at all.
    assert "Excel" in refusal(xlsx(sheet_xml(header_row()), {"content.xml": b"<office:document-content/>"}))
    assert "Excel" in refusal(xlsx(sheet_xml(header_row()), {"xl/workbook.bin": b"\x83\x01\x00"}))
    monkeypatch.setattr(conf, "IMPORT_MAX_BYTES", 1000)
    assert "超过" in refusal(FAR_CELL + b"\0" * 1000)


def test_the_page_the_api_and_the_command_refuse_the_same_file_the_same_way(cast, client_as, tmp_path, no_reader, settings):
    settings.GONGHUI_IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    client = client_as(cast.chair)
    page = client.post("/members/import/", {"org": cast.union.pk, "file": _upload(FAR_CELL)}).content.decode()
    assert "最多读取50列、20,000行" in page
    api = client.post(f"/api/v1/members/import?org_id={cast.union.pk}&dry_run=true", {"file": _upload(FAR_CELL)})
    assert "最多读取50列、20,000行" in json.dumps(api.json(), ensure_ascii=False) and not api.json()["rows"]
    path = tmp_path / "far.xlsx"
    path.write_bytes(FAR_CELL)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import-members", str(path), "--org", "BENBU", stdout=io.StringIO(), stderr=err)
    assert "最多读取50列、20,000行" in err.getvalue()


def test_the_api_applies_the_size_limit_the_page_applies(cast, client_as, monkeypatch):
    monkeypatch.setattr(conf, "IMPORT_MAX_BYTES", 2000)
    response = client_as(cast.chair).post(f"/api/v1/members/import?org_id={cast.union.pk}", {"file": _upload(roster(people(1)))})
    assert response.status_code == 422 and "超过" in response.json()["errors"][0]["reason"]
    assert not Member.objects.filter(name=people(1)[0][0]).exists()


def test_one_import_takes_at_most_the_rows_the_template_states(cast, monkeypatch):
    notes = load_workbook(io.BytesIO(roster([])))["填写说明"]
    assert any("每个文件最多10,000人" in str(cell.value) for row in notes.iter_rows() for cell in row)
    monkeypatch.setattr(conf, "IMPORT_MAX_ROWS", 3)
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(people(4))))
    assert [e.code for e in result.errors] == ["too_many_rows"] and result.created == 0
    assert "最多导入3人" in result.errors[0].reason


def test_a_report_lists_the_first_problems_and_counts_the_rest(cast, client_as, monkeypatch, settings, tmp_path):
    settings.GONGHUI_IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    monkeypatch.setattr(conf, "IMPORT_MAX_LISTED_ERRORS", 2)
    rows = people(5)
    for r in rows:
        r[5] = "12345"  # a bad phone on every row
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)), dry_run=True)
    assert len(result.errors) == 2 and result.roster.more_errors == 3 and result.problem_count == 5
    page = client_as(cast.chair).post("/members/import/", {"org": cast.union.pk, "file": _upload(roster(rows))}).content.decode()
    assert "以及另外3处错误" in page


def test_control_characters_are_taken_out_of_an_import_a_form_and_the_api_so_exports_work(cast, client_as):
    rows = people(1)
    # How a workbook carries control characters (OOXML's _xHHHH_ escapes); every reader turns them back.
    rows[0][0], rows[0][7] = "张_x000B_小三", "电_x0001_工_x001F_"
    result = roster_import(actor=cast.chair, org=cast.union, source=io.BytesIO(roster(rows)))
    assert result.ok, result.errors
    imported = Member.objects.get(name="张小三")
    assert imported.post == "电工"
    client = client_as(cast.chair)
    record = cast.member_record
    form = {"name": "张\x02三", "sex": record.sex, "ethnic_group": "汉族", "phone": "138 0000 0001", "post": "炼\x0c钢工",
            "is_union_member": "on", "join_date": "2020-03-01", "contract_status": "unsigned"}
    assert client.post(f"/members/{record.pk}/edit/", form).status_code == 302
    record.refresh_from_db()
    assert (record.name, record.post, record.phone) == ("张三", "炼钢工", "13800000001")
    api = client.patch(f"/api/v1/members/{record.pk}", json.dumps({"post": "天车\x0b工"}), content_type="application/json")
    assert api.status_code == 200 and api.json()["post"] == "天车工"
    export = client.get("/members/export/")
    assert export.status_code == 200 and load_workbook(io.BytesIO(b"".join(export.streaming_content)))
