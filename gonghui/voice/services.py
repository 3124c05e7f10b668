"""Every write of the workers' voice. Each writes its history row in the same transaction,
and each step of a loop leaves a notice in the inbox of whoever spoke up."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import scoping
from gonghui.core.history import HistoryEntry, history_record
from gonghui.members.choices import MemberStatus
from gonghui.members.models import Member
from gonghui.orgs.models import Org

from . import conf
from .choices import ADOPTED_STATES, DECIDED_STATES, Rating, SuggestionStatus
from .models import AnswerTemplate, Suggestion, Theme
from .steps import (
    bulk_history as _bulk_history, last_reopen_reason as _last_reopen_reason, lock as _lock, notify_member as _notify_member,
    require_own as _require_own, required as _required, with_ids as _with_ids,
)
from .uploads import photo_check

# ---------------------------------------------------------------- themes and answer templates

@transaction.atomic
def theme_create(*, actor, org: Org, name: str, position: int = 0) -> Theme:
    scoping.require(actor=actor, action="voice.theme.manage", org=org)
    name = _required(name, "name", _("Give the theme a name."))
    if Theme.objects.filter(org=org, name=name).exists():
        raise ValidationError({"name": _("This theme already exists.")})
    theme = Theme.objects.create(org=org, name=name, position=position)
    history_record(obj=theme, org=org, actor=actor, action="create", changes={"name": name})
    return theme


@transaction.atomic
def themes_ensure(*, actor, org: Org, names: list[str]) -> list[Theme]:
    """The union's theme list, creating what is missing (scenarios, first set-up)."""
    scoping.require(actor=actor, action="voice.theme.manage", org=org)
    existing = {t.name: t for t in Theme.objects.filter(org=org)}
    new = [Theme(org=org, name=n, position=i) for i, n in enumerate(names) if n not in existing]
    for theme in new:
        theme.save()
        history_record(obj=theme, org=org, actor=actor, action="create", changes={"name": theme.name})
        existing[theme.name] = theme
    return [existing[n] for n in names]


@transaction.atomic
def answer_template_save(*, actor, org: Org, title: str, body: str, theme: Theme | None = None,
                         template: AnswerTemplate | None = None) -> AnswerTemplate:
    scoping.require(actor=actor, action="voice.theme.manage", org=org)
    if template is not None:
        scoping.require(actor=actor, action="voice.theme.manage", org=template.org)
        _lock(template)
    title = _required(title, "title", _("Give the template a title."))
    body = _required(body, "body", _("Write the answer."))
    created = template is None
    template = template or AnswerTemplate(org=org)
    template.title, template.body, template.theme = title, body, theme
    template.save()
    history_record(obj=template, org=org, actor=actor, action="create" if created else "update", changes={"title": title})
    return template


@transaction.atomic
def answer_template_delete(*, actor, template: AnswerTemplate) -> None:
    scoping.require(actor=actor, action="voice.theme.manage", org=template.org)
    if not AnswerTemplate.objects.select_for_update().filter(pk=template.pk).exists():
        return  # already deleted: deleting twice leaves one history row
    history_record(obj=template, org=template.org, actor=actor, action="delete", changes={"title": template.title})
    template.delete()


# ---------------------------------------------------------------- suggestions

