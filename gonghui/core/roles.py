"""The roles a person holds on an org, and the sets the action table is written with.

A role is granted on one org and reaches its whole subtree. Which role may do what is
the action table (`core.authority`), filled by each app's `AppConfig.actions`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FEDERATION_OFFICER = "federation_officer", _("federation officer")
    CHAIR = "chair", _("union chair")
    CADRE = "cadre", _("union cadre")
    FUNDS_REVIEWER = "funds_reviewer", _("funds reviewer")
    SAFETY_REP = "safety_rep", _("safety representative")
    DUTY_STAFF = "duty_staff", _("alarm duty staff")
    MEMBER = "member", _("member")


# Roles that manage the records of their org's whole subtree.
MANAGING_ROLES = frozenset({Role.FEDERATION_OFFICER, Role.CHAIR, Role.CADRE, Role.FUNDS_REVIEWER})
# The union's leadership: grants roles, unmasks ID numbers, signs off.
LEADING_ROLES = frozenset({Role.CHAIR, Role.FEDERATION_OFFICER})
# Roles that may see a full ID-card number (each look is logged).
UNMASKING_ROLES = LEADING_ROLES
# Everyone who belongs to an org in any role.
BELONGING_ROLES = frozenset(Role.values)
