import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.scoping import orgs_in_reach

from . import services
from .choices import EventKind
from .forms import DetectorForm, DutyPersonForm, SiteForm, ZoneForm
from .panel import ArmingRefused
from .selectors import (board_alarms, detector_get, event_list, site_get, site_list, zone_board, zone_detectors, zone_duty, zone_get,
                        zone_latched_alarms)


def _board_context(request) -> dict:
    zones = zone_board(visible_to=request.user)
    alarming = [z for z in zones if z.condition in ("fire", "intrusion")]
    latched = board_alarms(alarming)
    for zone in alarming:
        zone.banner_alarms = latched[zone.pk]  # each banner names its detectors and where they hang
    return {"zones": zones, "sounding": any(z.sounding for z in zones), "alarming": alarming}


@login_required
def board(request):
    return render(request, "alarms/board.html", _board_context(request))


@login_required
def board_tiles(request):
    return render(request, "alarms/_tiles.html", _board_context(request))


@login_required
def zone_detail(request, pk: int):
    zone = zone_get(visible_to=request.user, pk=pk)
    return render(request, "alarms/zone.html", {
        "zone": zone, "alarms": zone_latched_alarms(zone), "detectors": zone_detectors(zone), "duty": zone_duty(zone),
        "events": event_list(visible_to=request.user, zone=zone)[:30],
    })


ZONE_ACTIONS = {
    "acknowledge": lambda actor, zone: services.zone_acknowledge(actor=actor, zone=zone),
    "silence": lambda actor, zone: services.zone_silence(actor=actor, zone=zone),
    "reset": lambda actor, zone: services.zone_reset(actor=actor, zone=zone),
    "arm": lambda actor, zone: services.zone_arm(actor=actor, zone=zone),
    "disarm": lambda actor, zone: services.zone_disarm(actor=actor, zone=zone),
}


@login_required
@require_POST
def zone_action(request, pk: int, action: str):
    """A hand on the panel. From the board it comes by htmx and answers with the tiles alone, so the
    page, and with it the browser's permission to sound, stays: a reload would mute the next alarm."""
    zone = zone_get(visible_to=request.user, pk=pk)
    if action not in ZONE_ACTIONS:
        raise Http404
    notice = ""
    try:
        outcome = ZONE_ACTIONS[action](request.user, zone)
    except ArmingRefused as exc:
        notice = _("Cannot arm: %(n)s detector(s) are open. Close them or bypass them first.") % {"n": len(exc.open_detectors)}
    else:
        if action == "reset" and not outcome.zone_normal:
            notice = _("%(n)s alarm(s) stand again: their input is still active.") % {"n": outcome.standing}
    if request.htmx:
        return render(request, "alarms/_tiles.html", {**_board_context(request), "notice": notice, "answered": True})
    if notice:
        messages.error(request, notice)
    if request.POST.get("next") == "board":
        return redirect("alarms:board")
    return redirect("alarms:zone", pk=zone.pk)


@login_required
@require_POST
def detector_action(request, pk: int, action: str):
    detector = detector_get(visible_to=request.user, pk=pk,
                            action="alarms.detector.disable" if action in ("disable", "enable") else "alarms.detector.bypass")
    if action in ("bypass", "unbypass"):
        services.detector_bypass(actor=request.user, detector=detector, bypassed=action == "bypass")
    elif action in ("disable", "enable"):
        services.detector_disable(actor=request.user, detector=detector, disabled=action == "disable")
    else:
        raise Http404
    return redirect("alarms:zone", pk=detector.zone_id)


@login_required
def events(request):
    zone = zone_get(visible_to=request.user, pk=request.GET["zone"]) if request.GET.get("zone", "").isdigit() else None
    kind = request.GET.get("kind") if request.GET.get("kind") in EventKind.values else None
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    page = Paginator(event_list(visible_to=request.user, zone=zone, kind=kind, day=day), 50).get_page(request.GET.get("page"))
    return render(request, "alarms/events.html", {
        "page": page, "zone": zone, "kind": kind, "day": day, "kinds": EventKind.choices,
        "zones": zone_board(visible_to=request.user),
    })


@login_required
def setup(request):
    orgs = orgs_in_reach(request.user, action="alarms.site.manage")
    if not orgs.exists():
        raise Http404
    form = SiteForm(request.POST or None, orgs=orgs)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_create(actor=request.user, **form.cleaned_data)
        except IntegrityError:
            form.add_error("code", _("This code is already in use."))
        else:
            return redirect("alarms:setup")
    return render(request, "alarms/setup.html", {"sites": site_list(visible_to=request.user), "form": form})


def _form_page(request, *, form, title, back, save):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except IntegrityError:
            form.add_error("code" if "code" in form.fields else None, _("This code is already in use."))
        else:
            return redirect(back)
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": resolve_url(back)})


@login_required
def zone_create(request, pk: int):
    site = site_get(visible_to=request.user, pk=pk, action="alarms.zone.manage")
    return _form_page(request, form=ZoneForm(request.POST or None), title=_("New zone at %(site)s") % {"site": site.name},
                      back="alarms:setup", save=lambda data: services.zone_create(actor=request.user, site=site, **data))


@login_required
def detector_create(request, pk: int):
    zone = zone_get(visible_to=request.user, pk=pk, action="alarms.detector.manage")
    return _form_page(request, form=DetectorForm(request.POST or None), title=_("New detector in %(zone)s") % {"zone": zone.name},
                      back=f"/alarms/zones/{zone.pk}/", save=lambda data: services.detector_create(actor=request.user, zone=zone, **data))


@login_required
def duty_create(request, pk: int):
    zone = zone_get(visible_to=request.user, pk=pk, action="alarms.duty.manage")
    return _form_page(request, form=DutyPersonForm(request.POST or None), title=_("Add to the duty list of %(zone)s") % {"zone": zone.name},
                      back=f"/alarms/zones/{zone.pk}/", save=lambda data: services.duty_person_add(actor=request.user, zone=zone, **data))
