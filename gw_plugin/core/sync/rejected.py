"""Changes the platform refused (``gw_rejected``): list them, retry one as a new local edit, or dismiss it.

When a push is refused (no write permission for the county, a value the server cannot store) ``outbox.reject_change``
keeps the change in ``gw_rejected`` (the local version and its base as JSON, geometry as hex WKB) and brings the
feature back to its last synced state. Nothing may be lost silently, so the user decides what happens next:

- ``retry_rejected`` writes the refused change into the GeoPackage again AS A NEW LOCAL EDIT (the change-tracking
  triggers record it, the next sync pushes it; e.g. after the county was granted). An update is re-applied
  three-way: only the fields the refused change had changed (its ``data`` against its ``base``) are written over
  the CURRENT row, so whatever a pull brought in meanwhile for other fields is kept.
- ``dismiss_rejected`` records that the user gave the change up (the row stays in the table as a record).

Each call is one SQLite transaction; the rejected row's status moves from 'open' to 'retried' / 'dismissed' in the
same transaction as the edit. No QGIS import.
"""

from __future__ import annotations

import json
from typing import Optional

from ..data import sqlite_gpkg as SG
from . import changelog as C
from .local import LocalTables, recover_journal
from .report import SyncError
from .wire import META_FIELDS, same

STATUS_OPEN = "open"
STATUS_RETRIED = "retried"
STATUS_DISMISSED = "dismissed"
# fields the three-way re-apply never writes: the identity, and updated_at (the touch trigger stamps the retry)
_NOT_REAPPLIED = ("uuid", "updated_at")


def _decode(text: Optional[str]) -> Optional[dict]:
    return json.loads(text) if text else None


def _connect(gpkg_path: str):
    recover_journal(gpkg_path)
    con = SG.open_db(gpkg_path)
    if not C.is_tracked(con):
        con.close()
        raise SyncError(f"{gpkg_path} has no change tracking, so it holds no rejected changes")
    return con


def open_rejected(gpkg_path: str) -> list[dict]:
    """Open rejected changes, oldest first, as dicts: id, tbl, uuid, op, reason, data, base (decoded JSON, geometry
    as hex WKB, None where there is no version), push_seq, created_at. An untracked file has none."""
    recover_journal(gpkg_path)
    con = SG.open_db(gpkg_path)
    try:
        if not C.is_tracked(con):
            return []
        cur = con.execute(
            f"SELECT id, tbl, uuid, op, reason, data, base, push_seq, created_at FROM {C.REJECTED} "
            "WHERE status = ? ORDER BY id",
            (STATUS_OPEN,),
        )
        names = [d[0] for d in cur.description]
        out = []
        for r in cur.fetchall():
            d = dict(zip(names, r))
            d["data"] = _decode(d["data"])
            d["base"] = _decode(d["base"])
            out.append(d)
        return out
    finally:
        con.close()


def _open_record(con, rejected_id: int) -> tuple:
    row = con.execute(
        f"SELECT tbl, uuid, op, data, base, status FROM {C.REJECTED} WHERE id = ?", (int(rejected_id),)
    ).fetchone()
    if row is None:
        raise SyncError(f"rejected change {rejected_id} does not exist")
    if row[5] != STATUS_OPEN:
        raise SyncError(f"rejected change {rejected_id} is not open (it was {row[5]})")
    return row[:5]


def _local_values(local: LocalTables, tbl: str, version: Optional[dict]) -> Optional[dict]:
    """The SQLite values of a JSON version kept by ``wire.row_json`` (only columns this file has)."""
    if version is None:
        return None
    types = local.types[tbl]
    srs = local.srs.get(tbl, 0)
    out = {}
    for c in local.cols[tbl]:
        if c not in version:
            continue
        v = version[c]
        if types.get(c) == "geom" and v is not None:
            v = SG.wkb_to_gpkg(bytes.fromhex(v), srs)
        out[c] = v
    return out


def _update(con, tbl: str, uuid: str, values: dict) -> None:
    sets = ", ".join(f"{C.q(c)} = ?" for c in values)
    con.execute(f"UPDATE {C.q(tbl)} SET {sets} WHERE uuid = ?", [*values.values(), uuid])


def _differing(local: LocalTables, tbl: str, row: dict, current: dict) -> dict:
    """The values of ``row`` that differ from ``current`` (uuid and updated_at left out)."""
    types = local.types[tbl]
    return {
        c: v
        for c, v in row.items()
        if c not in _NOT_REAPPLIED and (current.get(c) != v and not same(types[c], current.get(c), v))
    }


