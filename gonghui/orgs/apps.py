from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class OrgsConfig(registry.GonghuiAppConfig):
    name = "gonghui.orgs"
    label = "orgs"
    verbose_name = _("Organisations")
    actions = {}
    urls = ("orgs/", "gonghui.orgs.urls")
    api = ("/orgs", "gonghui.orgs.api.router")
    nav = (registry.NavEntry("org", "orgs:tree", _("Organisations"), "manage"),)
    walk = "gonghui.orgs.tests.walk"
