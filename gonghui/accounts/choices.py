"""Roles are the kernel's (`gonghui.core.roles`); named here too for the account pages."""

from gonghui.core.roles import MANAGING_ROLES, UNMASKING_ROLES, Role

__all__ = ["MANAGING_ROLES", "UNMASKING_ROLES", "Role"]
