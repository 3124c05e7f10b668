"""bench/signup.py: 2,000 members sign up for a 500-place event at once, through the API.

A popular event (a 疗休养 trip, tickets to a match) opens and the whole union taps 报名 in the
same minute. Each member signs up with their own bearer token (POST
/api/v1/activities/events/{id}/signups) from a thread of their own, all released together by
a barrier, against gunicorn (threaded workers) on PostgreSQL, so the sign-ups really do meet
at the event's row lock.

The verdict is the counts, exactly:
- exactly 500 places taken and the other 1,500 on the waiting list, every member once;
- the waiting list in arrival order: the order numbers (queued) run 1…2,000 without a gap or
  a repeat, the 500 confirmed hold 1…500, and no request is ordered before one that had
  already been answered when it was sent (the only arrival order a client can observe);
- 0 errors: every request answered 201.

value = places taken; limit = the event's places (500); ratio = value / limit; target 1; pass
when the counts above are exact and no request failed.

Also reported (not part of pass): p50 and p99 latency of a sign-up as the client saw it, the
time of one sign-up sent alone (alone_s), each sign-up's turn at the lock as the burst ran
(serial_ms = the burst's wall time / members), and p99_limit_s = 15 ms x members (30 s for
2,000). Why that limit: every sign-up waits its turn at the one event's row lock, so the last of
N sent together waits for the N-1 before it; 15 ms is the turn we allow a sign-up (its seven
statements on PostgreSQL over loopback, with room to spare), and 30 s for the last of 2,000 is
still an answer a member waits for with the phone in hand. On this workplace, where 8 jobs share 2 cores, a turn
measured about 50 ms and the p99 of 2,000 about 105 s, so p99_ok is false here; it is
reported, not failed, as the brief asks: the counts are the verdict.

    .venv/bin/python bench/signup.py [--quick]     # --quick: 400 members, 100 places

A fresh PostgreSQL database (GONGHUI_BENCH_SIGNUP_DB, default activities_bench_signup, on
GONGHUI_BENCH_PG, default postgres://postgres@127.0.0.1:5432) is created and dropped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
QUICK = "--quick" in sys.argv
MEMBERS, PLACES = (400, 100) if QUICK else (2000, 500)
P99_LIMIT_S = 0.015 * MEMBERS
PG = os.environ.get("GONGHUI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("GONGHUI_BENCH_SIGNUP_DB", "activities_bench_signup")


def database_fresh() -> str:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return f"{PG}/{DB_NAME}"


def database_drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def members_with_tokens(n: int):
    """A union of n members on the roll, each with a login, the member role and a bearer token: (org, [(member id, key)])."""
    import random

    from django.utils import timezone

    from gonghui.accounts.models import ApiToken, RoleAssignment, User
    from gonghui.members.fake import id_number
    from gonghui.members.models import Member
    from gonghui.members.services import MemberData, members_bulk_create
    from gonghui.orgs.services import org_create

    rng = random.Random(7)
    union = org_create(actor=None, code="BENBU", name="本部工会", kind="union")
    branch = org_create(actor=None, code="BENBU-1", name="炼钢作业区", kind="branch", parent=union)
    ids = members_bulk_create(actor=None, rows=[
        MemberData(name=f"会员{i}", id_number=id_number(rng, 1000 + i), org=branch, join_date=dt.date(2020, 1, 1))
        for i in range(n)])
    users = [User(username=f"m{i}", display_name=f"会员{i}") for i in range(n)]
    for u in users:
        u.set_unusable_password()
    users = User.objects.bulk_create(users)
    users = list(User.objects.filter(username__in=[u.username for u in users]).order_by("id"))
    by_name = {u.username: u for u in users}
    members = list(Member.objects.filter(pk__in=ids).order_by("id"))
    for i, m in enumerate(members):
        m.user = by_name[f"m{i}"]
    Member.objects.bulk_update(members, ["user"])
    RoleAssignment.objects.bulk_create([RoleAssignment(user=m.user, org=branch, role="member") for m in members])
    keys, tokens = [], []
    expires = timezone.now() + dt.timedelta(days=1)
    for m in members:
        key = "gh_" + secrets.token_urlsafe(32)
        keys.append((m.pk, key))
        tokens.append(ApiToken(user=m.user, name="signup bench", prefix=key[3:11],
                               key_hash=hashlib.sha256(key.encode()).hexdigest(), expires_at=expires))
    ApiToken.objects.bulk_create(tokens)
    return union, keys


def signup(base: str, path: str, key: str) -> tuple[int, dict, float, float]:
    """(status, body, sent at, answered at) of one member's sign-up."""
    request = urllib.request.Request(base + path, data=b"{}", method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    sent = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            status, body = response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        status, body = exc.code, {}
    except OSError as exc:
        status, body = 0, {"error": str(exc)}
    return status, body, sent, time.perf_counter()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else 0.0


def main() -> None:
    from double_submit import free_port, server_start, server_stop

    url = database_fresh()
    var = ROOT / "var" / "bench-signup"
    var.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "GONGHUI_VAR_DIR": str(var), "PYTHONPATH": str(ROOT)}
    env.pop("GONGHUI_REQUIRE_SERVICES", None)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "GONGHUI_VAR_DIR")})
    server = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        from gonghui.activities import services
        from gonghui.activities.models import Signup

        union, keys = members_with_tokens(MEMBERS)
        day = dt.date.today() + dt.timedelta(days=30)
        event = services.event_create(actor=None, org=union, title="劳模疗休养", kind="trip", starts_on=day, capacity=PLACES)
        connections.close_all()

        port = free_port()
        server = server_start(env, port)
        base, path = f"http://127.0.0.1:{port}", f"/api/v1/activities/events/{event.pk}/signups"
        # one sign-up alone, on an event of its own, for the time a sign-up takes without a queue
        alone_event = services.event_create(actor=None, org=union, title="对照", kind="trip", starts_on=day)
        connections.close_all()
        alone_s = min(answered - sent for _status, _body, sent, answered in
                      (signup(base, f"/api/v1/activities/events/{alone_event.pk}/signups", key) for _m, key in keys[:5]))
        results: list = [None] * len(keys)
        barrier = threading.Barrier(len(keys))

        def one(i: int, key: str) -> None:
            barrier.wait()
            results[i] = signup(base, path, key)

        threading.stack_size(256 * 1024)
        threads = [threading.Thread(target=one, args=(i, key)) for i, (_member, key) in enumerate(keys)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started

        errors = sum(1 for status, *_rest in results if status != 201)
        rows = list(Signup.objects.filter(event=event).values_list("member_id", "status", "queued"))
        confirmed = sum(1 for _m, s, _q in rows if s == "confirmed")
        waiting = sum(1 for _m, s, _q in rows if s == "waiting")
        queued = {m: q for m, _s, q in rows}
        once = len(rows) == MEMBERS and len(queued) == MEMBERS
        gapless = sorted(queued.values()) == list(range(1, MEMBERS + 1))
        first_served = all(q <= PLACES for _m, s, q in rows if s == "confirmed")
        # causal order: a request sent after another was answered must stand behind it
        timeline = sorted((sent, answered, queued.get(member, 0))
                          for (member, _key), (_status, _body, sent, answered) in zip(keys, results))
        answered_by = sorted((answered, q) for _sent, answered, q in timeline)
        out_of_order, best, j = 0, 0, 0
        for sent, _answered, q in timeline:
            while j < len(answered_by) and answered_by[j][0] < sent:
                best = max(best, answered_by[j][1])
                j += 1
            if q <= best:
                out_of_order += 1
        in_order = once and gapless and first_served and out_of_order == 0
        latencies = [answered - sent for _status, _body, sent, answered in results]
        p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
        print(f"one sign-up alone: {alone_s * 1000:.0f} ms")
        print(f"members={MEMBERS} places={PLACES}: {confirmed} confirmed, {waiting} waiting, {errors} errors, "
              f"order {'kept' if in_order else f'BROKEN ({out_of_order} out of order, gapless={gapless})'}; "
              f"{MEMBERS / wall:.0f} sign-ups/s over {wall:.1f} s, p50 {p50 * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
        ok = confirmed == PLACES and waiting == MEMBERS - PLACES and errors == 0 and in_order
        print(json.dumps({"bench": "signup", "value": confirmed, "limit": PLACES, "ratio": round(confirmed / PLACES, 3),
                          "target": 1, "pass": bool(ok), "waiting": waiting, "errors": errors, "in_order": in_order,
                          "alone_s": round(alone_s, 3), "serial_ms": round(wall / MEMBERS * 1000, 1), "p50_s": round(p50, 3), "p99_s": round(p99, 3),
                          "p99_limit_s": P99_LIMIT_S,
                          "p99_ok": p99 <= P99_LIMIT_S}))
    finally:
        if server is not None:
            server_stop(server)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 - django may not be set up yet
            pass
        database_drop()


if __name__ == "__main__":
    main()
