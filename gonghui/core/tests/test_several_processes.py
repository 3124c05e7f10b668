"""Several web processes behind one load balancer: nothing one of them needs lives only in another's memory."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from django.core.files.storage import storages

from gonghui.members.imports import upload_discard, upload_keep, upload_open
from gonghui.members.workbook import template_workbook

ROOT = Path(__file__).resolve().parents[3]

SHOW = ("import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'cache': settings.CACHES['default']['BACKEND'], 'session': settings.SESSION_ENGINE, "
        "'media': str(settings.MEDIA_ROOT), 'tasks': settings.TASKS['default']['BACKEND']}))")


def configured(**env) -> dict:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", **env}
    if "GONGHUI_REDIS_URL" not in env:
        environ.pop("GONGHUI_REDIS_URL", None)
    done = subprocess.run([sys.executable, "-c", SHOW], env=environ, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_with_redis_configured_the_cache_sessions_and_tasks_are_shared_through_it_and_media_is_a_shared_folder(tmp_path):
    shown = configured(GONGHUI_REDIS_URL="redis://127.0.0.1:6379/3", GONGHUI_MEDIA_ROOT=str(tmp_path / "shared"))
    assert shown == {"cache": "django.core.cache.backends.redis.RedisCache",
                     "session": "django.contrib.sessions.backends.cached_db",
                     "media": str(tmp_path / "shared"), "tasks": "django_tasks_rq.RQBackend"}


def test_without_redis_sessions_are_database_rows():
    shown = configured()
    assert shown["session"] == "django.contrib.sessions.backends.db"


def test_a_roster_awaiting_confirmation_is_kept_in_the_configured_imports_storage(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "shared-imports"), "file_permissions_mode": 0o600}}}
    token = upload_keep(io.BytesIO(template_workbook()))
    assert (tmp_path / "shared-imports" / f"{token}.xlsx").is_file()
    assert storages["imports"].exists(f"{token}.xlsx")
    with upload_open(token) as kept:
        assert kept.read(2) == b"PK"
    upload_discard(token)
    assert upload_open(token) is None
