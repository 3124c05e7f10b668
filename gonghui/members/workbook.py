"""Reading and writing roster workbooks (.xlsx).

Reading streams the sheet (python-calamine when installed, else openpyxl in
read-only mode) and hands plain cell values to `roster.parse_roster`. Writing
makes the import template (Chinese headers, an instructions sheet, drop-down
lists) and the export of what a user sees, row by row in write-only mode so a
large roll never sits in memory as cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core import idcard
from gonghui.core.xlsx import row_cells
from gonghui.orgs.selectors import org_labels
from gonghui.core.text import single_line

from .choices import ContractStatus, Sex
from . import conf
from .roster import COLUMNS, CONTRACT_WORDS, HEADERS, SEX_WORDS
from .workbook_guard import UnreadableWorkbook, check_workbook

try:  # a Rust reader, several times faster than openpyxl on large rosters
    import python_calamine
except ImportError:  # pragma: no cover - openpyxl does the same, slower
    python_calamine = None

ROSTER_SHEET = "花名册"
INSTRUCTIONS_SHEET = "填写说明"
ORGS_SHEET = "组织"
TEMPLATE_ROWS = 5000  # rows pre-formatted (text ID column, date formats, drop-downs) in the template


__all__ = ["UnreadableWorkbook", "check_workbook", "read_roster", "template_workbook"]


Table = tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]


def read_roster(source: IO[bytes] | str) -> Table:
    """(headers, iterator of (row number, {header: value})) for the roster sheet.

    The header row is the first of the top ten rows that names both 姓名 and 身份证号,
    so a title or an instruction line above it does no harm. Blank rows are skipped;
    row numbers are the spreadsheet's own, as the person filling it in sees them.
    The file is checked first (`workbook_guard.check_workbook`), before any reader touches it.
    """
    check_workbook(source)
    rows = _raw_rows(source)
    for number, cells in enumerate(rows, start=1):
        texts = [str(c).strip() if c is not None else "" for c in cells]
        if "姓名" in texts and "身份证号" in texts:
            return texts, _records(texts, rows, number)
        if number >= 10:
            break
    raise UnreadableWorkbook(_("No header row naming 姓名 and 身份证号 was found in the first sheet."))


def _records(headers: list[str], rows: Iterator[tuple], header_row: int) -> Iterator[tuple[int, dict[str, Any]]]:
    wanted = [(i, h) for i, h in enumerate(headers) if h in HEADERS]
    for number, cells in enumerate(rows, start=header_row + 1):
        record = {h: cells[i] for i, h in wanted if i < len(cells)}
        if any(v is not None and v != "" for v in record.values()):
            yield number, record


def _raw_rows(source: IO[bytes] | str) -> Iterator[tuple]:
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        if python_calamine is not None:
            return _calamine_rows(source)
        return _openpyxl_rows(source)
    except UnreadableWorkbook:
        raise
    except Exception as exc:  # every library has its own zoo of errors for a file that is not .xlsx
        raise UnreadableWorkbook(_("The file could not be read as an Excel workbook (.xlsx).")) from exc


def _first_sheet_name(names: list[str]) -> str:
    return ROSTER_SHEET if ROSTER_SHEET in names else names[0]


def _calamine_rows(source) -> Iterator[tuple]:
    book = python_calamine.CalamineWorkbook.from_filelike(source) if hasattr(source, "read") else \
        python_calamine.CalamineWorkbook.from_path(str(source))
    sheet = book.get_sheet_by_name(_first_sheet_name(book.sheet_names))
    # calamine gives "" for an empty cell; the parser treats None and "" alike.
    return iter(tuple(row) for row in sheet.iter_rows())


def _openpyxl_rows(source) -> Iterator[tuple]:
    from openpyxl import load_workbook

    book = load_workbook(source, read_only=True, data_only=True)
    sheet = book[_first_sheet_name(book.sheetnames)]
    return sheet.iter_rows(values_only=True)


# ---------------------------------------------------------------- writing

def template_workbook(*, orgs: Iterable[Any] = (), rows: Iterable[Iterable[Any]] = ()) -> bytes:
    """The import template: headers, an instructions sheet, drop-downs and text/date formats.

    `rows` (cell values in the template's column order) are filled in below the header:
    the tests and the bench make their rosters this way, exactly as a person would.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = ROSTER_SHEET
    sheet.append(list(HEADERS))
    last = TEMPLATE_ROWS + 1
    bold = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="FDE9D9" if column.required else "F2F2F2")
        cell.alignment = Alignment(horizontal="center")
        sheet.column_dimensions[letter].width = {"id": 22, "org": 18, "phone": 14, "date": 13}.get(column.kind, 10)
        number_format = {"id": "@", "phone": "@", "date": "yyyy-mm-dd"}.get(column.kind)
        if number_format:
            # Formatting the cells as text before anyone types keeps 18-digit numbers whole.
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).number_format = number_format
        choices = {"sex": list(SEX_WORDS), "bool": ["是", "否"], "contract": list(CONTRACT_WORDS)}.get(column.kind)
        if choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            rule.error = _("Choose one of: %(choices)s") % {"choices": "、".join(choices)}
            rule.showErrorMessage = True
            sheet.add_data_validation(rule)
            rule.add(f"{letter}2:{letter}{last}")
    sheet.freeze_panes = "A2"
    for number, values in enumerate(rows, start=2):
        for index, value in enumerate(values, start=1):
            if value is not None and value != "":
                sheet.cell(row=number, column=index).value = value

    # The names offered are the ones the import reads back: "炼钢作业区 / 甲班" where three groups are 甲班.
    orgs = list(orgs)
    labels = org_labels(orgs)
    org_rows = [(o.code, labels[o.pk]) for o in orgs]
    if org_rows:
        listing = book.create_sheet(ORGS_SHEET)
        listing.append([pgettext("roster", "Code"), pgettext("roster", "Name")])
        for code, name in org_rows:
            listing.append(row_cells(listing, [code, name]))
        listing.column_dimensions["A"].width = 16
        listing.column_dimensions["B"].width = 24
        org_letter = get_column_letter(HEADERS.index("所属组织") + 1)
        # A suggestion list only: a code typed by hand is accepted too, so no error box.
        rule = DataValidation(type="list", formula1=f"={ORGS_SHEET}!$B$2:$B${len(org_rows) + 1}", allow_blank=True)
        rule.showErrorMessage = False
        sheet.add_data_validation(rule)
        rule.add(f"{org_letter}2:{org_letter}{last}")

    notes = book.create_sheet(INSTRUCTIONS_SHEET)
    notes.append([pgettext("roster", "Column"), _("How to fill it in")])
    notes["A1"].font = bold
    notes["B1"].font = bold
    for column in COLUMNS:
        notes.append([column.header, str(column.hint)])
    notes.append([])
    notes.append([pgettext("roster", "Dates"), _("A date cell, or text such as %(examples)s.") % {"examples": "2025-03-01, 2025/3/1, 2025年3月1日, 20250301"}])
    notes.append([pgettext("roster", "Checking"), _("Upload with a dry run first: every wrong cell is named by row and column, "
                                   "and nothing is written until the whole file is right.")])
    notes.append([pgettext("roster", "Size"), _("At most %(rows)s people per file; split a larger roll into several files.")
                  % {"rows": f"{conf.IMPORT_MAX_ROWS:,}"}])
    notes.column_dimensions["A"].width = 12
    notes.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


