"""Login guessing is counted against the account, and password spraying against the address.

django-axes compares every lockout parameter with one failure limit. Gonghui wants two:
a few failures lock an account from wherever they come (a guesser moving between addresses
gets no more tries), and many more from one address, across any accounts, lock that address
(one password tried on every username). `AccountFirstHandler` scales each parameter's count
onto axes' limit by its own limit from `GONGHUI_LOCKOUT_LIMITS`.

The client address is REMOTE_ADDR unless the deployment says how many reverse proxies of its
own stand in front (`GONGHUI_TRUSTED_PROXIES`): only then is X-Forwarded-For read, and only
the entry the outermost trusted proxy wrote, so a client cannot pick its own address.
"""

from __future__ import annotations

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum


def _name(parameter) -> str:
    return "+".join(parameter) if isinstance(parameter, (list, tuple)) else parameter


class AccountFirstHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        limit = get_failure_limit(request, credentials)
        own_limits = getattr(settings, "GONGHUI_LOCKOUT_LIMITS", {})
        worst = 0
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials)):
            failures = attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            own = own_limits.get(_name(parameter), limit)
            # floor(failures × limit / own) reaches `limit` exactly when failures reach `own`
            worst = max(worst, failures * limit // own)
        return worst


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address a login attempt came from, trusting X-Forwarded-For only as far as our own proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "GONGHUI_TRUSTED_PROXIES", 0) or 0)
    if proxies > 0:
        hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= proxies:
            found = _valid(hops[-proxies])
            if found:
                return found
    return _valid(remote) or remote or None
