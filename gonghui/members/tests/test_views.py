import datetime as dt

import pytest

from gonghui.core.history import history_for
from gonghui.members.models import Member


def test_the_member_list_is_chinese_and_masked(cast, client_as):
    page = client_as(cast.chair).get("/members/").content.decode()
    assert "会员台帐" in page and "张三" in page and "王老师" not in page
    assert cast.member_record.id_number_masked in page
    assert "********" in cast.member_record.id_number_masked


@pytest.mark.parametrize("query", ["张", "zhangsan", "zs", "ZS"])
def test_search_finds_a_name_by_characters_pinyin_or_initials(cast, client_as, query):
    page = client_as(cast.chair).get("/members/", {"q": query}).content.decode()
    assert "张三" in page and "李安全" not in page


def test_a_cadre_adds_a_member_and_the_history_says_who(cast, client_as):
    response = client_as(cast.cadre).post("/members/new/", {
        "org": cast.branch.pk, "id_number": "11010519491231002X", "name": "赵新", "ethnic_group": "汉族",
        "contract_status": "signed", "contract_start": "2025-01-01", "is_union_member": "on", "join_date": "2025-03-01",
    })
    assert response.status_code == 302
    member = Member.objects.get(name="赵新")
    assert member.sex == "female" and member.birth_year == 1949
    entry = history_for(member).get(action="create")
    assert entry.actor == cast.cadre


def test_a_bad_id_number_is_named_and_nothing_is_written(cast, client_as):
    response = client_as(cast.chair).post("/members/new/", {
        "org": cast.branch.pk, "id_number": "110105194912310021", "name": "钱错", "ethnic_group": "汉族",
        "contract_status": "unsigned",
    })
    assert response.status_code == 200
    assert "校验码不符" in response.content.decode()
    assert not Member.objects.filter(name="钱错").exists()


def test_only_the_chair_may_unmask_and_each_look_is_logged(cast, client_as):
    url = f"/members/{cast.member_record.pk}/id-number/"
    assert client_as(cast.cadre).post(url).status_code == 403
    response = client_as(cast.chair).post(url)
    assert response.status_code == 200 and "*" not in response.content.decode()
    assert history_for(cast.member_record).filter(action="view_secret", actor=cast.chair).count() == 1


def test_transfer_and_leave_keep_the_membership_history(cast, client_as):
    client = client_as(cast.chair)
    pk = cast.member_record.pk
    assert client.post(f"/members/{pk}/transfer/", {"to_org": cast.other_branch.pk, "date": "2025-05-01"}).status_code == 302
    assert client.post(f"/members/{pk}/leave/", {"date": "2025-06-30", "note": "调离"}).status_code == 302
    member = Member.objects.get(pk=pk)
    assert member.org == cast.other_branch and member.status == "left"
    assert list(member.events.values_list("kind", flat=True)) == ["leave", "transfer", "join"]
    page = client.get(f"/members/{pk}/").content.decode()
    assert "2025年6月30日" in page and "调离" in page


def test_a_member_sees_their_own_record_and_not_the_book(cast, client_as):
    client = client_as(cast.member)
    assert "张三" in client.get("/members/me/").content.decode()
    assert client.get(f"/members/{cast.rep_record.pk}/").status_code == 404
    assert "李安全" not in client.get("/members/").content.decode()


def test_the_member_list_query_count_does_not_grow_with_rows(cast, client_as, django_assert_max_num_queries):
    from gonghui.portal.tests.personas import make_member

    client = client_as(cast.chair)
    for i in range(30):
        make_member(cast.branch, f"测试{i}")
    # 9: the page's own, plus the menu's one look at whether the chair watches an alarm zone
    with django_assert_max_num_queries(9):
        assert client.get("/members/").status_code == 200


def test_no_plaintext_id_number_reaches_the_database(cast, django_db_blocker):
    from django.db import connection

    number = "11010519491231002X"
    from gonghui.members.services import MemberData, member_create

    member_create(actor=cast.chair, data=MemberData(name="密文", id_number=number, org=cast.branch))
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                assert not any(isinstance(v, str) and number in v for v in row), table


