"""`gonghui worker`: runs background tasks, from the database (the default) or from RQ on Redis."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


def uses_rq() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"


class Command(BaseCommand):
    help = "Run the background worker: notifications, imports, report rendering."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls for new tasks (database backend)")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")

    def handle(self, *args, **options):
        if uses_rq():
            # RQ's own worker, with the job class that runs django-tasks' tasks.
            argv = ["default", "--job-class", "django_tasks_rq.Job"]
            if options["batch"]:
                # what is queued, in this process (no forked work horse), then exit
                argv += ["--burst", "--worker-class", "rq.worker.SimpleWorker"]
            call_command("rqworker", *argv)
            return
        argv = ["--interval", str(options["interval"])]
        if options["batch"]:
            argv.append("--batch")
        call_command("db_worker", *argv)
