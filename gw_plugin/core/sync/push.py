"""Sync of a project GeoPackage with the city platform: pull, field-level three-way merge, push exactly once.

Invariants (../shared/design/sync.md): identity is ``uuid``; nothing is lost (every local change ends on the server
or stays in the file as pending, conflicting or rejected); a push is applied exactly once (idempotency key =
client id + push sequence, stored in the push's own server transaction, payload kept in ``gw_outbox`` until the
outcome is recorded); each side is atomic (one server transaction per push; one SQLite transaction per pull and
per outcome); merges are per field against the base values kept by the change-tracking triggers; the server
decides permissions (row-level security) and refused rows come back as rejected and are kept.

Public: ``sync(gpkg_path, conninfo, direction, conflict_policy) -> SyncReport``, ``resolve_conflict``,
``open_conflicts``, ``pull_into`` (used by checkout). No QGIS import.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from itertools import compress
from operator import ne
from typing import Callable, Optional

from ..data import schema as S
from . import changelog as C
from . import server_schema as P

POLICIES = ("server", "local", "manual")
DIRECTIONS = ("both", "push", "pull")
META_FIELDS = ("updated_at", "updated_by")
PAGE = 5000


class SyncError(Exception):
    """Sync could not run; nothing was lost (the message says what to do)."""


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    stale: int = 0
    open_conflicts: int = 0
    pending: int = 0
    attachments_uploaded: int = 0
    attachments_downloaded: int = 0
    push_seq: Optional[int] = None
    server_rev: Optional[int] = None
    resent: bool = False
    messages: list = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"pushed {self.pushed}, pulled {self.pulled}, merged {self.merged}, conflicts {self.conflicts} "
            f"(open {self.open_conflicts}), rejected {self.rejected}, still pending {self.pending}, "
            f"attachments up {self.attachments_uploaded} / down {self.attachments_downloaded}"
        )

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------------------------------------------
# Values: types, canonical comparison, wire format
# --------------------------------------------------------------------------------------------------------------
def field_types(table: str, cols: list) -> dict:
    t = S.table(table)
    out = {}
    for c in cols:
        if c == "geom":
            out[c] = "geom"
        else:
            try:
                f = t.field(c)
            except KeyError:
                continue
            out[c] = "uuid" if c == "uuid" else f.type
    return out


_DT_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


_CANON_DT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def canon_datetime(v, strict: bool = False) -> str:
    """'YYYY-MM-DDTHH:MM:SS.mmmZ' in UTC, the GeoPackage form; ValueError if unreadable."""
    import datetime as dt

    if not strict and isinstance(v, str) and len(v) == 24 and _CANON_DT_RE.match(v):
        return v  # already 'YYYY-MM-DDTHH:MM:SS.mmmZ' (what the GeoPackage triggers and the platform write)
    m = _DT_RE.match(str(v).strip())
    if not m:
        raise ValueError(f"not a date-time: {v!r}")
    y, mo, d, h, mi, s, frac, tz = m.groups()
    micro = int((frac or "0")[:6].ljust(6, "0"))
    value = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), micro)
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        value -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def canon(ftype: str, v):
    """A comparable form of a value of ``ftype`` whatever its storage (local SQLite or server)."""
    if v is None:
        return None
    try:
        if ftype == "geom":
            return C.gpkg_to_wkb(v)
        if ftype == "boolean":
            if isinstance(v, str):
                return 1 if v.strip().lower() in ("1", "true", "t", "yes") else 0
            return 1 if v else 0
        if ftype == "integer":
            return int(v)
        if ftype == "real":
            return float(v)
        if ftype == "date":
            return str(v)[:10]
        if ftype == "datetime":
            return canon_datetime(v)
    except (TypeError, ValueError):
        return ("raw", str(v))
    return str(v)


_PLAIN = frozenset(("text", "uuid", "real", "integer"))  # one Python type has one form: == decides


def same(ftype: str, a, b) -> bool:
    if a is b:
        return True
    if type(a) is type(b):
        if a == b:
            return True
        if ftype in _PLAIN:
            return False
        if ftype == "datetime" and type(a) is str and _canonical_dt(a) and _canonical_dt(b):
            return False  # two different texts of the one canonical form are two different instants
    return canon(ftype, a) == canon(ftype, b)


def _canonical_dt(v: str) -> bool:
    """'YYYY-MM-DDTHH:MM:SS.mmmZ' (what the triggers, the platform and the sync write), checked cheaply."""
    return len(v) == 24 and v[10] == "T" and v[19] == "." and v[23] == "Z" and v[:4].isdigit() and v[20:23].isdigit()


_UUID_RE = re.compile(S.UUID_RE)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_wire(ftype: str, v, srid: int, geometry: Optional[str] = None):
    """JSON value sent to the server for a local value; ValueError (with the reason) when it cannot go."""
    if v is None:
        return None
    if ftype == "geom":
        wkb = C.gpkg_to_wkb(v)
        if geometry and geometry.startswith("Multi"):
            wkb = _force_multi(wkb, geometry)
        return C.wkb_to_ewkb_hex(wkb, srid)
    if ftype == "boolean":
        return bool(canon("boolean", v))
    if ftype == "integer":
        return int(v)
    if ftype == "real":
        x = float(v)
        if not math.isfinite(x):
            raise ValueError("not a finite number")
        return x
    if ftype == "date":
        s = str(v)[:10]
        if not _DATE_RE.match(s):
            raise ValueError(f"not a date: {v!r}")
        import datetime as dt

        dt.date.fromisoformat(s)  # ValueError for 2024-13-45
        return s
    if ftype == "datetime":
        return canon_datetime(v, strict=True)  # a value the server would refuse must not block the whole push
    s = str(v)
    if "\x00" in s:
        raise ValueError("text contains a NUL character")
    if ftype == "uuid" and not _UUID_RE.match(s):
        raise ValueError(f"not a uuid: {s!r}")
    return s


def _force_multi(wkb: bytes, geometry: str) -> bytes:
    order = "<" if wkb[0] == 1 else ">"
    import struct

    (gtype,) = struct.unpack(order + "I", wkb[1:5])
    if gtype % 1000 in (4, 5, 6):
        return wkb
    from osgeo import ogr

    g = ogr.CreateGeometryFromWkb(wkb)
    g = {
        "MultiPolygon": ogr.ForceToMultiPolygon,
        "MultiLineString": ogr.ForceToMultiLineString,
        "MultiPoint": ogr.ForceToMultiPoint,
    }[geometry](g)
    return bytes(g.ExportToWkb(ogr.wkbNDR))


def from_wire(ftype: str, v, srs_id: int):
    """Local SQLite value for a value sent in wire form (used to advance the base after a push)."""
    if v is None:
        return None
    if ftype == "geom":
        raw = bytes.fromhex(v)
        import struct

        order = "<" if raw[0] == 1 else ">"
        (gtype,) = struct.unpack(order + "I", raw[1:5])
        if gtype & 0x20000000:
            raw = raw[:1] + struct.pack(order + "I", gtype & ~0xE0000000) + raw[9:]
        return C.wkb_to_gpkg(raw, srs_id)
    if ftype == "boolean":
        return 1 if v else 0
    return v


def _json_value(ftype: str, v):
    """A JSON-safe rendering for the conflicts/rejected tables (geometry as hex WKB)."""
    if v is None:
        return None
    if ftype == "geom":
        wkb = C.gpkg_to_wkb(v)
        return wkb.hex() if wkb is not None else None
    if isinstance(v, bytes):
        return v.hex()
    return v


def _row_json(types: dict, row: Optional[dict]) -> Optional[str]:
    if row is None:
        return None
    return json.dumps({c: _json_value(types.get(c, "text"), v) for c, v in row.items()}, ensure_ascii=False)


# --------------------------------------------------------------------------------------------------------------
# Local rows
# --------------------------------------------------------------------------------------------------------------
class _Local:
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

    def record_conflict(self, table, uuid, kind, fields, base, local, server, server_rev, policy, status) -> bool:
        """Record a conflict (True) or refresh the open one of this feature with the newer server version."""
        types = self.types[table]
        open_row = self.con.execute(
            f"SELECT id, fields FROM {C.CONFLICTS} WHERE tbl = ? AND uuid = ? AND status = 'open'", (table, uuid)
        ).fetchone()
        if open_row is not None:  # refresh the open conflict with the newer server version; never drop it
            old_fields = json.loads(open_row[1] or "[]")
            merged = sorted(set(old_fields) | set(fields))
            self.con.execute(
                f"UPDATE {C.CONFLICTS} SET server = ?, server_rev = ?, fields = ? WHERE id = ?",
                (_row_json(types, server), server_rev, json.dumps(merged), open_row[0]),
            )
            return False
        self.con.execute(
            f"INSERT INTO {C.CONFLICTS} (tbl, uuid, kind, fields, base, local, server, server_rev, policy, status, "
            f"resolution, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            f"CASE WHEN ? = 'open' THEN NULL ELSE {C.NOW} END)",
            (
                table,
                uuid,
                kind,
                json.dumps(sorted(fields)),
                _row_json(types, base),
                _row_json(types, local),
                _row_json(types, server),
                server_rev,
                policy,
                status,
                None if status == "open" else policy,
                status,
            ),
        )
        return True


# --------------------------------------------------------------------------------------------------------------
# Pull
# --------------------------------------------------------------------------------------------------------------
def _select_expr(col: str, ftype: str):
    q = P.sql()
    ident = q.Identifier(col)
    if ftype == "geom":
        return q.SQL("ST_AsBinary({})").format(ident)
    if ftype == "uuid":
        return q.SQL("{}::text").format(ident)
    if ftype == "datetime":
        return q.SQL("""to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')""").format(ident)
    if ftype == "date":
        return q.SQL("to_char({}, 'YYYY-MM-DD')").format(ident)
    if ftype == "boolean":
        return q.SQL("{}::int").format(ident)
    return ident


