from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import Role

# Who may do what in care (core.authority).
#
# Hardship files hold a household's income and spending, so only the cadres of the member's
# own union (its chair, and a branch cadre for the branch's members) see or keep them. The
# federation officer does not: a federation learns how many households its unions help from
# the work summary's roll-up, which counts files without opening them. Visits and aid are
# the union's ordinary record of its work and the federation may read them; aid is money out
# of the fund, so the funds review committee (经费审查) reads it too.
CADRES = frozenset({Role.CHAIR, Role.CADRE})
# Talks and home visits (谈心家访) are private between the worker and the union: its chair and
# cadres, nobody above (they came over from the voice app with their rule).
TALK_ROLES = CADRES


class CareConfig(registry.GonghuiAppConfig):
    name = "gonghui.care"
    label = "care"
    verbose_name = _("Care for members in hardship")
    actions = {
        "care.case.view": CADRES,
        "care.case.manage": CADRES,
        # A household's income and spending are as private as an ID number: masked on every page,
        # shown in the clear to the chair on asking, and each look logged (members.member.unmask).
        "care.case.unmask": frozenset({Role.CHAIR}),
        "care.visit.view": CADRES | {Role.FEDERATION_OFFICER},
        "care.visit.record": CADRES,
        "care.aid.view": CADRES | {Role.FEDERATION_OFFICER, Role.FUNDS_REVIEWER},
        "care.aid.pay": CADRES,
        "care.talk.view": TALK_ROLES,
        "care.talk.record": TALK_ROLES,
        "care.settings.set": frozenset({Role.CHAIR}),
    }
    urls = ("care/", "gonghui.care.urls")
    api = ("/care", "gonghui.care.api.router")
    nav = (
        registry.NavEntry("care", "care:cases", _("Hardship files"), "care.case.view"),
        registry.NavEntry("care", "care:visits", _("Visits"), "care.visit.view"),
        registry.NavEntry("care", "care:aid", _("Aid payments"), "care.aid.view"),
        registry.NavEntry("care", "care:talks", _("Talks and home visits"), "care.talk.view"),
    )
    attention = "gonghui.care.selectors.attention"
    summary = "gonghui.care.summary"
    scenario = "gonghui.care.scenario"
    demo = "gonghui.care.demo.load"
    walk = "gonghui.care.tests.walk"