def _retry_insert(local: LocalTables, tbl: str, uuid: str, data: Optional[dict]) -> bool:
    if data is None:
        raise SyncError(
            f"the refused insert of {tbl} {uuid} kept no values (the feature was deleted before the refusal was "
            "recorded); there is nothing to insert again: dismiss it"
        )
    row = dict(data)
    row["uuid"] = uuid
    current = local.row(tbl, uuid)
    if current is None:
        cols = list(row)
        local.con.execute(
            f"INSERT INTO {C.q(tbl)} ({', '.join(C.q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            [row[c] for c in cols],
        )
        return True
    values = _differing(local, tbl, row, current)
    if values:
        _update(local.con, tbl, uuid, values)
    if local.rev(tbl, uuid) is None and local.entry(tbl, uuid) is None:
        local.set_entry(tbl, uuid, "I")  # a row the platform never had: it goes as an insert
    return bool(values)


def _retry_update(local: LocalTables, tbl: str, uuid: str, data: Optional[dict], base: Optional[dict]) -> bool:
    if data is None:
        raise SyncError(
            f"the refused update of {tbl} {uuid} kept no values (the feature was deleted before the refusal was "
            "recorded); there is nothing to apply again: dismiss it"
        )
    current = local.row(tbl, uuid)
    if current is None:
        raise SyncError(
            f"the feature {uuid} of {tbl} no longer exists in this file (deleted since the change was refused), so "
            "the refused update cannot be applied to it again; the rejected change stays open: dismiss it, or "
            "re-create the feature first"
        )
    types = local.types[tbl]
    changed = [
        c
        for c, v in data.items()
        if c not in _NOT_REAPPLIED
        and c not in META_FIELDS
        and (base is None or c not in base or (v != base[c] and not same(types[c], v, base[c])))
    ]
    if not changed:
        return False
    if "updated_by" in data and (base is None or data["updated_by"] != base.get("updated_by")):
        changed.append("updated_by")  # who made the edit travels with it
    values = _differing(local, tbl, {c: data[c] for c in changed}, current)
    if values:
        _update(local.con, tbl, uuid, values)
    return bool(values)


def _retry_delete(local: LocalTables, tbl: str, uuid: str) -> bool:
    if local.row(tbl, uuid) is None:
        return False  # gone already (a pull brought the platform's deletion): the delete reached its goal
    local.delete(tbl, uuid)
    return True


def retry_rejected(gpkg_path: str, rejected_id: int) -> None:
    """Apply the refused change ``rejected_id`` to the local file again as a new local edit (recorded by the
    change-tracking triggers and pushed by the next sync) and mark it 'retried', in one SQLite transaction.

    'I' inserts the kept row again (writing its values over a row of that uuid if there is one); 'U' writes only
    the fields the refused change had changed (its data against its base) over the current row; 'D' deletes the
    row. Raises SyncError (nothing changed, the change stays open) if it is not open, or if the feature of an
    update no longer exists."""
    con = _connect(gpkg_path)
    try:
        local = LocalTables(con)
        with SG.transaction(con):
            tbl, uuid, op, data_json, base_json = _open_record(con, rejected_id)
            if tbl not in local.cols:
                raise SyncError(f"table {tbl} of rejected change {rejected_id} is not in this file")
            if con.execute(f"SELECT 1 FROM {C.APPLY_FLAG}").fetchone() is not None:
                raise SyncError("a sync is writing to this file; retry when it has finished")
            data = _local_values(local, tbl, _decode(data_json))
            base = _local_values(local, tbl, _decode(base_json))
            before = local.entry(tbl, uuid)
            if op == "I":
                wrote = _retry_insert(local, tbl, uuid, data)
            elif op == "U":
                wrote = _retry_update(local, tbl, uuid, data, base)
            elif op == "D":
                wrote = _retry_delete(local, tbl, uuid)
            else:
                raise SyncError(f"rejected change {rejected_id} has an unknown operation {op!r}")
            unsynced_delete = op == "D" and before is not None and before[0] == "I"
            if wrote and not unsynced_delete and local.entry(tbl, uuid) is None:
                # never mark it retried when nothing will push it: that would lose the change silently
                raise SyncError(
                    f"change tracking did not record the retried change of {tbl} {uuid}; sync once (it reinstalls "
                    "the tracking triggers) and retry"
                )
            con.execute(f"UPDATE {C.REJECTED} SET status = ? WHERE id = ?", (STATUS_RETRIED, int(rejected_id)))
    finally:
        con.close()


def dismiss_rejected(gpkg_path: str, rejected_id: int) -> None:
    """Mark the open rejected change ``rejected_id`` 'dismissed': the user gave it up; the row stays as a record.
    Raises SyncError if it is not open."""
    con = _connect(gpkg_path)
    try:
        with SG.transaction(con):
            _open_record(con, rejected_id)
            con.execute(f"UPDATE {C.REJECTED} SET status = ? WHERE id = ?", (STATUS_DISMISSED, int(rejected_id)))
    finally:
        con.close()