_TOMBSTONE = object()


def pull_into(con: sqlite3.Connection, pg, policy: str, report: SyncReport, counties=None, hooks=None) -> None:
    """Apply the server changes after the last pulled revision to the GeoPackage, merging with local changes.

    One SQLite transaction (rows, base values, revisions, conflicts and the new last-pulled revision).
    """
    hooks = hooks or {}
    local = _Local(con)
    pg.autocommit = True
    bound = P.safe_revision(pg)
    report.server_rev = bound
    last = C.state(con)["last_pulled_rev"]
    if bound <= last:
        return
    pg.autocommit = False
    pg.set_session(isolation_level="REPEATABLE READ", readonly=True)
    q = P.sql()
    try:
        with C.transaction(con), C.applying(con):
            for tname, cols in local.cols.items():
                types = local.types[tname]
                srs = local.srs.get(tname, 0)
                where = [q.SQL("rev > %s AND rev <= %s")]
                params = [last, bound]
                if counties and tname != "admin_units":
                    where.append(q.SQL("county_code = ANY(%s)"))
                    params.append(list(counties))
                select = q.SQL("SELECT rev, {} FROM {} WHERE ").format(
                    q.SQL(", ").join(_select_expr(c, types[c]) for c in cols),
                    q.Identifier(P.PLATFORM_SCHEMA, tname),
                )
                stmt = select + q.SQL(" AND ").join(where) + q.SQL(" ORDER BY rev")
                _pull_rows(pg, local, tname, stmt, params, srs, policy, report, hooks)
                if counties and tname != "admin_units":
                    # features this file holds that were moved to a county outside its checkout stay in sync
                    ocur = pg.cursor()
                    ocur.execute(
                        q.SQL(
                            "SELECT uuid::text FROM {} WHERE rev > %s AND rev <= %s AND NOT (county_code = ANY(%s))"
                        ).format(q.Identifier(P.PLATFORM_SCHEMA, tname)),
                        (last, bound, list(counties)),
                    )
                    moved = [u for (u,) in ocur.fetchall()]
                    ocur.close()
                    held = []
                    for i in range(0, len(moved), 500):
                        chunk = moved[i : i + 500]
                        held += [
                            u
                            for (u,) in con.execute(
                                f"SELECT uuid FROM {C.q(tname)} WHERE uuid IN ({','.join('?' * len(chunk))})", chunk
                            )
                        ]
                    if held:
                        stmt = select + q.SQL("uuid = ANY(%s::uuid[]) AND rev <= %s ORDER BY rev")
                        _pull_rows(pg, local, tname, stmt, [held, bound], srs, policy, report, hooks)
            tcur = pg.cursor()
            where = [q.SQL("rev > %s AND rev <= %s AND tbl = ANY(%s)")]
            params = [last, bound, list(local.cols)]
            tcur.execute(
                q.SQL("SELECT tbl, uuid::text, rev FROM gw.tombstones WHERE {} ORDER BY rev").format(
                    q.SQL(" AND ").join(where)
                ),
                params,
            )
            by_table = {}
            for tbl, uuid, rev in tcur.fetchall():
                by_table.setdefault(tbl, []).append((rev, {"uuid": uuid, _TOMBSTONE: True}))
            for tbl, batch in by_table.items():
                _apply_batch(local, tbl, batch, policy, report)
            con.execute(f"UPDATE {C.STATE} SET last_pulled_rev = ? WHERE id = 1", (bound,))
            pg.commit()
    finally:
        if not pg.closed:
            pg.rollback()
            pg.set_session(isolation_level="READ COMMITTED", readonly=False)
            pg.autocommit = False


def _pull_rows(pg, local: _Local, tname: str, stmt, params, srs: int, policy: str, report, hooks) -> None:
    """Stream the rows selected by ``stmt`` (rev first, then the table's columns) into the GeoPackage. Rows travel
    as tuples in the order of ``local.cols[tname]`` (a dict is made only for a feature that needs a merge)."""
    cols = local.cols[tname]
    gi = cols.index("geom") if "geom" in cols else None
    cur = pg.cursor(name=f"gw_pull_{tname}")
    cur.itersize = PAGE
    cur.execute(stmt, params)
    while True:
        rows = cur.fetchmany(PAGE)
        if not rows:
            break
        batch = []
        for r in rows:
            vals = r[1:]
            if gi is not None and vals[gi] is not None:
                vals = (*vals[:gi], C.wkb_to_gpkg(bytes(vals[gi]), srs), *vals[gi + 1 :])
            batch.append((r[0], vals))
        _apply_batch(local, tname, batch, policy, report)
        if hooks.get("pull_page"):
            hooks["pull_page"]()
    cur.close()


