"""Push, applied exactly once: the outbox (outbox.py) sent by a typed COPY into the platform's staging tables and
applied by its push function in one server transaction (server_push_sql.py: idempotency key = role + client id +
push sequence, stored with the sha256 of the payload; permissions checked per county by row-level security on the
session user's grants; rows locked in a fixed order; rows the server cannot store refused alone), and the outcome
recorded locally set-wise (push_outcome.py: bases and revisions advanced, never backwards; refused changes kept in
``gw_rejected``; a stale change brought up to the server's current row at once). A new push is streamed: the
platform stages and applies it part by part while the outbox is built (``push_pending``); and it finishes while
the file settles ahead what the outcome will most likely say, in the outcome's own transaction.

A key sent again with another payload is refused by the platform (``PushKeyReusedError``): the file is a copy of
another checkout that pushed under the same identity; it takes a new identity and sends the payload again
(core/sync/identity.py). No QGIS import.
"""

from __future__ import annotations

import hashlib
import io
import queue
import threading
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
    LINE_SQL,
    check_attachment_row,
    payload_of,
    prepare_outbox,
    staged_line,
)
from .push_outcome import outcome_rows, record_outcome, settle_ahead, undo_ahead  # noqa: F401 (outcome_rows too)
from .report import SyncError, SyncReport
from .server_push_sql import STAGE_HEAD, stage_name
from .server_push_sql import columns as server_columns


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


def _joined(lines) -> str:
    """The text of outbox lines (ord, tbl, line), as hashed and as COPYed."""
    return "".join([x for _, _, x in lines])


class SentOutbox:
    """The push in flight as the platform receives it: its size, tables, payload digest and the COPY text of its
    staging tables, which is the hashed text itself. Read from ``gw_outbox`` in one pass with the text made inside
    SQLite (no Python object a change); the rows themselves are read only when one must be probed. A list of
    outbox rows (ord, tbl, uuid, op, base_rev, data) is taken too; an outbox written by an older plugin (JSON
    data) goes through ``payload_of`` and ``staged_line``."""

    def __init__(self, con=None, rows: Optional[list] = None, lines: Optional[list] = None):
        """``lines``: (ord, tbl, line) of the whole outbox in ord order, as ``prepare_outbox`` wrote them."""
        self.con = con
        self._rows = rows
        self._lines = lines or None
        if (
            self._lines is None
            and rows is None
            and con.execute(f"SELECT 1 FROM {C.OUTBOX} WHERE data IS NULL OR data LIKE '{{%' LIMIT 1").fetchone()
        ):
            self._rows = self.rows()
        if self._rows is not None:
            self.n = len(self._rows)
            self.tables = sorted({r[1] for r in self._rows})
            self.digest = payload_of(self._rows)[1]
            return
        if self._lines is None:
            self._lines = con.execute(f"SELECT ord, tbl, {LINE_SQL} FROM {C.OUTBOX} ORDER BY ord").fetchall()
        self.n = len(self._lines)
        self.tables = sorted({t for _, t, _ in self._lines})
        self.digest = hashlib.sha256(_joined(self._lines).encode("utf-8")).hexdigest()

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
            out.setdefault(tbl, []).append(_joined([x for x in group if x[0] not in bad]))
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


def _push_open(cur, client_id: str, seq: int, digest: Optional[str], n: Optional[int], tables: list) -> tuple:
    """gw.push_open: (state, stored result, stored revisions); SyncError for a user who may only read."""
    try:
        cur.execute(
            "SELECT state, result, revs FROM gw.push_open(%s, %s, %s, %s, %s::text[])",
            (client_id, seq, digest, n, tables),
        )
    except P.psycopg2_module().errors.InsufficientPrivilege as exc:
        raise SyncError(
            "This platform user may only read: the local changes were not sent and stay pending in the file."
        ) from exc
    return cur.fetchone()


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
        state, stored, stored_revs = _push_open(cur, client_id, seq, outbox.digest, outbox.n, outbox.tables)
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


