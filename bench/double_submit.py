"""bench/double_submit.py: the same request twenty times at once must take effect once.

A double-tapped button, a retrying phone on a bad network, two cadres answering the same
report: for each state-changing API endpoint, 20 identical requests are fired at the same
instant (a barrier releases them together) at a real server on PostgreSQL. Whatever the
first one does (rows, history entries, notices, alarm events) the other nineteen must not
do again.

What is covered: voice (suggestion submit, review, decide), the safety network of
gonghui.safety (report submit, forward, answer), members (leave, transfer), fire alarms
(acknowledge, silence, reset), congress (a delegate's secret ballot, a motion's 附议, an
agenda item's vote), funds (a member's month of dues, a ledger entry with its key), care
(aid paid, a visit recorded, each with its key) and activities (signing oneself up for an
event, giving the place up, booking a facility's slot). 公示 objections have no API yet and
are reported as skipped.
Each case acts on a fresh object made through the services (actor=None, the system), with
the token of the cast persona who would send it (gonghui.portal.tests.personas).

How an effect is counted: every case is run on two identical objects. On the first, ONE
request is sent: the rows it adds, table by table, are what one action does. On the
second, TWENTY are sent at once. Any table growing more on the second than on the first
holds duplicated effects; their sum over all tables and cases is the value (target 0).

    .venv/bin/python bench/double_submit.py [--quick] [--keep]

- a fresh PostgreSQL database (GONGHUI_BENCH_DOUBLE_DB, default hplat_double, on
  GONGHUI_BENCH_PG, default postgres://postgres@127.0.0.1:5432) is migrated and given the
  test cast (gonghui.portal.tests.personas.build_cast) plus what each case acts on;
- the app runs under gunicorn (threaded workers) on a free port of 127.0.0.1;
- the endpoints are found in /api/v1/openapi.json; a case whose path is not there is
  reported as skipped, not failed;
- --quick: one round of every case; otherwise three rounds.

Exits 0 whatever it finds: the last line is the JSON verdict (`pass` false when duplicates
were found), and the lines before it name each case's duplicates by table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CONCURRENT = 20
PG = os.environ.get("GONGHUI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("GONGHUI_BENCH_DOUBLE_DB", "hplat_double")


# ------------------------------------------------------------------------------ database
def database_fresh() -> str:
    """Drop and create the bench's own database; returns its URL."""
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return f"{PG}/{DB_NAME}"


def database_drop() -> None:
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def row_counts() -> Counter:
    """Rows in every table of the app, in one statement (a count per table)."""
    from django.db import connection

    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t != "django_migrations"]
        union = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {connection.ops.quote_name(t)}" for t in tables)
        cursor.execute(union)
        return Counter(dict(cursor.fetchall()))


# -------------------------------------------------------------------------------- server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_start(env: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    argv = ([str(gunicorn)] if gunicorn.exists() else [sys.executable, "-m", "gunicorn"]) + [
        "config.wsgi", "-b", f"127.0.0.1:{port}", "-k", "gthread", "-w", "2", "--threads", str(CONCURRENT // 2 + 2),
        "--timeout", "60", "--log-level", "warning",
    ]
    # the server's own log (Django logs every 4xx) goes to a file, named if the server fails
    log = open(Path(env["GONGHUI_VAR_DIR"]) / "gunicorn.log", "ab")
    server = subprocess.Popen(argv, cwd=ROOT, env=env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=2).read()
            return server
        except OSError as exc:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited before serving; see {log.name}") from exc
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 90 s")


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def post(base: str, path: str, body: dict, token: str) -> int:
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


def fire_together(base: str, path: str, body: dict, token: str, n: int) -> Counter:
    """n threads, released at once by a barrier, each sending the same request; their statuses."""
    barrier, statuses, lock = threading.Barrier(n), Counter(), threading.Lock()

    def one():
        barrier.wait()
        code = post(base, path, body, token)
        with lock:
            statuses[code] += 1

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return statuses


