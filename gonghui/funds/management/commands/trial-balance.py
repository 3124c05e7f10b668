"""`gonghui trial-balance --org CODE --year 2025`: print an org's trial balance and whether it balances."""

import unicodedata

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.formatting import format_decimal
from gonghui.funds.selectors import trial_balance
from gonghui.orgs.models import Org


def _width(text: str) -> int:
    """Columns a terminal gives the text: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _left(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _right(text: str, width: int) -> str:
    return " " * max(width - _width(text), 0) + text


class Command(BaseCommand):
    help = "Print an org's trial balance (试算平衡表) for a year and whether debits equal credits."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the org's code, e.g. BENBU")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args, org, year, **options):
        try:
            book = Org.objects.get(code=org)
        except Org.DoesNotExist:
            raise CommandError(f"no org with code {org!r}") from None
        tb = trial_balance(org=book, year=year)

        def row(name, *amounts):
            self.stdout.write(_left(name, 18) + "".join(_right(a, 18) for a in amounts))

        self.stdout.write(f"{book.name} ({book.code}) {year}年 试算平衡表 · {tb.entries} 笔凭证")
        row("科目", "借方发生额", "贷方发生额", "借方余额", "贷方余额")
        for r in tb.rows:
            row(f"{r.code} {r.name}", *(format_decimal(v) for v in (r.debit, r.credit, r.debit_balance, r.credit_balance)))
        row("合计", *(format_decimal(v) for v in (tb.total_debit, tb.total_credit, tb.total_debit_balance, tb.total_credit_balance)))
        if tb.balances:
            self.stdout.write(self.style.SUCCESS("借贷平衡 (balances)"))
        else:
            self.stdout.write(self.style.ERROR("借贷不平衡 (does NOT balance)"))
            raise CommandError("the trial balance does not balance")
