# The safety network moves to its own app (gonghui.safety), its tables and rows with it.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('voice', '0002_sort_order_label'),
        ('safety', '0001_initial'),
    ]

    operations = [
        # The tables stay, now the safety app's (safety 0001): only Django's picture of them goes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='followup',
                    name='exposure',
                ),
                migrations.RemoveField(
                    model_name='followup',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='hazardpost',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='safetygroup',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='safetyrep',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='safetyreport',
                    name='group',
                ),
                migrations.RemoveField(
                    model_name='safetyrep',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='safetyrep',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='safetyreport',
                    name='org',
                ),
                migrations.RemoveField(
                    model_name='safetyreport',
                    name='reporter',
                ),
                migrations.DeleteModel(
                    name='Exposure',
                ),
                migrations.DeleteModel(
                    name='FollowUp',
                ),
                migrations.DeleteModel(
                    name='HazardPost',
                ),
                migrations.DeleteModel(
                    name='SafetyGroup',
                ),
                migrations.DeleteModel(
                    name='SafetyRep',
                ),
                migrations.DeleteModel(
                    name='SafetyReport',
                ),
            ],
        ),
    ]
