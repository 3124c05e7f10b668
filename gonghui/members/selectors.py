"""Reads of the member book: lists in reach, search, and the figures the summary states."""

from __future__ import annotations

import datetime as dt
import json
from functools import reduce
from operator import or_
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL

from gonghui.core.scoping import get_in_reach_or_404, in_reach, under
from gonghui.core.links import url_maker
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union

from .choices import ContractStatus, MembershipEventKind, MemberStatus
from .models import Member, MembershipEvent
from .naming import leading_readings


ID_LOOKUP_CHUNK = 5000  # ID hashes per IN (...) query, well under SQLite's bound-variable limit


def member_ids_by_hash(hashes: Sequence[str]) -> dict[str, int]:
    """{ID hash: member id} for those of these people already on the roll, anywhere.

    Imports ask this of every row twice (is anyone already on the roll; which ids did
    the insert give), so it is one plain SELECT per chunk on the unique hash index:
    the ORM's per-value preparing of a 5,000-value IN list cost twice the query.
    """
    table, found = Member._meta.db_table, {}
    with connection.cursor() as cursor:
        for start in range(0, len(hashes), ID_LOOKUP_CHUNK):
            chunk = list(hashes[start : start + ID_LOOKUP_CHUNK])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"SELECT id_number_hash, id FROM {table} WHERE id_number_hash IN ({marks})", chunk)
            found.update(cursor.fetchall())
    return found


def member_search_filter(q: str) -> Q:
    """Name, pinyin ('zhangsan') or initials ('zs'), or a phone number.

    On PostgreSQL each kind of query takes a condition an index can answer, so a search
    of a million people reads a few thousand index entries: letters are a pinyin or
    initials prefix (btree pattern indexes), digits a phone prefix, one Chinese character a
    surname (张: the name's prefix), two anywhere in the name (志强: the GIN index of each
    name's characters) and three or more anywhere too (the pg_trgm index; trigrams need three). An OR with `name LIKE '%q%'` would make every search a
    scan of the whole table. SQLite, a union of thousands, keeps the broad match.
    """
    q = q.strip()
    if not q:
        return Q()
    lowered = q.lower().replace(" ", "")
    letters = lowered.isascii() and lowered.isalpha()
    if connection.vendor != "postgresql":
        match = Q(name__contains=q) | Q(phone__startswith=q)
        if letters:
            match |= Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered)
        return match
    if letters:
        # Pinyin and initials begin with the same letter: that range of the list's own order lets
        # PostgreSQL walk the (status, name_pinyin, id) index from 'z' and stop at a page's worth.
        first = lowered[0]
        return Q(name_pinyin__gte=first, name_pinyin__lt=chr(ord(first) + 1)) & (
            Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered))
    if lowered.isdigit():
        return Q(phone__startswith=lowered)
    if len(q) >= 3:
        return Q(name__contains=q)
    if len(q) == 2:   # 志强 anywhere in a name: the GIN index of each name's characters, then the exact match
        return Q(RawSQL('string_to_array("members_member"."name", NULL) @> %s::text[]', (list(q),),
                        output_field=BooleanField())) & Q(name__contains=q)
    # A name beginning with 张 has a pinyin beginning with 'zhang': saying so lets PostgreSQL seek to
    # that stretch of the list's order instead of walking it from 'a' (it cannot know 张 sorts late).
    readings = leading_readings(q)
    if not readings:
        return Q(name__startswith=q)
    stretch = reduce(or_, (Q(name_pinyin__gte=r, name_pinyin__lt=r[:-1] + chr(ord(r[-1]) + 1)) for r in readings))
    return Q(name__startswith=q) & stretch


def member_list(
    *, visible_to, action: str = "members.member.view", org: Org | None = None, q: str = "",
    status: str | None = MemberStatus.ACTIVE, contract_status: str | None = None, is_union_member: bool | None = None,
) -> QuerySet[Member]:
    """The members under orgs where `visible_to` may do `action` (by default: see the book), filtered."""
    conditions = {}
    if status:
        conditions["status"] = status
    if contract_status:
        conditions["contract_status"] = contract_status
    if is_union_member is not None:
        conditions["is_union_member"] = is_union_member
    if org is not None and org.kind != OrgKind.FEDERATION:
        # The member's own union column narrows a union's list to its rows by an index; the path
        # alone made PostgreSQL walk a federation's whole list order to find one union's page.
        conditions["union_id"] = org.pk if org.kind == OrgKind.UNION else Subquery(
            Org.objects.filter(path__in=org.ancestor_paths(), kind=OrgKind.UNION).values("pk")[:1])
    # One filter() call: each call clones and re-resolves the query, which a list pays for on every request.
    return in_reach(Member.objects.select_related("org"), visible_to, action=action).filter(
        under(org), member_search_filter(q), **conditions)


def member_get(*, visible_to, pk: int, action: str = "members.member.view") -> Member:
    """One member where `visible_to` may do `action`, or 404."""
    return get_in_reach_or_404(Member.objects.select_related("org", "union", "user"), visible_to, action=action, pk=pk)


