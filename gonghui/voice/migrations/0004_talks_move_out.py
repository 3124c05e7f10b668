# Talks and home visits move to the care app (care 0004), their table and rows with them.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('voice', '0003_safety_network_moves_out'),
        ('care', '0004_talks_move_in'),
    ]

    operations = [
        # The table stays, now care's: only Django's picture of it goes.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name='talk', name='member'),
                migrations.RemoveField(model_name='talk', name='org'),
                migrations.RemoveField(model_name='talk', name='recorded_by'),
                migrations.DeleteModel(name='Talk'),
            ],
        ),
    ]
