"""The API: every app's router, as its AppConfig declares it (`api = (prefix, router)`)."""

from gonghui.accounts.services import api_token_authenticate
from gonghui.core.api import build_api
from django.utils.module_loading import import_string

from gonghui.core.registry import gonghui_apps

api = build_api([(c.api[0], import_string(c.api[1])) for c in gonghui_apps() if c.api], token_check=api_token_authenticate)
