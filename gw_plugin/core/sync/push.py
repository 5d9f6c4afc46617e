"""Push, applied exactly once: the outbox (outbox.py) sent by a typed COPY into the platform's staging tables and
applied by its push function in one server transaction (server_push_sql.py: idempotency key = role + client id +
push sequence, stored with the sha256 of the payload; permissions checked per county by row-level security on the
session user's grants; rows locked in a fixed order; rows the server cannot store refused alone), and the outcome
recorded locally set-wise (bases and revisions advanced, never backwards; refused changes kept in ``gw_rejected``;
a stale change brought up to the server's current row at once).

A key sent again with another payload is refused by the platform (``PushKeyReusedError``): the file is a copy of
another checkout that pushed under the same identity; it takes a new identity and sends the payload again
(core/sync/identity.py). No QGIS import.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from itertools import groupby
from operator import itemgetter
from typing import Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import identity
from . import server_schema as P
from .local import LocalTables
from .outbox import (  # noqa: F401 (check_attachment_row, payload_of, prepare_outbox: this module's surface too)
    check_attachment_row,
    payload_of,
    prepare_outbox,
    reject_change,
    sent_base,
    staged_line,
)
from .report import SyncError, SyncReport
from .server_push_sql import STAGE_HEAD, stage_name
from .server_push_sql import columns as server_columns
from .wire import META_FIELDS


class PushKeyReusedError(SyncError):
    """The platform holds this push key with another payload: another file pushed under the same identity."""


def _staged_text(rows) -> dict:
    """{table: COPY text} of outbox rows for the staging tables (``STAGE_HEAD``, then mask and fields), converting
    the JSON of an older plugin's outbox."""
    bufs = {}
    null = "\\N"
    for ord_, tbl, uuid, op, base_rev, data in rows:
        rev = null if base_rev is None else base_rev
        bufs.setdefault(tbl, []).append(f"{ord_}\t{tbl}\t{uuid}\t{op}\t{rev}\t{staged_line(tbl, uuid, data)}\n")
    return {t: "".join(v) for t, v in bufs.items()}


#: SQLite text of one outbox row as ``payload_of`` hashes it: also its line in its staging table's COPY
_LINE = (
    "ord || char(9) || tbl || char(9) || uuid || char(9) || op || char(9) || coalesce(base_rev, '\\N') || char(9) "
    "|| data || char(10)"
)


class SentOutbox:
    """The push in flight as the platform receives it: its size, tables, payload digest and the COPY text of its
    staging tables, which is the hashed text itself. Read from ``gw_outbox`` in one pass with the text made inside
    SQLite (no Python object a change); the rows themselves are read only when one must be probed. A list of
    outbox rows (ord, tbl, uuid, op, base_rev, data) is taken too; an outbox written by an older plugin (JSON
    data) goes through ``payload_of`` and ``staged_line``."""

    def __init__(self, con=None, rows: Optional[list] = None):
        self.con = con
        self._rows = rows
        self._lines = None
        if (
            rows is None
            and con.execute(f"SELECT 1 FROM {C.OUTBOX} WHERE data IS NULL OR data LIKE '{{%' LIMIT 1").fetchone()
        ):
            self._rows = self.rows()
        if self._rows is not None:
            self.n = len(self._rows)
            self.tables = sorted({r[1] for r in self._rows})
            self.digest = payload_of(self._rows)[1]
            return
        self._lines = con.execute(f"SELECT ord, tbl, {_LINE} FROM {C.OUTBOX} ORDER BY ord").fetchall()
        self.n = len(self._lines)
        self.tables = sorted({t for _, t, _ in self._lines})
        self.digest = hashlib.sha256("".join([x for _, _, x in self._lines]).encode("utf-8")).hexdigest()

    def rows(self) -> list:
        if self._rows is None:
            self._rows = self.con.execute(
                f"SELECT ord, tbl, uuid, op, base_rev, data FROM {C.OUTBOX} ORDER BY ord"
            ).fetchall()
        return self._rows

    def staged(self, bad: dict) -> dict:
        """{table: COPY text} of the rows to stage (all but the ``bad`` ords)."""
        if self._lines is None:
            return _staged_text([r for r in self._rows if r[0] not in bad])
        out = {}
        for tbl, group in groupby(self._lines, key=itemgetter(1)):
            out.setdefault(tbl, []).append("".join([x for o, _, x in group if o not in bad]))
        return {t: "".join(v) for t, v in out.items() if any(v)}


