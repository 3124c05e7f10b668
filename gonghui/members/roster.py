"""The roster file format and its checks: pure functions over plain cell values.

A roster is a table whose header row names the columns in Chinese (the file is
filled in by Chinese offices, whatever language the screen is in). Every check
here works on one cell or one row and names what is wrong by row number, column
and reason, so the web upload, the `import-members` command and the API report
the same problems in the same words. Reading and writing .xlsx lives in
`workbook.py`; the database (orgs, IDs already on the roll) in `imports.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core import crypto, idcard

from gonghui.core.text import single_line

from .choices import ContractStatus, Sex
from .rules import InvalidValue, phone_number, record_problems
from .services import MemberData

# The file's vocabulary: the words a Chinese office types into the enum columns.
SEX_WORDS = {"男": Sex.MALE, "女": Sex.FEMALE}
YES_NO_WORDS = {"是": True, "否": False, "y": True, "n": False, "yes": True, "no": False,
                "true": True, "false": False, "1": True, "0": False, "√": True, "×": False}
CONTRACT_WORDS = {"已签订": ContractStatus.SIGNED, "未签订": ContractStatus.UNSIGNED, "已到期": ContractStatus.EXPIRED}


@dataclass(frozen=True)
class Column:
    header: str          # the Chinese column name, as in the template
    key: str             # the MemberData field it fills ("org" is resolved separately)
    kind: str            # text | id | date | phone | sex | bool | contract | org
    required: bool = False
    max_length: int = 0
    hint: Any = ""       # the instruction shown in the template


COLUMNS: tuple[Column, ...] = (
    Column("姓名", "name", "text", required=True, max_length=50, hint=gettext_lazy("Required. The name as on the ID card.")),
    Column("身份证号", "id_number", "id", required=True,
           hint=gettext_lazy("Required. 18 characters; set the column to text so Excel keeps every digit.")),
    Column("性别", "sex", "sex", hint=gettext_lazy("男 or 女. Left empty, it is read from the ID-card number.")),
    Column("民族", "ethnic_group", "text", max_length=20, hint=gettext_lazy("For example 汉族. Left empty: 汉族.")),
    Column("出生日期", "birth_date", "date", hint=gettext_lazy("A date. Left empty, it is read from the ID-card number.")),
    Column("手机号码", "phone", "phone", hint=gettext_lazy("An 11-digit mobile number starting with 1.")),
    Column("所属组织", "org", "org",
           hint=gettext_lazy("The code or name of a union, branch or group within the organisation imported into. "
                             "Left empty: that organisation itself.")),
    Column("岗位", "post", "text", max_length=60, hint=gettext_lazy("The job, for example 电工.")),
    Column("是否会员", "is_union_member", "bool", hint=gettext_lazy("是 or 否. Left empty: 是.")),
    Column("入会日期", "join_date", "date", hint=gettext_lazy("A date.")),
    Column("劳动合同", "contract_status", "contract", hint=gettext_lazy("已签订, 未签订 or 已到期. Left empty: 未签订.")),
    Column("合同起始", "contract_start", "date", hint=gettext_lazy("A date; needed when the contract is signed.")),
    Column("合同终止", "contract_end", "date", hint=gettext_lazy("A date, not before the start; empty for an open-ended contract.")),
    Column("工伤保险", "has_work_injury_insurance", "bool", hint=gettext_lazy("是 or 否. Left empty: 否.")),
    Column("养老保险", "has_pension_insurance", "bool", hint=gettext_lazy("是 or 否. Left empty: 否.")),
    Column("医疗保险", "has_medical_insurance", "bool", hint=gettext_lazy("是 or 否. Left empty: 否.")),
)
HEADERS = tuple(c.header for c in COLUMNS)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
DATE_FORMATS_HINT = "2025-03-01, 2025/3/1, 2025年3月1日, 20250301"


class CellError(ValueError):
    """One cell's problem: a stable code for programs, a translated reason for people."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class RowError:
    row: int        # the spreadsheet's own row number (the header is row 1 in the template)
    column: str     # the Chinese header, or "" for a problem with the whole row or file
    code: str
    reason: str

    def __str__(self) -> str:
        if not self.column:
            return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}
        return _('Row %(row)s, column "%(column)s": %(reason)s') % {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class RosterRow:
    row: int
    data: MemberData
    id_hash: str


@dataclass
class Roster:
    """What a file holds once checked: the good rows and every problem found."""

    rows: list[RosterRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total: int = 0          # data rows read (blank rows skipped)
    more_errors: int = 0    # problems found beyond those listed in `errors`

    def list_errors(self, limit: int) -> Roster:
        """Keep the first `limit` problems (by row and column) and count the rest."""
        if len(self.errors) > limit:
            self.more_errors += len(self.errors) - limit
            self.errors = self.errors[:limit]
        return self

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------- single cells

def cell_text(value: Any) -> str:
    """A cell as text; whole floats (Excel stores every number as one) lose their '.0'."""
    if value.__class__ is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_SCIENTIFIC = re.compile(r"^\d(\.\d+)?e\+?\d+$", re.IGNORECASE)


def parse_id_number(value: Any) -> str:
    """The normalised ID-card number, or CellError.

    A number typed into a cell not formatted as text becomes a float in Excel, which
    keeps 15 significant digits: the last digits of an 18-digit number are gone and
    no checksum can bring them back, so that is reported as its own mistake.
    """
    if isinstance(value, bool):
        raise CellError("id_format", _("must be 17 digits followed by a digit or X"))
    if isinstance(value, (int, float)):
        raise CellError("id_as_number", _(
            "Excel stored the number as a number and lost its last digits: format the column as text and type it again"))
    text = cell_text(value).lstrip("'")
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise CellError("id_as_number", _(
            "Excel stored the number as a number and lost its last digits: format the column as text and type it again"))
    try:
        return idcard.validate(text)
    except idcard.InvalidIdNumber as exc:
        reason = str(exc)
        code = {"the check digit does not match": "id_checksum",
                "the birth date in the number is not a real date": "id_birth_date"}.get(reason, "id_format")
        raise CellError(code, _(reason)) from exc


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: Any) -> dt.date:
    """A real Excel date, or text as an office types it: 2025-03-01, 2025/3/1, 2025年3月1日, 20250301."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    if len(text) == 10 and text[4] == text[7] and text[4] in "-/." and text[:4].isdigit() and text[5:7].isdigit() \
            and text[8:].isdigit():
        # 2025-03-01, 2025/03/01, 2025.03.01: the first pattern below, without the regular expressions.
        try:
            return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            pass  # the patterns below name it
    # "2025-03-01 00:00:00" is what a date pasted as text from another program looks like.
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                break
    raise CellError("bad_date", _("not a date (write it like %(examples)s)") % {"examples": DATE_FORMATS_HINT})


def parse_phone(value: Any) -> str:
    try:
        return phone_number(cell_text(value))
    except InvalidValue as exc:
        raise CellError(exc.code, exc.reason) from exc


def parse_choice(value: Any, words: Mapping[str, Any]) -> Any:
    key = cell_text(value) if not isinstance(value, bool) else ("1" if value else "0")
    found = words.get(key)
    if found is None:
        found = words.get(key.lower())
    if found is None:
        allowed = "、".join(w for w in words if not w.isascii())
        raise CellError("bad_choice", _("must be one of %(allowed)s") % {"allowed": allowed})
    return found


def parse_text(value: Any, max_length: int) -> str:
    text = single_line(cell_text(value))  # a \x0b from a pasted cell would break every later export
    if max_length and len(text) > max_length:
        raise CellError("too_long", _("longer than %(n)s characters") % {"n": max_length})
    return text


# ---------------------------------------------------------------- whole rows

@dataclass(frozen=True)
class OrgChoice:
    """Where a row may be placed: the orgs under the import's org, by code and by name."""

    default: Any                      # the org a row with an empty 所属组织 goes to (None: must be named)
    by_key: Mapping[str, Any]         # code and name -> org
    ambiguous: Container[str] = ()    # names shared by two orgs: "parent / name" or the code must be used


# One column's parser: a cell value -> the MemberData value, or CellError.
CellParser = Callable[[Any], Any]


def _text_parser(column: Column) -> CellParser:
    def parse(value: Any) -> str:
        return parse_text(value, column.max_length)
    return parse


def _choice_parser(words: Mapping[str, Any]) -> CellParser:
    def parse(value: Any) -> Any:
        return parse_choice(value, words)
    return parse


def org_key(text: str) -> str:
    """How an org is looked up from a cell: "炼钢作业区/甲班", "炼钢作业区 ／ 甲班" and
    "炼钢作业区 / 甲班" are one key; a code or a lone name is only trimmed."""
    text = single_line(text).replace("／", "/")
    return " / ".join(part.strip() for part in text.split("/")) if "/" in text else text


def _org_parser(orgs: OrgChoice) -> CellParser:
    def parse(value: Any) -> Any:
        key = org_key(cell_text(value))
        if key in orgs.ambiguous:
            raise CellError("ambiguous_org", _(
                "several organisations have this name: write it after its parent's (炼钢作业区 / 甲班) or give the code"))
        org = orgs.by_key.get(key) or orgs.by_key.get(key.upper())
        if org is None:
            raise CellError("unknown_org", _("no such organisation within the one imported into"))
        return org
    return parse


def row_plan(orgs: OrgChoice) -> list[tuple[Column, CellParser, bool]]:
    """(column, its parser, whether a blank cell is an error) for every column, made once per file."""
    fixed: dict[str, CellParser] = {
        "id": parse_id_number, "date": parse_date, "phone": parse_phone, "sex": _choice_parser(SEX_WORDS),
        "bool": _choice_parser(YES_NO_WORDS), "contract": _choice_parser(CONTRACT_WORDS), "org": _org_parser(orgs),
    }
    return [(c, fixed.get(c.kind) or _text_parser(c), c.required or (c.kind == "org" and orgs.default is None))
            for c in COLUMNS]


def parse_row(row: int, cells: Mapping[str, Any], orgs: OrgChoice,
              plan: list[tuple[Column, CellParser, bool]] | None = None) -> tuple[MemberData | None, list[RowError]]:
    """One data row (header -> cell value) -> MemberData, or the list of what is wrong with it."""
    errors: list[RowError] = []
    values: dict[str, Any] = {}
    for column, parse, required in plan or row_plan(orgs):
        value = cells.get(column.header)
        if value is None or value == "" or (value.__class__ is str and not value.strip()):
            if required:
                errors.append(RowError(row, column.header, "required", _("must be filled in")))
            continue
        try:
            values[column.key] = parse(value)
        except CellError as exc:
            errors.append(RowError(row, column.header, exc.code, exc.reason))
    errors += _row_rules(row, values)
    if errors:
        return None, errors
    values.setdefault("org", orgs.default)
    return MemberData(**values), []


def _row_rules(row: int, values: dict[str, Any]) -> list[RowError]:
    """Checks that read two cells together: the member form's and the API's (rules.record_problems)."""
    problems = record_problems(
        number=values.get("id_number"), sex=values.get("sex"), birth_date=values.get("birth_date"),
        join_date=values.get("join_date"), contract_status=values.get("contract_status"),
        contract_start=values.get("contract_start"), contract_end=values.get("contract_end"),
    )
    return [RowError(row, COLUMN_BY_KEY[p.field].header, p.code, p.reason) for p in problems]


def header_problems(headers: Iterable[str]) -> list[str]:
    """Required columns missing from the header row."""
    present = {h.strip() for h in headers if h}
    return [c.header for c in COLUMNS if c.required and c.header not in present]


def parse_roster(
    records: Iterable[tuple[int, Mapping[str, Any]]], *, orgs: OrgChoice,
    index: Callable[[str], str] = crypto.blind_index, progress: Callable[[int], None] | None = None,
) -> Roster:
    """Every data row checked, including ID numbers that appear twice in the file."""
    roster = Roster()
    first_seen: dict[str, int] = {}
    plan = row_plan(orgs)
    for row, cells in records:
        roster.total += 1
        if progress:
            progress(1)
        data, errors = parse_row(row, cells, orgs, plan)
        if errors:
            roster.errors += errors
            continue
        id_hash = index(data.id_number)
        if id_hash in first_seen:
            roster.errors.append(RowError(row, "身份证号", "duplicate_in_file",
                                          _("the same number is already on row %(row)s") % {"row": first_seen[id_hash]}))
            continue
        first_seen[id_hash] = row
        roster.rows.append(RosterRow(row=row, data=data, id_hash=id_hash))
    return roster


def mark_taken(roster: Roster, taken: Container[str]) -> Roster:
    """Rows whose person is already on the roll become errors (the hashes come from the database)."""
    kept = []
    for item in roster.rows:
        if item.id_hash in taken:
            roster.errors.append(RowError(item.row, "身份证号", "duplicate_on_roll", _("this person is already on the roll")))
        else:
            kept.append(item)
    roster.rows = kept
    roster.errors.sort(key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else -1))
    return roster
