"""One `executemany` per table for large batches (roster imports, scenarios).

Django's bulk_create compiles an INSERT per batch and prepares every value through
the SQL compiler, and building a model instance per row costs as much again; for
10,000 members with their join events and history rows that was most of an
import's time. `rows_insert` takes plain rows (field name -> value) and writes them
with one statement executed many times, in the caller's transaction.

Values are prepared the way the ORM would, with the per-row work kept small.
Every row of a batch names the same fields; the fields it leaves out take their
default, and auto_now/auto_now_add stamps are taken once for the whole batch. A
foreign key is given under the field's name (`org`), as an object or an id. Dates
and datetimes go through the backend's own adapters; values the database driver
takes as they are (text, numbers, booleans) pass through untouched. Primary keys
are not returned: callers that need them read them back by a unique column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from django.db import connections, router
from django.db.models import Field, Model
from django.utils import timezone

# Internal types whose Python values the drivers take unchanged.
PLAIN_TYPES = frozenset({
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "BooleanField", "CharField",
    "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SlugField", "SmallIntegerField", "TextField",
})


def _preparer(field: Field, connection) -> Callable[[Any], Any] | None:
    """How one field's value becomes a database value; None when it goes as it is."""
    if field.is_relation:
        target = field.target_field.get_internal_type()
        if target in PLAIN_TYPES:
            return lambda value: value.pk if isinstance(value, Model) else value
        return lambda value: field.get_db_prep_save(value.pk if isinstance(value, Model) else value, connection)
    kind = field.get_internal_type()
    if kind in PLAIN_TYPES:
        return None
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    return lambda value: field.get_db_prep_save(value, connection)


def rows_insert(model: type[Model], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert every row; all rows of a batch name the same fields (the first row's)."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    insertable = {f.name: f for f in meta.concrete_fields if f is not meta.auto_field}
    keys = list(rows[0])
    unknown = [k for k in keys if k not in insertable]
    if unknown:
        raise KeyError(f"{meta.label} has no field {unknown[0]!r}")
    given = [insertable[k] for k in keys]
    rest = [f for name, f in insertable.items() if name not in rows[0]]
    now = timezone.now()
    defaults = tuple(_default(f, connection, now) for f in rest)
    preparers = [(i, prepare) for i, f in enumerate(given) if (prepare := _preparer(f, connection)) is not None]
    pick = itemgetter(*keys) if len(keys) > 1 else (lambda row: (row[keys[0]],))
    key_set = rows[0].keys()
    values = []
    for row in rows:
        if row.keys() != key_set:
            raise KeyError(f"{meta.label}: every row of a batch must name the same fields")
        value = list(pick(row))
        for index, prepare in preparers:
            if value[index] is not None:
                value[index] = prepare(value[index])
        value += defaults
        values.append(value)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in given + rest)
    marks = ", ".join(["%s"] * (len(given) + len(rest)))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})", values)


def _default(field: Field, connection, now) -> Any:
    """The database value of a field the rows leave out: its stamp, its default, or an error."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return field.get_db_prep_save(now.date() if field.get_internal_type() == "DateField" else now, connection)
    if not (field.has_default() or field.null or field.blank):
        raise KeyError(f"{field.model._meta.label}: no value for {field.name!r}, which has no default")
    return field.get_db_prep_save(field.get_default(), connection)
