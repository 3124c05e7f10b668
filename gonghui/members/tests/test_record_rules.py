"""The member form and the API check what the import checks, with the same rules (members.rules)."""

import datetime as dt
import json

import pytest

from gonghui.core import idcard
from gonghui.members.models import Member
from gonghui.members.rules import record_problems

pytestmark = pytest.mark.django_db

WOMAN_1985 = idcard.make("11010119850312002")  # born 12 March 1985


def edit(client, record, **changes):
    form = {"name": record.name, "sex": record.sex, "ethnic_group": "汉族", "phone": record.phone, "post": record.post,
            "is_union_member": "on", "join_date": "2020-03-01", "contract_status": "unsigned", **changes}
    return client.post(f"/members/{record.pk}/edit/", form)


def test_the_edit_form_refuses_a_bad_phone_a_sex_against_the_number_and_a_join_before_birth(cast, client_as):
    client = client_as(cast.chair)
    record = cast.member_record
    other_sex = "female" if record.sex == "male" else "male"
    for changes, words in (({"phone": "12345"}, "不是有效的手机号码"), ({"sex": other_sex}, "与身份证号不符"),
                           ({"join_date": f"{record.birth_year - 1}-12-31"}, "早于出生年份")):
        response = edit(client, record, **changes)
        assert response.status_code == 200 and words in response.content.decode(), changes
    before = Member.objects.get(pk=record.pk)
    assert (before.phone, before.sex) == (record.phone, record.sex)
    assert edit(client, record, phone="+86 139-0000-0002").status_code == 302
    assert Member.objects.get(pk=record.pk).phone == "13900000002"


def test_the_new_member_form_checks_sex_and_birth_date_against_the_number(cast, client_as):
    client = client_as(cast.chair)
    base = {"org": cast.branch.pk, "id_number": WOMAN_1985, "name": "赵新", "ethnic_group": "汉族", "contract_status": "unsigned"}
    page = client.post("/members/new/", {**base, "sex": "male", "birth_date": "1985-03-13", "join_date": "1985-03-01"}).content.decode()
    assert page.count("与身份证号不符") == 2 and "早于出生日期" in page
    assert not Member.objects.filter(name="赵新").exists()
    assert client.post("/members/new/", {**base, "birth_date": "1985-03-12", "join_date": "2005-03-01"}).status_code == 302


def test_the_api_answers_422_for_what_the_import_refuses(cast, client):
    client.force_login(cast.chair)
    payload = {"name": "孙新", "id_number": WOMAN_1985, "org_id": cast.branch.pk, "join_date": "1980-01-01", "phone": "999"}
    response = client.post("/api/v1/members/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 422 and set(response.json()["detail"]) == {"join_date", "phone"}
    patch = client.patch(f"/api/v1/members/{cast.member_record.pk}", json.dumps({"phone": "1"}), content_type="application/json")
    assert patch.status_code == 422 and "phone" in patch.json()["detail"]


def test_an_edit_learns_no_more_than_the_birth_year():
    # Only the year decides: any day of it passes, the year before does not.
    assert record_problems(born=1985, join_date=dt.date(1985, 1, 1)) == []
    assert [p.code for p in record_problems(born=1985, join_date=dt.date(1984, 12, 31))] == ["join_before_birth"]


def test_text_longer_than_its_column_is_a_422_not_a_500(cast, client):
    client.force_login(cast.chair)
    payload = {"name": "长" * 51, "id_number": WOMAN_1985, "org_id": cast.branch.pk, "post": "岗" * 61}
    response = client.post("/api/v1/members/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 422 and set(response.json()["detail"]) == {"name", "post"}
    patch = client.patch(f"/api/v1/members/{cast.member_record.pk}", json.dumps({"ethnic_group": "族" * 21}),
                         content_type="application/json")
    assert patch.status_code == 422
