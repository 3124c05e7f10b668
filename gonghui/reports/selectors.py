"""Reads of the work summary: the computed draft, saved summaries and their versions."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from gonghui.core.formatting import format_date
from gonghui.core.scoping import get_in_reach_or_404, orgs_in_reach, under
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org

from .document import UnionPart, assemble
from .models import SummaryText, WorkSummary, WorkSummaryVersion
from gonghui.core.summary import org_words

from .providers import Period, collect_sections, collect_union_sections
from .voices import FEDERATION

SUMMARY_LANGUAGE = "zh-hans"   # the document is filed in Chinese whatever the reader's UI language
# Who reads a summary (pages, downloads, API); saving one asks "reports.summary.save".
VIEW = "reports.summary.view"


def federation_unions(org: Org) -> list[Org]:
    """The grassroots unions a federation's summary reports on, one by one."""
    if org.kind != OrgKind.FEDERATION:
        return []
    return list(Org.objects.filter(under(org, via=""), kind=OrgKind.UNION, is_active=True).order_by("path"))


def summary_draft(*, org: Org, period: Period, date: dt.date | None = None, parent: Org | None = None) -> dict:
    """The summary as the records state it now: every provider's sections, assembled.

    A federation adds up its unions (the providers count over the subtree) and then says
    which union did what: each provider's headline figure per union, counted for all the
    unions at once (providers.collect_union_sections).
    """
    if parent is None and org.parent_id:
        parent = Org.objects.only("name").get(pk=org.parent_id)
    with translation.override(SUMMARY_LANGUAGE):
        sections = collect_sections(org=org, period=period)
        members = federation_unions(org)
        lines = collect_union_sections(org=org, period=period, unions=members) if members else {}
        unions = [UnionPart(name=u.name, sections=lines[u.pk], sector=u.sector) for u in members]
        return assemble(
            org_name=org.name, parent_name=parent.name if parent else None, period=period, sections=sections,
            date_text=format_date(date or timezone.localdate()), unions=unions, words=org_words(org),
            sector=FEDERATION if org.kind == OrgKind.FEDERATION else org.sector,
            texts=summary_texts(org=org, period=period),
        )


def summary_texts(*, org: Org, period: Period) -> dict[str, str]:
    """{slot: the chair's text} of the period's text blocks (reports.models.SummaryText)."""
    # no ordering: a dict of slots needs none, and the model's (by org path) would join the orgs table
    return dict(SummaryText.objects.filter(org=org, period_key=period.key).order_by().values_list("slot", "text"))


def summary_orgs(*, visible_to) -> QuerySet[Org]:
    """Orgs a user may write a summary for: those they manage that report (federations, unions, branches)."""
    return orgs_in_reach(visible_to, action=VIEW).exclude(kind=OrgKind.GROUP)


def summary_org(*, visible_to, org_id: int) -> Org:
    return get_in_reach_or_404(Org.objects.all(), visible_to, via="", action=VIEW, pk=org_id)


def summary_saved(*, org: Org, period: Period) -> WorkSummary | None:
    return WorkSummary.objects.filter(org=org, period_key=period.key).first()


def summary_versions(*, summary: WorkSummary | None) -> QuerySet[WorkSummaryVersion]:
    if summary is None:
        return WorkSummaryVersion.objects.none()
    return summary.versions.select_related("author").order_by("-number")


def summary_version(*, summary: WorkSummary | None, number: int | None) -> WorkSummaryVersion | None:
    """A chosen version (404 if it is not this summary's), else the latest, else None."""
    if summary is None:
        if number is not None:
            from django.http import Http404
            raise Http404
        return None
    if number is not None:
        return get_object_or_404(WorkSummaryVersion, summary=summary, number=number)
    return summary.versions.select_related("author").order_by("-number").first()


def summary_content(*, org: Org, period: Period, number: int | None = None) -> tuple[dict, WorkSummaryVersion | None]:
    """What the reader sees: the chosen or latest saved version, else the computed draft."""
    version = summary_version(summary=summary_saved(org=org, period=period), number=number)
    if version is not None:
        return version.content, version
    return summary_draft(org=org, period=period), None
