"""Writes of the work summary: saving the chair's edits as a new version."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import history_record
from gonghui.orgs.models import Org

from .document import with_edits
from .models import WorkSummary, WorkSummaryVersion
from .providers import Period
from .selectors import SUMMARY_LANGUAGE, summary_draft


@transaction.atomic
def summary_version_save(
    *, org: Org, period: Period, actor, texts: dict[str, str] | None = None, title: str | None = None,
    base: dict | None = None, note: str = "",
) -> WorkSummaryVersion:
    """Keep the chair's wording as the next version.

    `base` is the content the chair was editing (a saved version); without it the draft is
    computed afresh, so the version's figures are the records' figures at the moment of saving.

    Saving what the latest version already says (a second click on Save, a recompute when
    the records have not changed) keeps no new version: it returns the latest, and writes no
    history row. The summary's row is locked first, so two saves at once number their
    versions one after the other and never both keep the same content.
    """
    scoping.require(actor=actor, action="reports.summary.save", org=org)
    summary, _created = WorkSummary.objects.select_for_update(of=("self",)).get_or_create(
        org=org, period_key=period.key, defaults={"period_label": period.label}
    )
    content = with_edits(base or summary_draft(org=org, period=period), title=title, texts=texts or {})
    latest = summary.versions.order_by("-number").first()
    if latest is not None and latest.content == content:
        return latest
    number = (summary.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = WorkSummaryVersion.objects.create(summary=summary, number=number, author=actor, content=content, note=note[:200])
    changes: dict = {"version": number}
    if texts:
        changes["edited"] = _edited_parts(content, texts)
    history_record(obj=summary, org=org, actor=actor, action="update" if number > 1 else "create", changes=changes, note=note)
    return version


def _edited_parts(content: dict, keys) -> str:
    """'开篇、二、民主管理': the parts the chair rewrote, by the headings the summary gives them."""
    with translation.override(SUMMARY_LANGUAGE):
        return "、".join(block["heading"] or _("opening") for block in content["blocks"] if block["key"] in keys)
