"""The outcome of a push recorded in the GeoPackage (push.py sends the push): bases and revisions advanced (never
backwards), what changed meanwhile kept pending, refused changes moved to ``gw_rejected``, stale ones returned to
be brought up to the server's row, the outbox cleared. Set-wise inside SQLite: the platform's compact outcome (the
new revision of each change by ord, and the few changes not accepted) is read by ``json_each``.

The features untouched since the push was prepared are settled AHEAD, while the platform applies the push
(``settle_ahead``, in the outcome's own transaction under a savepoint): their base and change-log entry dropped as
if every change were accepted; when the outcome comes and every change was accepted, only their revisions remain
to be written, else the savepoint is rolled back and the outcome recorded change by change as it says. No QGIS
import.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Optional

from . import changelog as C
from .local import LocalTables
from .outbox import reject_change, sent_base
from .report import SyncReport
from .wire import META_FIELDS

#: the savepoint of the settling done ahead of the outcome
_AHEAD = "gw_settle_ahead"


def outcome_rows(revs: Optional[str], rows: list) -> list:
    """[(ord, status, new_rev, reason)] of every change of a push from its compact outcome (push.py)."""
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


def _untouched_into_done(con, accepted_only: bool) -> None:
    """temp.gw_push_done (tbl, uuid, op, ord): the changes of the push whose feature is exactly as pushed (its
    change-log entry's changed_at still NULL, the same op); only the accepted ones once the outcome is known."""
    con.execute("DROP TABLE IF EXISTS temp.gw_push_done")
    con.execute(
        "CREATE TEMP TABLE gw_push_done (tbl TEXT, uuid TEXT, op TEXT, ord INTEGER, PRIMARY KEY (tbl, uuid)) "
        "WITHOUT ROWID"
    )
    accepted = "JOIN temp.gw_push_result r ON r.ord = o.ord AND r.status = 'ok' " if accepted_only else ""
    con.execute(
        f"INSERT INTO temp.gw_push_done (tbl, uuid, op, ord) SELECT o.tbl, o.uuid, o.op, o.ord FROM {C.OUTBOX} o "
        f"{accepted}JOIN {C.CHANGELOG} c ON c.tbl = o.tbl AND c.uuid = o.uuid AND c.changed_at IS NULL AND c.op = o.op"
    )


def _drop_settled(local: LocalTables) -> None:
    """The changes in temp.gw_push_done are done: their base, change-log entry and (a delete) revision go."""
    con = local.con
    for (tbl,) in con.execute("SELECT DISTINCT tbl FROM temp.gw_push_done").fetchall():
        if tbl in local.cols:
            con.execute(
                f"DELETE FROM {C.q(C.base_table(tbl))} WHERE uuid IN (SELECT uuid FROM temp.gw_push_done "
                "WHERE tbl = ?)",
                (tbl,),
            )
    con.execute(f"DELETE FROM {C.REVS} WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM temp.gw_push_done WHERE op = 'D')")
    con.execute(f"DELETE FROM {C.CHANGELOG} WHERE (tbl, uuid) IN (SELECT tbl, uuid FROM temp.gw_push_done)")


def settle_ahead(local: LocalTables) -> None:
    """Inside the outcome's open transaction, while the platform applies the push: settle the untouched features
    as if every change were accepted, under a savepoint that ``record_outcome`` keeps or rolls back."""
    con = local.con
    con.execute(f"SAVEPOINT {_AHEAD}")
    _untouched_into_done(con, accepted_only=False)
    _drop_settled(local)


def undo_ahead(con) -> None:
    """Roll the settling done ahead back (the outcome is not the one it assumed)."""
    con.execute(f"ROLLBACK TO {_AHEAD}")
    con.execute(f"RELEASE {_AHEAD}")


def record_outcome(
    local: LocalTables,
    seq: int,
    revs: Optional[str],
    rows: list,
    report: SyncReport,
    hooks=None,
    ahead: bool = False,
) -> dict:
    """Record a push's outcome inside the caller's open transaction (tracking triggers silenced, ``C.applying``):
    advance bases and revisions, keep what changed meanwhile as pending, move refused changes to gw_rejected,
    clear the outbox. ``ahead``: ``settle_ahead`` ran in this transaction. Returns {table: [uuid]} of the stale
    changes (the server's row moved on since the base: to be brought up to date and merged).

    The accepted changes of features untouched since the push was prepared are settled by one statement per
    bookkeeping table; only the few others are compared row by row."""
    con = local.con
    stale = {}
    keep = ahead and all(r[1] == "ok" for r in rows)  # every change accepted: the settling done ahead stands
    if ahead and not keep:
        undo_ahead(con)
    _load_result(con, revs, rows)
    if keep:
        con.execute(f"RELEASE {_AHEAD}")
    else:
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
        _untouched_into_done(con, accepted_only=True)
        _drop_settled(local)
    (ok,) = con.execute("SELECT count(*) FROM temp.gw_push_result WHERE status = 'ok'").fetchone()
    report.pushed += ok
    # a revision never goes backwards: a resent push's stored result is older than what a pull may have brought
    con.execute(
        f"INSERT INTO {C.REVS} (tbl, uuid, rev) SELECT d.tbl, d.uuid, r.new_rev FROM temp.gw_push_done d "
        "JOIN temp.gw_push_result r ON r.ord = d.ord WHERE d.op <> 'D' "
        "AND true ON CONFLICT (tbl, uuid) DO UPDATE SET rev = max(rev, excluded.rev)"
    )
    (settled,) = con.execute("SELECT count(*) FROM temp.gw_push_done").fetchone()
    slow = []
    if settled < ok:  # accepted changes of features changed again meanwhile
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
