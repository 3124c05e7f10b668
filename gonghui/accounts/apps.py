from django.utils.translation import gettext_lazy as _

from gonghui.core import registry


class AccountsConfig(registry.GonghuiAppConfig):
    name = "gonghui.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    actions = {}
    urls = ("accounts/", "gonghui.accounts.urls")
    walk = "gonghui.accounts.tests.walk"
