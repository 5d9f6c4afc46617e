"""Push, applied exactly once: the pending changes snapshotted into ``gw_outbox`` under a push sequence, the platform
SQL that applies them in one server transaction (idempotency key = role + client id + push sequence, stored with
the sha256 of the payload; permissions checked per county; rows locked in a fixed order; rows the server cannot
store refused alone), and the outcome recorded locally (bases and revisions advanced, never backwards; refused
changes kept in ``gw_rejected``; a stale change brought up to the server's current row at once).

A key sent again with another payload is refused by the platform (``PushKeyReusedError``): the file is a copy of
another checkout that pushed under the same identity; it takes a new identity and sends the payload again
(core/sync/identity.py). No QGIS import.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from typing import Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import identity
from . import server_schema as P
from .local import LocalTables
from .report import SyncError, SyncReport
from .wire import META_FIELDS, from_wire, row_json, same, to_wire

_ATTACHMENT_PATH = re.compile(P.ATTACHMENT_PATH_RE)


class PushKeyReusedError(SyncError):
    """The platform holds this push key with another payload: another file pushed under the same identity."""


def check_attachment_row(row: dict) -> None:
    """ValueError unless an attachments row names its file ``attachments/<sha256>.<ext>`` by its own sha256 (the
    platform refuses any other path, and no client writes a file elsewhere)."""
    path, sha = row.get("file_path"), row.get("sha256")
    if path is None:
        return
    if not isinstance(path, str) or not _ATTACHMENT_PATH.match(path):
        raise ValueError(f"attachment file_path {path!r} is not attachments/<sha256>.<ext>")
    if sha != path[12:76]:
        raise ValueError(f"attachment file_path {path!r} does not name the file's sha256 {sha!r}")


def _pending(tbl_op: str) -> str:
    return f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ? AND held = 0 AND op = '{tbl_op}'"


def _outbox_rows(local: LocalTables, tbl: str, srid: int, report: SyncReport) -> list:
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

    if tbl == "attachments":  # a file path of another form never leaves the file (the platform refuses it too)
        for uuid, op, path, sha in con.execute(
            f"SELECT a.uuid, c.op, a.file_path, a.sha256 FROM attachments a JOIN {C.CHANGELOG} c "
            "ON c.tbl = 'attachments' AND c.uuid = a.uuid AND c.held = 0 AND c.op IN ('I', 'U')"
        ).fetchall():
            try:
                check_attachment_row({"file_path": path, "sha256": sha})
            except ValueError as exc:
                refuse(uuid, op, str(exc))
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


def prepare_outbox(local: LocalTables, srid: int, report: SyncReport, hold=()) -> Optional[int]:
    """Snapshot the pending changes into gw_outbox under a new push sequence (one SQLite transaction); the
    (table, uuid) pairs in ``hold`` stay pending for a later push (an attachment whose file did not upload)."""
    con = local.con
    with SG.transaction(con), C.applying(con):
        st = C.state(con)
        if st["inflight_seq"] is not None:
            return st["inflight_seq"]
        con.executemany(f"UPDATE {C.CHANGELOG} SET held = 2 WHERE tbl = ? AND uuid = ? AND held = 0", list(hold))
        try:
            return _snapshot(local, con, st, srid, report)
        finally:
            con.execute(f"UPDATE {C.CHANGELOG} SET held = 0 WHERE held = 2")


def _snapshot(local: LocalTables, con, st: dict, srid: int, report: SyncReport) -> Optional[int]:
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
    con.execute(f"UPDATE {C.CHANGELOG} SET changed_at = NULL WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM {C.OUTBOX})")
    con.execute(f"UPDATE {C.STATE} SET inflight_seq = ? WHERE id = 1", (seq,))
    return seq


def _copy_text(v) -> str:
    if v is None:
        return "\\N"
    return str(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _bypasses_rls(cur) -> bool:
    cur.execute("SELECT r.rolsuper OR r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user")
    return bool(cur.fetchone()[0])


def _find_bad_rows(pg, outbox: list) -> dict:
    """ord -> reason for rows the server cannot store (types, geometry), probed one by one in savepoints."""
    q = P.sql()
    bad = {}
    pg.rollback()
    cur = pg.cursor()
    psycopg2 = P.psycopg2_module()
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


def payload_of(outbox: list) -> tuple:
    """(COPY text, sha256 hex) of an outbox: the exact bytes sent, and the digest the push key is bound to."""
    text = "".join("\t".join(_copy_text(x) for x in row) + "\n" for row in outbox)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def _server_apply(
    pg, client_id: str, seq: int, outbox: list, hooks: dict, bad: Optional[dict] = None, payload=None
) -> list:
    """Apply one push in one server transaction; returns [(ord, status, new_rev)]. Exactly once per (role,
    client, seq); PushKeyReusedError when that key was used with another payload."""
    q = P.sql()
    text, digest = payload or payload_of(outbox)
    pg.autocommit = False
    cur = pg.cursor()
    try:
        cur.execute(
            "SELECT set_config('gw.client_id', %s, true), set_config('gw.push_seq', %s, true)", (client_id, str(seq))
        )
        try:
            cur.execute(
                "INSERT INTO gw.sync_pushes (client_id, push_seq, payload_sha256, rows) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (who, client_id, push_seq) DO NOTHING RETURNING 1",
                (client_id, seq, digest, len(outbox)),
            )
        except P.psycopg2_module().errors.InsufficientPrivilege as exc:
            raise SyncError(
                "This platform user may only read: the local changes were not sent and stay pending in the file."
            ) from exc
        if cur.fetchone() is None:  # this key was used before
            cur.execute(
                "SELECT result, payload_sha256 FROM gw.sync_pushes WHERE who = session_user AND client_id = %s "
                "AND push_seq = %s",
                (client_id, seq),
            )
            row = cur.fetchone()
            pg.rollback()
            if row is None or row[0] is None:
                raise SyncError(f"push {seq} of client {client_id} is recorded but not readable by this user")
            if row[1] is not None and row[1] != digest:  # another file's push under this identity
                raise PushKeyReusedError(f"push {seq} of client {client_id} was made by another copy of this file")
            return [tuple(x) for x in row[0]] + [("resent",)]  # the same push, its reply lost: the same outcome
        cur.execute(
            "CREATE TEMP TABLE gw_push_in (ord integer PRIMARY KEY, tbl text, uuid uuid, op char(1), "
            "base_rev bigint, data jsonb, status text, reason text, new_rev bigint) ON COMMIT DROP"
        )
        buf = io.StringIO(text)
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
            # lock the rows to change in one fixed order (table name, then uuid): two pushes touching the same
            # features wait for each other instead of deadlocking
            cur.execute(
                q.SQL(
                    "SELECT t.uuid FROM {t} t JOIN gw_push_in p ON p.uuid = t.uuid WHERE p.tbl = %s "
                    "AND p.op IN ('U', 'D') AND p.status IS NULL ORDER BY t.uuid FOR UPDATE OF t"
                ).format(t=ident),
                (tname,),
            )
            cur.execute(
                q.SQL(
                    "WITH ins AS (INSERT INTO {t} ({cols}) SELECT {rcols} FROM gw_push_in p "
                    "CROSS JOIN LATERAL jsonb_populate_record(NULL::{t}, p.data) r "
                    "WHERE p.tbl = %s AND p.op = 'I' AND p.status IS NULL ORDER BY p.uuid "
                    "ON CONFLICT (uuid) DO NOTHING RETURNING uuid, rev) "
                    "UPDATE gw_push_in p SET status = 'ok', new_rev = ins.rev FROM ins "
                    "WHERE p.tbl = %s AND p.op = 'I' AND p.uuid = ins.uuid"
                ).format(t=ident, cols=col_list, rcols=r_cols),
                (tname, tname),
            )
            _move_counties(cur, tname, ident, cols)
            sets = q.SQL(", ").join(  # never the distribution column (county moves are done above)
                q.SQL("{c} = CASE WHEN p.data ? {lit} THEN r.{c} ELSE t.{c} END").format(
                    c=q.Identifier(c), lit=q.Literal(c)
                )
                for c in cols
                if c not in ("uuid", "county_code")
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


def _move_counties(cur, tname: str, ident, cols: list) -> None:
    """Changes that move a feature to another county, applied as a delete in the old county and an insert of the
    merged row in the new one: the county is the distribution column on Citus, which never updates it
    (docs/scaling.md); the old county's tombstone is older than the new row, so no client loses the feature."""
    q = P.sql()
    merged = q.SQL(", ").join(
        q.SQL("CASE WHEN p.data ? {lit} THEN r.{c} ELSE t.{c} END AS {c}").format(c=q.Identifier(c), lit=q.Literal(c))
        for c in cols
    )
    cur.execute(
        q.SQL(
            "CREATE TEMP TABLE gw_push_move ON COMMIT DROP AS SELECT p.ord, {merged} FROM gw_push_in p "
            "JOIN {t} t ON t.uuid = p.uuid CROSS JOIN LATERAL jsonb_populate_record(NULL::{t}, p.data) r "
            "WHERE p.tbl = %s AND p.op = 'U' AND p.status IS NULL AND t.rev = p.base_rev "
            "AND p.data ? 'county_code' AND r.county_code IS DISTINCT FROM t.county_code"
        ).format(merged=merged, t=ident),
        (tname,),
    )
    if cur.rowcount:
        col_list = q.SQL(", ").join(q.Identifier(c) for c in cols)
        cur.execute(q.SQL("DELETE FROM {t} t USING gw_push_move m WHERE t.uuid = m.uuid").format(t=ident))
        cur.execute(
            q.SQL(
                "WITH ins AS (INSERT INTO {t} ({cols}) SELECT {cols} FROM gw_push_move ORDER BY uuid "
                "RETURNING uuid, rev) UPDATE gw_push_in p SET status = 'ok', new_rev = ins.rev FROM ins "
                "WHERE p.tbl = %s AND p.op = 'U' AND p.uuid = ins.uuid"
            ).format(t=ident, cols=col_list),
            (tname,),
        )
    cur.execute("DROP TABLE gw_push_move")


