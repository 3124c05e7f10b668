"""Scenario loading: a union's year, told as figures in YAML, turned into records.

Each app that owns part of a scenario keeps a `scenario.py` with

    ORDER = 10                                   # members first, then the rest
    def load(spec: dict, ctx: ScenarioContext) -> None

and creates its records through its own services, exactly as users would, spread
over the period with `ctx.rng` so the same file always gives the same records.
The `expect` block lists figures the generated summary must state.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from gonghui.core.registry import declared
from django.db import transaction
from django.utils.translation import gettext

from gonghui.orgs.models import Org


@dataclass
class ScenarioContext:
    spec: dict[str, Any]
    rng: random.Random
    year: int
    actor: Any = None                       # the user the records are created as (the union's chair)
    federation: Org | None = None
    union: Org | None = None
    branches: list[Org] = field(default_factory=list)
    members: list[Any] = field(default_factory=list)   # members.Member, in creation order
    users: dict[str, Any] = field(default_factory=dict)
    scale: int = 1                          # benches multiply the counts
    half: int | None = None                 # `period: {year, half: 1}`: records fall in that half only
    first_year: int | None = None           # `period: {from_year, to_year}`: the span's first year (year is its last)
    # The demo moves the year onto the calendar (gonghui demo-data --as-of): every date a loader writes
    # passes through `date`, `random_date` or `shifted` exactly once. start/end stay in the scenario's own
    # calendar, so months and periods read as the file says.
    shift: dt.timedelta = dt.timedelta(0)
    today: dt.date | None = None            # the demo's day: what a loader records as done is not after it

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year or self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 6, 30) if self.half == 1 else dt.date(self.year, 12, 31)

    @property
    def period(self):
        """The summary's period the records fill: the span, the half or the year."""
        from gonghui.core.summary import Period

        if self.first_year:
            return Period.years(self.first_year, self.year)
        return Period.half(self.year, self.half) if self.half else Period.year(self.year)

    def date(self, month: int, day: int, year: int | None = None) -> dt.date:
        """A day of the scenario's year (or `year`), where it falls on the calendar the records are written to."""
        return dt.date(year or self.year, month, day) + self.shift

    def date_in_year(self, month: int, day: int) -> dt.date:
        """`date`, kept inside the scenario's year: for what belongs to a year's books and checks
        (its 上年结转 on 1 January, its budget, a target's mid-year check), which must not move into another."""
        return min(max(self.date(month, day), dt.date(self.year, 1, 1)), dt.date(self.year, 12, 31))

    def done_on(self, day: dt.date) -> dt.date:
        """The day something was done, never after the demo's day (`today`; a scenario as written: as given).
        A report made late in the year may be answered after it ends; told as of today, it is answered today."""
        return min(day, self.today) if self.today else day

    def shifted(self, day: dt.date) -> dt.date:
        """A day of the scenario's own calendar (ctx.start, ctx.end) on the calendar the records are written to."""
        return day + self.shift

    def random_date(self, start: dt.date | None = None, end: dt.date | None = None) -> dt.date:
        """A day between start and end (the scenario's own calendar, default the period), shifted."""
        start, end = start or self.start, end or self.end
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days)) + self.shift

    def count(self, n: int) -> int:
        return n * self.scale

    @property
    def note(self) -> str:
        """What the history of every record a scenario writes says of where it came from."""
        return gettext("loaded from a scenario")


def scenario_loaders() -> list[tuple[int, str, Any]]:
    """(order, app label, load) of every app's scenario part (`AppConfig.scenario`), in load order."""
    found = [(getattr(module, "ORDER", 50), config.label, module.load) for config, module in declared("scenario")]
    return sorted(found, key=lambda t: t[0])


def scenario_path(name: str) -> Path:
    """The file of one of the project's scenarios: `scenario_path("benbu-2025")` ->
    <GONGHUI_SCENARIO_DIR>/benbu-2025.yaml. The suffix may be given or left off."""
    from django.conf import settings

    filename = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    return Path(settings.GONGHUI_SCENARIO_DIR) / filename


def read_scenario(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


PERIOD_KEYS = {"year", "half", "from_year", "to_year"}
FRAME_KEYS = ("federation", "union", "period", "members")   # what every year of a span shares


def scenario_years(spec: dict[str, Any]) -> tuple[int, int]:
    """(first, last) year of the scenario's period: `{year: 2025}` or `{from_year: 2023, to_year: 2025}`."""
    period = spec["period"]
    unknown = set(period) - PERIOD_KEYS
    if unknown:
        raise ValueError(f"unknown key(s) in scenario period: {sorted(unknown)}")
    if "year" in period:
        if "from_year" in period or "to_year" in period:
            raise ValueError("scenario period: give either year or from_year and to_year, not both")
        return int(period["year"]), int(period["year"])
    first, last = int(period["from_year"]), int(period["to_year"])
    if last < first or period.get("half"):
        raise ValueError(f"scenario period: {first}–{last} is not a span of whole years")
    return first, last


def scenario_year_blocks(spec: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """The `years:` mapping of a span ({2023: {events: […]}, …}), checked to lie inside the span."""
    first, last = scenario_years(spec)
    years = {int(y): blocks or {} for y, blocks in (spec.get("years") or {}).items()}
    for y, blocks in years.items():
        if not first <= y <= last or first == last:
            raise ValueError(f"scenario years: {y} is not a year of the span {first}–{last}")
        frame = set(blocks) & set(FRAME_KEYS)
        if frame:
            raise ValueError(f"scenario years.{y}: {sorted(frame)} belong to the whole span, not one year")
    return dict(sorted(years.items()))


@transaction.atomic
def scenario_load(spec: dict[str, Any], *, seed: int = 2025, scale: int = 1, actor=None, year: int | None = None,
                  shift: dt.timedelta | None = None, today: dt.date | None = None) -> ScenarioContext:
    """Load a whole scenario in one transaction: a failure leaves nothing half-loaded.

    `year` tells a single year's scenario as another year (titles and year fields follow it) and `shift`
    moves every date it writes (the demo: the scenario's year ending about today, see demo_calendar);
    `today` keeps what it records as done from falling after that day.

    A single year loads every block once. A span (`period: {from_year, to_year}`) loads the
    top-level blocks once with ctx.year the last year and ctx.start–ctx.end the whole span, then
    each `years: {YEAR: {blocks}}` entry with ctx.year that year and ctx.start–ctx.end that year.
    """
    first, last = scenario_years(spec)
    if year is not None:
        if first != last:
            raise ValueError("scenario_load: only a single year's scenario can be told as another year")
        spec = {**spec, "period": {**spec["period"], "year": year}}
        first = last = year
    period = spec["period"]
    ctx = ScenarioContext(spec=spec, rng=random.Random(seed), year=last, actor=actor, scale=scale,
                          half=int(period["half"]) if period.get("half") else None,
                          first_year=first if first != last else None, shift=shift or dt.timedelta(0),
                          today=today)
    year_blocks = scenario_year_blocks(spec)
    loaders = scenario_loaders()
    for _order, _label, load in loaders:
        load(spec, ctx)
    for year, blocks in year_blocks.items():
        ctx.year, ctx.first_year = year, None
        one_year = {key: spec[key] for key in FRAME_KEYS if key in spec} | blocks
        for _order, _label, load in loaders:
            load(one_year, ctx)
    ctx.year, ctx.first_year = last, (first if first != last else None)
    return ctx
