from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CheckKind(models.TextChoices):
    MID_YEAR = "mid_year", _("mid-year check")
    YEAR_END = "year_end", _("year-end assessment")
    OTHER = "other", pgettext_lazy("target check", "interim check")


class MeetingKind(models.TextChoices):
    COMMITTEE = "committee", _("union committee meeting")
    REGULAR = "regular", _("regular union meeting")
    CONGRESS = "congress", _("workers' congress")
    PRODUCTION_REVIEW = "production_review", _("production review meeting")
    OTHER = "other", _("other meeting")


class Cadence(models.TextChoices):
    # Only the quarterly rule exists today (the seeds' 每季度召开一次例会); the field
    # leaves room for monthly or half-yearly rules without a migration of the rows.
    QUARTER = "quarter", _("every quarter")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Half(models.IntegerChoices):
    FIRST = 1, _("first half")
    SECOND = 2, _("second half")


class DisclosureCategory(models.TextChoices):
    FINANCE = "finance", _("finances")
    DECISIONS = "decisions", pgettext_lazy("disclosure category", "decisions")
    LISTS = "lists", _("lists")
    APPRAISAL = "appraisal", _("appraisal results")
    OTHER = "other", _("other disclosure")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("awaiting an answer")
    ANSWERED = "answered", _("answered")


# The scenario files name meeting kinds the way an office says them.
KIND_BY_CHINESE = {
    "工会委员会会议": MeetingKind.COMMITTEE,
    "委员会会议": MeetingKind.COMMITTEE,
    "例会": MeetingKind.REGULAR,
    "工会例会": MeetingKind.REGULAR,
    "职工代表大会": MeetingKind.CONGRESS,
    "职代会": MeetingKind.CONGRESS,
    "生产经营讲评会": MeetingKind.PRODUCTION_REVIEW,
    "其他": MeetingKind.OTHER,
}


QUARTER_ORDINALS = {
    1: pgettext_lazy("quarter", "first"),
    2: pgettext_lazy("quarter", "second"),
    3: pgettext_lazy("quarter", "third"),
    4: pgettext_lazy("quarter", "fourth"),
}


def quarter_label(year: int, quarter: int) -> str:
    """'2025年第三季度' (the way a summary names a quarter)."""
    from django.utils.translation import gettext

    return gettext("the %(q)s quarter of %(year)s") % {"q": QUARTER_ORDINALS[quarter], "year": year}