def _receipt_code_for(idempotency_key: str) -> str:
    """The anonymous author's receipt: derived from the submission's key, so a retried submit shows the same code."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"voice-receipt:{idempotency_key}".encode(), hashlib.sha256).digest()
    code = base64.b32encode(digest)[:12].decode()
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def receipt_hash(code: str) -> str:
    normalised = code.strip().upper().replace(" ", "").replace("-", "")
    return hashlib.sha256(f"voice-receipt:{normalised}".encode()).hexdigest()


def _suggestion_url(suggestion: Suggestion) -> str:
    return reverse("voice:suggestion", args=[suggestion.pk])


def _tell_author(suggestion: Suggestion, title: str) -> None:
    _notify_member(suggestion.author, org=suggestion.org, title=title,
                   body=f"{suggestion.title}\n{suggestion.answer}".strip(), url=_suggestion_url(suggestion))


def _anonymous_key(author: Member, key: str) -> str:
    """The stored key of an anonymous submission: the client's key bound to its author.

    A key copied from someone else's page then leads to a new suggestion, never to theirs or to
    their receipt code. Only a keyed hash is stored, so the row still names nobody: going back
    from it to the author needs both the secret and the client's own key, which is kept nowhere."""
    return hmac.new(settings.SECRET_KEY.encode(), f"voice-anonymous:{author.pk}:{key}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def suggestion_submit(
    *, actor, author: Member, title: str, body: str, theme: Theme | None = None, photo=None, anonymous: bool = False,
    idempotency_key: str = "", submitted_on: dt.date | None = None,
) -> tuple[Suggestion, str | None]:
    """A member's suggestion, made by the member themself (`actor` is their login). Returns it with
    the receipt code (anonymous only; shown once).

    The same idempotency key from the same author returns the suggestion already made instead
    of a second one; anonymous too, and only to that same author (see `_anonymous_key`).
    """
    _require_own(actor=actor, action="voice.suggestion.submit", member=author)
    if author is None or author.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only a member on the roll can make a suggestion."))
    key = (idempotency_key or "").strip()[:64]
    if anonymous:
        key = _anonymous_key(author, key or secrets.token_urlsafe(24))
    if key:
        earlier = Suggestion.objects.filter(idempotency_key=key)
        earlier = earlier.filter(author__isnull=True) if anonymous else earlier.filter(author=author)
        if (found := earlier.first()) is not None:
            return found, (_receipt_code_for(key) if anonymous else None)
    title = _required(title, "title", _("Give the suggestion a short title."))[:120]
    body = _required(body, "body", _("Say what should change and why."))
    if theme is not None and not author.org.path.startswith(theme.org.path):
        raise ValidationError({"theme": _("This theme belongs to another union.")})
    photo_check(photo)
    receipt = _receipt_code_for(key) if anonymous else None
    suggestion = Suggestion(
        org=anonymous_home(author) if anonymous else author.org, union=author.union, author=None if anonymous else author,
        is_anonymous=anonymous, receipt_hash=receipt_hash(receipt) if receipt else None, idempotency_key=key, title=title,
        body=body, theme=theme, submitted_on=submitted_on or dt.date.today(),
    )
    if photo is not None:
        suggestion.photo = photo
    try:
        with transaction.atomic():
            suggestion.save()
    except IntegrityError:  # the same key arrived twice at the same moment
        earlier = Suggestion.objects.filter(idempotency_key=key)
        found = (earlier.filter(author__isnull=True) if anonymous else earlier.filter(author=author)).first()
        if found is None:
            raise
        return found, receipt
    # An anonymous suggestion's history names nobody: no actor, nothing about the author.
    entry = history_record(obj=suggestion, org=suggestion.org, actor=None if anonymous else author.user, action="create",
                           changes={"title": title, "anonymous": anonymous})
    if anonymous:
        _keep_the_day_only(suggestion, entry)
    else:
        _tell_author(suggestion, _("Your suggestion was received"))
    return suggestion, receipt


def _keep_the_day_only(suggestion: Suggestion, entry: HistoryEntry) -> None:
    """An anonymous suggestion keeps its day, never its minute: in a small place, who was on shift
    at 14:32 names the author. The timestamps the database filled in are set back to the day's start."""
    start = timezone.make_aware(dt.datetime.combine(suggestion.submitted_on, dt.time.min))
    Suggestion.objects.filter(pk=suggestion.pk).update(created_at=start, updated_at=start)
    HistoryEntry.objects.filter(pk=entry.pk).update(at=start)
    suggestion.created_at = suggestion.updated_at = start


def anonymous_home(author: Member, today: dt.date | None = None) -> Org:
    """Where an anonymous suggestion is filed, and so the only place the cadres see: never the
    author's small team. It starts at the author's branch and goes up, towards the union, while
    fewer than conf.ANONYMITY_MIN_MEMBERS people are on the roll there (two queries)."""
    from gonghui.members.selectors import on_roll_at

    today = today or dt.date.today()
    paths = author.org.ancestor_paths()
    union_at = paths.index(author.union.path) if author.union.path in paths else len(paths) - 1
    candidates = paths[union_at: min(union_at + 1, len(paths) - 1) + 1][::-1]  # the branch, then the union
    orgs = {o.path: o for o in Org.objects.filter(path__in=candidates)}
    counts = Member.objects.filter(on_roll_at(today), scoping.under(orgs[paths[union_at]])).aggregate(
        **{f"p{i}": Count("id", filter=scoping.under(orgs[p])) for i, p in enumerate(candidates)})
    chosen = next((p for i, p in enumerate(candidates) if counts[f"p{i}"] >= conf.ANONYMITY_MIN_MEMBERS), paths[union_at])
    return orgs[chosen]


def _move(suggestion: Suggestion, actor, to: str, changes: dict | None = None, note: str = "") -> None:
    before = suggestion.status
    suggestion.status = to
    suggestion.save()
    history_record(obj=suggestion, org=suggestion.org, actor=actor, action="state",
                   changes={"status": [before, to], **(changes or {})}, note=note)


