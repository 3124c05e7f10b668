"""The scenario's organisation and people: federation, union, branches and the roll."""

from __future__ import annotations

import datetime as dt

from gonghui.accounts.models import User
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import Org
from gonghui.orgs.services import org_create

from .choices import ContractStatus
from .fake import POSTS, id_number, not_before_adulthood, person_name, phone
from .models import Member
from .services import MemberData, members_bulk_create

ORDER = 10

BRANCH_NAMES = ("炼铁作业区", "炼钢作业区", "热轧作业区", "冷轧作业区", "能源动力作业区", "设备维修作业区", "物流运输作业区",
                "质量检验作业区", "综合管理作业区", "安全环保作业区")


UNION_KEYS = {"code", "name", "parent", "sector", "staff_term"}
MEMBERS_KEYS = {"count", "branches", "branch_names"}


def _org(code: str, name: str, kind: str, parent: Org | None, actor, **describe) -> Org:
    existing = Org.objects.filter(code=code).first()
    return existing or org_create(actor=actor, code=code, name=name, kind=kind, parent=parent, **describe)


def _check(block: dict, keys: set[str], where: str) -> None:
    unknown = set(block) - keys
    if unknown:
        raise ValueError(f"unknown key(s) in scenario {where}: {sorted(unknown)}")


def load(spec: dict, ctx) -> None:
    fed_spec, union_spec = spec["federation"], spec["union"]
    people = spec.get("members", {})
    _check(union_spec, UNION_KEYS, "union")
    _check(people, MEMBERS_KEYS, "members")
    ctx.federation = _org(fed_spec["code"], fed_spec["name"], OrgKind.FEDERATION, None, ctx.actor)
    ctx.union = _org(union_spec["code"], union_spec["name"], OrgKind.UNION, ctx.federation, ctx.actor,
                     sector=union_spec.get("sector", ""), staff_term=union_spec.get("staff_term", ""))
    n_branches = int(people.get("branches", 0))
    names = people.get("branch_names") or BRANCH_NAMES
    ctx.branches = [
        _org(f"{ctx.union.code}-{i + 1:02d}", names[i % len(names)], OrgKind.BRANCH, ctx.union, ctx.actor)
        for i in range(n_branches)
    ]
    if ctx.actor is None:
        ctx.actor = User.objects.filter(roles__org=ctx.union, roles__role="chair").first()
    on_roll = Member.objects.filter(union=ctx.union, status="active").order_by("id")
    members_bulk_add(ctx, ctx.count(int(people.get("count", 0))) - on_roll.count())
    ctx.members = list(on_roll)


def members_bulk_add(ctx, n: int) -> list[int]:
    """Add n people who were on the roll all year (joined before it), spread over the branches."""
    if n <= 0:
        return []
    serial_base = Member.objects.count() + 1
    places = ctx.branches or [ctx.union]
    rows = []
    for i in range(n):
        first = ctx.start.year          # a span's first year: on the roll all the span
        joined_year = first - ctx.rng.randint(1, 25)
        joined = ctx.date(ctx.rng.randint(1, 12), ctx.rng.randint(1, 28), joined_year)
        start = dt.date(first - ctx.rng.randint(0, 3), 1, 1)
        name, number = person_name(ctx.rng), id_number(ctx.rng, serial_base + i)
        rows.append(MemberData(
            name=name, id_number=number, org=places[i % len(places)], phone=phone(ctx.rng), post=ctx.rng.choice(POSTS),
            join_date=min(not_before_adulthood(joined, number), ctx.date(12, 31, first - 1)),
            contract_status=ContractStatus.SIGNED, contract_start=ctx.shifted(start),
            contract_end=ctx.shifted(start.replace(year=start.year + 5)),
            has_work_injury_insurance=True, has_pension_insurance=True, has_medical_insurance=True,
        ))
    return members_bulk_create(actor=ctx.actor, rows=rows, note=ctx.note)
