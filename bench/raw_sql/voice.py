"""The voice's summary figures in hand-written SQL: the bench's reference (the safety network's
are in bench/raw_sql/safety.py).

Kept out of the product (it was voice.summary.raw_sql_figures): only benches and the test that
holds it equal to the summary (gonghui/voice/tests/test_raw_sql_figures.py) import it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _

from gonghui.core.formatting import ratio
from gonghui.core.summary import Period
from gonghui.members.choices import MemberStatus
from gonghui.voice.choices import ADOPTED_STATES, SuggestionStatus


def _placeholders(name: str, values: Iterable[str]) -> tuple[str, dict[str, str]]:
    """`%(name_0)s, %(name_1)s, …` and their params: an IN list the same on SQLite and PostgreSQL."""
    params = {f"{name}_{i}": str(v) for i, v in enumerate(values)}
    return ", ".join(f"%({k})s" for k in params), params


# One row of one-row aggregates, one per table, each scanning its table once; both years of
# suggestions and of the roll in the same scan, as the 同比 needs. The subtree's orgs are found
# once, by their materialised path. Plain SQL for both backends.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s)
SELECT s.*, m.*
FROM (
  SELECT
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.is_golden THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN x.saving_yuan END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.reopen_count > 0 THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END)
  FROM voice_suggestion x JOIN subtree o ON o.id = x.org_id
  WHERE x.submitted_on BETWEEN %(start)s AND %(end)s OR x.submitted_on BETWEEN %(last_start)s AND %(last_end)s
) s, (
  SELECT
    SUM(CASE WHEN (x.join_date <= %(end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(end)s) THEN 1 ELSE 0 END),
    SUM(CASE WHEN (x.join_date <= %(last_end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(last_end)s) THEN 1 ELSE 0 END)
  FROM members_member x JOIN subtree o ON o.id = x.org_id
) m
"""

# The themes the period's suggestions were made under, in the union's order, with their counts.
_THEMES = """
SELECT t.name, COUNT(*)
FROM voice_suggestion x JOIN orgs_org o ON o.id = x.org_id LEFT JOIN voice_theme t ON t.id = x.theme_id
WHERE o.path LIKE %(path)s AND x.submitted_on BETWEEN %(start)s AND %(end)s
GROUP BY t.name, t.position
ORDER BY t.position, t.name
"""

# Each active child of the org (its branches) with the period's suggestions made anywhere under it.
_BRANCHES = """
SELECT c.name, COUNT(x.id), SUM(CASE WHEN x.status IN ({adopted}) THEN 1 ELSE 0 END)
FROM orgs_org c
LEFT JOIN orgs_org o ON o.path LIKE c.path || '%%'
LEFT JOIN voice_suggestion x ON x.org_id = o.id AND x.submitted_on BETWEEN %(start)s AND %(end)s
WHERE c.parent_id = %(org)s AND c.is_active
GROUP BY c.id, c.name, c.path
ORDER BY c.path
"""

BREAKDOWN_ROWS = 20  # as voice.selectors: past twenty branches, the busiest and one row for the rest


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int | None | tuple]:
    """The figures of voice's `sections()` from hand-written SQL: the summary bench's reference.

    Why it exists: the bench times the whole summary against the least work that could state the
    same numbers, so this returns exactly the keys `sections()` puts into its figures (and
    `<key>.previous` where it sets `previous`), under the same conditions, with the same values.
    Rates are rounded by the same `ratio` as the selectors'; the SQL only counts and adds up.
    It also fetches what the section names, as tuples: "voice.themes" ((theme, suggestions), …, in
    the union's order) and "voice.branches" ((branch, suggestions, adopted), …), the branches with
    the org's own suggestions last as the product's breakdown shows them.

    Three statements: the suggestions of both years with the roll of both years, the themes, the
    branches. (A federation's per-head divisor, the roll of its unions that kept records, is not
    handled here: the bench's federation scenarios keep no suggestions.)
    """
    last = period.same_period_last_year()
    adopted_in, adopted = _placeholders("adopted", ADOPTED_STATES)
    params = {
        "path": org.path + "%", "start": period.start, "end": period.end, "last_start": last.start, "last_end": last.end,
        "rejected": str(SuggestionStatus.REJECTED), "active": str(MemberStatus.ACTIVE), "org": org.pk, **adopted,
    }
    with connection.cursor() as cursor:
        cursor.execute(_RAW_SQL.format(adopted=adopted_in), params)
        (submitted, adopted_n, rejected, golden, saving, reopened, before_submitted, before_adopted, before_rejected,
         on_roll, before_on_roll) = [v or 0 for v in cursor.fetchone()]
        if not submitted:
            return {}
        cursor.execute(_THEMES, params)
        themes = tuple((name or "—", n) for name, n in cursor.fetchall())
        cursor.execute(_BRANCHES.format(adopted=adopted_in), params)
        branches = [(name, n, int(a or 0)) for name, n, a in cursor.fetchall()]

    decided, before_decided = adopted_n + rejected, before_adopted + before_rejected
    found: dict[str, Decimal | int | None | tuple] = {
        "voice.suggestions.submitted": submitted,
        "voice.suggestions.per_member": ratio(submitted, on_roll, 2),
        "voice.suggestions.adoption_rate": ratio(adopted_n * 100, decided, 2),
        "voice.suggestions.adopted": adopted_n,
        "voice.suggestions.golden": golden,
        # SQLite adds decimals as floats: back to the cents they were.
        "voice.suggestions.saving": Decimal(str(saving)).quantize(Decimal("0.01")),
    }
    if before_submitted:
        found["voice.suggestions.submitted.previous"] = before_submitted
        if before_on_roll:
            found["voice.suggestions.per_member.previous"] = ratio(before_submitted, before_on_roll, 2)
    if before_decided:
        found["voice.suggestions.adoption_rate.previous"] = ratio(before_adopted * 100, before_decided, 2)
    if rejected:
        found["voice.suggestions.rejected"] = rejected
    if reopened:
        found["voice.suggestions.reopened"] = reopened
    if submitted - decided:
        found["voice.suggestions.undecided"] = submitted - decided
    if len(branches) > BREAKDOWN_ROWS:
        branches.sort(key=lambda r: -r[1])
        rest = branches[BREAKDOWN_ROWS:]
        branches = branches[:BREAKDOWN_ROWS] + [(_("the other %(n)s") % {"n": len(rest)}, sum(r[1] for r in rest), sum(r[2] for r in rest))]
    own = (org.name, submitted - sum(r[1] for r in branches), adopted_n - sum(r[2] for r in branches))
    found["voice.themes"] = themes
    found["voice.branches"] = tuple(branches) + ((own,) if own[1] else ())
    return found
