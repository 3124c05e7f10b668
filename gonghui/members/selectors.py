"""Reads of the member book: lists in reach, search, and the figures the summary states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Q, QuerySet

from gonghui.core.scoping import get_in_reach_or_404, in_reach, under
from gonghui.core.links import url_maker
from gonghui.orgs.models import Org
from gonghui.orgs.selectors import count_by_union

from .choices import ContractStatus, MembershipEventKind, MemberStatus
from .models import Member, MembershipEvent


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
    """Name, pinyin ('zhangsan') or initials ('zs'), or a phone number."""
    q = q.strip()
    if not q:
        return Q()
    lowered = q.lower().replace(" ", "")
    match = Q(name__contains=q) | Q(phone__startswith=q)
    if lowered.isascii() and lowered.isalpha():
        match |= Q(name_pinyin__startswith=lowered) | Q(name_initials__startswith=lowered)
    return match


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
    counts = Member.objects.filter(under(org)).aggregate(
        **{f"d{i}": Count("id", filter=on_roll_at(day)) for i, day in enumerate(days)}
    )
    return {day: counts[f"d{i}"] for i, day in enumerate(days)}


def members_on_roll_by_union(*, org: Org, day: dt.date, union_of: dict[int, int]) -> dict[int, int]:
    """{union id: people on its roll on `day`} for a federation's unions, in one grouped query."""
    return count_by_union(Member.objects.filter(on_roll_at(day), under(org)), union_of)


INSURANCE_KINDS = ("work_injury", "pension", "medical")


def member_figures(*, org: Org, start: dt.date, end: dt.date, compare_end: dt.date | None = None) -> MemberFigures:
    """Roll and movement for an org's subtree over [start, end]; two queries.

    With `compare_end` the same scan of the roll also counts who was on it that day (the
    summary's 同比), rather than a second pass over every member.
    """
    in_org = under(org)
    now = on_roll_at(end)
    counts = {
        "on_roll": Count("id", filter=now),
        "union_members": Count("id", filter=now & Q(is_union_member=True)),
        "signed": Count("id", filter=now & Q(contract_status=ContractStatus.SIGNED)),
        **{kind: Count("id", filter=now & Q(**{f"has_{kind}_insurance": True})) for kind in INSURANCE_KINDS},
    }
    if compare_end is not None:
        counts["before"] = Count("id", filter=on_roll_at(compare_end))
        scope = in_org & (now | on_roll_at(compare_end))
    else:
        scope = in_org & now
    roll = Member.objects.filter(scope).aggregate(**counts)
    moves = MembershipEvent.objects.filter(under(org, via="member__org"), date__gte=start, date__lte=end).aggregate(
        joined=Count("id", filter=Q(kind=MembershipEventKind.JOIN)),
        left=Count("id", filter=Q(kind=MembershipEventKind.LEAVE)),
        transferred=Count("id", filter=Q(kind=MembershipEventKind.TRANSFER)),
    )
    return MemberFigures(
        on_roll=roll["on_roll"], union_members=roll["union_members"], joined=moves["joined"],
        left=moves["left"], transferred=moves["transferred"], contracts_signed=roll["signed"],
        on_roll_before=roll.get("before"), insured=tuple(roll[kind] for kind in INSURANCE_KINDS),
    )


def member_counts_by_org(*, org: Org) -> dict[int, int]:
    """Active members per direct placement org under `org` (one grouped query)."""
    rows = (
        Member.objects.filter(under(org), status=MemberStatus.ACTIVE)
        .values("org_id").annotate(n=Count("id"))
    )
    return {r["org_id"]: r["n"] for r in rows}


# The columns the member list shows, read as plain rows: a page of 50 is built and
# rendered without model instances (the template's dict lookups hit at once).
LIST_COLUMNS = ("id", "name", "org__name", "id_number_masked", "post", "contract_status", "phone", "is_union_member")


def member_list_page(*, page_number, per_page: int, **filters) -> Page:
    """One page of member_list() as dicts, each with its detail `url` and `contract_label`."""
    rows = member_list(**filters).values(*LIST_COLUMNS)
    page = Paginator(rows, per_page).get_page(page_number)
    detail_url = url_maker("members:detail")
    labels = {value: str(label) for value, label in ContractStatus.choices}
    page.object_list = [
        {**row, "url": detail_url(row["id"]), "contract_label": labels.get(row["contract_status"], "")}
        for row in page.object_list
    ]
    return page

