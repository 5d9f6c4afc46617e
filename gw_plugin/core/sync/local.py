"""Local side of the sync: the synced tables of one project GeoPackage (columns, types, SRS), their rows and base
values, the change-log entries and server revisions kept beside them, and recovery of a journal left by a killed
process. No QGIS import.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Optional

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .wire import field_types, same


class LocalTables:
    """Synced columns, types and SRS of each table of one GeoPackage."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.cols = {}
        self.types = {}
        self.srs = {}
        self._sql = {}
        for t in C.synced_tables(con):
            cols = [c for c in C.columns(con, t.name) if c in P.data_columns(t)]
            self.cols[t.name] = cols
            self.types[t.name] = field_types(t.name, cols)
        for tname, srs_id in con.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns"):
            self.srs[tname] = srs_id

    def row(self, table: str, uuid: str, base: bool = False) -> Optional[dict]:
        cols = self.cols[table]
        key = (table, base)
        sql_ = self._sql.get(key)
        if sql_ is None:
            src = C.base_table(table) if base else table
            sql_ = self._sql[key] = f"SELECT {', '.join(C.q(c) for c in cols)} FROM {C.q(src)} WHERE uuid = ?"
        r = self.con.execute(sql_, (uuid,)).fetchone()
        return None if r is None else dict(zip(cols, r))

    def rows_for(self, table: str, uuids_sql: str, params=(), base: bool = False, tuples: bool = False) -> dict:
        """uuid -> row for the uuids selected by ``uuids_sql`` (a SELECT of one uuid column). Many uuids: one
        sequential scan of the table filtered here (far cheaper than as many index probes); few: one IN query.
        Rows are dicts, or with ``tuples`` the values in the order of ``self.cols[table]`` (no dict per row)."""
        wanted = {u for (u,) in self.con.execute(uuids_sql, params)}
        if not wanted:
            return {}
        cols = self.cols[table]
        src = C.q(C.base_table(table) if base else table)
        sel = ", ".join(C.q(c) for c in cols)
        ui = cols.index("uuid")
        if len(wanted) > 2000:
            rows = (r for r in self.con.execute(f"SELECT {sel} FROM {src}") if r[ui] in wanted)
        else:
            rows = self.con.execute(f"SELECT {sel} FROM {src} WHERE uuid IN ({uuids_sql})", params)
        if tuples:
            return {r[ui]: r for r in rows}
        return {r[ui]: dict(zip(cols, r)) for r in rows}

    def write(self, table: str, row: dict) -> None:
        cols = [c for c in self.cols[table] if c in row]
        sets = ", ".join(f"{C.q(c)} = ?" for c in cols if c != "uuid")
        cur = self.con.execute(
            f"UPDATE {C.q(table)} SET {sets} WHERE uuid = ?", [row[c] for c in cols if c != "uuid"] + [row["uuid"]]
        )
        if cur.rowcount == 0:
            self.con.execute(
                f"INSERT INTO {C.q(table)} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                [row[c] for c in cols],
            )

    def delete(self, table: str, uuid: str) -> None:
        self.con.execute(f"DELETE FROM {C.q(table)} WHERE uuid = ?", (uuid,))

    def set_base(self, table: str, row: dict) -> None:
        cols = [c for c in self.cols[table] if c in row]
        self.con.execute(
            f"INSERT OR REPLACE INTO {C.q(C.base_table(table))} ({', '.join(C.q(c) for c in cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )

    def drop_entry(self, table: str, uuid: str) -> None:
        self.con.execute(f"DELETE FROM {C.CHANGELOG} WHERE tbl = ? AND uuid = ?", (table, uuid))
        self.con.execute(f"DELETE FROM {C.q(C.base_table(table))} WHERE uuid = ?", (uuid,))

    def set_entry(self, table: str, uuid: str, op: str, held: Optional[int] = None) -> None:
        self.con.execute(
            f"INSERT INTO {C.CHANGELOG} (tbl, uuid, op, held, changed_at) VALUES (?, ?, ?, coalesce(?, 0), {C.NOW}) "
            f"ON CONFLICT (tbl, uuid) DO UPDATE SET op = excluded.op, held = coalesce(?, held), "
            f"changed_at = excluded.changed_at",
            (table, uuid, op, held, held),
        )
        if op == "I":
            self.con.execute(f"DELETE FROM {C.q(C.base_table(table))} WHERE uuid = ?", (uuid,))

    def entry(self, table: str, uuid: str):
        return self.con.execute(
            f"SELECT op, held FROM {C.CHANGELOG} WHERE tbl = ? AND uuid = ?", (table, uuid)
        ).fetchone()

    def set_rev(self, table: str, uuid: str, rev: Optional[int]) -> None:
        if rev is None:
            self.con.execute(f"DELETE FROM {C.REVS} WHERE tbl = ? AND uuid = ?", (table, uuid))
        else:
            self.con.execute(f"INSERT OR REPLACE INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?)", (table, uuid, rev))

    def rev(self, table: str, uuid: str) -> Optional[int]:
        r = self.con.execute(f"SELECT rev FROM {C.REVS} WHERE tbl = ? AND uuid = ?", (table, uuid)).fetchone()
        return r[0] if r else None

    def equal(self, table: str, a: Optional[dict], b: Optional[dict], ignore=("updated_at", "updated_by")) -> bool:
        if a is None or b is None:
            return a is b
        types = self.types[table]
        for c in self.cols[table]:
            x, y = a.get(c), b.get(c)
            if x != y and c not in ignore and not same(types[c], x, y):
                return False
        return True


def recover_journal(gpkg_path: str) -> None:
    """Roll back a transaction left by a killed process (a hot journal) before anything opens the file
    read-only: a read-only connection cannot roll it back and would fail with "readonly database"."""
    if not os.path.exists(gpkg_path + "-journal"):
        return
    con = SG.open_db(gpkg_path)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()
