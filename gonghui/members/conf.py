"""Settings of the member book, with their defaults (override in the settings module or the environment)."""

import os
from pathlib import Path

from django.conf import settings


def import_upload_dir() -> Path:
    """Where an uploaded roster waits between its dry run and the confirmed import (holds ID numbers: private)."""
    default = Path(settings.VAR_DIR) / "imports"
    return Path(getattr(settings, "GONGHUI_IMPORT_UPLOAD_DIR", os.environ.get("GONGHUI_IMPORT_UPLOAD_DIR", default)))


# An upload not confirmed within this many hours is deleted by the next upload.
IMPORT_UPLOAD_HOURS = int(getattr(settings, "GONGHUI_IMPORT_UPLOAD_HOURS", 24))
IMPORT_MAX_BYTES = int(getattr(settings, "GONGHUI_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
# People in one import; the template's instructions sheet states it.
IMPORT_MAX_ROWS = int(getattr(settings, "GONGHUI_IMPORT_MAX_ROWS", 10_000))
# Problems listed one by one in a report; the rest are counted ("以及另外 N 处错误").
IMPORT_MAX_LISTED_ERRORS = int(getattr(settings, "GONGHUI_IMPORT_MAX_LISTED_ERRORS", 100))
