"""The one action table: every app's rows, each action naming roles that exist."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from gonghui.core.authority import action_table, roles_for
from gonghui.core.roles import Role


def test_every_action_names_roles_that_exist():
    table = action_table()
    assert table
    assert all(roles and roles <= set(Role.values) for roles in table.values())


def test_an_action_nobody_declared_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="unknown action"):
        roles_for("members.member.fly")


def test_the_command_prints_the_table(capsys):
    call_command("authority")
    out = capsys.readouterr().out
    assert "members.member.unmask" in out and "federation_officer chair\n" in out