def push_pending(local: LocalTables, pg, srid: int, report: SyncReport, hooks=None, hold=(), path=None) -> dict:
    """Push the pending changes (but those in ``hold``); returns the stale ones, {table: [uuid]}.

    Streamed: while this thread builds the outbox part by part (outbox.prepare_outbox), a thread of the
    platform's opens the push without its digest and stages and applies each part as it comes, in the one server
    transaction; it is committed (with the digest) only after the outbox is committed here, so a crash anywhere
    leaves either nothing applied or the push in flight, resent under its key. When the platform knows the key
    already (another copy of the file used it) or cannot store a row, the committed outbox is sent the ordinary
    way (``send_outbox``), which takes a new identity or refuses that row alone."""
    hooks = hooks or {}
    con = local.con
    st = C.state(con)
    if st["inflight_seq"] is not None:  # (the engine resends a push in flight before this)
        return send_outbox(local, pg, st["inflight_seq"], report, hooks, path)
    tables = sorted(
        t for (t,) in con.execute(f"SELECT DISTINCT tbl FROM {C.CHANGELOG} WHERE held = 0") if t in local.cols
    )
    if not tables:
        return {}
    feed = queue.SimpleQueue()
    digest = hashlib.sha256()
    lines = []

    def on_lines(chunk: list) -> None:
        lines.extend(chunk)
        digest.update(_joined(chunk).encode("utf-8"))
        feed.put(("lines", chunk))

    box = {}
    sender = _start(box, lambda: _stream(pg, st["client_id"], st["push_seq"] + 1, tables, feed, hooks))
    try:
        seq = prepare_outbox(local, srid, report, hold, on_lines=on_lines)
        if seq is not None and seq != st["push_seq"] + 1:  # (another sync of this file in between: never streamed)
            raise SyncError("the file's push sequence changed while its outbox was built; sync again")
        if seq is not None and hooks.get("after_prepare"):
            hooks["after_prepare"]()
    except BaseException:
        feed.put(("abort",))
        sender.join()
        raise
    if seq is None:
        feed.put(("abort",))
        sender.join()
        return {}
    feed.put(("done", digest.hexdigest(), len(lines)))
    with SG.transaction(con), C.applying(con):
        try:
            settle_ahead(local)
        finally:
            sender.join()
        if "error" in box:
            raise box["error"]
        result = box["result"]
        if result is not _FALLBACK:
            revs, rows, resent = result
            if hooks.get("after_push_commit"):
                hooks["after_push_commit"]()
            report.push_seq = seq
            return record_outcome(local, seq, revs, rows, report, hooks, ahead=True)
        undo_ahead(con)
    return send_outbox(local, pg, seq, report, hooks, path, lines)


#: what ``_stream`` answers when the push is to be sent the ordinary way
_FALLBACK = object()


def _stream(pg, client_id: str, seq: int, tables: list, feed, hooks: dict):
    """In the platform's thread: open the push without its digest, stage and apply (gw.push_apply_part) each part
    of lines the building thread puts on ``feed`` as it comes; on ("done", digest, n) finish (gw.push_apply) and
    commit; on ("abort",) roll back. Returns the outcome as ``_server_apply`` does, None when aborted, _FALLBACK
    when the key was seen before or a row cannot be stored (the server transaction rolled back)."""
    psycopg2 = P.psycopg2_module()
    pg.autocommit = False
    cur = pg.cursor()
    try:
        if _push_open(cur, client_id, seq, None, None, tables)[0] != "open":
            pg.rollback()
            return _FALLBACK
        while True:
            item = feed.get()
            if item[0] == "abort":
                pg.rollback()
                return None
            if item[0] == "done":
                break
            for tbl, group in groupby(item[1], key=itemgetter(1)):
                _copy_into(cur, tbl, _joined(group))
            cur.execute("SELECT gw.push_apply_part(%s, %s)", (client_id, seq))
        _, digest, n = item
        if hooks.get("after_stage"):
            hooks["after_stage"]()
        cur.execute(
            "SELECT revs, result FROM gw.push_apply(%s, %s, '{}'::integer[], '{}'::text[], %s, %s)",
            (client_id, seq, digest, n),
        )
        revs, rows = cur.fetchone()
        if hooks.get("before_push_commit"):
            hooks["before_push_commit"]()
        pg.commit()
        return revs, [tuple(r) for r in rows], False
    except (psycopg2.DataError, psycopg2.IntegrityError):
        pg.rollback()
        return _FALLBACK
    except BaseException:
        if not pg.closed:
            pg.rollback()
        raise


