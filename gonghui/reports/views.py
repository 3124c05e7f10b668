from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .document import SECTION_TEXT_PARTS, annotated_blocks, block_text, is_text_slot, render_text, section_slot
from .forms import PeriodForm
from .providers import Period
from .rendering import render_docx, render_pdf
from .models import SummaryText, text_slot_label
from .voices import SECTION_KEYS
from .selectors import (
    SUMMARY_LANGUAGE, VIEW, summary_content, summary_draft, summary_org, summary_orgs, summary_saved, summary_texts, summary_versions,
)

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}


def _period(key: str) -> Period:
    try:
        return Period.from_key(key)
    except ValueError as exc:
        raise Http404 from exc


def _version_number(request) -> int | None:
    raw = request.GET.get("v", "")
    return int(raw) if raw.isdigit() else None


@login_required
def summary_index(request):
    orgs = summary_orgs(visible_to=request.user)
    top = orgs.order_by("depth", "path").first()
    # the one highest org in reach (a chair's union, an officer's federation) is already chosen
    initial = {"org": top.pk} if top and not orgs.filter(depth=top.depth).exclude(pk=top.pk).exists() else None
    form = PeriodForm(request.GET or None, orgs=orgs, action=VIEW, initial=initial)
    if form.is_bound and form.is_valid():
        org = summary_org(visible_to=request.user, org_id=form.cleaned_data["org"].pk)
        period = Period.choose(form.cleaned_data["year"], half=form.cleaned_data["half"], to_year=form.cleaned_data["to_year"])
        return redirect("reports:read", org_id=org.pk, period=period.key)
    return render(request, "reports/index.html", {"form": form, "has_orgs": top is not None})


@login_required
def summary_read(request, org_id: int, period: str):
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    content, version = summary_content(org=org, period=chosen, number=_version_number(request))
    blocks = annotated_blocks(content)
    return render(request, "reports/read.html", {
        "org": org, "period": chosen, "content": content, "blocks": blocks, "version": version,
    })


def _rows(block: dict) -> int:
    """Enough lines to see a block whole on a phone."""
    return min(24, max(4, len(block_text(block)) // 14 + 2))


@login_required
def summary_edit(request, org_id: int, period: str):
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    if request.htmx and request.GET.get("restore"):
        # one block back to the wording the records give now, without leaving the page
        fresh = next((b for b in summary_draft(org=org, period=chosen)["blocks"] if b["key"] == request.GET["restore"]), None)
        if fresh is None:
            raise Http404
        return render(request, "reports/_block.html", {"block": {**fresh, "text": block_text(fresh), "rows": _rows(fresh)}})
    content, version = summary_content(org=org, period=chosen)
    if request.method == "POST":
        texts = {b["key"]: request.POST[f"block-{b['key']}"] for b in content["blocks"] if f"block-{b['key']}" in request.POST}
        saved = services.summary_version_save(
            org=org, period=chosen, actor=request.user, texts=texts, title=request.POST.get("title"),
            base=content if version else None, note=request.POST.get("note", ""),
        )
        messages.success(request, _("Saved as version %(n)s.") % {"n": saved.number})
        return redirect("reports:read", org_id=org.pk, period=chosen.key)
    blocks = [{**b, "text": block_text(b), "rows": _rows(b)} for b in content["blocks"]]
    return render(request, "reports/edit.html", {"org": org, "period": chosen, "content": content, "blocks": blocks,
                                                 "version": version, "texts": _text_fields(org, chosen, content)})


def _text_fields(org, period: Period, content: dict, posted: dict | None = None) -> list[dict]:
    """The chair's text blocks as the edit page shows them: slot, label, what is kept (or was posted).

    The four blocks of the period, then an opening and a closing for each area the summary tells
    (by its heading), then any area's words kept for an area that holds nothing this period.
    """
    kept = summary_texts(org=org, period=period)
    values = posted or kept
    fields = [{"slot": slot, "label": label, "text": values.get(slot, "")} for slot, label in SummaryText.Slot.choices]
    areas = [(b["key"], b["heading"]) for b in content["blocks"] if b["kind"] == "area" and b["key"] in SECTION_KEYS]
    areas += [(key, "") for key in SECTION_KEYS if key not in dict(areas)
              and any(values.get(section_slot(key, part)) for part in SECTION_TEXT_PARTS)]
    for key, heading in areas:
        for part in SECTION_TEXT_PARTS:
            slot = section_slot(key, part)
            fields.append({"slot": slot, "label": text_slot_label(slot, heading), "text": values.get(slot, ""),
                           "area": True})
    return fields


def _posted_texts(request) -> dict[str, str]:
    return {name.removeprefix("text-"): value for name, value in request.POST.items()
            if name.startswith("text-") and is_text_slot(name.removeprefix("text-"))}


@login_required
@require_POST
def summary_texts_edit(request, org_id: int, period: str):
    """Keep the chair's own words (opening, 得益于, shortcomings, plans); they survive every recompute."""
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    posted = _posted_texts(request)
    try:
        services.summary_texts_save(org=org, period=chosen, texts=posted, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        content, version = summary_content(org=org, period=chosen)
        blocks = [{**b, "text": block_text(b), "rows": _rows(b)} for b in content["blocks"]]
        return render(request, "reports/edit.html", {"org": org, "period": chosen, "content": content, "blocks": blocks,
                                                     "version": version, "texts": _text_fields(org, chosen, content, posted)},
                      status=400)
    messages.success(request, _("The chair's own text is kept; it stays when the summary is recomputed."))
    return redirect("reports:read", org_id=org.pk, period=chosen.key)


@login_required
@require_POST
def summary_recompute(request, org_id: int, period: str):
    """A new version written afresh from the records, for when they changed after the last edit."""
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    saved = services.summary_version_save(org=org, period=chosen, actor=request.user, note=_("recomputed from the records"))
    messages.success(request, _("Saved as version %(n)s.") % {"n": saved.number})
    return redirect("reports:read", org_id=org.pk, period=chosen.key)


@login_required
def summary_versions_view(request, org_id: int, period: str):
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    versions = summary_versions(summary=summary_saved(org=org, period=chosen))
    return render(request, "reports/versions.html", {"org": org, "period": chosen, "versions": versions})


@login_required
def summary_download(request, org_id: int, period: str, fmt: str):
    if fmt not in CONTENT_TYPES:
        raise Http404
    org, chosen = summary_org(visible_to=request.user, org_id=org_id), _period(period)
    content, _version = summary_content(org=org, period=chosen, number=_version_number(request))
    return summary_file_response(content, fmt)


def download_name(content: dict, fmt: str) -> str:
    """'工作总结-本部工会-2025年.docx': what the office files it under, in the summary's language."""
    with translation.override(SUMMARY_LANGUAGE):
        kind = _("Work summary")
    return f"{kind}-{content['org_name']}-{content['period']['label']}.{fmt}"


def content_disposition(filename: str, *, fallback: str) -> str:
    """An attachment header with the Chinese name (RFC 5987 `filename*`) and a plain ASCII
    `filename` for the few clients that read only that."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def summary_file_response(content: dict, fmt: str) -> HttpResponse:
    data = {"docx": render_docx, "pdf": render_pdf, "txt": lambda c: render_text(c).encode("utf-8")}[fmt](content)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(
        download_name(content, fmt), fallback=f"work-summary-{content['period']['key']}.{fmt}")
    return response
