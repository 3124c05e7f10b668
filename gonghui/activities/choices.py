from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventKind(models.TextChoices):
    CULTURE_SPORTS = "culture_sports", _("culture and sports")
    TRIP = "trip", _("trip")
    SOCIAL = "social", _("social gathering")
    SPEECH = "speech", _("speech contest")
    CONTEST = "contest", _("contest")
    HEALTH_CHECK = "health_check", _("health check")
    OTHER = "other", pgettext_lazy("event kind", "other")


class EventStatus(models.TextChoices):
    # sign-up closes by date (signup_until, else the first day), so "open" lasts until the event is held
    OPEN = "open", _("open for sign-up")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("place confirmed")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class HonourKind(models.TextChoices):
    BEST_PRACTITIONER = "best_practitioner", _("best practitioner")
    ADVANCED_WORKER = "advanced_worker", _("advanced worker")
    MODEL_WORKER = "model_worker", _("model worker")
    ADVANCED_UNIT = "advanced_unit", _("advanced unit")
    OTHER = "other", pgettext_lazy("honour kind", "other")


class HonourLevel(models.TextChoices):
    # ordered from the union up; the summary lists them highest first
    UNION = "union", _("union level")
    COMPANY = "company", _("company level")
    CITY = "city", _("city level")
    PROVINCE = "province", _("provincial level")
    NATIONAL = "national", _("national level")


class HonourStatus(models.TextChoices):
    NOMINATED = "nominated", _("nominated")
    PUBLIC = "public", _("under public notice")
    AWARDED = "awarded", _("awarded")
    WITHDRAWN = "withdrawn", _("withdrawn")


class InnovationKind(models.TextChoices):
    # 五小 (RULES.md f)
    INVENTION = "invention", _("small invention")
    CREATION = "creation", _("small creation")
    REFORM = "reform", _("small reform")
    DESIGN = "design", _("small design")
    PROPOSAL = "proposal", _("small proposal")


class InnovationStatus(models.TextChoices):
    # find → review → reward → spread (RULES.md f)
    FOUND = "found", _("found")
    REVIEWED = "reviewed", _("reviewed")
    REWARDED = "rewarded", _("rewarded")
    SPREAD = "spread", _("spread")


class PatentKind(models.TextChoices):
    INVENTION = "invention", _("invention patent")
    UTILITY = "utility", _("utility model patent")
    DESIGN = "design", _("design patent")


# Years of protection from the filing date (专利法 Art 42; RULES.md f).
PATENT_TERM_YEARS = {PatentKind.INVENTION: 20, PatentKind.UTILITY: 10, PatentKind.DESIGN: 15}


class AwardKind(models.TextChoices):
    APPRAISAL = "appraisal", _("product appraisal")
    AWARD = "award", _("award")
    GRANT = "grant", _("grant")


class CompetitionKind(models.TextChoices):
    LABOUR = "labour", _("labour competition")
    SKILLS = "skills", _("skills competition")
    TEACHING = "teaching", _("teaching skills drill")


class EntrantKind(models.TextChoices):
    TEAM = "team", _("teams")
    INDIVIDUAL = "individual", _("individuals")


class CompetitionStatus(models.TextChoices):
    RUNNING = "running", _("running")
    FINISHED = "finished", _("finished")


class MentorshipStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    COMPLETED = "completed", _("completed")
    ENDED = "ended", _("ended early")


class MentorshipOutcome(models.TextChoices):
    QUALIFIED = "qualified", _("passed the skill test")
    TECHNICIAN = "technician", _("became a technician")
    WON = "won", _("won a competition")
    NOT_MET = "not_met", _("goals not met")


class CourseAudience(models.TextChoices):
    CADRES = "cadres", _("union cadres")
    SAFETY_REPS = "safety_reps", _("safety representatives")
    WORKERS = "workers", _("workers")


class CourseStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", pgettext_lazy("course", "held")
    CANCELLED = "cancelled", pgettext_lazy("course", "cancelled")


# Scenario files and forms name kinds the way an office says them.
EVENT_KIND_BY_CHINESE = {"文体": EventKind.CULTURE_SPORTS, "旅游": EventKind.TRIP, "联谊": EventKind.SOCIAL,
                         "演讲": EventKind.SPEECH, "比赛": EventKind.CONTEST, "体检": EventKind.HEALTH_CHECK,
                         "其他": EventKind.OTHER}
INNOVATION_KIND_BY_CHINESE = {"小发明": InnovationKind.INVENTION, "小创造": InnovationKind.CREATION,
                              "小革新": InnovationKind.REFORM, "小设计": InnovationKind.DESIGN,
                              "小建议": InnovationKind.PROPOSAL}
PATENT_KIND_BY_CHINESE = {"发明": PatentKind.INVENTION, "发明专利": PatentKind.INVENTION,
                          "实用新型": PatentKind.UTILITY, "实用新型专利": PatentKind.UTILITY,
                          "外观设计": PatentKind.DESIGN, "外观设计专利": PatentKind.DESIGN}
LEVEL_BY_CHINESE = {"工会": HonourLevel.UNION, "公司": HonourLevel.COMPANY, "市": HonourLevel.CITY,
                    "省": HonourLevel.PROVINCE, "全国": HonourLevel.NATIONAL}


class FacilityKind(models.TextChoices):
    ACTIVITY_ROOM = "activity_room", _("activity room")
    LIBRARY = "library", _("library")
    READING_ROOM = "reading_room", _("workers' reading room")
    GYM = "gym", _("gym")
    COURT = "court", _("sports court")
    OTHER = "other", pgettext_lazy("facility kind", "other")


FACILITY_KIND_BY_CHINESE = {"活动室": FacilityKind.ACTIVITY_ROOM, "图书室": FacilityKind.LIBRARY,
                            "职工书屋": FacilityKind.READING_ROOM, "健身房": FacilityKind.GYM, "球场": FacilityKind.COURT,
                            "其他": FacilityKind.OTHER}


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("booked")
    CANCELLED = "cancelled", _("cancelled")


class CostSubline(models.TextChoices):
    # the sub-lines of 职工活动支出 an event's cost is paid under
    CULTURE_SPORTS = "culture", _("culture and sports costs")
    EDUCATION = "education", _("workers' education costs")
    PUBLICITY = "publicity", _("publicity costs")
    WELFARE = "welfare", _("collective welfare costs")
    OTHER = "other", _("other activity costs")


WEEKDAYS = [("1", _("Mon")), ("2", _("Tue")), ("3", _("Wed")), ("4", _("Thu")), ("5", _("Fri")), ("6", _("Sat")), ("7", _("Sun"))]
