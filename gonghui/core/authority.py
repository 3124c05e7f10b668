"""Who may do what: the one table of actions and the roles that may do them.

Each app declares its rows on its AppConfig (`actions = {"voice.suggestion.decide": MANAGING_ROLES}`);
this module joins them into one table, and `core.scoping` answers every question of authority
from it: `scoping.require(actor=…, org=…, action=…)` before every write, and
`scoping.in_reach(queryset, user, action=…)` in every selector.

Actions are named `<app>.<thing>.<verb>`. `view` actions decide what a list shows;
the others guard one write each. `gonghui authority` prints the table.
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ImproperlyConfigured

from .registry import gonghui_apps


@cache
def action_table() -> dict[str, frozenset[str]]:
    """{action: the roles that may do it}, from every installed app."""
    table: dict[str, frozenset[str]] = {}
    for config in gonghui_apps():
        for action, roles in config.actions.items():
            if not action.startswith(f"{config.label}."):
                raise ImproperlyConfigured(f"{config.label} declares {action!r}: an app names only its own actions")
            if not roles:
                raise ImproperlyConfigured(f"{action!r} names no role")
            table[action] = frozenset(roles)
    return table


def roles_for(action: str) -> frozenset[str]:
    try:
        return action_table()[action]
    except KeyError:
        raise ImproperlyConfigured(f"unknown action {action!r}: declare it in its app's AppConfig.actions") from None


@cache
def consent_actions() -> frozenset[str]:
    """The actions a federation officer does inside a union only with that union's consent
    (each app's `federation_consent`): editing its member book, seeing full ID numbers."""
    return frozenset(action for config in gonghui_apps() for action in config.federation_consent)
