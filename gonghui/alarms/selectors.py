"""Reads of the alarm system: the board, a zone, the event log, and the figures the summary states."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.scoping import get_in_reach_or_404, in_reach, under
from gonghui.core.selectors import Attention
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union

from .choices import AlarmKind, Condition
from .models import Alarm, Detector, DutyPerson, Event, Site, Zone

# Who sees the board, a zone and the event log (duty staff and the managing roles, AlarmsConfig.actions).
VIEW = "alarms.zone.view"

CONDITION_ORDER = {Condition.FIRE: 0, Condition.INTRUSION: 1, Condition.FAULT: 2, Condition.NORMAL: 3}


def zone_board(*, visible_to) -> list[Zone]:
    """Every zone the user watches, worst first, with its open alarm counts (one query)."""
    latched = Q(alarms__reset_at__isnull=True)
    qs = in_reach(Zone.objects.select_related("site"), visible_to, action=VIEW).annotate(
        latched_count=Count("alarms", filter=latched),
        unacknowledged_count=Count("alarms", filter=latched & Q(alarms__acknowledged_at__isnull=True)),
    )
    return sorted(qs, key=lambda z: (CONDITION_ORDER.get(z.condition, 9), z.site.code, z.position, z.code))


def watches_a_zone(user) -> bool:
    """Whether the alarm board has anything for this person: the menu offers it only then."""
    return in_reach(Zone.objects.all(), user, action=VIEW).exists()


def zone_get(*, visible_to, pk: int, action: str = VIEW) -> Zone:
    """A zone where the user may do `action` (404 otherwise, so nobody learns it exists)."""
    return get_in_reach_or_404(Zone.objects.select_related("site", "org"), visible_to, action=action, pk=pk)


def detector_get(*, visible_to, pk: int, action: str = VIEW) -> Detector:
    return get_in_reach_or_404(Detector.objects.select_related("zone", "zone__org", "site"), visible_to, action=action, pk=pk)


def site_get(*, visible_to, pk: int, action: str = "alarms.site.manage") -> Site:
    return get_in_reach_or_404(Site.objects.select_related("org"), visible_to, action=action, pk=pk)


def site_list(*, visible_to) -> QuerySet[Site]:
    return in_reach(Site.objects.select_related("org"), visible_to, action="alarms.site.manage").prefetch_related("zones")


def board_alarms(zones: list[Zone]) -> dict[int, list[Alarm]]:
    """{zone id: its latched alarms, worst first} for the board's banners, in one query for all the zones."""
    by_zone: dict[int, list[Alarm]] = {z.pk: [] for z in zones}
    if not by_zone:
        return by_zone
    rank = {AlarmKind.FIRE: 0, AlarmKind.INTRUSION: 1, AlarmKind.FAULT: 2}
    alarms = Alarm.objects.filter(zone_id__in=list(by_zone), reset_at__isnull=True).select_related("detector")
    for alarm in sorted(alarms, key=lambda a: (rank.get(a.kind, 9), a.raised_at)):
        by_zone[alarm.zone_id].append(alarm)
    return by_zone


def zone_latched_alarms(zone: Zone) -> QuerySet[Alarm]:
    return Alarm.objects.filter(zone=zone, reset_at__isnull=True).select_related("detector", "acknowledged_by").order_by("-raised_at")


def zone_detectors(zone: Zone) -> QuerySet[Detector]:
    return Detector.objects.filter(zone=zone).order_by("code")


def zone_duty(zone: Zone) -> QuerySet[DutyPerson]:
    return DutyPerson.objects.filter(zone=zone).order_by("position")


def event_list(*, visible_to, zone: Zone | None = None, kind: str | None = None, day: dt.date | None = None) -> QuerySet[Event]:
    qs = in_reach(Event.objects.select_related("zone", "detector", "actor", "zone__site", "alarm"), visible_to, action=VIEW)
    if zone is not None:
        qs = qs.filter(zone=zone)
    if kind:
        qs = qs.filter(kind=kind)
    if day:
        start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
        qs = qs.filter(at__gte=start, at__lt=start + dt.timedelta(days=1))
    return qs.order_by("-at", "-id")


@dataclass(frozen=True)
class AlarmFigures:
    fire: int
    intrusion: int
    fault: int
    acknowledged: int
    median_ack_seconds: float | None
    zones: int
    detectors: int
    open_now: int  # alarms of the period still standing (not reset)

    @property
    def alarms(self) -> int:
        return self.fire + self.intrusion


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (timezone.make_aware(dt.datetime.combine(start, dt.time.min)),
            timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min)))


def zones_by_union(*, org: Org, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: zones watched} for a federation's unions, in one grouped query."""
    return count_by_union(Zone.objects.filter(under(org)), union_of)


def alarm_figures(*, org, start: dt.date, end: dt.date, compare: tuple[dt.date, dt.date] | None = None
                  ) -> tuple[AlarmFigures, AlarmFigures | None] | None:
    """Alarms and faults raised in the period under the org, and how fast people acknowledged them;
    with `compare` (the same period last year), that period's counts too, from the same scan.

    None when the org watches no zone: one query then. Otherwise four, whatever the volume: the
    zones, the detectors, the alarms of both periods counted by kind at once, and this period's
    acknowledged waits (their median is taken here, on exact timedeltas).
    """
    zones = Zone.objects.filter(under(org)).count()
    if not zones:
        return None
    detectors = Detector.objects.filter(under(org)).count()
    lo, hi = _bounds(start, end)
    now = Q(raised_at__gte=lo, raised_at__lt=hi)
    scope = now
    counts = {
        **{f"now_{kind}": Count("id", filter=now & Q(kind=kind)) for kind in AlarmKind.values},
        "open_now": Count("id", filter=now & Q(reset_at__isnull=True) & ~Q(kind=AlarmKind.FAULT)),
    }
    if compare is not None:
        last_lo, last_hi = _bounds(*compare)
        before = Q(raised_at__gte=last_lo, raised_at__lt=last_hi)
        scope = now | before
        counts |= {f"before_{kind}": Count("id", filter=before & Q(kind=kind)) for kind in AlarmKind.values}
    found = Alarm.objects.filter(under(org)).filter(scope).aggregate(**counts)
    waits = [(a - r).total_seconds() for r, a in Alarm.objects.filter(under(org)).filter(now, acknowledged_at__isnull=False)
             .exclude(kind=AlarmKind.FAULT).values_list("raised_at", "acknowledged_at")]

    def figures(side: str, **more) -> AlarmFigures:
        return AlarmFigures(fire=found[f"{side}_{AlarmKind.FIRE}"], intrusion=found[f"{side}_{AlarmKind.INTRUSION}"],
                            fault=found[f"{side}_{AlarmKind.FAULT}"], zones=zones, detectors=detectors, **more)

    this = figures("now", acknowledged=len(waits), median_ack_seconds=statistics.median(waits) if waits else None,
                   open_now=found["open_now"])
    if compare is None:
        return this, None
    return this, figures("before", acknowledged=0, median_ack_seconds=None, open_now=0)


def attention(*, visible_to) -> list[Attention]:
    """For the home page: alarms and faults still standing that nobody has acknowledged."""
    waiting = in_reach(Alarm.objects.filter(reset_at__isnull=True, acknowledged_at__isnull=True), visible_to, action=VIEW)
    return [Attention(_("alarms not yet acknowledged"), waiting.count(), reverse("alarms:board"))]