# Each step below locks the suggestion, then looks at it afresh: a step already taken (a double
# tap, a retried request, two cadres at once) returns the suggestion as it is, with no second
# history row and no second notice.

@transaction.atomic
def suggestion_review(*, actor, suggestion: Suggestion) -> Suggestion:
    scoping.require(actor=actor, action="voice.suggestion.review", org=suggestion.org)
    _lock(suggestion)
    if suggestion.status == SuggestionStatus.REVIEWING:
        return suggestion
    if suggestion.status != SuggestionStatus.SUBMITTED:
        raise ValidationError(_("Only a newly submitted suggestion can be taken up for review."))
    _move(suggestion, actor, SuggestionStatus.REVIEWING)
    _tell_author(suggestion, _("Your suggestion is being reviewed"))
    return suggestion


@transaction.atomic
def suggestion_decide(*, actor, suggestion: Suggestion, adopt: bool, answer: str, on: dt.date | None = None) -> Suggestion:
    """Adopt or reject. A rejection must say why: the author reads it."""
    scoping.require(actor=actor, action="voice.suggestion.decide", org=suggestion.org)
    _lock(suggestion)
    if (suggestion.status in ADOPTED_STATES) if adopt else (suggestion.status == SuggestionStatus.REJECTED):
        return suggestion  # decided so already
    if suggestion.status not in (SuggestionStatus.SUBMITTED, SuggestionStatus.REVIEWING):
        raise ValidationError(_("This suggestion has already been decided."))
    answer = (answer or "").strip()
    if not adopt and not answer:
        raise ValidationError({"answer": _("Give the reason for not adopting it.")})
    suggestion.answer = answer or _("Your suggestion has been adopted. Thank you.")
    suggestion.decided_on = on or dt.date.today()
    _move(suggestion, actor, SuggestionStatus.ADOPTED if adopt else SuggestionStatus.REJECTED, {"answer": suggestion.answer})
    _tell_author(suggestion, _("Your suggestion was adopted") if adopt else _("Your suggestion was not adopted"))
    return suggestion


@transaction.atomic
def suggestion_assign(*, actor, suggestion: Suggestion, unit: str) -> Suggestion:
    scoping.require(actor=actor, action="voice.suggestion.implement", org=suggestion.org)
    _lock(suggestion)
    unit = _required(unit, "unit", _("Name the unit that implements it."))[:100]
    if suggestion.status == SuggestionStatus.ASSIGNED and suggestion.implementing_unit == unit:
        return suggestion
    if suggestion.status != SuggestionStatus.ADOPTED:
        raise ValidationError(_("Only an adopted suggestion can be assigned for implementation."))
    suggestion.implementing_unit = unit
    _move(suggestion, actor, SuggestionStatus.ASSIGNED, {"implementing_unit": suggestion.implementing_unit})
    _tell_author(suggestion, _("Your suggestion is being implemented"))
    return suggestion


@transaction.atomic
def suggestion_implement(*, actor, suggestion: Suggestion, implemented_on: dt.date | None = None,
                         saving_yuan: Decimal | None = None, reward_yuan: Decimal | None = None, note: str = "") -> Suggestion:
    scoping.require(actor=actor, action="voice.suggestion.implement", org=suggestion.org)
    _lock(suggestion)
    if suggestion.status == SuggestionStatus.IMPLEMENTED:
        return suggestion
    if suggestion.status not in (SuggestionStatus.ADOPTED, SuggestionStatus.ASSIGNED):
        raise ValidationError(_("Only an adopted suggestion can be marked implemented."))
    for name, value in (("saving_yuan", saving_yuan), ("reward_yuan", reward_yuan)):
        if value is not None and value < 0:
            raise ValidationError({name: _("An amount cannot be negative.")})
    suggestion.implemented_on = implemented_on or dt.date.today()
    suggestion.saving_yuan, suggestion.reward_yuan = saving_yuan, reward_yuan
    if note.strip():
        suggestion.answer = f"{suggestion.answer}\n{note.strip()}".strip()
    _move(suggestion, actor, SuggestionStatus.IMPLEMENTED,
          {"saving_yuan": str(saving_yuan) if saving_yuan is not None else None,
           "reward_yuan": str(reward_yuan) if reward_yuan is not None else None})
    _tell_author(suggestion, _("Your suggestion has been implemented"))
    return suggestion


@transaction.atomic
def suggestion_promote(*, actor, suggestion: Suggestion) -> Suggestion:
    """金点子: an implemented suggestion spread across the union."""
    scoping.require(actor=actor, action="voice.suggestion.promote", org=suggestion.org)
    _lock(suggestion)
    if suggestion.is_golden:
        return suggestion
    if suggestion.status != SuggestionStatus.IMPLEMENTED:
        raise ValidationError(_("Only an implemented suggestion can become a golden idea."))
    suggestion.is_golden = True
    suggestion.save()
    history_record(obj=suggestion, org=suggestion.org, actor=actor, action="update", changes={"is_golden": [False, True]})
    _tell_author(suggestion, _("Your suggestion became a golden idea"))
    return suggestion


