"""Funds pages and API: each page opens, forms and operations call the services, the export opens in Excel."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gonghui.funds import chart, services
from gonghui.funds.models import DuesPayment, Entry

from .walk import posted_entry

pytestmark = pytest.mark.django_db
D = Decimal


def test_every_funds_page_opens_for_the_chair_and_the_federation_officer(cast, client_as):
    entry = posted_entry(cast)
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D(5000), since=dt.date(2025, 1, 1))
    u = cast.union.pk
    for persona in ("chair", "fed"):
        client = client_as(getattr(cast, persona))
        for url in [f"/funds/?org={u}", f"/funds/ledger/?org={u}&year=2025", f"/funds/entries/{entry.pk}/",
                    f"/funds/trial-balance/?org={u}&year=2025", f"/funds/budget/?org={u}", f"/funds/dues/?org={u}",
                    f"/funds/dues/arrears/?org={u}", "/funds/"]:
            assert client.get(url).status_code == 200, (persona, url)


def test_a_member_reaches_no_funds_page(cast, client_as):
    client = client_as(cast.member)
    for url in ["/funds/", "/funds/ledger/", "/funds/dues/"]:
        assert client.get(url).status_code == 404


def test_an_entry_made_on_the_page_posts_once_however_often_the_form_is_sent(cast, client_as):
    client = client_as(cast.chair)
    form = {"date": "2025-06-01", "memo": "上级补助", "idempotency_key": "form:1",
            "account_0": "102", "debit_0": "5000", "account_1": "403", "credit_1": "5000"}
    client.post(f"/funds/entries/new/?org={cast.union.pk}", form)
    client.post(f"/funds/entries/new/?org={cast.union.pk}", form)
    assert Entry.objects.count() == 1


def test_an_unbalanced_entry_on_the_page_says_why(cast, client_as):
    response = client_as(cast.chair).post(f"/funds/entries/new/?org={cast.union.pk}", {
        "date": "2025-06-01", "memo": "x", "idempotency_key": "form:2",
        "account_0": "102", "debit_0": "5000", "account_1": "403", "credit_1": "4000"})
    assert "不相等" in response.content.decode() and not Entry.objects.exists()


def test_the_reverse_button_posts_a_reversing_entry(cast, client_as):
    entry = posted_entry(cast)
    client_as(cast.chair).post(f"/funds/entries/{entry.pk}/reverse/", {"memo": "记错科目"})
    assert Entry.objects.get(reverses=entry).memo == "记错科目"


def test_the_ledger_export_holds_the_ledger_and_a_balanced_trial_balance(cast, client_as):
    posted_entry(cast)
    response = client_as(cast.chair).get(f"/funds/ledger/export.xlsx?org={cast.union.pk}&year=2025")
    book = load_workbook(BytesIO(response.content))
    ledger, tb = book.worksheets
    assert [c.value for c in next(ledger.iter_rows(min_row=2, max_row=2))][3] == "102 银行存款"
    totals = list(tb.iter_rows(values_only=True))[-1]
    assert totals[1] == totals[2] == 1000


def test_the_ledger_page_asks_a_fixed_number_of_queries(cast, client_as):
    client = client_as(cast.chair)
    for i in range(3):
        posted_entry(cast, f"q{i}")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/funds/ledger/?org={cast.union.pk}&year=2025")
    for i in range(3, 13):
        posted_entry(cast, f"q{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(f"/funds/ledger/?org={cast.union.pk}&year=2025")
    assert len(many) == len(few)


def test_the_api_posts_an_entry_once_per_key_and_answers_the_trial_balance(cast, client_as):
    client = client_as(cast.chair)
    body = {"org_id": cast.union.pk, "date": "2025-04-01", "memo": "拨缴经费", "idempotency_key": "api:1",
            "lines": [{"account": chart.BANK, "debit": "1909.21"}, {"account": "402", "credit": "1909.21"}]}
    first = client.post("/api/v1/funds/entries", body, content_type="application/json")
    second = client.post("/api/v1/funds/entries", body, content_type="application/json")
    assert first.status_code == 201 and first.json()["id"] == second.json()["id"]
    tb = client.get(f"/api/v1/funds/trial-balance?org_id={cast.union.pk}&year=2025").json()
    assert tb["balances"] and tb["total_debit"] == "1909.21"


def test_the_api_refuses_an_unbalanced_entry_with_the_reason(cast, client_as):
    response = client_as(cast.chair).post("/api/v1/funds/entries", {
        "org_id": cast.union.pk, "date": "2025-04-01", "memo": "x", "idempotency_key": "api:2",
        "lines": [{"account": chart.BANK, "debit": "10"}, {"account": "402", "credit": "9"}]}, content_type="application/json")
    assert response.status_code == 422 and "不相等" in str(response.json())


def test_the_api_collects_dues_and_lists_arrears(cast, client_as):
    client = client_as(cast.chair)
    for member in (cast.member_record, cast.rep_record):
        r = client.post("/api/v1/funds/wages", {"member_id": member.pk, "wage": "5000", "since": "2025-01-01"},
                        content_type="application/json")
        assert r.json()["dues"] == "25.00" and r.json()["wage"] == "****"
    done = client.post("/api/v1/funds/dues/collect", {"org_id": cast.union.pk, "month": "2025-01-01",
                                                      "member_ids": [cast.member_record.pk]}, content_type="application/json").json()
    assert done["members"] == 1 and done["total"] == "25.00"
    arrears = client.get(f"/api/v1/funds/dues/arrears?org_id={cast.union.pk}&as_of=2025-02-28").json()
    assert {a["name"]: a["months_unpaid"] for a in arrears} == {"张三": 1, "李安全": 2}
    assert DuesPayment.objects.count() == 1
