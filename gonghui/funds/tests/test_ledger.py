"""The fund ledger: double entry, append-only, idempotent; the trial balance and its command."""

import datetime as dt
import random
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.core.history import history_for
from gonghui.core.scoping import NotAllowed
from gonghui.funds import chart, selectors, services
from gonghui.funds.models import AppendOnly, Entry, Line
from gonghui.funds.services import LineSpec

pytestmark = pytest.mark.django_db
D = Decimal


def post(cast, key="k1", amount="1000", debit=chart.BANK, credit="402", actor=None):
    return services.entry_post(actor=actor or cast.chair, org=cast.union, date=dt.date(2025, 3, 1), memo="拨缴经费",
                               lines=[LineSpec(debit, debit=D(amount)), LineSpec(credit, credit=D(amount))], idempotency_key=key)


def test_an_entry_posts_with_a_voucher_number_and_one_history_row(cast):
    entry = post(cast)
    assert (entry.year, entry.number) == (2025, 1)
    assert post(cast, key="k2").number == 2
    assert history_for(entry).count() == 1


def test_an_entry_whose_debits_do_not_equal_its_credits_is_refused(cast):
    with pytest.raises(ValidationError, match="不相等"):
        services.entry_post(actor=cast.chair, org=cast.union, date=dt.date(2025, 3, 1), memo="x", idempotency_key="bad",
                            lines=[LineSpec(chart.BANK, debit=D(100)), LineSpec("402", credit=D("99.99"))])
    assert not Entry.objects.exists()


@pytest.mark.parametrize("lines, message", [
    ([LineSpec(chart.BANK, debit=D(1))], "至少两条分录"),
    ([LineSpec("999", debit=D(1)), LineSpec("402", credit=D(1))], "不在工会会计科目表中"),
    ([LineSpec(chart.BANK, debit=D(1), credit=D(1)), LineSpec("402", credit=D(0))], "只能记借方或贷方"),
    ([LineSpec(chart.BANK, debit=D("1.001")), LineSpec("402", credit=D("1.001"))], "最多两位小数"),
])
def test_malformed_lines_are_refused_by_name(cast, lines, message):
    with pytest.raises(ValidationError, match=message):
        services.entry_post(actor=cast.chair, org=cast.union, date=dt.date(2025, 3, 1), memo="x", lines=lines, idempotency_key="m")


def test_posting_the_same_key_twice_posts_once(cast):
    first, second = post(cast, key="same"), post(cast, key="same", amount="5")
    assert first.pk == second.pk
    assert Entry.objects.count() == 1 and Line.objects.count() == 2


def test_an_entry_is_never_edited_or_deleted(cast):
    entry = post(cast)
    entry.memo = "改过"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        entry.lines.first().save()


def test_a_correction_is_a_reversing_entry_and_reversing_again_changes_nothing(cast):
    entry = post(cast, amount="800")
    reversal = services.entry_reverse(actor=cast.chair, entry=entry)
    assert reversal.reverses_id == entry.pk
    assert {(line.account, line.debit, line.credit) for line in reversal.lines.all()} == {(chart.BANK, D(0), D(800)), ("402", D(800), D(0))}
    assert services.entry_reverse(actor=cast.chair, entry=entry).pk == reversal.pk
    tb = selectors.trial_balance(org=cast.union, year=2025)
    assert tb.balances and all(r.balance == 0 for r in tb.rows)


def test_a_reversal_is_not_reversed_again(cast):
    reversal = services.entry_reverse(actor=cast.chair, entry=post(cast))
    with pytest.raises(ValidationError, match="不能再冲销"):
        services.entry_reverse(actor=cast.chair, entry=reversal)


def test_the_outsider_and_a_branch_cadre_may_not_post_to_the_unions_books(cast):
    for actor in (cast.outsider, cast.cadre, cast.member):
        with pytest.raises(NotAllowed, match="无权|may not"):
            post(cast, actor=actor)