def _apply_batch(local: _Local, table: str, batch: list, policy: str, report: SyncReport) -> None:
    con = local.con
    cols = local.cols[table]
    ui = cols.index("uuid")
    uuids = [row["uuid"] if type(row) is dict else row[ui] for _, row in batch]
    known = {}
    entries = {}
    for i in range(0, len(uuids), 500):
        chunk = uuids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        known.update(
            con.execute(f"SELECT uuid, rev FROM {C.REVS} WHERE tbl = ? AND uuid IN ({marks})", [table] + chunk)
        )
        entries.update(
            (u, (op, held))
            for u, op, held in con.execute(
                f"SELECT uuid, op, held FROM {C.CHANGELOG} WHERE tbl = ? AND uuid IN ({marks})", [table] + chunk
            )
        )
    fast_upsert, fast_delete, revs, merged = [], [], [], []
    for (rev, row), uuid in zip(batch, uuids):
        dead = type(row) is dict  # a tombstone
        if known.get(uuid) is not None and known[uuid] >= rev:
            continue  # our own push coming back, or already applied
        if dead and uuid not in known and uuid not in entries:
            continue  # deletion of a feature this file never had
        report.pulled += 1
        if uuid not in entries:
            if dead:
                fast_delete.append(uuid)
                revs.append((table, uuid, None))
            else:
                fast_upsert.append(row)
                revs.append((table, uuid, rev))
            continue
        _merge(local, table, rev, row if dead else dict(zip(cols, row)), entries[uuid], policy, report)
        merged.append((table, uuid))
    # a merge may change a feature whose change is in flight: mark it changed (see _prepare_outbox)
    con.executemany(
        f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE tbl = ? AND uuid = ? AND changed_at IS NULL", merged
    )
    if fast_upsert:
        _bulk_upsert(local, table, fast_upsert)
    if fast_delete:
        con.executemany(f"DELETE FROM {C.q(table)} WHERE uuid = ?", [(u,) for u in fast_delete])
    con.executemany(f"DELETE FROM {C.REVS} WHERE tbl = ? AND uuid = ?", [(t, u) for t, u, r in revs if r is None])
    con.executemany(
        f"INSERT INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?) ON CONFLICT (tbl, uuid) DO UPDATE SET rev = excluded.rev",
        [x for x in revs if x[2] is not None],
    )


def _bulk_upsert(local: _Local, table: str, rows: list) -> None:
    """Write pulled rows (tuples in ``local.cols`` order) without pending local changes: insert new ones; update
    only the columns whose value differs (no index or R-tree churn for unchanged columns, grouped into one
    statement per column set)."""
    con = local.con
    cols = local.cols[table]
    types = [local.types[table][c] for c in cols]
    ui = cols.index("uuid")
    positions = range(len(cols))
    have = {}
    uuids = [r[ui] for r in rows]
    sel = ", ".join(C.q(c) for c in cols)
    for i in range(0, len(uuids), 500):
        chunk = uuids[i : i + 500]
        for r in con.execute(f"SELECT {sel} FROM {C.q(table)} WHERE uuid IN ({','.join('?' * len(chunk))})", chunk):
            have[r[ui]] = r
    groups = {}
    ins = []
    for r, uuid in zip(rows, uuids):
        L = have.get(uuid)
        if L is None:
            ins.append(r)
            continue
        if r == L:
            continue  # the usual case: identical values as stored (one comparison in C)
        changed = tuple(
            i
            for i in compress(positions, map(ne, r, L))  # the differing positions, found in C
            if i != ui and not same(types[i], r[i], L[i])  # a different text form of the same value is no change
        )
        if changed:
            groups.setdefault(changed, []).append([r[i] for i in changed] + [uuid])
    for changed, params in groups.items():
        if len(params) > 1000 and sqlite3.sqlite_version_info >= (3, 33, 0):
            # many rows: stage them and run one UPDATE ... FROM (SQLite 3.33+), a statement instead of one a row
            names = [f"c{i}" for i in changed]
            con.execute("DROP TABLE IF EXISTS temp.gw_pull_stage")
            con.execute(f"CREATE TEMP TABLE gw_pull_stage ({', '.join(names)}, uuid TEXT PRIMARY KEY)")
            con.executemany(f"INSERT INTO temp.gw_pull_stage VALUES ({', '.join('?' * (len(names) + 1))})", params)
            sets = ", ".join(f"{C.q(cols[i])} = s.{n}" for i, n in zip(changed, names))
            con.execute(f"UPDATE {C.q(table)} SET {sets} FROM temp.gw_pull_stage s WHERE {C.q(table)}.uuid = s.uuid")
            con.execute("DROP TABLE temp.gw_pull_stage")
            continue
        sets = ", ".join(f"{C.q(cols[i])} = ?" for i in changed)
        con.executemany(f"UPDATE {C.q(table)} SET {sets} WHERE uuid = ?", params)
    if ins:
        con.executemany(
            f"INSERT INTO {C.q(table)} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})", ins
        )


def _merge(local: _Local, table: str, rev: int, server, entry, policy: str, report: SyncReport) -> None:
    """Three-way merge of one server change with a pending local change (entry = (op, held))."""
    op, held = entry
    if held:
        policy = "manual"  # an open conflict stays open until the user resolves it
    uuid = server["uuid"]
    deleted_there = _TOMBSTONE in server
    L = local.row(table, uuid)
    B = local.row(table, uuid, base=True)
    types = local.types[table]
    cols = local.cols[table]

    if op == "D":
        if deleted_there:  # deleted on both sides
            local.drop_entry(table, uuid)
            local.set_rev(table, uuid, None)
            return
        if B is not None and local.equal(table, B, server):
            local.set_base(table, server)
            local.set_rev(table, uuid, rev)
            return
        status = "open" if policy == "manual" else "resolved"
        report.conflicts += local.record_conflict(table, uuid, "delete_edit", [], B, None, server, rev, policy, status)
        if policy == "server":
            local.drop_entry(table, uuid)
            local.write(table, server)
        else:
            local.set_base(table, server)
            local.set_entry(table, uuid, "D", held=1 if policy == "manual" else 0)
        local.set_rev(table, uuid, rev)
        return

    if L is None:  # entry without a row cannot happen for I/U; treat the server version as the truth
        local.drop_entry(table, uuid)
        if not deleted_there:
            local.write(table, server)
            local.set_rev(table, uuid, rev)
        return

    if deleted_there:
        if op == "I":  # our insert of a uuid the server deleted: the insert will resurrect it
            local.set_rev(table, uuid, None)
            return
        status = "open" if policy == "manual" else "resolved"
        report.conflicts += local.record_conflict(table, uuid, "edit_delete", [], B, L, None, rev, policy, status)
        local.set_rev(table, uuid, None)
        if policy == "server":
            local.drop_entry(table, uuid)
            local.delete(table, uuid)
        else:
            local.set_entry(table, uuid, "I", held=1 if policy == "manual" else 0)
        return

    base = B if (op == "U" and B is not None) else {}
    merged = dict(server)
    local_wins = False
    clash = []
    server_changed_any = False
    local_changed_any = False
    for c in cols:
        if c in META_FIELDS or c == "uuid":
            continue
        t = types[c]
        l_changed = c not in base or not same(t, L.get(c), base.get(c))
        s_changed = c not in base or not same(t, server.get(c), base.get(c))
        server_changed_any = server_changed_any or s_changed
        if not l_changed or same(t, L.get(c), server.get(c)):
            continue
        if s_changed:
            clash.append(c)
            if policy == "server":
                continue
        else:
            local_changed_any = True
        merged[c] = L.get(c)
        local_wins = True
    if local_wins:
        for c in META_FIELDS:
            if c in L:
                merged[c] = L[c]
    if clash or held:
        status = "open" if policy == "manual" else "resolved"
        kind = "insert_insert" if op == "I" else "field"
        report.conflicts += local.record_conflict(table, uuid, kind, clash, B, L, server, rev, policy, status)
    elif local_changed_any and server_changed_any:
        report.merged += 1
    local.write(table, merged)
    local.set_base(table, server)
    local.set_rev(table, uuid, rev)
    if local.equal(table, merged, server):
        local.drop_entry(table, uuid)
    else:
        local.set_entry(table, uuid, "U", held=1 if (clash and policy == "manual") else None)


