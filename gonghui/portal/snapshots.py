"""Backups: one consistent snapshot of the database and the uploaded files, in one .tar.gz.

    snapshot.tar.gz
      manifest.json        format version, when, which database, a check value of the field key
      database.sqlite3     (SQLite)      made with SQLite's online backup API
      database.pgdump      (PostgreSQL)  made with pg_dump --format=custom
      media/…              every file under MEDIA_ROOT

The field key (GONGHUI_FIELD_KEY) is never written into a snapshot: the ID-card numbers
inside stay encrypted with it, so a stolen backup alone reads nothing. The manifest only
holds an HMAC of a fixed phrase under the key, which lets `restore` tell before touching
anything whether the key configured now is the one the snapshot needs.

Both database copies are taken while the site keeps running: SQLite's backup API copies
pages under one read transaction (WAL lets writers go on meanwhile), and pg_dump reads
everything inside one repeatable-read transaction. The database is copied before the
files, because an upload is saved to disk before the row naming it commits: every file a
copied row names is then already there to copy.

The messages an operator reads on a refusal are in Chinese first, with English after,
because they are read at a console that may have no catalogue installed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = "gonghui-backup"
FORMAT_VERSION = 1
KEY_CHECK_PHRASE = b"gonghui backup: the field key that reads this snapshot"
MANIFEST = "manifest.json"
MEDIA_DIR = "media"
DB_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables `migrate` fills by itself: rows here do not make a database "in use".
MIGRATE_OWN_TABLES = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}


class SnapshotRefused(Exception):
    """A backup or restore that cannot go ahead; the message says why, for the operator."""


@dataclass
class RestoreReport:
    manifest: dict
    media_files: int


def key_check(key: str | None = None) -> str:
    """What the manifest stores instead of the key: equal values mean the same key."""
    key = settings.GONGHUI_FIELD_KEY if key is None else key
    return hmac.new(key.encode("utf-8"), KEY_CHECK_PHRASE, hashlib.sha256).hexdigest()


# ------------------------------------------------------------------------------- backup
def backup_write(*, out: str | Path) -> dict:
    """Write a snapshot of the configured database and MEDIA_ROOT to `out`; returns its manifest.

    The archive is built under a temporary name and renamed at the end, so a file with the
    final name is always a whole snapshot.
    """
    out = Path(out)
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise SnapshotRefused(f"不支持备份 {vendor} 数据库，只支持 SQLite 和 PostgreSQL。(cannot back up a {vendor} database)")
    with tempfile.TemporaryDirectory(prefix="gonghui-backup-") as work:
        db_copy = Path(work) / DB_FILES[vendor]
        if vendor == "sqlite":
            _sqlite_copy(db_copy)
        else:
            _pg_dump(db_copy)
        media = _media_files()
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "db_vendor": vendor,
            "database": DB_FILES[vendor],
            "database_sha256": _sha256(db_copy),
            "key_check": key_check(),
            "media_files": len(media),
            "media_bytes": sum(path.stat().st_size for _name, path in media),
            "migrations": _applied_migrations(),
        }
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_copy, arcname=DB_FILES[vendor])
            for name, path in media:
                tar.add(path, arcname=f"{MEDIA_DIR}/{name}")
        os.replace(partial, out)
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sqlite_copy(target: Path) -> None:
    source = sqlite3.connect(_sqlite_name(), uri=str(_sqlite_name()).startswith("file:"), timeout=30)
    copy = sqlite3.connect(target)
    try:
        # pages=-1 (the default): the whole database in one step, under one read transaction
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _sqlite_name() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def _pg_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGDATABASE": str(db["NAME"])}
    for setting, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(setting):
            env[variable] = str(db[setting])
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise SnapshotRefused(
            f"找不到 {name}：PostgreSQL 数据库的备份与恢复需要安装 PostgreSQL 客户端工具（{name}），"
            f"且其版本不低于服务器版本。({name} not found: install the PostgreSQL client tools)"
        )
    return found


def _pg_dump(target: Path) -> None:
    done = subprocess.run(
        [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env=_pg_environment(), capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SnapshotRefused(f"pg_dump 失败：{done.stderr.strip()} (pg_dump failed)")


def _media_files() -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted((path.relative_to(root).as_posix(), path) for path in root.rglob("*") if path.is_file())


def _applied_migrations() -> dict[str, str]:
    """The last migration applied per app: says which code the snapshot was taken under."""
    from django.db.migrations.recorder import MigrationRecorder

    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


# ------------------------------------------------------------------------------ restore
def snapshot_manifest(path: str | Path) -> dict:
    """Read and check a snapshot's manifest: its format, and that the configured key reads it."""
    try:
        with tarfile.open(path, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, KeyError, json.JSONDecodeError) as exc:
        raise SnapshotRefused(f"无法读取备份文件 {path}：它不是完整的 Gonghui 备份（{exc}）。(not a readable Gonghui backup)") from exc
    if not manifest or manifest.get("format") != FORMAT:
        raise SnapshotRefused(f"{path} 不是 Gonghui 备份：缺少有效的 manifest.json。(not a Gonghui backup)")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise SnapshotRefused(
            f"备份格式版本为 {manifest['format_version']}，本程序只能读取 {FORMAT_VERSION} 及以下版本，请先升级 Gonghui。"
            "(the backup was written by a newer Gonghui)"
        )
    if not hmac.compare_digest(str(manifest.get("key_check", "")), key_check()):
        raise SnapshotRefused(
            "拒绝恢复：此备份是用另一把字段密钥（GONGHUI_FIELD_KEY）创建的，当前配置的密钥无法解读其中加密的身份证号等字段。"
            "请把 GONGHUI_FIELD_KEY 设为创建备份时使用的那把密钥后再恢复。"
            "(the configured GONGHUI_FIELD_KEY is not the key this backup was made with)"
        )
    return manifest


