"""Pull: the server changes after the last pulled revision applied to the GeoPackage in one SQLite transaction,
with a field-level three-way merge against the base values where a feature also changed locally (used by ``engine``
and by checkout). The changed rows of a table are read in one pass (those of the checkout's counties in full, of
other counties only their uuid), a page at a time, the next page fetched while one is applied; a page goes to
the GeoPackage through pull_apply.py, and the features with a pending local change through the merge here. No
QGIS import.
"""

from __future__ import annotations

import itertools
import sqlite3
from concurrent.futures import ThreadPoolExecutor

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .conflicts import record_conflict
from .local import LocalTables
from .pull_apply import PAGE, QuietUpdates, apply_page, local_state, max_params, select_sql
from .report import SyncReport
from .wire import META_FIELDS, same

_TOMBSTONE = object()
_CURSORS = itertools.count(1)  # names of the pull's server cursors


def pull_into(con: sqlite3.Connection, pg, policy: str, report: SyncReport, counties=None, hooks=None) -> None:
    """Apply the server changes this file has not seen to the GeoPackage, merging with local changes.

    What "not seen" means needs no lock on the platform (issue 14, item 4): every data row and tombstone carries
    the id of the transaction that wrote it (``rev_xid``, ``pg_current_xact_id()``), and the file keeps the
    snapshot of its last pull (``gw_sync_state.pull_snapshot``). A row is new to this file exactly when its
    transaction was not visible in that snapshot (``pg_visible_in_snapshot``; an index on ``rev_xid`` from the
    snapshot's xmin finds the candidates), and it is read under the pull's own REPEATABLE READ snapshot, which
    becomes the next cursor. A transaction still open now is invisible now and not visible in the new cursor
    either, so its rows come with a later pull, whatever revisions they drew: no revision is skipped, and no
    writer ever waits for a puller or for another writer's transaction. A file from before (no snapshot yet) pulls
    ``rev > last_pulled_rev`` once, which the old revision horizon made exact.

    One SQLite transaction (rows, base values, revisions, conflicts and the new cursor).
    """
    hooks = hooks or {}
    local = LocalTables(con)
    st = C.state(con)
    since, last = st.get("pull_snapshot"), st["last_pulled_rev"]
    q = P.sql()
    pg.rollback()
    pg.autocommit = False
    pg.set_session(isolation_level="REPEATABLE READ", readonly=True)
    try:
        cur = pg.cursor()
        cur.execute(
            "SELECT pg_catalog.pg_current_snapshot()::text, CASE WHEN is_called THEN last_value ELSE 0 END "
            "FROM gw.rev_seq"
        )
        snap, seq_now = cur.fetchone()
        report.server_rev = max(int(seq_now), int(last or 0))
        if since:
            window = q.SQL(
                "rev_xid >= pg_catalog.pg_snapshot_xmin(%s::pg_catalog.pg_snapshot) "
                "AND NOT pg_catalog.pg_visible_in_snapshot(rev_xid, %s::pg_catalog.pg_snapshot)"
            )
            wparams = [since, since]
        else:
            window = q.SQL("rev > %s")
            wparams = [int(last or 0)]
        # the hash of the changed uuids and the change log's sort held in memory: work_mem raised to 64MB for this
        # transaction only (a user setting; the default 4MB spills 100,000 changed features to disk, PostgreSQL 15
        # manual, 20.4.1 "work_mem"; a platform set higher keeps its value)
        cur.execute(
            "SELECT pg_catalog.set_config('work_mem', '64MB', true) "
            "WHERE pg_catalog.pg_size_bytes(pg_catalog.current_setting('work_mem')) < 64 * 1024 * 1024"
        )
        checkout = sorted(set(counties)) if counties else None
        with SG.transaction(con), C.applying(con):
            quiet = QuietUpdates(con)
            for tname, cols in local.cols.items():
                types = local.types[tname]
                srs = local.srs.get(tname, 0)
                ident = q.Identifier(P.PLATFORM_SCHEMA, tname)
                where, params = [window], list(wparams)
                if since:  # the candidates from the change log (its rev_xid index; none on the data tables)
                    where.insert(0, q.SQL("uuid IN (SELECT c FROM gw.changed_since(%s, %s) c)"))
                    params[:0] = [since, tname]
                exprs = [select_sql(c, types[c]) for c in cols]
                split = bool(checkout) and tname != "admin_units"
                if split:
                    # one pass over the changes: rows of the checkout's counties in full, of other counties only
                    # their uuid (a feature this file holds that was moved out must stay in sync, below)
                    exprs = [
                        e if c == "uuid" else q.SQL("CASE WHEN k.cc IS NOT NULL THEN {} END").format(e)
                        for c, e in zip(cols, exprs)
                    ]
                    source = q.SQL("{} LEFT JOIN pg_catalog.unnest(%s::text[]) k(cc) ON k.cc = county_code").format(
                        ident
                    )
                    head = q.SQL("SELECT rev, k.cc IS NOT NULL, ")
                    params.insert(0, checkout)
                else:
                    source, head = ident, q.SQL("SELECT rev, ")
                # no ORDER BY: a feature comes once, and what is applied does not depend on the order
                stmt = head + q.SQL("{} FROM {} WHERE ").format(q.SQL(", ").join(exprs), source)
                stmt += q.SQL(" AND ").join(where)
                moved = _pull_rows(pg, local, tname, stmt, params, srs, policy, report, hooks, split, quiet)
                held = _held(con, tname, moved)
                if held:
                    stmt = q.SQL("SELECT rev, {} FROM {} WHERE uuid = ANY(%s::uuid[])").format(
                        q.SQL(", ").join(select_sql(c, types[c]) for c in cols), ident
                    )
                    _pull_rows(pg, local, tname, stmt, [held], srs, policy, report, hooks, quiet=quiet)
            tcur = pg.cursor()
            tcur.execute(
                q.SQL("SELECT tbl, uuid::text, rev FROM gw.tombstones WHERE {} AND tbl = ANY(%s) ORDER BY rev").format(
                    window
                ),
                [*wparams, list(local.cols)],
            )
            by_table = {}
            for tbl, uuid, rev in tcur.fetchall():
                by_table.setdefault(tbl, []).append((rev, {"uuid": uuid, _TOMBSTONE: True}))
            for tbl, batch in by_table.items():
                _apply_batch(local, tbl, batch, policy, report)
            quiet.restore()
            con.execute(
                f"UPDATE {C.STATE} SET last_pulled_rev = ?, pull_snapshot = ? WHERE id = 1", (report.server_rev, snap)
            )
            if hooks.get("before_pull_commit"):
                hooks["before_pull_commit"]()
            pg.commit()
    finally:
        if not pg.closed:
            pg.rollback()
            pg.set_session(isolation_level="READ COMMITTED", readonly=False)
            pg.autocommit = False


