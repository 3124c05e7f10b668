"""Take control characters out of org and committee names already stored (see orgs.text)."""

from django.db import migrations


def clean(apps, schema_editor):
    from gonghui.core.text import has_control_characters, single_line

    for model in ("Org", "Committee"):
        Model = apps.get_model("orgs", model)
        changed = [row for row in Model.objects.only("id", "name") if has_control_characters(row.name)]
        for row in changed:
            row.name = single_line(row.name)
        Model.objects.bulk_update(changed, ["name"], batch_size=1000)


class Migration(migrations.Migration):

    dependencies = [("orgs", "0003_seat_order_by_rank")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop)]
