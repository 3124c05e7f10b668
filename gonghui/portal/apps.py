from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class PortalConfig(registry.GonghuiAppConfig):
    """The way in: the home page with its dashboard and 待办, the inbox, the menu, and the demo."""

    name = "gonghui.portal"
    label = "portal"
    verbose_name = _("Home")
    urls = ("", "gonghui.portal.urls")
    walk = "gonghui.portal.tests.walk"
