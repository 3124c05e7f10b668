"""Every write of the safety network and the hazard census. Each writes its history row in the
same transaction, and each step of a report's loop leaves a notice in the rep's inbox.

Each state change locks its row and looks at it afresh (`voice.steps.lock`): the same step twice (a double
tap, a retried request, twenty cadres at once) is done once, with one history row and one notice.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import history_record
from gonghui.members.choices import MemberStatus
from gonghui.members.models import Member
from gonghui.orgs.models import Org
from gonghui.voice.choices import Rating
from gonghui.voice.steps import (
    bulk_history as _bulk_history, last_reopen_reason as _last_reopen_reason, lock as _lock, notify_member as _notify_member,
    require_own as _require_own, required as _required, with_ids as _with_ids,
)
from gonghui.voice.uploads import photo_check

from .choices import FollowUpKind, HazardFactor, ReportStatus, Severity
from .models import Exposure, FollowUp, HazardPost, SafetyGroup, SafetyRep, SafetyReport

# ---------------------------------------------------------------- the safety network

@transaction.atomic
def safety_group_create(*, actor, org: Org, name: str) -> SafetyGroup:
    scoping.require(actor=actor, action="safety.network.manage", org=org)
    name = _required(name, "name", _("Give the group a name."))
    if SafetyGroup.objects.filter(org=org).exists():
        raise ValidationError({"org": _("This unit already has a supervision group.")})
    group = SafetyGroup.objects.create(org=org, name=name)
    history_record(obj=group, org=org, actor=actor, action="create", changes={"name": name})
    return group


@transaction.atomic
def safety_rep_appoint(*, actor, group: SafetyGroup, member: Member, appointed_on: dt.date | None = None) -> SafetyRep:
    """Appoint a member as safety rep. With a login, they also get the safety_rep role to report."""
    scoping.require(actor=actor, action="safety.network.manage", org=group.org)
    if member.status != MemberStatus.ACTIVE or not group.org.path.startswith(member.union.path):
        raise ValidationError({"member": _("Only a member of this union can be its safety rep.")})
    if SafetyRep.objects.filter(member=member, ended_on__isnull=True).exists():
        raise ValidationError({"member": _("This member is already a safety rep.")})
    rep = SafetyRep.objects.create(org=group.org, group=group, member=member, appointed_on=appointed_on or dt.date.today())
    history_record(obj=rep, org=group.org, actor=actor, action="create", changes={"member": member.name, "group": group.name})
    if member.user_id is not None:
        from gonghui.accounts.services import role_grant

        role_grant(actor=actor, user=member.user, org=group.org, role="safety_rep")
    return rep


@transaction.atomic
def safety_rep_end(*, actor, rep: SafetyRep, ended_on: dt.date | None = None) -> SafetyRep:
    """End an appointment; ending it again changes nothing."""
    scoping.require(actor=actor, action="safety.network.manage", org=rep.org)
    _lock(rep)
    if rep.ended_on is not None:
        return rep
    rep.ended_on = ended_on or dt.date.today()
    rep.save()
    history_record(obj=rep, org=rep.org, actor=actor, action="update", changes={"ended_on": [None, rep.ended_on.isoformat()]})
    return rep


@transaction.atomic
def safety_network_bulk_create(*, actor, groups: list[tuple[Org, str]], reps: list[tuple[int, Member, dt.date]],
                               note: str = "") -> tuple[list[SafetyGroup], list[SafetyRep]]:
    """Groups, then reps as (index of their group, member, appointed on): a whole network at once."""
    for org in {o.pk: o for o, _n in groups}.values():
        scoping.require(actor=actor, action="safety.network.manage", org=org)
    taken = set(SafetyGroup.objects.filter(org__in=[o for o, _n in groups]).values_list("org_id", flat=True))
    if taken:
        raise ValidationError(_("A unit in the batch already has a supervision group."))
    made = [SafetyGroup.objects.create(org=o, name=n) for o, n in groups]
    members = [m for _i, m, _d in reps]
    if len({m.pk for m in members}) != len(members) or SafetyRep.objects.filter(member__in=members, ended_on__isnull=True).exists():
        raise ValidationError(_("A member in the batch is already a safety rep."))
    appointed = SafetyRep.objects.bulk_create(
        [SafetyRep(org=made[i].org, group=made[i], member=m, appointed_on=d) for i, m, d in reps], batch_size=1000)
    if appointed and appointed[0].pk is None:
        ids = dict(SafetyRep.objects.filter(member__in=members, ended_on__isnull=True).values_list("member_id", "pk"))
        for r in appointed:
            r.pk = ids[r.member_id]
    _bulk_history(made, actor=actor, note=note)
    _bulk_history(appointed, actor=actor, note=note)
    return made, appointed


def open_appointment(member: Member | None) -> SafetyRep | None:
    if member is None:
        return None
    return SafetyRep.objects.select_related("group", "org").filter(member=member, ended_on__isnull=True).first()


def _report_url(report: SafetyReport) -> str:
    return reverse("safety:report", args=[report.pk])


def _tell_reporter(report: SafetyReport, title: str) -> None:
    _notify_member(report.reporter, org=report.org, title=title, body=f"{report.place}\n{report.answer or report.progress}".strip(),
                   url=_report_url(report))


@transaction.atomic
def safety_report_submit(*, actor, reporter: Member, place: str, description: str, severity: str = Severity.MEDIUM, photo=None,
                         idempotency_key: str = "", reported_on: dt.date | None = None) -> SafetyReport:
    """A safety rep reports a hazard, as themself (`actor` is their login); the same key twice gives the same report."""
    _require_own(actor=actor, action="safety.report.submit", member=reporter)
    appointment = open_appointment(reporter)
    if appointment is None:
        raise ValidationError(_("Only an appointed safety rep can file a safety report."))
    key = (idempotency_key or "").strip()[:64]
    if key and (found := SafetyReport.objects.filter(reporter=reporter, idempotency_key=key).first()):
        return found
    place = _required(place, "place", _("Say where the hazard is."))[:120]
    description = _required(description, "description", _("Describe the hazard."))
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Choose a severity.")})
    photo_check(photo)
    report = SafetyReport(org=appointment.org, group=appointment.group, reporter=reporter, idempotency_key=key, place=place,
                          description=description, severity=severity, reported_on=reported_on or dt.date.today())
    if photo is not None:
        report.photo = photo
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return SafetyReport.objects.get(reporter=reporter, idempotency_key=key)
    history_record(obj=report, org=report.org, actor=reporter.user, action="create", changes={"place": place, "severity": severity})
    _tell_reporter(report, _("Your safety report was received"))
    return report


def _report_move(report: SafetyReport, actor, to: str, changes: dict, note: str = "") -> None:
    before = report.status
    report.status = to
    report.save()
    history_record(obj=report, org=report.org, actor=actor, action="state", changes={"status": [before, to], **changes}, note=note)


# As with suggestions, each step locks the report and looks at it afresh: the same step twice
# (a double tap, twenty cadres at once) is done once, with one history row and one notice.

@transaction.atomic
def safety_report_forward(*, actor, report: SafetyReport, unit: str, deadline: dt.date) -> SafetyReport:
    """The union hands the report to the functional unit responsible, with a date to answer by."""
    scoping.require(actor=actor, action="safety.report.handle", org=report.org)
    _lock(report)
    unit = _required(unit, "unit", _("Name the unit responsible."))[:100]
    if report.status == ReportStatus.FORWARDED and report.responsible_unit == unit and report.deadline == deadline:
        return report
    if report.status == ReportStatus.RESOLVED:
        raise ValidationError(_("This report is already resolved."))
    if deadline is None or deadline < report.reported_on:
        raise ValidationError({"deadline": _("The deadline must fall after the report was made.")})
    report.responsible_unit = unit
    report.deadline = deadline
    _report_move(report, actor, ReportStatus.FORWARDED, {"responsible_unit": report.responsible_unit, "deadline": deadline.isoformat()})
    _tell_reporter(report, _("Your safety report was forwarded to %(unit)s") % {"unit": report.responsible_unit})
    return report


@transaction.atomic
def safety_report_progress(*, actor, report: SafetyReport, progress: str) -> SafetyReport:
    """What the unit has done so far: the report stays open, being acted on."""
    scoping.require(actor=actor, action="safety.report.handle", org=report.org)
    _lock(report)
    progress = _required(progress, "progress", _("Say what has been done."))
    if report.status == ReportStatus.IN_PROGRESS and report.progress.split("\n")[-1] == progress:
        return report  # the same progress, sent twice
    if report.status == ReportStatus.RESOLVED:
        raise ValidationError(_("This report is already resolved."))
    report.progress = f"{report.progress}\n{progress}".strip()
    _report_move(report, actor, ReportStatus.IN_PROGRESS, {}, note=progress)
    _tell_reporter(report, _("There is progress on your safety report"))
    return report


@transaction.atomic
def safety_report_answer(*, actor, report: SafetyReport, answer: str, resolved: bool, on: dt.date | None = None) -> SafetyReport:
    """The written answer to the rep; the report is resolved, or stays being acted on."""
    scoping.require(actor=actor, action="safety.report.handle", org=report.org)
    _lock(report)
    answer = _required(answer, "answer", _("Write the answer to the safety rep."))
    target = ReportStatus.RESOLVED if resolved else ReportStatus.IN_PROGRESS
    if report.status == target and report.answer == answer:
        return report  # this answer was given already
    if report.status == ReportStatus.RESOLVED:
        raise ValidationError(_("This report is already resolved."))
    report.answer = answer
    report.answered_on = on or dt.date.today()
    if report.days_to_answer is None:  # the first answer is what the rep waited for
        report.days_to_answer = max((report.answered_on - report.reported_on).days, 0)
    if resolved:
        report.resolved_on = report.answered_on
    _report_move(report, actor, target, {"answer": report.answer})
    _tell_reporter(report, _("Your safety report was resolved") if resolved else _("Your safety report was answered"))
    return report


@transaction.atomic
def safety_report_rate(*, report: SafetyReport, rating: str, by) -> SafetyReport:
    """The rep's verdict on the answer; `by` is the rep's login."""
    _require_own(actor=by, action="safety.report.close", member=report.reporter)
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose satisfied, fairly satisfied or dissatisfied.")})
    _lock(report)
    if not report.answer:
        raise ValidationError(_("There is no answer to rate yet."))
    before = report.rating
    if before == rating:
        return report
    report.rating = rating
    report.save()
    history_record(obj=report, org=report.org, actor=by, action="update", changes={"rating": [before, rating]})
    return report


@transaction.atomic
def safety_report_reopen(*, report: SafetyReport, reason: str, by) -> SafetyReport:
    """Marked resolved but the hazard is still there: open again, counted as reopened."""
    _require_own(actor=by, action="safety.report.close", member=report.reporter)
    reason = _required(reason, "reason", _("Say what is still not done."))
    _lock(report)
    if report.status != ReportStatus.RESOLVED:
        if report.reopen_count and _last_reopen_reason(report) == reason:
            return report  # this very reopening went through already
        raise ValidationError(_("Only a resolved report can be reopened."))
    report.reopen_count += 1
    report.resolved_on = None
    report.rating = ""
    _report_move(report, by, ReportStatus.IN_PROGRESS, {"reopened": report.reopen_count}, note=reason)
    return report


@dataclass
class SafetyReportRow:
    appointment: SafetyRep
    place: str
    description: str
    reported_on: dt.date
    severity: str = Severity.MEDIUM
    status: str = ReportStatus.RECEIVED
    responsible_unit: str = ""
    deadline: dt.date | None = None
    progress: str = ""
    answer: str = ""
    answered_on: dt.date | None = None
    resolved_on: dt.date | None = None


@transaction.atomic
def safety_reports_bulk_create(*, actor, rows: list[SafetyReportRow], note: str = "") -> list[SafetyReport]:
    for org in {row.appointment.org_id: row.appointment.org for row in rows}.values():
        scoping.require(actor=actor, action="safety.report.import", org=org)
    built = []
    for i, row in enumerate(rows):
        if row.status == ReportStatus.RESOLVED and not (row.answer and row.resolved_on):
            raise ValidationError(_("Row %(n)s: a resolved report needs its answer and date.") % {"n": i + 1})
        built.append(SafetyReport(
            org_id=row.appointment.org_id, group_id=row.appointment.group_id, reporter_id=row.appointment.member_id,
            idempotency_key=f"bulk-{secrets.token_hex(12)}", place=row.place[:120], description=row.description,
            severity=row.severity, reported_on=row.reported_on, status=row.status, responsible_unit=row.responsible_unit,
            deadline=row.deadline, progress=row.progress, answer=row.answer, answered_on=row.answered_on,
            days_to_answer=max((row.answered_on - row.reported_on).days, 0) if row.answered_on else None,
            resolved_on=row.resolved_on,
        ))
    created = _with_ids(SafetyReport, SafetyReport.objects.bulk_create(built, batch_size=1000), "idempotency_key")
    _bulk_history(created, actor=actor, note=note)
    return created


# ---------------------------------------------------------------- hazard posts and exposure

def _clean_factors(factors: list[str]) -> list[str]:
    factors = [f for f in dict.fromkeys(factors or [])]
    if not factors:
        raise ValidationError({"factors": _("Name at least one hazard factor.")})
    unknown = set(factors) - set(HazardFactor.values)
    if unknown:
        raise ValidationError({"factors": _("Unknown hazard factor: %(f)s") % {"f": ", ".join(sorted(unknown))}})
    return factors


@transaction.atomic
def hazard_post_create(*, actor, org: Org, name: str, factors: list[str], surveyed_on: dt.date, note: str = "") -> HazardPost:
    scoping.require(actor=actor, action="safety.hazard.manage", org=org)
    post = HazardPost.objects.create(org=org, name=_required(name, "name", _("Name the post."))[:100],
                                     factors=_clean_factors(factors), surveyed_on=surveyed_on, note=note)
    history_record(obj=post, org=org, actor=actor, action="create", changes={"name": post.name, "factors": post.factors})
    return post


@transaction.atomic
def hazard_posts_bulk_create(*, actor, rows: list[tuple[Org, str, list[str], dt.date]], note: str = "") -> list[HazardPost]:
    for org in {o.pk: o for o, _n, _f, _d in rows}.values():
        scoping.require(actor=actor, action="safety.hazard.manage", org=org)
    built = [HazardPost(org=o, name=n[:100], factors=_clean_factors(f), surveyed_on=d) for o, n, f, d in rows]
    created = [p for p in HazardPost.objects.bulk_create(built)]
    if created and created[0].pk is None:
        created = list(HazardPost.objects.order_by("-id")[: len(built)])[::-1]
    _bulk_history(created, actor=actor, note=note)
    return created


@transaction.atomic
def exposure_add(*, actor, post: HazardPost, member: Member, since: dt.date) -> Exposure:
    scoping.require(actor=actor, action="safety.hazard.manage", org=post.org)
    if not member.union.path or not post.org.path.startswith(member.union.path):
        raise ValidationError({"member": _("Only a member of this union can be recorded on its posts.")})
    if Exposure.objects.filter(post=post, member=member, until__isnull=True).exists():
        raise ValidationError({"member": _("This worker is already recorded on the post.")})
    exposure = Exposure.objects.create(org=post.org, post=post, member=member, since=since)
    history_record(obj=exposure, org=post.org, actor=actor, action="create", changes={"member": member.name, "post": post.name})
    return exposure


@transaction.atomic
def exposure_end(*, actor, exposure: Exposure, until: dt.date) -> Exposure:
    scoping.require(actor=actor, action="safety.hazard.manage", org=exposure.org)
    _lock(exposure)
    if exposure.until is not None:
        if exposure.until == until:
            return exposure  # ended so already
        raise ValidationError(_("This worker has already left the post."))
    if until < exposure.since:
        raise ValidationError({"until": _("The end falls before the start.")})
    exposure.until = until
    exposure.save()
    history_record(obj=exposure, org=exposure.org, actor=actor, action="update", changes={"until": [None, until.isoformat()]})
    return exposure


@transaction.atomic
def follow_up_plan(*, actor, exposure: Exposure, kind: str, due_on: dt.date, note: str = "") -> FollowUp:
    scoping.require(actor=actor, action="safety.hazard.manage", org=exposure.org)
    if kind not in FollowUpKind.values:
        raise ValidationError({"kind": _("Choose what the follow-up is.")})
    follow_up = FollowUp.objects.create(org=exposure.org, exposure=exposure, kind=kind, due_on=due_on, note=note[:200])
    history_record(obj=follow_up, org=exposure.org, actor=actor, action="create", changes={"kind": kind, "due_on": due_on.isoformat()})
    return follow_up


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp, done_on: dt.date, note: str = "") -> FollowUp:
    scoping.require(actor=actor, action="safety.hazard.manage", org=follow_up.org)
    _lock(follow_up)
    if follow_up.done_on is not None:
        if follow_up.done_on == done_on:
            return follow_up  # marked done so already
        raise ValidationError(_("This follow-up is already done."))
    follow_up.done_on = done_on
    if note.strip():
        follow_up.note = note.strip()[:200]
    follow_up.save()
    history_record(obj=follow_up, org=follow_up.org, actor=actor, action="update", changes={"done_on": [None, done_on.isoformat()]})
    return follow_up