def send_outbox(
    local: LocalTables, pg, seq: int, report: SyncReport, hooks: dict, path=None, lines: Optional[list] = None
) -> dict:
    """Send the push in flight (``gw_outbox``; ``lines`` its rows as ``prepare_outbox`` just wrote them, if it did)
    and record its outcome; returns the stale changes by table.

    When the platform refuses the key because another copy of the file used it with another payload, the file
    takes a new identity (the outbox becomes push 1 of it) and the payload is sent again."""
    con = local.con
    outbox = SentOutbox(con, lines=lines)
    for attempt in (1, 2):
        client_id = C.state(con)["client_id"]
        try:
            return _send_and_record(local, pg, client_id, seq, outbox, report, hooks)
        except PushKeyReusedError:
            if attempt == 2:
                raise
            identity.new_identity(con, path)
            seq = C.state(con)["inflight_seq"]
            report.new_identity = True
            report.messages.append(
                "another copy of this file pushed under the same identity: this file now pushes under a new one"
            )
    raise AssertionError("unreachable")


def _send_and_record(
    local: LocalTables, pg, client_id: str, seq: int, outbox: SentOutbox, report: SyncReport, hooks: dict
) -> dict:
    """One attempt: the platform applies the push (in a thread of its own: the call mostly waits on the server)
    while this thread, inside the outcome's SQLite transaction, settles the untouched features ahead; then the
    outcome is recorded in that same transaction. Anything raised rolls the SQLite side back: the push stays in
    flight, to be resent (the platform answers a resent push with its stored outcome)."""
    con = local.con
    psycopg2 = P.psycopg2_module()
    with SG.transaction(con), C.applying(con):
        ahead = True
        try:
            result = _overlapped(lambda: _server_apply(pg, client_id, seq, outbox, hooks), lambda: settle_ahead(local))
        except (psycopg2.DataError, psycopg2.IntegrityError):
            # one row the server cannot store must not block every other change: find it, refuse it, apply the rest
            undo_ahead(con)
            ahead = False
            bad = _find_bad_rows(pg, outbox.rows())
            if not bad:
                raise
            result = _server_apply(pg, client_id, seq, outbox, hooks, bad)
        revs, rows, resent = result
        report.resent = report.resent or resent
        if hooks.get("after_push_commit"):
            hooks["after_push_commit"]()
        report.push_seq = seq
        return record_outcome(local, seq, revs, rows, report, hooks, ahead=ahead)


def _start(box: dict, work) -> threading.Thread:
    """``work`` in a thread of its own; its result or what it raised lands in ``box`` ("result" / "error")."""

    def run():
        try:
            box["result"] = work()
        except BaseException as exc:  # re-raised in the calling thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="gw_push_platform", daemon=True)
    worker.start()
    return worker


def _overlapped(remote, local_work):
    """Run ``remote`` (the platform's side) in a thread while ``local_work`` runs here; the result of ``remote``,
    or what either raised (``local_work``'s first: the push then stays in flight and is resent, whatever the
    platform did)."""
    box = {}
    worker = _start(box, remote)
    try:
        local_work()
    finally:
        worker.join()
    if "error" in box:
        raise box["error"]
    return box["result"]
