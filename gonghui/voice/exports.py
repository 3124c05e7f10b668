"""Every list exports to Excel with the filters on screen: one sheet, a header row, the rows."""

from __future__ import annotations

import io
from typing import Iterable

from django.http import HttpResponse
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(filename: str, title: str, headers: list[str], rows: Iterable[Iterable]) -> HttpResponse:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append(["" if v is None else (str(v) if not isinstance(v, (int, float)) else v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
