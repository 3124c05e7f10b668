"""Cells for the workbooks Gonghui hands out, which people open in Excel or WPS.

openpyxl stores any text that begins with "=" as a formula. Names, titles and
descriptions in an export were typed by someone else — a suggestion can come from
any worker, anonymously — so `=HYPERLINK(...)` in a title would run in the cadre's
spreadsheet the moment the export is opened. Every exported row goes through
`row_cells`, which keeps such text as text and gives dates a date format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

from .text import multi_line

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd"


def row_cells(sheet, values: Iterable[Any]) -> list[Any]:
    """One row for `sheet.append` on a write-only sheet: text stays text, dates are dates."""
    row = []
    for value in values:
        if isinstance(value, str):
            # text stored before input was cleaned cannot break the file (XML forbids control characters)
            value = multi_line(value)
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # an inline string, never a formula
            row.append(cell)
        elif isinstance(value, dt.date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            row.append(cell)
        else:
            row.append(value)
    return row
