"""The project stands on its own: a copy of the repository alone, with nothing beside it,
reads its scenario and loads the demo.

A sibling folder beside the checkout once held the scenario file; a copy in a fresh, empty
folder is the only place where such a dependency shows up, because on a developer's
machine the sibling is usually there. The copy is made from what git tracks (plus
new files not yet ignored), so the test sees the tree as it would be committed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)


def repository_files() -> list[str]:
    """Every file the repository holds or will hold (tracked, or new and not ignored)."""
    if shutil.which("git") is None or not (BASE_DIR / ".git").exists():
        pytest.skip("not a git checkout: nothing to copy the repository from")
    listed = subprocess.run(
        ["git", "-C", str(BASE_DIR), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (BASE_DIR / name).is_file()]


@pytest.fixture
def lone_copy(tmp_path) -> Path:
    """tmp/alone/project: the project and nothing else, not even a sibling folder."""
    project = tmp_path / "alone" / "project"
    for name in repository_files():
        target = project / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(BASE_DIR / name, target)
    assert sorted(p.name for p in project.parent.iterdir()) == ["project"]
    return project


def run(project: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, timeout=240)


def test_a_lone_copy_of_the_repository_reads_its_scenario_and_loads_the_demo(lone_copy, tmp_path):
    var = tmp_path / "var"
    env = {
        **os.environ,
        # the copy's code first, before the editable install of this checkout
        "PYTHONPATH": str(lone_copy),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'alone.sqlite3'}",
        "GONGHUI_VAR_DIR": str(var),
    }
    env.pop("GONGHUI_REQUIRE_SERVICES", None)

    where = run(lone_copy, "-c", (
        "import django; django.setup();"
        "import gonghui; from django.conf import settings;"
        "from gonghui.reports.scenarios import read_scenario, scenario_path;"
        "spec = read_scenario(scenario_path('benbu-2025'));"
        "print(gonghui.__file__); print(settings.GONGHUI_SCENARIO_DIR); print(spec['union']['code'])"
    ), env=env)
    assert where.returncode == 0, where.stderr
    module_file, scenario_dir, union = where.stdout.split()
    assert Path(module_file).is_relative_to(lone_copy), "the copy must run its own code"
    assert Path(scenario_dir) == lone_copy / "scenarios"
    assert union == "BENBU"

    migrate = run(lone_copy, "-m", "gonghui", "migrate", "--noinput", "-v0", env=env)
    assert migrate.returncode == 0, migrate.stderr
    demo = run(lone_copy, "-m", "gonghui", "demo-data", env=env)
    assert demo.returncode == 0, demo.stderr
    assert "demo logins" in demo.stdout
