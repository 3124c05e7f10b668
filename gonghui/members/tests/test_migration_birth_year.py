"""Migration 0005 converts the rows already stored: the birth date becomes its year, masks narrow
to 2 + 1 characters, and the history of members says no more than that either (no key needed)."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gonghui.core import crypto, idcard

BEFORE = [("members", "0004_surname_pinyin")]
# The state the test writes in: the members of before, beside the history and content types of now.
BESIDE = [("core", "0003_notice"), ("contenttypes", "0002_remove_content_type_name")]
NUMBER = idcard.make("11010519491231002")


def migrate(targets, state=()):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([*targets, *state]).apps


@pytest.mark.django_db(transaction=True)
def test_existing_members_and_their_history_are_converted():
    old = migrate(BEFORE, BESIDE)
    Org = old.get_model("orgs", "Org")
    Member = old.get_model("members", "Member")
    ContentType = old.get_model("contenttypes", "ContentType")
    HistoryEntry = old.get_model("core", "HistoryEntry")
    union = Org.objects.create(code="U", name="工会", kind="union", path="/1/", depth=0)
    old_mask = f"{NUMBER[:6]}********{NUMBER[-4:]}"
    member = Member.objects.create(
        org=union, union=union, name="张三", name_pinyin="zhangsan", name_initials="zs", sex="female",
        birth_date="1949-12-31", id_number_encrypted=crypto.encrypt(NUMBER), id_number_hash=crypto.blind_index(NUMBER),
        id_number_masked=old_mask,
    )
    member_type, _ = ContentType.objects.get_or_create(app_label="members", model="member")
    HistoryEntry.objects.create(org=union, content_type=member_type, object_id=str(member.pk), object_repr="张三",
                                action="update", changes={"birth_date": ["1949-12-30", "1949-12-31"],
                                                          "id_number_masked": ["110105********0021", old_mask]})
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        migrate(executor.loader.graph.leaf_nodes())
        with connection.cursor() as cursor:
            cursor.execute("SELECT birth_year, id_number_masked FROM members_member")
            assert cursor.fetchall() == [(1949, "11" + "*" * 15 + NUMBER[-1])]
            cursor.execute("SELECT changes FROM core_historyentry")
            (changes,), = cursor.fetchall()
        changes = json.loads(changes) if isinstance(changes, str) else changes
        assert changes == {"birth_year": [1949, 1949], "id_number_masked": ["11" + "*" * 15 + "1", "11" + "*" * 15 + NUMBER[-1]]}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        migrate(executor.loader.graph.leaf_nodes())
