"""On PostgreSQL, a GIN index of each name's characters, so that a two-character search
(志强, a given name) finds it anywhere in a name without reading a million rows: trigrams
need three characters, and the name's prefix index only finds a surname."""

from django.db import migrations

INDEX = "members_member_name_chars"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON members_member USING gin (string_to_array(name, NULL))")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0008_list_order_and_search_indexes"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
