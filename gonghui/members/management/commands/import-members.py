"""`gonghui import-members FILE --org CODE [--dry-run]` and `gonghui import-members --template FILE`.

The same check and the same all-or-nothing write as the web upload. On bad input it
names every bad row (行 12，列"身份证号"：校验码不符) and exits non-zero, writing nothing.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from tqdm import tqdm

from gonghui.core.formatting import format_count
from gonghui.core.scoping import under
from gonghui.members.imports import roster_import
from gonghui.members.workbook import template_workbook
from gonghui.orgs.models import Org


class Command(BaseCommand):
    help = "Import a member roster (.xlsx) into an organisation, or write the import template."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="the roster to import (.xlsx)")
        parser.add_argument("--org", help="code of the union, branch or group the rows belong to")
        parser.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
        parser.add_argument("--template", metavar="FILE", help="write the empty import template to FILE and stop")

    def handle(self, *args, file=None, org=None, dry_run=False, template=None, **options):
        # Offices read the report in the product's language, as on the web page.
        translation.activate(settings.LANGUAGE_CODE)
        if template:
            orgs = (Org.objects.filter(under(_org(org), via=""), is_active=True).exclude(kind="federation")
                    .select_related("parent") if org else ())
            Path(template).write_bytes(template_workbook(orgs=orgs))
            self.stdout.write(_("Template written to %(file)s") % {"file": template})
            return
        if not file or not org:
            raise CommandError(_("Give the roster file and --org CODE (or --template FILE)."))
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        target = _org(org)
        quiet = options["verbosity"] == 0
        with tqdm(desc=pgettext("roster", "checking"), unit=pgettext("roster", "rows"), disable=quiet, file=self.stderr._out) as checked, \
                tqdm(desc=pgettext("roster", "writing"), unit=pgettext("roster", "rows"), disable=quiet or dry_run, file=self.stderr._out) as written:
            result = roster_import(
                actor=None, org=target, source=str(path), dry_run=dry_run,
                progress=checked.update, written=written.update, note=path.name,
            )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            if result.roster.more_errors:
                self.stderr.write(_("and %(n)s more problems") % {"n": format_count(result.roster.more_errors)})
            raise CommandError(
                _("%(n)s problems in %(rows)s rows; nothing was written.") % {"n": result.problem_count, "rows": result.roster.total})
        if dry_run:
            self.stdout.write(_("Dry run: all %(n)s rows are correct; nothing was written.") % {"n": result.roster.total})
        else:
            self.stdout.write(_("Imported %(n)s people into %(org)s.") % {"n": result.created, "org": target.name})


def _org(code: str) -> Org:
    try:
        return Org.objects.get(code=code)
    except Org.DoesNotExist as exc:
        raise CommandError(_("No organisation has the code %(code)s.") % {"code": code}) from exc
