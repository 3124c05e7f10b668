from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    REVIEWING = "reviewing", _("under review")
    ADOPTED = "adopted", _("adopted")
    REJECTED = "rejected", _("not adopted")
    ASSIGNED = "assigned", _("being implemented")
    IMPLEMENTED = "implemented", _("implemented")


# Everything past "adopted" still counts as adopted; rejected is the only other decision.
ADOPTED_STATES = (SuggestionStatus.ADOPTED, SuggestionStatus.ASSIGNED, SuggestionStatus.IMPLEMENTED)
DECIDED_STATES = ADOPTED_STATES + (SuggestionStatus.REJECTED,)
OPEN_SUGGESTION_STATES = (SuggestionStatus.SUBMITTED, SuggestionStatus.REVIEWING)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    FAIRLY = "fairly", _("fairly satisfied")
    DISSATISFIED = "dissatisfied", _("dissatisfied")
