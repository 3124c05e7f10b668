from django.utils.translation import gettext_lazy as _

from gonghui.core import registry
from gonghui.core.roles import BELONGING_ROLES, MANAGING_ROLES



class VoiceConfig(registry.GonghuiAppConfig):
    name = "gonghui.voice"
    label = "voice"
    verbose_name = _("Workers' voice")
    actions = {
        # Suggestions: a member speaks up and closes the loop; the union's cadres answer.
        "voice.suggestion.submit": BELONGING_ROLES,
        "voice.suggestion.close": BELONGING_ROLES,     # the author rates the answer or reopens it
        "voice.suggestion.view": MANAGING_ROLES,
        "voice.suggestion.review": MANAGING_ROLES,
        "voice.suggestion.decide": MANAGING_ROLES,
        "voice.suggestion.implement": MANAGING_ROLES,  # assign to a unit, mark implemented
        "voice.suggestion.promote": MANAGING_ROLES,
        "voice.suggestion.import": MANAGING_ROLES,
        "voice.theme.manage": MANAGING_ROLES,          # themes and answer templates
    }
    urls = ("voice/", "gonghui.voice.urls")
    api = ("/voice", "gonghui.voice.api.router")
    nav = (
        registry.NavEntry("voice", "voice:dashboard", _("Workers' voice"), "voice.suggestion.view"),
        registry.NavEntry("voice", "voice:queue", _("Suggestions"), "voice.suggestion.view"),
        registry.NavEntry("voice", "voice:mine", _("My suggestions"), "own_record"),
    )
    attention = "gonghui.voice.selectors.attention"
    summary = "gonghui.voice.summary"
    scenario = "gonghui.voice.scenario"
    walk = "gonghui.voice.tests.walk"
