"""The member list page (50 rows, filtered, masked) against its floor: the same rows from raw SQL
inside the same login and layout.

value: requests per second of /members/?org=…&contract=signed as the union chair
       (scoping, the bounded count, the first page by keyset, htmx-aware template, the org
       picker, masked ID numbers).
limit: the floor: requests per second of a view behind the same login_required and the same
       layout (base.html with its menu: reach, unread count) that runs the page's SQL by hand,
       the bounded count (at most 10,001 rows) and the first 51 rows in the list's order, with
       cursor.execute, and renders the same table with one compiled template. No ORM, no
       scoping of the rows, no filter form.
ratio = value / limit; target 0.8 (the page reaches at least 0.8 of its floor's throughput).
Also printed, not judged: the bare view (the same SQL and table without login or layout) and a
view that joins the rows into HTML by hand (no template engine at all).
Also: the page's query count with 100 and with 2,000 members must be the same.
The views are timed in alternating turns of 20 requests, each keeping its best turn.

    .venv/bin/python bench/member_list.py [--quick]
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv
SECONDS = 4.0 if QUICK else 20.0
BATCH = 20
DB = ROOT / "var" / f"bench-list-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from gonghui.accounts.services import role_grant, user_create  # noqa: E402
from gonghui.members import fake  # noqa: E402
from gonghui.members.services import MemberData, members_bulk_create  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402

CONTRACT_LABELS = {"signed": "已签订", "unsigned": "未签订", "expired": "已到期"}


BARE_TABLE = """<p>{{ total }} 人</p><table>
{% for pk, name, org, masked, post, contract, phone in rows %}<tr><td><a href="/members/{{ pk }}/">{{ name }}</a></td><td>{{ org }}</td>
<td><code>{{ masked }}</code></td><td>{{ post }}</td><td>{{ labels|get_item:contract }}</td><td>{{ phone }}</td></tr>{% endfor %}
</table>"""
BARE_TEMPLATE = f"<!doctype html><html><body>{BARE_TABLE}</body></html>"
FLOOR_TEMPLATE = f'{{% extends "base.html" %}}{{% block content %}}{BARE_TABLE}{{% endblock %}}'


def bare_rows(request):
    org_path = request.GET["path"]
    where = ("FROM members_member m JOIN orgs_org o ON o.id = m.org_id "
             "WHERE o.path LIKE %s AND m.status = 'active' AND m.contract_status = %s")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT m.id {where} LIMIT 10001) bounded", [org_path + "%", request.GET["contract"]])
        total = cursor.fetchone()[0]
        cursor.execute(f"SELECT m.id, m.name, o.name, m.id_number_masked, m.post, m.contract_status, m.phone {where} "
                       "ORDER BY m.name_pinyin, m.id LIMIT 51", [org_path + "%", request.GET["contract"]])
        rows = cursor.fetchall()[:50]
    return total, rows


_compiled = {}


def compiled(source: str):
    """Compiled once, as Django's cached loader keeps the page's own templates."""
    if source not in _compiled:
        from django.template import engines

        _compiled[source] = engines["django"].from_string(source)
    return _compiled[source]


def bare_member_list(request):
    """The limit: the same count and 50 rows from raw SQL, rendered by one compiled template."""
    total, rows = bare_rows(request)
    return HttpResponse(compiled(BARE_TEMPLATE).render({"total": total, "rows": rows, "labels": CONTRACT_LABELS}))


@login_required
def floor_member_list(request):
    """For comparison: the bare view's work inside the login and layout every page of the product has."""
    total, rows = bare_rows(request)
    return HttpResponse(compiled(FLOOR_TEMPLATE).render({"total": total, "rows": rows, "labels": CONTRACT_LABELS}, request))


def handmade_member_list(request):
    """For comparison only: the same rows joined into HTML by hand, no template engine."""
    total, rows = bare_rows(request)
    cells = "".join(
        f'<tr><td><a href="/members/{pk}/">{html.escape(name)}</a></td><td>{html.escape(org)}</td><td><code>{masked}</code></td>'
        f"<td>{html.escape(post)}</td><td>{CONTRACT_LABELS[contract]}</td><td>{html.escape(phone)}</td></tr>"
        for pk, name, org, masked, post, contract, phone in rows
    )
    return HttpResponse(f"<!doctype html><html><body><p>{total} 人</p><table>{cells}</table></body></html>")


