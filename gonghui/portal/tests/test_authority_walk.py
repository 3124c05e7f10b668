"""Every public service of every app refuses an actor who lacks the role, the way the
outsider walk covers every URL.

Each app's walk module (`AppConfig.walk`) offers `service_calls(cast)`: [(name, call)], where
`call(actor)` runs one public write of the app on an object of BENBU as `actor`. Called as
the outsider (a cadre of the sibling union) and as a plain member, each must be refused
with `NotAllowed`, and change nothing. This test also checks that together the lists name
every public function of every `services.py`, so a new service cannot slip past the walk.
"""

import inspect

import pytest

from gonghui.core.registry import declared, gonghui_apps
from gonghui.core.scoping import NotAllowed

pytestmark = pytest.mark.django_db


def not_guarded() -> set[str]:
    """Public functions of a services.py that are no write guarded by a role: each walk module's
    `UNGUARDED = {name: why}` (a system process such as the scanner, a pure check used by forms)."""
    return {f"{config.label}.{name}" for config, module in declared("walk") for name in getattr(module, "UNGUARDED", {})}


def public_services() -> set[str]:
    found = set()
    for config in gonghui_apps():
        try:
            module = __import__(f"{config.name}.services", fromlist=["*"])
        except ModuleNotFoundError:
            continue
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            found.add(f"{config.label}.{name}")
    return found


def walked(cast) -> list[tuple[str, object]]:
    calls = []
    for config, module in declared("walk"):
        for name, call in getattr(module, "service_calls", lambda cast: [])(cast):
            calls.append((f"{config.label}.{name}", call))
    return calls


def test_the_walk_names_every_public_service(cast):
    names = {name for name, _call in walked(cast)}
    missing = public_services() - names - not_guarded()
    assert not missing, f"add these to an app's tests/walk.py service_calls(cast): {sorted(missing)}"


@pytest.mark.parametrize("persona", ["outsider", "member"])
def test_every_service_refuses_an_actor_without_the_role(cast, persona):
    actor = getattr(cast, persona)
    let_through = []
    for name, call in walked(cast):
        try:
            call(actor)
        except NotAllowed as exc:
            assert "无权" in str(exc), name
        else:
            let_through.append(name)
    assert not let_through, f"{persona} was let through: {let_through}"
