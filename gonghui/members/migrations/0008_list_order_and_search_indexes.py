"""The member list's order as an index (keyset pages), and on PostgreSQL the search indexes.

On PostgreSQL: pg_trgm's GIN index on the name (a search of three or more characters
anywhere in a name), and prefix (varchar_pattern_ops) indexes on the name and the phone, so
`LIKE '张%'` and `LIKE '138%'` seek instead of reading a million rows; the pinyin and
initials already have theirs (Django's `_like` indexes of db_index fields). SQLite (a union
of thousands) needs none of them, and searches as before.
"""

from django.db import migrations, models

POSTGRES_INDEXES = (
    "CREATE INDEX IF NOT EXISTS members_member_name_trgm ON members_member USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS members_member_name_prefix ON members_member (name varchar_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS members_member_phone_prefix ON members_member (phone varchar_pattern_ops)",
)


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for statement in POSTGRES_INDEXES:
        schema_editor.execute(statement)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in ("members_member_name_trgm", "members_member_name_prefix", "members_member_phone_prefix"):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0007_clean_control_characters"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="member",
            index=models.Index(fields=["status", "name_pinyin", "id"], name="members_list_order"),
        ),
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
