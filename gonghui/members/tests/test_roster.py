"""The roster format's checks, as pure functions: every kind of mistake named by row and column."""

import datetime as dt

import pytest

from gonghui.core import idcard
from gonghui.members.roster import (
    CellError, OrgChoice, Roster, RosterRow, RowError, mark_taken, parse_date, parse_id_number, parse_phone,
    parse_roster, parse_row,
)

GOOD_ID = idcard.make("11010519491231002")  # a woman born 1949-12-31
OTHER_ID = idcard.make("42010019850301123")  # a man born 1985-03-01
ORGS = OrgChoice(default="UNION", by_key={"BENBU-LG": "LG", "炼钢作业区": "LG"}, ambiguous={"甲班"})


def row(**cells):
    return {"姓名": "张三", "身份证号": GOOD_ID, **cells}


def codes(errors):
    return [(e.row, e.column, e.code) for e in errors]


@pytest.mark.parametrize("value", [
    "2025-03-01", "2025/3/1", "2025年3月1日", "20250301", "2025.3.1", " 2025-3-1 ", "2025-03-01 00:00:00",
    dt.datetime(2025, 3, 1, 0, 0), dt.date(2025, 3, 1), 20250301,
])
def test_a_date_is_read_as_an_office_writes_it(value):
    assert parse_date(value) == dt.date(2025, 3, 1)


@pytest.mark.parametrize("value", ["2025-13-01", "2025年2月30日", "三月一日", "25-3-1", "2025030"])
def test_a_bad_date_is_refused(value):
    with pytest.raises(CellError) as caught:
        parse_date(value)
    assert caught.value.code == "bad_date"


def test_an_id_number_with_a_wrong_check_digit_is_named():
    wrong = GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1")
    with pytest.raises(CellError) as caught:
        parse_id_number(wrong)
    assert caught.value.code == "id_checksum"


@pytest.mark.parametrize("value", [420100198503011234.0, 4.20100198503011e17, 420100198503011234, "4.20100E+17", "4.2010019850301E17"])
def test_an_id_number_typed_as_a_number_in_excel_is_reported_as_lost_digits(value):
    with pytest.raises(CellError) as caught:
        parse_id_number(value)
    assert caught.value.code == "id_as_number"


def test_an_id_number_in_lower_case_with_spaces_or_a_leading_quote_is_accepted():
    number = idcard.make("11010519491231001")
    assert parse_id_number(" '" + number.lower() + " ") == number


@pytest.mark.parametrize("value,expected", [("13800000001", "13800000001"), (13800000001, "13800000001"),
                                            (13800000001.0, "13800000001"), ("138-0000-0001", "13800000001"),
                                            ("+8613800000001", "13800000001")])
def test_a_mobile_number_may_be_a_number_or_have_dashes(value, expected):
    assert parse_phone(value) == expected


@pytest.mark.parametrize("value", ["12345", "23800000001", "1380000000a", "010-12345678"])
def test_a_bad_mobile_number_is_refused(value):
    with pytest.raises(CellError) as caught:
        parse_phone(value)
    assert caught.value.code == "bad_phone"


def test_a_good_row_becomes_member_data_with_words_turned_into_values():
    data, errors = parse_row(7, row(性别="女", 是否会员="否", 劳动合同="已签订", 合同起始="2025/1/1", 合同终止=dt.datetime(2027, 12, 31),
                                  工伤保险="是", 所属组织="BENBU-LG", 手机号码="13800000001", 入会日期="20200301"), ORGS)
    assert errors == []
    assert data.org == "LG" and data.sex == "female" and data.is_union_member is False
    assert data.contract_status == "signed" and data.contract_start == dt.date(2025, 1, 1)
    assert data.contract_end == dt.date(2027, 12, 31) and data.has_work_injury_insurance is True
    assert data.join_date == dt.date(2020, 3, 1) and data.id_number == GOOD_ID


def test_an_empty_org_cell_means_the_org_imported_into():
    data, _errors = parse_row(2, row(), ORGS)
    assert data.org == "UNION"


def test_every_bad_cell_of_a_row_is_named_by_row_and_column():
    _data, errors = parse_row(12, {
        "姓名": "", "身份证号": GOOD_ID[:-1] + "9" if GOOD_ID[-1] != "9" else GOOD_ID[:-1] + "8",
        "出生日期": "1949-02-30", "手机号码": "12345", "性别": "未知", "是否会员": "也许", "劳动合同": "口头",
        "所属组织": "不存在的班组", "入会日期": "去年",
    }, ORGS)
    assert codes(errors) == [
        (12, "姓名", "required"), (12, "身份证号", "id_checksum"), (12, "性别", "bad_choice"), (12, "出生日期", "bad_date"),
        (12, "手机号码", "bad_phone"), (12, "所属组织", "unknown_org"), (12, "是否会员", "bad_choice"), (12, "入会日期", "bad_date"),
        (12, "劳动合同", "bad_choice"),
    ]


