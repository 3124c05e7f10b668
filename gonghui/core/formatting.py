"""Numbers, money and dates the way a Chinese union office writes them.

Pure functions: no Django, no database, so the summary's sentences and the pages
format the same figure the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

TEN_THOUSAND = Decimal(10000)


def _quantize(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_count(value: int | Decimal) -> str:
    """2854 -> '2,854' (thousands separators, as in printed reports)."""
    return f"{int(value):,}"


def format_about_count(value: int) -> str:
    """An estimated count, to the thousand: 1016384 -> '1,016,000' (shown after 约, never as exact)."""
    return format_count(max(round(int(value), -3), 1000))


def format_decimal(value: Decimal | float | int, places: int = 2, *, strip: bool = False) -> str:
    """1909.21 -> '1,909.21'; with strip, trailing zeros go (905.00 -> '905')."""
    q = _quantize(Decimal(value), places)
    text = f"{q:,.{places}f}"
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_yuan(value: Decimal | int | float) -> str:
    """Amounts in 元: 21000 -> '21,000元', 5000.5 -> '5,000.50元'."""
    q = _quantize(Decimal(value), 2)
    if q == q.to_integral_value():
        return f"{int(q):,}元"
    return f"{q:,.2f}元"


def format_wan_yuan(value_yuan: Decimal | int | float, places: int = 2) -> str:
    """Large amounts in 万元: 19092100 -> '1,909.21万元'; 9050000 -> '905万元'."""
    wan = Decimal(value_yuan) / TEN_THOUSAND
    return f"{format_decimal(wan, places, strip=True)}万元"


WAN_FROM = 100_000   # from 10万元 up an office writes money in 万元 (12万元, 1,909.21万元); below, in 元 (21,000元)


def format_money(value_yuan: Decimal | int | float, *, scale_of: Decimal | int | float | None = None) -> str:
    """Money as the summary's sentences write it: 7,000元, 21,000元; 120000 -> '12万元'; 170071533.2 -> '17,007.15万元'.
    `scale_of`: the largest amount of the same list, so that one sentence keeps one unit
    (支出18.18万元，其中职工活动支出15.78万元、维权支出0.4万元, not …维权支出4,000元)."""
    big = abs(Decimal(value_yuan if scale_of is None else scale_of)) >= WAN_FROM
    return format_wan_yuan(value_yuan) if big else format_yuan(value_yuan)


def format_amount(value: Decimal | int | float, unit: str) -> str:
    """A figure already in its unit (e.g. a target in 万元): 905 -> '905万元'."""
    return f"{format_decimal(Decimal(value), 2, strip=True)}{unit}"


def format_percent(numerator: int | Decimal, denominator: int | Decimal, places: int = 0) -> str:
    """2683/2854 -> '94%'; with places=2, 1909.21/905 -> '210.96%'. Empty base -> '—'."""
    if not denominator:
        return "—"
    ratio = Decimal(numerator) * 100 / Decimal(denominator)
    text = format_decimal(ratio, places, strip=False).replace(",", "")
    # A rate is never rounded into a contradiction: 1,855 of 1,856 is not "100%" beside
    # "one has not signed", and 1 of 2,000 is not "0%". Such a rate gets the places it needs.
    while (Decimal(text) in (0, 100)) and ratio not in (0, 100) and places < 4:
        places += 1
        text = format_decimal(ratio, places, strip=False).replace(",", "")
    if Decimal(text) == 100 and ratio < 100:
        text = format_decimal(Decimal(100) - Decimal(1).scaleb(-places), places, strip=False)
    return f"{text}%"


def ratio(numerator: int | Decimal, denominator: int | Decimal, places: int = 2) -> Decimal | None:
    """A plain quotient rounded half-up, None when the base is empty."""
    if not denominator:
        return None
    return _quantize(Decimal(numerator) / Decimal(denominator), places)


def format_date(value: dt.date | dt.datetime | None) -> str:
    """2025-06-30 -> '2025年6月30日'."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def format_month(value: dt.date) -> str:
    return f"{value.year}年{value.month}月"


def format_datetime(value: dt.datetime | None) -> str:
    """'2025年6月30日 14:05' (already in local time)."""
    if value is None:
        return ""
    return f"{format_date(value)} {value:%H:%M}"


CHINESE_NUMERALS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 -> '一', 10 -> '十', 12 -> '十二', 21 -> '二十一' (headings 一、二、…)."""
    if n <= 0 or n >= 100:
        raise ValueError("headings run from 1 to 99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CHINESE_NUMERALS[ones]
    head = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return f"{head}十{CHINESE_NUMERALS[ones] if ones else ''}"