# --------------------------------------------------------------------------------------------------------------
# Push
# --------------------------------------------------------------------------------------------------------------
def _pending(tbl_op: str) -> str:
    return f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = '{tbl_op}'"


def _outbox_rows(local: _Local, tbl: str, srid: int, report: SyncReport) -> list:
    """(tbl, uuid, op, base_rev, data JSON) for the pending changes of one table; refused values go to
    gw_rejected, updates that changed nothing (or only updated_at/by) are dropped.

    Updates are diffed in SQLite: one query gives, per feature, a bit mask of the columns whose stored value differs
    from the base (``IS NOT``) and only those values of both sides; Python then judges just those (a different text
    form of the same value is no change) and converts them for the wire."""
    con = local.con
    cols = local.cols[tbl]
    types = local.types[tbl]
    geometry = S.table(tbl).geometry
    t, b = C.q(tbl), C.q(C.base_table(tbl))
    revs = dict(
        con.execute(
            f"SELECT uuid, rev FROM {C.REVS} WHERE tbl = ? AND uuid IN "
            f"(SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0)",
            (tbl, tbl),
        )
    )
    out = []

    def refuse(uuid: str, op: str, why: str) -> None:
        _reject(local, tbl, uuid, op, f"invalid value: {why}", None)
        report.rejected += 1

    # inserts: the whole row
    for uuid, L in local.rows_for(tbl, _pending("I"), (tbl,), tuples=True).items():
        try:
            data = {c: to_wire(types[c], v, srid, geometry) for c, v in zip(cols, L)}
            if not data.get("county_code"):
                raise ValueError("county_code is empty")
        except ValueError as exc:
            refuse(uuid, "I", str(exc))
            continue
        out.append((tbl, uuid, "I", revs.get(uuid), json.dumps(data, ensure_ascii=False)))
    # an insert whose row is gone (inserted and deleted, uuid cleared) has nothing to send
    gone = con.execute(
        f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = 'I' "
        f"AND uuid NOT IN (SELECT uuid FROM {t} WHERE uuid IS NOT NULL)",
        (tbl,),
    ).fetchall()
    for (uuid,) in gone:
        local.drop_entry(tbl, uuid)

    def add_update(uuid: str, pairs, county) -> None:
        """Queue an update from (column, local value, base value) pairs that may differ."""
        try:
            data = {c: to_wire(types[c], x, srid, geometry) for c, x, y in pairs if not same(types[c], x, y)}
            if not any(c not in META_FIELDS for c in data):
                local.drop_entry(tbl, uuid)  # nothing but updated_at/by (or a text form) changed
                return
            data["county_code"] = to_wire("text", county, srid)
            if not data["county_code"]:
                raise ValueError("county_code is empty")
        except ValueError as exc:
            refuse(uuid, "U", str(exc))
            return
        out.append((tbl, uuid, "U", revs.get(uuid), json.dumps(data, ensure_ascii=False)))

    # updates: diffed in SQLite
    data_cols = [c for c in cols if c != "uuid"]
    diff = [f"(l.{C.q(c)} IS NOT b.{C.q(c)})" for c in data_cols]
    # (SQLite gives << and | the same precedence, left to right: every shifted term in its own parentheses)
    masks = [" | ".join(f"({d} << {i})" for i, d in enumerate(diff[k : k + 60])) for k in range(0, len(diff), 60)]
    if len(masks) == 1:
        values = ", ".join(
            f"CASE WHEN l.{C.q(c)} IS NOT b.{C.q(c)} THEN l.{C.q(c)} END, "
            f"CASE WHEN l.{C.q(c)} IS NOT b.{C.q(c)} THEN b.{C.q(c)} END"
            for c in data_cols
        )
        sql = (
            f"SELECT l.uuid, l.{C.q('county_code')}, {masks[0]}, {values} FROM {t} l JOIN {b} b ON b.uuid = l.uuid "
            f"WHERE l.uuid IN ({_pending('U')})"
        )
        bits: dict = {}
        seen = set()
        for r in con.execute(sql, (tbl,)).fetchall():  # read first: refusing a change writes to these tables
            uuid, county, mask = r[0], r[1], r[2]
            seen.add(uuid)
            idx = bits.get(mask)
            if idx is None:
                idx = bits[mask] = [i for i in range(len(data_cols)) if mask >> i & 1]
            add_update(uuid, ((data_cols[i], r[3 + 2 * i], r[4 + 2 * i]) for i in idx), county)
        rest = [u for (u,) in con.execute(_pending("U"), (tbl,)) if u not in seen]
    else:  # more than 60 columns: diff in Python
        rest = [u for (u,) in con.execute(_pending("U"), (tbl,))]
    for uuid in rest:
        L, B = local.row(tbl, uuid), local.row(tbl, uuid, base=True)
        if L is None or B is None:
            refuse(uuid, "U", "change record without its row or base")
            continue
        add_update(uuid, ((c, L[c], B[c]) for c in data_cols), L["county_code"])
    # deletes: the county of the base (what the server checks the permission on)
    for (uuid,) in con.execute(_pending("D"), (tbl,)).fetchall():
        county = con.execute(f"SELECT county_code FROM {b} WHERE uuid = ?", (uuid,)).fetchone()
        data = {"county_code": county[0] if county else None}
        out.append((tbl, uuid, "D", revs.get(uuid), json.dumps(data, ensure_ascii=False)))
    return out


def _prepare_outbox(local: _Local, srid: int, report: SyncReport) -> Optional[int]:
    """Snapshot the pending changes into gw_outbox under a new push sequence (one SQLite transaction)."""
    con = local.con
    with C.transaction(con), C.applying(con):
        st = C.state(con)
        if st["inflight_seq"] is not None:
            return st["inflight_seq"]
        out = []
        tables = [t for (t,) in con.execute(f"SELECT DISTINCT tbl FROM {C.CHANGELOG} WHERE held = 0")]
        for tbl in sorted(tables):
            if tbl in local.cols:
                out.extend(_outbox_rows(local, tbl, srid, report))
        out.sort(key=lambda r: (r[0], r[1]))
        if not out:
            return None
        seq = st["push_seq"] + 1
        con.execute(f"DELETE FROM {C.OUTBOX}")
        con.executemany(
            f"INSERT INTO {C.OUTBOX} (ord, tbl, uuid, op, base_rev, data) VALUES (?, ?, ?, ?, ?, ?)",
            [(i + 1, *row) for i, row in enumerate(out)],
        )
        # entries in flight get changed_at NULL: every later change of the feature sets it again (the tracking
        # triggers, set_entry, a pull merging into it), so a NULL at the outcome proves the row is as pushed
        con.execute(
            f"UPDATE {C.CHANGELOG} SET changed_at = NULL WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM {C.OUTBOX})"
        )
        con.execute(f"UPDATE {C.STATE} SET inflight_seq = ? WHERE id = 1", (seq,))
        return seq


