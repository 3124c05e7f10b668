"""bench/load.py: a union's working day, 200 concurrent clients for 60 s (--quick: 20 for 10 s), over real HTTP.

The site runs under gunicorn (gthread workers, the production server of README) on PostgreSQL,
with a demo database prepared once (`migrate` + `demo-data`; reused when it is there).
Each client is a thread with its own `requests` session, signed in as the union chair before the
clock starts (sessions written directly, see signed_in_sessions; one probe signs in through the
form), then goes round a working day's pages, each client from its own step, as fast as answers come:

    home  → member list → a search in it → submit a suggestion (POST) → member list
          → answer a safety report (POST) → read the work summary

Then, at the same concurrency against the same server, the same clients fetch a bare page:
signed in, the site's menu and layout, no content (bench/load_site/urls.py).

value: the working day's requests per second; limit: the bare page's requests per second;
ratio = value / limit. Printed too: p50/p95/p99 latency of both, and errors (any answer other
than the page, or the redirect a POST answers with; any connection failure): target 0.

Target: 0 errors, and ratio >= 0.1: a day's page does real work (a paged member list, a
search, two writes under row locks with their history rows, the summary's figures), so it may
cost up to ten bare pages on average. Where it goes, one request at a time on the demo
(CPU seconds of the server process): bare 0.007 s (6 queries), member list 0.017 s (9),
home 0.19 s (93 queries: every app's "needs attention" figures), summary 0.14 s (91); home and
the summary are the pages to make cheaper first (a cache of the attention figures in Redis
would do for home). Limits, honestly: the clients run on the same machine as
the server and the database (they take CPU from them), so neither number is a capacity figure
for a real server; the ratio is what the bench is for. With 200 clients on a few workers most
requests wait in gunicorn's queue, which shows in the percentiles, not as errors.

Server: gunicorn gthread, 4 workers × 8 threads (32 database connections at most, CONN_MAX_AGE 60:
well under PostgreSQL's stock max_connections of 100, no server change needed), --timeout 120,
--backlog 2048 and --keep-alive 75. The keep-alive matters: at gunicorn's default of 2 s, a client
thread that takes about 2 s to send its next request on a kept-alive connection (two hundred
threads on two cores do) meets the server closing it at that moment, and the request fails with
"connection reset"; a browser keeps connections for minutes, nginx for 60 s (README).

    .venv/bin/python bench/load.py [--quick] [--database-url postgres://…/gonghui_load] [--port 8150] [--workers 4]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSWORD = "gonghui-demo"
TARGET = 0.1
WARM_DAYS = 32


def psql_ok(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            return conn.execute("SELECT 1 FROM accounts_user WHERE username = 'chair'").fetchone() is not None
    except psycopg.Error:
        return False


def prepare(url: str, env: dict) -> None:
    """A demo database: created, migrated and filled once; a later run reuses it."""
    import psycopg

    if psql_ok(url):
        return
    admin = re.sub(r"/[^/]*$", "/postgres", url)
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    print(f"preparing the demo database {name} (once)")
    for args in (["migrate", "-v0"], ["demo-data"]):
        subprocess.run([sys.executable, "-m", "gonghui", *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def the_day(url: str) -> dict:
    """What the clients need to know of the demo: the chair's union, a search word, the reports they answer."""
    import psycopg

    with psycopg.connect(url) as conn:
        union_id = conn.execute(
            "SELECT r.org_id FROM accounts_roleassignment r JOIN accounts_user u ON u.id = r.user_id"
            " WHERE u.username = 'chair' AND r.role = 'chair' LIMIT 1").fetchone()
        reports = [r for (r,) in conn.execute(
            "SELECT r.id FROM voice_safetyreport r JOIN orgs_org o ON o.id = r.org_id JOIN orgs_org u ON u.id = %s"
            " WHERE r.status <> 'resolved' AND o.path LIKE u.path || '%%' ORDER BY r.id", [union_id[0] if union_id else 0])]
        surname = conn.execute("SELECT substr(name, 1, 1) FROM members_member LIMIT 1").fetchone()
    return {"union": union_id[0] if union_id else None, "reports": reports, "surname": surname[0] if surname else "王"}


