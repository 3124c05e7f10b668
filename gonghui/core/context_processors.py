from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from gonghui.accounts.choices import Role
from gonghui.core.scoping import belonging_paths, holds_role, reach_paths


@lru_cache(maxsize=8)
def _nav_links(urlconf, script_prefix) -> tuple[tuple[str, str, str], ...]:
    """(url, label, audience) of every app's `nav_links`, reversed once per URLconf and prefix."""
    return tuple(
        (reverse(url_name), label, audience)
        for config in apps.get_app_configs()
        for url_name, label, audience in getattr(config, "nav_links", ())
    )


def _nav(user) -> dict:
    """The menu. Apps add entries through `nav_links` on their AppConfig:
    [(url_name, label, audience)], audience "manage" (cadres), "member" (anyone who belongs),
    "own_record" (anyone with a member record of their own) or "all".
    """
    if not user.is_authenticated:
        return {}
    paths = reach_paths(user)
    manages = paths is None or bool(paths)
    belongs = manages or bool(belonging_paths(user))
    # Linking a member record to a login grants the member role, so the roles already read tell.
    own_record = holds_role(user, Role.MEMBER)
    shown = {"all": True, "manage": manages, "member": belongs, "own_record": own_record}
    extra = [
        {"url": url, "label": label}
        for url, label, audience in _nav_links(get_urlconf(), get_script_prefix())
        if shown[audience]
    ]
    from gonghui.core.selectors import unread_notice_count

    return {"manages": manages, "member": own_record, "extra": extra, "unread": unread_notice_count(user=user)}


def gonghui(request):
    user = getattr(request, "user", None)
    return {
        "GONGHUI_DEMO": settings.GONGHUI_DEMO,
        # Worked out when a template first shows the menu: an htmx partial never pays for it.
        "nav": SimpleLazyObject(lambda: _nav(user)) if user is not None else {},
    }
