"""The checks a member's record passes however it comes in: the member form, the API, the import.

Pure functions over plain values, so the import names a problem by row and column and the
form and the API by field, in the same words. The services call `record_problems` (as
ValidationError), so nothing reaches the book without them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gonghui.core import idcard

from .choices import ContractStatus


class InvalidValue(ValueError):
    """One value's problem: a stable code for programs, a translated reason for people."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


_PHONE = re.compile(r"^1[3-9]\d{9}$")


def phone_number(text: str) -> str:
    """An 11-digit mainland mobile number, spaces, dashes and +86 taken off; or InvalidValue."""
    text = re.sub(r"[\s-]", "", text or "")
    if text.startswith("+86"):
        text = text[3:]
    if not _PHONE.match(text):
        raise InvalidValue("bad_phone", _("not a mobile number (11 digits starting with 1)"))
    return text


@dataclass(frozen=True)
class Problem:
    field: str      # the MemberData / Member field it is about
    code: str
    reason: str


def record_problems(
    *, number: str | None = None, born: dt.date | int | None = None, sex: str | None = None,
    birth_date: dt.date | None = None, join_date: dt.date | None = None, contract_status: str | None = None,
    contract_start: dt.date | None = None, contract_end: dt.date | None = None,
) -> list[Problem]:
    """What is wrong between the values of one record (each value already valid on its own).

    `number` is the full ID number where the caller has it; `born` is the birth date when the
    person entering the record typed the number (create, import), else only the birth year:
    an edit by someone who may not see the number must not learn the birth date by trying
    join dates until one is refused.
    """
    problems = []
    if number and sex and sex != idcard.sex(number):
        problems.append(Problem("sex", "sex_mismatch", _("does not match the ID-card number")))
    if number and birth_date and birth_date != idcard.birth_date(number):
        problems.append(Problem("birth_date", "birth_date_mismatch", _("does not match the ID-card number")))
    if born is None and number:
        born = idcard.birth_date(number)
    if join_date and born is not None:
        if isinstance(born, dt.date) and join_date < born:
            problems.append(Problem("join_date", "join_before_birth", _("is before the birth date")))
        elif isinstance(born, int) and join_date.year < born:
            problems.append(Problem("join_date", "join_before_birth", _("is before the birth year")))
    if contract_status == ContractStatus.SIGNED and not contract_start:
        problems.append(Problem("contract_start", "required", _("a signed contract needs its start date")))
    if contract_start and contract_end and contract_end < contract_start:
        problems.append(Problem("contract_end", "contract_order", _("the contract ends before it starts")))
    return problems
