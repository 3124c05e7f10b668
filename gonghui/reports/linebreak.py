"""Chinese line breaking (禁则) for the PDF the summary falls back to without LibreOffice.

Pure: text and a width function in, lines out, so the rule is tested without a PDF.

The rule a Chinese reader expects (GB/T 15834 and every typesetter's 避头尾):
a line never begins with closing punctuation (，。；、）：」』》！？ …) and never ends
with opening punctuation (（「『《 …). Where the greedy fill would break the rule, the
last character of the line is pushed down to the next line with its neighbour (推出),
rather than squeezed or hung in the margin: the line comes out a little short, and
the caller's justification spreads it.

A run of Latin letters and digits ("1,853名" keeps "1,853" whole, "12.3%" stays one
piece) is never split, so a figure is never broken across lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Never at the start of a line: closing marks, pauses, stops and the units that belong to a figure.
NO_LINE_START = frozenset("，。；、）：」』》！？,.;:)!?]｝〕〉】’”…—％%·～")
# Never at the end of a line: opening marks.
NO_LINE_END = frozenset("（「『《([｛〔〈【‘“")

# A figure or a Latin word stays whole: digits with their separators and decimals, letters.
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z,.\-_/]*[0-9A-Za-z]|[0-9A-Za-z]|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """The pieces a line may break between: one CJK character, or one unbroken Latin run."""
    return _TOKEN.findall(text)


def _legal(line: list[str], following: list[str]) -> bool:
    """May a line end after `line`, with `following` starting the next one?"""
    if line and line[-1] and line[-1][-1] in NO_LINE_END:
        return False
    if following and following[0] and following[0][0] in NO_LINE_START:
        return False
    return True


def wrap(text: str, *, width: float, measure: Callable[[str], float], first_indent: float = 0.0) -> list[str]:
    """`text` broken into lines no wider than `width` (the first `first_indent` narrower).

    `measure` gives a string's width in the same unit as `width`. A line may break between
    any two tokens except where 禁则 forbids it; a break that would be illegal moves back
    token by token (at most to a line of one token, so a pathological run of punctuation
    still makes progress), and the pieces moved go to the next line.
    """
    pieces = tokens(text)
    lines: list[str] = []
    start = 0
    while start < len(pieces):
        available = width - (first_indent if not lines else 0.0)
        end = start
        used = 0.0
        while end < len(pieces):
            w = measure(pieces[end])
            if end > start and used + w > available:
                break
            used += w
            end += 1
        # Push tokens down until the break is legal (or the line would be empty).
        cut = end
        if end < len(pieces):
            while cut - start > 1 and not _legal(pieces[start:cut], pieces[cut:]):
                cut -= 1
            if not _legal(pieces[start:cut], pieces[cut:]):
                cut = end   # nothing legal within the line: keep the greedy break rather than loop
        line = "".join(pieces[start:cut])
        # Spaces at a break vanish, as in any typesetting.
        lines.append(line.rstrip() if lines or cut < len(pieces) else line)
        start = cut
        while start < len(pieces) and pieces[start].isspace():
            start += 1
    return lines or [""]


def breaks_rule(lines: list[str]) -> list[str]:
    """The lines that break 禁则 (for tests and the renderer's own check): empty when all is well."""
    bad = []
    for i, line in enumerate(lines):
        if line and line[0] in NO_LINE_START:
            bad.append(line)
        elif line and line[-1] in NO_LINE_END and i < len(lines) - 1:
            bad.append(line)
    return bad