def _held(con: sqlite3.Connection, table: str, uuids: list) -> list:
    """The features of ``uuids`` this file holds."""
    held = []
    n = max_params(con)
    for i in range(0, len(uuids), n):
        chunk = uuids[i : i + n]
        held += [
            u
            for (u,) in con.execute(
                f"SELECT uuid FROM {C.q(table)} WHERE uuid IN ({','.join('?' * len(chunk))})", chunk
            )
        ]
    return held


def refresh_features(con: sqlite3.Connection, pg, policy: str, report: SyncReport, features: dict) -> None:
    """Bring features whose pushed change was stale up to the server's current row (or tombstone), merged with the
    local change like a pull, whatever the pull cursor says (one SQLite transaction). A revision never goes
    backwards: a row already known at this or a later revision is skipped."""
    features = {t: u for t, u in features.items() if u}
    if not features:
        return
    local = LocalTables(con)
    q = P.sql()
    pg.autocommit = False
    try:
        with SG.transaction(con), C.applying(con):
            for tname, uuids in sorted(features.items()):
                if tname not in local.cols:
                    continue
                types = local.types[tname]
                stmt = q.SQL("SELECT rev, {} FROM {} WHERE uuid = ANY(%s::uuid[]) ORDER BY rev").format(
                    q.SQL(", ").join(select_sql(c, types[c]) for c in local.cols[tname]),
                    q.Identifier(P.PLATFORM_SCHEMA, tname),
                )
                _pull_rows(pg, local, tname, stmt, [sorted(uuids)], local.srs.get(tname, 0), policy, report, {})
                tcur = pg.cursor()
                tcur.execute(
                    "SELECT uuid::text, rev FROM gw.tombstones WHERE tbl = %s AND uuid = ANY(%s::uuid[]) ORDER BY rev",
                    (tname, sorted(uuids)),
                )
                batch = [(rev, {"uuid": uuid, _TOMBSTONE: True}) for uuid, rev in tcur.fetchall()]
                if batch:
                    _apply_batch(local, tname, batch, policy, report)
    finally:
        if not pg.closed:
            pg.rollback()


