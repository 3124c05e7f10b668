import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded photos land in a temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