# --------------------------------------------------------------------------------- cases
@dataclass
class Case:
    """An endpoint, and how to make a fresh object for it to act on: prepare(tag) -> (path, body, who)."""

    name: str
    template: str                       # the path as the OpenAPI document names it
    prepare: Callable[[str], tuple[str, dict, str]]
    duplicates: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    rounds: int = 0


def build_cases(cast, tokens: dict[str, str]) -> list[Case]:
    import datetime as dt
    import itertools
    from decimal import Decimal

    from django.utils import timezone

    from gonghui.activities import services as activities
    from gonghui.alarms import services as alarms
    from gonghui.alarms.services import IncomingMessage
    from gonghui.congress import services as congress
    from gonghui.funds import chart
    from gonghui.funds import services as funds
    from gonghui.members.models import Member
    from gonghui.portal.tests.personas import make_member
    from gonghui.safety import services as safety
    from gonghui.voice import services as voice

    member_record = Member.objects.get(user=cast.member)
    rep_record = Member.objects.get(user=cast.rep)
    today = dt.date.today()
    terms = itertools.count(1)     # a congress session per tag: (org, kind, term, sitting) is unique

    def suggestion(tag: str):
        s, _receipt = voice.suggestion_submit(actor=cast.member, author=member_record, title=f"建议 {tag}", body="自制锥度测量量具")
        return s

    def report(tag: str):
        return safety.safety_report_submit(actor=cast.rep, reporter=rep_record, place=f"地下电缆隧道 {tag}", description="照明不足")

    def zone_in_alarm(tag: str, *, clear: bool):
        site = alarms.site_create(actor=None, org=cast.union, code=f"site-{tag}", name=f"厂区 {tag}")
        zone = alarms.zone_create(actor=None, site=site, code="depot", name="油库", place_kind="oil_depot")
        alarms.duty_person_add(actor=None, zone=zone, name="张值班", phone="13800000001")
        smoke = alarms.detector_create(actor=None, zone=zone, code="smoke-1", kind="smoke", address="1回路01号")
        alarms.messages_ingest(messages=[IncomingMessage(site=site.code, detector=smoke.code, seq=1, active=True)])
        alarms.scan_cycle(started=timezone.now() - dt.timedelta(hours=1), silent_after=3600)
        if clear:
            alarms.messages_ingest(messages=[IncomingMessage(site=site.code, detector=smoke.code, seq=2, active=False)])
        return zone

    # congress: a session of BENBU per tag with cast.member as a delegate (the electorate is the delegates)
    def session(tag: str, *, status: str):
        s = congress.session_create(actor=None, org=cast.union, term=next(terms), sitting=1, title=f"职代会 {tag}",
                                    date=today + dt.timedelta(days=30), headcount=100)
        congress.delegate_add(actor=None, session=s, member=member_record, category="frontline")
        if status != "preparing":
            congress.session_set_status(actor=None, session=s, status=status)
        return s

    def election(tag: str):
        s = session(tag, status="open")
        e = congress.election_create(actor=None, session=s, title=f"工会委员会选举 {tag}", seats=1, held_on=today)
        for name in ("王候选", "赵候选"):
            congress.candidate_add(actor=None, election=e, name=name)
        for role in ("scrutineer", "counter"):
            teller = congress.delegate_add(actor=None, session=s, member=make_member(cast.branch, f"{role}{tag}"), category="frontline")
            congress.teller_appoint(actor=None, election=e, delegate=teller, role=role)
        return congress.election_open(actor=None, election=e)

    def ballot(tag: str):
        e = election(tag)
        first = e.candidates.order_by("position").first()
        return (f"/api/v1/congress/elections/{e.pk}/ballots", {"marks": {str(first.pk): "for"}, "write_ins": []}, "member")

    def second(tag: str):
        # a delegate sees only motions they proposed or seconded (congress.selectors.motion_list), so the
        # member's own POST is a 404: the second is entered by the chair from the delegate's signed slip
        s = session(tag, status="preparing")
        proposer = congress.delegate_add(actor=None, session=s, member=make_member(cast.branch, f"提案人{tag}"), category="frontline")
        m = congress.motion_submit(actor=None, session=s, proposer=proposer, title=f"提案 {tag}", reasons="夜班班车不足",
                                   proposal="增开夜班班车")
        seconder = s.delegates.get(member=member_record)
        return (f"/api/v1/congress/motions/{m.pk}/seconders", {"delegate_id": seconder.pk}, "chair")

    def resolution(tag: str):
        return congress.resolution_add(actor=None, session=session(tag, status="open"), title=f"审议集体合同草案 {tag}")

    # funds: a member with a wage base, whose month of dues is not yet paid
    def dues_payer(tag: str):
        m = make_member(cast.branch, f"交费{tag}")
        funds.wage_set(actor=None, member=m, wage=Decimal("6000"), since=dt.date(2020, 1, 1))
        return m

    # activities: an open event of BENBU, one place, the member in it and another member waiting
    def event(tag: str):
        return activities.event_create(actor=None, org=cast.union, title=f"职工运动会 {tag}", kind="culture_sports",
                                       starts_on=today + dt.timedelta(days=14), capacity=1)

    def facility(tag: str):
        return activities.facility_create(actor=None, org=cast.union, name=f"活动室 {tag}", kind="activity_room",
                                          opens_at=dt.time(8), closes_at=dt.time(21))

    def signup_to_cancel(tag: str):
        e = event(tag)
        signup = activities.event_signup(actor=None, event=e, member=member_record)
        activities.event_signup(actor=None, event=e, member=make_member(cast.branch, f"候补{tag}"))
        return signup

    return [
        # ---- voice
        Case("suggestion submit (same idempotency key)", "/api/v1/voice/suggestions",
             lambda tag: ("/api/v1/voice/suggestions",
                          {"title": f"建议 {tag}", "body": "清污污水泵支架", "idempotency_key": f"key-{tag}"}, "member")),
        Case("suggestion review", "/api/v1/voice/suggestions/{suggestion_id}/{action}",
             lambda tag: (f"/api/v1/voice/suggestions/{suggestion(tag).pk}/review", {}, "chair")),
        Case("suggestion decide", "/api/v1/voice/suggestions/{suggestion_id}/{action}",
             lambda tag: (f"/api/v1/voice/suggestions/{suggestion(tag).pk}/decide", {"adopt": True, "answer": "采纳，交设备科实施"}, "chair")),
        # ---- safety network
        Case("safety report submit (same idempotency key)", "/api/v1/safety/reports",
             lambda tag: ("/api/v1/safety/reports",
                          {"place": f"液压站 {tag}", "description": "漏油", "idempotency_key": f"key-{tag}"}, "rep")),
        Case("safety report forward", "/api/v1/safety/reports/{report_id}/{action}",
             lambda tag: (f"/api/v1/safety/reports/{report(tag).pk}/forward", {"unit": "安环部", "deadline": today.isoformat()}, "chair")),
        Case("safety report answer", "/api/v1/safety/reports/{report_id}/{action}",
             lambda tag: (f"/api/v1/safety/reports/{report(tag).pk}/answer", {"answer": "已加装照明", "resolved": True}, "chair")),
        # ---- members
        Case("member leave", "/api/v1/members/{member_id}/leave",
             lambda tag: (f"/api/v1/members/{make_member(cast.branch, f'离会{tag}').pk}/leave",
                          {"date": today.isoformat(), "note": "退休"}, "chair")),
        Case("member transfer", "/api/v1/members/{member_id}/transfer",
             lambda tag: (f"/api/v1/members/{make_member(cast.branch, f'调动{tag}').pk}/transfer",
                          {"to_org_id": cast.other_branch.pk, "date": today.isoformat()}, "chair")),
        # ---- fire alarms
        Case("alarm acknowledge", "/api/v1/alarms/zones/{zone_id}/acknowledge",
             lambda tag: (f"/api/v1/alarms/zones/{zone_in_alarm(tag, clear=False).pk}/acknowledge", {}, "chair")),
        Case("alarm silence", "/api/v1/alarms/zones/{zone_id}/silence",
             lambda tag: (f"/api/v1/alarms/zones/{zone_in_alarm(tag, clear=False).pk}/silence", {}, "chair")),
        Case("alarm reset", "/api/v1/alarms/zones/{zone_id}/reset",
             lambda tag: (f"/api/v1/alarms/zones/{zone_in_alarm(tag, clear=True).pk}/reset", {}, "chair")),
        # ---- congress: the member votes as a delegate of the session
        Case("congress ballot cast (delegate votes)", "/api/v1/congress/elections/{election_id}/ballots", ballot),
        Case("congress motion second 附议 (chair enters)", "/api/v1/congress/motions/{motion_id}/seconders", second),
        Case("congress agenda item vote (same key)", "/api/v1/congress/resolutions/{resolution_id}/votes",
             lambda tag: (f"/api/v1/congress/resolutions/{resolution(tag).pk}/votes",
                          {"choice": "for", "idempotency_key": f"key-{tag}"}, "member")),
        # ---- funds (the dues collection takes no key: a member already paid for the month is skipped)
        Case("funds dues collect (one member's month)", "/api/v1/funds/dues/collect",
             lambda tag: ("/api/v1/funds/dues/collect",
                          {"org_id": cast.union.pk, "month": today.replace(day=1).isoformat(),
                           "member_ids": [dues_payer(tag).pk]}, "chair")),
        Case("funds ledger entry (same idempotency key)", "/api/v1/funds/entries",
             lambda tag: ("/api/v1/funds/entries",
                          {"org_id": cast.union.pk, "date": today.isoformat(), "memo": f"备用金提取 {tag}",
                           "lines": [{"account": chart.CASH, "debit": "500.00"}, {"account": chart.BANK, "credit": "500.00"}],
                           "idempotency_key": f"key-{tag}"}, "chair")),
        # ---- care
        Case("care aid pay (same idempotency key)", "/api/v1/care/aid",
             lambda tag: ("/api/v1/care/aid",
                          {"member_id": make_member(cast.branch, f"困难{tag}").pk, "kind": "relief", "date": today.isoformat(),
                           "amount": "800.00", "idempotency_key": f"key-{tag}"}, "chair")),
        Case("care visit record (same idempotency key)", "/api/v1/care/visits",
             lambda tag: ("/api/v1/care/visits",
                          {"org_id": cast.union.pk, "occasion": "hospital", "date": today.isoformat(),
                           "member_id": make_member(cast.branch, f"住院{tag}").pk, "visitors": "本部工会主席",
                           "cash": "300.00", "idempotency_key": f"key-{tag}"}, "chair")),
        # ---- activities: the member signs themself up, and gives the place up (the one waiting moves up)
        Case("activity sign-up (oneself)", "/api/v1/activities/events/{pk}/signups",
             lambda tag: (f"/api/v1/activities/events/{event(tag).pk}/signups", {}, "member")),
        Case("activity sign-up cancel (oneself)", "/api/v1/activities/signups/{pk}/cancel",
             lambda tag: (f"/api/v1/activities/signups/{signup_to_cancel(tag).pk}/cancel", {}, "member")),
        # ---- a facility's slot booked by the member (the same slot twenty times leaves one booking)
        Case("facility booking (the same slot)", "/api/v1/activities/facilities/{pk}/bookings",
             lambda tag: (f"/api/v1/activities/facilities/{facility(tag).pk}/bookings",
                          {"on": (dt.date.today() + dt.timedelta(days=2)).isoformat(), "starts_at": "09:00", "ends_at": "10:00"},
                          "member")),
        # 公示 objections are answered on the pages only; listed so the report says so
        Case("objection answer", "/api/v1/governance/objections/{objection_id}/answer", lambda tag: ("", {}, "chair")),
    ]