#: bytes handed to libpq at a time during COPY (psycopg2's default is 8 KiB: a Python call every 8 KiB)
_COPY_CHUNK = 1 << 20


def _copy_into(cur, tbl: str, text: str) -> None:
    q = P.sql()
    cols = [*STAGE_HEAD, *server_columns(S.table(tbl))]
    try:
        cur.copy_expert(
            q.SQL("COPY pg_temp.{} ({}) FROM STDIN")
            .format(q.Identifier(stage_name(tbl)), q.SQL(", ").join(q.Identifier(c) for c in cols))
            .as_string(cur.connection),
            io.BytesIO(text.encode("utf-8")),
            size=_COPY_CHUNK,
        )
    except SystemError as exc:  # psycopg2 reports a connection dropped during COPY this way
        raise SyncError("The platform connection was lost while sending changes; sync again.") from exc


def _find_bad_rows(pg, outbox: list) -> dict:
    """ord -> reason for rows the server cannot store (types, geometry), probed one by one in savepoints (COPY of
    the row into a temp table of the data table's column types, rolled back)."""
    q = P.sql()
    bad = {}
    pg.rollback()
    cur = pg.cursor()
    psycopg2 = P.psycopg2_module()
    made = set()
    try:
        for ord_, tbl, uuid, _op, _base_rev, data in outbox:
            probe = f"gw_probe_{tbl}"
            cols = server_columns(S.table(tbl))
            if tbl not in made:  # the column types (and geometry type and SRID) alone, no constraint
                cur.execute(
                    q.SQL("CREATE TEMP TABLE {} AS SELECT {} FROM {} WITH NO DATA").format(
                        q.Identifier(probe),
                        q.SQL(", ").join(q.Identifier(c) for c in cols),
                        q.Identifier(P.PLATFORM_SCHEMA, tbl),
                    )
                )
                made.add(tbl)
            cur.execute("SAVEPOINT gw_probe")
            try:
                fields = staged_line(tbl, uuid, data).split("\t", 1)[1]
                cur.copy_expert(
                    q.SQL("COPY pg_temp.{} ({}) FROM STDIN")
                    .format(q.Identifier(probe), q.SQL(", ").join(q.Identifier(c) for c in cols))
                    .as_string(pg),
                    io.StringIO(fields + "\n"),
                )
                cur.execute("RELEASE SAVEPOINT gw_probe")
            except (psycopg2.DataError, psycopg2.IntegrityError) as exc:
                cur.execute("ROLLBACK TO SAVEPOINT gw_probe")
                bad[ord_] = "refused by the platform: " + str(exc).strip().splitlines()[0]
    finally:
        pg.rollback()
    return bad


def _server_apply(pg, client_id: str, seq: int, outbox, hooks: dict, bad: Optional[dict] = None) -> tuple:
    """Apply one push in one server transaction; returns (revisions, rows, resent): ``revisions`` the JSON text of
    the new revision of each change by ord (null where not accepted) or None, ``rows`` [(ord, status, new_rev,
    reason)] of the changes not accepted (every change when there is no ``revisions``), ``resent`` true when the
    platform had applied this push already (its reply was lost) and answered with the stored outcome. Exactly once
    per (role, client, seq); PushKeyReusedError when that key was used with another payload."""
    if not isinstance(outbox, SentOutbox):
        outbox = SentOutbox(rows=list(outbox))
    bad = bad or {}
    pg.autocommit = False
    cur = pg.cursor()
    try:
        try:
            cur.execute(
                "SELECT state, result, revs FROM gw.push_open(%s, %s, %s, %s, %s::text[])",
                (client_id, seq, outbox.digest, outbox.n, outbox.tables),
            )
        except P.psycopg2_module().errors.InsufficientPrivilege as exc:
            raise SyncError(
                "This platform user may only read: the local changes were not sent and stay pending in the file."
            ) from exc
        state, stored, stored_revs = cur.fetchone()
        if state != "open":  # this key was used before
            pg.rollback()
            if state == "reused":  # another file's push under this identity
                raise PushKeyReusedError(f"push {seq} of client {client_id} was made by another copy of this file")
            if state != "done":
                raise SyncError(f"push {seq} of client {client_id} is recorded but not readable by this user")
            return stored_revs, [tuple(x) for x in stored], True  # the same push, its reply lost: the same outcome
        for tbl, text in sorted(outbox.staged(bad).items()):
            _copy_into(cur, tbl, text)
        if hooks.get("after_stage"):
            hooks["after_stage"]()
        cur.execute(
            "SELECT revs, result FROM gw.push_apply(%s, %s, %s::integer[], %s::text[])",
            (client_id, seq, list(bad), list(bad.values())),
        )
        revs, rows = cur.fetchone()
        if hooks.get("before_push_commit"):
            hooks["before_push_commit"]()
        pg.commit()
    except BaseException:
        if not pg.closed:
            pg.rollback()
        raise
    return revs, [tuple(r) for r in rows], False


