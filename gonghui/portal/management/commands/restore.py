"""`gonghui restore FILE.tar.gz`: bring a snapshot back into an EMPTY database and MEDIA_ROOT.

Refuses a database or a MEDIA_ROOT that already holds data, and a snapshot the configured
GONGHUI_FIELD_KEY cannot read, saying why. After the copy, `migrate` brings a snapshot
taken under older code up to this code's tables.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from gonghui.portal.snapshots import SnapshotRefused, snapshot_restore


class Command(BaseCommand):
    help = "Restore a snapshot written by `gonghui backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .tar.gz written by `gonghui backup`")

    def handle(self, *args, file, **options):
        try:
            report = snapshot_restore(path=file)
        except SnapshotRefused as exc:
            raise CommandError(str(exc)) from exc
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            f"恢复完成 (restored): {file}, taken {report.manifest['created_at']}, "
            f"{report.media_files} uploaded file(s)"
        )
