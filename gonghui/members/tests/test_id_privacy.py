"""No ID-card number can be rebuilt from what a role without the right to unmask it sees, nor
from the database without GONGHUI_FIELD_KEY (PIPL; see members/masking.py).

For every member the tests collect what a cadre gets (the list, the record with its history,
the API, the Excel export) and every value of every table, check that none of it holds more
of the number than the mask, the birth year and the sex, and then count the numbers that
fit those: every valid date of that year, every sequence of that sex, the check character
shown. The count grants the one looking the member's whole region code (they may know where
the person is from), and must still be at least MIN_CANDIDATES.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter

import pytest
from openpyxl import load_workbook

from gonghui.core import crypto, idcard
from gonghui.members.models import Member
from gonghui.members.services import MemberData, member_create, member_id_number_correct, member_update

pytestmark = pytest.mark.django_db

MIN_CANDIDATES = 10_000
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def candidates(*, mask: str, birth_year: int, sex: str, region: str) -> int:
    """How many valid numbers show as `mask` for someone of this sex born in this year in `region`."""
    assert len(mask) == 18 and mask.startswith(region[:2]) or not mask[:2].strip("*")
    # The sequence's three digits: odd for men, even for women; what they add to the checksum, mod 11.
    sequences = Counter(
        sum(int(d) * w for d, w in zip(f"{n:03d}", _WEIGHTS[14:17])) % 11
        for n in range(1000) if (n % 2 == 1) == (sex == "male")
    )
    fitting = {r for r in range(11) if _CHECK_CHARS[r] == mask[-1]}
    count, day = 0, dt.date(birth_year, 1, 1)
    while day.year == birth_year:
        head = f"{region}{day:%Y%m%d}"
        partial = sum(int(d) * w for d, w in zip(head, _WEIGHTS[:14]))
        count += sum(n for s, n in sequences.items() if (partial + s) % 11 in fitting)
        day += dt.timedelta(days=1)
    return count


def test_the_count_is_right_where_it_can_be_done_by_hand():
    # Nothing but the year and the sex known: 365 days x 500 sequences, and the check character shown
    # keeps the ones whose checksum lands on it (about one in eleven).
    number = idcard.make("11010519850312002")
    n = candidates(mask="11" + "*" * 15 + number[-1], birth_year=1985, sex="female", region="110105")
    assert 365 * 500 // 11 * 0.8 < n < 365 * 500 // 11 * 1.2
    # With the old mask's 4 last characters and the full birth date, a handful were left.
    assert sum(1 for seq in range(0, 10, 2)
               if idcard.check_char(f"1101051985031200{seq}") == number[-1]) <= 5


def revealing_pieces(number: str) -> list[str]:
    """Text that would give away more than the mask, the year and the sex: any six characters in a
    row of the number (every such run holds a digit that is not the year's) and its birth date in
    every way a page, a file or a database writes one."""
    born = idcard.birth_date(number)
    return [number[i:i + 6] for i in range(0, 13)] + [
        born.isoformat(), f"{born:%Y%m%d}", f"{born.year}年{born.month}月{born.day}日", f"{born.month}月{born.day}日",
        f"{born:%Y/%m/%d}", f"{born.year}/{born.month}/{born.day}",
    ]


def assert_narrow(text: str, member: Member, number: str, where: str) -> None:
    leaks = [piece for piece in revealing_pieces(number) if piece in text]
    assert not leaks, f"{where} gives away {leaks} of {member.name}'s number"


@pytest.fixture
def roll(cast):
    """The cast's members and a few more from other regions and years, one number corrected, one edited."""
    for first17, name in (("81000019701231005", "港澳居民"), ("65010220000229001", "闰日生"), ("42010619900101123", "钱江")):
        member_create(actor=cast.chair, data=MemberData(name=name, id_number=idcard.make(first17), org=cast.group,
                                                        join_date=dt.date(2021, 5, 1)))
    member_update(actor=cast.chair, member=cast.member_record, phone="13900000009", join_date=dt.date(2020, 3, 2))
    member_id_number_correct(actor=cast.chair, member=cast.rep_record, id_number=idcard.make("11010119850312002"),
                             reason="录入错误")
    return [(m, crypto.decrypt(m.id_number_encrypted)) for m in Member.objects.filter(union=cast.union)]


def test_a_cadre_sees_no_number_narrowed_below_ten_thousand(cast, client_as, roll):
    client = client_as(cast.cadre)
    pages = {"list": client.get("/members/", {"status": ""}).content.decode()}
    export = b"".join(client.get("/members/export/", {"status": ""}).streaming_content)
    sheet = load_workbook(io.BytesIO(export)).worksheets[0]
    pages["export"] = "\n".join(" ".join(str(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True))
    pages["api list"] = json.dumps(client.get("/api/v1/members/", {"status": "", "limit": 100}).json(), ensure_ascii=False)
    for member, number in roll:
        # The cadre reaches the 炼钢作业区 branch; the rest of the union is seen as the chair sees it (no unmasking asked).
        client = client_as(cast.cadre if member.org.path.startswith(cast.branch.path) else cast.chair)
        pages[f"record {member.pk}"] = client.get(f"/members/{member.pk}/").content.decode()
        pages[f"api {member.pk}"] = json.dumps(client.get(f"/api/v1/members/{member.pk}").json(), ensure_ascii=False)
        for where, text in pages.items():
            assert_narrow(text, member, number, where)
        shown = json.loads(pages[f"api {member.pk}"])
        assert shown["id_number_masked"] == member.id_number_masked and member.id_number_masked in pages[f"record {member.pk}"]
        assert sum(c != "*" for c in shown["id_number_masked"]) == 3
        n = candidates(mask=shown["id_number_masked"], birth_year=shown["birth_year"], sex=shown["sex"], region=number[:6])
        assert n >= MIN_CANDIDATES, (member.name, n)


def test_the_database_without_the_key_narrows_no_number_below_ten_thousand(cast, roll):
    import hashlib

    from django.db import connection

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names()
        dump = []
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            dump += [str(v) for row in cursor.fetchall() for v in row if v is not None]
    # A timestamp's microseconds are six digits of the clock, not of anyone's number: one run in a few
    # hundred they matched six characters of a number by chance (a created_at of …:55.310050 against a
    # number ending 310050).
    text = re.sub(r"(\d\d:\d\d:\d\d)\.\d{1,6}", r"\1", "\n".join(dump))
    for member, number in roll:
        assert_narrow(text, member, number, "the database")
        # The lookup hash is keyed: a plain hash of the number could be reversed by trying every candidate.
        assert member.id_number_hash not in {hashlib.sha256(number.encode()).hexdigest(), hashlib.md5(number.encode()).hexdigest()}
        with connection.cursor() as cursor:
            cursor.execute("SELECT id_number_masked, birth_year, sex FROM members_member WHERE id = %s", [member.pk])
            mask, year, sex = cursor.fetchone()
        assert candidates(mask=mask, birth_year=year, sex=sex, region=number[:6]) >= MIN_CANDIDATES


def test_the_chair_gets_the_real_name_roster_logged_and_it_imports_again(cast, client_as, roll):
    from gonghui.core.history import history_for
    from gonghui.members.imports import roster_check

    assert client_as(cast.cadre).get("/members/export/real-name/").status_code == 404
    response = client_as(cast.chair).get("/members/export/real-name/")
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''%E4%BC%9A%E5%91%98%E5%AE%9E%E5%90%8D%E8%8A%B1%E5%90%8D%E5%86%8C-" in disposition
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    from gonghui.members.roster import HEADERS

    assert tuple(rows[0]) == HEADERS
    numbers = {number for _member, number in roll}
    assert {row[1] for row in rows[1:]} == numbers
    for member, _number in roll:
        assert history_for(member).filter(action="view_secret", actor=cast.chair).count() == 1
    # Into a union where none of them is yet, every row reads back without a single problem but "already on the roll".
    checked = roster_check(org=cast.union, source=io.BytesIO(content))
    assert {e.code for e in checked.errors} == {"duplicate_on_roll"} and checked.total == len(roll)


def test_the_real_name_roster_streams_in_chunks_and_logs_every_number_once(cast, client_as, roll, monkeypatch):
    from gonghui.core.history import history_for
    from gonghui.members import roster_views

    monkeypatch.setattr(roster_views, "EXPORT_CHUNK", 3)   # several chunks from a small roll
    assert len(roll) > 3
    content = b"".join(client_as(cast.chair).get("/members/export/real-name/").streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))[1:]
    assert sorted(row[1] for row in rows) == sorted(number for _member, number in roll)
    for member, _number in roll:
        assert history_for(member).filter(action="view_secret", actor=cast.chair).count() == 1
