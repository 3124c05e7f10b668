"""Take control characters out of the text already stored (names, posts, phones, notes).

They came in before input was cleaned (orgs.text), and XML 1.0 cannot hold them: one in a
name made every .xlsx or .docx export holding it fail. New text is cleaned where it comes in.
"""

from django.db import migrations

BATCH = 2000


def clean(apps, schema_editor):
    from gonghui.core.text import has_control_characters, multi_line, single_line

    for model, fields, cleaner in (
        ("Member", ("name", "ethnic_group", "phone", "post"), single_line),
        ("MembershipEvent", ("note",), multi_line),
    ):
        Model = apps.get_model("members", model)
        changed = []
        for row in Model.objects.only("id", *fields).iterator(chunk_size=BATCH):
            dirty = [f for f in fields if has_control_characters(getattr(row, f))]
            for f in dirty:
                setattr(row, f, cleaner(getattr(row, f)))
            if dirty:
                changed.append(row)
        Model.objects.bulk_update(changed, list(fields), batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [("members", "0006_drop_birth_date")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
