"""Every URL that names an object of BENBU answers 404 to the outsider from the sibling union.

Each app lists its private URLs in `<app>/tests/walk.py` (`private_urls(cast)`); this test
also checks that together they cover every URL pattern that takes a parameter, so a new
page or API path cannot slip past the walk.
"""

import json

import pytest
from gonghui.core.registry import declared
from django.urls import get_resolver, resolve
from django.urls.resolvers import URLPattern, URLResolver

# Patterns with parameters that name no object of a union (nothing private to walk).
NOT_PRIVATE = {"admin", "api:openapi-view", "api:openapi-json"}


def collect_private_urls(cast) -> list[tuple[str, str]]:
    urls = []
    for _config, module in declared("walk"):
        urls += module.private_urls(cast)
    return urls


def parameterised_routes(resolver=None, prefix="", namespace="") -> set[str]:
    """Full routes ('members/<int:pk>/') of every pattern that takes a parameter."""
    found = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in NOT_PRIVATE:
                continue
            found |= parameterised_routes(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.pattern.regex.groups:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            if name not in NOT_PRIVATE:
                found.add(prefix + str(entry.pattern))
    return found


def send(client, method: str, url: str, body: dict | None = None):
    """A request as the page or API client would send it: form posts to pages, JSON to the API."""
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return getattr(client, method.lower())(url, json.dumps(body or {}), content_type="application/json")
    return getattr(client, method.lower())(url, body or {})


@pytest.mark.django_db
def test_the_walk_covers_every_parameterised_url(cast):
    walked = {resolve(entry[1].split("?")[0]).route for entry in collect_private_urls(cast)}
    missing = parameterised_routes() - walked
    assert not missing, f"add these to an app's tests/walk.py: {sorted(missing)}"


@pytest.mark.django_db
def test_outsider_gets_404_for_every_object_of_another_union(cast, client):
    client.force_login(cast.outsider)
    leaks = []
    for method, url, *body in collect_private_urls(cast):
        response = send(client, method, url, *body)
        if response.status_code != 404:
            leaks.append((method, url, response.status_code))
    assert not leaks


@pytest.mark.django_db
def test_the_chair_reaches_the_same_urls(cast, client):
    """The walk is honest: the same URLs work for someone who may see them."""
    client.force_login(cast.chair)
    for method, url, *_body in collect_private_urls(cast):
        if method == "GET":
            assert client.get(url).status_code == 200, url
