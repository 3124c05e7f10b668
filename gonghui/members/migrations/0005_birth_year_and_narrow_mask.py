"""Keep only the birth year, and mask ID numbers to their first 2 and last character.

The birth date and the old mask (first 6, last 4) together gave away all but two digits
of every number (see members/masking.py). Every member's row and every history row of a
member that recorded a birth date or a mask is converted here; nothing needs the key,
since the new mask's characters are all in the old one. Going back sets the birth date
to 1 January of the year: the day and month are gone, as they are meant to be.
"""

import datetime as dt

from django.db import migrations, models

BATCH = 2000


def _year(value):
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return value


def forward(apps, schema_editor):
    from gonghui.members.masking import narrower_mask

    Member = apps.get_model("members", "Member")
    changed = []
    for member in Member.objects.only("id", "birth_date", "id_number_masked").iterator(chunk_size=BATCH):
        member.birth_year = member.birth_date.year
        member.birth_date = None
        member.id_number_masked = narrower_mask(member.id_number_masked)
        changed.append(member)
        if len(changed) >= BATCH:
            Member.objects.bulk_update(changed, ["birth_year", "birth_date", "id_number_masked"])
            changed = []
    Member.objects.bulk_update(changed, ["birth_year", "birth_date", "id_number_masked"])

    ContentType = apps.get_model("contenttypes", "ContentType")
    HistoryEntry = apps.get_model("core", "HistoryEntry")
    member_type = ContentType.objects.filter(app_label="members", model="member").first()
    if member_type is None:
        return
    entries = HistoryEntry.objects.filter(content_type=member_type,
                                          changes__has_any_keys=["birth_date", "id_number_masked"])
    for entry in entries.iterator(chunk_size=BATCH):
        changes = dict(entry.changes)
        if "birth_date" in changes:
            old = changes.pop("birth_date")
            changes["birth_year"] = [_year(v) for v in old] if isinstance(old, list) else _year(old)
        if "id_number_masked" in changes:
            old = changes["id_number_masked"]
            changes["id_number_masked"] = ([narrower_mask(v) if isinstance(v, str) else v for v in old]
                                           if isinstance(old, list) else narrower_mask(old))
        entry.changes = changes
        entry.save(update_fields=["changes"])


def backward(apps, schema_editor):
    Member = apps.get_model("members", "Member")
    for member in Member.objects.only("id", "birth_year").iterator(chunk_size=BATCH):
        member.birth_date = dt.date(member.birth_year, 1, 1)
        member.save(update_fields=["birth_date"])


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_surname_pinyin"),
        ("core", "0003_notice"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="member", name="birth_year",
            field=models.PositiveSmallIntegerField(null=True, verbose_name="birth year"),
        ),
        migrations.AlterField(
            model_name="member", name="birth_date", field=models.DateField(null=True, verbose_name="birth date"),
        ),
        migrations.RunPython(forward, backward),
    ]
