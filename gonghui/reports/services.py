"""Writes of the work summary: saving the chair's edits as a new version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import history_record
from gonghui.core.text import multi_line
from gonghui.orgs.models import Org

from .document import is_text_slot, with_edits
from .models import SummaryText, WorkSummary, WorkSummaryVersion, text_slot_label
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


# A text block is a few paragraphs of the chair's; past this it is not a block but a document.
TEXT_LIMIT = 4000


class TextRefused(ValidationError):
    """A text block refused, with the reason in Chinese (the view shows it; the API answers 422)."""


@transaction.atomic
def summary_text_set(*, org: Org, period: Period, slot: str, text: str, actor, note: str = "") -> SummaryText | None:
    """Keep the chair's words for one part of the period's summary; an empty text removes them.

    `slot` is one of document.TEXT_SLOTS (opening, credit, shortcomings, plans) or frames one
    area: '<key>:opening' / '<key>:closing' (document.section_slot), e.g. 'care:closing'.

    The blocks live beside the versions, so every draft computed afresh from the records
    (a recompute, a new download) carries them. Setting what is already there writes nothing.
    """
    scoping.require(actor=actor, action="reports.summary.save", org=org)
    if not is_text_slot(slot):
        raise TextRefused(_("Unknown part of the summary: %(slot)s.") % {"slot": slot})
    text = multi_line(text)
    if len(text) > TEXT_LIMIT:
        raise TextRefused(_("%(part)s is longer than %(n)s characters.") % {"part": text_slot_label(slot), "n": TEXT_LIMIT})
    row = SummaryText.objects.select_for_update().filter(org=org, period_key=period.key, slot=slot).first()
    if row is not None and row.text == text:
        return row
    if not text:
        if row is not None:
            history_record(obj=row, org=org, actor=actor, action="delete", changes={"text": [row.text, ""]}, note=note)
            row.delete()
        return None
    if row is None:
        row = SummaryText.objects.create(org=org, period_key=period.key, slot=slot, text=text)
        history_record(obj=row, org=org, actor=actor, action="create", changes={"text": ["", text]}, note=note)
        return row
    before, row.text = row.text, text
    row.save(update_fields=["text", "updated_at"])
    history_record(obj=row, org=org, actor=actor, action="update", changes={"text": [before, text]}, note=note)
    return row


@transaction.atomic
def summary_texts_save(*, org: Org, period: Period, texts: dict[str, str], actor) -> dict[str, str]:
    """Set several text blocks at once (the edit page, the API), all or none.

    When the summary already has saved versions, the reader sees the latest one, not the
    draft: so a change of the chair's words also keeps a new version, written afresh from
    the records and the blocks, as a recompute does.
    """
    from .selectors import summary_saved, summary_texts

    before = summary_texts(org=org, period=period)
    for slot, text in texts.items():
        summary_text_set(org=org, period=period, slot=slot, text=text, actor=actor)
    after = summary_texts(org=org, period=period)
    if after != before and summary_saved(org=org, period=period) is not None:
        with translation.override(SUMMARY_LANGUAGE):
            note = _("the chair's own text changed")
        summary_version_save(org=org, period=period, actor=actor, note=note)
    return after