urlpatterns = [
    path("bare/", bare_member_list), path("handmade/", handmade_member_list), path("floor/", floor_member_list),
    path("", include(settings.ROOT_URLCONF)),
]


def build(n_members: int):
    federation = org_create(actor=None, code="GANGTIE", name="某钢铁公司工会", kind="federation")
    union = org_create(actor=None, code="BENBU", name="本部工会", kind="union", parent=federation)
    branches = [org_create(actor=None, code=f"BENBU-{i}", name=f"第{i}作业区", kind="branch", parent=union) for i in range(1, 6)]
    groups = [org_create(actor=None, code=f"{b.code}-{j}", name=f"{j}班", kind="group", parent=b) for b in branches for j in (1, 2)]
    chair = user_create(actor=None, username="chair", password="pw-chair-bench", display_name="主席")
    role_grant(actor=None, user=chair, org=union, role="chair")
    add_members(union, groups, n_members)
    return union, chair, groups


def add_members(union, groups, n: int, start: int = 0) -> None:
    rng = random.Random(start)
    rows = []
    for serial in range(start, start + n):
        signed = rng.random() < 0.9
        rows.append(MemberData(
            name=fake.person_name(rng), id_number=fake.id_number(rng, serial), org=groups[serial % len(groups)],
            phone=fake.phone(rng), post=rng.choice(fake.POSTS), join_date=dt.date(2020, 1, 1),
            contract_status="signed" if signed else "unsigned", contract_start=dt.date(2020, 1, 1) if signed else None,
        ))
    members_bulk_create(actor=None, rows=rows)


def throughputs(client: Client, views: dict[str, tuple[str, dict]]) -> dict[str, float]:
    """Requests per second of each view, measured in turns of BATCH requests each.

    The turns alternate between the views for SECONDS in all and each view keeps its
    best turn, so a slow spell of a shared machine cannot fall on one side only.
    """
    for url, headers in views.values():
        assert client.get(url, headers=headers).status_code == 200  # warm
    best = dict.fromkeys(views, float("inf"))
    started = time.perf_counter()
    while time.perf_counter() - started < SECONDS:
        for name, (url, headers) in views.items():
            turn = time.perf_counter()
            for _ in range(BATCH):
                response = client.get(url, headers=headers)
            best[name] = min(best[name], (time.perf_counter() - turn) / BATCH)
            assert response.status_code == 200
    return {name: 1 / seconds for name, seconds in best.items()}


def page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<tr>") >= 51 and "********" in body, "the page should show 50 masked rows"
    return len(queries)


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["*"]
    try:
        call_command("migrate", verbosity=0)
        union, chair, groups = build(100)
        client = Client()
        client.force_login(chair)
        page = f"/members/?org={union.pk}&contract=signed"
        bare = f"/bare/?path={union.path}&contract=signed"
        client.get(page)
        queries_100 = page_queries(client, page)
        add_members(union, groups, 1900, start=100)
        queries_2000 = page_queries(client, page)
        print(f"queries for the page: {queries_100} with 100 members, {queries_2000} with 2,000")
        assert queries_100 == queries_2000, "the query count grows with the roll"
        rates = throughputs(client, {
            "page": (page, {}), "bare": (bare, {}), "rows_only": (page, {"HX_Request": "true"}),
            "handmade": (bare.replace("/bare/", "/handmade/"), {}), "floor": (bare.replace("/bare/", "/floor/"), {}),
        })
        value, limit, bare, rows_only, handmade = rates["page"], rates["floor"], rates["bare"], rates["rows_only"], rates["handmade"]
        ratio = value / limit
        print(f"member list page: {value:.0f} req/s; its floor (the same SQL by hand, same login and layout): {limit:.0f} req/s"
              " (2,000 members, 50 rows shown)")
        print(f"(for comparison: the bare view without login or layout: {bare:.0f} req/s; the htmx partial of the page,"
              f" rows only: {rows_only:.0f} req/s; rows joined into HTML by hand: {handmade:.0f} req/s)")
        print(f"page throughput / floor throughput = {ratio:.2f} (pass when >= 0.8)")
        print(json.dumps({"bench": "member_list", "value": round(value, 1), "limit": round(limit, 1), "ratio": round(ratio, 3),
                          "target": 0.8, "pass": ratio >= 0.8, "queries_100": queries_100, "queries_2000": queries_2000,
                          "bare_ratio": round(value / bare, 3), "handmade_ratio": round(value / handmade, 3)}))
    finally:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
