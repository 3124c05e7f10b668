"""`gonghui backup` while the site is being written to, then `gonghui restore` into a fresh database.

Everything runs as separate processes on SQLite files, as an operator would run it, so
the test does not depend on which database the suite itself uses.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from gonghui.portal.snapshots import key_check

UPLOADS = {
    "voice/suggestions/2025/03/gauge.jpg": b"\xff\xd8\xff\xe0 not really a jpeg " * 50,
    "voice/reports/2025/07/电缆隧道.png": b"\x89PNG a photo of the cable tunnel",
    "governance/notice.pdf": b"%PDF-1.4 the notice",
}


def site(tmp_path: Path, name: str, **extra: str) -> dict[str, str]:
    """The environment of one installation: its own SQLite file and its own MEDIA_ROOT."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
        "GONGHUI_VAR_DIR": str(tmp_path / f"var-{name}"),
        **extra,
    }
    env.pop("GONGHUI_REQUIRE_SERVICES", None)
    return env


def gonghui(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gonghui", *args], env=env, capture_output=True, text=True, timeout=180)


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def media_root(env: dict[str, str]) -> Path:
    return Path(env["GONGHUI_VAR_DIR"]) / "test-media"   # config.settings.test


def row_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


class SessionWriter(threading.Thread):
    """Someone using the site: two session rows per transaction, as fast as the lock allows.

    A snapshot taken in the middle of a transaction would show an odd number of rows.
    """

    def __init__(self, db: Path):
        super().__init__(daemon=True)
        self.db, self.stop, self.pairs = db, threading.Event(), 0

    def run(self):
        conn = sqlite3.connect(self.db, timeout=30, isolation_level=None)
        try:
            while not self.stop.is_set():
                conn.execute("BEGIN IMMEDIATE")
                for _ in range(2):
                    conn.execute(
                        "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)",
                        (uuid.uuid4().hex, "e30=", "2099-01-01 00:00:00"),
                    )
                conn.execute("COMMIT")
                self.pairs += 1
                time.sleep(0.002)
        finally:
            conn.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("live")


@pytest.fixture(scope="module")
def loaded(live):
    """A site with the scenario's year in it and a few uploaded files (loaded once: it takes seconds)."""
    env = site(live, "live")
    ok(gonghui(env, "migrate", "--noinput", "-v0"))
    ok(gonghui(env, "scenario", "load", "benbu-2025"))
    for name, content in UPLOADS.items():
        path = media_root(env) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return env


def test_a_backup_taken_while_the_site_writes_restores_to_the_same_records_files_and_summary(loaded, live, tmp_path):
    live_db = live / "live.sqlite3"
    writer = SessionWriter(live_db)
    writer.start()
    while writer.pairs < 5:
        time.sleep(0.01)
    snapshot = tmp_path / "backups" / "gonghui.tar.gz"
    ok(gonghui(loaded, "backup", str(snapshot)))
    writer.stop.set()
    writer.join()
    assert writer.pairs > 5, "the writer kept writing through the backup"

    with tarfile.open(snapshot) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["format_version"] == 1 and manifest["db_vendor"] == "sqlite"
    assert manifest["key_check"] == key_check(loaded.get("GONGHUI_FIELD_KEY", "dev-only-field-key-do-not-use-in-production"))
    assert not any("key" in name.lower() for name in names), "the field key never goes into a backup"

    fresh = site(tmp_path, "fresh")
    ok(gonghui(fresh, "restore", str(snapshot)))

    before, after = row_counts(live_db), row_counts(tmp_path / "fresh.sqlite3")
    written = before.pop("django_session")
    restored = after.pop("django_session")
    assert before == after
    assert restored % 2 == 0, "a snapshot holds whole transactions only"
    assert 10 <= restored <= written
    for name, content in UPLOADS.items():
        assert (media_root(fresh) / name).read_bytes() == content

    summary = ("summary", "--org", "BENBU", "--period", "2025", "--format", "txt")
    original = ok(gonghui(loaded, *summary))
    assert "2854" in original.replace(",", "")
    assert ok(gonghui(fresh, *summary)) == original


def test_restore_refuses_a_database_in_use_and_a_snapshot_made_with_another_key(loaded, tmp_path):
    snapshot = tmp_path / "gonghui.tar.gz"
    ok(gonghui(loaded, "backup", str(snapshot)))

    in_use = gonghui(loaded, "restore", str(snapshot))
    assert in_use.returncode != 0
    assert "目标数据库不是空的" in in_use.stderr

    other_key = site(tmp_path, "other-key", GONGHUI_FIELD_KEY="a-different-field-key-for-this-test")
    refused = gonghui(other_key, "restore", str(snapshot))
    assert refused.returncode != 0
    assert "字段密钥" in refused.stderr
    assert not (tmp_path / "other-key.sqlite3").exists() or row_counts(tmp_path / "other-key.sqlite3").get("orgs_org", 0) == 0


# ---------------------------------------------------------------------- PostgreSQL (pg_dump)
def postgres_url() -> str | None:
    """The suite's own PostgreSQL server, when the suite runs on one (the CI's second pass)."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.mark.services
@pytest.mark.skipif(postgres_url() is None, reason="the suite is not running on PostgreSQL")
def test_a_postgresql_backup_restores_into_a_fresh_database(tmp_path):
    import psycopg

    server, _slash, name = postgres_url().rpartition("/")
    names = {side: f"{name.split('?')[0]}_backup_{side}" for side in ("live", "fresh")}
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for db in names.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{db}"')
    try:
        live = {**site(tmp_path, "pg-live"), "DATABASE_URL": f"{server}/{names['live']}"}
        fresh = {**site(tmp_path, "pg-fresh"), "DATABASE_URL": f"{server}/{names['fresh']}"}
        ok(gonghui(live, "migrate", "--noinput", "-v0"))
        ok(gonghui(live, "scenario", "load", "benbu-2025"))
        (media_root(live) / "voice").mkdir(parents=True)
        (media_root(live) / "voice" / "photo.jpg").write_bytes(b"\xff\xd8 photo")
        snapshot = tmp_path / "pg.tar.gz"
        ok(gonghui(live, "backup", str(snapshot)))
        ok(gonghui(fresh, "migrate", "--noinput", "-v0"))   # an empty but migrated database is still empty
        ok(gonghui(fresh, "restore", str(snapshot)))
        summary = ("summary", "--org", "BENBU", "--period", "2025", "--format", "txt")
        assert ok(gonghui(fresh, *summary)) == ok(gonghui(live, *summary))
        assert (media_root(fresh) / "voice" / "photo.jpg").read_bytes() == b"\xff\xd8 photo"
        assert "不是空的" in gonghui(fresh, "restore", str(snapshot)).stderr
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            for db in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def test_restore_refuses_a_damaged_database_copy_before_touching_anything(db, settings, tmp_path):
    """In-process: a snapshot whose database file does not match the manifest's checksum."""
    import io

    from django.db import connection

    from gonghui.portal.snapshots import SnapshotRefused, snapshot_restore

    settings.MEDIA_ROOT = tmp_path / "media"
    manifest = {"format": "gonghui-backup", "format_version": 1, "db_vendor": connection.vendor, "key_check": key_check(),
                "database": "database.bin", "database_sha256": "0" * 64, "created_at": "2025-12-31T02:00:00+00:00"}
    snapshot = tmp_path / "damaged.tar.gz"
    with tarfile.open(snapshot, "w:gz") as tar:
        for name, data in (("manifest.json", json.dumps(manifest).encode()), ("database.bin", b"half a database")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(SnapshotRefused, match="损坏"):
        snapshot_restore(path=snapshot)
