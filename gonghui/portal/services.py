"""Writes of the portal: counting a federation's roll-up ahead of time."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from gonghui.core.scoping import under
from gonghui.members.selectors import member_totals_by_union, members_on_roll_by_union
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org, UnionRollup
from gonghui.orgs.selectors import union_ids_by_org
from gonghui.voice.selectors import suggestion_rollup

from .selectors import dashboard

# The voice dashboard offers five years; the home page this year and the year before.
ROLLUP_YEARS = 5
DASHBOARD_YEARS = 2


def rollup_refresh(*, federation: Org | None = None, today: dt.date | None = None) -> int:
    """Count every federation's roll-up (or just `federation`'s) again; returns the rows written.

    Per union and year: the roll at the year's end and the suggestions of the year (the voice
    dashboard's figures and bars: voice.selectors.suggestion_rollup); this year's row also the
    members on the roll now (the org tree). The federation's own rows: its home page's figures, as shown.
    A few grouped queries per year however many unions: run by the worker (`rollup_refresh_task`)
    or `gonghui rollup` from cron, never on a page view.
    """
    today = today or dt.date.today()
    federations = [federation] if federation else list(Org.objects.filter(kind=OrgKind.FEDERATION, is_active=True))
    written = 0
    for fed in federations:
        rows = _federation_rows(fed, today)
        with transaction.atomic():
            UnionRollup.objects.filter(under(fed), year__in={year for _pk, year in rows}).delete()
            now = timezone.now()
            UnionRollup.objects.bulk_create(
                UnionRollup(org_id=pk, year=year, figures=figures, computed_at=now) for (pk, year), figures in rows.items()
            )
        written += len(rows)
    return written


def _federation_rows(fed: Org, today: dt.date) -> dict[tuple[int, int], dict]:
    union_of = union_ids_by_org(fed)
    unions = set(union_of.values())
    years = range(today.year - ROLLUP_YEARS + 1, today.year + 1)
    rows: dict[tuple[int, int], dict] = {(pk, year): {} for pk in unions for year in years}
    for year in years:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        roll = members_on_roll_by_union(org=fed, day=end, union_of=union_of)
        voice = suggestion_rollup(org=fed, start=start, end=end, union_of=union_of)
        # the rate per head divides by the roll of the unions that recorded suggestions (voice.selectors.per_head_rolls)
        voice["members"] = sum(roll.get(int(pk), 0) for pk, (total, *_rest) in voice["unions"].items() if total)
        rows[(fed.pk, year)] = {"voice": voice}
        for pk in unions:
            rows[(pk, year)].update({"members.on_roll": roll.get(pk, 0),
                                     "voice.suggestions": voice["unions"].get(str(pk), [0])[0]})
    for pk, n in member_totals_by_union(org=fed).items():
        if (pk, today.year) in rows:
            rows[(pk, today.year)]["members.active"] = n
    # The home page's words are stored as the site's language shows them (the pages are read in Chinese).
    with override(settings.LANGUAGE_CODE):
        for year in years[-DASHBOARD_YEARS:]:
            _shown, areas = dashboard(org=fed, year=year)
            rows[(fed.pk, year)]["areas"] = [
                {"heading": str(area.heading), "figures": [dataclasses.asdict(f) for f in area.figures]} for area in areas
            ]
    return rows
