"""Every write to targets, meetings, plans and disclosures; each writes its history row.

Each service asks `scoping.require` before it writes. A state change (publishing, answering
an objection, a plan's status, a target's check) locks its row and looks again under the
lock, so two clicks, two tabs or a retried request change the state once: the repeat finds
the state already reached and returns it, with no second history row and no second notice.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils import timezone

from gonghui.core import scoping
from gonghui.core.formatting import format_date
from gonghui.core.files import begins_as, extension_of
from gonghui.core.history import diff, history_record, locked, model_update, snapshot
from gonghui.orgs.models import Org

from .choices import CheckKind, MeetingKind, ObjectionStatus, PlanStatus
from .models import Disclosure, DisclosureAttachment, Meeting, MeetingDecision, MeetingRule, Objection, Plan, Target, TargetCheck

TARGET_FIELDS = ("name", "unit", "target", "note")
MEETING_FIELDS = ("kind", "title", "date", "place", "present", "expected", "agenda", "minutes")
PLAN_FIELDS = ("year", "half", "position", "text", "owner", "status", "result")
DISCLOSURE_FIELDS = ("title", "body", "category", "notice_until")


def _created(obj, fields: tuple[str, ...]) -> dict[str, list]:
    """A create's history: every field from nothing to its value (the history list shows before → after)."""
    return {name: [None, value] for name, value in snapshot(obj, fields).items()}