def test_the_trial_balance_shows_turnover_and_balances_by_account(cast):
    post(cast, key="a", amount="1000")
    post(cast, key="b", amount="300", debit="501", credit=chart.BANK)
    tb = selectors.trial_balance(org=cast.union, year=2025)
    rows = {r.code: r for r in tb.rows}
    assert rows[chart.BANK].balance == D(700)
    assert rows["501"].debit_balance == D(300)
    assert tb.total_debit == tb.total_credit == D(1300)
    assert tb.balances


def test_the_trial_balance_command_prints_the_table_and_that_it_balances(cast):
    post(cast, key="a", amount="19092100")
    out = StringIO()
    call_command("trial-balance", "--org", "BENBU", "--year", "2025", stdout=out)
    text = out.getvalue()
    assert "银行存款" in text and "拨缴经费收入" in text and "19,092,100.00" in text and "借贷平衡" in text


ACCOUNTS = [a.code for a in chart.CHART]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_debits_always_equal_credits_whatever_is_posted_and_reversed(cast, seed):
    """A random run of postings (some unbalanced, refused), repeats and reversals: the books always balance."""
    rng = random.Random(seed)
    posted = list(Entry.objects.filter(org=cast.union))
    for step in range(12):
        choice = rng.random()
        if choice < 0.6:
            n = rng.randint(1, 4)
            amounts = [D(rng.randint(1, 10**7)) / 100 for _ in range(n)]
            lines = [LineSpec(rng.choice(ACCOUNTS), debit=a) for a in amounts]
            total = sum(amounts)
            skew = D(rng.choice([0, 0, 0, 1])) / 100
            lines += [LineSpec(rng.choice(ACCOUNTS), credit=total + skew)]
            try:
                posted.append(services.entry_post(actor=cast.chair, org=cast.union, date=dt.date(2025, rng.randint(1, 12), 1),
                                                  memo="随机", lines=lines, idempotency_key=f"{seed}:{step}:{rng.randint(0, 3)}"))
            except ValidationError:
                assert skew
        elif posted:
            try:
                services.entry_reverse(actor=cast.chair, entry=rng.choice(posted))
            except ValidationError:
                pass
        tb = selectors.trial_balance(org=cast.union, year=2025)
        assert tb.total_debit == tb.total_credit
        assert tb.balances


def _batch(n, start=0, amount="100"):
    return [services.EntrySpec(dt.date(2025, 1 + i % 12, 5), f"批量{i}", (LineSpec(chart.BANK, debit=D(amount)), LineSpec("402", credit=D(amount))),
                               f"bulk:{i}") for i in range(start, start + n)]


def test_a_batch_of_entries_posts_numbered_on_with_a_history_row_each_and_a_retry_posts_nothing_twice(cast):
    post(cast)  # voucher 1 of 2025
    assert services.entries_post_bulk(actor=cast.chair, org=cast.union, entries=_batch(5), batch_size=2) == 5
    numbers = sorted(Entry.objects.filter(org=cast.union, year=2025).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert all(len(history_for(e)) == 1 for e in Entry.objects.filter(idempotency_key__startswith="bulk:"))
    assert services.entries_post_bulk(actor=cast.chair, org=cast.union, entries=_batch(7)) == 2  # the retry adds the two new
    tb = selectors.trial_balance(org=cast.union, year=2025)
    assert tb.balances and tb.entries == 8 and Line.objects.count() == 16


def test_a_batch_with_one_entry_that_does_not_balance_posts_nothing_and_names_it(cast):
    bad = _batch(3) + [services.EntrySpec(dt.date(2025, 2, 1), "不平", (LineSpec(chart.BANK, debit=D(5)), LineSpec("402", credit=D(4))), "bulk:bad")]
    with pytest.raises(ValidationError, match="第4笔凭证"):
        services.entries_post_bulk(actor=cast.chair, org=cast.union, entries=bad)
    assert Entry.objects.count() == 0


def test_a_federation_officer_may_not_post_a_batch_to_a_unions_books(cast):
    with pytest.raises(NotAllowed):
        services.entries_post_bulk(actor=cast.fed, org=cast.union, entries=_batch(1))
