"""Pull: the server changes after the last pulled revision applied to the GeoPackage in one SQLite transaction,
with a field-level three-way merge against the base values where a feature also changed locally (used by ``engine``
and by checkout). No QGIS import.
"""

from __future__ import annotations

import sqlite3
from itertools import compress
from operator import ne

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .conflicts import record_conflict
from .local import LocalTables
from .report import SyncReport
from .wire import META_FIELDS, same, select_expr

PAGE = 5000
_TOMBSTONE = object()


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
        with SG.transaction(con), C.applying(con):
            for tname, cols in local.cols.items():
                types = local.types[tname]
                srs = local.srs.get(tname, 0)
                ident = q.Identifier(P.PLATFORM_SCHEMA, tname)
                where, params = [window], list(wparams)
                if since:  # the candidates from the change log (its rev_xid index; none on the data tables)
                    where.insert(0, q.SQL("uuid IN (SELECT c FROM gw.changed_since(%s, %s) c)"))
                    params[:0] = [since, tname]
                if counties and tname != "admin_units":
                    where.append(q.SQL("county_code = ANY(%s)"))
                    params.append(list(counties))
                select = q.SQL("SELECT rev, {} FROM {} WHERE ").format(
                    q.SQL(", ").join(select_expr(c, types[c]) for c in cols), ident
                )
                stmt = select + q.SQL(" AND ").join(where) + q.SQL(" ORDER BY rev")
                _pull_rows(pg, local, tname, stmt, params, srs, policy, report, hooks)
                if counties and tname != "admin_units":
                    # features this file holds that were moved to a county outside its checkout stay in sync
                    ocur = pg.cursor()
                    ocur.execute(
                        q.SQL("SELECT uuid::text FROM {} WHERE {} AND NOT (county_code = ANY(%s))").format(
                            ident, q.SQL(" AND ").join(where[:-1])
                        ),
                        [*params[:-1], list(counties)],
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
                        stmt = select + q.SQL("uuid = ANY(%s::uuid[]) ORDER BY rev")
                        _pull_rows(pg, local, tname, stmt, [held], srs, policy, report, hooks)
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
                    q.SQL(", ").join(select_expr(c, types[c]) for c in local.cols[tname]),
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


def _pull_rows(pg, local: LocalTables, tname: str, stmt, params, srs: int, policy: str, report, hooks) -> None:
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
                vals = (*vals[:gi], SG.wkb_to_gpkg(bytes(vals[gi]), srs), *vals[gi + 1 :])
            batch.append((r[0], vals))
        _apply_batch(local, tname, batch, policy, report)
        if hooks.get("pull_page"):
            hooks["pull_page"]()
    cur.close()


def _apply_batch(local: LocalTables, table: str, batch: list, policy: str, report: SyncReport) -> None:
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
    # a merge may change a feature whose change is in flight: mark it changed (see prepare_outbox)
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


def _bulk_upsert(local: LocalTables, table: str, rows: list) -> None:
    """Write pulled rows (tuples in ``local.cols`` order) without pending local changes: insert new ones; update
    only the columns whose value differs (no index or R-tree churn for unchanged columns, grouped into one
    statement per column set)."""
    con = local.con
    cols = local.cols[table]
    types = [local.types[table][c] for c in cols]
    plain = [t in ("text", "uuid", "real", "integer") for t in types]
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
            # two different values of one plain type differ, and so do a plain value and NULL; else a different text form
            # of the same value is no change
            if i != ui
            and (
                (plain[i] and (type(r[i]) is type(L[i]) or r[i] is None or L[i] is None))
                or not same(types[i], r[i], L[i])
            )
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