def _check_only(changes: dict[str, Any], allowed: tuple[str, ...], model) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        # named as the pages name them (目标值, not 'target'); a key that is no field stays as sent
        names = []
        for name in sorted(unknown):
            try:
                names.append(str(model._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                names.append(name)
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": "、".join(names)})


# ── targets ──────────────────────────────────────────────────────────────────

def _fits(model, name: str, value) -> None:
    """The figure fits its column (digits before and after the point), or a ValidationError on
    it: a target of 1e-30 would otherwise be stored and break every completion rate after it."""
    if value is None:
        return
    try:
        model._meta.get_field(name).clean(value, None)
    except ValidationError as exc:
        raise ValidationError({name: exc.messages}) from None


def _validate_target(target: Target) -> None:
    _fits(Target, "target", target.target)
    if target.target is None or Decimal(target.target) <= 0:
        raise ValidationError({"target": _("The target must be more than zero.")})
    if not target.name.strip():
        raise ValidationError({"name": _("Name the indicator.")})


@transaction.atomic
def target_create(*, actor, org: Org, year: int, name: str, unit: str, target: Decimal, note: str = "") -> Target:
    scoping.require(actor=actor, action="governance.target.edit", org=org)
    row = Target(org=org, year=year, name=name.strip(), unit=unit.strip(), target=Decimal(target), note=note)
    _validate_target(row)
    if Target.objects.filter(org=org, year=year, name=row.name).exists():
        raise ValidationError({"name": _("This organisation already has this indicator for the year.")})
    row.save()
    history_record(obj=row, org=org, actor=actor, action="create", changes=_created(row, ("year", "name", "unit", "target")))
    return row


@transaction.atomic
def target_update(*, actor, target: Target, changes: dict[str, Any]) -> Target:
    # `changes` is a dict, not **kwargs: the model has a field called `target`.
    scoping.require(actor=actor, action="governance.target.edit", org=target.org)

    def checked(row: Target) -> None:
        _validate_target(row)
        if "name" in changes and Target.objects.filter(org=row.org_id, year=row.year, name=row.name).exclude(pk=row.pk).exists():
            raise ValidationError({"name": _("This organisation already has this indicator for the year.")})

    model_update(obj=target, changes=changes, allowed=TARGET_FIELDS, actor=actor, org=target.org, before_save=checked)
    return target


@transaction.atomic
def target_check_record(
    *, actor, target: Target, kind: str, date: dt.date, actual: Decimal, checker: str = "", remark: str = ""
) -> TargetCheck:
    """Record a check; the target's `actual` becomes the figure of its latest check.

    The same check sent twice (a double click, a retried request) is recorded once: the
    repeat returns the check already there."""
    scoping.require(actor=actor, action="governance.target.check", org=target.org)
    if kind not in CheckKind.values:
        raise ValidationError({"kind": _("Unknown kind of check.")})
    if date.year not in (target.year, target.year + 1):
        # the year-end assessment may sit in January of the following year, nothing later
        raise ValidationError({"date": _("The check must fall in the target's year (or the January after).")})
    _fits(TargetCheck, "actual", actual)
    if Decimal(actual) < 0:
        raise ValidationError({"actual": _("The actual cannot be negative.")})
    locked(target)
    same = target.checks.filter(kind=kind, date=date, actual=Decimal(actual), remark=remark).order_by("id").first()
    if same is not None:
        return same
    if kind != CheckKind.OTHER and target.checks.filter(kind=kind).exists():
        raise ValidationError({"kind": _("This check has already been recorded for the target.")})
    check = TargetCheck.objects.create(
        target=target, kind=kind, date=date, actual=Decimal(actual),
        checked_by=actor if actor is not None and actor.is_authenticated else None,
        checker=checker or (getattr(actor, "display_name", "") or getattr(actor, "username", "") if actor else ""),
        remark=remark,
    )
    latest = target.checks.order_by("-date", "-id").first()
    before = target.actual
    target.actual = latest.actual
    target.save(update_fields=["actual", "updated_at"])
    history_record(
        obj=target, org=target.org, actor=actor, action="update",
        changes={"actual": [None if before is None else str(before), str(target.actual)]},
        note=" · ".join(part for part in (str(check.get_kind_display()), format_date(date), remark) if part),
    )
    return check


# ── meetings ─────────────────────────────────────────────────────────────────

def _validate_meeting(meeting: Meeting) -> None:
    if meeting.kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Unknown kind of meeting.")})
    if meeting.expected and meeting.present > meeting.expected:
        raise ValidationError({"present": _("More present than expected: check the attendance.")})
    if not meeting.title.strip():
        raise ValidationError({"title": _("Give the meeting a title.")})


def _decisions_replace(meeting: Meeting, decisions: list[str]) -> None:
    meeting.decisions.all().delete()
    MeetingDecision.objects.bulk_create(
        [MeetingDecision(meeting=meeting, position=i, text=text.strip()[:200]) for i, text in enumerate(decisions) if text.strip()]
    )


@transaction.atomic
def meeting_record(
    *, actor, org: Org, kind: str, title: str, date: dt.date, present: int = 0, expected: int = 0,
    place: str = "", agenda: str = "", minutes: str = "", decisions: list[str] | None = None,
) -> Meeting:
    scoping.require(actor=actor, action="governance.meeting.record", org=org)
    meeting = Meeting(org=org, kind=kind, title=title.strip(), date=date, present=present, expected=expected,
                      place=place, agenda=agenda, minutes=minutes)
    _validate_meeting(meeting)
    meeting.save()
    _decisions_replace(meeting, decisions or [])
    history_record(obj=meeting, org=org, actor=actor, action="create",
                   changes={**_created(meeting, ("kind", "title", "date")),
                            **({"decisions": [None, len(decisions)]} if decisions else {})})
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, decisions: list[str] | None = None, **changes: Any) -> Meeting:
    """Edit a meeting; the minutes and decisions are usually written after it was held."""
    scoping.require(actor=actor, action="governance.meeting.record", org=meeting.org)
    _check_only(changes, MEETING_FIELDS, Meeting)
    locked(meeting)
    more = {}
    if decisions is not None:
        old = list(meeting.decisions.values_list("text", flat=True))
        new = [d.strip() for d in decisions if d.strip()]
        if old != new:
            _decisions_replace(meeting, new)
            more["decisions"] = [len(old), len(new)]
    # minutes can be long: the history says they changed, not what they say
    model_update(obj=meeting, changes=changes, allowed=MEETING_FIELDS, actor=actor, org=meeting.org,
                 before_save=_validate_meeting, summarised=("minutes", "agenda"), more=more)
    return meeting


@transaction.atomic
def meeting_rule_set(*, actor, org: Org, kind: str, since: dt.date, cadence: str = "quarter", is_active: bool = True) -> MeetingRule:
    """Create or change the org's rule for a kind of meeting (one rule per kind)."""
    scoping.require(actor=actor, action="governance.meeting_rule.set", org=org)
    if kind not in MeetingKind.values:
        raise ValidationError({"kind": _("Unknown kind of meeting.")})
    rule = MeetingRule.objects.select_for_update(of=("self",)).filter(org=org, kind=kind).order_by().first()
    if rule is None:
        rule = MeetingRule.objects.create(org=org, kind=kind, cadence=cadence, since=since, is_active=is_active)
        history_record(obj=rule, org=org, actor=actor, action="create", changes=_created(rule, ("kind", "cadence", "since")))
        return rule
    before = snapshot(rule, ("cadence", "since", "is_active"))
    rule.cadence, rule.since, rule.is_active = cadence, since, is_active
    rule.save()
    changed = diff(before, snapshot(rule, ("cadence", "since", "is_active")))
    if changed:
        history_record(obj=rule, org=org, actor=actor, action="update", changes=changed)
    return rule


# ── plans ────────────────────────────────────────────────────────────────────

def _validate_plan(plan: Plan) -> None:
    if not plan.text.strip():
        raise ValidationError({"text": _("Write the plan item.")})
    if plan.half not in (None, 1, 2):
        raise ValidationError({"half": _("A half is 1 or 2.")})
    if plan.status not in PlanStatus.values:
        raise ValidationError({"status": _("Unknown status.")})


@transaction.atomic
def plan_create(
    *, actor, org: Org, year: int, text: str, half: int | None = None, owner: str = "",
    status: str = PlanStatus.PLANNED, position: int | None = None, result: str = "",
) -> Plan:
    scoping.require(actor=actor, action="governance.plan.edit", org=org)
    if position is None:
        position = Plan.objects.filter(org=org, year=year, half=half).count()
    plan = Plan(org=org, year=year, half=half, text=text.strip(), owner=owner.strip(), status=status,
                position=position, result=result)
    _validate_plan(plan)
    plan.save()
    history_record(obj=plan, org=org, actor=actor, action="create", changes=_created(plan, ("year", "half", "text", "owner")))
    return plan


@transaction.atomic
def plan_update(*, actor, plan: Plan, **changes: Any) -> Plan:
    scoping.require(actor=actor, action="governance.plan.edit", org=plan.org)
    model_update(obj=plan, changes=changes, allowed=PLAN_FIELDS, actor=actor, org=plan.org, before_save=_validate_plan,
                 action=lambda changed: "state" if set(changed) <= {"status", "result"} else "update")
    return plan


def plan_set_status(*, actor, plan: Plan, status: str, result: str | None = None) -> Plan:
    """A plan item's status (and result); setting the status it already has changes nothing."""
    changes: dict[str, Any] = {"status": status}
    if result is not None:
        changes["result"] = result
    return plan_update(actor=actor, plan=plan, **changes)


# ── disclosures ──────────────────────────────────────────────────────────────

@transaction.atomic
def disclosure_create(*, actor, org: Org, title: str, body: str, category: str, notice_until: dt.date | None = None) -> Disclosure:
    """A draft: nobody but the cadres sees it until it is published."""
    scoping.require(actor=actor, action="governance.disclosure.edit", org=org)
    disclosure = Disclosure(org=org, title=title.strip(), body=body, category=category, notice_until=notice_until)
    if not disclosure.title:
        raise ValidationError({"title": _("Give the disclosure a title.")})
    disclosure.save()
    history_record(obj=disclosure, org=org, actor=actor, action="create", changes=_created(disclosure, ("title", "category")))
    return disclosure


@transaction.atomic
def disclosure_update(*, actor, disclosure: Disclosure, **changes: Any) -> Disclosure:
    scoping.require(actor=actor, action="governance.disclosure.edit", org=disclosure.org)

    def unpublished(row: Disclosure) -> None:
        if row.published_on and set(changes) - {"notice_until"}:
            # what members have read must not change under them; publish a correction instead
            raise ValidationError(_("A published disclosure cannot be changed; publish a correction."))

    model_update(obj=disclosure, changes=changes, allowed=DISCLOSURE_FIELDS, actor=actor, org=disclosure.org,
                 before_save=unpublished, summarised=("body",))
    return disclosure


@transaction.atomic
def disclosure_publish(*, actor, disclosure: Disclosure, on: dt.date | None = None) -> Disclosure:
    """Put a draft up for the members. Publishing what is already up changes nothing: the
    repeat returns the disclosure as it was published, with its first date."""
    scoping.require(actor=actor, action="governance.disclosure.publish", org=disclosure.org)
    locked(disclosure)
    if disclosure.published_on:
        return disclosure
    disclosure.published_on = on or timezone.localdate()
    if disclosure.notice_until and disclosure.notice_until < disclosure.published_on:
        raise ValidationError({"notice_until": _("The notice period ends before it starts.")})
    disclosure.published_by = actor if actor is not None and actor.is_authenticated else None
    disclosure.save(update_fields=["published_on", "published_by", "updated_at"])
    history_record(obj=disclosure, org=disclosure.org, actor=actor, action="state",
                   changes={"published_on": [None, disclosure.published_on.isoformat()]})
    return disclosure


def _may_object(author, disclosure: Disclosure) -> bool:
    """An objection comes from someone the disclosure is published to (a member of its org or of
    an org under it), or from a cadre who manages it; nobody objects to a draft."""
    if author is None:
        return True
    published = Disclosure.objects.filter(pk=disclosure.pk, published_on__isnull=False)
    return scoping.published_to(published, author).exists() or (
        disclosure.published_on is not None and scoping.may(author, "governance.view", disclosure.org)
    )


@transaction.atomic
def objection_raise(*, author, disclosure: Disclosure, text: str, today: dt.date | None = None) -> Objection:
    """A member objects during the notice period; outside it the objection is refused."""
    if not _may_object(author, disclosure):
        raise scoping.NotAllowed("governance.objection.raise")
    today = today or timezone.localdate()
    if not disclosure.published_on or not disclosure.notice_until:
        raise ValidationError(_("This disclosure takes no objections."))
    if not (disclosure.published_on <= today <= disclosure.notice_until):
        raise ValidationError(_("The public-notice period is over."))
    if not text.strip():
        raise ValidationError({"text": _("Write the objection.")})
    objection = Objection.objects.create(disclosure=disclosure, author=author, text=text.strip())
    history_record(obj=objection, org=disclosure.org, actor=author, action="create", changes={"disclosure": [None, disclosure.title]})
    from gonghui.core.services import notice_send

    if disclosure.published_by_id:
        notice_send(recipient=disclosure.published_by, org=disclosure.org, title=_("New objection: %(t)s") % {"t": disclosure.title},
                    body=objection.text[:200], url=f"/governance/disclosures/{disclosure.pk}/")
    return objection


@transaction.atomic
def objection_answer(*, actor, objection: Objection, answer: str) -> Objection:
    """Answer an objection; the author is told. The same answer sent again changes nothing and
    tells nobody twice; a different one for an answered objection is refused."""
    scoping.require(actor=actor, action="governance.objection.answer", org=objection.disclosure.org)
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    locked(objection)
    if objection.status == ObjectionStatus.ANSWERED:
        if objection.answer == answer.strip():
            return objection
        raise ValidationError({"answer": _("This objection has already been answered.")})
    objection.answer = answer.strip()
    objection.status = ObjectionStatus.ANSWERED
    objection.save(update_fields=["answer", "status", "updated_at"])
    history_record(obj=objection, org=objection.disclosure.org, actor=actor, action="state",
                   changes={"status": [ObjectionStatus.OPEN.value, ObjectionStatus.ANSWERED.value]})
    from gonghui.core.services import notice_send

    notice_send(recipient=objection.author, org=objection.disclosure.org,
                title=_("Your objection was answered: %(t)s") % {"t": objection.disclosure.title},
                body=objection.answer[:200], url=f"/governance/notices/{objection.disclosure.pk}/")
    return objection


# ── a notice's attachments ───────────────────────────────────────────────────

# What a notice may carry, by extension (core.files says how each type begins).
ATTACHMENT_EXTENSIONS = {"pdf", "jpg", "jpeg", "png", "webp", "xlsx", "docx"}


def _attachment_limits() -> tuple[int, int]:
    """(most bytes a file may have, most files a notice may carry); settings may change both."""
    return (int(getattr(settings, "GONGHUI_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)),
            int(getattr(settings, "GONGHUI_ATTACHMENTS_PER_NOTICE", 10)))


def _attachment_check(upload, disclosure: Disclosure) -> str:
    """The upload's extension once its count, size, name and first bytes are in bounds; a refusal by message otherwise.
    The count and size are checked before a byte of the file is read."""
    max_bytes, max_count = _attachment_limits()
    if disclosure.attachments.count() >= max_count:
        raise ValidationError({"file": _("A notice carries at most %(n)s attachments.") % {"n": max_count}})
    if upload.size > max_bytes:
        raise ValidationError({"file": _("An attachment may be at most %(mb)s MB; this one is %(size)s MB.") % {
            "mb": max_bytes // (1024 * 1024), "size": f"{upload.size / (1024 * 1024):.1f}"}})
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    ext = extension_of(upload.name)
    if ext not in ATTACHMENT_EXTENSIONS:
        raise ValidationError({"file": _("An attachment must be a PDF, an image (JPG, PNG, WebP), an Excel (.xlsx) or "
                                         "a Word (.docx) file.")})
    if not begins_as(upload, ext):
        raise ValidationError({"file": _("The file is not the %(kind)s it claims to be.") % {"kind": ext.upper()}})
    return ext


@transaction.atomic
def disclosure_attachment_add(*, actor, disclosure: Disclosure, upload) -> DisclosureAttachment:
    """Put a file up with a notice. Adding to a published notice changes nothing members have
    read: the file is listed beside the text, and the history says who added it when."""
    scoping.require(actor=actor, action="governance.disclosure.edit", org=disclosure.org)
    locked(disclosure)  # two uploads at once still count against the limit one after the other
    ext = _attachment_check(upload, disclosure)
    name = (upload.name.replace("\\", "/").rsplit("/", 1)[-1].strip() or f"attachment.{ext}")[:120]
    attachment = DisclosureAttachment(disclosure=disclosure, name=name, size=upload.size,
                                      uploaded_by=actor if actor is not None and actor.is_authenticated else None)
    attachment.file.save(f"{uuid.uuid4().hex}.{ext}", upload, save=False)
    attachment.save()
    history_record(obj=disclosure, org=disclosure.org, actor=actor, action="update", changes={"attachments": [None, name]})
    return attachment
