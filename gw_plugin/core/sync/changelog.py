"""Local change tracking in the project GeoPackage: SQLite triggers, base values, sync bookkeeping tables.

Every synced table gets triggers (``gwsync_<table>_ins/_uuid/_upd/_del``) that record each insert, update and
delete however it is made (QGIS, the field calculator, OGR, sqlite3) in ``gw_changelog`` (one entry per feature:
table, uuid, op I/U/D, held flag). Before the first local change of a feature since it was last synced, the
whole row as it was (the BASE of the three-way merge) is copied into ``gw_base_<table>`` (same columns, exact
SQLite values, geometry blob included). The triggers are silent while a sync applies pulled rows (a row in
``gw_sync_apply`` inside that SQLite transaction). The GeoPackage's own gw_<table>_uuid / _touch triggers keep
working: an insert without uuid is logged when gw_<table>_uuid fills it; updates that only touch
updated_at/updated_by are not changes.

Bookkeeping tables: ``gw_sync_state`` (client id, last pulled revision, push sequence, in-flight push, counties,
the inode of the file the identity belongs to: core/sync/identity.py, the snapshot of the last pull: pull.py),
``gw_sync_rev`` (server revision each local feature reflects), ``gw_outbox`` (the payload of the push in flight,
resent verbatim after a lost reply), ``gw_conflicts`` (both versions), ``gw_rejected`` (refused changes, kept),
``gw_sync_files`` (sha256 of attachment files by path, size and mtime, so files are hashed once).

Plain sqlite3 access to the file (geometry blobs, ST_* functions, open_db, transaction) is core/data/sqlite_gpkg.py.
No QGIS import.
"""

from __future__ import annotations

import contextlib
import sqlite3
import uuid as _uuid
from typing import Optional

from ..data import schema as S
from ..data.sqlite_gpkg import open_db, transaction

TRACK_PREFIX = "gwsync_"
STATE = "gw_sync_state"
CHANGELOG = "gw_changelog"
REVS = "gw_sync_rev"
OUTBOX = "gw_outbox"
CONFLICTS = "gw_conflicts"
REJECTED = "gw_rejected"
APPLY_FLAG = "gw_sync_apply"
FILES = "gw_sync_files"
NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"


# --------------------------------------------------------------------------------------------------------------
# Tracking objects
# --------------------------------------------------------------------------------------------------------------
def q(name: str) -> str:
    """Quote an identifier that comes from the declarative schema (never from user input)."""
    return '"' + name.replace('"', '""') + '"'


def synced_tables(con: sqlite3.Connection) -> list:
    """Schema tables present in this file (core/data/model.py Table objects)."""
    have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [t for t in S.TABLES if t.name in have]


def columns(con: sqlite3.Connection, table: str) -> list:
    """Synced columns of ``table`` in this file: every column but fid, in file order."""
    return [r[1] for r in con.execute(f"PRAGMA table_info({q(table)})") if r[1] != "fid"]


def base_table(table: str) -> str:
    return f"gw_base_{table}"


_BOOKKEEPING = f"""
CREATE TABLE IF NOT EXISTS {STATE} (
    id INTEGER PRIMARY KEY CHECK (id = 1), client_id TEXT NOT NULL, last_pulled_rev INTEGER NOT NULL DEFAULT 0,
    push_seq INTEGER NOT NULL DEFAULT 0, inflight_seq INTEGER, counties TEXT, platform TEXT,
    last_sync_at TEXT, last_report TEXT, file_ino INTEGER, pull_snapshot TEXT);
CREATE TABLE IF NOT EXISTS {CHANGELOG} (
    tbl TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL CHECK (op IN ('I', 'U', 'D')),
    held INTEGER NOT NULL DEFAULT 0, changed_at TEXT, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS {REVS} (
    tbl TEXT NOT NULL, uuid TEXT NOT NULL, rev INTEGER NOT NULL, PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS {OUTBOX} (
    ord INTEGER PRIMARY KEY, tbl TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL, base_rev INTEGER,
    data TEXT);
CREATE TABLE IF NOT EXISTS {CONFLICTS} (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, uuid TEXT NOT NULL, kind TEXT NOT NULL,
    fields TEXT, base TEXT, local TEXT, server TEXT, server_rev INTEGER, policy TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open', resolution TEXT, created_at TEXT NOT NULL DEFAULT ({NOW}),
    resolved_at TEXT);
CREATE INDEX IF NOT EXISTS gw_conflicts_open ON {CONFLICTS} (status, tbl, uuid);
CREATE TABLE IF NOT EXISTS {REJECTED} (
    id INTEGER PRIMARY KEY AUTOINCREMENT, tbl TEXT NOT NULL, uuid TEXT NOT NULL, op TEXT NOT NULL,
    data TEXT, base TEXT, reason TEXT, push_seq INTEGER, status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL DEFAULT ({NOW}));
CREATE TABLE IF NOT EXISTS {APPLY_FLAG} (x INTEGER);
CREATE TABLE IF NOT EXISTS {FILES} (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL) WITHOUT ROWID;
"""


