"""model_update: the one edit-with-history, on the org tree's own rows."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from gonghui.core.history import model_update
from gonghui.core.models import HistoryEntry

pytestmark = pytest.mark.django_db


def test_a_change_is_saved_with_one_history_row_and_a_repeat_adds_none(cast):
    org = cast.branch
    with transaction.atomic():
        changed = model_update(obj=org, changes={"name": "炼钢一作业区"}, allowed=("name",), actor=cast.chair, org=org)
    assert changed == {"name": ["炼钢作业区", "炼钢一作业区"]}
    with transaction.atomic():
        changed = model_update(obj=org, changes={"name": "炼钢一作业区"}, allowed=("name",), actor=cast.chair, org=org)
    assert changed == {}
    org.refresh_from_db()
    assert org.name == "炼钢一作业区"
    assert HistoryEntry.objects.filter(object_id=str(org.pk), action="update", changes__has_key="name").count() == 1


def test_a_field_not_allowed_is_refused_by_name(cast):
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        model_update(obj=cast.branch, changes={"path": "x"}, allowed=("name",), actor=cast.chair, org=cast.branch)
    assert refused.value.messages == ["以下字段不能在此修改：path"]


def test_validation_runs_on_the_fresh_row_and_nothing_is_saved_when_it_refuses(cast):
    def no_empty_name(row):
        if not row.name.strip():
            raise ValidationError({"name": "名称不能为空"})

    with pytest.raises(ValidationError), transaction.atomic():
        model_update(obj=cast.branch, changes={"name": " "}, allowed=("name",), actor=cast.chair, org=cast.branch,
                     before_save=no_empty_name)
    cast.branch.refresh_from_db()
    assert cast.branch.name == "炼钢作业区"


def test_an_empty_value_for_a_field_that_must_hold_one_is_refused_by_name(cast):
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        model_update(obj=cast.branch, changes={"name": None}, allowed=("name",), actor=cast.chair, org=cast.branch)
    assert refused.value.message_dict == {"name": ["此项不能为空。"]}
