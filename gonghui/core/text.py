"""Text typed by people, made safe to keep: no control characters.

A vertical tab or a \\x01 pasted from another program cannot be written into the XML of
an .xlsx or .docx (XML 1.0 forbids them), so one stored in a name or a post makes every
later export of it fail. They are taken out where the text comes in (forms, API, import),
through the services, so nothing stored can hold one.
"""

from __future__ import annotations

import re

# C0 controls other than tab, line feed and carriage return, DEL, the C1 controls,
# lone surrogates and the two non-characters XML refuses.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
# Anything either of the two above would change: most text has none, and one search is cheaper
# than two substitutions (an import runs this on every cell of ten thousand rows).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def single_line(value: str | None) -> str:
    """A name, post or code: control characters removed, tabs and line breaks made one space, trimmed."""
    if not value:
        return ""
    if not _UNSAFE.search(value):
        return value.strip()
    return _LINE_BREAKS.sub(" ", _FORBIDDEN.sub("", value)).strip()


def multi_line(value: str | None) -> str:
    """A note or reason: control characters removed, line breaks kept, trimmed."""
    if not value:
        return ""
    return _FORBIDDEN.sub("", value).strip()


def has_control_characters(value: str) -> bool:
    return bool(_FORBIDDEN.search(value or ""))
