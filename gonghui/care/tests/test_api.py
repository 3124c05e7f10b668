"""Care over the API: the same services, the same refusals."""

import pytest

from gonghui.care.models import AidPayment

pytestmark = pytest.mark.django_db


def test_the_chair_opens_a_file_and_pays_aid_once_per_key(cast, client_as):
    client = client_as(cast.chair)
    case = client.post("/api/v1/care/cases", {"member_id": cast.member_record.pk, "reason": "配偶无业", "household_size": 3,
                                               "income": "30000", "essential_spending": "12000"}, content_type="application/json")
    assert case.status_code == 201 and case.json()["level"] == "deep"
    body = {"member_id": cast.member_record.pk, "kind": "relief", "date": "2025-03-01", "amount": "2000", "idempotency_key": "api:1"}
    first = client.post("/api/v1/care/aid", body, content_type="application/json").json()
    second = client.post("/api/v1/care/aid", body, content_type="application/json").json()
    assert first["id"] == second["id"] and first["status"] == "paid" and first["entry_id"]
    assert AidPayment.objects.count() == 1
    listed = client.get("/api/v1/care/aid?year=2025").json()
    assert listed["count"] == 1


def test_a_household_not_in_hardship_is_a_422_that_says_why(cast, client_as):
    response = client_as(cast.chair).post("/api/v1/care/cases", {
        "member_id": cast.member_record.pk, "reason": "x", "household_size": 1, "income": "900000", "essential_spending": "0"},
        content_type="application/json")
    assert response.status_code == 422 and "不属于困难家庭" in str(response.json())


def test_the_federation_officer_may_not_open_a_file(cast, client_as):
    response = client_as(cast.fed).post("/api/v1/care/cases", {
        "member_id": cast.member_record.pk, "reason": "x", "household_size": 3, "income": "30000", "essential_spending": "12000"},
        content_type="application/json")
    assert response.status_code == 404


def test_the_chair_sets_the_unions_line_and_limit_over_the_api(cast, client_as):
    client = client_as(cast.chair)
    body = {"org_id": cast.union.pk, "low_income_line": "950", "aid_limit": "6000", "education_grant": "4000"}
    assert client.post("/api/v1/care/settings", body, content_type="application/json").status_code == 201
    assert client.get(f"/api/v1/care/settings?org_id={cast.branch.pk}").json()["low_income_line"] == "950.00"
    assert client_as(cast.cadre).post("/api/v1/care/settings", {**body, "org_id": cast.branch.pk},
                                      content_type="application/json").status_code == 403
