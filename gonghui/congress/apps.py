from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import MANAGING_ROLES


class CongressConfig(registry.GonghuiAppConfig):
    name = "gonghui.congress"
    label = "congress"
    verbose_name = _("Workers' congress")
    # The congress office, the motions committee and the election committee are the union's
    # cadres; a handling department answers through its own cadres. A delegate votes, moves,
    # seconds, rates and appraises by their seat in the session, a teller enters paper ballots
    # by appointment: those services check the person (and refuse with NotAllowed), not a role.
    actions = {
        "congress.session.manage": MANAGING_ROLES,
        "congress.motion.decide": MANAGING_ROLES,
        "congress.motion.answer": MANAGING_ROLES,
        "congress.election.manage": MANAGING_ROLES,
        "congress.appraisal.manage": MANAGING_ROLES,
        "congress.contract.manage": MANAGING_ROLES,
    }
    urls = ("congress/", "gonghui.congress.urls")
    api = ("/congress", "gonghui.congress.api.router")
    nav = (
        registry.NavEntry("democracy", "congress:sessions", _("Workers' congress"), "member"),
        registry.NavEntry("democracy", "congress:motions", _("Motions"), "member"),
        registry.NavEntry("democracy", "congress:elections", _("Elections"), "member"),
        registry.NavEntry("democracy", "congress:appraisals", _("Democratic appraisal"), "member"),
        registry.NavEntry("democracy", "congress:contracts", _("Collective contracts"), "congress.contract.manage"),
    )
    attention = "gonghui.congress.selectors.attention"
    summary = "gonghui.congress.summary"
    scenario = "gonghui.congress.scenario"
    demo = "gonghui.congress.demo.load"
    walk = "gonghui.congress.tests.walk"
