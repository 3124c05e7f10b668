"""The menu, grouped by area of union work, each group showing only what the person may use."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from gonghui.core.registry import NAV_GROUPS, gonghui_apps
from gonghui.core.roles import Role
from gonghui.core.scoping import belonging_paths, holds_role, may, reach_paths

GROUP_LABELS = {
    "org": _("Organisation and members"),
    "democracy": _("Democratic management"),
    "voice": _("Voice and safety"),
    "care": _("Care and funds"),
    "activities": _("Activities and growth"),
    "alarms": _("Alarm duty"),
    "reports": _("Work summary"),
}


@lru_cache(maxsize=8)
def _entries(urlconf, script_prefix) -> tuple[tuple[str, str, object, str, object], ...]:
    """(group, url, label, audience, predicate) of every app's `nav`, reversed once per URLconf and prefix."""
    return tuple(
        (entry.group, reverse(entry.url_name), entry.label, entry.audience,
         import_string(entry.shown_if) if entry.shown_if else None)
        for config in gonghui_apps()
        for entry in config.nav
    )


def _nav(user) -> dict:
    """The menu: [{label, entries: [{url, label}]}] in the groups' order, empty groups left out.

    An entry's audience is an action of the table (shown when the person may do it somewhere)
    or "manage" (a cadre anywhere), "member" (anyone who belongs), "own_record" (anyone with a
    member record of their own) or "all".
    """
    if not user.is_authenticated:
        return {}
    paths = reach_paths(user)
    manages = paths is None or bool(paths)
    belongs = manages or bool(belonging_paths(user))
    # Linking a member record to a login grants the member role, so the roles already read tell.
    own_record = holds_role(user, Role.MEMBER)
    shown = {"all": True, "manage": manages, "member": belongs, "own_record": own_record}
    groups: dict[str, list[dict]] = {key: [] for key in NAV_GROUPS}
    answered: dict[object, bool] = {}   # entries sharing a predicate ask it once
    for group, url, label, audience, predicate in _entries(get_urlconf(), get_script_prefix()):
        if not (shown[audience] if audience in shown else may(user, audience)):
            continue
        if predicate is not None and predicate not in answered:
            answered[predicate] = predicate(user)
        if predicate is None or answered[predicate]:
            groups.setdefault(group, []).append({"url": url, "label": label})
    from gonghui.core.selectors import unread_notice_count

    return {
        "manages": manages,
        "member": own_record,
        "groups": [{"key": key, "label": GROUP_LABELS.get(key, key), "entries": entries}
                   for key, entries in groups.items() if entries],
        "unread": unread_notice_count(user=user),
    }


def gonghui(request):
    user = getattr(request, "user", None)
    return {
        "GONGHUI_DEMO": settings.GONGHUI_DEMO,
        # Worked out when a template first shows the menu: an htmx partial never pays for it.
        "nav": SimpleLazyObject(lambda: _nav(user)) if user is not None else {},
    }
