from django.apps import apps
from django.conf import settings
from django.urls import reverse

from gonghui.core.scoping import belonging_paths, reach_paths


def _nav(user) -> dict:
    """The menu. Apps add entries through `nav_links` on their AppConfig:
    [(url_name, label, audience)], audience "manage" (cadres), "member" (anyone who belongs) or "all".
    """
    if not user.is_authenticated:
        return {}
    paths = reach_paths(user)
    manages = paths is None or bool(paths)
    belongs = manages or bool(belonging_paths(user))
    extra = []
    for config in apps.get_app_configs():
        for url_name, label, audience in getattr(config, "nav_links", ()):
            if audience == "all" or (audience == "manage" and manages) or (audience == "member" and belongs):
                extra.append({"url": reverse(url_name), "label": label})
    from gonghui.core.selectors import unread_notice_count

    return {"manages": manages, "member": hasattr(user, "member"), "extra": extra, "unread": unread_notice_count(user=user)}


def gonghui(request):
    user = getattr(request, "user", None)
    return {
        "GONGHUI_DEMO": settings.GONGHUI_DEMO,
        "nav": _nav(user) if user is not None else {},
    }
