import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from gonghui.congress import selectors, services
from gonghui.core.scoping import NotAllowed

from .factories import session

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 1)


def _negotiators(cast, contract, n=3):
    for side in ("union", "employer"):
        for i in range(n):
            services.negotiator_add(actor=cast.chair, contract=contract, side=side, name=f"{side}{i}", is_chief=i == 0)


def _passed_resolution(cast):
    s = session(cast, delegates=3)
    services.session_set_status(actor=cast.chair, session=s, status="open")
    item = services.resolution_add(actor=cast.chair, session=s, title="审议《集体合同（草案）》")
    for i, d in enumerate(s.delegates.all()):
        services.resolution_vote(actor=cast.chair, resolution=item, delegate=d, choice="for", idempotency_key=f"c{i}")
    return services.resolution_close(actor=cast.chair, resolution=item)


def test_a_request_for_talks_is_answered_within_twenty_days(cast):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="2025年集体合同", requested_on=DAY)
    assert c.reply_due == dt.date(2025, 3, 21)
    assert selectors.contract_dates(c, today=dt.date(2025, 3, 22)).reply_overdue


def test_a_contract_goes_from_talks_to_effect(cast):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="2025年集体合同", requested_on=DAY)
    _negotiators(cast, c)
    services.negotiation_record(actor=cast.chair, contract=c, held_on=dt.date(2025, 3, 10), summary="就工资增长达成一致",
                                suspended=True, resumes_on=dt.date(2025, 3, 20))
    c = services.contract_approve(actor=cast.chair, contract=c, resolution=_passed_resolution(cast))
    c = services.contract_sign(actor=cast.chair, contract=c, signed_on=dt.date(2025, 4, 20), term_start=dt.date(2025, 5, 1),
                               term_end=dt.date(2028, 4, 30))
    c = services.contract_file(actor=cast.chair, contract=c, filed_on=dt.date(2025, 4, 28))
    c = services.contract_bureau_answer(actor=cast.chair, contract=c, objected=False, on=dt.date(2025, 5, 14))
    assert c.status == "effective"
    dates = selectors.contract_dates(c, today=dt.date(2028, 2, 15))
    assert dates.renewal_from == dt.date(2028, 1, 28) and dates.renewal_open and not dates.filed_late


def test_uneven_delegations_cannot_take_the_contract_to_the_congress(cast):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="工资专项集体合同", requested_on=DAY, kind="wage")
    _negotiators(cast, c)
    services.negotiator_add(actor=cast.chair, contract=c, side="union", name="多一名")
    with pytest.raises(ValidationError, match="三至十名"):
        services.contract_approve(actor=cast.chair, contract=c, resolution=_passed_resolution(cast))


def test_a_term_of_four_years_is_refused(cast):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="集体合同", requested_on=DAY)
    _negotiators(cast, c)
    services.contract_approve(actor=cast.chair, contract=c, resolution=_passed_resolution(cast))
    with pytest.raises(ValidationError):
        services.contract_sign(actor=cast.chair, contract=c, signed_on=DAY, term_start=DAY, term_end=dt.date(2029, 3, 1))


def test_a_branch_cadre_may_not_request_talks_for_the_union(cast):
    with pytest.raises(NotAllowed, match="无权"):
        services.contract_request(actor=cast.cadre, org=cast.union, title="集体合同", requested_on=DAY)


def test_the_contract_page_shows_the_dates_the_rules_ask_for(cast, client_as):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="2025年集体合同", requested_on=DAY)
    page = client_as(cast.chair).get(f"/congress/contracts/{c.pk}/").content.decode()
    assert "2025年3月21日" in page and "集体合同" in page


def test_a_contract_signed_and_not_filed_in_ten_days_waits_in_the_chairs_attention(cast):
    c = services.contract_request(actor=cast.chair, org=cast.union, title="集体合同", requested_on=DAY)
    _negotiators(cast, c)
    services.negotiation_record(actor=cast.chair, contract=c, held_on=dt.date(2025, 3, 5), summary="达成一致")
    services.contract_approve(actor=cast.chair, contract=c, resolution=_passed_resolution(cast))
    services.contract_sign(actor=cast.chair, contract=c, signed_on=dt.date(2025, 4, 1), term_start=dt.date(2025, 4, 1),
                           term_end=dt.date(2027, 3, 31))
    _motions, contracts = selectors.attention(visible_to=cast.chair)
    assert contracts.count == 1
    assert selectors.attention(visible_to=cast.member) == []


def test_the_summary_names_the_contract_in_force(cast):
    from gonghui.congress import summary
    from gonghui.core.summary import Period

    c = services.contract_request(actor=cast.chair, org=cast.union, title="2025年集体合同", requested_on=DAY)
    _negotiators(cast, c)
    services.contract_approve(actor=cast.chair, contract=c, resolution=_passed_resolution(cast))
    services.contract_sign(actor=cast.chair, contract=c, signed_on=dt.date(2025, 4, 20), term_start=dt.date(2025, 5, 1),
                           term_end=dt.date(2028, 4, 30))
    services.contract_file(actor=cast.chair, contract=c, filed_on=dt.date(2025, 4, 28))
    services.contract_bureau_answer(actor=cast.chair, contract=c, objected=False, on=dt.date(2025, 5, 14))
    [section] = summary.sections(org=cast.union, period=Period.year(2025))
    assert any("2025年集体合同" in p and "2028年4月30日" in p for p in section.paragraphs)


def test_the_chair_requests_talks_and_names_the_negotiators_on_the_pages(cast, client_as):
    from gonghui.congress.models import CollectiveContract

    client = client_as(cast.chair)
    response = client.post("/congress/contracts/new/", {"org": cast.union.pk, "title": "2025年工资专项集体合同",
                                                         "kind": "wage", "requested_on": "2025-03-01"})
    c = CollectiveContract.objects.get()
    assert response.status_code == 302 and c.reply_due == dt.date(2025, 3, 21)
    client.post(f"/congress/contracts/{c.pk}/negotiators/", {"side": "union", "name": "王建国", "is_chief": "on"})
    client.post(f"/congress/contracts/{c.pk}/negotiators/", {"side": "union", "name": "李四", "is_chief": "on"})
    page = client.get(f"/congress/contracts/{c.pk}/", follow=True).content.decode()
    assert c.negotiators.count() == 1 and "王建国" in page
    assert client_as(cast.cadre).get(f"/congress/contracts/{c.pk}/").status_code == 404