def _copy_text(v) -> str:
    if v is None:
        return "\\N"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _bypasses_rls(cur) -> bool:
    cur.execute(
        "SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, c.relowner, 'MEMBER') "
        "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'gw.meta'::regclass"
    )
    return bool(cur.fetchone()[0])


def _find_bad_rows(pg, outbox: list) -> dict:
    """ord -> reason for rows the server cannot store (types, geometry), probed one by one in savepoints."""
    q = P.sql()
    bad = {}
    pg.rollback()
    cur = pg.cursor()
    psycopg2 = P._psycopg2()
    try:
        for ord_, tbl, _uuid, _op, _base_rev, data in outbox:
            cur.execute("SAVEPOINT gw_probe")
            try:
                cur.execute(
                    q.SQL("SELECT (jsonb_populate_record(NULL::{}, %s::jsonb)).*").format(
                        q.Identifier(P.PLATFORM_SCHEMA, tbl)
                    ),
                    (data,),
                )
                cur.execute("RELEASE SAVEPOINT gw_probe")
            except (psycopg2.DataError, psycopg2.IntegrityError) as exc:
                cur.execute("ROLLBACK TO SAVEPOINT gw_probe")
                bad[ord_] = "refused by the platform: " + str(exc).strip().splitlines()[0]
    finally:
        pg.rollback()
    return bad


def _server_apply(pg, client_id: str, seq: int, outbox: list, hooks: dict, bad: Optional[dict] = None) -> list:
    """Apply one push in one server transaction; returns [(ord, status, new_rev)]. Exactly once per (client, seq)."""
    q = P.sql()
    pg.autocommit = False
    cur = pg.cursor()
    try:
        cur.execute(
            "SELECT set_config('gw.client_id', %s, true), set_config('gw.push_seq', %s, true)", (client_id, str(seq))
        )
        cur.execute(
            "INSERT INTO gw.sync_pushes (client_id, push_seq, rows) VALUES (%s, %s, %s) "
            "ON CONFLICT (client_id, push_seq) DO NOTHING RETURNING 1",
            (client_id, seq, len(outbox)),
        )
        if cur.fetchone() is None:  # this push was applied before (its reply was lost): return that outcome
            cur.execute("SELECT result FROM gw.sync_pushes WHERE client_id = %s AND push_seq = %s", (client_id, seq))
            row = cur.fetchone()
            pg.rollback()
            if row is None or row[0] is None:
                raise SyncError(f"push {seq} of client {client_id} is recorded but not readable by this user")
            return [tuple(x) for x in row[0]] + [("resent",)]
        cur.execute(
            "CREATE TEMP TABLE gw_push_in (ord integer PRIMARY KEY, tbl text, uuid uuid, op char(1), "
            "base_rev bigint, data jsonb, status text, reason text, new_rev bigint) ON COMMIT DROP"
        )
        buf = io.StringIO()
        for ord_, tbl, uuid, op, base_rev, data in outbox:
            buf.write("\t".join(_copy_text(x) for x in (ord_, tbl, uuid, op, base_rev, data)) + "\n")
        buf.seek(0)
        try:
            cur.copy_expert("COPY gw_push_in (ord, tbl, uuid, op, base_rev, data) FROM STDIN", buf)
        except SystemError as exc:  # psycopg2 reports a connection dropped during COPY this way
            raise SyncError("The platform connection was lost while sending changes; sync again.") from exc
        cur.execute("ANALYZE gw_push_in")
        for ord_, reason in (bad or {}).items():
            cur.execute("UPDATE gw_push_in SET status = 'rejected', reason = %s WHERE ord = %s", (reason, ord_))
        bypass = _bypasses_rls(cur)
        for tname in sorted({r[1] for r in outbox}):
            t = S.table(tname)
            ident = q.Identifier(P.PLATFORM_SCHEMA, tname)
            cols = P.data_columns(t)
            if not bypass:
                cur.execute(
                    "UPDATE gw_push_in SET status = 'rejected', reason = 'no write permission for county ' || "
                    "coalesce(data->>'county_code', '?') WHERE tbl = %s AND status IS NULL "
                    "AND NOT gw.can_write(data->>'county_code')",
                    (tname,),
                )
                cur.execute(
                    q.SQL(
                        "UPDATE gw_push_in p SET status = 'rejected', reason = 'no write permission for county ' "
                        "|| t.county_code FROM {} t WHERE p.tbl = %s AND p.status IS NULL AND p.op IN ('U', 'D') "
                        "AND t.uuid = p.uuid AND NOT gw.can_write(t.county_code)"
                    ).format(ident),
                    (tname,),
                )
            col_list = q.SQL(", ").join(q.Identifier(c) for c in cols)
            r_cols = q.SQL(", ").join(q.SQL("r.{}").format(q.Identifier(c)) for c in cols)
            cur.execute(
                q.SQL(
                    "WITH ins AS (INSERT INTO {t} ({cols}) SELECT {rcols} FROM gw_push_in p "
                    "CROSS JOIN LATERAL jsonb_populate_record(NULL::{t}, p.data) r "
                    "WHERE p.tbl = %s AND p.op = 'I' AND p.status IS NULL "
                    "ON CONFLICT (uuid) DO NOTHING RETURNING uuid, rev) "
                    "UPDATE gw_push_in p SET status = 'ok', new_rev = ins.rev FROM ins "
                    "WHERE p.tbl = %s AND p.op = 'I' AND p.uuid = ins.uuid"
                ).format(t=ident, cols=col_list, rcols=r_cols),
                (tname, tname),
            )
            sets = q.SQL(", ").join(
                q.SQL("{c} = CASE WHEN p.data ? {lit} THEN r.{c} ELSE t.{c} END").format(
                    c=q.Identifier(c), lit=q.Literal(c)
                )
                for c in cols
                if c != "uuid"
            )
            cur.execute(
                q.SQL(
                    "WITH upd AS (UPDATE {t} t SET {sets} FROM gw_push_in p "
                    "CROSS JOIN LATERAL jsonb_populate_record(NULL::{t}, p.data) r "
                    "WHERE p.tbl = %s AND p.op = 'U' AND p.status IS NULL AND t.uuid = p.uuid "
                    "AND t.rev = p.base_rev RETURNING t.uuid, t.rev) "
                    "UPDATE gw_push_in p SET status = 'ok', new_rev = upd.rev FROM upd "
                    "WHERE p.tbl = %s AND p.op = 'U' AND p.uuid = upd.uuid"
                ).format(t=ident, sets=sets),
                (tname, tname),
            )
            cur.execute(
                q.SQL(
                    "WITH del AS (DELETE FROM {t} t USING gw_push_in p WHERE p.tbl = %s AND p.op = 'D' "
                    "AND p.status IS NULL AND t.uuid = p.uuid AND t.rev = p.base_rev RETURNING t.uuid) "
                    "UPDATE gw_push_in p SET status = 'ok' FROM del WHERE p.tbl = %s AND p.op = 'D' "
                    "AND p.uuid = del.uuid"
                ).format(t=ident),
                (tname, tname),
            )
            # a delete of a row that is gone already (deleted by someone else) has reached its goal
            cur.execute(
                q.SQL(
                    "UPDATE gw_push_in p SET status = 'ok' WHERE p.tbl = %s AND p.op = 'D' AND p.status IS NULL "
                    "AND NOT EXISTS (SELECT 1 FROM {t} t WHERE t.uuid = p.uuid)"
                ).format(t=ident),
                (tname,),
            )
        cur.execute(
            "UPDATE gw_push_in p SET new_rev = ts.rev FROM gw.tombstones ts "
            "WHERE p.op = 'D' AND p.status = 'ok' AND ts.tbl = p.tbl AND ts.uuid = p.uuid"
        )
        cur.execute("UPDATE gw_push_in SET status = 'stale' WHERE status IS NULL")
        cur.execute("SELECT ord, status, new_rev, reason FROM gw_push_in ORDER BY ord")
        result = [list(r) for r in cur.fetchall()]
        cur.execute(
            "UPDATE gw.sync_pushes SET result = %s WHERE client_id = %s AND push_seq = %s",
            (json.dumps(result), client_id, seq),
        )
        if hooks.get("before_push_commit"):
            hooks["before_push_commit"]()
        pg.commit()
    except BaseException:
        if not pg.closed:
            pg.rollback()
        raise
    return [tuple(r) for r in result]


