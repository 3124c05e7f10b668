"""core.money.yuan: the one check of an amount of money, for every app."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.core.money import yuan


def test_an_amount_to_the_fen_is_taken_as_decimal_yuan():
    assert yuan("1909.21", field="x") == Decimal("1909.21")
    assert yuan(None, field="x", blank_is_zero=True) == 0


@pytest.mark.parametrize(("value", "message"), [
    ("1.001", "金额精确到分，最多两位小数。"),
    ("-5", "金额不能为负数。"),
    (1.7976931348623157e308, "金额超出范围。"),
    ("NaN", "金额超出范围。"),
    ("abc", "请填写以元为单位的金额。"),
])
def test_a_bad_amount_is_refused_by_what_is_wrong(value, message):
    with pytest.raises(ValidationError) as refused:
        yuan(value, field="amount")
    assert refused.value.message_dict == {"amount": [message]}


def test_a_correction_may_be_negative_where_the_caller_says_so():
    assert yuan("-12.50", field="x", negative=True) == Decimal("-12.50")
