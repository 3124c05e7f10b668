"""The project's scenarios live in the repository, under GONGHUI_SCENARIO_DIR."""

from pathlib import Path

from django.conf import settings

from gonghui.reports.scenarios import read_scenario, scenario_path


def test_a_scenario_is_found_by_name_inside_the_repository():
    path = scenario_path("benbu-2025")
    assert path == scenario_path("benbu-2025.yaml") == Path(settings.GONGHUI_SCENARIO_DIR) / "benbu-2025.yaml"
    assert path.is_relative_to(Path(settings.BASE_DIR)) and path.is_file()


def test_the_benbu_scenario_holds_the_seed_figures_it_is_checked_against():
    spec = read_scenario(scenario_path("benbu-2025"))
    assert spec["union"] == {"code": "BENBU", "name": "本部工会", "parent": "GANGTIE", "sector": "factory", "staff_term": "员工"}
    assert spec["suggestions"]["submitted"] == 2854 and spec["suggestions"]["adopted"] == 2683
    assert spec["safety"]["reports"] == {"received": 1087, "resolved": 908, "in_progress": 179}
    assert spec["targets"] == [{"name": "降本增效", "unit": "万元", "target": 905, "actual": 1909.21}]
    assert {"members", "voice", "governance"} <= set(spec["expect"])
