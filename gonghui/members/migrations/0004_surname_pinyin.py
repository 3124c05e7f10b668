"""Re-read every name's pinyin keys: surnames now take their surname reading (曾 zeng, 单 shan).

Uses the app's own naming function, so the keys match what new records get; a later
change to the readings ships its own migration like this one.
"""

from django.db import migrations

BATCH = 2000


def reread(apps, schema_editor):
    from gonghui.members.naming import pinyin_keys

    Member = apps.get_model("members", "Member")
    changed = []
    for member in Member.objects.only("id", "name", "name_pinyin", "name_initials").iterator(chunk_size=BATCH):
        keys = pinyin_keys(member.name)
        if keys != (member.name_pinyin, member.name_initials):
            member.name_pinyin, member.name_initials = keys
            changed.append(member)
    Member.objects.bulk_update(changed, ["name_pinyin", "name_initials"], batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [("members", "0003_labels")]

    operations = [migrations.RunPython(reread, migrations.RunPython.noop)]
