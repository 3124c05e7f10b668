"""Signing up for an event through the service, against the bare writes it makes.

value: seconds per `activities.services.event_signup` — the authority check, the event row
       locked, the eligibility checks, places counted for the cap and the waiting list, the
       sign-up and its history row — for N members in turn on one event of N/2 places.
limit: seconds per bare write of the same rows (a Signup and a HistoryEntry, one transaction
       each), with nothing checked and nothing counted.
ratio = value / limit; target 6: the service runs seven statements (the locked read of the event,
the member's existing sign-up, the places counted in one aggregate, the insert, the history row
and the transaction's own) where the bare path runs two inserts, so about 4–5 is its cost; past 6
something has started to read per sign-up. Also: half the members hold a place and half wait, in order.

    .venv/bin/python bench/activities_signup.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv
N = 200 if QUICK else 1000
DB = ROOT / "var" / f"bench-activities-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from gonghui.activities import services  # noqa: E402
from gonghui.activities.models import Signup  # noqa: E402
from gonghui.core.models import HistoryEntry  # noqa: E402
from gonghui.members.fake import id_number  # noqa: E402
from gonghui.members.services import MemberData, members_bulk_create  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(7)
        union = org_create(actor=None, code="BENBU", name="本部工会", kind="union")
        branch = org_create(actor=None, code="BENBU-1", name="炼钢作业区", kind="branch", parent=union)
        ids = members_bulk_create(actor=None, rows=[
            MemberData(name=f"会员{i}", id_number=id_number(rng, 1000 + i), org=branch, join_date=dt.date(2020, 1, 1))
            for i in range(2 * N)])
        from gonghui.members.models import Member

        members = list(Member.objects.filter(pk__in=ids).select_related("org").order_by("id"))
        day = dt.date(2099, 6, 1)
        event = services.event_create(actor=None, org=union, title="乒乓球赛", kind="culture_sports", starts_on=day, capacity=N // 2)
        start = time.perf_counter()
        for m in members[:N]:
            services.event_signup(actor=None, event=event, member=m, today=day)
        value = (time.perf_counter() - start) / N

        bare = services.event_create(actor=None, org=union, title="对照", kind="culture_sports", starts_on=day)
        content_type = ContentType.objects.get_for_model(Signup)
        start = time.perf_counter()
        for i, m in enumerate(members[N:]):
            with transaction.atomic():
                row = Signup.objects.create(event=bare, member=m, status="confirmed", queued=i + 1)
                HistoryEntry.objects.create(org=union, content_type=content_type, object_id=str(row.pk),
                                            object_repr="x", action="create")
        limit = (time.perf_counter() - start) / N

        statuses = list(Signup.objects.filter(event=event).order_by("queued").values_list("status", flat=True))
        in_order = statuses == ["confirmed"] * (N // 2) + ["waiting"] * (N - N // 2)
        ratio = value / limit
        print(f"members={N} places={N // 2}: sign-up {value * 1000:.2f} ms, bare writes {limit * 1000:.2f} ms")
        print(json.dumps({"bench": "activities_signup", "value": round(value, 6), "limit": round(limit, 6),
                          "ratio": round(ratio, 3), "target": 6, "pass": bool(ratio <= 6 and in_order)}))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
