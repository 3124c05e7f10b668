"""The demo's alarm system: BENBU's site with the six kinds of place the seed names, and a year of its record.

`load(union_org, actor)` is called by `gonghui demo-data`. The detectors are simulated
(`gonghui simulate --site benbu run` sends their heartbeats, demo-serve starts it), so the
board is green until someone runs e.g. `gonghui simulate --site benbu fire --zone oil-depot`.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from . import services
from .models import Site

SITE_CODE = "benbu"

# (code, name, place kind, exit/entry delay, [(detector code, kind, address)])
ZONES = [
    ("electrical-room", "无人电气室", "electrical_room", 0,
     [("er-smoke-1", "smoke", "1回路01号 高压柜上方"), ("er-smoke-2", "smoke", "1回路02号 低压柜上方"),
      ("er-heat-1", "heat", "1回路03号 变压器旁"), ("er-door-1", "door", "电气室正门"), ("er-tamper-1", "tamper", "控制箱防拆")]),
    ("warehouse", "仓库", "warehouse", 30,
     [("wh-smoke-1", "smoke", "2回路01号 东区货架"), ("wh-smoke-2", "smoke", "2回路02号 西区货架"),
      ("wh-door-1", "door", "仓库东门"), ("wh-pir-1", "motion", "仓库货架区"), ("wh-glass-1", "glass_break", "北侧窗户")]),
    ("cable-tunnel", "地下电缆隧道", "cable_tunnel", 0,
     [("ct-heat-1", "heat", "隧道K0+100 感温电缆"), ("ct-heat-2", "heat", "隧道K0+300 感温电缆"),
      ("ct-smoke-1", "smoke", "隧道入口"), ("ct-door-1", "door", "隧道检修井盖")]),
    ("hydraulic-station", "液压站", "hydraulic_station", 0,
     [("hs-flame-1", "flame", "油泵组上方"), ("hs-heat-1", "heat", "油箱旁"), ("hs-call-1", "call_point", "站门口手动报警按钮"),
      ("hs-door-1", "door", "液压站门")]),
    ("lubrication-station", "润滑油站", "lubrication_station", 0,
     [("ls-flame-1", "flame", "稀油站泵组"), ("ls-gas-1", "gas", "油气浓度探头"), ("ls-vib-1", "vibration", "外墙震动")]),
    ("oil-depot", "油库", "oil_depot", 30,
     [("od-flame-1", "flame", "1号储油罐"), ("od-gas-1", "gas", "油库可燃气体探头"), ("od-smoke-1", "smoke", "油桶间"),
      ("od-call-1", "call_point", "油库门口手动报警按钮"), ("od-door-1", "door", "油库大门"), ("od-pir-1", "motion", "油库院内")]),
]

DUTY = [("周师傅", "13905510101"), ("吴班长", "13905510102"), ("郑主任", "13905510103")]


def load(ctx) -> Site | None:
    """BENBU's alarm site for the demo (AppConfig.demo)."""
    return site_load(ctx.union, ctx.chair, year=ctx.year, shift=ctx.shift)


def site_load(union_org, actor, *, year: int = 2025, shift: dt.timedelta = dt.timedelta(0)) -> Site | None:
    """The site and a year of its record; `shift` moves that year as the demo's calendar does (core.demo)."""
    if Site.objects.filter(code=SITE_CODE).exists():
        return None
    rng = random.Random(80)
    site = services.site_create(actor=actor, org=union_org, code=SITE_CODE, name="本部厂区", address="本部厂区各无人值守场所")
    detectors = []
    for i, (code, name, kind, delay, rows) in enumerate(ZONES):
        zone = services.zone_create(actor=actor, site=site, code=code, name=name, place_kind=kind, position=i,
                                    exit_delay_s=delay, entry_delay_s=delay, escalate_after_s=300)
        for j, (pname, phone) in enumerate(DUTY):
            services.duty_person_add(actor=actor, zone=zone, name=pname if j else (getattr(actor, "display_name", "") or pname),
                                     phone=phone, user=actor if j == 0 else None)
        detectors += services.detectors_bulk_create(actor=actor, zone=zone, rows=[(c, k, a, "simulator") for c, k, a in rows])
    for zone in site.zones.filter(code__in=["warehouse", "oil-depot"]):
        services.zone_arm(actor=actor, zone=zone)  # the stores are armed out of hours in the demo
    past = []
    # A year of the panel's record: a few real fires caught early, intrusions, and the faults of a damp tunnel.
    for kind, cause, count in (("fire", "active", 7), ("intrusion", "active", 4), ("fault", "comm_lost", 23),
                               ("fault", "low_battery", 9), ("fault", "tamper", 2)):
        for _ in range(count):
            fitting = [d for d in detectors if _fits(d.kind, kind, cause)]
            d = rng.choice(fitting)
            day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364)) + shift
            raised = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(0, 23), rng.randint(0, 59))))
            ack = raised + dt.timedelta(seconds=rng.randint(25, 240) if kind != "fault" else rng.randint(300, 7200))
            past.append(services.PastAlarm(detector=d, kind=kind, cause=cause, raised_at=raised, acknowledged_at=ack,
                                           reset_at=ack + dt.timedelta(minutes=rng.randint(5, 90)), by=actor))
    services.alarms_history_import(actor=actor, rows=past)
    return site


def _fits(detector_kind: str, kind: str, cause: str) -> bool:
    from .panel import FAMILY_OF_KIND, Family

    family = FAMILY_OF_KIND[detector_kind]
    if kind == "fire":
        return family is Family.FIRE
    if kind == "intrusion":
        return family is Family.INTRUSION
    return True