def _not_applying() -> str:
    return f"NOT EXISTS (SELECT 1 FROM {APPLY_FLAG})"


def _trigger_sql(table: str, cols: list) -> list:
    t, b = q(table), q(base_table(table))
    lit = "'" + table.replace("'", "''") + "'"
    col_list = ", ".join(q(c) for c in cols)
    old_vals = ", ".join(f"OLD.{q(c)}" for c in cols)
    data_cols = [c for c in cols if c not in ("uuid", "updated_at", "updated_by")]
    changed = " OR ".join(f"NEW.{q(c)} IS NOT OLD.{q(c)}" for c in data_cols) or "0"
    has_entry = f"EXISTS (SELECT 1 FROM {CHANGELOG} WHERE tbl = {lit} AND uuid = OLD.uuid)"
    log_insert = (
        f"INSERT INTO {CHANGELOG} (tbl, uuid, op, changed_at) VALUES ({lit}, NEW.uuid, 'I', {NOW}) "
        f"ON CONFLICT (tbl, uuid) DO UPDATE SET op = CASE WHEN op = 'D' THEN 'U' ELSE op END, "
        f"changed_at = excluded.changed_at;"
    )
    keep_base = f"INSERT OR IGNORE INTO {b} ({col_list}) SELECT {old_vals} WHERE NOT {has_entry};"
    log_delete = (
        f"INSERT INTO {CHANGELOG} (tbl, uuid, op, changed_at) SELECT {lit}, OLD.uuid, 'D', {NOW} "
        f"WHERE NOT EXISTS (SELECT 1 FROM {CHANGELOG} WHERE tbl = {lit} AND uuid = OLD.uuid AND op = 'I') "
        f"ON CONFLICT (tbl, uuid) DO UPDATE SET op = 'D', changed_at = excluded.changed_at;"
        f"DELETE FROM {CHANGELOG} WHERE tbl = {lit} AND uuid = OLD.uuid AND op = 'I';"
    )
    has_uuid_new = "NEW.uuid IS NOT NULL AND NEW.uuid <> ''"
    has_uuid_old = "OLD.uuid IS NOT NULL AND OLD.uuid <> ''"
    name = lambda s: q(f"{TRACK_PREFIX}{table}_{s}")  # noqa: E731
    return [
        f"CREATE TRIGGER {name('ins')} AFTER INSERT ON {t} WHEN {has_uuid_new} AND {_not_applying()} "
        f"BEGIN {log_insert} END",
        f"CREATE TRIGGER {name('uuid')} AFTER UPDATE OF uuid ON {t} "
        f"WHEN NOT ({has_uuid_old}) AND {has_uuid_new} AND {_not_applying()} BEGIN {log_insert} END",
        # a changed uuid (never done by the plugin) is a delete of the old identity and an insert of the new one
        f"CREATE TRIGGER {name('rekey')} AFTER UPDATE OF uuid ON {t} "
        f"WHEN {has_uuid_old} AND {has_uuid_new} AND NEW.uuid IS NOT OLD.uuid AND {_not_applying()} "
        f"BEGIN {keep_base} {log_delete} {log_insert} END",
        f"CREATE TRIGGER {name('upd')} AFTER UPDATE ON {t} "
        f"WHEN {_not_applying()} AND {has_uuid_old} AND NEW.uuid IS OLD.uuid AND ({changed}) "
        f"BEGIN {keep_base} "
        f"INSERT INTO {CHANGELOG} (tbl, uuid, op, changed_at) VALUES ({lit}, OLD.uuid, 'U', {NOW}) "
        f"ON CONFLICT (tbl, uuid) DO UPDATE SET changed_at = excluded.changed_at; END",
        f"CREATE TRIGGER {name('del')} AFTER DELETE ON {t} WHEN {has_uuid_old} AND {_not_applying()} "
        f"BEGIN {keep_base} {log_delete} END",
    ]


def _ensure_base_table(con: sqlite3.Connection, table: str) -> None:
    info = [r for r in con.execute(f"PRAGMA table_info({q(table)})") if r[1] != "fid"]
    b = base_table(table)
    have = {r[1] for r in con.execute(f"PRAGMA table_info({q(b)})")}
    if not have:
        cols = ", ".join(f"{q(r[1])} {r[2] or 'TEXT'}" + (" PRIMARY KEY" if r[1] == "uuid" else "") for r in info)
        con.execute(f"CREATE TABLE {q(b)} ({cols})")
        return
    for r in info:
        if r[1] not in have:
            con.execute(f"ALTER TABLE {q(b)} ADD COLUMN {q(r[1])} {r[2] or 'TEXT'}")


