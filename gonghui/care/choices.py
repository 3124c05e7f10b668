from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import rules


class Level(models.TextChoices):
    DEEP = rules.DEEP, _("deep hardship")
    RELATIVE = rules.RELATIVE, _("relative hardship")
    ACCIDENT = rules.ACCIDENT, _("hardship from an accident")


class CaseKind(models.TextChoices):
    # RULES.md §d: 存量 / 增量 / 返困
    NEW = "new", pgettext_lazy("hardship file", "new")
    EXISTING = "existing", pgettext_lazy("hardship file", "carried over")
    RELAPSED = "relapsed", pgettext_lazy("hardship file", "back in hardship")


class CaseStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("hardship file", "open")
    CLOSED = "closed", pgettext_lazy("hardship file", "closed")


class Occasion(models.TextChoices):
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival and New Year")
    WOMENS_DAY = "womens_day", _("Women's Day")
    DRAGON_BOAT = "dragon_boat", _("Dragon Boat Festival")
    MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
    TEACHERS_DAY = "teachers_day", _("Teachers' Day")
    HOSPITAL = "hospital", _("in hospital")
    BIRTHDAY = "birthday", _("birthday")
    BIRTH_WEDDING = "birth_wedding", _("wedding or birth")
    FUNERAL = "funeral", _("bereavement")
    RETIREMENT = "retirement", _("retirement")


class Visitee(models.TextChoices):
    MEMBER = "member", _("member")
    RETIREE = "retiree", _("retiree")
    FAMILY = "family", _("member's family")


class AidKind(models.TextChoices):
    RELIEF = "relief", _("relief")
    SUBSIDY = "subsidy", _("hardship subsidy")
    EDUCATION = "education", _("Golden Autumn education grant")
    CONDOLENCE = "condolence", _("condolence money")
    GOODS = "goods", _("gifts in kind")


class AidStatus(models.TextChoices):
    PAID = "paid", _("paid")
    REFUSED = "refused", _("refused")


class TalkKind(models.TextChoices):
    TALK = "talk", _("heart-to-heart talk")
    HOME_VISIT = "home_visit", _("home visit")


class ServiceKind(models.TextChoices):
    """Everyday care the union arranges for workers, counted in 人次 (person-times)."""
    SICK_MEAL = "sick_meal", _("sick meals from the canteen")
    LEAVE = "leave", _("leave arranged")
