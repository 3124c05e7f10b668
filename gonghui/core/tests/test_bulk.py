import datetime as dt

import pytest

from gonghui.core.bulk import rows_insert
from gonghui.members.models import Member, MembershipEvent


def test_rows_go_in_with_defaults_objects_or_ids_for_keys_and_one_stamp(cast):
    before = MembershipEvent.objects.count()
    rows_insert(MembershipEvent, [
        {"member": cast.member_record, "kind": "join", "date": dt.date(2025, 3, 1), "union": cast.union},
        {"member": cast.rep_record.pk, "kind": "join", "date": dt.date(2025, 4, 1), "union": cast.union.pk},
    ])
    added = list(MembershipEvent.objects.order_by("-id")[:2])[::-1]
    assert MembershipEvent.objects.count() == before + 2
    assert [(e.member_id, e.date, e.union_id, e.note, e.from_org_id) for e in added] == [
        (cast.member_record.pk, dt.date(2025, 3, 1), cast.union.pk, "", None),
        (cast.rep_record.pk, dt.date(2025, 4, 1), cast.union.pk, "", None),
    ]


def test_a_batch_whose_rows_name_different_fields_writes_nothing(cast):
    before = MembershipEvent.objects.count()
    with pytest.raises(KeyError, match="same fields"):
        rows_insert(MembershipEvent, [
            {"member": cast.member_record, "kind": "join", "date": dt.date(2025, 3, 1), "union": cast.union},
            {"member": cast.member_record, "kind": "join", "date": dt.date(2025, 3, 1), "union": cast.union, "note": "x"},
        ])
    assert MembershipEvent.objects.count() == before


def test_a_required_field_left_out_or_a_field_that_does_not_exist_is_refused(cast):
    with pytest.raises(KeyError, match="union"):
        rows_insert(MembershipEvent, [{"member": cast.member_record, "kind": "join", "date": dt.date(2025, 3, 1)}])
    with pytest.raises(KeyError, match="colour"):
        rows_insert(Member, [{"colour": "red"}])


def test_an_export_row_takes_out_control_characters_stored_before_input_was_cleaned():
    from openpyxl import Workbook

    from gonghui.core.xlsx import row_cells

    sheet = Workbook(write_only=True).create_sheet()
    assert row_cells(sheet, ["张\x0b三", "备注\x01", 3]) == ["张三", "备注", 3]
