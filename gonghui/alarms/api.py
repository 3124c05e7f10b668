import datetime as dt

from ninja import Router, Schema
from ninja.pagination import paginate

from gonghui.core.api import Pages

from . import services
from .selectors import event_list, zone_board, zone_get, zone_latched_alarms

router = Router(tags=["alarms"])


class ZoneOut(Schema):
    id: int
    code: str
    name: str
    site: str
    place_kind: str
    condition: str
    arming: str
    sounding: bool
    latched_count: int = 0
    unacknowledged_count: int = 0

    @staticmethod
    def resolve_site(obj):
        return obj.site.code


class AlarmOut(Schema):
    id: int
    kind: str
    cause: str
    detector_id: int
    raised_at: dt.datetime
    acknowledged_at: dt.datetime | None


class ZoneDetailOut(ZoneOut):
    alarms: list[AlarmOut]

    @staticmethod
    def resolve_alarms(obj):
        return list(zone_latched_alarms(obj))


class EventOut(Schema):
    id: int
    zone_id: int
    detector_id: int | None
    alarm_id: int | None
    kind: str
    actor_id: int | None
    at: dt.datetime
    note: str


class ResetOut(Schema):
    cleared: int
    standing: int


@router.get("/zones", response=list[ZoneOut])
def zones(request):
    return zone_board(visible_to=request.user)


@router.get("/zones/{zone_id}", response=ZoneDetailOut)
def zone(request, zone_id: int):
    return zone_get(visible_to=request.user, pk=zone_id)


@router.post("/zones/{zone_id}/acknowledge", response=ZoneOut)
def acknowledge(request, zone_id: int):
    z = zone_get(visible_to=request.user, pk=zone_id)
    services.zone_acknowledge(actor=request.user, zone=z)
    return zone_get(visible_to=request.user, pk=zone_id)


@router.post("/zones/{zone_id}/silence", response=ZoneOut)
def silence(request, zone_id: int):
    z = zone_get(visible_to=request.user, pk=zone_id)
    return services.zone_silence(actor=request.user, zone=z)


@router.post("/zones/{zone_id}/reset", response=ResetOut)
def reset(request, zone_id: int):
    z = zone_get(visible_to=request.user, pk=zone_id)
    return services.zone_reset(actor=request.user, zone=z)


@router.get("/events", response=list[EventOut])
@paginate(Pages)
def events(request, zone_id: int | None = None, kind: str | None = None):
    z = zone_get(visible_to=request.user, pk=zone_id) if zone_id else None
    return event_list(visible_to=request.user, zone=z, kind=kind)
