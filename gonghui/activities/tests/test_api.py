import json

import pytest
from django.utils import timezone

from gonghui.activities.models import Signup

from . import factories as f

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_member_signs_up_through_the_api_and_cancels(cast, client_as):
    e = f.event(cast.union, actor=cast.chair, capacity=3, starts_on=timezone.localdate() + timezone.timedelta(days=5))
    client = client_as(cast.member)
    assert [row["id"] for row in client.get("/api/v1/activities/events/open").json()["items"]] == [e.pk]
    response = post(client, f"/api/v1/activities/events/{e.pk}/signups", {})
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    signup = Signup.objects.get()
    assert post(client, f"/api/v1/activities/signups/{signup.pk}/cancel", {}).json()["status"] == "cancelled"


def test_a_member_may_not_sign_up_someone_else_through_the_api(cast, client_as):
    e = f.event(cast.union, actor=cast.chair, starts_on=timezone.localdate() + timezone.timedelta(days=5))
    response = post(client_as(cast.member), f"/api/v1/activities/events/{e.pk}/signups", {"member_id": cast.rep_record.pk})
    assert response.status_code == 404


def test_a_branch_cadre_is_refused_a_union_wide_event_with_the_message(cast, client_as):
    response = post(client_as(cast.cadre), "/api/v1/activities/events",
                    {"org_id": cast.union.pk, "title": "x", "kind": "trip", "starts_on": "2099-07-01"})
    assert response.status_code == 404  # the union is out of the branch cadre's reach: never told it exists


def test_the_chair_runs_a_competition_through_the_api_and_reads_its_ranking(cast, client_as):
    client = client_as(cast.chair)
    created = post(client, "/api/v1/activities/competitions", {
        "org_id": cast.union.pk, "title": "技能竞赛", "kind": "skills", "starts_on": "2025-05-01", "ends_on": "2025-05-30",
        "indicators": [{"name": "理论", "weight": 30}, {"name": "实操", "weight": 70}], "entrants": ["甲", "乙"]}).json()
    theory, practice = created["indicators"]
    first, second = created["entrants"]
    for entrant, values in ((first, (90, 80)), (second, (80, 90))):
        for indicator, value in zip((theory, practice), values):
            assert post(client, f"/api/v1/activities/competitions/{created['id']}/scores",
                        {"entrant_id": entrant["id"], "indicator_id": indicator["id"], "value": value}).status_code == 201
    ranked = post(client, f"/api/v1/activities/competitions/{created['id']}/finish", {}).json()
    assert [(e["name"], e["rank"]) for e in ranked["entrants"]] == [("乙", 1), ("甲", 2)]


def test_a_branch_cadre_takes_attendance_at_their_branch_s_event_but_never_reaches_the_union_s(cast, client_as):
    e = f.event(cast.union, actor=cast.chair)
    cadre_event = f.event(cast.branch, actor=cast.cadre)
    response = post(client_as(cast.cadre), f"/api/v1/activities/events/{cadre_event.pk}/attendance", {"attended": []})
    assert response.status_code == 200
    response = post(client_as(cast.cadre), f"/api/v1/activities/events/{e.pk}/attendance", {"attended": []})
    assert response.status_code == 404


def test_the_chair_sets_the_mentor_cap_through_the_api_and_a_member_cannot(cast, client_as):
    assert client_as(cast.chair).get(f"/api/v1/activities/rules?org_id={cast.union.pk}").json()["mentor_cap"] == 5
    assert post(client_as(cast.chair), "/api/v1/activities/rules", {"org_id": cast.union.pk, "mentor_cap": 3}).json() == {
        "org_id": cast.union.pk, "mentor_cap": 3}
    assert client_as(cast.cadre).get(f"/api/v1/activities/rules?org_id={cast.branch.pk}").json()["mentor_cap"] == 3
    assert post(client_as(cast.member), "/api/v1/activities/rules", {"org_id": cast.union.pk, "mentor_cap": 9}).status_code == 404
