from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("members", "0005_birth_year_and_narrow_mask")]

    operations = [
        migrations.RemoveField(model_name="member", name="birth_date"),
        migrations.AlterField(
            model_name="member", name="birth_year", field=models.PositiveSmallIntegerField(verbose_name="birth year"),
        ),
    ]
