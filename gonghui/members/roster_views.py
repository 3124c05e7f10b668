"""Excel in and out on the member list: template, upload with a dry run, confirm, export."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.orgs.selectors import placement_org_list
from gonghui.core.scoping import get_in_reach_or_404
from gonghui.core.xlsx import CONTENT_TYPE
from gonghui.orgs.models import Org

from .forms import RosterUploadForm
from .imports import roster_import, upload_discard, upload_keep, upload_path
from .selectors import member_list
from .views import list_filters
from .workbook import export_workbook, template_workbook

SESSION_KEY = "members_roster_uploads"  # token -> org id, so only the uploader can confirm


def _attachment(content, filename: str):
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


@login_required
def roster_template(request):
    orgs = placement_org_list(visible_to=request.user, action="members.member.import")
    if not orgs.exists():
        raise Http404
    return _attachment(template_workbook(orgs=orgs), "%E4%BC%9A%E5%91%98%E8%8A%B1%E5%90%8D%E5%86%8C%E6%A8%A1%E6%9D%BF.xlsx")


@login_required
def roster_export(request):
    """What the list shows (same filters, same reach), every page of it, ID numbers masked."""
    members = member_list(visible_to=request.user, **list_filters(request)).iterator(chunk_size=2000)
    # Write-only openpyxl spools to a temporary file, which the response then streams.
    spool = tempfile.TemporaryFile()
    export_workbook(members, spool)
    spool.seek(0)
    name = f"members-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=CONTENT_TYPE)


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
        result = roster_import(actor=request.user, org=org, source=str(upload_path(token)), dry_run=True)
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
    path = upload_path(token)
    if token not in uploads or path is None:
        raise Http404
    org = get_in_reach_or_404(Org.objects.all(), request.user, via="", action="members.member.import", pk=uploads[token])
    result = roster_import(actor=request.user, org=org, source=str(path), note=request.POST.get("filename", "")[:200])
    upload_discard(token)
    request.session[SESSION_KEY] = {k: v for k, v in uploads.items() if k != token}
    if not result.ok:  # the roll changed since the dry run
        return render(request, "members/import_report.html", {"result": result, "org": org, "token": None})
    messages.success(request, _("%(n)s people were added to the member book of %(org)s.") % {"n": result.created, "org": org.name})
    return redirect(f"{reverse('members:list')}?org={org.pk}")
