"""Excel in and out on the member list: template, upload with a dry run, confirm, export."""

import tempfile
from itertools import islice
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import scoping
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.orgs.selectors import org_labels, placement_org_list
from gonghui.core.xlsx import CONTENT_TYPE
from gonghui.orgs.models import Org

from . import services
from .forms import RosterUploadForm
from .imports import roster_import, upload_discard, upload_keep, upload_open
from .selectors import member_list
from .views import list_filters
from .workbook import export_workbook, real_name_workbook, template_workbook

EXPORT_CHUNK = 2000
SESSION_KEY = "members_roster_uploads"  # token -> org id, so only the uploader can confirm


def content_disposition(filename: str, fallback: str) -> str:
    """An attachment named in Chinese (RFC 6266 / RFC 5987): `filename*` in UTF-8 for every current
    browser, and an ASCII `filename` for anything older."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def dated_filename(stem: str, day=None) -> str:
    """'会员台帐-2026年11月26日.xlsx'."""
    day = day or timezone.localdate()
    return f"{stem}-{day.year}年{day.month}月{day.day}日.xlsx"


def _attachment(content, filename: str, fallback: str):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, fallback)
    return response


def _spooled(write, filename: str, fallback: str) -> FileResponse:
    # Write-only openpyxl spools to a temporary file, which the response then streams.
    spool = tempfile.TemporaryFile()
    write(spool)
    spool.seek(0)
    response = FileResponse(spool, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, fallback)
    return response


@login_required
def roster_template(request):
    orgs = placement_org_list(visible_to=request.user, action="members.member.import")
    if not orgs.exists():
        raise Http404
    return _attachment(template_workbook(orgs=orgs), "会员花名册模板.xlsx", "member-roster-template.xlsx")


@login_required
def roster_export(request):
    """What the list shows (same filters, same reach), every page of it, ID numbers masked."""
    members = member_list(visible_to=request.user, **list_filters(request)).iterator(chunk_size=2000)
    labels = org_labels(placement_org_list(visible_to=request.user, action="members.member.view"))
    day = timezone.localdate()
    return _spooled(lambda spool: export_workbook(members, spool, labels),
                    dated_filename("会员台帐", day), f"members-{day:%Y%m%d}.xlsx")


@login_required
def roster_export_real_name(request):
    """The real-name roster for the higher union: full ID numbers, in the import template's columns.

    Only roles that may unmask the numbers (anyone else: 404, as for what is out of reach);
    it holds the members of the list's filters among those, and each is logged as a look."""
    if not scoping.may(request.user, "members.member.unmask"):
        raise Http404
    members = member_list(visible_to=request.user, action="members.member.unmask", **list_filters(request))

    def with_numbers():
        # A chunk at a time, each chunk's looks logged before its numbers are written: memory
        # stays that of one chunk however long the roster, and no number leaves unlogged.
        rows = members.iterator(chunk_size=EXPORT_CHUNK)
        while chunk := list(islice(rows, EXPORT_CHUNK)):
            numbers = services.member_id_numbers_export(actor=request.user, members=chunk, note=_("real-name roster export"))
            yield from ((m, numbers[m.pk]) for m in chunk)

    labels = org_labels(placement_org_list(visible_to=request.user, action="members.member.unmask"))
    day = timezone.localdate()
    return _spooled(lambda spool: real_name_workbook(with_numbers(), spool, labels),
                    dated_filename("会员实名花名册", day), f"member-roster-{day:%Y%m%d}.xlsx")


@login_required
def roster_upload(request):
    orgs = placement_org_list(visible_to=request.user, action="members.member.import")
    if not orgs.exists():
        raise Http404
    # The highest org the user may import into is what most uploads are for.
    form = RosterUploadForm(request.POST or None, request.FILES or None, orgs=orgs, initial={"org": orgs.first()})
    if request.method == "POST" and form.is_valid():
        org = form.cleaned_data["org"]
        token = upload_keep(form.cleaned_data["file"])
        with upload_open(token) as kept:
            result = roster_import(actor=request.user, org=org, source=kept, dry_run=True)
        if result.ok and result.roster.rows:
            request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), token: org.pk}
        else:
            upload_discard(token)
            token = None
        return render(request, "members/import_report.html", {
            "result": result, "org": org, "token": token, "filename": form.cleaned_data["file"].name,
        })
    return render(request, "members/import.html", {"form": form})


@login_required
@require_POST
def roster_confirm(request, token: str):
    uploads = request.session.get(SESSION_KEY, {})
    kept = upload_open(token) if token in uploads else None
    if kept is None:
        raise Http404
    with kept:
        org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.import", pk=uploads[token])
        result = roster_import(actor=request.user, org=org, source=kept, note=request.POST.get("filename", "")[:200])
    upload_discard(token)
    request.session[SESSION_KEY] = {k: v for k, v in uploads.items() if k != token}
    if not result.ok:  # the roll changed since the dry run
        return render(request, "members/import_report.html", {"result": result, "org": org, "token": None})
    messages.success(request, _("%(n)s people were added to the member book of %(org)s.") % {"n": result.created, "org": org.name})
    return redirect(f"{reverse('members:list')}?org={org.pk}")
