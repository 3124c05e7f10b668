"""Every page carries a Content-Security-Policy, and every inline script a page still has is one
the policy allows (its nonce or a listed hash), so the policy breaks no page."""

import base64
import hashlib
import html
import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def sha256(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def script_src(response) -> list[str]:
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    return policy["script-src"].split()


def test_every_page_says_where_scripts_may_come_from(cast, client_as):
    response = client_as(cast.chair).get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'self'" in script_src(response) and "'unsafe-inline'" not in script_src(response)


def test_the_login_page_has_the_policy_too(client):
    assert "script-src 'self'" in client.get("/accounts/login/")["Content-Security-Policy"]


def inline_scripts_allowed(response) -> list[str]:
    """The inline scripts and event handlers of a page that the page's own policy would block."""
    allowed = set(script_src(response))
    body = response.content.decode()
    blocked = []
    for m in re.finditer(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", body, re.S):
        nonce = re.search(r'nonce="([^"]+)"', m.group(1))
        if not (nonce and f"'nonce-{nonce.group(1)}'" in allowed) and sha256(m.group(2)) not in allowed:
            blocked.append(m.group(2)[:80])
    for m in re.finditer(r'\son[a-z]+="([^"]*)"', body):
        if sha256(html.unescape(m.group(1))) not in allowed or "'unsafe-hashes'" not in allowed:
            blocked.append(m.group(1))
    return blocked


def test_the_pages_that_keep_an_inline_script_are_allowed_by_its_hash(cast, client_as):
    from gonghui.safety import services as safety
    from gonghui.safety.tests.factories import network
    from gonghui.voice import services
    from gonghui.voice.tests.factories import suggestion

    network(cast)
    services.answer_template_save(actor=cast.chair, org=cast.union, title="感谢", body="感谢您的建议")
    report = safety.safety_report_submit(actor=cast.rep, reporter=cast.rep_record, place="地点", description="护栏松动")
    client = client_as(cast.chair)
    seen_handlers = False
    for url in ["/", "/alarms/", f"/reports/summary/{cast.union.pk}/2025/", f"/voice/suggestions/{suggestion(cast, title='x').pk}/",
                f"/safety/reports/{report.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not inline_scripts_allowed(response), url
        seen_handlers = seen_handlers or "onchange=" in response.content.decode()
    assert seen_handlers, "the walk should meet the voice pages' template picker"


def test_every_listed_hash_is_a_hash():
    for value in settings.CSP_LEGACY_SCRIPT_HASHES:
        assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", value)


def test_the_print_button_needs_no_inline_script(cast, client_as):
    body = client_as(cast.chair).get(f"/reports/summary/{cast.union.pk}/2025/").content.decode()
    assert "data-print" in body and "onclick" not in body and "reports/print.js" in body