def database_rows_in_use() -> list[tuple[str, int]]:
    """(table, rows) of every table holding data beyond what `migrate` writes itself."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t not in MIGRATE_OWN_TABLES]
        found = []
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            rows = cursor.fetchone()[0]
            if rows:
                found.append((table, rows))
    return found


def snapshot_restore(*, path: str | Path) -> RestoreReport:
    """Bring a snapshot back into the configured database, which must be empty, and MEDIA_ROOT."""
    manifest = snapshot_manifest(path)
    vendor = connection.vendor
    if manifest["db_vendor"] != vendor:
        raise SnapshotRefused(
            f"拒绝恢复：备份来自 {manifest['db_vendor']} 数据库，而当前配置的是 {vendor}；请配置同类数据库。"
            f"(a {manifest['db_vendor']} backup cannot be restored into {vendor})"
        )
    in_use = database_rows_in_use()
    if in_use:
        table, rows = in_use[0]
        raise SnapshotRefused(
            f"拒绝恢复：目标数据库不是空的（例如表 {table} 有 {rows} 行）。恢复只写入空数据库，以免覆盖现有数据；"
            "请新建一个空数据库后再恢复。(the target database is not empty)"
        )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        raise SnapshotRefused(
            f"拒绝恢复：上传文件目录 {media_root} 不是空的；请换一个空目录（MEDIA_ROOT）后再恢复。(MEDIA_ROOT is not empty)"
        )
    with tempfile.TemporaryDirectory(prefix="gonghui-restore-") as work:
        with tarfile.open(path, "r:gz") as tar:
            # the "data" filter refuses absolute paths, links out of the folder and device files
            tar.extractall(work, filter="data")
        db_copy = Path(work) / manifest["database"]
        expected = manifest.get("database_sha256")
        if not db_copy.is_file() or (expected and _sha256(db_copy) != expected):
            raise SnapshotRefused(f"拒绝恢复：备份中的数据库文件已损坏或不完整（校验值不符）。(the database copy in {path} is damaged)")
        connection.close()
        if vendor == "sqlite":
            _sqlite_restore(db_copy)
        else:
            _pg_restore(db_copy)
        media_root.mkdir(parents=True, exist_ok=True)
        copied = 0
        extracted_media = Path(work) / MEDIA_DIR
        if extracted_media.is_dir():
            for source in extracted_media.rglob("*"):
                if source.is_file():
                    target = media_root / source.relative_to(extracted_media)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
                    copied += 1
    return RestoreReport(manifest=manifest, media_files=copied)


def _sqlite_restore(db_copy: Path) -> None:
    source = sqlite3.connect(db_copy)
    target = sqlite3.connect(_sqlite_name(), uri=_sqlite_name().startswith("file:"), timeout=30)
    try:
        source.backup(target)   # replaces every page of the (empty) target
    finally:
        target.close()
        source.close()


def _pg_restore(db_copy: Path) -> None:
    # --clean drops the empty tables `migrate` may have made, so the snapshot's own come back whole
    done = subprocess.run(
        [_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction",
         "--dbname", str(settings.DATABASES["default"]["NAME"]), str(db_copy)],
        env=_pg_environment(), capture_output=True, text=True,
    )
    if done.returncode != 0:
        raise SnapshotRefused(f"pg_restore 失败：{done.stderr.strip()} (pg_restore failed)")
