"""Roster import: check a workbook against the database, then write it all or not at all.

The web upload, `gonghui import-members` and `POST /api/v1/members/import` all call
`roster_import`, so a file gets the same report wherever it is sent.
"""

from __future__ import annotations

import re
from collections import Counter
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import qualified_name

from . import conf
from .roster import OrgChoice, Roster, RowError, header_problems, mark_taken, org_key, parse_roster
from .selectors import member_ids_by_hash
from .services import members_bulk_create
from .workbook import UnreadableWorkbook, read_roster

WRITE_CHUNK = 2000  # rows per bulk call inside the one transaction (the progress bar moves per chunk)


@dataclass
class ImportResult:
    roster: Roster
    dry_run: bool
    created: int = 0

    @property
    def errors(self) -> list[RowError]:
        return self.roster.errors

    @property
    def ok(self) -> bool:
        return self.roster.ok

    @property
    def problem_count(self) -> int:
        """Every problem found, those listed and those only counted."""
        return len(self.roster.errors) + self.roster.more_errors


def import_org_choice(org: Org) -> OrgChoice:
    """The orgs a row may name: the import's org and everything under it, by code, by name where
    the name is theirs alone, and by "parent / name" (the labels the template and the exports
    offer, orgs.selectors.org_labels, with or without the code in brackets)."""
    orgs = list(Org.objects.filter(scoping.under(org, via=""), is_active=True)
                .exclude(kind=OrgKind.FEDERATION).select_related("parent"))
    by_key: dict[str, Org] = {}
    for o in orgs:
        by_key[o.code] = o
        by_key[o.code.upper()] = o
    counted = Counter(o.name for o in orgs)
    qualified = Counter(org_key(qualified_name(o)) for o in orgs)
    for o in orgs:
        if counted[o.name] == 1:
            by_key.setdefault(o.name, o)
        if qualified[org_key(qualified_name(o))] == 1:
            by_key.setdefault(org_key(qualified_name(o)), o)
        for label in (o.name, qualified_name(o)):
            by_key.setdefault(org_key(f"{label}（{o.code}）"), o)
    ambiguous = {name for name, n in counted.items() if n > 1} - set(by_key)
    return OrgChoice(default=None if org.kind == OrgKind.FEDERATION else org, by_key=by_key, ambiguous=ambiguous)


def roster_check(*, org: Org, source: IO[bytes] | str, progress: Callable[[int], None] | None = None) -> Roster:
    """Every problem in the file, by row and column; reads the database but writes nothing."""
    try:
        headers, records = read_roster(source)
    except UnreadableWorkbook as exc:
        return Roster(errors=[RowError(0, "", "unreadable", str(exc))])
    missing = header_problems(headers)
    if missing:
        return Roster(errors=[RowError(1, h, "missing_column", _("this column is missing from the header row")) for h in missing])
    try:
        roster = parse_roster(_at_most(records, conf.IMPORT_MAX_ROWS), orgs=import_org_choice(org), progress=progress)
    except _TooManyRows:
        return Roster(errors=[RowError(0, "", "too_many_rows", _(
            "At most %(rows)s people can be imported from one file; split it into several files.")
            % {"rows": f"{conf.IMPORT_MAX_ROWS:,}"})])
    roster = mark_taken(roster, member_ids_by_hash([r.id_hash for r in roster.rows]))
    return roster.list_errors(conf.IMPORT_MAX_LISTED_ERRORS)


class _TooManyRows(Exception):
    pass


def _at_most(records, limit: int):
    for n, record in enumerate(records, start=1):
        if n > limit:
            raise _TooManyRows
        yield record


def roster_import(
    *, actor, org: Org, source: IO[bytes] | str, dry_run: bool = False,
    progress: Callable[[int], None] | None = None, written: Callable[[int], None] | None = None, note: str = "",
) -> ImportResult:
    """Check the file; unless it is a dry run and only if every row is right, write every row.

    All rows go in one transaction: a bad row, a clash found at write time or a killed
    process leaves the roll as it was. History rows (action "import") are written by
    members_bulk_create beside the members.
    """
    scoping.require(actor=actor, action="members.member.import", org=org)
    roster = roster_check(org=org, source=source, progress=progress)
    result = ImportResult(roster=roster, dry_run=dry_run)
    if dry_run or not roster.ok or not roster.rows:
        return result
    rows = [item.data for item in roster.rows]
    hashes = [item.id_hash for item in roster.rows]
    try:
        with transaction.atomic():
            for start in range(0, len(rows), WRITE_CHUNK):
                chunk = rows[start : start + WRITE_CHUNK]
                result.created += len(members_bulk_create(actor=actor, rows=chunk, note=note,
                                                          checked_hashes=hashes[start : start + WRITE_CHUNK]))
                if written:
                    written(len(chunk))
    except ValidationError as exc:
        # Someone added one of these people between the check and the write.
        result.created = 0
        roster.errors.append(RowError(0, "", "clash", " ".join(exc.messages)))
    return result


# ---------------------------------------------------------------- uploads awaiting confirmation

_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def upload_storage():
    """Where uploads wait: STORAGES["imports"] when configured (a folder every web process
    shares, or an S3-compatible bucket), else a private folder (GONGHUI_IMPORT_UPLOAD_DIR).

    The dry run and the confirmation are two requests, which a load balancer may send to two
    processes or two machines: the file must be where both can read it.
    """
    from django.conf import settings
    from django.core.files.storage import FileSystemStorage, storages

    if "imports" in settings.STORAGES:
        return storages["imports"]
    return FileSystemStorage(location=conf.import_upload_dir(), file_permissions_mode=0o600,
                             directory_permissions_mode=0o700)


def upload_keep(upload) -> str:
    """Keep an uploaded roster until it is confirmed; returns the token that names it.

    The file holds ID numbers in clear, so it is written owner-only and the views keep
    the token in the uploader's session: nobody else can confirm or read it.
    """
    from django.core.files import File

    storage = upload_storage()
    cutoff = time.time() - conf.IMPORT_UPLOAD_HOURS * 3600
    try:
        _dirs, names = storage.listdir("")
    except FileNotFoundError:
        names = []
    for old in names:
        if old.endswith(".xlsx") and storage.get_modified_time(old).timestamp() < cutoff:
            storage.delete(old)
    token = secrets.token_urlsafe(24)
    name = storage.save(f"{token}.xlsx", upload if hasattr(upload, "chunks") else File(upload))
    if name != f"{token}.xlsx":  # a storage that renamed it would break the token; never expected
        storage.delete(name)
        raise RuntimeError("the upload storage renamed the file")
    return token


def upload_open(token: str) -> IO[bytes] | None:
    """The kept upload, open for reading, or None (an unknown token or a file already gone)."""
    if not _TOKEN.match(token or ""):
        return None
    storage = upload_storage()
    name = f"{token}.xlsx"
    return storage.open(name, "rb") if storage.exists(name) else None


def upload_discard(token: str) -> None:
    if _TOKEN.match(token or ""):
        upload_storage().delete(f"{token}.xlsx")
