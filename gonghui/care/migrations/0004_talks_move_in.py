# Talks and home visits (谈心家访) move from the voice app, keeping their table and rows (voice 0004 lets go of them).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """The history rows of talks point at their content type: it changes app, so they still find it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="care", model="talk").exists():
        ContentType.objects.filter(app_label="voice", model="talk").update(app_label="care")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="voice", model="talk").exists():
        ContentType.objects.filter(app_label="care", model="talk").update(app_label="voice")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('care', '0003_verbose_names'),
        ('voice', '0003_safety_network_moves_out'),
        ('members', '0004_surname_pinyin'),
        ('orgs', '0003_seat_order_by_rank'),
    ]

    operations = [
        # The table is there already (voice's 0001, as voice_talk): only Django's picture of it moves here.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Talk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('kind', models.CharField(choices=[('talk', 'heart-to-heart talk'), ('home_visit', 'home visit')], default='talk', max_length=12, verbose_name='kind')),
                        ('date', models.DateField(verbose_name='date')),
                        ('topic', models.CharField(max_length=120, verbose_name='topic')),
                        ('outcome', models.TextField(blank=True, verbose_name='outcome')),
                        ('follow_up', models.TextField(blank=True, verbose_name='follow-up')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='members.member', verbose_name='worker')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                    ],
                    options={
                        'verbose_name': 'talk or home visit',
                        'verbose_name_plural': 'talks and home visits',
                        'db_table': 'voice_talk',
                        'ordering': ['-date', '-id'],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
