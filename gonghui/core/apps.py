from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The kernel: scoping and the action table, history, notices, the summary's parts, the
    registry every app plugs into. It imports no domain app."""

    name = "gonghui.core"
    label = "core"
    verbose_name = _("Core")
