"""One registry of what each Gonghui app plugs into the product, read off its AppConfig.

An app subclasses `GonghuiAppConfig` and declares, by dotted path where it is code:

| attribute   | what it is                                                                  |
|-------------|-----------------------------------------------------------------------------|
| `actions`   | {action: roles}: its rows of the one action table (`core.authority`)        |
| `urls`      | (prefix, module) of its pages, e.g. ("voice/", "gonghui.voice.urls")         |
| `api`       | (prefix, router) of its API, e.g. ("/voice", "gonghui.voice.api.router")     |
| `nav`       | [NavEntry]: its menu entries, each in a group of union work                 |
| `attention` | selector(visible_to=user) -> [Attention]: what waits for a cadre (待办)       |
| `summary`   | module with `sections(org, period)` (and optionally `union_headlines`)      |
| `scenario`  | module with `load(spec, ctx)` and `ORDER`: its part of a scenario file      |
| `demo`      | callable(ctx) loading its part of the demo                                  |
| `walk`      | module with `private_urls(cast)` and `service_calls(cast)`: its outsider walks    |

Adding an app touches its own folder and INSTALLED_APPS, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavEntry:
    """A menu entry: its group of union work, the URL name, the label, and who sees it:
    an action of the table (the person may do it somewhere), or one of the audiences
    "member" (anyone who belongs), "own_record" (anyone with a member record) and "all"."""

    group: str
    url_name: str
    label: Any
    audience: str
    # Optionally, a dotted path to predicate(user) -> bool that must also hold (the alarm board
    # is offered only to someone who watches a zone).
    shown_if: str | None = None


# The groups of the menu, in order: (key, label). Labels are marked for translation in nav.
NAV_GROUPS = ("org", "democracy", "voice", "care", "activities", "alarms", "reports")


class GonghuiAppConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    actions: dict[str, frozenset[str]] = {}
    # Actions a federation officer may do inside a union only where that union allows it
    # (Org.federation_may_edit, off by default); reading needs no consent.
    federation_consent: frozenset[str] = frozenset()
    urls: tuple[str, str] | None = None
    api: tuple[str, str] | None = None
    nav: tuple[NavEntry, ...] = ()
    attention: str | None = None
    summary: str | None = None
    scenario: str | None = None
    demo: str | None = None
    walk: str | None = None


def gonghui_apps() -> list[GonghuiAppConfig]:
    """The installed Gonghui apps, in INSTALLED_APPS order."""
    return [c for c in apps.get_app_configs() if isinstance(c, GonghuiAppConfig)]


@cache
def _resolve(path: str) -> Any:
    if ":" in path or "." not in path:
        raise ValueError(path)
    try:
        return import_string(path)
    except ImportError:
        import importlib

        return importlib.import_module(path)


def declared(name: str) -> list[tuple[GonghuiAppConfig, Any]]:
    """[(app, what it declares under `name`)] for every app that declares it; dotted paths imported."""
    found = []
    for config in gonghui_apps():
        value = getattr(config, name, None)
        if not value:
            continue
        found.append((config, _resolve(value) if isinstance(value, str) else value))
    return found
