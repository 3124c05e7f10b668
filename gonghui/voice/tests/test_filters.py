"""The lists read their query string through filter forms: what parses filters, what does not is dropped."""

import datetime as dt

import pytest

from gonghui.voice.forms import SuggestionFilterForm, YearForm

from .factories import suggestion

pytestmark = pytest.mark.django_db


def test_a_suggestion_filter_reads_each_value_once_and_drops_what_does_not_parse():
    form = SuggestionFilterForm({"status": "adopted", "theme": "7", "q": " 点检 " + "长" * 80, "start": "2025-03-01",
                                 "end": "not-a-date", "golden": "1", "reopened": "0", "format": "xlsx", "page": "2"})
    filters = form.filters()
    assert filters["status"] == "adopted" and filters["theme"] == 7 and filters["start"] == dt.date(2025, 3, 1)
    assert filters["end"] is None and filters["golden"] is True and filters["reopened"] is False
    assert filters["q"].startswith("点检") and len(filters["q"]) == 50
    assert form.wants_xlsx and form.value("page") == "2" and "format" not in filters


def test_an_empty_query_string_filters_nothing():
    assert SuggestionFilterForm({}).filters() == {"q": "", "status": None, "theme": None, "start": None, "end": None,
                                                  "golden": None, "reopened": False}
    assert YearForm({"year": "20x5"}).value("year") is None and YearForm({"year": "2024"}).value("year") == 2024


def test_the_queue_shows_everything_for_a_hand_edited_link(cast, client_as):
    made = suggestion(cast)
    page = client_as(cast.chair).get("/voice/suggestions/", {"status": "bogus", "theme": "x", "start": "yesterday", "page": "zz"})
    assert page.status_code == 200 and made.title in page.content.decode()
    assert client_as(cast.chair).get("/voice/suggestions/", {"status": "rejected"}).content.decode().count(made.title) == 0


def test_the_dashboard_opens_on_the_latest_year_when_the_year_is_not_a_number(cast, client_as):
    assert client_as(cast.chair).get("/voice/dashboard/", {"year": "last"}).context["year"] == dt.date.today().year
