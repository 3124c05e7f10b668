"""What an app's demo loader is handed (`AppConfig.demo`): the union the demo centres on, who acts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any


@dataclass
class DemoContext:
    union: Any          # the union the demo centres on (BENBU)
    chair: Any          # its chair's login, who records what a chair records
    member_user: Any    # an ordinary member's login (张三)
    admin: Any          # the superuser, for set-up
    year: int           # the scenario's year
    rng: random.Random = field(default_factory=lambda: random.Random(7))
