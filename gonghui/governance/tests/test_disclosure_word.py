"""The disclosure word follows the org's kind of workplace: a school's union writes 校务公开."""

import datetime as dt

import pytest
from django.utils import translation

from gonghui.core.summary import Period
from gonghui.governance.models import Disclosure
from gonghui.governance.summary import sections
from gonghui.orgs.services import org_describe

from .factories import published_disclosure

pytestmark = pytest.mark.django_db


def disclose(cast):
    published_disclosure(cast.union, actor=cast.chair, on=dt.date(2025, 12, 15))
    published_disclosure(cast.union, actor=cast.chair, on=dt.date(2025, 12, 16), title="评先名单", category="lists")


def summary_text(org) -> str:
    with translation.override("zh-hans"):
        return " ".join(p for s in sections(org=org, period=Period.year(2025)) for p in s.paragraphs + s.items)


def test_a_factory_union_writes_factory_affairs_disclosure(cast, client_as):
    disclose(cast)
    assert "坚持厂务公开，在公开栏公开" in summary_text(cast.union)
    assert "厂务公开栏" in client_as(cast.member).get("/governance/notices/").content.decode()


def test_the_same_disclosures_under_a_school_union_say_school_affairs_disclosure(cast, client_as):
    org_describe(actor=None, org=cast.union, sector="school")
    disclose(cast)
    text = summary_text(cast.union)
    assert "坚持校务公开，在公开栏公开" in text and "厂务公开" not in text
    board = client_as(cast.member).get("/governance/notices/").content.decode()
    assert "校务公开栏" in board and "厂务公开" not in board
    cadre_page = client_as(cast.chair).get("/governance/disclosures/").content.decode()
    assert "<h1>校务公开</h1>" in cadre_page and "厂务公开" not in cadre_page
    d = Disclosure.objects.filter(org=cast.union).first()
    assert "校务公开" in client_as(cast.member).get(f"/governance/notices/{d.pk}/").content.decode()
