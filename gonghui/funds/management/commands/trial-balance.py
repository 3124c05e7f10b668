"""`gonghui trial-balance --org CODE --year 2025`: print an org's trial balance and whether it balances."""

from django.core.management.base import BaseCommand, CommandError

from gonghui.core.formatting import format_decimal
from gonghui.funds.selectors import trial_balance
from gonghui.orgs.models import Org


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
        out = self.stdout
        out.write(f"{book.name} ({book.code}) {year}年 试算平衡表 · {tb.entries} 笔凭证")
        out.write(f"{'科目':<14}{'借方发生额':>16}{'贷方发生额':>16}{'借方余额':>16}{'贷方余额':>16}")
        for row in tb.rows:
            out.write(f"{row.code} {row.name:<10}{format_decimal(row.debit):>16}{format_decimal(row.credit):>16}"
                      f"{format_decimal(row.debit_balance):>16}{format_decimal(row.credit_balance):>16}")
        out.write(f"{'合计':<14}{format_decimal(tb.total_debit):>16}{format_decimal(tb.total_credit):>16}"
                  f"{format_decimal(tb.total_debit_balance):>16}{format_decimal(tb.total_credit_balance):>16}")
        if tb.balances:
            out.write(self.style.SUCCESS("借贷平衡 (balances)"))
        else:
            out.write(self.style.ERROR("借贷不平衡 (does NOT balance)"))
            raise CommandError("the trial balance does not balance")