SEX_LABELS = {v: k for k, v in SEX_WORDS.items()}
CONTRACT_LABELS = {v: k for k, v in CONTRACT_WORDS.items()}
# The masked export: the template's columns, but the birth year for the birth date (a role
# that may not unmask sees no more of a number than the mask, the year and the sex), and the status.
EXPORT_HEADERS = (*("出生年份" if h == "出生日期" else h for h in HEADERS), "状态")
# The real-name roster: exactly the template's columns, so the file imports again as it is.
REAL_NAME_HEADERS = HEADERS


def _yes_no(value: bool) -> str:
    return "是" if value else "否"


def _common(member, org_label: str) -> tuple[list[Any], list[Any]]:
    """The columns before and after 出生日期 that both exports share, from 性别 on."""
    before = [SEX_LABELS.get(Sex(member.sex), ""), single_line(member.ethnic_group)]
    after = [
        single_line(member.phone), single_line(org_label), single_line(member.post), _yes_no(member.is_union_member),
        member.join_date, CONTRACT_LABELS.get(ContractStatus(member.contract_status), ""), member.contract_start,
        member.contract_end, _yes_no(member.has_work_injury_insurance), _yes_no(member.has_pension_insurance),
        _yes_no(member.has_medical_insurance),
    ]
    return before, after


def export_row(member, org_label: str) -> list[Any]:
    """One member as the export's columns: the ID number masked, the birth year, the roll status.

    Text goes through single_line on the way out as well: a control character stored before
    input was cleaned would otherwise make the whole file fail to write."""
    before, after = _common(member, org_label)
    return [single_line(member.name), member.id_number_masked, *before, member.birth_year, *after,
            member.get_status_display()]


def real_name_row(member, org_label: str, number: str) -> list[Any]:
    """One member as the import template's columns, with the full number and the birth date it holds."""
    before, after = _common(member, org_label)
    return [single_line(member.name), number, *before, idcard.birth_date(number), *after]


def _write(rows: Iterable[list[Any]], headers: Iterable[str], target: IO[bytes], *, text_columns: tuple[int, ...] = ()) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(ROSTER_SHEET)
    for index, width in enumerate((10, 22, 6, 8, 12, 14, 18, 12, 8, 12, 10, 12, 12, 8, 8, 8, 8)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        cells = row_cells(sheet, row)
        for index in text_columns:  # an 18-digit number stays text, never a float that loses its digits
            if not row[index]:
                continue
            cell = WriteOnlyCell(sheet, value=row[index])
            cell.data_type = "s"
            cell.number_format = "@"
            cells[index] = cell
        sheet.append(cells)
        count += 1
    book.save(target)
    return count


def export_workbook(members: Iterable[Any], target: IO[bytes], org_labels: dict[int, str] | None = None) -> int:
    """Write members (an iterator: rows stream from the database) to `target`, masked; returns the count."""
    org_labels = org_labels or {}
    return _write((export_row(m, org_labels.get(m.org_id, m.org.name)) for m in members), EXPORT_HEADERS, target)


def real_name_workbook(members: Iterable[tuple[Any, str]], target: IO[bytes], org_labels: dict[int, str] | None = None) -> int:
    """The real-name roster: the template's columns with full numbers, importable as it is.
    `members` yields (member, full ID number) pairs, so a large roster streams."""
    org_labels = org_labels or {}
    rows = (real_name_row(m, org_labels.get(m.org_id, m.org.name), number) for m, number in members)
    return _write(rows, REAL_NAME_HEADERS, target, text_columns=(HEADERS.index("身份证号"), HEADERS.index("手机号码")))
