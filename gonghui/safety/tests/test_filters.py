"""The report queue reads its query string through a filter form: what parses filters, what does not is dropped."""

import datetime as dt

import pytest

from gonghui.safety.forms import ReportFilterForm

from .factories import network, report

pytestmark = pytest.mark.django_db


def test_a_report_filter_knows_open_and_the_states_and_drops_the_rest():
    assert ReportFilterForm({"status": "open", "overdue": "1", "group": "3"}).filters() == {
        "q": "", "status": "open", "group": 3, "overdue": True, "start": None, "end": None}
    assert ReportFilterForm({"status": "lost", "group": "-1", "end": "2025-02-30"}).filters() == {
        "q": "", "status": None, "group": None, "overdue": False, "start": None, "end": None}


def test_the_queue_shows_everything_for_a_hand_edited_link(cast, client_as):
    network(cast)
    made = report(cast, on=dt.date(2025, 4, 1))
    page = client_as(cast.chair).get("/safety/reports/", {"status": "lost", "group": "x", "start": "soon", "page": "-"})
    assert page.status_code == 200 and made.place in page.content.decode()
