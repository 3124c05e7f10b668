"""`gonghui worker`: runs background tasks (django-tasks' database backend)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker: notifications, imports, report rendering."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls for new tasks")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")

    def handle(self, *args, **options):
        argv = ["--interval", str(options["interval"])]
        if options["batch"]:
            argv.append("--batch")
        call_command("db_worker", *argv)
