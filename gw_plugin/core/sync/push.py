"""Push, applied exactly once: the pending changes snapshotted into ``gw_outbox`` under a push sequence, the platform
SQL that applies them in one server transaction (idempotency key = client id + push sequence, permissions checked
per county, rows the server cannot store refused alone), and the outcome recorded locally (bases and revisions
advanced, refused changes kept in ``gw_rejected``). No QGIS import.
"""

from __future__ import annotations

import io
import json
from typing import Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .local import LocalTables
from .report import SyncError, SyncReport
from .wire import META_FIELDS, from_wire, row_json, same, to_wire


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


def prepare_outbox(local: LocalTables, srid: int, report: SyncReport) -> Optional[int]:
    """Snapshot the pending changes into gw_outbox under a new push sequence (one SQLite transaction)."""
    con = local.con
    with SG.transaction(con), C.applying(con):
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


def _record_outcome(local: LocalTables, seq: int, result: list, report: SyncReport) -> None:
    """Record a push's outcome in one SQLite transaction: advance bases and revisions, keep what changed
    meanwhile as pending, move refused changes to gw_rejected, clear the outbox."""
    con = local.con
    outbox = {r[0]: r for r in con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX}")}
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
        for tbl, items in ok_by_table.items():
            _accepted_bulk(local, tbl, items)
        con.execute(f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE changed_at IS NULL")  # stale: pending
        con.execute(f"DELETE FROM {C.OUTBOX}")
        con.execute(f"UPDATE {C.STATE} SET push_seq = ?, inflight_seq = NULL WHERE id = 1", (seq,))


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
    con.executemany(f"INSERT OR REPLACE INTO {C.REVS} (tbl, uuid, rev) VALUES (?, ?, ?)", set_rev)
    if new_bases:
        con.executemany(
            f"INSERT OR REPLACE INTO {base_t} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            new_bases,
        )
    for uuid, op in new_entries:
        local.set_entry(tbl, uuid, op)


def push_pending(local: LocalTables, pg, srid: int, report: SyncReport, hooks=None) -> None:
    hooks = hooks or {}
    seq = prepare_outbox(local, srid, report)
    if seq is None:
        return
    send_outbox(local, pg, seq, report, hooks)


def send_outbox(local: LocalTables, pg, seq: int, report: SyncReport, hooks: dict) -> None:
    con = local.con
    outbox = con.execute(f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX} ORDER BY ord").fetchall()
    client_id = C.state(con)["client_id"]
    psycopg2 = P.psycopg2_module()
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
