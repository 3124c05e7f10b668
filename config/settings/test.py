"""Settings for the test suite: fast hashing, tasks run inline, the same database rules."""

from .base import *  # noqa: F401,F403

# Argon2 is right for people and far too slow for hundreds of test logins.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