def _reject(local: _Local, tbl: str, uuid: str, op: str, reason: str, seq: Optional[int]) -> None:
    """Keep a refused change in gw_rejected and bring the feature back to its last synced state."""
    types = local.types[tbl]
    L = local.row(tbl, uuid)
    B = local.row(tbl, uuid, base=True)
    local.con.execute(
        f"INSERT INTO {C.REJECTED} (tbl, uuid, op, data, base, reason, push_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tbl, uuid, op, _row_json(types, L), _row_json(types, B), reason, seq),
    )
    if B is not None:
        local.write(tbl, B)
    elif L is not None and op == "I":
        local.delete(tbl, uuid)
    local.drop_entry(tbl, uuid)


def _record_outcome(local: _Local, seq: int, result: list, report: SyncReport) -> None:
    """Record a push's outcome in one SQLite transaction: advance bases and revisions, keep what changed
    meanwhile as pending, move refused changes to gw_rejected, clear the outbox."""
    con = local.con
    outbox = {r[0]: r for r in con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX}")}
    with C.transaction(con), C.applying(con):
        ok_by_table = {}
        for ord_, status, new_rev, reason in result:
            _, tbl, uuid, op, _base_rev, data = outbox[ord_]
            if status == "ok":
                report.pushed += 1
                ok_by_table.setdefault(tbl, []).append((uuid, op, data, new_rev))
            elif status == "rejected":
                report.rejected += 1
                _reject(local, tbl, uuid, op, reason or "rejected by the platform", seq)
            else:
                report.stale += 1
        for tbl, items in ok_by_table.items():
            _accepted_bulk(local, tbl, items)
        con.execute(f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE changed_at IS NULL")  # stale: pending
        con.execute(f"DELETE FROM {C.OUTBOX}")
        con.execute(f"UPDATE {C.STATE} SET push_seq = ?, inflight_seq = NULL WHERE id = 1", (seq,))


def _rows_by_uuid(local: _Local, tbl: str, uuids: list, base: bool = False) -> dict:
    """uuid -> row tuple (in ``local.cols`` order) of the given features of the push in flight."""
    if not uuids:
        return {}
    if len(uuids) > 500:
        return local.rows_for(tbl, f"SELECT uuid FROM {C.OUTBOX} WHERE tbl = ?", (tbl,), base=base, tuples=True)
    marks = ",".join("?" * len(uuids))
    return local.rows_for(
        tbl, f"SELECT uuid FROM {C.OUTBOX} WHERE tbl = ? AND uuid IN ({marks})", (tbl, *uuids), base=base, tuples=True
    )


def _accepted_bulk(local: _Local, tbl: str, items: list) -> None:
    """Advance the base to what the server now holds; keep as pending whatever changed locally meanwhile."""
    con = local.con
    # untouched since the push was prepared (changed_at still NULL, same op): the feature is exactly as pushed, so
    # its change is done — no need to read and compare the row
    untouched = dict(con.execute(f"SELECT uuid, op FROM {C.CHANGELOG} WHERE tbl = ? AND changed_at IS NULL", (tbl,)))
    drop, set_rev, del_rev, new_bases, new_entries = [], [], [], [], []
    slow = []
    for item in items:
        uuid, op, _data, new_rev = item
        if untouched.get(uuid) != op:
            slow.append(item)
        elif op == "D":
            drop.append(uuid)
            del_rev.append(uuid)
        else:
            drop.append(uuid)
            set_rev.append((tbl, uuid, new_rev))
    items = slow
    rows = _rows_by_uuid(local, tbl, [i[0] for i in slow])
    bases = _rows_by_uuid(local, tbl, [i[0] for i in slow], base=True)
    entries = dict(
        con.execute(
            f"SELECT uuid, op FROM {C.CHANGELOG} WHERE tbl = ? AND uuid IN (SELECT uuid FROM {C.OUTBOX} WHERE tbl = ?)",
            (tbl, tbl),
        )
    )
    types = local.types[tbl]
    srs = local.srs.get(tbl, 0)
    cols = local.cols[tbl]
    pos = {c: i for i, c in enumerate(cols)}
    ui = pos["uuid"]
    compared = [i for i, c in enumerate(cols) if c not in META_FIELDS]  # what local.equal compares
    empty = (None,) * len(cols)
    for uuid, op, data, new_rev in items:
        L = rows.get(uuid)
        if op == "D":
            del_rev.append(uuid)
            if L is None:
                drop.append(uuid)
            else:  # re-created locally after the delete was sent
                new_entries.append((uuid, "I"))
            continue
        set_rev.append((tbl, uuid, new_rev))
        new_base = list(empty if op == "I" else bases.get(uuid) or empty)
        for c, v in json.loads(data).items():
            i = pos.get(c)
            if i is not None:
                new_base[i] = from_wire(types[c], v, srs)
        new_base[ui] = uuid
        if L is None:  # deleted locally while the push was in flight: the delete is still to be sent
            new_bases.append(new_base)
            new_entries.append((uuid, "D"))
        elif uuid not in entries:
            continue
        elif all(L[i] == new_base[i] for i in compared) or local.equal(
            tbl, dict(zip(cols, L)), dict(zip(cols, new_base))
        ):
            drop.append(uuid)
        else:
            new_bases.append(new_base)
            new_entries.append((uuid, "U"))
    base_t = C.q(C.base_table(tbl))
    con.executemany(f"DELETE FROM {C.CHANGELOG} WHERE tbl = ? AND uuid = ?", [(tbl, u) for u in drop])
    con.executemany(f"DELETE FROM {base_t} WHERE uuid = ?", [(u,) for u in drop])
    con.executemany(f"DELETE FROM {C.REVS} WHERE tbl = ? AND uuid = ?", [(tbl, u) for u in del_rev])
    con.executemany(f"INSERT OR REPLACE INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?)", set_rev)
    if new_bases:
        con.executemany(
            f"INSERT OR REPLACE INTO {base_t} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            new_bases,
        )
    for uuid, op in new_entries:
        local.set_entry(tbl, uuid, op)


def push_pending(local: _Local, pg, srid: int, report: SyncReport, hooks=None) -> None:
    hooks = hooks or {}
    seq = _prepare_outbox(local, srid, report)
    if seq is None:
        return
    _send(local, pg, seq, report, hooks)


def _send(local: _Local, pg, seq: int, report: SyncReport, hooks: dict) -> None:
    con = local.con
    outbox = con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX} ORDER BY ord").fetchall()
    client_id = C.state(con)["client_id"]
    psycopg2 = P._psycopg2()
    try:
        result = _server_apply(pg, client_id, seq, outbox, hooks)
    except (psycopg2.DataError, psycopg2.IntegrityError):
        # one row the server cannot store must not block every other change: find it, refuse it, apply the rest
        bad = _find_bad_rows(pg, outbox)
        if not bad:
            raise
        result = _server_apply(pg, client_id, seq, outbox, hooks, bad)
    if result and result[-1] == ("resent",):
        result = result[:-1]
        report.resent = True
    if hooks.get("after_push_commit"):
        hooks["after_push_commit"]()
    report.push_seq = seq
    _record_outcome(local, seq, [tuple(r) + (None,) * (4 - len(r)) for r in result], report)


