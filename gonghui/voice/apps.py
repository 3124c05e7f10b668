from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class VoiceConfig(registry.GonghuiAppConfig):
    name = "gonghui.voice"
    label = "voice"
    verbose_name = _("Workers' voice")
    actions = {}
    urls = ("voice/", "gonghui.voice.urls")
    api = ("/voice", "gonghui.voice.api.router")
    nav = (
        registry.NavEntry("voice", "voice:dashboard", _("Workers' voice"), "manage"),
        registry.NavEntry("voice", "voice:queue", _("Suggestions"), "manage"),
        registry.NavEntry("voice", "voice:reports", _("Safety reports"), "manage"),
        registry.NavEntry("voice", "voice:mine", _("My suggestions and reports"), "own_record"),
    )
    attention = "gonghui.voice.selectors.attention"
    summary = "gonghui.voice.summary"
    scenario = "gonghui.voice.scenario"
    demo = "gonghui.voice.demo.load"
    walk = "gonghui.voice.tests.walk"
