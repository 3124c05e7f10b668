"""What every write of the voice and of the safety network shares: the check that a write is the
person's own, the row lock that makes each state change happen once, and the history of a bulk load."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from gonghui.core import scoping
from gonghui.core.history import HistoryEntry, history_for
from gonghui.core.scoping import NotAllowed
from gonghui.core.services import notice_send
from gonghui.members.models import Member
from gonghui.orgs.models import Org


def require_own(*, actor, action: str, member: Member | None) -> None:
    """The person's own write (a suggestion, a report, closing its loop): the actor must belong where
    the member record is and be that member's login. None is the system itself."""
    if actor is None:
        return
    if member is None:
        raise NotAllowed(action)
    scoping.require(actor=actor, action=action, org=member.org)
    if member.user_id is None or member.user_id != actor.pk:
        raise NotAllowed(action)


def lock(obj):
    """Lock the row for the rest of the transaction and bring `obj` up to date from it.

    Every state change starts here, so two requests doing the same step one after the other
    (or at the same moment) see each other's result: the second finds the step done and
    changes nothing."""
    fresh = type(obj).objects.select_for_update().get(pk=obj.pk)
    for f in type(obj)._meta.concrete_fields:
        setattr(obj, f.attname, getattr(fresh, f.attname))
    return obj


def last_reopen_reason(obj) -> str | None:
    """The reason of the latest history row when it was a reopening, to tell a repeat from a new one."""
    last = history_for(obj).order_by("-at", "-id").first()
    return last.note if last is not None and "reopened" in (last.changes or {}) else None


def required(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


def notify_member(member: Member | None, *, org: Org, title: str, body: str, url: str) -> None:
    if member is not None and member.user_id is not None:
        notice_send(recipient=member.user, org=org, title=title, body=body, url=url)


def bulk_history(objs, *, actor, note: str) -> None:
    if not objs:
        return
    content_type = ContentType.objects.get_for_model(type(objs[0]))
    who = actor if actor is not None and actor.is_authenticated else None
    HistoryEntry.objects.bulk_create(
        [HistoryEntry(org_id=o.org_id, content_type=content_type, object_id=str(o.pk), object_repr=str(o)[:200],
                      actor=who, action=HistoryEntry.Action.IMPORT, note=note[:300]) for o in objs],
        batch_size=1000,
    )


def with_ids(model, objs, key_field: str):
    """bulk_create fills ids on SQLite and PostgreSQL; this covers a backend that does not."""
    if objs and objs[0].pk is None:
        ids = dict(model.objects.filter(**{f"{key_field}__in": [getattr(o, key_field) for o in objs]}).values_list(key_field, "pk"))
        for o in objs:
            o.pk = ids[getattr(o, key_field)]
    return objs
