from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import Role

# Who may do what with the union's money (core.authority). The ledger is kept by the
# union's own chair and cadres; the federation officer and the funds review committee
# (经费审查委员会, DESIGN.md "Who uses it") read it; only the chair sees a member's wage
# unmasked and sets the budget the congress approved.
KEEPERS = frozenset({Role.CHAIR, Role.CADRE})
READERS = frozenset({Role.CHAIR, Role.CADRE, Role.FUNDS_REVIEWER, Role.FEDERATION_OFFICER})


class FundsConfig(registry.GonghuiAppConfig):
    name = "gonghui.funds"
    label = "funds"
    verbose_name = _("Dues and union funds")
    actions = {
        "funds.ledger.view": READERS,
        "funds.ledger.post": KEEPERS,
        "funds.budget.set": frozenset({Role.CHAIR}),
        "funds.wage.set": KEEPERS,
        "funds.dues.collect": KEEPERS,
        "funds.review.publish": frozenset({Role.FUNDS_REVIEWER, Role.CHAIR}),
    }
    urls = ("funds/", "gonghui.funds.urls")
    api = ("/funds", "gonghui.funds.api.router")
    nav = (
        registry.NavEntry("care", "funds:index", _("Dues and funds"), "funds.ledger.view"),
    )
    attention = "gonghui.funds.selectors.attention"
    summary = "gonghui.funds.summary"
    scenario = "gonghui.funds.scenario"
    demo = "gonghui.funds.demo.load"
    walk = "gonghui.funds.tests.walk"
