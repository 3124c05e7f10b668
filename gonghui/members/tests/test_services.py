import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.core import crypto
from gonghui.members.models import Member
from gonghui.members.selectors import member_figures
from gonghui.members.services import MemberData, member_create, member_leave, member_transfer, member_update, members_bulk_create
from gonghui.members.summary import sections
from gonghui.core.summary import Period


def test_a_new_member_gets_pinyin_keys_and_an_encrypted_number(cast):
    member = member_create(actor=cast.chair, data=MemberData(name="欧阳明", id_number="11010519491231002X", org=cast.branch))
    assert (member.name_pinyin, member.name_initials) == ("ouyangming", "oym")
    assert member.id_number_masked == "11***************X" and member.birth_year == 1949
    assert crypto.decrypt(member.id_number_encrypted) == "11010519491231002X"
    assert member.id_number_hash == crypto.blind_index("11010519491231002X")
    assert member.union == cast.union


def test_a_member_cannot_be_placed_in_a_federation(cast):
    with pytest.raises(ValidationError):
        member_create(actor=cast.fed, data=MemberData(name="甲", id_number="11010519491231002X", org=cast.federation))


def test_edits_record_only_what_changed(cast):
    member_update(actor=cast.chair, member=cast.member_record, phone="13900000000", post="炼钢工")
    from gonghui.core.history import history_for

    assert history_for(cast.member_record).first().changes == {"phone": ["13800000001", "13900000000"]}


def test_the_id_number_cannot_be_changed_through_an_edit(cast):
    with pytest.raises(ValidationError):
        member_update(actor=cast.chair, member=cast.member_record, id_number_hash="x")


def test_a_batch_with_one_duplicate_writes_nothing(cast):
    rows = [MemberData(name="甲", id_number="11010519491231002X", org=cast.branch),
            MemberData(name="乙", id_number="11010519491231002X", org=cast.branch)]
    before = Member.objects.count()
    with pytest.raises(ValidationError):
        members_bulk_create(actor=cast.chair, rows=rows)
    assert Member.objects.count() == before


def test_figures_count_the_roll_and_its_movement(cast):
    member_create(actor=cast.chair, data=MemberData(name="新人", id_number="11010519491231002X", org=cast.branch,
                                                    join_date=dt.date(2025, 3, 1), contract_status="signed",
                                                    contract_start=dt.date(2025, 3, 1)))
    member_transfer(actor=cast.chair, member=cast.rep_record, to_org=cast.branch, date=dt.date(2025, 4, 1))
    member_leave(actor=cast.chair, member=cast.member_record, date=dt.date(2025, 12, 1))
    figures = member_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    # 李安全 and 新人 remain; 张三 left in the year; 王老师 belongs to the sibling union.
    assert (figures.on_roll, figures.joined, figures.left, figures.transferred, figures.contracts_signed) == (2, 1, 1, 1, 1)
    mid = member_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    assert mid.on_roll == 3 and mid.left == 0


def test_the_summary_section_states_the_roll_in_chinese(cast):
    section, = sections(org=cast.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert "在册职工2名" in text and "劳动合同签约率达到0%" in text
    assert section.shortcomings == ["尚有2名职工未签订劳动合同。"]


def test_the_summary_section_takes_a_constant_number_of_queries(cast, django_assert_num_queries):
    with django_assert_num_queries(2):  # one scan of the roll (both years) and one of the movements
        sections(org=cast.union, period=Period.year(2025))


def test_the_summary_writes_up_movement_only_when_the_roll_moved(cast):
    text = "".join(sections(org=cast.union, period=Period.year(2025))[0].paragraphs)
    assert "新入会" not in text and "退会" not in text
    member_create(actor=cast.chair, data=MemberData(name="新人", id_number="11010519491231002X", org=cast.branch,
                                                    join_date=dt.date(2025, 3, 1)))
    text = "".join(sections(org=cast.union, period=Period.year(2025))[0].paragraphs)
    assert "本期新入会1名，退会0名" in text