def is_tracked(path_or_con) -> bool:
    con = open_db(path_or_con) if isinstance(path_or_con, str) else path_or_con
    try:
        return (
            con.execute(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{STATE}'").fetchone() is not None
        )
    finally:
        if isinstance(path_or_con, str):
            con.close()


def install_change_tracking(path: str, mark_existing: bool = True, con: Optional[sqlite3.Connection] = None) -> str:
    """Install (or refresh after a schema upgrade) change tracking in the GeoPackage at ``path``; idempotent.

    On the first installation every feature already in the file is logged as a pending insert when
    ``mark_existing`` (so the first sync publishes a project GeoPackage). Returns the client id.
    """
    own = con is None
    if own:
        con = open_db(path)
    try:
        with transaction(con):
            first = not is_tracked(con)
            for stmt in _BOOKKEEPING.split(";"):
                if stmt.strip():
                    con.execute(stmt)
            have = {r[1] for r in con.execute(f"PRAGMA table_info({STATE})")}
            for col in ("file_ino INTEGER", "pull_snapshot TEXT"):  # files tracked before issue 14
                if col.split()[0] not in have:
                    con.execute(f"ALTER TABLE {STATE} ADD COLUMN {col}")
            if first:
                con.execute(f"INSERT INTO {STATE} (id, client_id) VALUES (1, ?)", (str(_uuid.uuid4()),))
            for t in synced_tables(con):
                cols = columns(con, t.name)
                _ensure_base_table(con, t.name)
                have = con.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE ?",
                    (t.name, f"{TRACK_PREFIX}%"),
                ).fetchall()
                want = [stmt.strip() for stmt in _trigger_sql(t.name, cols)]
                # as they should be already (every sync but after an upgrade or a rebuilt table): not rewritten
                if sorted(x for _, x in have) != sorted(want):
                    for name, _ in have:
                        con.execute(f"DROP TRIGGER {q(name)}")
                    for stmt in want:
                        con.execute(stmt)
                if first and mark_existing:
                    con.execute(
                        f"INSERT OR IGNORE INTO {CHANGELOG} (tbl, uuid, op, changed_at) "
                        f"SELECT ?, uuid, 'I', {NOW} FROM {q(t.name)} WHERE uuid IS NOT NULL AND uuid <> ''",
                        (t.name,),
                    )
            (client_id,) = con.execute(f"SELECT client_id FROM {STATE} WHERE id = 1").fetchone()
    finally:
        if own:
            con.close()
    return client_id


TRIGGER_SUFFIXES = ("ins", "uuid", "rekey", "upd", "del")


def untracked_tables(con: sqlite3.Connection) -> list:
    """Synced tables of a tracked file that lost (some of) their change-tracking triggers — a tool that rebuilt
    the table (a field removed or retyped, a layer saved over) drops them with the old table, and edits made
    since were not recorded. Empty for a file that was never tracked."""
    if not is_tracked(con):
        return []
    have = {
        r[0]
        for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?", (f"{TRACK_PREFIX}%",)
        )
    }
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return [
        t.name
        for t in synced_tables(con)
        if base_table(t.name) in tables  # tracked before (a table new in a schema upgrade never was)
        and any(f"{TRACK_PREFIX}{t.name}_{s}" not in have for s in TRIGGER_SUFFIXES)
    ]


@contextlib.contextmanager
def applying(con: sqlite3.Connection):
    """Inside an open transaction: silence the tracking triggers and the GeoPackage's updated_at touch triggers
    while pulled rows are written (they carry the server's updated_at), restoring both before commit."""
    con.execute(f"INSERT INTO {APPLY_FLAG} (x) VALUES (1)")
    touch = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'gw\\_%\\_touch' ESCAPE '\\'"
    ).fetchall()
    for name, _ in touch:
        con.execute(f"DROP TRIGGER {q(name)}")
    try:
        yield con
    finally:
        for _, ddl in touch:
            con.execute(ddl)
        con.execute(f"DELETE FROM {APPLY_FLAG}")


# --------------------------------------------------------------------------------------------------------------
# State
# --------------------------------------------------------------------------------------------------------------
def state(con: sqlite3.Connection) -> dict:
    cur = con.execute(f"SELECT * FROM {STATE} WHERE id = 1")
    row = cur.fetchone()
    if row is None:
        return {}
    return dict(zip([d[0] for d in cur.description], row))


def pending_counts(path: str) -> dict:
    """What the Sync dock shows: pending changes by op, open conflicts, open rejections, last sync."""
    con = open_db(path)
    try:
        if not is_tracked(con):
            return {"tracked": False}
        out = {"tracked": True, "I": 0, "U": 0, "D": 0, "held": 0}
        for op, held, n in con.execute(f"SELECT op, held, count(*) FROM {CHANGELOG} GROUP BY op, held"):
            out[op] += n
            if held:
                out["held"] += n
        out["conflicts"] = con.execute(f"SELECT count(*) FROM {CONFLICTS} WHERE status = 'open'").fetchone()[0]
        out["rejected"] = con.execute(f"SELECT count(*) FROM {REJECTED} WHERE status = 'open'").fetchone()[0]
        st = state(con)
        out["last_sync_at"] = st.get("last_sync_at")
        out["last_pulled_rev"] = st.get("last_pulled_rev")
        return out
    finally:
        con.close()
