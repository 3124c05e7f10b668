"""One `executemany` per table for large batches (roster imports, scenarios).

Django's bulk_create compiles an INSERT per batch and prepares every value through the
SQL compiler; for 10,000 members with their join events and history rows that was
most of an import's time. This writes the same values (each field's own pre_save and
get_db_prep_save, so auto_now_add stamps, JSON and dates come out as bulk_create makes
them) with one statement executed many times. Primary keys are not returned: callers
that need them read them back by a unique column.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Model


def rows_insert(model: type[Model], objs: Sequence[Model]) -> None:
    if not objs:
        return
    using = router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    fields = [f for f in meta.concrete_fields if f is not meta.auto_field]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({marks})"
    values = [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using
