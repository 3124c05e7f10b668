import pytest

from gonghui.congress import summary
from gonghui.congress.scenario import congress_load
from gonghui.core.summary import Period
from gonghui.members.models import Member

pytestmark = pytest.mark.django_db


def _spec():
    return {
        "session": {"title": "第一届第一次职工代表大会", "delegates": 12, "frontline": 8, "management": 1, "women": 3},
        "resolutions": ["审议《集体合同》"],
        "contract": {"title": "2025年集体合同", "negotiators": 4},
        "motions": {"collected": 6, "accepted": 5, "answered": 4, "satisfied": 3, "unsatisfied": 1},
        "election": {"seats": 2, "candidates": 3},
        "appraisal": {"cadres": [{"name": "王建国", "post": "工会主席"}]},
    }


def _load(cast, spec):
    import random

    from gonghui.portal.tests.personas import make_member

    for i in range(14):
        make_member(cast.branch, f"职工{i}")
    members = list(Member.objects.filter(union=cast.union))
    return congress_load(spec, union=cast.union, actor=cast.chair, members=members, year=2025, rng=random.Random(1),
                         departments=[cast.branch, cast.other_branch])


def test_the_summary_states_the_motions_and_the_election_from_the_records(cast):
    _load(cast, _spec())
    [section] = summary.sections(org=cast.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert section.order == 20 and section.heading == "推进民主管理"
    assert "职工代表共提出提案6件，立案并交办5件，转为建议1件，已书面答复4件" in text
    figures = {f.key: f.text for f in section.figures}
    assert figures["congress.motions.collected"] == "6件" and figures["congress.motions.accepted"] == "5件"
    assert figures["congress.motions.satisfaction"] == "75%"
    assert figures["congress.elections.turnout"] == "100%"
    assert figures["congress.contracts.in_force"] == "1"
    # the one never answered and the one sent back under supervision are both past their date today
    assert "有2件提案逾期未答复。" in section.shortcomings


def test_an_unknown_key_in_the_scenario_is_an_error(cast):
    with pytest.raises(ValueError, match="unknown keys"):
        _load(cast, {**_spec(), "motion": {}})


def test_a_year_without_a_congress_writes_no_section(cast):
    assert summary.sections(org=cast.union, period=Period.year(2024)) == []


def test_a_federation_line_counts_each_unions_motions_in_one_query(cast, django_assert_num_queries):
    from gonghui.orgs.selectors import union_ids_by_org

    _load(cast, _spec())
    union_of = union_ids_by_org(cast.federation)
    with django_assert_num_queries(1):
        lines = summary.union_headlines(org=cast.federation, period=Period.year(2025), union_of=union_of)
    assert lines[cast.union.pk].figures[0].value == 6