def outcome_rows(revs: Optional[str], rows: list) -> list:
    """[(ord, status, new_rev, reason)] of every change of a push from its compact outcome (``_server_apply``)."""
    out = {i + 1: (i + 1, "ok", r, None) for i, r in enumerate(json.loads(revs))} if revs else {}
    out.update((r[0], tuple(r) + (None,) * (4 - len(r))) for r in rows)
    return [out[k] for k in sorted(out)]


def _load_result(con, revs: Optional[str], rows: list) -> None:
    """Fill temp.gw_push_result (ord, status, new_rev, reason) from a push's outcome: the revisions array read
    inside SQLite (json_each: no Python object a change), then the listed rows over it."""
    con.execute(
        "CREATE TEMP TABLE IF NOT EXISTS gw_push_result (ord INTEGER PRIMARY KEY, status TEXT, new_rev INTEGER, "
        "reason TEXT)"
    )
    con.execute("DELETE FROM temp.gw_push_result")
    if revs:
        try:
            con.execute(
                "INSERT INTO temp.gw_push_result (ord, status, new_rev) SELECT key + 1, 'ok', value FROM json_each(?)",
                (revs,),
            )
        except sqlite3.OperationalError:  # an SQLite built without JSON functions
            con.executemany(
                "INSERT INTO temp.gw_push_result (ord, status, new_rev) VALUES (?, 'ok', ?)",
                [(i + 1, r) for i, r in enumerate(json.loads(revs))],
            )
    con.executemany(
        "INSERT OR REPLACE INTO temp.gw_push_result VALUES (?, ?, ?, ?)",
        [tuple(r) + (None,) * (4 - len(r)) for r in rows],
    )


