"""Import 10,000 roster rows from .xlsx; compare with writing the same rows by plain executemany.

value: seconds for Gonghui's import (read the workbook, check every cell, look up the
       roll, build encrypted/hashed rows, write members + join events + history rows,
       all in one transaction), best of the runs.
limit: seconds for `executemany` of exactly the rows that import wrote (members, join
       events, history), their values computed beforehand, in one transaction.
ratio = value / limit; target 1.5.
Also printed, not judged: the floor, what any import of this file must pay whatever its
code: reading the workbook (calamine, in Rust), sealing and hashing each ID number
(AES-GCM, HMAC) and the limit's own write. floor_ratio = floor / limit.

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
ROWS = 2_000 if QUICK else 10_000
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


def timed_import(union, content: bytes) -> float:
    # Every run reads the same names: forget them, so no run is faster for the one before it.
    pinyin_keys.cache_clear()
    started = time.perf_counter()
    result = roster_import(actor=None, org=union, source=io.BytesIO(content))
    elapsed = time.perf_counter() - started
    assert result.ok and result.created == ROWS, result.errors[:5]
    return elapsed


def timed_dry_run(union, content: bytes) -> float:
    started = time.perf_counter()
    result = roster_import(actor=None, org=union, source=io.BytesIO(content), dry_run=True)
    assert result.ok and len(result.roster.rows) == ROWS, result.errors[:5]
    return time.perf_counter() - started


def timed_floor_parts(content: bytes) -> tuple[float, float]:
    """Seconds to read every cell of the workbook, and to seal and hash every ID number read."""
    started = time.perf_counter()
    _headers, records = read_roster(io.BytesIO(content))
    numbers = [cells["身份证号"] for _row, cells in records]
    read = time.perf_counter() - started
    started = time.perf_counter()
    for number in numbers:
        crypto.encrypt(number)
        crypto.blind_index(number)
    return read, time.perf_counter() - started


def timed_executemany(rows: dict) -> float:
    statements = []
    for model in TABLES:
        columns, values = rows[model]
        marks = ", ".join(["%s"] * len(columns))
        statements.append((f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) VALUES ({marks})", values))
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, values in statements:
            cursor.executemany(sql, values)
    return time.perf_counter() - started


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
        value, limit = min(imports), min(limits)
        print(f"rows: {ROWS:,} (.xlsx {len(content) / 1e6:.1f} MB), runs: {RUNS}")
        print(f"gonghui import (read + check + build + write): {value:.3f} s  runs: {', '.join(f'{t:.3f}' for t in imports)}")
        print(f"  of which reading and checking (a dry run): {min(checks):.3f} s")
        print(f"plain executemany of the same rows:          {limit:.3f} s  runs: {', '.join(f'{t:.3f}' for t in limits)}")
        floor = min(reads) + min(seals) + limit
        print(f"floor: reading the workbook {min(reads):.3f} s + sealing and hashing the ID numbers {min(seals):.3f} s"
              f" + the write itself {limit:.3f} s = {floor:.3f} s, {floor / limit:.2f}x the limit before any cell is checked")
        ratio = value / limit
        print(f"ratio {ratio:.2f} (target <= 1.5)")
        print(json.dumps({"bench": "import_members", "value": round(value, 4), "limit": round(limit, 4),
                          "ratio": round(ratio, 3), "target": 1.5, "pass": ratio <= 1.5,
                          "floor_ratio": round(floor / limit, 3)}))
    finally:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
