from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class MembersConfig(registry.GonghuiAppConfig):
    name = "gonghui.members"
    label = "members"
    verbose_name = _("Member book")
    actions = {}
    urls = ("members/", "gonghui.members.urls")
    api = ("/members", "gonghui.members.api.router")
    nav = (
        registry.NavEntry("org", "members:list", _("Member book"), "manage"),
        registry.NavEntry("org", "members:me", _("My record"), "own_record"),
    )
    summary = "gonghui.members.summary"
    scenario = "gonghui.members.scenario"
    walk = "gonghui.members.tests.walk"
