"""The alarm system's outsider walks: its private URLs (portal/tests/test_outsider_walk.py) and
every public service called by someone without the role (portal/tests/test_authority_walk.py)."""

import datetime as dt

from django.utils import timezone

from gonghui.alarms import services

from .factories import build_plant

# The scanner and the notifier are the system itself: no person calls these, so no role guards them.
UNGUARDED = {
    "messages_ingest": "the scanner storing detector messages from the broker",
    "scan_cycle": "the scanner's cyclic scan of every zone",
    "zone_apply_verdict": "the scanner writing one zone's verdict",
    "escalations_sweep": "the notifier telling the next person on a duty list",
    "outbox_mark_sent": "the notifier recording a delivered notice",
    "outbox_mark_failed": "the notifier recording a failed attempt",
}


def private_urls(cast) -> list[tuple]:
    plant = build_plant(cast.union, code="walk-plant")
    z, d, s = plant.depot.pk, plant.smoke.pk, plant.site.pk
    return [
        ("GET", f"/alarms/zones/{z}/"),
        ("POST", f"/alarms/zones/{z}/acknowledge/"),
        ("POST", f"/alarms/detectors/{d}/bypass/"),
        ("GET", f"/alarms/sites/{s}/zones/new/"),
        ("POST", f"/alarms/sites/{s}/zones/new/"),
        ("GET", f"/alarms/zones/{z}/detectors/new/"),
        ("POST", f"/alarms/zones/{z}/detectors/new/"),
        ("GET", f"/alarms/zones/{z}/duty/new/"),
        ("POST", f"/alarms/zones/{z}/duty/new/"),
        ("GET", f"/alarms/events/?zone={z}"),
        ("GET", f"/api/v1/alarms/zones/{z}"),
        ("POST", f"/api/v1/alarms/zones/{z}/acknowledge"),
        ("POST", f"/api/v1/alarms/zones/{z}/silence"),
        ("POST", f"/api/v1/alarms/zones/{z}/reset"),
        ("GET", f"/api/v1/alarms/events?zone_id={z}"),
    ]


def service_calls(cast) -> list[tuple]:
    plant = build_plant(cast.union, code="walk-services")
    person = plant.depot.duty.first()
    past = services.PastAlarm(plant.smoke, "fire", "active", timezone.now() - dt.timedelta(days=1), None, None)
    return [
        ("site_create", lambda a: services.site_create(actor=a, org=cast.union, code="walk-new", name="走查厂区")),
        ("zone_create", lambda a: services.zone_create(actor=a, site=plant.site, code="walk-zone", name="走查防区",
                                                       place_kind="warehouse")),
        ("duty_person_add", lambda a: services.duty_person_add(actor=a, zone=plant.depot, name="走查", phone="13800000009")),
        ("duty_person_remove", lambda a: services.duty_person_remove(actor=a, person=person)),
        ("detector_create", lambda a: services.detector_create(actor=a, zone=plant.depot, code="walk-det", kind="smoke",
                                                               address="走查")),
        ("detectors_bulk_create", lambda a: services.detectors_bulk_create(actor=a, zone=plant.depot,
                                                                           rows=[("walk-bulk", "smoke", "走查", "mqtt")])),
        ("detector_bypass", lambda a: services.detector_bypass(actor=a, detector=plant.door, bypassed=True)),
        ("detector_disable", lambda a: services.detector_disable(actor=a, detector=plant.smoke, disabled=True)),
        ("zone_acknowledge", lambda a: services.zone_acknowledge(actor=a, zone=plant.depot)),
        ("zone_silence", lambda a: services.zone_silence(actor=a, zone=plant.depot)),
        ("zone_reset", lambda a: services.zone_reset(actor=a, zone=plant.depot)),
        ("zone_arm", lambda a: services.zone_arm(actor=a, zone=plant.store)),
        ("zone_disarm", lambda a: services.zone_disarm(actor=a, zone=plant.store)),
        ("alarms_history_import", lambda a: services.alarms_history_import(actor=a, rows=[past])),
    ]
