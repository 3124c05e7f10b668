"""The pages as duty staff and cadres see them."""

import re

import pytest
from django.utils import timezone

from gonghui.accounts.services import role_grant, user_create
from gonghui.alarms import services
from gonghui.alarms.models import Alarm, Event, Zone
from gonghui.alarms.services import IncomingMessage

from .factories import build_plant

pytestmark = pytest.mark.django_db


@pytest.fixture
def plant(cast):
    return build_plant(cast.union, actor=cast.chair)


@pytest.fixture
def duty(cast):
    user = user_create(actor=None, username="duty", password=None, display_name="赵值班")
    role_grant(actor=None, user=user, org=cast.union, role="duty_staff")
    return user


def raise_fire(plant):
    services.messages_ingest(messages=[IncomingMessage(site=plant.site.code, detector=plant.smoke.code, seq=1, active=True)])
    services.scan_cycle(started=timezone.now(), silent_after=90)


def test_duty_staff_see_every_zone_as_a_tile_and_the_fire_banner(plant, duty, client_as, django_assert_max_num_queries):
    raise_fire(plant)
    client = client_as(duty)
    client.get("/alarms/tiles/")
    with django_assert_max_num_queries(12):
        page = client.get("/alarms/tiles/")
    html = page.content.decode()
    assert 'class="tile fire"' in html and 'class="tile normal"' in html and 'role="alert"' in html
    assert 'data-sounding="1"' in html


def test_the_board_query_count_does_not_grow_with_the_zones(plant, duty, client_as, django_assert_max_num_queries):
    for i in range(20):
        services.zone_create(actor=None, site=plant.site, code=f"z{i}", name=f"防区{i}", place_kind="warehouse")
    client = client_as(duty)
    client.get("/alarms/")
    with django_assert_max_num_queries(12):
        assert client.get("/alarms/").status_code == 200


def test_duty_staff_acknowledge_silence_and_reset_from_the_board(plant, duty, client_as):
    raise_fire(plant)
    client = client_as(duty)
    for action in ("acknowledge", "silence"):
        assert client.post(f"/alarms/zones/{plant.depot.pk}/{action}/", {"next": "board"}).status_code == 302
    alarm = Alarm.objects.get()
    assert alarm.acknowledged_by == duty
    assert not Zone.objects.get(pk=plant.depot.pk).sounding
    # The smoke is still there: the reset does not take, the alarm stands again.
    client.post(f"/alarms/zones/{plant.depot.pk}/reset/")
    assert Alarm.objects.get().reset_at is None
    assert list(Event.objects.filter(actor=duty).order_by("id").values_list("kind", flat=True)) == ["acknowledge", "silence", "stands_again"]


def test_duty_staff_cannot_reach_the_set_up(plant, duty, client_as):
    client = client_as(duty)
    assert client.get("/alarms/setup/").status_code == 404
    assert client.get(f"/alarms/zones/{plant.depot.pk}/detectors/new/").status_code == 404
    assert client.post(f"/alarms/detectors/{plant.smoke.pk}/disable/").status_code == 404


def test_a_cadre_sets_up_a_site_a_zone_a_detector_and_a_duty_person(cast, client_as):
    client = client_as(cast.chair)
    assert client.post("/alarms/setup/", {"org": cast.union.pk, "code": "new-site", "name": "新厂区"}).status_code == 302
    site = cast.union  # noqa: F841
    from gonghui.alarms.models import Site
    s = Site.objects.get(code="new-site")
    r = client.post(f"/alarms/sites/{s.pk}/zones/new/", {"code": "tunnel", "name": "地下电缆隧道", "place_kind": "cable_tunnel",
                                                         "position": 0, "exit_delay_s": 0, "entry_delay_s": 0, "escalate_after_s": 300})
    assert r.status_code == 302
    z = s.zones.get()
    assert client.post(f"/alarms/zones/{z.pk}/detectors/new/", {"code": "t-heat-1", "kind": "heat", "address": "隧道K1+200",
                                                               "transport": "mqtt"}).status_code == 302
    assert client.post(f"/alarms/zones/{z.pk}/duty/new/", {"name": "孙电工", "phone": "13900000000"}).status_code == 302
    assert z.detectors.get().address == "隧道K1+200" and z.duty.get().position == 0


def test_the_event_log_filters_by_kind(plant, duty, client_as):
    raise_fire(plant)
    services.zone_silence(actor=duty, zone=plant.depot)
    html = client_as(duty).get("/alarms/events/?kind=silence").content.decode()
    assert "赵值班" in html and "1回路01号" not in html


def test_the_api_lists_zones_and_resets(plant, duty, client_as):
    raise_fire(plant)
    client = client_as(duty)
    zones = client.get("/api/v1/alarms/zones").json()
    assert {z["name"]: z["condition"] for z in zones} == {"油库": "fire", "仓库": "normal"}
    assert client.post(f"/api/v1/alarms/zones/{plant.depot.pk}/reset").json() == {"cleared": 0, "standing": 1}
    detail = client.get(f"/api/v1/alarms/zones/{plant.depot.pk}").json()
    assert detail["alarms"][0]["kind"] == "fire"


def test_a_member_sees_no_zones(plant, cast, client_as):
    assert "tile" not in client_as(cast.member).get("/alarms/tiles/").content.decode()


def test_the_event_log_query_count_does_not_grow_with_the_events(plant, duty, client_as, django_assert_max_num_queries):
    raise_fire(plant)
    for _ in range(15):
        services.zone_silence(actor=duty, zone=plant.depot)
        services.zone_reset(actor=duty, zone=plant.depot)
    client = client_as(duty)
    client.get("/alarms/events/")
    with django_assert_max_num_queries(12):
        html = client.get("/alarms/events/").content.decode()
    assert html.count("<tr>") > 15


def test_the_board_buttons_answer_in_place_so_the_page_and_its_sound_stay(plant, duty, client_as):
    raise_fire(plant)
    client = client_as(duty)
    board = client.get("/alarms/").content.decode()
    assert f'hx-post="/alarms/zones/{plant.depot.pk}/silence/"' in board and 'hx-target="#board"' in board
    # The banner names the detector and where it hangs.
    assert "od-smoke-1" in board and "1回路01号" in board and "本部厂区 · 油库" in board
    answer = client.post(f"/alarms/zones/{plant.depot.pk}/acknowledge/", {"next": "board"}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200 and "<html" not in answer.content.decode()
    assert 'data-sounding="1"' in answer.content.decode()
    answer = client.post(f"/alarms/zones/{plant.depot.pk}/silence/", {"next": "board"}, HTTP_HX_REQUEST="true")
    assert 'data-sounding="0"' in answer.content.decode()
    answer = client.post(f"/alarms/zones/{plant.depot.pk}/reset/", {"next": "board"}, HTTP_HX_REQUEST="true").content.decode()
    notice = re.search(r'<p id="board-notice"[^>]*hx-swap-oob="true">([^<]+)</p>', answer)
    assert notice and "1" in notice.group(1)  # the smoke is still there: the alarm stands again, and the board says so
    assert list(Event.objects.filter(actor=duty).order_by("id").values_list("kind", flat=True)) == ["acknowledge", "silence", "stands_again"]
