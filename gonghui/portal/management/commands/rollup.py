"""`gonghui rollup`: count every federation's roll-up again (the figures its home, voice dashboard and
org tree show), e.g. hourly from cron; the home page also asks the worker for it when it is older than an hour."""

import time

from django.core.management.base import BaseCommand, CommandError

from gonghui.orgs.models import Org
from gonghui.portal.services import rollup_refresh


class Command(BaseCommand):
    help = "Count the federations' roll-up (per union and year) again."

    def add_arguments(self, parser):
        parser.add_argument("--federation", help="only this federation's code")

    def handle(self, *args, federation=None, **options):
        fed = None
        if federation:
            fed = Org.objects.filter(code=federation, kind="federation").first()
            if fed is None:
                raise CommandError(f"没有代码为 {federation} 的上级工会。(no federation with code {federation})")
        start = time.perf_counter()
        rows = rollup_refresh(federation=fed)
        self.stdout.write(f"汇总完成 (roll-up counted): {rows} rows in {time.perf_counter() - start:.1f} s")
