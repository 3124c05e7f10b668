"""The funds review committee's report (经费审查), published to the 公开栏 once a year."""

import datetime as dt

import pytest
from django.utils import translation

from gonghui.accounts.services import role_grant
from gonghui.core.scoping import NotAllowed
from gonghui.core.summary import Period
from gonghui.funds import services, summary
from gonghui.governance.models import Disclosure

from .walk import posted_entry

pytestmark = pytest.mark.django_db


def test_the_review_committee_publishes_its_report_once_and_members_can_read_it(cast, client_as):
    posted_entry(cast)
    reviewer = cast.rep
    role_grant(actor=None, user=reviewer, org=cast.union, role="funds_reviewer")
    review = services.funds_review_publish(actor=reviewer, org=cast.union, year=2025, opinion="收支合规，账实相符。",
                                           on=dt.date(2026, 1, 15))
    again = services.funds_review_publish(actor=reviewer, org=cast.union, year=2025, opinion="再发一次")
    assert again.pk == review.pk and Disclosure.objects.count() == 1
    assert "借" in review.findings or "平衡" in review.findings
    page = client_as(cast.member).get(f"/governance/notices/{review.disclosure.pk}/").content.decode()
    assert "收支合规" in page and "1,000元" in page


def test_a_cadre_may_not_publish_the_review(cast):
    with pytest.raises(NotAllowed, match="funds.review.publish"):
        services.funds_review_publish(actor=cast.cadre, org=cast.union, year=2025, opinion="x")


def test_the_summary_says_the_review_was_published(cast):
    posted_entry(cast)
    services.funds_review_publish(actor=cast.chair, org=cast.union, year=2025, opinion="合规")
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    assert any("经费审查委员会" in p for p in section.paragraphs)


def test_the_review_page_opens_and_publishes(cast, client_as):
    posted_entry(cast)
    client = client_as(cast.chair)
    assert client.get(f"/funds/review/?org={cast.union.pk}&year=2025").status_code == 200
    client.post(f"/funds/review/?org={cast.union.pk}&year=2025", {"opinion": "合规"})
    assert Disclosure.objects.filter(category="finance", published_on__isnull=False).count() == 1
