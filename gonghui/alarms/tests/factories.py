"""A small site for the tests: BENBU's oil depot and warehouse, with detectors and a duty list."""

from __future__ import annotations

from dataclasses import dataclass

from gonghui.alarms import services
from gonghui.alarms.models import Detector, Site, Zone


@dataclass
class Plant:
    site: Site
    depot: Zone
    store: Zone
    smoke: Detector
    heat: Detector
    door: Detector
    motion: Detector


def build_plant(org, *, code: str = "benbu-plant", actor=None, escalate_after_s: int = 300, entry_delay_s: int = 0) -> Plant:
    site = services.site_create(actor=actor, org=org, code=code, name="本部厂区")
    depot = services.zone_create(actor=actor, site=site, code="oil-depot", name="油库", place_kind="oil_depot",
                                 escalate_after_s=escalate_after_s)
    store = services.zone_create(actor=actor, site=site, code="warehouse", name="仓库", place_kind="warehouse",
                                 entry_delay_s=entry_delay_s, position=1)
    for zone in (depot, store):
        services.duty_person_add(actor=actor, zone=zone, name="张值班", phone="13800000001")
        services.duty_person_add(actor=actor, zone=zone, name="李班长", phone="13800000002")
        services.duty_person_add(actor=actor, zone=zone, name="王主任", phone="13800000003")
    return Plant(
        site=site, depot=depot, store=store,
        smoke=services.detector_create(actor=actor, zone=depot, code="od-smoke-1", kind="smoke", address="1回路01号"),
        heat=services.detector_create(actor=actor, zone=depot, code="od-heat-1", kind="heat", address="1回路02号"),
        door=services.detector_create(actor=actor, zone=store, code="wh-door-1", kind="door", address="仓库东门"),
        motion=services.detector_create(actor=actor, zone=store, code="wh-pir-1", kind="motion", address="仓库货架区"),
    )
