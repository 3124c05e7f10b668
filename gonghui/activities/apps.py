from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import BELONGING_ROLES, MANAGING_ROLES


class ActivitiesConfig(registry.GonghuiAppConfig):
    name = "gonghui.activities"
    label = "activities"
    verbose_name = _("Activities and growth")
    actions = {
        "activities.event.manage": MANAGING_ROLES,
        # a member signs themselves up (on their own org) for an event published to them
        "activities.event.signup": BELONGING_ROLES,
        "activities.honour.manage": MANAGING_ROLES,
        "activities.innovation.manage": MANAGING_ROLES,
        "activities.competition.manage": MANAGING_ROLES,
        "activities.mentorship.manage": MANAGING_ROLES,
        "activities.course.manage": MANAGING_ROLES,
        "activities.facility.manage": MANAGING_ROLES,
        # a member books a slot for themselves at a facility of their org (or one above it)
        "activities.facility.book": BELONGING_ROLES,
    }
    urls = ("activities/", "gonghui.activities.urls")
    api = ("/activities", "gonghui.activities.api.router")
    nav = (
        registry.NavEntry("activities", "activities:join", _("Sign up for activities"), "member"),
        registry.NavEntry("activities", "activities:honour_roll", _("Star board"), "member"),
        registry.NavEntry("activities", "activities:rooms", _("Book a facility"), "member"),
        registry.NavEntry("activities", "activities:events", _("Events"), "activities.event.manage"),
        registry.NavEntry("activities", "activities:honours", _("Honours"), "activities.honour.manage"),
        registry.NavEntry("activities", "activities:innovations", _("Innovations and patents"), "activities.innovation.manage"),
        registry.NavEntry("activities", "activities:competitions", _("Labour competitions"), "activities.competition.manage"),
        registry.NavEntry("activities", "activities:mentorships", _("Mentors and training"), "activities.mentorship.manage"),
        registry.NavEntry("activities", "activities:facilities", _("Facilities"), "activities.facility.manage"),
    )
    attention = "gonghui.activities.selectors.attention"
    summary = "gonghui.activities.summary"
    scenario = "gonghui.activities.scenario"
    demo = "gonghui.activities.demo.load"
    walk = "gonghui.activities.tests.walk"