# --------------------------------------------------------------------------------------------------------------
# Attachments: files beside the GeoPackage, stored on the platform once per sha256, in resumable chunks
# --------------------------------------------------------------------------------------------------------------
CHUNK = 1 << 20


def attachment_path(gpkg_path: str, rel: Optional[str]) -> Optional[str]:
    """Absolute path of an attachment's file_path (relative to the GeoPackage's folder); None when it would
    leave that folder (a row from elsewhere must never write outside the project)."""
    if not rel:
        return None
    root = os.path.dirname(os.path.abspath(gpkg_path))
    full = os.path.normpath(os.path.join(root, rel.replace("\\", "/")))
    if os.path.isabs(rel) or not full.startswith(root + os.sep):
        return None
    return full


def file_sha256(con: sqlite3.Connection, path: str) -> tuple:
    """(sha256, size) of a file, cached in gw_sync_files by size and modification time."""
    st = os.stat(path)
    row = con.execute(f"SELECT sha256, size, mtime_ns FROM {C.FILES} WHERE path = ?", (path,)).fetchone()
    if row and row[1] == st.st_size and row[2] == st.st_mtime_ns:
        return row[0], st.st_size
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            h.update(block)
    digest = h.hexdigest()
    con.execute(
        f"INSERT OR REPLACE INTO {C.FILES} (path, sha256, size, mtime_ns) VALUES (?, ?, ?, ?)",
        (path, digest, st.st_size, st.st_mtime_ns),
    )
    return digest, st.st_size


