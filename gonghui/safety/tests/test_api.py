import json

import pytest

from .factories import network, report

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_the_rep_and_the_cadre_close_a_report_through_the_api(cast, client_as):
    network(cast)
    rep = client_as(cast.rep)
    made = post(rep, "/api/v1/safety/reports", {"place": "转炉平台", "description": "照明不足", "idempotency_key": "a"}).json()
    chair = client_as(cast.chair)
    done = post(chair, f"/api/v1/safety/reports/{made['id']}/answer", {"answer": "已加装灯具", "resolved": True}).json()
    assert done["status"] == "resolved"
    rep = client_as(cast.rep)
    assert post(rep, f"/api/v1/safety/reports/{made['id']}/reopen", {"reason": "仍然很暗"}).json()["reopen_count"] == 1


def test_the_outsider_gets_404_through_the_api(cast, client_as):
    network(cast)
    r = report(cast)
    outsider = client_as(cast.outsider)
    assert post(outsider, f"/api/v1/safety/reports/{r.pk}/answer", {"answer": "x", "resolved": True}).status_code == 404
    assert outsider.get("/api/v1/safety/reports").json()["count"] == 0
    assert outsider.get("/api/v1/safety/figures", {"org_id": cast.union.pk}).status_code == 404


def test_the_figures_api_gives_the_breakdowns(cast, client_as):
    network(cast)
    report(cast)
    data = client_as(cast.chair).get("/api/v1/safety/figures", {"org_id": cast.union.pk, "start": "2025-01-01", "end": "2025-12-31"}).json()
    assert data["safety"]["received"] == 1 and data["safety"]["reps"] == 1
    assert sum(r["total"] for r in data["breakdown"]["month"]) == 1
