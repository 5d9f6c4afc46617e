"""Recovery of change tracking a tool removed: a table rebuilt by a program (a field dropped or retyped, a layer
saved over) loses its ``gwsync_*`` triggers with the old table, and edits made afterwards were not recorded.

The sync detects the missing triggers before it installs them again (``changelog.untracked_tables``) and then
finds those edits by comparing the file with what it last synced (issue 14, item 5):
- a feature with no server revision and no change entry was inserted here: a pending insert;
- a feature the file had synced (``gw_sync_rev``) that is gone, without a delete entry: a pending delete;
- a feature whose row differs from the platform's row at the revision this file last synced: a pending update
  whose base is that row (an exact three-way merge follows);
- when the platform's row has moved on since (its revision is not the one this file knew), the synced values are
  no longer known: the difference is kept as an OPEN conflict (both versions), the change held back until the
  user decides, never overwritten silently either way.
Everything is reported (``SyncReport.tracking_restored`` and a message). No QGIS import.
"""

from __future__ import annotations

import sqlite3

from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import server_schema as P
from .conflicts import record_conflict
from .local import LocalTables
from .report import SyncReport
from .wire import META_FIELDS, same, select_expr


def _server_rows(pg, local: LocalTables, tname: str, uuids: list) -> dict:
    """uuid -> (rev, row dict in local form) of the platform's current rows of ``uuids``."""
    q = P.sql()
    cols = local.cols[tname]
    types = local.types[tname]
    srs = local.srs.get(tname, 0)
    cur = pg.cursor()
    out = {}
    for i in range(0, len(uuids), 1000):
        cur.execute(
            q.SQL("SELECT rev, {} FROM {} WHERE uuid = ANY(%s::uuid[])").format(
                q.SQL(", ").join(select_expr(c, types[c]) for c in cols), q.Identifier(P.PLATFORM_SCHEMA, tname)
            ),
            (uuids[i : i + 1000],),
        )
        for r in cur.fetchall():
            row = dict(zip(cols, r[1:]))
            if row.get("geom") is not None:
                row["geom"] = SG.wkb_to_gpkg(bytes(row["geom"]), srs)
            out[row["uuid"]] = (r[0], row)
    pg.rollback()
    return out


def restore_tracking(con: sqlite3.Connection, pg, tables: list, report: SyncReport) -> None:
    """Record the edits made to ``tables`` while they had no tracking (triggers already reinstalled)."""
    local = LocalTables(con)
    found = 0
    with SG.transaction(con), C.applying(con):
        for tname in tables:
            if tname not in local.cols:
                continue
            known = dict(con.execute(f"SELECT uuid, rev FROM {C.REVS} WHERE tbl = ?", (tname,)))
            entries = {u for (u,) in con.execute(f"SELECT uuid FROM {C.CHANGELOG} WHERE tbl = ?", (tname,))}
            here = {u for (u,) in con.execute(f"SELECT uuid FROM {C.q(tname)} WHERE uuid IS NOT NULL AND uuid <> ''")}
            for u in sorted(here - set(known) - entries):  # inserted while untracked
                local.set_entry(tname, u, "I")
                found += 1
            check = sorted(set(known) - entries)
            server = _server_rows(pg, local, tname, check)
            for u in check:
                rev, srow = server.get(u, (None, None))
                L = local.row(tname, u)
                if srow is None:  # gone on the platform too: the pull brings its tombstone
                    if L is None:
                        local.set_rev(tname, u, None)
                    continue
                if rev == known[u]:  # the platform still holds what this file synced: an exact base
                    if L is None:
                        local.set_base(tname, srow)
                        local.set_entry(tname, u, "D")
                        found += 1
                    elif not local.equal(tname, L, srow):
                        local.set_base(tname, srow)
                        local.set_entry(tname, u, "U")
                        found += 1
                    continue
                if L is not None and local.equal(tname, L, srow):
                    local.set_rev(tname, u, rev)  # the same values: nothing to decide
                    continue
                # the platform moved on and the synced values are unknown: the user decides
                types = local.types[tname]
                fields = [] if L is None else [c for c in local.cols[tname] if not _same_field(types, c, L, srow)]
                kind = "delete_edit" if L is None else "field"
                report.conflicts += record_conflict(local, tname, u, kind, fields, None, L, srow, rev, "manual", "open")
                local.set_base(tname, srow)
                local.set_rev(tname, u, rev)
                local.set_entry(tname, u, "D" if L is None else "U", held=1)
                found += 1
    report.tracking_restored = list(tables)
    report.messages.append(
        f"change tracking of {', '.join(tables)} had been removed (the table was rebuilt by another program); it is "
        f"restored and {found} change(s) made meanwhile were found"
    )


def _same_field(types: dict, c: str, a: dict, b: dict) -> bool:
    return c in META_FIELDS or c == "uuid" or same(types[c], a.get(c), b.get(c))
