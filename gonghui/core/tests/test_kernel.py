"""The kernel imports no domain app: every app depends on core, never the other way round."""

import ast
from pathlib import Path

from django.conf import settings

CORE = Path(settings.BASE_DIR) / "gonghui" / "core"
APPS = {p.parent.name for p in (Path(settings.BASE_DIR) / "gonghui").glob("*/apps.py")} - {"core"}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_module_of_core_imports_a_domain_app():
    offenders = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.relative_to(CORE).parts:
            continue
        for module in imported_modules(path):
            parts = module.split(".")
            if parts[0] == "gonghui" and len(parts) > 1 and parts[1] in APPS:
                offenders.append(f"{path.relative_to(CORE)}: {module}")
    assert not offenders


def test_the_check_sees_an_app_import_when_there_is_one(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from gonghui.members.models import Member\n", encoding="utf-8")
    assert "gonghui.members.models" in imported_modules(sample)
