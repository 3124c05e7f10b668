"""Every service records its change here, in the same transaction as the change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from .bulk import rows_insert
from .formatting import format_date
from .models import HistoryEntry


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{'phone': ['138…', '139…']} for every field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def history_record(*, obj: models.Model, org, actor, action: str, changes: dict | None = None, note: str = "") -> HistoryEntry:
    return HistoryEntry.objects.create(
        org=org,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        actor=actor if (actor is not None and actor.is_authenticated) else None,
        action=action,
        changes=changes or {},
        note=note[:300],
    )


def locked(obj: models.Model) -> models.Model:
    """Re-read `obj` with its row locked until the transaction ends, so a check made on it now
    still holds when the write lands (on SQLite the IMMEDIATE transaction holds the write lock)."""
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update(of=("self",)).order_by())
    return obj


def model_update(*, obj: models.Model, changes: dict[str, Any], allowed: Iterable[str], actor, org,
                 before_save=None, summarised: Iterable[str] = (), more: dict | None = None,
                 action: str | Any = "update") -> dict[str, list[Any]]:
    """Edit-with-history, the one way every `*_update` service takes; returns what changed.

    Inside the caller's transaction it re-reads `obj` with its row locked, so two concurrent
    edits are applied one after the other, never over a stale read. Only `allowed` fields may
    change (any other is refused, named as the pages name it); `before_save(obj)` runs the
    model's own checks and fills derived fields; fields in `summarised` (minutes, long texts)
    are recorded as changed without their text; `more` adds changes the caller made beside
    the fields (a meeting's decisions). `action` may be a callable of what changed. No change:
    no save and no history row.
    """
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(_("These fields cannot be changed here: %(f)s") % {"f": "、".join(_field_label(type(obj), n) for n in unknown)})
    empty = sorted(name for name, value in changes.items() if value is None and not _nullable(type(obj), name))
    if empty:
        raise ValidationError({name: _("This field cannot be empty.") for name in empty})
    locked(obj)
    before = snapshot(obj, changes)
    for name, value in changes.items():
        setattr(obj, name, value)
    if before_save is not None:
        before_save(obj)
    changed = diff(before, snapshot(obj, changes))
    if changed:
        obj.save()
    changed |= more or {}
    if changed:
        for name in summarised:
            if name in changed:
                changed[name] = ["…", "…"]
        history_record(obj=obj, org=org, actor=actor, action=action(changed) if callable(action) else action, changes=changed)
    return changed


def _nullable(model: type[models.Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).null
    except FieldDoesNotExist:
        return True


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def history_rows_insert(model: type[models.Model], *, actor, action: str, entries: Iterable[tuple[Any, Any, str]],
                        note: str = "") -> None:
    """One history row per (object id, org, description), for a batch written by core.bulk."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    actor = actor if (actor is not None and actor.is_authenticated) else None
    rows_insert(HistoryEntry, [
        {"org": org, "content_type": content_type, "object_id": str(pk), "object_repr": text[:200],
         "actor": actor, "action": action, "note": note[:300]}
        for pk, org, text in entries
    ])


def change_lines(entry: HistoryEntry) -> list[tuple[str, str, str]]:
    """(label, before, after) of a history row, as a reader sees them.

    Fields go by their verbose names (手机号码, not 'phone'), choices by their labels,
    yes/no and ISO dates the Chinese way. A key that is not a column is named by the
    model's `history_labels` ({key: label}, for what a service records under its own
    name, such as a committee's 'seat') or, for a reverse relation, by the related
    model's name; anything else keeps its key.
    """
    model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
    lines = []
    for name, change in (entry.changes or {}).items():
        label, field = _described(model, name)
        if isinstance(change, list) and len(change) == 2:
            lines.append((label, _shown(field, change[0]), _shown(field, change[1])))
        else:
            lines.append((label, "", _shown(field, change)))
    return lines


def _described(model, name: str) -> tuple[str, models.Field | None]:
    """(label, the column's field or None) for a key of a history row's changes."""
    if model is None:
        return name, None
    extra = getattr(model, "history_labels", {})
    if name in extra:
        return str(extra[name]), None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, None
    if field.concrete:
        return str(field.verbose_name), field
    return str(field.related_model._meta.verbose_name_plural), None


def _shown(field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and isinstance(value, str) and field.get_internal_type() == "DateField":
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def history_for(obj: models.Model) -> models.QuerySet[HistoryEntry]:
    return HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True), object_id=str(obj.pk)
    ).select_related("actor")
