from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VoiceConfig(AppConfig):
    name = "gonghui.voice"
    label = "voice"
    verbose_name = _("Workers' voice")
    nav_links = [
        ("voice:dashboard", _("Workers' voice"), "manage"),
        ("voice:queue", _("Suggestions"), "manage"),
        ("voice:reports", _("Safety reports"), "manage"),
        ("voice:mine", _("My suggestions and reports"), "own_record"),
    ]
    attention = "gonghui.voice.selectors.attention"
