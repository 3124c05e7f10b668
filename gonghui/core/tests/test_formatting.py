import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core import formatting as f


def test_dates_are_written_the_chinese_way():
    assert f.format_date(dt.date(2025, 6, 30)) == "2025年6月30日"


def test_large_sums_are_written_in_wan_yuan():
    assert f.format_wan_yuan(Decimal("19092100")) == "1,909.21万元"
    assert f.format_wan_yuan(9050000) == "905万元"


def test_amounts_in_their_own_unit_drop_trailing_zeros():
    assert f.format_amount(Decimal("905.00"), "万元") == "905万元"
    assert f.format_amount(Decimal("1909.21"), "万元") == "1,909.21万元"


def test_percent_rounds_half_up():
    assert f.format_percent(2683, 2854) == "94%"
    assert f.format_percent(Decimal("1909.21"), 905, places=2) == "210.96%"
    assert f.format_percent(1, 0) == "—"


def test_counts_and_yuan_carry_separators():
    assert f.format_count(2854) == "2,854"
    assert f.format_yuan(21000) == "21,000元"
    assert f.format_yuan(Decimal("5000.5")) == "5,000.50元"


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一")])
def test_chinese_ordinals_for_headings(n, text):
    assert f.chinese_ordinal(n) == text


def test_a_rate_is_never_rounded_into_a_contradiction():
    from gonghui.core.formatting import format_percent

    assert format_percent(1855, 1856) == "99.9%"
    assert format_percent(1, 2000) == "0.1%"   # 0.05% shows with the places it needs
    assert format_percent(1856, 1856) == "100%"
    assert format_percent(0, 1856) == "0%"
    assert format_percent(2683, 2854) == "94%"
    assert format_percent(199999, 200000) == "99.9995%"


def test_money_is_written_in_wan_from_ten_wan_up():
    from gonghui.core.formatting import format_money

    assert [format_money(v) for v in (7000, 21000, 99999.5, 100000, 120000, 500000, 170071533.2)] == [
        "7,000元", "21,000元", "99,999.50元", "10万元", "12万元", "50万元", "17,007.15万元"]


def test_one_list_of_money_keeps_the_unit_of_its_largest_amount():
    from gonghui.core.formatting import format_money

    assert [format_money(v, scale_of=181800) for v in (157800, 4000, 20000)] == ["15.78万元", "0.4万元", "2万元"]
    assert format_money(4000, scale_of=7800) == "4,000元"
