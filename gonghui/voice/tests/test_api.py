import json

import pytest

from gonghui.voice.models import Suggestion

from .factories import suggestion

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_member_submits_through_the_api_once_per_key(cast, client_as):
    client = client_as(cast.member)
    first = post(client, "/api/v1/voice/suggestions", {"title": "API建议", "body": "b", "idempotency_key": "k"})
    again = post(client, "/api/v1/voice/suggestions", {"title": "API建议", "body": "b", "idempotency_key": "k"})
    assert first.status_code == 201 and first.json()["suggestion"]["id"] == again.json()["suggestion"]["id"]
    assert Suggestion.objects.count() == 1
    assert client.get("/api/v1/voice/suggestions/mine").json()[0]["title"] == "API建议"


def test_bad_input_gets_a_422_with_the_reason(cast, client_as):
    response = post(client_as(cast.member), "/api/v1/voice/suggestions", {"title": "", "body": ""})
    assert response.status_code == 422 and "title" in response.json()["detail"]


def test_an_anonymous_submission_returns_a_receipt_that_reads_the_answer(cast, client_as, client):
    made = post(client_as(cast.member), "/api/v1/voice/suggestions", {"title": "匿名", "body": "b", "anonymous": True}).json()
    client.logout()
    read = client.get("/api/v1/voice/receipt", {"code": made["receipt"]})
    assert read.status_code == 200 and read.json()["title"] == "匿名"
    assert client.get("/api/v1/voice/receipt", {"code": "nope"}).status_code == 404


def test_the_cadre_walks_the_loop_through_the_api(cast, client_as):
    s = suggestion(cast)
    chair = client_as(cast.chair)
    assert post(chair, f"/api/v1/voice/suggestions/{s.pk}/decide", {"adopt": False}).status_code == 422
    assert post(chair, f"/api/v1/voice/suggestions/{s.pk}/decide", {"adopt": True}).json()["status"] == "adopted"
    figures = chair.get("/api/v1/voice/figures", {"org_id": cast.union.pk, "start": "2025-01-01", "end": "2025-12-31"}).json()
    assert figures["suggestions"]["submitted"] == 1 and figures["suggestions"]["adopted"] == 1


def test_the_outsider_gets_404_through_the_api(cast, client_as):
    s = suggestion(cast)
    outsider = client_as(cast.outsider)
    assert outsider.get(f"/api/v1/voice/suggestions/{s.pk}").status_code == 404
    assert outsider.get("/api/v1/voice/suggestions").json()["count"] == 0
    assert outsider.get("/api/v1/voice/figures", {"org_id": cast.union.pk}).status_code == 404


def test_the_figures_api_gives_the_breakdowns(cast, client_as):
    suggestion(cast)
    data = client_as(cast.chair).get("/api/v1/voice/figures", {"org_id": cast.union.pk, "start": "2025-01-01", "end": "2025-12-31"}).json()
    assert sum(r["total"] for r in data["breakdown"]["suggestions"]["month"]) == 1
    assert {r["label"] for r in data["breakdown"]["suggestions"]["branch"]} == {"炼钢作业区", "轧钢作业区"}


def test_the_old_talks_api_sends_clients_on_to_care_keeping_method_and_query(cast, client_as):
    client = client_as(cast.chair)
    listed = client.get("/api/v1/voice/talks?kind=talk")
    assert listed.status_code == 308 and listed["Location"] == "/api/v1/care/talks?kind=talk"
    posted = post(client, "/api/v1/voice/talks", {"anything": 1})
    assert posted.status_code == 308 and posted["Location"] == "/api/v1/care/talks"
    assert client.get(listed["Location"]).status_code == 200
