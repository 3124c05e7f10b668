"""Compile every zh_Hans .po catalogue to .mo with polib: no gettext tools needed on a laptop."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po -> .mo)."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR) / "gonghui"
        compiled = 0
        for po_path in root.glob("**/locale/*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        if options["verbosity"] > 1 or compiled:
            self.stdout.write(f"compiled {compiled} catalogue(s)")
