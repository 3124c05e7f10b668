from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import LEADING_ROLES, MANAGING_ROLES, Role

# Who keeps the member book: the union's leadership and its cadres. A funds reviewer reads
# it (every managing role does) but writes nothing in it.
KEEPING_ROLES = LEADING_ROLES | {Role.CADRE}


class MembersConfig(registry.GonghuiAppConfig):
    name = "gonghui.members"
    label = "members"
    verbose_name = _("Member book")
    actions = {
        "members.member.view": MANAGING_ROLES,
        "members.member.create": KEEPING_ROLES,
        "members.member.update": KEEPING_ROLES,
        "members.member.transfer": KEEPING_ROLES,
        "members.member.leave": KEEPING_ROLES,
        "members.member.import": KEEPING_ROLES,
        # A login for a member grants a role: the leadership's decision.
        "members.member.link_user": LEADING_ROLES,
        # The full ID-card number (reveal, correction, real-name roster): each look is logged.
        "members.member.unmask": LEADING_ROLES,
    }
    # A federation officer reads every union's book; writing in it or seeing full ID numbers
    # needs the union's consent (orgs: Org.federation_may_edit), and every look is logged.
    federation_consent = frozenset({
        "members.member.create", "members.member.update", "members.member.transfer", "members.member.leave",
        "members.member.import", "members.member.link_user", "members.member.unmask",
    })
    urls = ("members/", "gonghui.members.urls")
    api = ("/members", "gonghui.members.api.router")
    nav = (
        registry.NavEntry("org", "members:list", _("Member book"), "members.member.view"),
        registry.NavEntry("org", "members:me", _("My record"), "own_record"),
    )
    summary = "gonghui.members.summary"
    scenario = "gonghui.members.scenario"
    walk = "gonghui.members.tests.walk"
