"""Fixtures shared by every app's tests."""

import pytest


@pytest.fixture
def cast(db):
    """The personas of CONVENTIONS §6 (see gonghui.portal.tests.personas.py)."""
    from gonghui.portal.tests.personas import build_cast

    return build_cast()


@pytest.fixture
def client_as(client):
    """client_as(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: pages keep counts there (a federation officer's 待办)."""
    from django.core.cache import cache

    cache.clear()
    yield