def member_of_user(user) -> Member | None:
    """The member record a login belongs to: what a member sees on their own page."""
    if not user.is_authenticated:
        return None
    return Member.objects.select_related("org", "union").filter(user=user).first()


def membership_events(member: Member) -> QuerySet[MembershipEvent]:
    return member.events.select_related("from_org", "to_org")


@dataclass(frozen=True)
class MemberFigures:
    on_roll: int            # workers on the roll at the end of the period
    union_members: int      # of whom union members
    joined: int
    left: int
    transferred: int
    contracts_signed: int   # on the roll with a signed, unexpired contract
    on_roll_before: int | None = None   # on the roll at `compare_end` (the same day last year), when asked
    insured: tuple[int, int, int] = (0, 0, 0)   # on the roll with work-injury, pension, medical insurance

    @property
    def contract_signing_rate(self):
        from gonghui.core.formatting import ratio

        return ratio(self.contracts_signed * 100, self.on_roll, 2)


def on_roll_at(day: dt.date) -> Q:
    """Members who had joined by `day` and not left before it."""
    return (Q(join_date__lte=day) | Q(join_date__isnull=True)) & (Q(status=MemberStatus.ACTIVE) | Q(left_date__gt=day))


def members_on_roll(*, org: Org, days: Sequence[dt.date]) -> dict[dt.date, int]:
    """How many people were on the roll of an org's subtree on each of these days; one query."""
    days = list(dict.fromkeys(days))
    # grouped by whether each person was on the roll on each day (at most 2**len(days) rows): the
    # on-roll test is built once per day, not once per count
    on_day = {f"d{i}": ExpressionWrapper(on_roll_at(day), output_field=BooleanField()) for i, day in enumerate(days)}
    counts = dict.fromkeys(days, 0)
    for *flags, n in Member.objects.filter(under(org)).annotate(**on_day).values_list(*on_day).annotate(n=Count("id")).order_by():
        for day, flag in zip(days, flags, strict=True):
            counts[day] += n if flag else 0
    return counts


def members_on_roll_by_union(*, org: Org, day: dt.date, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: people on its roll on `day`} for a federation's unions, in one grouped query."""
    return count_by_union(Member.objects.filter(on_roll_at(day), under(org)), union_of)


INSURANCE_KINDS = ("work_injury", "pension", "medical")


def member_figures(*, org: Org, start: dt.date, end: dt.date, compare_end: dt.date | None = None) -> MemberFigures:
    """Roll and movement for an org's subtree over [start, end]; two queries.

    The roll is grouped by whether each person was on it at `end` (and at `compare_end`, the
    summary's 同比, from the same scan) and by the flags counted: a handful of rows, added up here.
    The on-roll test is written once per day rather than inside every count, which keeps the query
    cheap to build as well as to run.
    """
    on_day = {"now": ExpressionWrapper(on_roll_at(end), output_field=BooleanField())}
    if compare_end is not None:
        on_day["before"] = ExpressionWrapper(on_roll_at(compare_end), output_field=BooleanField())
    rows = (Member.objects.filter(under(org)).annotate(**on_day)
            .values_list(*on_day, "is_union_member", "contract_status", *(f"has_{kind}_insurance" for kind in INSURANCE_KINDS))
            .annotate(n=Count("id")).order_by())
    roll = {"on_roll": 0, "union_members": 0, "signed": 0, "before": 0, **{kind: 0 for kind in INSURANCE_KINDS}}
    for row in rows:
        now, before = row[0], row[1] if compare_end is not None else False
        member, contract, *insured = row[len(on_day):-1]
        n = row[-1]
        roll["before"] += n if before else 0
        if not now:
            continue
        roll["on_roll"] += n
        roll["union_members"] += n if member else 0
        roll["signed"] += n if contract == ContractStatus.SIGNED else 0
        for kind, flag in zip(INSURANCE_KINDS, insured, strict=True):
            roll[kind] += n if flag else 0
    moves = dict(MembershipEvent.objects.filter(under(org, via="member__org"), date__gte=start, date__lte=end)
                 .values_list("kind").annotate(n=Count("id")).order_by())
    return MemberFigures(
        on_roll=roll["on_roll"], union_members=roll["union_members"], joined=moves.get(MembershipEventKind.JOIN, 0),
        left=moves.get(MembershipEventKind.LEAVE, 0), transferred=moves.get(MembershipEventKind.TRANSFER, 0),
        contracts_signed=roll["signed"], on_roll_before=roll["before"] if compare_end is not None else None,
        insured=tuple(roll[kind] for kind in INSURANCE_KINDS),
    )


def member_counts_by_org(*, org: Org) -> dict[int, int]:
    """Active members per direct placement org under `org` (one grouped query)."""
    rows = (
        Member.objects.filter(under(org), status=MemberStatus.ACTIVE)
        .values("org_id").annotate(n=Count("id"))
    )
    return {r["org_id"]: r["n"] for r in rows}


