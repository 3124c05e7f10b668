"""Writes of the work summary: saving the chair's edits as a new version."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from gonghui.core.history import history_record
from gonghui.orgs.models import Org

from .document import with_edits
from .models import WorkSummary, WorkSummaryVersion
from .providers import Period
from .selectors import summary_draft


@transaction.atomic
def summary_version_save(
    *, org: Org, period: Period, actor, texts: dict[str, str] | None = None, title: str | None = None,
    base: dict | None = None, note: str = "",
) -> WorkSummaryVersion:
    """Keep the chair's wording as the next version.

    `base` is the content the chair was editing (a saved version); without it the draft is
    computed afresh, so the version's figures are the records' figures at the moment of saving.
    """
    summary, _created = WorkSummary.objects.select_for_update().get_or_create(
        org=org, period_key=period.key, defaults={"period_label": period.label}
    )
    content = with_edits(base or summary_draft(org=org, period=period), title=title, texts=texts or {})
    number = (summary.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = WorkSummaryVersion.objects.create(summary=summary, number=number, author=actor, content=content, note=note[:200])
    history_record(obj=summary, org=org, actor=actor, action="update" if number > 1 else "create",
                   changes={"version": number, "edited": sorted((texts or {}).keys())}, note=note)
    return version