def upload_blob(pg, path: str, sha: str, size: int, hooks=None) -> bool:
    """Store a file on the platform under its sha256 unless it is there (True if chunks were sent). Each chunk
    commits on its own, so an interrupted upload resumes where it stopped; the blob is marked complete only
    after the server recomputed the hash of the assembled chunks."""
    hooks = hooks or {}
    pg.autocommit = True
    cur = pg.cursor()
    try:
        cur.execute("SELECT complete FROM gw.blobs WHERE sha256 = %s", (sha,))
        row = cur.fetchone()
        if row and row[0]:
            return False
        cur.execute("INSERT INTO gw.blobs (sha256, size) VALUES (%s, %s) ON CONFLICT (sha256) DO NOTHING", (sha, size))
        cur.execute("SELECT idx FROM gw.blob_chunks WHERE sha256 = %s", (sha,))
        have = {r[0] for r in cur.fetchall()}
        n = max(1, -(-size // CHUNK))
        with open(path, "rb") as fh:
            for idx in range(n):
                if idx in have:
                    continue
                fh.seek(idx * CHUNK)
                data = fh.read(CHUNK)
                cur.execute(
                    "INSERT INTO gw.blob_chunks (sha256, idx, data) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                    (sha, idx, P._psycopg2().Binary(data)),
                )
                if hooks.get("blob_chunk"):
                    hooks["blob_chunk"](idx)
        cur.execute(
            "UPDATE gw.blobs b SET complete = true WHERE b.sha256 = %s AND encode(sha256(coalesce("
            "(SELECT string_agg(c.data, ''::bytea ORDER BY c.idx) FROM gw.blob_chunks c WHERE c.sha256 = b.sha256),"
            " ''::bytea)), 'hex') = b.sha256",
            (sha,),
        )
        if cur.rowcount != 1:
            cur.execute("DELETE FROM gw.blob_chunks WHERE sha256 = %s", (sha,))
            raise SyncError(f"the upload of {os.path.basename(path)} did not match its hash; it will be sent again")
        return True
    finally:
        pg.autocommit = False


def download_blob(pg, sha: str, dest: str) -> bool:
    """Write the platform's blob ``sha`` to ``dest`` (atomically, hash checked); False if not (yet) complete."""
    cur = pg.cursor()
    cur.execute("SELECT complete FROM gw.blobs WHERE sha256 = %s", (sha,))
    row = cur.fetchone()
    if not row or not row[0]:
        pg.rollback()
        return False
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    tmp = dest + ".gwpart"
    h = hashlib.sha256()
    cur.execute("SELECT data FROM gw.blob_chunks WHERE sha256 = %s ORDER BY idx", (sha,))
    with open(tmp, "wb") as fh:
        for (data,) in cur:
            b = bytes(data)
            h.update(b)
            fh.write(b)
    pg.rollback()
    if h.hexdigest() != sha:
        os.remove(tmp)
        raise SyncError(f"the platform's copy of {os.path.basename(dest)} does not match its hash")
    os.replace(tmp, dest)
    return True


def push_attachments(local: _Local, pg, gpkg_path: str, report: SyncReport, hooks=None) -> None:
    """Hash the files of pending attachment rows (writing sha256 into the row) and upload missing blobs."""
    con = local.con
    if "attachments" not in local.cols:
        return
    rows = con.execute(
        f"SELECT a.uuid, a.file_path, a.sha256 FROM attachments a JOIN {C.CHANGELOG} c "
        "ON c.tbl = 'attachments' AND c.uuid = a.uuid AND c.held = 0 AND c.op IN ('I', 'U')"
    ).fetchall()
    for uuid, rel, sha_row in rows:
        path = attachment_path(gpkg_path, rel)
        if path is None or not os.path.isfile(path):
            report.messages.append(f"attachment file missing, only its record is synced: {rel}")
            continue
        sha, size = file_sha256(con, path)
        if sha != sha_row:
            con.execute("UPDATE attachments SET sha256 = ? WHERE uuid = ?", (sha, uuid))
        if upload_blob(pg, path, sha, size, hooks):
            report.attachments_uploaded += 1


def pull_attachments(local: _Local, pg, gpkg_path: str, report: SyncReport) -> None:
    """Fetch the files of attachment rows whose file is missing or differs; a different local file that is not
    a pending change is kept under another name before the platform's version is written."""
    con = local.con
    if "attachments" not in local.cols:
        return
    pending = {u for (u,) in con.execute(f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = 'attachments' AND op <> 'D'")}
    for uuid, rel, sha in con.execute(
        "SELECT uuid, file_path, sha256 FROM attachments WHERE sha256 IS NOT NULL AND sha256 <> ''"
    ).fetchall():
        if uuid in pending:
            continue
        path = attachment_path(gpkg_path, rel)
        if path is None:
            report.messages.append(f"attachment path outside the project folder not written: {rel}")
            continue
        if os.path.isfile(path):
            if file_sha256(con, path)[0] == sha:
                continue
            stem, ext = os.path.splitext(path)
            keep = f"{stem}.local-{int(time.time())}{ext}"
            os.replace(path, keep)
            report.messages.append(f"a different local file was kept as {os.path.basename(keep)}")
        if download_blob(pg, sha, path):
            report.attachments_downloaded += 1
        else:
            report.messages.append(f"attachment not (yet) on the platform: {rel}")


# --------------------------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------------------------
def sync(
    gpkg_path: str,
    conninfo: str,
    direction: str = "both",
    conflict_policy: str = "server",
    log: Optional[Callable[[str], None]] = None,
    hooks: Optional[dict] = None,
    attachments: bool = True,
) -> SyncReport:
    """Pull, merge and push one project GeoPackage with the platform; returns what happened.

    ``direction``: both | push | pull; ``conflict_policy``: server | local | manual (manual leaves the conflict
    open, the feature's change held back, until ``resolve_conflict``). An older GeoPackage is upgraded first
    (with a backup); a platform of another schema version is refused with what to do. Raises SyncError when
    the sync could not finish; everything done until then is consistent and the next sync resumes.
    ``hooks`` (tests and the soak script): callables run at 'pull_page', 'before_push_commit',
    'after_push_commit' and 'blob_chunk' (chunk index).
    """
    from ..data import gpkg

    if direction not in DIRECTIONS:
        raise SyncError(f"direction must be one of {DIRECTIONS}")
    if conflict_policy not in POLICIES:
        raise SyncError(f"conflict policy must be one of {POLICIES}")
    hooks = hooks or {}
    report = SyncReport()
    recover_journal(gpkg_path)
    try:
        info = gpkg.open_database(gpkg_path, upgrade=True)
    except gpkg.SchemaError as exc:
        raise SyncError(str(exc)) from exc
    if info.upgraded_from is not None:
        report.messages.append(f"upgraded the GeoPackage from schema {info.upgraded_from} (backup {info.backup_path})")
    try:
        return _sync(gpkg_path, conninfo, direction, conflict_policy, log, hooks, report, attachments)
    except P._psycopg2().Error as exc:
        raise SyncError(
            f"The platform connection failed during sync ({str(exc).strip()}). Nothing was lost: every change is "
            "still in the GeoPackage or already on the platform; sync again."
        ) from exc


def _sync(gpkg_path, conninfo, direction, conflict_policy, log, hooks, report, attachments) -> SyncReport:
    from ..data import gpkg

    try:
        info = gpkg.open_database(gpkg_path, upgrade=False)
    except gpkg.SchemaError as exc:
        raise SyncError(str(exc)) from exc
    try:
        pg = P.connect(conninfo)
    except P.PlatformError as exc:
        raise SyncError(str(exc)) from exc
    con = C.open_db(gpkg_path)
    con.execute("PRAGMA cache_size = -65536")  # 64 MiB: large pulls touch many index pages
    try:
        try:
            pinfo = P.platform_info(pg)
        except P.PlatformError as exc:
            raise SyncError(str(exc)) from exc
        pg.rollback()
        if pinfo.crs.upper() != info.crs.upper():
            raise SyncError(f"The GeoPackage is in {info.crs} but the platform in {pinfo.crs}; check out a new copy.")
        C.install_change_tracking(gpkg_path, con=con)
        local = _Local(con)
        st = C.state(con)
        counties = json.loads(st["counties"]) if st.get("counties") else None
        if st["inflight_seq"] is not None and direction != "pull":
            report.messages.append(f"resending push {st['inflight_seq']} whose outcome was not recorded")
            _send(local, pg, st["inflight_seq"], report, hooks)
        for _round in range(3):
            stale_before = report.stale
            if direction in ("both", "pull"):
                pull_into(con, pg, conflict_policy, report, counties, hooks)
                if attachments:
                    pull_attachments(local, pg, gpkg_path, report)
            if direction in ("both", "push"):
                if attachments:
                    push_attachments(local, pg, gpkg_path, report, hooks)
                push_pending(local, pg, pinfo.srid, report, hooks)
            if report.stale == stale_before or direction != "both":
                break
        counts = C.pending_counts(gpkg_path)
        report.pending = counts["I"] + counts["U"] + counts["D"]
        report.open_conflicts = counts["conflicts"]
        with C.transaction(con):
            con.execute(
                f"UPDATE {C.STATE} SET last_sync_at = {C.NOW}, last_report = ? WHERE id = 1",
                (json.dumps(report.as_dict(), ensure_ascii=False),),
            )
    finally:
        con.close()
        pg.close()
    if log:
        log(report.summary())
    return report


def recover_journal(gpkg_path: str) -> None:
    """Roll back a transaction left by a killed process (a hot journal) before anything opens the file
    read-only: a read-only connection cannot roll it back and would fail with "readonly database"."""
    if not os.path.exists(gpkg_path + "-journal"):
        return
    con = C.open_db(gpkg_path)
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        con.close()


def open_conflicts(gpkg_path: str) -> list:
    """Open conflicts as dicts (id, tbl, uuid, kind, fields, base, local, server)."""
    con = C.open_db(gpkg_path)
    try:
        cur = con.execute(
            f"SELECT id, tbl, uuid, kind, fields, base, local, server, server_rev, created_at FROM {C.CONFLICTS} "
            "WHERE status = 'open' ORDER BY id"
        )
        names = [d[0] for d in cur.description]
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            for k in ("fields", "base", "local", "server"):
                d[k] = json.loads(d[k]) if d[k] else None
            out.append(d)
        return out
    finally:
        con.close()


def resolve_conflict(gpkg_path: str, conflict_id: int, choice: str, values: Optional[dict] = None) -> None:
    """Resolve an open conflict: 'mine' keeps the local version, 'theirs' takes the server's, 'edit' writes
    ``values`` (field -> value) over the local version. The outcome is pushed by the next sync."""
    if choice not in ("mine", "theirs", "edit"):
        raise SyncError("choice must be 'mine', 'theirs' or 'edit'")
    con = C.open_db(gpkg_path)
    try:
        local = _Local(con)
        with C.transaction(con), C.applying(con):
            row = con.execute(
                f"SELECT tbl, uuid, kind, fields, server FROM {C.CONFLICTS} WHERE id = ? AND status = 'open'",
                (conflict_id,),
            ).fetchone()
            if row is None:
                raise SyncError(f"conflict {conflict_id} is not open")
            tbl, uuid, kind, fields, server_json = row
            types = local.types[tbl]
            srs = local.srs.get(tbl, 0)
            server = json.loads(server_json) if server_json else None
            if server is not None and "geom" in server and server["geom"] is not None:
                server["geom"] = C.wkb_to_gpkg(bytes.fromhex(server["geom"]), srs)
            entry = local.entry(tbl, uuid)
            L = local.row(tbl, uuid)
            if choice == "theirs":
                if server is None:  # the server deleted it
                    local.delete(tbl, uuid)
                    local.drop_entry(tbl, uuid)
                elif kind in ("delete_edit",) or L is None:
                    local.write(tbl, server)
                    local.drop_entry(tbl, uuid)
                else:
                    merged = dict(L)
                    for c in json.loads(fields or "[]"):
                        merged[c] = server.get(c)
                    local.write(tbl, merged)
                    B = local.row(tbl, uuid, base=True)
                    if B is not None and local.equal(tbl, merged, B):
                        local.drop_entry(tbl, uuid)
                    elif entry is not None:
                        local.set_entry(tbl, uuid, entry[0], held=0)
            else:
                if choice == "edit" and values:
                    if L is None:
                        raise SyncError("the feature was deleted locally; choose 'mine' or 'theirs'")
                    L.update({k: v for k, v in values.items() if k in types})
                    local.write(tbl, L)
                if entry is not None:
                    local.set_entry(tbl, uuid, entry[0], held=0)
            con.execute(
                f"UPDATE {C.CONFLICTS} SET status = 'resolved', resolution = ?, resolved_at = {C.NOW} WHERE id = ?",
                (choice, conflict_id),
            )
    finally:
        con.close()