def run_case(case: Case, base: str, tokens: dict[str, str], tag: str) -> None:
    once_path, once_body, who = case.prepare(f"{tag}a")
    before = row_counts()
    once_status = post(base, once_path, once_body, tokens[who])
    after_once = row_counts()
    many_path, many_body, who = case.prepare(f"{tag}b")
    before_many = row_counts()
    statuses = fire_together(base, many_path, many_body, tokens[who], CONCURRENT)
    after_many = row_counts()
    one = after_once - before
    many = after_many - before_many
    case.statuses.update({f"once {once_status}": 1})
    case.statuses.update(statuses)
    case.rounds += 1
    for table in set(one) | set(many):
        extra = many[table] - one[table]
        if extra > 0:
            case.duplicates[table] += extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round of every case")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    rounds = 1 if args.quick else 3
    started = time.monotonic()

    try:
        url = database_fresh()
    except Exception as exc:  # no PostgreSQL: say so in the verdict, still exit 0
        print(f"PostgreSQL unavailable at {PG}: {exc}")
        print(json.dumps({"bench": "double_submit", "value": None, "limit": 0, "ratio": None, "target": 0, "pass": False}))
        return
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "GONGHUI_VAR_DIR": str(ROOT / "var" / "bench-double"), "PYTHONPATH": str(ROOT)}
    env.pop("GONGHUI_REQUIRE_SERVICES", None)
    Path(env["GONGHUI_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "GONGHUI_VAR_DIR")})
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from gonghui.accounts.services import api_token_create
    from gonghui.portal.tests.personas import build_cast

    from gonghui.safety import services as safety

    call_command("migrate", verbosity=0, interactive=False)
    cast = build_cast()
    # the rep reports only once appointed to a supervision group
    group = safety.safety_group_create(actor=cast.chair, org=cast.rep_record.org, name="劳动保护监督小组")
    safety.safety_rep_appoint(actor=cast.chair, group=group, member=cast.rep_record)
    tokens = {who: api_token_create(user=getattr(cast, who), name="double-submit bench")[1] for who in ("chair", "member", "rep")}
    connection.close()

    port = free_port()
    server = server_start(env, port)
    base = f"http://127.0.0.1:{port}"
    try:
        spec = json.loads(urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=30).read())
        offered = {path for path, ops in spec.get("paths", {}).items() if "post" in ops}
        cases = build_cases(cast, tokens)
        for case in cases:
            if case.template not in offered:
                print(f"{case.name:45s} skipped: {case.template} is not in the API")
                continue
            for r in range(rounds):
                try:
                    run_case(case, base, tokens, f"{uuid.uuid4().hex[:6]}{r}")
                except Exception as exc:   # one broken case is reported, the others still run
                    case.statuses[f"error {type(exc).__name__}: {exc}"[:120]] += 1
            where = ", ".join(f"{t} +{n}" for t, n in sorted(case.duplicates.items())) or "none"
            print(f"{case.name:45s} duplicated effects {sum(case.duplicates.values()):3d} ({where}); "
                  f"statuses {dict(sorted(case.statuses.items(), key=str))}")
    finally:
        server_stop(server)
        connection.close()
        if not args.keep:
            database_drop()
        shutil.rmtree(ROOT / "var" / "bench-double", ignore_errors=True)

    ran = [c for c in cases if c.rounds]
    value = sum(sum(c.duplicates.values()) for c in ran)
    fired = sum(c.rounds * (CONCURRENT + 1) for c in ran)
    print(f"{len(ran)} endpoints x {rounds} round(s), {fired} requests, {time.monotonic() - started:.0f} s")
    print(json.dumps({"bench": "double_submit", "value": value, "limit": 0,
                      "ratio": round(value / fired, 4) if fired else None, "target": 0, "pass": value == 0 and bool(ran)}))


if __name__ == "__main__":
    main()
