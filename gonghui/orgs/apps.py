from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import LEADING_ROLES, MANAGING_ROLES, Role

# Who builds the org tree and its committees: the leadership, and a cadre within their branch.
BUILDING_ROLES = LEADING_ROLES | {Role.CADRE}


class OrgsConfig(registry.GonghuiAppConfig):
    name = "gonghui.orgs"
    label = "orgs"
    verbose_name = _("Organisations")
    actions = {
        "orgs.org.view": MANAGING_ROLES,
        "orgs.org.create": BUILDING_ROLES,
        "orgs.org.rename": BUILDING_ROLES,
        "orgs.committee.create": BUILDING_ROLES,
        "orgs.committee.seat_assign": BUILDING_ROLES,
        "orgs.committee.seat_end": BUILDING_ROLES,
        # Whether the federation may edit the union's member book and see full ID numbers: the union's chair decides.
        "orgs.org.federation_consent": frozenset({Role.CHAIR}),
    }
    urls = ("orgs/", "gonghui.orgs.urls")
    api = ("/orgs", "gonghui.orgs.api.router")
    nav = (registry.NavEntry("org", "orgs:tree", _("Organisations"), "orgs.org.view"),)
    walk = "gonghui.orgs.tests.walk"
