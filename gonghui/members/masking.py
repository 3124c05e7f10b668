"""What of an ID-card number anyone without the right to unmask it may see, and why it is safe.

A resident ID-card number (GB 11643-1999) is a region code (6 digits), the birth date
(8), a sequence (3, odd for men) and a check character computed from the other 17. The
mask used to keep the first 6 and the last 4 characters, and the birth date was stored
and shown in full: region, date and all but two digits of the sequence in plain sight,
so every number on the roll could be rebuilt from a page, an export or the database.

Now a role without `members.member.unmask` sees, of the number and what derives from it:

- the mask: the first 2 characters (the province) and the check character: 42***************X;
- the birth year (never the month and day), and the sex.

Even someone who knows the person's full region code (a colleague who knows their home
town) is then left with every day of that year times the 500 sequences of that sex, of
which the check character keeps about one in eleven: at least 16,500 numbers, never one.
`tests/test_id_privacy.py` counts this for every member, from the pages, the API, the
export, the history and the raw database. The database holds the number only encrypted,
its HMAC (useless without GONGHUI_FIELD_KEY), the mask and the birth year.
"""

from __future__ import annotations

from gonghui.core import idcard

SHOWN_HEAD = 2  # the province
SHOWN_TAIL = 1  # the check character


def id_number_mask(number: str) -> str:
    """11010519491231002X -> '11***************X'."""
    return f"{number[:SHOWN_HEAD]}{'*' * (len(number) - SHOWN_HEAD - SHOWN_TAIL)}{number[-SHOWN_TAIL:]}"


def narrower_mask(mask: str) -> str:
    """An older, wider mask ('110105********002X') or a number made into today's mask: its first
    2 and last characters are the same ones, so stored masks are converted without the key."""
    return id_number_mask(mask) if len(mask) == 18 else mask


def birth_year(number: str) -> int:
    return idcard.birth_date(number).year
