from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import LEADING_ROLES, MANAGING_ROLES


class AccountsConfig(registry.GonghuiAppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    # One's own password and tokens are decided by who one is, not by a role: the services
    # refuse anyone else with "accounts.password.change" / "accounts.token.create|revoke".
    actions = {
        "accounts.role.view": MANAGING_ROLES,
        # roles that manage or watch (chair, cadre, duty staff…) are the leadership's to give
        "accounts.role.grant": LEADING_ROLES,
        # a member's or safety rep's role reaches only their own records: the cadre who links
        # the record or appoints the rep grants it
        "accounts.member_role.grant": MANAGING_ROLES,
        "accounts.password.reset": LEADING_ROLES,
    }
    urls = ("accounts/", "gonghui.accounts.urls")
    nav = (registry.NavEntry("org", "accounts:security", _("My tokens and password"), "all"),)
    walk = "gonghui.accounts.tests.walk"
