# The safety network moves from the voice app, keeping its tables and rows (voice 0003 lets go of it).

import django.db.models.deletion
from django.db import migrations, models


MOVED = ("safetygroup", "safetyrep", "safetyreport", "hazardpost", "exposure", "followup")


def move_content_types(apps, schema_editor):
    """The history rows of the moved models point at their content type: it changes app, so they still find it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="safety", model=model).exists():
            ContentType.objects.filter(app_label="voice", model=model).update(app_label="safety")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('voice', '0002_sort_order_label'),
        ('members', '0004_surname_pinyin'),
        ('orgs', '0003_seat_order_by_rank'),
    ]

    operations = [
        # The tables are there already (voice's 0001): only Django's picture of them moves here.
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Exposure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('since', models.DateField(verbose_name='since')),
                        ('until', models.DateField(blank=True, null=True, verbose_name='until')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exposures', to='members.member', verbose_name='worker')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'exposure',
                        'verbose_name_plural': 'exposures',
                        'db_table': 'voice_exposure',
                        'ordering': ['post', 'member__name'],
                    },
                ),
                migrations.CreateModel(
                    name='FollowUp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('kind', models.CharField(choices=[('health_check', 'occupational health check'), ('off_post', 'time off the post'), ('recuperation', 'recuperation leave')], max_length=14, verbose_name='kind')),
                        ('due_on', models.DateField(verbose_name='due on')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('exposure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='follow_ups', to='safety.exposure', verbose_name='exposure')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'follow-up',
                        'verbose_name_plural': 'follow-ups',
                        'db_table': 'voice_followup',
                        'ordering': ['due_on', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='HazardPost',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('name', models.CharField(max_length=100, verbose_name='post')),
                        ('factors', models.JSONField(default=list, verbose_name='hazard factors')),
                        ('surveyed_on', models.DateField(verbose_name='surveyed on')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'hazard post',
                        'verbose_name_plural': 'hazard posts',
                        'db_table': 'voice_hazardpost',
                        'ordering': ['org__path', 'name'],
                    },
                ),
                migrations.AddField(
                    model_name='exposure',
                    name='post',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='exposures', to='safety.hazardpost', verbose_name='post'),
                ),
                migrations.CreateModel(
                    name='SafetyGroup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('name', models.CharField(max_length=100, verbose_name='group name')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'supervision group',
                        'verbose_name_plural': 'supervision groups',
                        'db_table': 'voice_safetygroup',
                        'ordering': ['org__path', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='SafetyRep',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('appointed_on', models.DateField(verbose_name='appointed on')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reps', to='safety.safetygroup', verbose_name='supervision group')),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='safety_appointments', to='members.member', verbose_name='member')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                    ],
                    options={
                        'verbose_name': 'safety rep',
                        'verbose_name_plural': 'safety reps',
                        'db_table': 'voice_safetyrep',
                        'ordering': ['group', 'member__name'],
                    },
                ),
                migrations.CreateModel(
                    name='SafetyReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('idempotency_key', models.CharField(blank=True, editable=False, max_length=64)),
                        ('place', models.CharField(max_length=120, verbose_name='place')),
                        ('description', models.TextField(verbose_name='what is wrong')),
                        ('photo', models.FileField(blank=True, upload_to='voice/reports/%Y/%m/', verbose_name='photo')),
                        ('severity', models.CharField(choices=[('low', 'minor'), ('medium', 'serious'), ('high', 'critical')], default='medium', max_length=8, verbose_name='severity')),
                        ('reported_on', models.DateField(db_index=True, verbose_name='reported on')),
                        ('status', models.CharField(choices=[('received', 'received'), ('forwarded', 'forwarded to the unit'), ('in_progress', 'being acted on'), ('resolved', 'resolved')], default='received', max_length=12, verbose_name='status')),
                        ('responsible_unit', models.CharField(blank=True, max_length=100, verbose_name='responsible unit')),
                        ('deadline', models.DateField(blank=True, null=True, verbose_name='deadline')),
                        ('progress', models.TextField(blank=True, verbose_name='what was done')),
                        ('answer', models.TextField(blank=True, verbose_name='written answer')),
                        ('answered_on', models.DateField(blank=True, null=True, verbose_name='answered on')),
                        ('days_to_answer', models.PositiveIntegerField(blank=True, editable=False, null=True, verbose_name='days to answer')),
                        ('resolved_on', models.DateField(blank=True, null=True, verbose_name='resolved on')),
                        ('rating', models.CharField(blank=True, choices=[('satisfied', 'satisfied'), ('fairly', 'fairly satisfied'), ('dissatisfied', 'dissatisfied')], max_length=12, verbose_name='rating')),
                        ('reopen_count', models.PositiveSmallIntegerField(default=0, verbose_name='times reopened')),
                        ('group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='safety.safetygroup', verbose_name='supervision group')),
                        ('org', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='orgs.org', verbose_name='organisation')),
                        ('reporter', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='safety_reports', to='members.member', verbose_name='reported by')),
                    ],
                    options={
                        'verbose_name': 'safety report',
                        'verbose_name_plural': 'safety reports',
                        'db_table': 'voice_safetyreport',
                        'ordering': ['-reported_on', '-id'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='exposure',
                    constraint=models.UniqueConstraint(condition=models.Q(('until__isnull', True)), fields=('post', 'member'), name='voice_one_open_exposure'),
                ),
                migrations.AddConstraint(
                    model_name='safetygroup',
                    constraint=models.UniqueConstraint(fields=('org',), name='voice_one_group_per_org'),
                ),
                migrations.AddConstraint(
                    model_name='safetyrep',
                    constraint=models.UniqueConstraint(condition=models.Q(('ended_on__isnull', True)), fields=('member',), name='voice_one_open_appointment'),
                ),
                migrations.AddConstraint(
                    model_name='safetyreport',
                    constraint=models.UniqueConstraint(condition=models.Q(('idempotency_key', ''), _negated=True), fields=('reporter', 'idempotency_key'), name='voice_report_once_per_reporter_key'),
                ),
            ],
        ),
        migrations.RunPython(move_content_types, migrations.RunPython.noop),
    ]