def _pull_rows(
    pg, local: LocalTables, tname: str, stmt, params, srs: int, policy: str, report, hooks, split=False, quiet=None
):
    """Stream the rows selected by ``stmt`` into the GeoPackage, a page at a time, the next page fetched by a thread
    while one is applied (the platform and the network work meanwhile). Rows come as (rev, values in the order of
    ``local.cols[tname]``, geometry as hex WKB: pull_apply.select_sql); with ``split`` as (rev, inside, values),
    where ``inside`` is false for a row outside the checkout's counties (only its uuid is read: returned, not
    applied). ``quiet``: pull_apply.QuietUpdates of the pull."""
    q = P.sql()
    name = q.Identifier(f"gw_pull_{next(_CURSORS)}")
    fetch = q.SQL("FETCH FORWARD {} FROM {}").format(q.Literal(PAGE), name)
    cur = pg.cursor()
    # the cursor declared and its first page fetched in one round trip (most tables have none or a few changes);
    # the transaction's end closes it
    cur.execute(q.SQL("DECLARE {} NO SCROLL CURSOR FOR ").format(name) + stmt + q.SQL("; ") + fetch, params)
    outside = []
    if split:
        ui = local.cols[tname].index("uuid") + 2
    ahead = None  # the next page, fetched by a thread while this one is applied (the platform works meanwhile)
    try:
        rows = cur.fetchall()
        while rows:
            if len(rows) == PAGE:  # a short page is the last one
                if ahead is None:
                    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gw_pull_fetch")
                following = ahead.submit(_fetch, pg, fetch)
            else:
                following = None
            if split:
                outside += [r[ui] for r in rows if not r[1]]
                rows = [r for r in rows if r[1]]
            _apply_rows(local, tname, rows, 2 if split else 1, srs, policy, report, quiet)
            if hooks.get("pull_page"):
                hooks["pull_page"]()
            rows = following.result() if following is not None else None
    finally:
        if ahead is not None:
            ahead.shutdown(wait=True)  # no fetch in flight when the connection is used or rolled back
    return outside


def _fetch(pg, fetch) -> list:
    """The next page of a declared cursor (in the fetching thread: its own client cursor, the same connection)."""
    cur = pg.cursor()
    cur.execute(fetch)
    return cur.fetchall()


def _apply_rows(
    local: LocalTables, table: str, rows: list, off: int, srs: int, policy: str, report, quiet=None
) -> None:
    """Apply one page of pulled rows of ``table`` (pull_apply.apply_page), then merge the features with a pending
    local change."""
    if not rows:
        return
    pulled, merges = apply_page(local, table, rows, off, srs, quiet)
    report.pulled += pulled
    cols = local.cols[table]
    for rev, values, _uuid, entry in merges:
        _merge(local, table, rev, dict(zip(cols, values)), entry, policy, report)
    if merges:  # a merge may change a feature whose change is in flight: mark it changed (see prepare_outbox)
        local.con.executemany(
            f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE tbl = ? AND uuid = ? AND changed_at IS NULL",
            [(table, uuid) for _, _, uuid, _ in merges],
        )


def _apply_batch(local: LocalTables, table: str, batch: list, policy: str, report: SyncReport) -> None:
    """Apply pulled tombstones [(rev, {"uuid": uuid, _TOMBSTONE: True})] of ``table``: delete the features this
    file holds without a pending change, merge the others (a delete against a local edit is a conflict)."""
    con = local.con
    uuids = [row["uuid"] for _, row in batch]
    known, entries, _ = local_state(local, table, uuids, rows=False)
    fast_delete, merged = [], []
    for (rev, row), uuid in zip(batch, uuids):
        if known.get(uuid) is not None and known[uuid] >= rev:
            continue  # our own push coming back, or already applied
        if uuid not in known and uuid not in entries:
            continue  # deletion of a feature this file never had
        report.pulled += 1
        if uuid not in entries:
            fast_delete.append((uuid,))
            continue
        _merge(local, table, rev, row, entries[uuid], policy, report)
        merged.append((table, uuid))
    # a merge may change a feature whose change is in flight: mark it changed (see prepare_outbox)
    con.executemany(
        f"UPDATE {C.CHANGELOG} SET changed_at = {C.NOW} WHERE tbl = ? AND uuid = ? AND changed_at IS NULL", merged
    )
    if fast_delete:
        con.executemany(f"DELETE FROM {C.q(table)} WHERE uuid = ?", fast_delete)
        con.executemany(f"DELETE FROM {C.REVS} WHERE tbl = ? AND uuid = ?", [(table, u) for (u,) in fast_delete])


def _merge(local: LocalTables, table: str, rev: int, server, entry, policy: str, report: SyncReport) -> None:
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
        report.conflicts += record_conflict(local, table, uuid, "delete_edit", [], B, None, server, rev, policy, status)
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
        report.conflicts += record_conflict(local, table, uuid, "edit_delete", [], B, L, None, rev, policy, status)
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
        report.conflicts += record_conflict(local, table, uuid, kind, clash, B, L, server, rev, policy, status)
    elif local_changed_any and server_changed_any:
        report.merged += 1
    local.write(table, merged)
    local.set_base(table, server)
    local.set_rev(table, uuid, rev)
    if local.equal(table, merged, server):
        local.drop_entry(table, uuid)
    else:
        local.set_entry(table, uuid, "U", held=1 if (clash and policy == "manual") else None)
