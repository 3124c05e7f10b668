"""The ledger and the trial balance as one workbook (the format a union office files with the review committee)."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gonghui.core.xlsx import row_cells

from . import chart


def ledger_workbook(*, org, year: int, entries, tb) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Ledger"))
    sheet.append(row_cells(sheet, [_("voucher number"), _("date"), _("summary"), _("account"), _("debit"), _("credit")]))
    for entry in entries.order_by("number"):
        for line in entry.lines.all():
            sheet.append(row_cells(sheet, [f"{entry.year}-{entry.number:04d}", entry.date, entry.memo,
                                           f"{line.account} {chart.account(line.account).name}",
                                           line.debit or None, line.credit or None]))
    sheet = book.create_sheet(_("Trial balance"))
    sheet.append(row_cells(sheet, [f"{org.name} {year}", _("Trial balance")]))
    sheet.append(row_cells(sheet, [_("account"), _("debit"), _("credit"), _("debit balance"), _("credit balance")]))
    for row in tb.rows:
        sheet.append(row_cells(sheet, [f"{row.code} {row.name}", row.debit, row.credit, row.debit_balance, row.credit_balance]))
    sheet.append(row_cells(sheet, [_("total"), tb.total_debit, tb.total_credit, tb.total_debit_balance, tb.total_credit_balance]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