def _record_outcome(
    local: LocalTables, seq: int, revs: Optional[str], rows: list, report: SyncReport, hooks=None
) -> dict:
    """Record a push's outcome in one SQLite transaction: advance bases and revisions, keep what changed
    meanwhile as pending, move refused changes to gw_rejected, clear the outbox. Returns {table: [uuid]} of the
    stale changes (the server's row moved on since the base: to be brought up to date and merged).

    Set-wise: the result is loaded into a temp table once; the accepted changes of features untouched since the
    push was prepared (their change-log entry's changed_at still NULL, the same op) are settled by one statement
    per bookkeeping table; only the few others are compared row by row."""
    con = local.con
    stale = {}
    with SG.transaction(con), C.applying(con):
        _load_result(con, revs, rows)
        for tbl, uuid, op, status, reason in con.execute(
            f"SELECT o.tbl, o.uuid, o.op, r.status, r.reason FROM temp.gw_push_result r JOIN {C.OUTBOX} o "
            "ON o.ord = r.ord WHERE r.status <> 'ok' ORDER BY r.ord"
        ).fetchall():
            if status == "rejected":
                report.rejected += 1
                reject_change(local, tbl, uuid, op, reason or "rejected by the platform", seq)
            else:
                report.stale += 1
                stale.setdefault(tbl, []).append(uuid)
        (ok,) = con.execute("SELECT count(*) FROM temp.gw_push_result WHERE status = 'ok'").fetchone()
        report.pushed += ok
        con.execute("DROP TABLE IF EXISTS temp.gw_push_done")
        con.execute(
            "CREATE TEMP TABLE gw_push_done (tbl TEXT, uuid TEXT, op TEXT, rev INTEGER, PRIMARY KEY (tbl, uuid)) "
            "WITHOUT ROWID"
        )
        con.execute(
            "INSERT INTO temp.gw_push_done (tbl, uuid, op, rev) SELECT o.tbl, o.uuid, o.op, r.new_rev "
            f"FROM temp.gw_push_result r JOIN {C.OUTBOX} o ON o.ord = r.ord JOIN {C.CHANGELOG} c "
            "ON c.tbl = o.tbl AND c.uuid = o.uuid AND c.changed_at IS NULL AND c.op = o.op WHERE r.status = 'ok'"
        )
        _settle_untouched(local)
        slow = con.execute(
            f"SELECT o.tbl, o.uuid, o.op, o.data, r.new_rev FROM temp.gw_push_result r JOIN {C.OUTBOX} o "
            "ON o.ord = r.ord WHERE r.status = 'ok' AND NOT EXISTS (SELECT 1 FROM temp.gw_push_done d "
            "WHERE d.tbl = o.tbl AND d.uuid = o.uuid) ORDER BY r.ord"
        ).fetchall()
        by_table = {}
        for tbl, uuid, op, data, new_rev in slow:
            by_table.setdefault(tbl, []).append((uuid, op, data, new_rev))
        for tbl, items in by_table.items():
            if tbl in local.cols:
                _accepted_changed(local, tbl, items)
        con.execute("DROP TABLE temp.gw_push_done")
        con.execute("DELETE FROM temp.gw_push_result")
        con.execute(f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE changed_at IS NULL")  # stale: pending
        con.execute(f"DELETE FROM {C.OUTBOX}")
        con.execute(f"UPDATE {C.STATE} SET push_seq = ?, inflight_seq = NULL WHERE id = 1", (seq,))
        if hooks and hooks.get("during_outcome"):
            hooks["during_outcome"]()
    return stale


def _settle_untouched(local: LocalTables) -> None:
    """The accepted changes in temp.gw_push_done (features exactly as pushed): their change is done."""
    con = local.con
    for (tbl,) in con.execute("SELECT DISTINCT tbl FROM temp.gw_push_done").fetchall():
        if tbl in local.cols:
            con.execute(
                f"DELETE FROM {C.q(C.base_table(tbl))} WHERE uuid IN (SELECT uuid FROM temp.gw_push_done "
                "WHERE tbl = ?)",
                (tbl,),
            )
    con.execute(f"DELETE FROM {C.REVS} WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM temp.gw_push_done WHERE op = 'D')")
    # a revision never goes backwards: a resent push's stored result is older than what a pull may have brought
    con.execute(
        f"INSERT INTO {C.REVS} (tbl, uuid, rev) SELECT tbl, uuid, rev FROM temp.gw_push_done WHERE op <> 'D' "
        "AND true ON CONFLICT (tbl, uuid) DO UPDATE SET rev = max(rev, excluded.rev)"
    )
    con.execute(f"DELETE FROM {C.CHANGELOG} WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM temp.gw_push_done)")


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


def _accepted_changed(local: LocalTables, tbl: str, items: list) -> None:
    """Accepted changes of features changed again (or re-entered) while the push was in flight: advance the base
    to what the server now holds; keep as pending whatever changed locally meanwhile."""
    con = local.con
    drop, set_rev, del_rev, new_bases, new_entries = [], [], [], [], []
    rows = _rows_by_uuid(local, tbl, [i[0] for i in items])
    bases = _rows_by_uuid(local, tbl, [i[0] for i in items], base=True)
    entries = dict(
        con.execute(
            f"SELECT uuid, op FROM {C.CHANGELOG} WHERE tbl = ? AND uuid IN (SELECT uuid FROM {C.OUTBOX} WHERE tbl = ?)",
            (tbl, tbl),
        )
    )
    cols = local.cols[tbl]
    ui = cols.index("uuid")
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
        new_base = sent_base(local, tbl, data, list(empty if op == "I" else bases.get(uuid) or empty))
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
    outbox = SentOutbox(con)
    psycopg2 = P.psycopg2_module()
    for attempt in (1, 2):
        client_id = C.state(con)["client_id"]
        try:
            try:
                result = _server_apply(pg, client_id, seq, outbox, hooks)
            except (psycopg2.DataError, psycopg2.IntegrityError):
                # one row the server cannot store must not block every other change: find it, refuse it, apply
                # the rest
                bad = _find_bad_rows(pg, outbox.rows())
                if not bad:
                    raise
                result = _server_apply(pg, client_id, seq, outbox, hooks, bad)
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
    revs, rows, resent = result
    report.resent = report.resent or resent
    if hooks.get("after_push_commit"):
        hooks["after_push_commit"]()
    report.push_seq = seq
    return _record_outcome(local, seq, revs, rows, report, hooks)
