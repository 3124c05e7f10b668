"""The alarm system's private URLs, for the outsider walk (portal/tests/test_outsider_walk.py)."""

from .factories import build_plant


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
