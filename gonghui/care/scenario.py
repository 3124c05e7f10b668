"""The scenario's care: settings, hardship files, visits and aid, created through the services.

Reads the optional `care` block; every key is documented here and an unknown key is an error:

    care:
      low_income_line: 800       # the union's 低保 line, yuan a month per person
      aid_limit: 5000            # aid and gifts per person a year
      hardship_files: 6          # households given a file (deep, relative, accident in turn);
                                 # the first was opened the year before and is due for its re-check
      closed_files: 1            # of those, how many close in December (back to work, say)
      visits: {春节: 12, 中秋: 8, 住院: 5}    # visits by occasion (Chinese name or code)
      visit_cash: 500            # cash given on each visit, or by occasion: {住院: 500, 生日: 100}
      visit_goods: 米面油          # goods given on each visit…
      visit_goods_value: 200     # …and what they are worth
      aid: {relief: 3, subsidy: 4, education: 2, condolence: 2, goods: 3}   # aid payments by kind
      aid_amounts: {relief: 1400}  # optional: cash of each payment by kind (default relief 2000,
                                 # subsidy 1500, condolence 500, education the union's grant)
      aid_refused: 1             # aids asked above the yearly limit (kept as refused)
      services: {病号饭: 60, 休假: 26}   # everyday care in person-times, one record each, spread over
                                 # the period (病号饭 sick_meal: the canteen's sick meals; 休假 leave: leave arranged)

and the optional top-level `talks` block (the cadres' 谈心 and 家访, one member each):

    talks: {talks: 10, home_visits: 0}
"""

from __future__ import annotations

from decimal import Decimal

from .choices import AidKind, CaseKind, Occasion, ServiceKind, TalkKind
from .services import aid_pay, care_service_record, care_settings_set, case_close, case_open, case_recheck, talk_record, visit_record
from .selectors import settings_for

ORDER = 55
TALK_KEYS = {"talks", "home_visits"}
TALK_TOPICS = ("工作安排和岗位调整", "家庭困难和子女上学", "身体状况和休息休假", "对班组管理的意见", "思想动态和职业发展")
KEYS = {"low_income_line", "aid_limit", "hardship_files", "closed_files", "visits", "visit_cash", "visit_goods",
        "visit_goods_value", "aid", "aid_refused", "aid_amounts", "services"}
SERVICE_BY_CHINESE = {"病号饭": ServiceKind.SICK_MEAL, "休假": ServiceKind.LEAVE}
OCCASION_BY_CHINESE = {
    "春节": Occasion.SPRING_FESTIVAL, "元旦": Occasion.SPRING_FESTIVAL, "三八": Occasion.WOMENS_DAY, "端午": Occasion.DRAGON_BOAT,
    "中秋": Occasion.MID_AUTUMN, "教师节": Occasion.TEACHERS_DAY, "住院": Occasion.HOSPITAL, "生日": Occasion.BIRTHDAY,
    "婚育": Occasion.BIRTH_WEDDING, "丧事": Occasion.FUNERAL, "离退休": Occasion.RETIREMENT,
}
# (month, day) each occasion's visits fall on or around
OCCASION_DATES = {
    Occasion.SPRING_FESTIVAL: (1, 20), Occasion.WOMENS_DAY: (3, 7), Occasion.DRAGON_BOAT: (5, 30),
    Occasion.MID_AUTUMN: (10, 2), Occasion.TEACHERS_DAY: (9, 9),
}
AID_AMOUNTS = {AidKind.RELIEF: Decimal(2000), AidKind.SUBSIDY: Decimal(1500), AidKind.CONDOLENCE: Decimal(500)}
# Yearly figures that give each level against an 800-yuan line (scaled to the union's line):
# (household size, income, essential spending, hardship costs, accident, reason)
HOUSEHOLDS = [
    (3, 30000, 12000, 0, False, "配偶无业，子女上学，家庭收入低"),
    (4, 72000, 24000, 0, False, "赡养老人，一人收入养全家"),
    (3, 120000, 30000, 100000, False, "子女患重病，医疗费用高"),
]


class ScenarioKeyError(ValueError):
    pass


def _occasion(name: str) -> str:
    if name in Occasion.values:
        return name
    try:
        return OCCASION_BY_CHINESE[name]
    except KeyError:
        raise ScenarioKeyError(f"unknown visit occasion in scenario: {name!r}") from None


def load(spec: dict, ctx) -> None:
    if "talks" in spec and ctx.union is not None and ctx.members:
        load_talks(spec["talks"], ctx)
    block = spec.get("care")
    if not block or ctx.union is None:
        return
    unknown = set(block) - KEYS
    if unknown:
        raise ScenarioKeyError(f"unknown keys under care: {sorted(unknown)}")
    if "low_income_line" in block or "aid_limit" in block:
        current = settings_for(ctx.union)
        care_settings_set(actor=ctx.actor, org=ctx.union, low_income_line=Decimal(str(block.get("low_income_line", current.low_income_line))),
                          aid_limit=Decimal(str(block.get("aid_limit", current.aid_limit))))
    people = list(ctx.members)
    if not people:
        return
    files = _files(block, ctx, people)
    _visits(block, ctx, people)
    _aid(block, ctx, people, files)
    _services(block, ctx, people)


def _services(block: dict, ctx, people: list) -> None:
    n = 0
    for name, count in (block.get("services") or {}).items():
        kind = SERVICE_BY_CHINESE.get(name, name)
        if kind not in ServiceKind.values:
            raise ScenarioKeyError(f"unknown kind of care service in scenario: {name!r}")
        for i in range(int(count)):
            member = people[(19 * n + 7) % len(people)]
            care_service_record(actor=ctx.actor, org=ctx.union, kind=kind, date=ctx.random_date(), member=member,
                                idempotency_key=f"scenario:service:{ctx.year}:{kind}:{i}")
            n += 1


