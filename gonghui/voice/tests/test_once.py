"""Every state change happens once: the same step twice (a double tap, a retried request, two
cadres at the same moment) leaves one history row and one notice, and returns the record as it is."""

import datetime as dt

import pytest

from gonghui.core.history import history_for
from gonghui.core.models import Notice
from gonghui.voice import services
from gonghui.voice.choices import SuggestionStatus
from gonghui.voice.models import Suggestion

from .factories import suggestion
from .once import at_once, changes, postgresql_only

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 4, 1)


def decided(cast, **extra):
    made = suggestion(cast, **extra)
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="采纳")
    return made


def implemented(cast):
    made = decided(cast)
    services.suggestion_implement(actor=cast.chair, suggestion=made, implemented_on=DAY)
    return made


# ---------------------------------------------------------------- suggestions

def test_taking_a_suggestion_up_for_review_twice_records_it_once(cast):
    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_review(actor=cast.chair, suggestion=made), cast.member) == (1, 1)
    assert made.status == SuggestionStatus.REVIEWING


def test_adopting_a_suggestion_twice_records_it_once(cast):
    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer=""),
                   cast.member) == (1, 1)
    assert made.status == SuggestionStatus.ADOPTED


def test_rejecting_a_suggestion_twice_records_it_once_and_adopting_it_afterwards_is_refused(cast):
    from django.core.exceptions import ValidationError

    made = suggestion(cast)
    assert changes(made, lambda: services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=False, answer="不具备条件"),
                   cast.member) == (1, 1)
    with pytest.raises(ValidationError):
        services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="")


def test_a_second_cadre_deciding_from_a_stale_page_changes_nothing(cast):
    made = suggestion(cast)
    stale = Suggestion.objects.get(pk=made.pk)  # the page the second cadre opened before the first decided
    services.suggestion_decide(actor=cast.chair, suggestion=made, adopt=True, answer="采纳")
    history = history_for(made).count()
    services.suggestion_decide(actor=cast.cadre, suggestion=stale, adopt=True, answer="也采纳")
    assert history_for(made).count() == history
    assert stale.status == SuggestionStatus.ADOPTED and stale.answer == "采纳"


def test_assigning_a_suggestion_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_assign(actor=cast.chair, suggestion=made, unit="设备室"), cast.member) == (1, 1)


def test_marking_a_suggestion_implemented_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_implement(actor=cast.chair, suggestion=made, implemented_on=DAY),
                   cast.member) == (1, 1)


def test_promoting_a_golden_idea_twice_records_it_once(cast):
    made = implemented(cast)
    assert changes(made, lambda: services.suggestion_promote(actor=cast.chair, suggestion=made), cast.member) == (1, 1)
    assert made.is_golden


def test_rating_an_answer_twice_records_it_once(cast):
    made = decided(cast)
    assert changes(made, lambda: services.suggestion_rate(suggestion=made, rating="satisfied", by=cast.member), cast.member) == (1, 0)


def test_reopening_a_suggestion_twice_reopens_it_once(cast):
    made = implemented(cast)
    assert changes(made, lambda: services.suggestion_reopen(suggestion=made, reason="现场没有改", by=cast.member),
                   cast.member) == (1, 0)
    assert made.reopen_count == 1 and made.status == SuggestionStatus.ADOPTED


def test_deleting_an_answer_template_twice_records_it_once(cast):
    from gonghui.core.history import HistoryEntry
    from gonghui.voice.models import AnswerTemplate

    template = services.answer_template_save(actor=cast.chair, org=cast.union, title="通用", body="感谢")
    pk, stale = template.pk, AnswerTemplate.objects.get(pk=template.pk)  # a second tab still shows it
    services.answer_template_delete(actor=cast.chair, template=template)
    services.answer_template_delete(actor=cast.chair, template=stale)
    assert HistoryEntry.objects.filter(object_id=str(pk), action="delete").count() == 1


# ---------------------------------------------------------------- twenty at the same moment (PostgreSQL)

@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_twenty_cadres_adopting_a_suggestion_at_once_adopt_it_once(cast):
    made = suggestion(cast)
    history, notices = history_for(made).count(), Notice.objects.filter(recipient=cast.member).count()
    errors = at_once(20, lambda: services.suggestion_decide(
        actor=cast.chair, suggestion=Suggestion.objects.get(pk=made.pk), adopt=True, answer=""))
    assert not errors
    assert history_for(made).count() == history + 1
    assert Notice.objects.filter(recipient=cast.member).count() == notices + 1