def _closing_actor(suggestion: Suggestion, user):
    # The anonymous author stays anonymous in the history too.
    return None if suggestion.is_anonymous else user


@transaction.atomic
def suggestion_rate(*, suggestion: Suggestion, rating: str, by=None) -> Suggestion:
    """The author's verdict on the answer. `by` is the author's login (None through a receipt: holding
    the code is the author's authority, checked where the code is read)."""
    _require_own(actor=by, action="voice.suggestion.close", member=suggestion.author)
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Choose satisfied, fairly satisfied or dissatisfied.")})
    _lock(suggestion)
    if suggestion.status not in DECIDED_STATES:
        raise ValidationError(_("There is no answer to rate yet."))
    before = suggestion.rating
    if before == rating:
        return suggestion
    suggestion.rating = rating
    suggestion.save()
    history_record(obj=suggestion, org=suggestion.org, actor=_closing_actor(suggestion, by), action="update",
                   changes={"rating": [before, rating]})
    return suggestion


@transaction.atomic
def suggestion_reopen(*, suggestion: Suggestion, reason: str, by=None) -> Suggestion:
    """Marked implemented but it is not: back to the implementing unit, and counted as reopened."""
    _require_own(actor=by, action="voice.suggestion.close", member=suggestion.author)
    reason = _required(reason, "reason", _("Say what is still not done."))
    _lock(suggestion)
    if suggestion.status != SuggestionStatus.IMPLEMENTED:
        if suggestion.reopen_count and _last_reopen_reason(suggestion) == reason:
            return suggestion  # this very reopening went through already
        raise ValidationError(_("Only a suggestion marked implemented can be reopened."))
    suggestion.reopen_count += 1
    suggestion.rating = ""
    _move(suggestion, _closing_actor(suggestion, by), SuggestionStatus.ASSIGNED if suggestion.implementing_unit else SuggestionStatus.ADOPTED,
          {"reopened": suggestion.reopen_count}, note=reason)
    return suggestion


@dataclass
class SuggestionRow:
    """One suggestion as it stands, for bulk loads (scenarios, benches, imports of paper records)."""

    author: Member | None
    title: str
    body: str
    submitted_on: dt.date
    theme: Theme | None = None
    anonymous: bool = False
    status: str = SuggestionStatus.SUBMITTED
    answer: str = ""
    decided_on: dt.date | None = None
    implementing_unit: str = ""
    implemented_on: dt.date | None = None
    saving_yuan: Decimal | None = None
    reward_yuan: Decimal | None = None
    is_golden: bool = False
    org: Org | None = None   # where an anonymous suggestion is filed (the author's org otherwise)


@transaction.atomic
def suggestions_bulk_create(*, actor, union: Org, rows: list[SuggestionRow], note: str = "") -> list[Suggestion]:
    """Many suggestions at once, in the state they reached, with the same rules as the one-by-one steps."""
    scoping.require(actor=actor, action="voice.suggestion.import", org=union)
    built = []
    for i, row in enumerate(rows):
        if row.status == SuggestionStatus.REJECTED and not row.answer.strip():
            raise ValidationError(_("Row %(n)s: a rejected suggestion needs its reason.") % {"n": i + 1})
        if row.is_golden and row.status != SuggestionStatus.IMPLEMENTED:
            raise ValidationError(_("Row %(n)s: only an implemented suggestion can be a golden idea.") % {"n": i + 1})
        org = row.org or (row.author.org if row.author else None)
        if org is None or not org.path.startswith(union.path):
            raise ValidationError(_("Row %(n)s: the suggestion does not belong to this union.") % {"n": i + 1})
        built.append(Suggestion(
            org=org, union=union, author=None if row.anonymous else row.author, is_anonymous=row.anonymous,
            idempotency_key=f"bulk-{secrets.token_hex(12)}", title=row.title[:120], body=row.body, theme=row.theme,
            submitted_on=row.submitted_on, status=row.status, answer=row.answer, decided_on=row.decided_on,
            implementing_unit=row.implementing_unit, implemented_on=row.implemented_on, saving_yuan=row.saving_yuan,
            reward_yuan=row.reward_yuan, is_golden=row.is_golden,
        ))
    created = _with_ids(Suggestion, Suggestion.objects.bulk_create(built, batch_size=1000), "idempotency_key")
    _bulk_history(created, actor=actor, note=note)
    return created