def member_totals_by_union(*, org: Org) -> dict[int, int]:
    """{union id: active members in its whole subtree} for the unions under `org`: one grouped query
    on the member's own union column, however many branches and groups each union has."""
    rows = Member.objects.filter(under(org), status=MemberStatus.ACTIVE).order_by().values_list("union_id").annotate(n=Count("id"))
    return dict(rows)


# The columns the member list shows, read as plain rows: a page of 50 is built and
# rendered without model instances (the template's dict lookups hit at once).
LIST_COLUMNS = ("id", "name", "name_pinyin", "org__name", "id_number_masked", "post", "contract_status", "phone",
                "is_union_member")

# Up to this many rows a list counts exactly; past it, PostgreSQL's estimate is shown as 约…
COUNT_BOUND = 10_000


@dataclass(frozen=True)
class RowCount:
    """How many rows a list holds: exact, or (past COUNT_BOUND) the planner's estimate, never below the bound."""

    value: int
    exact: bool


def row_count(queryset: QuerySet, *, bound: int = COUNT_BOUND) -> RowCount:
    """Count up to `bound` + 1 rows (a bounded scan); past that, ask PostgreSQL's planner.

    An exact count of a federation's million members reads every one of them on every
    page (~100 ms); the planner's figure costs a plan. SQLite (thousands of rows) counts.
    """
    # The count wraps the compiled SQL by hand: QuerySet.count() on a slice rebuilds the query as
    # an aggregate over a subquery, which cost the member list a millisecond a page (of ~15).
    try:
        sql, params = queryset.order_by().values("pk")[: bound + 1].query.sql_with_params()
    except EmptyResultSet:   # a filter that can match nothing (no org in reach): Django sends no SQL
        return RowCount(0, True)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) bounded", params)
        bounded = cursor.fetchone()[0]
    if bounded <= bound or connection.vendor != "postgresql":
        return RowCount(queryset.order_by().count() if bounded > bound else bounded, True)
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return RowCount(max(int(plan[0]["Plan"]["Plan Rows"]), bound + 1), False)


@dataclass
class MemberPage:
    """One page of the member list, reached by seeking from a row (keyset), not by OFFSET."""

    object_list: list[dict]
    count: RowCount
    next_cursor: str | None
    previous_cursor: str | None


def cursor_of(row: dict) -> str:
    """Where a row stands in the list's order (name_pinyin, id): '<id>:<pinyin>'."""
    return f"{row['id']}:{row['name_pinyin']}"


def parse_cursor(value: str | None) -> tuple[int, str] | None:
    """'<id>:<pinyin>' -> (id, pinyin); None for anything else (a bad cursor opens the first page)."""
    head, sep, pinyin = (value or "").partition(":")
    return (int(head), pinyin) if sep and head.isdigit() and len(pinyin) <= 200 else None


def _after(pk: int, pinyin: str) -> Q:
    # The first term alone is what an index seeks on; the OR only settles ties of the same pinyin.
    return Q(name_pinyin__gte=pinyin) & (Q(name_pinyin__gt=pinyin) | Q(id__gt=pk))


def _before(pk: int, pinyin: str) -> Q:
    return Q(name_pinyin__lte=pinyin) & (Q(name_pinyin__lt=pinyin) | Q(id__lt=pk))


def member_list_page(*, per_page: int, after: str | None = None, before: str | None = None, start: str = "",
                     **filters) -> MemberPage:
    """One page of member_list() as dicts, each with its detail `url` and `contract_label`.

    `after`/`before` are cursors (cursor_of) of the row the page follows or precedes;
    `start` jumps to the first name whose pinyin sorts at or after it ('w' for 王…). Every
    page costs the same however deep it is: an index seek and `per_page` + 1 rows.
    """
    rows = member_list(**filters)
    count = row_count(rows)
    after_at, before_at = parse_cursor(after), parse_cursor(before)
    if before_at:
        found = list(rows.filter(_before(*before_at)).order_by("-name_pinyin", "-id").values(*LIST_COLUMNS)[: per_page + 1])
        more_before = len(found) > per_page
        found = found[:per_page][::-1]
        has_previous, has_next = more_before, True
    else:
        if after_at:
            rows = rows.filter(_after(*after_at))
        elif start:
            rows = rows.filter(name_pinyin__gte=start)
        found = list(rows.order_by("name_pinyin", "id").values(*LIST_COLUMNS)[: per_page + 1])
        has_next = len(found) > per_page
        found = found[:per_page]
        has_previous = bool(after_at or start)
    detail_url = url_maker("members:detail")
    labels = {value: str(label) for value, label in ContractStatus.choices}
    return MemberPage(
        object_list=[{**row, "url": detail_url(row["id"]), "contract_label": labels.get(row["contract_status"], "")}
                     for row in found],
        count=count,
        next_cursor=cursor_of(found[-1]) if found and has_next else None,
        previous_cursor=cursor_of(found[0]) if found and has_previous else None,
    )

