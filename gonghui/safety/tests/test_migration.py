"""A database made before the split keeps its safety rows, and their history still finds them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("voice", "0002_sort_order_label"), ("safety", None)]


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_before_the_split_keeps_its_rows_and_their_history():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps
    # As it was: the content types of the safety tables were the voice app's, and no safety app existed.
    old.get_model("contenttypes", "ContentType").objects.filter(app_label="safety").delete()
    Org = old.get_model("orgs", "Org")
    org = Org.objects.create(code="OLD", name="旧工会", kind="union", path="/9001/", depth=0)
    group = old.get_model("voice", "SafetyGroup").objects.create(org=org, name="旧监督小组")
    post = old.get_model("voice", "HazardPost").objects.create(org=org, name="旧岗位", factors=["dust"], surveyed_on="2024-03-01")
    voice_type = old.get_model("contenttypes", "ContentType").objects.get_or_create(app_label="voice", model="safetygroup")[0]
    old.get_model("core", "HistoryEntry").objects.create(org=org, content_type=voice_type, object_id=str(group.pk),
                                                         object_repr="旧监督小组", action="create")

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    from gonghui.core.history import history_for
    from gonghui.safety.models import HazardPost, SafetyGroup

    moved = SafetyGroup.objects.get(pk=group.pk)
    assert moved.name == "旧监督小组" and HazardPost.objects.get(pk=post.pk).factors == ["dust"]
    assert ContentType.objects.get_for_model(SafetyGroup).pk == voice_type.pk
    assert history_for(moved).count() == 1
    call_command("makemigrations", "voice", "safety", check=True, dry_run=True, verbosity=0)