def _reject(local: LocalTables, tbl: str, uuid: str, op: str, reason: str, seq: Optional[int]) -> None:
    """Keep a refused change in gw_rejected and bring the feature back to its last synced state."""
    types = local.types[tbl]
    L = local.row(tbl, uuid)
    B = local.row(tbl, uuid, base=True)
    local.con.execute(
        f"INSERT INTO {C.REJECTED} (tbl, uuid, op, data, base, reason, push_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (tbl, uuid, op, row_json(types, L), row_json(types, B), reason, seq),
    )
    if B is not None:
        local.write(tbl, B)
    elif L is not None and op == "I":
        local.delete(tbl, uuid)
    local.drop_entry(tbl, uuid)


def _record_outcome(local: LocalTables, seq: int, result: list, report: SyncReport, hooks=None) -> dict:
    """Record a push's outcome in one SQLite transaction: advance bases and revisions, keep what changed
    meanwhile as pending, move refused changes to gw_rejected, clear the outbox. Returns {table: [uuid]} of the
    stale changes (the server's row moved on since the base: to be brought up to date and merged)."""
    con = local.con
    outbox = {r[0]: r for r in con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX}")}
    stale = {}
    with SG.transaction(con), C.applying(con):
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
                stale.setdefault(tbl, []).append(uuid)
        for tbl, items in ok_by_table.items():
            _accepted_bulk(local, tbl, items)
        con.execute(f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE changed_at IS NULL")  # stale: pending
        con.execute(f"DELETE FROM {C.OUTBOX}")
        con.execute(f"UPDATE {C.STATE} SET push_seq = ?, inflight_seq = NULL WHERE id = 1", (seq,))
        if hooks and hooks.get("during_outcome"):
            hooks["during_outcome"]()
    return stale


def _rows_by_uuid(local: LocalTables, tbl: str, uuids: list, base: bool = False) -> dict:
    """uuid -> row tuple (in ``local.cols`` order) of the given features of the push in flight."""
    if not uuids:
        return {}
    if len(uuids) > 500:
        return local.rows_for(tbl, f"SELECT uuid FROM {C.OUTBOX} WHERE tbl = ?", (tbl,), base=base, tuples=True)
    marks = ",".join("?" * len(uuids))
    return local.rows_for(
        tbl, f"SELECT uuid FROM {C.OUTBOX} WHERE tbl = ? AND uuid IN ({marks})", (tbl, *uuids), base=base, tuples=True
    )


def _accepted_bulk(local: LocalTables, tbl: str, items: list) -> None:
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
    # a revision never goes backwards: a resent push's stored result is older than what a pull may have brought
    con.executemany(
        f"INSERT INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?) "
        "ON CONFLICT (tbl, uuid) DO UPDATE SET rev = max(rev, excluded.rev)",
        set_rev,
    )
    if new_bases:
        con.executemany(
            f"INSERT OR REPLACE INTO {base_t} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            new_bases,
        )
    for uuid, op in new_entries:
        local.set_entry(tbl, uuid, op)


def push_pending(local: LocalTables, pg, srid: int, report: SyncReport, hooks=None, hold=(), path=None) -> dict:
    """Push the pending changes (but those in ``hold``); returns the stale ones, {table: [uuid]}."""
    hooks = hooks or {}
    seq = prepare_outbox(local, srid, report, hold)
    if seq is None:
        return {}
    if hooks.get("after_prepare"):
        hooks["after_prepare"]()
    return send_outbox(local, pg, seq, report, hooks, path)


def send_outbox(local: LocalTables, pg, seq: int, report: SyncReport, hooks: dict, path=None) -> dict:
    """Send the push in flight (``gw_outbox``) and record its outcome; returns the stale changes by table.

    When the platform refuses the key because another copy of the file used it with another payload, the file
    takes a new identity (the outbox becomes push 1 of it) and the payload is sent again."""
    con = local.con
    outbox = con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX} ORDER BY ord").fetchall()
    payload = payload_of(outbox)
    psycopg2 = P.psycopg2_module()
    for attempt in (1, 2):
        client_id = C.state(con)["client_id"]
        try:
            try:
                result = _server_apply(pg, client_id, seq, outbox, hooks, payload=payload)
            except (psycopg2.DataError, psycopg2.IntegrityError):
                # one row the server cannot store must not block every other change: find it, refuse it, apply
                # the rest
                bad = _find_bad_rows(pg, outbox)
                if not bad:
                    raise
                result = _server_apply(pg, client_id, seq, outbox, hooks, bad, payload=payload)
            break
        except PushKeyReusedError:
            if attempt == 2:
                raise
            identity.new_identity(con, path)
            seq = C.state(con)["inflight_seq"]
            report.new_identity = True
            report.messages.append(
                "another copy of this file pushed under the same identity: this file now pushes under a new one"
            )
    if result and result[-1] == ("resent",):
        result = result[:-1]
        report.resent = True
    if hooks.get("after_push_commit"):
        hooks["after_push_commit"]()
    report.push_seq = seq
    return _record_outcome(local, seq, [tuple(r) + (None,) * (4 - len(r)) for r in result], report, hooks)
