import json

from gonghui.accounts.services import api_token_create
from gonghui.members.models import Member


def bearer(user):
    _token, key = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_api_needs_credentials(cast, client):
    assert client.get("/api/v1/members/").status_code == 401


def test_a_token_lists_the_members_in_reach_masked(cast, client):
    response = client.get("/api/v1/members/", **bearer(cast.chair))
    assert response.status_code == 200
    body = response.json()
    names = {m["name"] for m in body["items"]}
    assert names == {"张三", "李安全"}
    assert all("********" in m["id_number_masked"] for m in body["items"])
    assert "id_number" not in body["items"][0]


def test_a_revoked_or_wrong_token_is_refused(cast, client):
    assert client.get("/api/v1/members/", HTTP_AUTHORIZATION="Bearer gh_nothing").status_code == 401


def test_the_api_creates_through_the_same_service_and_rules(cast, client):
    headers = bearer(cast.cadre)
    payload = {"name": "孙新", "id_number": "11010519491231002X", "org_id": cast.branch.pk}
    response = client.post("/api/v1/members/", json.dumps(payload), content_type="application/json", **headers)
    assert response.status_code == 201, response.content
    again = client.post("/api/v1/members/", json.dumps(payload), content_type="application/json", **headers)
    assert again.status_code == 422
    assert Member.objects.filter(name="孙新").count() == 1


def test_a_cadre_cannot_create_in_another_branch(cast, client):
    payload = {"name": "孙新", "id_number": "11010519491231002X", "org_id": cast.other_branch.pk}
    response = client.post("/api/v1/members/", json.dumps(payload), content_type="application/json", **bearer(cast.cadre))
    assert response.status_code == 404


def test_the_session_api_needs_the_csrf_token_for_writes(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.chair)
    assert client.get("/api/v1/members/").status_code == 200
    response = client.post("/api/v1/members/", json.dumps({}), content_type="application/json")
    assert response.status_code == 403


def test_a_member_reads_their_own_record_over_the_api(cast, client):
    client.force_login(cast.member)
    assert client.get("/api/v1/members/me").json()["name"] == "张三"
    assert client.get("/api/v1/members/").json()["count"] == 0


def test_the_openapi_document_is_served(cast, client):
    client.force_login(cast.chair)
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/members/" in spec["paths"]


def test_the_api_corrects_an_id_number_through_the_same_service(cast, client):
    from gonghui.core import crypto, idcard

    new = idcard.make("11010119850312002")
    url = f"/api/v1/members/{cast.member_record.pk}/id-number"
    body = {"id_number": new, "reason": "录入错误"}
    assert client.post(url, json.dumps(body), content_type="application/json", **bearer(cast.cadre)).status_code == 403
    bad = client.post(url, json.dumps({**body, "id_number": new[:-1] + ("1" if new[-1] == "0" else "0")}),
                      content_type="application/json", **bearer(cast.chair))
    assert bad.status_code == 422 and "id_number" in bad.json()["detail"]
    done = client.post(url, json.dumps(body), content_type="application/json", **bearer(cast.chair))
    assert done.status_code == 200 and done.json()["id_number_masked"] == "11" + "*" * 15 + new[-1]
    assert crypto.decrypt(Member.objects.get(pk=cast.member_record.pk).id_number_encrypted) == new
