"""Resident ID-card numbers (GB 11643-1999): checksum, birth date, sex, masking.

Pure functions, so the import, the forms and the API validate the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from operator import mul

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


class InvalidIdNumber(ValueError):
    pass


def normalise(raw: str) -> str:
    return (raw or "").strip().upper().replace(" ", "")


def check_char(first17: str) -> str:
    return _CHECK_CHARS[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def validate(raw: str) -> str:
    """Return the normalised number or raise InvalidIdNumber with the reason."""
    number = normalise(raw)
    if not _PATTERN.match(number):
        raise InvalidIdNumber("must be 17 digits followed by a digit or X")
    if check_char(number[:17]) != number[17]:
        raise InvalidIdNumber("the check digit does not match")
    birth_date(number)  # raises on an impossible date
    return number


def birth_date(number: str) -> dt.date:
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise InvalidIdNumber("the birth date in the number is not a real date") from exc


def sex(number: str) -> str:
    """'male' or 'female', from the parity of the 17th digit."""
    return "male" if int(number[16]) % 2 else "female"


def mask(number: str) -> str:
    """110101199003071234 -> '110101********1234'."""
    return f"{number[:6]}{'*' * (len(number) - 10)}{number[-4:]}"


def make(first17: str) -> str:
    """Complete 17 digits with their check character (for test and demo data)."""
    return first17 + check_char(first17)