def test_the_history_names_fields_and_values_as_a_reader_would(cast, client_as):
    from gonghui.members.services import member_update

    record = cast.member_record
    member_update(actor=cast.chair, member=record, phone="13900000009", contract_status="signed",
                  contract_start=dt.date(2025, 3, 1), has_pension_insurance=True)
    page = client_as(cast.chair).get(f"/members/{record.pk}/").content.decode()
    assert "手机号码：" in page and "→ 13900000009" in page
    assert "劳动合同：未签订 → 已签订" in page
    assert "合同起始：— → 2025年3月1日" in page
    assert "养老保险：否 → 是" in page
    assert "contract_status" not in page and "has_pension_insurance" not in page


def test_the_list_and_its_export_narrow_to_workers_not_yet_in_the_union(cast, client_as):
    import io

    from openpyxl import load_workbook

    from gonghui.portal.tests.personas import make_member

    make_member(cast.group, "钱未入", is_union_member=False)
    client = client_as(cast.chair)
    outside = client.get("/members/", {"union": "no"}).content.decode()
    assert "钱未入" in outside and "张三" not in outside
    inside = client.get("/members/", {"union": "yes"}).content.decode()
    assert "张三" in inside and "钱未入" not in inside
    assert "钱未入" in client.get("/members/").content.decode()
    data = b"".join(client.get("/members/export/", {"union": "no"}).streaming_content)
    assert [row[0] for row in load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(min_row=2, values_only=True)] == ["钱未入"]


def _number(first17: str) -> str:
    from gonghui.core import idcard

    return idcard.make(first17)


def test_the_chair_corrects_a_mistyped_id_number_and_the_history_keeps_only_masks(cast, client_as):
    from gonghui.core import crypto

    record = cast.member_record
    before_masked = record.id_number_masked
    new = _number("11010119850312002")  # a woman born 12 March 1985: the 17th digit is even
    url = f"/members/{record.pk}/id-number/correct/"
    client = client_as(cast.chair)
    assert client.get(url).status_code == 200
    response = client.post(url, {"id_number": new.lower(), "reason": "录入时第14位输错"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert crypto.decrypt(record.id_number_encrypted) == new
    assert record.id_number_hash == crypto.blind_index(new) and record.id_number_masked == "11" + "*" * 15 + new[-1]
    assert (record.sex, record.birth_year) == ("female", 1985)
    entry = history_for(record).filter(note="录入时第14位输错").get()
    assert entry.actor == cast.chair and entry.changes["id_number_masked"] == [before_masked, record.id_number_masked]
    assert new not in str(entry.changes)
    page = client.get(f"/members/{record.pk}/").content.decode()
    assert record.id_number_masked in page and "录入时第14位输错" in page


def test_a_correction_is_refused_for_a_cadre_a_taken_number_or_a_bad_checksum(cast, client_as):
    record = cast.member_record
    url = f"/members/{record.pk}/id-number/correct/"
    assert client_as(cast.cadre).post(url, {"id_number": _number("11010119850312002"), "reason": "x"}).status_code == 403
    from gonghui.core import crypto

    taken = crypto.decrypt(cast.rep_record.id_number_encrypted)
    client = client_as(cast.chair)
    page = client.post(url, {"id_number": taken, "reason": "录入错误"}).content.decode()
    assert "该身份证号的人员已在册" in page
    bad = _number("11010119850312002")[:-1] + ("0" if _number("11010119850312002")[-1] != "0" else "1")
    assert "校验码不符" in client.post(url, {"id_number": bad, "reason": "录入错误"}).content.decode()
    before = Member.objects.get(pk=record.pk)
    assert (before.id_number_hash, before.id_number_masked) == (record.id_number_hash, record.id_number_masked)


@pytest.mark.django_db
def test_two_characters_find_a_given_name_anywhere_in_the_name(cast, client_as):
    # on PostgreSQL through the index of each name's characters, on SQLite by the broad match
    Member.objects.filter(pk=cast.member_record.pk).update(name="欧阳志强")
    client = client_as(cast.chair)
    assert "欧阳志强" in client.get("/members/", {"q": "志强"}).content.decode()
    assert "欧阳志强" in client.get("/members/", {"q": "阳志"}).content.decode()
    assert "欧阳志强" not in client.get("/members/", {"q": "强志"}).content.decode()
