"""Care pages: each opens for the chair on a phone-sized template, forms call the services, and the
federation officer and a member are kept out of the hardship files."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.care.models import AidPayment, HardshipCase, Visit

from .walk import objects

pytestmark = pytest.mark.django_db


def test_every_care_page_opens_for_the_chair(cast, client_as):
    case, visit, aid = objects(cast)
    client = client_as(cast.chair)
    for url in ["/care/", "/care/cases/", "/care/cases/?due=1", "/care/cases/new/", f"/care/cases/{case.pk}/",
                f"/care/cases/{case.pk}/recheck/", "/care/visits/?year=2025", "/care/visits/new/", f"/care/visits/{visit.pk}/",
                "/care/aid/?year=2025", "/care/aid/new/", f"/care/aid/{aid.pk}/", "/care/settings/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="viewport"' in response.content.decode()


def test_the_file_page_shows_the_level_to_the_members_own_cadres_and_the_figures_to_the_chair_who_asks(cast, client_as):
    case, _visit, _aid = objects(cast)
    page = client_as(cast.cadre).get(f"/care/cases/{case.pk}/?reveal=1").content.decode()
    assert "深度困难" in page and "30,000元" not in page and "****" in page
    assert "30,000元" in client_as(cast.chair).get(f"/care/cases/{case.pk}/?reveal=1").content.decode()


def test_the_federation_officer_sees_visits_but_not_hardship_files(cast, client_as):
    case, visit, _aid = objects(cast)
    client = client_as(cast.fed)
    assert client.get(f"/care/cases/{case.pk}/").status_code == 404
    assert client.get(f"/care/visits/{visit.pk}/").status_code == 200


def test_a_member_reaches_no_care_page(cast, client_as):
    client = client_as(cast.member)
    for url in ["/care/cases/", "/care/visits/", "/care/aid/", "/care/settings/"]:
        assert client.get(url).status_code == 404, url


def test_the_chair_opens_a_file_by_the_members_name(cast, client_as):
    response = client_as(cast.chair).post("/care/cases/new/", {
        "member": "张三", "kind": "new", "household_size": "3", "income": "30000", "essential_spending": "12000",
        "reason": "配偶无业", "opened_on": "2025-03-01"})
    case = HardshipCase.objects.get()
    assert response.status_code == 302 and case.level == "deep"


def test_the_chair_records_a_visit_and_a_resubmitted_form_records_it_once(cast, client_as):
    client = client_as(cast.chair)
    form = {"org": cast.union.pk, "occasion": "mid_autumn", "date": "2025-10-02", "visitee_kind": "member", "member": "张三",
            "visitors": "工会主席", "cash": "500", "goods": "月饼", "goods_value": "100", "idempotency_key": "form:abc"}
    client.post("/care/visits/new/", form)
    client.post("/care/visits/new/", form)
    assert Visit.objects.count() == 1 and Visit.objects.get().cash == Decimal(500)


def test_aid_above_the_limit_shows_the_refusal(cast, client_as):
    client = client_as(cast.chair)
    client.post("/care/settings/", {"low_income_line": "800", "aid_limit": "1000", "education_grant": "4000"})
    response = client.post("/care/aid/new/", {"member": "张三", "kind": "relief", "date": "2025-03-01", "amount": "1500",
                                               "idempotency_key": "form:x"}, follow=True)
    assert "超过每人每年1000" in response.content.decode()
    assert AidPayment.objects.get().status == "refused"


def test_closing_a_file_from_its_page(cast, client_as):
    case, _visit, _aid = objects(cast)
    client_as(cast.chair).post(f"/care/cases/{case.pk}/close/", {"reason": "配偶就业"})
    case.refresh_from_db()
    assert case.status == "closed" and case.closed_on == dt.date.today()