def test_a_missing_id_number_is_a_missing_required_field():
    _data, errors = parse_row(3, {"姓名": "李四"}, ORGS)
    assert codes(errors) == [(3, "身份证号", "required")]


def test_an_org_name_shared_by_two_orgs_must_be_written_as_a_code():
    _data, errors = parse_row(4, row(所属组织="甲班"), ORGS)
    assert codes(errors) == [(4, "所属组织", "ambiguous_org")]


def test_sex_and_birth_date_that_contradict_the_id_number_are_refused():
    _data, errors = parse_row(5, row(性别="男", 出生日期="1950-01-01"), ORGS)
    assert codes(errors) == [(5, "性别", "sex_mismatch"), (5, "出生日期", "birth_date_mismatch")]


def test_a_signed_contract_needs_a_start_and_may_not_end_before_it():
    _data, errors = parse_row(6, row(劳动合同="已签订"), ORGS)
    assert codes(errors) == [(6, "合同起始", "required")]
    _data, errors = parse_row(6, row(合同起始="2025-01-01", 合同终止="2024-12-31"), ORGS)
    assert codes(errors) == [(6, "合同终止", "contract_order")]


def test_an_org_column_is_required_when_importing_into_a_federation():
    _data, errors = parse_row(2, row(), OrgChoice(default=None, by_key={}))
    assert codes(errors) == [(2, "所属组织", "required")]


def test_the_same_id_number_twice_in_a_file_names_both_rows():
    roster = parse_roster([(2, row()), (3, row(姓名="李四", 身份证号=OTHER_ID)), (9, row(姓名="张三三"))], orgs=ORGS, index=str)
    assert [r.row for r in roster.rows] == [2, 3]
    assert codes(roster.errors) == [(9, "身份证号", "duplicate_in_file")]
    assert "2" in roster.errors[0].reason
    assert roster.total == 3


def test_people_already_on_the_roll_become_errors_in_row_order():
    roster = Roster(rows=[RosterRow(2, None, "a"), RosterRow(3, None, "b"), RosterRow(4, None, "c")],
                    errors=[RowError(4, "手机号码", "bad_phone", "x")])
    mark_taken(roster, {"a", "c"})
    assert [r.row for r in roster.rows] == [3]
    assert codes(roster.errors) == [(2, "身份证号", "duplicate_on_roll"), (4, "身份证号", "duplicate_on_roll"), (4, "手机号码", "bad_phone")]


def test_an_error_reads_as_row_column_and_reason_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        with pytest.raises(CellError) as caught:
            parse_id_number(GOOD_ID[:-1] + ("0" if GOOD_ID[-1] != "0" else "1"))
        assert str(RowError(12, "身份证号", caught.value.code, caught.value.reason)) == '行 12，列"身份证号"：校验码不符'


@pytest.mark.parametrize("reader", ["calamine", "openpyxl"])
def test_both_readers_give_real_dates_numbers_and_spreadsheet_row_numbers(reader, monkeypatch):
    import io

    from gonghui.members import workbook

    if reader == "openpyxl":
        monkeypatch.setattr(workbook, "python_calamine", None)
    content = workbook.template_workbook(rows=[
        ["张三", GOOD_ID, "", "", dt.date(1949, 12, 31), 13800000001],
        [],
        ["李四", 4.20100198503011e17, "", "", "1985/3/1"],
    ])
    headers, records = workbook.read_roster(io.BytesIO(content))
    records = list(records)
    assert headers[:2] == ["姓名", "身份证号"]
    assert [row for row, _cells in records] == [2, 4]  # the blank row 3 is skipped, numbering kept
    first, second = records[0][1], records[1][1]
    assert parse_date(first["出生日期"]) == dt.date(1949, 12, 31)
    assert parse_phone(first["手机号码"]) == "13800000001"
    with pytest.raises(CellError) as caught:
        parse_id_number(second["身份证号"])
    assert caught.value.code == "id_as_number"


def test_a_title_row_above_the_header_is_skipped():
    import io

    from openpyxl import Workbook

    from gonghui.members import workbook

    book = Workbook()
    book.active.append(["2025年会员花名册"])
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张三", GOOD_ID])
    out = io.BytesIO()
    book.save(out)
    _headers, records = workbook.read_roster(io.BytesIO(out.getvalue()))
    assert [(row, cells["姓名"]) for row, cells in records] == [(3, "张三")]