def _files(block: dict, ctx, people: list) -> list:
    scale = settings_for(ctx.union).low_income_line / Decimal(800)
    opened = []
    for i in range(int(block.get("hardship_files", 0))):
        size, income, essential, costs, accident, reason = HOUSEHOLDS[i % len(HOUSEHOLDS)]
        member = people[(7 * i + 3) % len(people)]
        figures = {"household_size": size, "income": (Decimal(income) * scale).quantize(Decimal(1)),
                   "essential_spending": (Decimal(essential) * scale).quantize(Decimal(1)),
                   "hardship_costs": (Decimal(costs) * scale).quantize(Decimal(1)), "major_accident": accident}
        if i == 0:
            # carried over from last year and not yet re-checked: what the 待办 and the shortcomings show
            case = case_open(actor=ctx.actor, member=member, reason=reason, kind=CaseKind.EXISTING,
                             opened_on=ctx.date(11, 20, ctx.year - 1), **figures)
        else:
            case = case_open(actor=ctx.actor, member=member, reason=reason, kind=CaseKind.NEW,
                             opened_on=ctx.date(1 + i % 3, 10 + i), **figures)
            case_recheck(actor=ctx.actor, case=case, date=ctx.date(11, 10 + i % 10), note="年度复核", **figures)
        opened.append(case)
    for case in opened[1:1 + int(block.get("closed_files", 0))]:
        case_close(actor=ctx.actor, case=case, date=ctx.date(12, 20), reason="家庭成员就业，收入好转")
    return opened


def _visit_cash(block: dict) -> dict[str, Decimal]:
    """{occasion: cash given on each visit}; a plain number applies to every occasion."""
    given = block.get("visit_cash", 0)
    if not isinstance(given, dict):
        return {o: Decimal(str(given)) for o in Occasion.values}
    return {o: Decimal(0) for o in Occasion.values} | {_occasion(k): Decimal(str(v)) for k, v in given.items()}


def _visits(block: dict, ctx, people: list) -> None:
    cash_by_occasion = _visit_cash(block)
    months = (ctx.start.month, ctx.end.month) if hasattr(ctx, "start") else (1, 12)   # the demo's ctx is a whole year
    goods, goods_value = block.get("visit_goods", ""), Decimal(str(block.get("visit_goods_value", 0)))
    n = 0
    for name, count in (block.get("visits") or {}).items():
        occasion = _occasion(name)
        cash = cash_by_occasion[occasion]
        for _i in range(int(count)):
            member = people[(11 * n + 5) % len(people)]
            # an occasion without a date of its own falls in a month of the period (a half-year's own half)
            month, day = OCCASION_DATES.get(occasion, (ctx.rng.randint(*months), ctx.rng.randint(1, 28)))
            visit_record(actor=ctx.actor, org=ctx.union, occasion=occasion, date=ctx.date(month, day),
                         member=member, visitee_name=member.name, visitors="工会主席、分工会主席", cash=cash,
                         goods=goods, goods_value=goods_value if goods else Decimal(0),
                         idempotency_key=f"scenario:{ctx.union.code}:visit:{ctx.year}:{n}")
            n += 1


def _aid(block: dict, ctx, people: list, files: list) -> None:
    grant = settings_for(ctx.union).education_grant
    amounts = dict(AID_AMOUNTS)
    for kind, amount in (block.get("aid_amounts") or {}).items():
        if kind not in AidKind.values or kind == AidKind.GOODS:
            raise ScenarioKeyError(f"unknown kind of cash aid in scenario: {kind!r}")
        amounts[kind] = Decimal(str(amount))
    n = 0
    for kind, count in (block.get("aid") or {}).items():
        if kind not in AidKind.values:
            raise ScenarioKeyError(f"unknown kind of aid in scenario: {kind!r}")
        for i in range(int(count)):
            # each aid to someone else, the first ones to the households with a file
            case = files[n] if n < len(files) else None
            member = case.member if case is not None else people[(13 * n + 1) % len(people)]
            values = ({"goods": "米、面、油", "goods_value": Decimal(300)} if kind == AidKind.GOODS
                      else {"amount": amounts.get(kind, grant)})
            aid_pay(actor=ctx.actor, member=member, kind=kind, case=case, date=ctx.date(1 + n % 12, 15),
                    idempotency_key=f"scenario:{ctx.union.code}:aid:{ctx.year}:{n}", **values)
            n += 1
    limit = settings_for(ctx.union).aid_limit
    for i in range(int(block.get("aid_refused", 0))):
        member = files[0].member if files else people[0]
        aid_pay(actor=ctx.actor, member=member, kind=AidKind.RELIEF, date=ctx.date(12, 1 + i), amount=limit,
                idempotency_key=f"scenario:{ctx.union.code}:aid:{ctx.year}:refused:{i}")


def load_talks(block: dict, ctx) -> None:
    """谈心 and 家访 by the union's cadres, each with one member, spread over the period."""
    unknown = set(block) - TALK_KEYS
    if unknown:
        raise ScenarioKeyError(f"unknown keys under talks: {sorted(unknown)}")
    n = 0
    for kind, key in ((TalkKind.TALK, "talks"), (TalkKind.HOME_VISIT, "home_visits")):
        for _i in range(ctx.count(int(block.get(key, 0)))):
            member = ctx.members[(17 * n + 2) % len(ctx.members)]
            talk_record(actor=ctx.actor, member=member, kind=kind, date=ctx.random_date(),
                        topic=TALK_TOPICS[n % len(TALK_TOPICS)], outcome="了解了情况，做好了解释和疏导。")
            n += 1
