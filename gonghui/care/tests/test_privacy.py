"""A household's figures and a member's wage are as private as an ID number: masked on every list,
export and API answer, in the clear only to the chair who asks, each look logged; no sort order
follows them."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.care import services
from gonghui.core.history import history_for
from gonghui.funds import services as funds_services
from gonghui.portal.tests.personas import make_member

pytestmark = pytest.mark.django_db
# figures no date, count or id in these pages is likely to spell out by chance
FIGURES = {"household_size": 3, "income": Decimal("31357"), "essential_spending": Decimal("12468"),
           "hardship_costs": Decimal("4729")}
SPELLED = ("31357", "31,357", "12468", "12,468", "4729", "4,729")


def _file(cast):
    worker = make_member(cast.branch, "钱困难")
    return services.case_open(actor=cast.chair, member=worker, reason="配偶无业", opened_on=dt.date(2025, 2, 1), **FIGURES)


def _shows_none(text: str) -> bool:
    return not any(s in text for s in SPELLED)


def test_a_cadre_never_sees_a_households_figures_on_any_page_or_api_answer(cast, client_as):
    case = _file(cast)
    cadre = client_as(cast.cadre)
    for url in ("/care/cases/", f"/care/cases/{case.pk}/", f"/care/cases/{case.pk}/?reveal=1", "/api/v1/care/cases",
                f"/api/v1/care/cases/{case.pk}", f"/care/cases/{case.pk}/recheck/", "/care/aid/", "/api/v1/care/aid"):
        answer = cadre.get(url)
        assert answer.status_code == 200, url
        assert _shows_none(answer.content.decode()), url
    assert "****" in cadre.get(f"/care/cases/{case.pk}/?reveal=1").content.decode()
    assert not [h for h in history_for(case) if h.action == "view_secret"]


def test_the_chair_sees_the_figures_only_on_asking_and_the_look_is_logged(cast, client_as):
    case = _file(cast)
    chair = client_as(cast.chair)
    page = chair.get(f"/care/cases/{case.pk}/").content.decode()
    assert _shows_none(page) and "查看家庭收支明细" in page
    assert "31,357" in chair.get(f"/care/cases/{case.pk}/?reveal=1").content.decode()
    [look] = [h for h in history_for(case) if h.action == "view_secret"]
    assert look.actor == cast.chair and look.changes == {}
    assert _shows_none(str([h.changes for h in history_for(case)]))  # the figures never go into the history


def test_the_list_of_files_is_not_ordered_by_anything_the_figures_decide(cast, client_as):
    poorer = services.case_open(actor=cast.chair, member=make_member(cast.branch, "甲"), reason="x", opened_on=dt.date(2025, 3, 1),
                                household_size=3, income=Decimal(20000), essential_spending=Decimal(10000))
    richer = services.case_open(actor=cast.chair, member=make_member(cast.branch, "乙"), reason="x", opened_on=dt.date(2025, 2, 1),
                                household_size=3, income=Decimal(30000), essential_spending=Decimal(12000))
    assert poorer.level == richer.level
    ids = [c["id"] for c in client_as(cast.cadre).get("/api/v1/care/cases").json()["items"]]
    assert ids == [poorer.pk, richer.pk]  # by opening date, newest first, whatever the incomes
    assert client_as(cast.cadre).get("/api/v1/care/cases?ordering=income").json()["items"][0]["id"] == poorer.pk


def test_a_wage_is_masked_on_the_wage_list_its_export_and_the_api_and_never_sorts_it(cast, client_as):
    rich, poor = make_member(cast.union, "阿富"), make_member(cast.union, "周穷")
    funds_services.wage_set(actor=cast.chair, member=rich, wage=Decimal("13579.24"), since=dt.date(2025, 1, 1))
    funds_services.wage_set(actor=cast.chair, member=poor, wage=Decimal("3141.59"), since=dt.date(2025, 1, 1))
    for who in (cast.chair, cast.cadre, cast.fed):
        client = client_as(who)
        for url in (f"/funds/wages/?org={cast.union.pk}", f"/api/v1/funds/wages?org_id={cast.union.pk}"):
            text = client.get(url).content.decode()
            assert not any(s in text for s in ("13579", "13,579", "3141", "3,141")), (who, url)
    names = [r["member_id"] for r in client_as(cast.chair).get(f"/api/v1/funds/wages?org_id={cast.union.pk}&ordering=-wage")
             .json()["items"]]
    assert names.index(rich.pk) < names.index(poor.pk)  # 阿富 (a) before 周穷 (z): by name, not by wage