class Server:
    def __init__(self, env: dict, port: int, workers: int, threads: int, keepalive: int):
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
             "-k", "gthread", "--threads", str(threads), "--backlog", "2048", "--timeout", "120",
             "--keep-alive", str(keepalive), "--pythonpath", str(ROOT)],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=open(ROOT / "var" / "bench-load-gunicorn.log", "w"))
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(self.url + "/accounts/login/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("gunicorn did not start: see var/bench-load-gunicorn.log")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


SIGN_IN = """
import sys
import django

django.setup()
from django.test import Client

from gonghui.accounts.models import User

chair = User.objects.get(username="chair")
for _ in range(int(sys.argv[1])):
    client = Client()
    client.force_login(chair, backend="django.contrib.auth.backends.ModelBackend")
    print(client.cookies["sessionid"].value)
"""


def signed_in_sessions(env: dict, n: int) -> list[str]:
    """n sessions of the chair, written as a sign-in writes them, without n Argon2 hashes.

    Two hundred clients posting the sign-in form at once ask the server for two hundred
    Argon2 hashes (about 0.3 CPU-seconds and 100 MB each): on two cores some of those sign-ins
    waited more than the clients' 120 s and every later request of those clients was refused.
    Signing in is not part of the day being measured; one client signs in through the form
    (the probe in main) to show that it works.
    """
    out = subprocess.run([sys.executable, "-c", SIGN_IN, str(n)], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return out.stdout.split()


class Client(threading.Thread):
    def __init__(self, n: int, base: str, day: dict, start: threading.Barrier, session_key: str = ""):
        super().__init__(daemon=True)
        self.n, self.base, self.day, self.start_line = n, base, day, start
        self.session = requests.Session()
        if session_key:
            self.session.cookies.set("sessionid", session_key)
        self.mode = "login"
        self.stop = threading.Event()
        self.samples: dict[str, list[tuple[str, float, float]]] = {"day": [], "bare": [], "warm": []}
        self.errors: list[str] = []
        self.inside: dict[str, list[tuple[str, float]]] = {}
        self.in_flight = ""

    def busy(self, kind: str) -> bool:
        return self.in_flight == kind

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.session.cookies.get("csrftoken", ""), "Referer": self.base + "/"}

    def login(self) -> None:
        self.session.get(self.base + "/accounts/login/", timeout=120)
        r = self.session.post(self.base + "/accounts/login/", data={"username": "chair", "password": PASSWORD},
                              headers=self._csrf(), allow_redirects=False, timeout=120)
        if r.status_code != 302 or "sessionid" not in self.session.cookies:
            raise RuntimeError(f"client {self.n}: sign-in failed ({r.status_code})")

    def _hit(self, kind: str, name: str, method: str, path: str, expect: int, **kwargs) -> None:
        if self.mode != kind:
            return  # the phase is over: not a request more of this kind
        t0 = time.perf_counter()
        self.in_flight = kind
        try:
            r = self.session.request(method, self.base + path, allow_redirects=False, timeout=120, **kwargs)
            ok = r.status_code == expect and not (expect == 302 and "/accounts/login/" in r.headers.get("Location", ""))
            if ok and expect == 200:
                r.content  # noqa: B018 - read the whole page
            if not ok:
                self.errors.append(f"{name}: {r.status_code} {r.headers.get('Location', '')}")
        except requests.RequestException as exc:
            self.errors.append(f"{name}: {type(exc).__name__}")
        t1 = time.perf_counter()
        self.in_flight = ""
        self.samples[kind].append((name, t1 - t0, t1))

    def working_day(self, i: int, kind: str = "day") -> None:
        """One round of the day's seven requests, begun at this client's own step.

        Two hundred people do not all open the home page in the same second: each client starts
        its round at a different step (client n at step n mod 7), so the requests in flight are
        the day's mix from the start of the window, not two hundred home pages at once.
        """
        d = self.day
        report = d["reports"][(self.n + i) % len(d["reports"])]
        steps = [
            lambda: self._hit(kind, "home", "GET", "/", 200),
            lambda: self._hit(kind, "member list", "GET", "/members/", 200),
            lambda: self._hit(kind, "search", "GET", "/members/", 200, params={"q": d["surname"]}),
            lambda: self._hit(kind, "suggest", "POST", "/voice/suggest/", 302, headers=self._csrf(), data={
                "title": f"建议改善第{self.n}号工位照明（{i}）", "body": "夜班照明不足，建议增加灯具。",
                "idempotency_key": uuid.uuid4().hex}),
            lambda: self._hit(kind, "member list", "GET", "/members/", 200, params={"page": 2}),
            lambda: self._hit(kind, "answer report", "POST", f"/safety/reports/{report}/answer/", 302,
                              headers=self._csrf(), data={"answer": f"已安排整改，第{self.n}-{i}次答复。"}),
            lambda: self._hit(kind, "summary", "GET", d["summary"], 200),
        ]
        first = self.n % len(steps)
        for step in steps[first:] + steps[:first]:
            step()

    def run(self) -> None:
        # Warm up, untimed: one working day and one bare page, so every worker has loaded every page once
        # (a few dozen clients are enough for that; two hundred warm days would only lengthen the setup).
        self.mode = "warm"
        self._hit("warm", "bare", "GET", "/bench/bare/", 200)  # first: it sets the CSRF cookie the day's forms send
        if self.n < WARM_DAYS:
            self.working_day(-1, kind="warm")
        self.mode = "idle"
        self.start_line.wait()
        i = 0
        while not self.stop.is_set():
            if self.mode == "day":
                self.working_day(i)
            elif self.mode == "bare":
                self._hit("bare", "bare", "GET", "/bench/bare/", 200)
            else:
                time.sleep(0.01)
            i += 1


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def phase(clients: list[Client], mode: str, seconds: float) -> tuple[int, float, list[float]]:
    """Every client on `mode` for `seconds`: the requests that finished inside the window, and their times."""
    t0 = time.perf_counter()
    for c in clients:
        c.mode = mode
    time.sleep(seconds)
    t1 = time.perf_counter()
    for c in clients:
        c.mode = "idle"
    deadline = time.monotonic() + 300
    while any(c.busy(mode) for c in clients) and time.monotonic() < deadline:  # let the last ones land
        time.sleep(0.1)
    inside = [(name, s) for c in clients for name, s, end in c.samples[mode] if t0 <= end <= t1]
    for c in clients:
        c.inside[mode] = [(name, s) for name, s, end in c.samples[mode] if t0 <= end <= t1]
    return len(inside), t1 - t0, [s for _name, s in inside]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_LOAD_DATABASE_URL",
                                                                 "postgres://postgres@127.0.0.1:5432/gonghui_load"))
    parser.add_argument("--port", type=int, default=8150)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--keepalive", type=int, default=75)
    parser.add_argument("--clients", type=int)
    parser.add_argument("--seconds", type=float)
    args = parser.parse_args()
    clients_n, seconds = (20, 10) if args.quick else (200, 60)
    clients_n, seconds = args.clients or clients_n, args.seconds or seconds
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "bench.load_site.settings",
           "GONGHUI_DEMO": "1", "GONGHUI_VAR_DIR": str(ROOT / "var" / "bench-load"), "PYTHONPATH": str(ROOT)}
    (ROOT / "var" / "bench-load").mkdir(parents=True, exist_ok=True)
    try:
        prepare(args.database_url, env)
    except Exception as exc:  # noqa: BLE001 - no PostgreSQL here: say so in the bench's own last line
        print(f"bench/load.py needs PostgreSQL at {args.database_url} ({type(exc).__name__}: {exc})")
        print(json.dumps({"bench": "load", "value": None, "limit": None, "ratio": None, "target": TARGET, "pass": False,
                          "error": "no PostgreSQL"}))
        return
    day = the_day(args.database_url)
    if not day["reports"] or day["union"] is None:
        raise SystemExit("the demo database has no open safety report or no chair: prepare it again")
    server = Server(env, args.port, args.workers, args.threads, args.keepalive)
    try:
        probe = requests.Session()
        client = Client(0, server.url, day, threading.Barrier(1))
        client.session = probe
        client.login()
        for year in (time.localtime().tm_year - 1, time.localtime().tm_year):  # the demo's year (its figures are for last year)
            r = probe.get(server.url + "/reports/", params={"org": day["union"], "year": year}, allow_redirects=False, timeout=120)
            if r.status_code == 302 and probe.get(server.url + r.headers["Location"], timeout=300).status_code == 200:
                day["summary"] = r.headers["Location"]
                break
        else:
            raise SystemExit("the chair cannot open a work summary of the demo union")
        print(f"gunicorn: {args.workers} workers × {args.threads} threads on {args.database_url.rsplit('/', 1)[1]}; "
              f"{clients_n} clients signing in")
        start = threading.Barrier(clients_n + 1)
        clients = [Client(n, server.url, day, start, key) for n, key in enumerate(signed_in_sessions(env, clients_n))]
        for c in clients:
            c.start()
        start.wait()
        day_n, day_s, day_lat = phase(clients, "day", seconds)
        bare_n, bare_s, bare_lat = phase(clients, "bare", seconds)
        for c in clients:
            c.stop.set()
        for c in clients:
            c.join(timeout=130)
    finally:
        server.stop()
    errors = [e for c in clients for e in c.errors]
    value, limit = day_n / day_s, bare_n / bare_s
    ratio = value / limit if limit else 0.0
    p = percentiles(day_lat)
    pb = percentiles(bare_lat)
    by_page: dict[str, list[float]] = {}
    for c in clients:
        for name, s in c.inside["day"]:
            by_page.setdefault(name, []).append(s)
    print(f"working day: {day_n} requests in {day_s:.1f} s = {value:.1f}/s; p50 {p[0] * 1000:.0f} ms, p95 {p[1] * 1000:.0f} ms, "
          f"p99 {p[2] * 1000:.0f} ms")
    for name, values in by_page.items():
        q = percentiles(values)
        print(f"  {name:14} {len(values):6} requests, p50 {q[0] * 1000:.0f} ms, p95 {q[1] * 1000:.0f} ms")
    print(f"bare page:   {bare_n} requests in {bare_s:.1f} s = {limit:.1f}/s; p50 {pb[0] * 1000:.0f} ms, p95 {pb[1] * 1000:.0f} ms, "
          f"p99 {pb[2] * 1000:.0f} ms")
    print(f"errors: {len(errors)}")
    for what, n in Counter(errors).most_common(8):
        print(f"  {n:6} × {what}")
    print(f"ratio {ratio:.3f} (target >= {TARGET}, and 0 errors)")
    print(json.dumps({"bench": "load", "value": round(value, 2), "limit": round(limit, 2), "ratio": round(ratio, 3),
                      "target": TARGET, "pass": not errors and ratio >= TARGET, "clients": clients_n, "seconds": seconds,
                      "errors": len(errors), "p50_ms": round(p[0] * 1000), "p95_ms": round(p[1] * 1000),
                      "p99_ms": round(p[2] * 1000)}))


if __name__ == "__main__":
    main()
