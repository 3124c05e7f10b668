"""Import 10,000 roster rows from .xlsx; compare with what any import of that file must do.

value: seconds for Gonghui's import (read the workbook, check every cell, look up the
       roll, build encrypted/hashed rows, write members + join events + history rows,
       all in one transaction), best of the runs.
limit: what any import of this file must pay whatever its code, best of the runs:
       reading every cell of the workbook (calamine, in Rust), sealing and hashing each
       ID number with the product's own functions (crypto.encrypt, crypto.blind_index:
       AES-GCM, HMAC), and one plain `executemany` of exactly the rows the import wrote
       (members, join events, history), their values computed beforehand, in one transaction.
ratio = value / limit; target 1.5: every check of every cell, the roll lookups and the
       ORM's row building together may cost at most half of that unavoidable work.
Also printed: the write alone (`executemany`) and value / write.

Times are the process's CPU seconds (time.process_time), not wall-clock: everything here runs
in this one process (SQLite too), and on a machine shared with other work the wall clock
measures the neighbours (runs of one import varied 6.9 to 13 s there, its CPU time did not).
Wall-clock seconds are printed beside them.

    .venv/bin/python bench/import_members.py [--quick]
"""

from __future__ import annotations

import io
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv
ROWS = int(os.environ.get("BENCH_ROWS", 0)) or (2_000 if QUICK else 10_000)
RUNS = 1 if QUICK else 3
DB = ROOT / "var" / f"bench-import-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from gonghui.core import crypto  # noqa: E402
from gonghui.core.history import HistoryEntry  # noqa: E402
from gonghui.members import fake  # noqa: E402
from gonghui.members.imports import roster_import  # noqa: E402
from gonghui.members.models import Member, MembershipEvent  # noqa: E402
from gonghui.members.naming import pinyin_keys  # noqa: E402
from gonghui.members.workbook import read_roster, template_workbook  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402

TABLES = (Member, MembershipEvent, HistoryEntry)


def setup_tree():
    federation = org_create(actor=None, code="GANGTIE", name="某钢铁公司工会", kind="federation")
    union = org_create(actor=None, code="BENBU", name="本部工会", kind="union", parent=federation)
    branches = [org_create(actor=None, code=f"BENBU-{i:02d}", name=name, kind="branch", parent=union)
                for i, name in enumerate(("炼铁作业区", "炼钢作业区", "热轧作业区", "冷轧作业区", "能源动力作业区"), start=1)]
    return union, branches


def roster_bytes(branches) -> bytes:
    rng = random.Random(2025)
    labels = [b.name if i % 2 else b.code for i, b in enumerate(branches)]
    return template_workbook(rows=[fake.roster_row(rng, serial, labels[serial % len(labels)]) for serial in range(ROWS)])


def snapshot() -> dict:
    """Every column of every row the import wrote, as the database holds them."""
    rows = {}
    with connection.cursor() as cursor:
        for model in TABLES:
            columns = [f.column for f in model._meta.concrete_fields]
            cursor.execute(f"SELECT {', '.join(columns)} FROM {model._meta.db_table}")
            rows[model] = (columns, cursor.fetchall())
    return rows


def wipe() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        for model in reversed(TABLES):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")


WALL: dict[str, list[float]] = {}


class clock:
    """CPU seconds of this process for the block (and its wall-clock seconds, kept in WALL by name)."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        self.cpu, self.wall = time.process_time(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.elapsed = time.process_time() - self.cpu
        WALL.setdefault(self.name, []).append(time.perf_counter() - self.wall)


def timed_import(union, content: bytes) -> float:
    # Every run reads the same names: forget them, so no run is faster for the one before it.
    pinyin_keys.cache_clear()
    with clock("import") as c:
        result = roster_import(actor=None, org=union, source=io.BytesIO(content))
    assert result.ok and result.created == ROWS, result.errors[:5]
    return c.elapsed


def timed_dry_run(union, content: bytes) -> float:
    with clock("dry run") as c:
        result = roster_import(actor=None, org=union, source=io.BytesIO(content), dry_run=True)
    assert result.ok and len(result.roster.rows) == ROWS, result.errors[:5]
    return c.elapsed


def timed_floor_parts(content: bytes) -> tuple[float, float]:
    """Seconds to read every cell of the workbook, and to seal and hash every ID number read."""
    with clock("read") as read:
        _headers, records = read_roster(io.BytesIO(content))
        numbers = [cells["身份证号"] for _row, cells in records]
    with clock("seal") as seal:
        for number in numbers:
            crypto.encrypt(number)
            crypto.blind_index(number)
    return read.elapsed, seal.elapsed


def timed_executemany(rows: dict) -> float:
    statements = []
    for model in TABLES:
        columns, values = rows[model]
        marks = ", ".join(["%s"] * len(columns))
        statements.append((f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES ({marks})", values))
    with clock("write") as c, transaction.atomic(), connection.cursor() as cursor:
        for sql, values in statements:
            cursor.executemany(sql, values)
    return c.elapsed


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    try:
        call_command("migrate", verbosity=0)
        union, branches = setup_tree()
        content = roster_bytes(branches)
        imports, limits, checks, reads, seals = [], [], [], [], []
        for _run in range(RUNS):
            wipe()
            read, seal = timed_floor_parts(content)
            reads.append(read)
            seals.append(seal)
            checks.append(timed_dry_run(union, content))
            imports.append(timed_import(union, content))
            rows = snapshot()
            wipe()
            limits.append(timed_executemany(rows))
            assert Member.objects.count() == ROWS
        value, write = min(imports), min(limits)
        limit = min(reads) + min(seals) + write
        print(f"rows: {ROWS:,} (.xlsx {len(content) / 1e6:.1f} MB), runs: {RUNS}; CPU seconds of this process")
        print(f"gonghui import (read + check + build + write): {value:.3f} s  runs: {', '.join(f'{t:.3f}' for t in imports)}")
        print(f"  of which reading and checking (a dry run): {min(checks):.3f} s")
        print(f"plain executemany of the same rows:          {write:.3f} s  runs: {', '.join(f'{t:.3f}' for t in limits)}")
        print(f"limit: reading the workbook {min(reads):.3f} s + sealing and hashing the ID numbers {min(seals):.3f} s"
              f" + the write itself {write:.3f} s = {limit:.3f} s")
        ratio = value / limit
        print(f"ratio {ratio:.2f} (target <= 1.5); against the write alone {value / write:.2f}")
        print("wall-clock seconds, best of the runs: " + ", ".join(f"{k} {min(v):.3f}" for k, v in WALL.items()))
        print(json.dumps({"bench": "import_members", "value": round(value, 4), "limit": round(limit, 4),
                          "ratio": round(ratio, 3), "target": 1.5, "pass": ratio <= 1.5,
                          "write_ratio": round(value / write, 3)}))
    finally:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
