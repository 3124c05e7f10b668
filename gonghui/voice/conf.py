"""Settings of the workers' voice, with their defaults (override in settings or the environment)."""

import os

from django.conf import settings

PHOTO_MAX_BYTES = int(getattr(settings, "VOICE_PHOTO_MAX_BYTES", os.environ.get("VOICE_PHOTO_MAX_BYTES", 5 * 1024 * 1024)))
# Days a functional unit gets to answer a safety report when the cadre gives no date.
REPORT_DEADLINE_DAYS = int(getattr(settings, "VOICE_REPORT_DEADLINE_DAYS", 15))
# An anonymous suggestion is shown at a level with at least this many people on the roll, so that
# the place it came from does not point at a handful of people (a team of six, a branch of eight).
ANONYMITY_MIN_MEMBERS = int(getattr(settings, "VOICE_ANONYMITY_MIN_MEMBERS", 10))
