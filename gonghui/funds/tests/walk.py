"""Funds' private URLs and services for the outsider and authority walks (portal/tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

UNGUARDED = {
    "lines_checked": "a pure check of lines (double entry), used by the services and forms; writes nothing",
}


def posted_entry(cast, key: str = "walk:entry"):
    from gonghui.funds import chart, services

    return services.entry_post(actor=cast.chair, org=cast.union, date=dt.date(2025, 3, 1), memo="拨缴经费",
                               lines=[services.LineSpec(chart.BANK, debit=Decimal("1000")),
                                      services.LineSpec("402", credit=Decimal("1000"))], idempotency_key=key)


def private_urls(cast) -> list[tuple]:
    from gonghui.funds import services

    e = posted_entry(cast)
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=Decimal("5678.90"), since=dt.date(2025, 1, 1))
    u, m = cast.union.pk, cast.member_record.pk
    return [
        ("GET", f"/funds/?org={u}"),
        ("GET", f"/funds/ledger/?org={u}&year=2025"),
        ("GET", f"/funds/ledger/export.xlsx?org={u}&year=2025"),
        ("GET", f"/funds/entries/new/?org={u}"),
        ("GET", f"/funds/entries/{e.pk}/"),
        ("POST", f"/funds/entries/{e.pk}/reverse/", {"memo": "冲销"}),
        ("GET", f"/funds/trial-balance/?org={u}&year=2025"),
        ("GET", f"/funds/budget/?org={u}&year=2025"),
        ("GET", f"/funds/dues/?org={u}"),
        ("GET", f"/funds/dues/arrears/?org={u}"),
        ("GET", f"/funds/wages/?org={u}"),
        ("GET", f"/funds/wages/{m}/"),
        ("POST", f"/funds/wages/{m}/", {"wage": "9000", "since": "2025-01-01"}),
        ("GET", f"/api/v1/funds/entries?org_id={u}"),
        ("GET", f"/api/v1/funds/entries/{e.pk}"),
        ("POST", "/api/v1/funds/entries", {"org_id": u, "date": "2025-04-01", "memo": "x", "idempotency_key": "k",
                                           "lines": [{"account": "102", "debit": "1"}, {"account": "408", "credit": "1"}]}),
        ("POST", f"/api/v1/funds/entries/{e.pk}/reverse", {}),
        ("GET", f"/api/v1/funds/trial-balance?org_id={u}&year=2025"),
        ("GET", f"/api/v1/funds/budget?org_id={u}&year=2025"),
        ("POST", "/api/v1/funds/budget", {"org_id": u, "year": 2025, "account": "501", "amount": "1"}),
        ("POST", "/api/v1/funds/wages", {"member_id": m, "wage": "1", "since": "2025-01-01"}),
        ("POST", "/api/v1/funds/dues/collect", {"org_id": u, "month": "2025-02-01"}),
        ("GET", f"/api/v1/funds/dues/arrears?org_id={u}"),
        ("GET", f"/funds/review/?org={u}&year=2025"),
        ("POST", f"/funds/review/?org={u}&year=2025", {"opinion": "收支合规"}),
        ("POST", "/api/v1/funds/review", {"org_id": u, "year": 2025, "opinion": "收支合规"}),
        ("GET", f"/api/v1/funds/wages?org_id={u}"),
        ("GET", f"/api/v1/funds/dues?org_id={u}"),
    ]


def service_calls(cast) -> list[tuple[str, object]]:
    from gonghui.funds import chart, services

    e = posted_entry(cast, "walk:service")
    lines = [services.LineSpec(chart.BANK, debit=Decimal("5")), services.LineSpec("408", credit=Decimal("5"))]
    return [
        ("entry_post", lambda actor: services.entry_post(actor=actor, org=cast.union, date=dt.date(2025, 5, 1), memo="x",
                                                         lines=lines, idempotency_key="walk:outsider")),
        ("entries_post_bulk", lambda actor: services.entries_post_bulk(
            actor=actor, org=cast.union, entries=[services.EntrySpec(dt.date(2025, 5, 1), "x", tuple(lines), "walk:bulk")])),
        ("entry_reverse", lambda actor: services.entry_reverse(actor=actor, entry=e)),
        ("budget_set", lambda actor: services.budget_set(actor=actor, org=cast.union, year=2025, account="501", amount=Decimal(1))),
        ("wage_set", lambda actor: services.wage_set(actor=actor, member=cast.member_record, wage=Decimal(1), since=dt.date(2025, 1, 1))),
        ("funds_review_publish", lambda actor: services.funds_review_publish(actor=actor, org=cast.union, year=2025,
                                                                             opinion="收支合规")),
        ("dues_collect", lambda actor: services.dues_collect(actor=actor, org=cast.union, month=dt.date(2025, 1, 1))),
    ]
