"""Hardship files, visits and aid through their services; refusals matched by message."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from gonghui.care import selectors, services
from gonghui.care.models import AidPayment, HardshipCase
from gonghui.core.history import history_for
from gonghui.core.scoping import NotAllowed
from gonghui.funds import chart
from gonghui.funds import selectors as funds_selectors
from gonghui.funds.models import Entry

pytestmark = pytest.mark.django_db
D = Decimal
DEEP = {"household_size": 3, "income": D(30000), "essential_spending": D(12000)}
COMFORTABLE = {"household_size": 2, "income": D(200000), "essential_spending": D(30000)}


def open_file(cast, **figures):
    return services.case_open(actor=cast.chair, member=cast.member_record, reason="配偶无业", opened_on=dt.date(2025, 2, 1),
                              **(figures or DEEP))


def test_a_file_gets_its_level_from_the_households_figures(cast):
    case = open_file(cast)
    assert case.level == "deep" and case.kind == "new" and case.status == "open"
    assert case.checks.count() == 1 and history_for(case).count() == 1


def test_the_household_figures_are_encrypted_at_rest_and_kept_out_of_the_history(cast):
    case = open_file(cast)
    assert "30000" not in case.income_encrypted and case.income_encrypted.startswith("g1.")
    assert selectors.household_figures(case).income == D(30000)
    assert "30000" not in str(history_for(case).first().changes)


def test_the_unions_own_line_decides_the_level(cast):
    services.care_settings_set(actor=cast.chair, org=cast.union, low_income_line=D(400), aid_limit=D(5000))
    assert open_file(cast).level == "relative"          # 500 a head is under 2 × 400


def test_a_household_not_in_hardship_gets_no_file(cast):
    with pytest.raises(ValidationError, match="不属于困难家庭"):
        open_file(cast, **COMFORTABLE)
    assert not HardshipCase.objects.exists()


def test_opening_a_second_file_for_the_same_member_returns_the_first(cast):
    assert open_file(cast).pk == open_file(cast).pk
    assert HardshipCase.objects.count() == 1


def test_the_yearly_recheck_records_who_and_when_and_a_repeat_changes_nothing(cast):
    case = open_file(cast)
    figures = {**DEEP, "income": D(60000)}
    services.case_recheck(actor=cast.cadre, case=case, date=dt.date(2025, 11, 3), **figures)
    case = services.case_recheck(actor=cast.cadre, case=case, date=dt.date(2025, 11, 3), **figures)
    assert case.level == "relative" and case.checked_on == dt.date(2025, 11, 3) and case.checked_by == cast.cadre
    assert case.checks.count() == 2


def test_a_recheck_that_finds_the_household_out_of_hardship_asks_to_close_the_file(cast):
    with pytest.raises(ValidationError, match="请办理销档"):
        services.case_recheck(actor=cast.chair, case=open_file(cast), date=dt.date(2025, 11, 3), **COMFORTABLE)


def test_closing_a_file_twice_closes_it_once(cast):
    case = open_file(cast)
    services.case_close(actor=cast.chair, case=case, reason="配偶就业", date=dt.date(2025, 12, 1))
    case = services.case_close(actor=cast.chair, case=case, reason="again")
    assert case.status == "closed" and case.close_reason == "配偶就业"
    assert history_for(case).count() == 2


def test_only_the_members_own_cadres_keep_or_see_a_file(cast):
    case = open_file(cast)
    assert selectors.case_list(visible_to=cast.cadre).get() == case      # the member sits in the cadre's branch
    assert not selectors.case_list(visible_to=cast.fed).exists()           # the federation sees counts, not files
    assert not selectors.case_list(visible_to=cast.outsider).exists()
    with pytest.raises(NotAllowed, match="care.case.manage"):
        services.case_close(actor=cast.fed, case=case, reason="x")


def test_cash_on_a_visit_is_paid_out_of_the_fund_once(cast):
    kwargs = dict(org=cast.union, occasion="spring_festival", date=dt.date(2025, 1, 20), member=cast.member_record,
                  visitee_name="", visitors="工会主席", cash=D(500), goods="米面油", goods_value=D(200), idempotency_key="v1")
    visit = services.visit_record(actor=cast.chair, **kwargs)
    assert services.visit_record(actor=cast.chair, **kwargs).pk == visit.pk
    lines = {line.account: line for line in visit.entry.lines.all()}
    assert lines[chart.ACTIVITIES].debit == D(500) and lines[chart.BANK].credit == D(500)
    assert Entry.objects.count() == 1 and visit.visitee_name == "张三"


def aid(cast, key, amount="2000", kind="relief", **extra):
    return services.aid_pay(actor=cast.chair, member=cast.member_record, kind=kind, date=dt.date(2025, 3, 1),
                            amount=D(amount), idempotency_key=key, **extra)


def test_cash_aid_is_a_ledger_entry_crediting_the_bank_and_debiting_rights_spending(cast):
    paid = aid(cast, "a1")
    assert paid.status == "paid"
    lines = {line.account: line for line in paid.entry.lines.all()}
    assert lines[chart.RIGHTS].debit == D(2000) and lines[chart.BANK].credit == D(2000)
    assert funds_selectors.trial_balance(org=cast.union, year=2025).balances


def test_the_same_aid_is_never_paid_twice(cast):
    assert aid(cast, "same").pk == aid(cast, "same").pk
    assert AidPayment.objects.count() == 1 and Entry.objects.count() == 1


def test_aid_above_the_yearly_limit_is_refused_and_kept_as_refused(cast):
    services.care_settings_set(actor=cast.chair, org=cast.union, low_income_line=D(800), aid_limit=D(3000))
    aid(cast, "a1", "2000")
    refused = aid(cast, "a2", "1500")
    assert refused.status == "refused" and refused.entry is None
    assert "3000" in refused.refusal
    assert aid(cast, "a3", "1000").status == "paid"          # exactly at the limit
    assert Entry.objects.count() == 2


def test_gifts_in_kind_count_toward_the_limit_but_post_nothing(cast):
    gift = aid(cast, "g", "0", kind="goods", goods="米面油", goods_value=D(300))
    assert gift.status == "paid" and gift.entry is None


def test_gifts_in_kind_carry_no_cash(cast):
    with pytest.raises(ValidationError, match="慰问品不含现金"):
        aid(cast, "g", "100", kind="goods")


def test_a_branch_cadre_may_record_aid_but_not_pay_it_out_of_the_unions_fund(cast):
    with pytest.raises(NotAllowed, match="funds.ledger.post"):
        services.aid_pay(actor=cast.cadre, member=cast.member_record, kind="relief", date=dt.date(2025, 3, 1),
                         amount=D(100), idempotency_key="c")
    assert not AidPayment.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL's row locks")
def test_paying_the_same_aid_twice_at_once_pays_once(cast):
    barrier, errors = threading.Barrier(2), []

    def pay():
        try:
            barrier.wait()
            aid(cast, "at-once")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert AidPayment.objects.count() == 1 and Entry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL's row locks")
def test_two_aids_at_once_cannot_both_slip_under_the_limit(cast):
    services.care_settings_set(actor=cast.chair, org=cast.union, low_income_line=D(800), aid_limit=D(3000))
    barrier, errors = threading.Barrier(2), []

    def pay(key):
        try:
            barrier.wait()
            aid(cast, key, "2000")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=pay, args=(k,)) for k in ("x", "y")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(AidPayment.objects.values_list("status", flat=True)) == ["paid", "refused"]


def test_a_household_back_in_hardship_after_its_file_closed_is_filed_as_relapsed(cast):
    services.case_close(actor=cast.chair, case=open_file(cast), reason="好转", date=dt.date(2025, 6, 1))
    assert open_file(cast).kind == "relapsed"


def test_files_not_rechecked_this_year_wait_on_the_home_page(cast, client_as):
    services.case_open(actor=cast.chair, member=cast.member_record, reason="x", opened_on=dt.date(2020, 1, 1), **DEEP)
    [item] = selectors.attention(visible_to=cast.chair)
    assert item.count == 1 and item.url == "/care/cases/?due=1"
    assert selectors.attention(visible_to=cast.fed)[0].count == 0
    assert "待年度复核" in client_as(cast.chair).get("/").content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once need PostgreSQL's row locks")
def test_recording_the_same_visit_twice_at_once_pays_its_cash_once(cast):
    from gonghui.care.models import Visit

    barrier, errors = threading.Barrier(2), []

    def record():
        try:
            barrier.wait()
            services.visit_record(actor=cast.chair, org=cast.union, occasion="hospital", date=dt.date(2025, 3, 1),
                                  visitee_name="张三", visitors="主席", cash=D(300), idempotency_key="twice")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert Visit.objects.count() == 1 and Entry.objects.count() == 1
