"""Wage bases, the monthly collection, arrears and budgets."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from gonghui.core.history import history_for
from gonghui.core.scoping import NotAllowed
from gonghui.funds import chart, selectors, services
from gonghui.funds.models import DuesPayment, Entry, WageBase
from gonghui.portal.tests.personas import make_member

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_wage_is_stored_encrypted_and_gives_the_monthly_dues(cast):
    row = services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("5678.90"), since=dt.date(2025, 1, 9))
    assert row.dues == D("28.35") and row.since == dt.date(2025, 1, 1)
    assert "5678" not in row.wage_encrypted
    assert selectors.wage_unmasked(visible_to=cast.chair, row=row) == D("5678.90")
    assert "5678" not in str(history_for(row).first().changes)


def test_only_the_chair_sees_a_wage_unmasked(cast):
    row = services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("6000"), since=dt.date(2025, 1, 1))
    with pytest.raises(NotAllowed):
        selectors.wage_unmasked(visible_to=cast.cadre, row=row)


def test_entering_the_same_wage_again_changes_nothing(cast):
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("6000"), since=dt.date(2025, 1, 1))
    row = services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("6000"), since=dt.date(2025, 1, 1))
    assert history_for(row).count() == 1


def test_the_wage_list_page_masks_wages(cast, client_as):
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("5678.90"), since=dt.date(2025, 1, 1))
    page = client_as(cast.chair).get(f"/funds/wages/?org={cast.union.pk}").content.decode()
    assert "****" in page and "5,678" not in page and "5678" not in page and "28.35" in page


def _two_members(cast):
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("5678.90"), since=dt.date(2025, 1, 1))
    services.wage_set(actor=cast.chair, member=cast.rep_record, wage=D("4000"), since=dt.date(2025, 1, 1))


def test_a_months_collection_posts_the_dues_to_dues_income_once(cast):
    _two_members(cast)
    done = services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 3, 15))
    assert done.total == D("48.35") and len(done.payments) == 2
    lines = {line.account: line for line in done.entry.lines.all()}
    assert lines[chart.DUES_INCOME].credit == D("48.35") and lines[chart.BANK].debit == D("48.35")
    again = services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 3, 1))
    assert again.payments == [] and again.entry is None
    assert Entry.objects.count() == 1 and DuesPayment.objects.count() == 2


def test_a_late_payer_is_collected_later_in_a_new_entry(cast):
    _two_members(cast)
    services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 3, 1), members=[cast.member_record])
    late = services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 3, 1))
    assert [p.member_id for p in late.payments] == [cast.rep_record.pk]
    assert Entry.objects.count() == 2


def test_arrears_list_the_unpaid_months_and_flag_six_in_a_row(cast):
    _two_members(cast)
    for month in range(1, 4):
        services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, month, 1), members=[cast.member_record])
    for month in range(4, 10):
        services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, month, 1))
    behind = {a.name: a for a in selectors.arrears(org=cast.union, as_of=dt.date(2025, 9, 30))}
    assert set(behind) == {"李安全"}
    assert len(behind["李安全"].unpaid) == 3 and not behind["李安全"].flagged
    behind = {a.name: a for a in selectors.arrears(org=cast.union, as_of=dt.date(2026, 6, 30))}
    assert behind["张三"].running == 6 and behind["张三"].flagged


def test_the_collection_rate_counts_member_months_paid_over_due(cast):
    _two_members(cast)
    for month in range(1, 13):
        payers = [cast.member_record] if month > 6 else None
        services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, month, 1), members=payers)
    fig = selectors.dues_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert (fig.payments, fig.due) == (18, 24)
    assert fig.rate == D("75.00")


def test_a_budget_line_overspent_is_found(cast):
    services.budget_set(actor=cast.chair, org=cast.union, year=2025, account="501", amount=D(1000))
    services.entry_post(actor=cast.chair, org=cast.union, date=dt.date(2025, 5, 1), memo="职工活动", idempotency_key="x",
                        lines=[services.LineSpec("501", debit=D(1200)), services.LineSpec(chart.BANK, credit=D(1200))])
    rows = selectors.budget_report(org=cast.union, year=2025)
    assert rows[0].overspent and rows[0].actual == D(1200) and rows[0].used == D("120.0")
    assert [r.code for r in selectors.budgets_overspent(org=cast.federation, year=2025)] == ["501"]


def test_a_budget_is_set_by_the_chair_only(cast):
    with pytest.raises(NotAllowed, match="funds.budget.set"):
        services.budget_set(actor=cast.cadre, org=cast.union, year=2025, account="501", amount=D(1))


def test_a_member_of_another_union_is_never_collected(cast):
    services.wage_set(actor=cast.outsider, member=cast.sibling_member, wage=D("5000"), since=dt.date(2025, 1, 1))
    done = services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 1, 1))
    assert done.payments == []
    assert WageBase.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL's row locks")
def test_collecting_the_same_dues_twice_at_once_pays_once(cast):
    _two_members(cast)
    make_member(cast.group, "王五")
    barrier, errors = threading.Barrier(2), []

    def collect():
        try:
            barrier.wait()
            services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 4, 1))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=collect) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert DuesPayment.objects.filter(month=dt.date(2025, 4, 1)).count() == 2
    assert Entry.objects.count() == 1


def test_members_six_months_behind_wait_on_the_home_page(cast):
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D(5000), since=dt.date(2020, 1, 1))
    [item] = selectors.attention(visible_to=cast.chair)
    today = dt.date.today()
    assert item.count == (1 if today.month >= 6 else 0) and item.url == "/funds/dues/arrears/"
    assert selectors.attention(visible_to=cast.member) == []


def test_arrears_are_judged_at_the_periods_end_or_today_while_it_runs():
    year = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert selectors.judged_on(*year, today=dt.date(2026, 11, 26)) == dt.date(2025, 12, 31)
    assert selectors.judged_on(*year, today=dt.date(2025, 7, 4)) == dt.date(2025, 7, 4)


def test_a_past_year_of_dues_paid_flags_only_the_members_who_stopped_paying_not_everyone(cast, client_as):
    """The demo's case: a year of dues all paid but by one who stopped in July. Read a year later, the
    summary, the arrears page and the 待办 still find one member six months behind, not all three."""
    _two_members(cast)
    third = make_member(cast.union, "王五")
    services.wage_set(actor=cast.chair, member=third, wage=D(5000), since=dt.date(2025, 1, 1))
    for month in range(1, 13):
        payers = [cast.member_record, cast.rep_record, third] if month < 7 else [cast.member_record, third]
        services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, month, 1), members=payers)
    fig = selectors.dues_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert (fig.in_arrears, fig.flagged) == (1, 1)
    [item] = selectors.attention(visible_to=cast.chair)  # today is after 2025: judged at 2025's end
    assert item.count == 1
    page = client_as(cast.chair).get(f"/funds/dues/arrears/?org={cast.union.pk}&year=2025").content.decode()
    assert "李安全" in page and "王五" not in page and "张三" not in page


def test_a_members_dues_line_which_tells_the_wage_is_shown_to_collectors_only(cast, client_as):
    services.wage_set(actor=cast.chair, member=cast.member_record, wage=D("5678.90"), since=dt.date(2025, 1, 1))
    services.dues_collect(actor=cast.chair, org=cast.union, month=dt.date(2025, 3, 1))
    assert selectors.dues_payment_list(visible_to=cast.chair, org=cast.union).count() == 1
    # the federation officer reads the books but not a member's 28.35 (= 0.5% of a wage of 5,670–5,679)
    assert selectors.dues_payment_list(visible_to=cast.fed, org=cast.union).count() == 0
    page = client_as(cast.fed).get(f"/funds/dues/?org={cast.union.pk}&year=2025").content.decode()
    assert "收缴率" in page and cast.member_record.name not in page     # the totals, not the line
