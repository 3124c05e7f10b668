"""`gonghui summary --org CODE --period 2025 [--half 1] --format docx -o FILE`; a span: `--from-year 2023 --to-year 2025`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gonghui.orgs.models import Org
from gonghui.reports.document import render_text
from gonghui.core.summary import Period
from gonghui.reports.rendering import render_docx, render_pdf
from gonghui.reports.selectors import summary_content


class Command(BaseCommand):
    help = "Write an org's work summary for a period (the latest saved version, else the draft from the records)."

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="org code, e.g. BENBU")
        parser.add_argument("--period", "--from-year", dest="period", required=True, type=int,
                            help="year, e.g. 2025; the first year of a span with --to-year")
        parser.add_argument("--half", type=int, choices=[1, 2])
        parser.add_argument("--to-year", type=int, help="last year of a span of years")
        parser.add_argument("--format", choices=["docx", "pdf", "txt"], default="docx")
        parser.add_argument("--draft", action="store_true", help="ignore saved versions: compute from the records")
        parser.add_argument("-o", "--output", help="file to write (default: stdout for txt)")

    def handle(self, *args, org, period, half, to_year, format, draft, output, **options):
        found = Org.objects.filter(code=org).first()
        if found is None:
            raise CommandError(f"no org with code {org}")
        chosen = Period.choose(period, half=half, to_year=to_year)
        if draft:
            from gonghui.reports.selectors import summary_draft
            content = summary_draft(org=found, period=chosen)
        else:
            content, _version = summary_content(org=found, period=chosen)
        if format == "txt":
            data = render_text(content).encode("utf-8")
        elif format == "pdf":
            data = render_pdf(content)
        else:
            data = render_docx(content)
        if output:
            Path(output).write_bytes(data)
            self.stdout.write(f"{content['title']}: {output} ({len(data):,} bytes)")
        elif format == "txt":
            sys.stdout.write(data.decode("utf-8"))
        else:
            raise CommandError("-o FILE is needed for docx and pdf")
