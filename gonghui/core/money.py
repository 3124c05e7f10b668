"""Money as the union's books keep it: Decimal yuan to the fen, checked once for every app."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FEN = Decimal("0.01")
# No amount a grassroots union records comes near this (a hundred billion yuan): past it a
# figure is a typing error, and quantizing it could overflow the decimal context.
MAX_YUAN = Decimal(10) ** 11


def yuan(value, *, field: str, negative: bool = False, blank_is_zero: bool = False) -> Decimal:
    """`value` as Decimal yuan, or a ValidationError on `field` that says what is wrong."""
    if blank_is_zero and value in (None, ""):
        value = 0
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter an amount in yuan.")}) from None
    if not amount.is_finite() or abs(amount) >= MAX_YUAN:
        raise ValidationError({field: _("This amount is out of range.")})
    if amount < 0 and not negative:
        raise ValidationError({field: _("An amount cannot be negative.")})
    if amount != amount.quantize(FEN):
        raise ValidationError({field: _("Amounts go to the fen: at most two decimal places.")})
    return amount
