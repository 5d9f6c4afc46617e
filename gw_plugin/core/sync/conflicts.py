"""Conflict records of the sync: recording a conflict found by the merge (or refreshing the open one of a feature),
listing the open conflicts and resolving one (mine / theirs / edit; the outcome is pushed by the next sync).
No QGIS import.
"""

from __future__ import annotations

import json
from typing import Optional

from ..data import sqlite_gpkg as SG
from . import changelog as C
from .local import LocalTables
from .report import SyncError
from .wire import row_json


def record_conflict(
    store: LocalTables, table, uuid, kind, fields, base, local, server, server_rev, policy, status
) -> bool:
    """Record a conflict (True) or refresh the open one of this feature with the newer server version."""
    types = store.types[table]
    open_row = store.con.execute(
        f"SELECT id, fields FROM {C.CONFLICTS} WHERE tbl = ? AND uuid = ? AND status = 'open'", (table, uuid)
    ).fetchone()
    if open_row is not None:  # refresh the open conflict with the newer server version; never drop it
        old_fields = json.loads(open_row[1] or "[]")
        merged = sorted(set(old_fields) | set(fields))
        store.con.execute(
            f"UPDATE {C.CONFLICTS} SET server = ?, server_rev = ?, fields = ? WHERE id = ?",
            (row_json(types, server), server_rev, json.dumps(merged), open_row[0]),
        )
        return False
    store.con.execute(
        f"INSERT INTO {C.CONFLICTS} (tbl, uuid, kind, fields, base, local, server, server_rev, policy, status, "
        f"resolution, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        f"CASE WHEN ? = 'open' THEN NULL ELSE {C.NOW} END)",
        (
            table,
            uuid,
            kind,
            json.dumps(sorted(fields)),
            row_json(types, base),
            row_json(types, local),
            row_json(types, server),
            server_rev,
            policy,
            status,
            None if status == "open" else policy,
            status,
        ),
    )
    return True


def open_conflicts(gpkg_path: str) -> list:
    """Open conflicts as dicts (id, tbl, uuid, kind, fields, base, local, server)."""
    con = SG.open_db(gpkg_path)
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
    con = SG.open_db(gpkg_path)
    try:
        local = LocalTables(con)
        with SG.transaction(con), C.applying(con):
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
                server["geom"] = SG.wkb_to_gpkg(bytes.fromhex(server["geom"]), srs)
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
