"""raw_sql_figures (bench/raw_sql/members.py), the summary bench's reference, states exactly the member
book's figures: the same keys and values as `members.summary.sections()`."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from bench.raw_sql import assert_same
from bench.raw_sql.members import raw_sql_figures
from gonghui.core.summary import Period
from gonghui.members import summary
from gonghui.members.services import MemberData, member_create, member_leave
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

pytestmark = pytest.mark.django_db


def _same(org, period):
    return assert_same(summary.sections, raw_sql_figures, org, period)


def test_the_roll_its_movement_contracts_and_insurance_agree_with_the_summary(cast):
    member_create(actor=cast.chair, data=MemberData(
        name="新人", id_number="11010519491231002X", org=cast.branch, join_date=dt.date(2025, 3, 1),
        contract_status="signed", contract_start=dt.date(2025, 3, 1), has_work_injury_insurance=True,
        has_pension_insurance=True, has_medical_insurance=True))
    member_create(actor=cast.chair, data=MemberData(
        name="老人", id_number="110105197005010043", org=cast.other_branch, join_date=dt.date(2020, 5, 1),
        has_medical_insurance=True))
    member_leave(actor=cast.chair, member=cast.member_record, date=dt.date(2025, 12, 1))
    found = _same(cast.union, Period.year(2025))
    assert found["members.joined"] == 1 and found["members.left"] == 1
    assert found["members.insurance.medical"] > found["members.insurance.pension"] > 0
    assert found["members.contracts_unsigned"] == found["members.on_roll"] - 1
    assert "members.on_roll.previous" in found
    for org, period in ((cast.union, Period.half(2025, 1)), (cast.branch, Period.year(2025)),
                        (cast.union, Period.years(2024, 2025)), (cast.union, Period.year(2026))):
        _same(org, period)


def test_nobody_on_the_roll_gives_no_figures(cast):
    assert raw_sql_figures(connection, cast.union, Period.year(1990)) == {} == _same(cast.union, Period.year(1990))


def test_a_seed_union_with_every_contract_signed_states_no_shortcoming_figure():
    ctx = scenario_load(read_scenario(scenario_path("suji-2023-2025")))
    found = _same(ctx.union, ctx.period)
    assert found["members.on_roll"] == 131
    if found["members.contract_rate"] == Decimal("100.00"):
        assert "members.contracts_unsigned" not in found
