"""`gonghui backup OUT.tar.gz`: one consistent snapshot of the database and the uploaded files.

Safe while the site is in use. The field key is not in it; keep the key elsewhere.
"""

from django.core.management.base import BaseCommand, CommandError

from gonghui.portal.snapshots import SnapshotRefused, backup_write


class Command(BaseCommand):
    help = "Write a snapshot (database + MEDIA_ROOT + manifest, never the field key) to one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("out", help="the .tar.gz to write, e.g. /srv/backups/gonghui-$(date +%%F).tar.gz")

    def handle(self, *args, out, **options):
        try:
            manifest = backup_write(out=out)
        except SnapshotRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"备份完成 (backup written): {out} — {manifest['db_vendor']}, "
            f"{manifest['media_files']} uploaded file(s), created {manifest['created_at']}"
        )
