import json

import pytest

from .factories import meeting, target

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_targets_are_created_checked_and_read_through_the_api(cast, client_as):
    client = client_as(cast.chair)
    created = post(client, "/api/v1/governance/targets",
                   {"org_id": cast.union.pk, "year": 2025, "name": "降本增效", "unit": "万元", "target": "905"})
    assert created.status_code == 201
    pk = created.json()["id"]
    assert post(client, f"/api/v1/governance/targets/{pk}/checks",
                {"kind": "year_end", "date": "2025-12-31", "actual": "1909.21"}).status_code == 201
    detail = client.get(f"/api/v1/governance/targets/{pk}").json()
    assert detail["completion"] == "210.96" and detail["checks"][0]["actual"] == "1909.21"
    listed = client.get("/api/v1/governance/targets?year=2025").json()
    assert listed["count"] == 1


def test_a_bad_target_is_a_422_with_the_field(cast, client_as):
    response = post(client_as(cast.chair), "/api/v1/governance/targets",
                    {"org_id": cast.union.pk, "year": 2025, "name": "降本增效", "target": "0"})
    assert response.status_code == 422 and "target" in response.json()["detail"]


def test_meetings_and_the_missing_quarters_through_the_api(cast, client_as):
    client = client_as(cast.chair)
    created = post(client, "/api/v1/governance/meetings", {
        "org_id": cast.union.pk, "kind": "congress", "title": "首届职工代表大会", "date": "2025-04-18",
        "present": 90, "expected": 93, "decisions": ["《职工代表大会工作条例》"]})
    assert created.status_code == 201 and created.json()["decisions"] == ["《职工代表大会工作条例》"]
    assert client.get(f"/api/v1/governance/meetings/{created.json()['id']}").json()["present"] == 90
    assert client.get("/api/v1/governance/meetings?kind=congress").json()["count"] == 1
    assert client.get(f"/api/v1/governance/meetings/missing?year=2025&org_id={cast.union.pk}").json() == []


def test_plans_through_the_api(cast, client_as):
    client = client_as(cast.chair)
    created = post(client, "/api/v1/governance/plans", {"org_id": cast.union.pk, "year": 2026, "text": "深化厂务公开"})
    assert created.status_code == 201
    assert client.get(f"/api/v1/governance/plans/{created.json()['id']}").json()["status"] == "planned"
    assert client.get("/api/v1/governance/plans?year=2026").json()["count"] == 1


def test_the_api_lists_nothing_of_another_union(cast, client_as):
    target(cast.union)
    meeting(cast.union)
    client = client_as(cast.outsider)
    assert client.get("/api/v1/governance/targets").json()["count"] == 0
    assert client.get("/api/v1/governance/meetings").json()["count"] == 0
    assert post(client, "/api/v1/governance/plans", {"org_id": cast.union.pk, "year": 2026, "text": "x"}).status_code == 404


@pytest.mark.parametrize("query", ["limit=501", "limit=100000000000000000000", "offset=100000000000000000000", "offset=-1", "limit=0"])
def test_a_page_past_the_caps_is_refused_with_422(cast, client_as, query):
    response = client_as(cast.chair).get(f"/api/v1/governance/targets?{query}")
    assert response.status_code == 422


def test_a_page_of_500_is_served(cast, client_as):
    assert client_as(cast.chair).get("/api/v1/governance/plans?limit=500&offset=9999999").status_code == 200
