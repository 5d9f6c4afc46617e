"""Duplicate monitoring wells across departments' lists: find candidates, and merge them in QGIS edit buffers.

Finding (pure numpy): wells closer than a distance (default 30 m) whose aquifer layers agree (or one is unknown) and
whose depths are compatible (difference ≤ max(absolute tolerance, relative tolerance × the deeper one)) are
proposed; candidates are grouped transitively (union–find), so three records of one well form one group.

Merging (:func:`merge_wells_sql`) happens in the database, in SQL, in ONE transaction, whether or not the tables'
layers are loaded: the kept well collects every other record's well code and department codes as aliases in
``source_codes`` and fills its empty fields from the others; every row of every table that references a merged well
by uuid (samples, water levels, inspections, recharge zones … — every relation of the schema that points at
monitoring_wells) is re-pointed to the kept uuid; the merged wells are deleted. :meth:`SqlMergeResult.undo` restores
all of it in one transaction (the merged wells with their fid and geometry, the re-pointed rows, the kept well's
fields). Layers showing the database are then reloaded by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...toolbelt.qt import null_to_none
from ..data import schema as S
from ..data import sqlite_gpkg as SG
from ..data.model import SYSTEM_FIELD_NAMES


@dataclass(frozen=True)
class DuplicateRules:
    distance_m: float = 30.0
    depth_abs_m: float = 5.0
    depth_rel: float = 0.2
    require_same_aquifer: bool = True


@dataclass
class WellRecord:
    key: object  # fid or uuid
    x: float
    y: float
    aquifer: str | None = None
    depth: float | None = None
    code: str = ""
    department: str | None = None


@dataclass
class DuplicateGroup:
    members: list  # keys, the suggested keeper first
    max_distance_m: float
    reasons: list = field(default_factory=list)


def _compatible(a: WellRecord, b: WellRecord, rules: DuplicateRules) -> tuple:
    if rules.require_same_aquifer and a.aquifer and b.aquifer and a.aquifer != b.aquifer:
        return False, ""
    if a.depth is not None and b.depth is not None:
        tol = max(rules.depth_abs_m, rules.depth_rel * max(a.depth, b.depth))
        if abs(a.depth - b.depth) > tol:
            return False, ""
        return True, f"depths {a.depth:g} m / {b.depth:g} m"
    return True, "depth unknown"


def find_duplicates(wells: list, rules: DuplicateRules = DuplicateRules()) -> list:
    """Groups of probable duplicates among ``wells`` (WellRecord list). The keeper is the record with the most
    filled information (depth, aquifer, code), ties broken by input order."""
    n = len(wells)
    if n < 2:
        return []
    xy = np.array([(w.x, w.y) for w in wells], dtype=float)
    d = rules.distance_m
    cells = np.floor(xy / d).astype(np.int64)
    buckets: dict = {}
    for i, (cx, cy) in enumerate(map(tuple, cells)):
        buckets.setdefault((cx, cy), []).append(i)
    parent = list(range(n))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    pair_info: dict = {}
    members_of = {i: [i] for i in range(n)}
    for (cx, cy), members in sorted(buckets.items()):
        neigh = []
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                neigh.extend(buckets.get((cx + dx, cy + dy), ()))
        if len(neigh) < 2:
            continue
        cand = np.array(neigh)
        for i in members:
            dist = np.hypot(xy[cand, 0] - xy[i, 0], xy[cand, 1] - xy[i, 1])
            for j, dd in zip(cand[(dist <= d) & (cand > i)], dist[(dist <= d) & (cand > i)]):
                j = int(j)
                ok, why = _compatible(wells[i], wells[j], rules)
                if not ok:
                    continue
                ri, rj = find(i), find(j)
                if ri != rj:
                    # unite only if every member stays compatible with every other one (no chaining of a 40 m
                    # and a 120 m well through a record of unknown depth)
                    if not all(
                        _compatible(wells[a], wells[b], rules)[0] for a in members_of[ri] for b in members_of[rj]
                    ):
                        continue
                    parent[rj] = ri
                    members_of[ri].extend(members_of.pop(rj))
                pair_info[(i, j)] = (float(dd), why)
    groups: dict = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue

        def richness(i):
            w = wells[i]
            return (w.depth is not None) + bool(w.aquifer) + bool(w.code) + bool(w.department), -i

        members.sort(key=richness, reverse=True)
        pairs = [(a, b) for (a, b) in pair_info if a in members and b in members]
        maxd = max(pair_info[p][0] for p in pairs)
        reasons = [
            f"{wells[a].code or a} ~ {wells[b].code or b}: {pair_info[(a, b)][0]:.1f} m, {pair_info[(a, b)][1]}"
            for a, b in pairs
        ]
        out.append(DuplicateGroup([wells[i].key for i in members], maxd, reasons))
    out.sort(key=lambda g: g.max_distance_m)
    return out


def records_from_layer(layer) -> list:
    """WellRecords (key = fid) from a monitoring_wells QgsVectorLayer."""
    recs = []
    for f in layer.getFeatures():
        g = f.geometry()
        if g is None or g.isEmpty():
            continue
        p = g.asPoint()
        depth = null_to_none(f["depth_m"])
        recs.append(
            WellRecord(
                f.id(),
                p.x(),
                p.y(),
                null_to_none(f["aquifer_layer"]) or None,
                None if depth is None else float(depth),
                null_to_none(f["well_code"]) or "",
                null_to_none(f["department"]) or None,
            )
        )
    return recs


def _aliases(text) -> list:
    return [a for a in re.split(r"[,;，；\s]+", text or "") if a]


def referencing_fields() -> list:
    """(table, field) pairs of the schema that hold a monitoring well's uuid."""
    return [(t.name, f) for t in S.TABLES for f, target in t.relations() if target == "monitoring_wells"]


class MergeError(ValueError):
    """A merge that cannot be done (or undone) as asked; the message is one sentence for the user."""


@dataclass
class SqlMergeResult:
    """What :func:`merge_wells_sql` did, and everything :meth:`undo` needs to restore it."""

    database: str
    kept_uuid: str
    merged_uuids: list
    repointed: dict  # table → number of rows re-pointed
    kept_before: dict = field(default_factory=dict, repr=False)  # column → value of the kept well before
    merged_rows: list = field(default_factory=list, repr=False)  # full rows (column → value) of the merged wells
    moved: list = field(default_factory=list, repr=False)  # (table, column, row uuid, old well uuid)
    undone: bool = False

    def undo(self) -> None:
        """Restore the merged wells, every re-pointed row and the kept well's fields, in one transaction."""
        if self.undone:
            raise MergeError("this merge was already undone")
        con = SG.open_db(self.database)
        try:
            with SG.transaction(con):
                present = _in(con, "SELECT uuid FROM monitoring_wells WHERE uuid IN ({})", self.merged_uuids)
                if present:
                    raise MergeError("a merged well exists again: the merge cannot be undone")
                for row in self.merged_rows:
                    taken = con.execute("SELECT 1 FROM monitoring_wells WHERE fid = ?", (row["fid"],)).fetchone()
                    cols = [c for c in row if not (c == "fid" and taken)]
                    con.execute(
                        f"INSERT INTO monitoring_wells ({', '.join(_q(c) for c in cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})",
                        [row[c] for c in cols],
                    )
                for table, column, row_uuid, old in self.moved:
                    con.execute(f"UPDATE {_q(table)} SET {_q(column)} = ? WHERE uuid = ?", (old, row_uuid))
                cols = [c for c in self.kept_before if c not in ("fid", "uuid")]
                con.execute(
                    f"UPDATE monitoring_wells SET {', '.join(_q(c) + ' = ?' for c in cols)} WHERE uuid = ?",
                    [self.kept_before[c] for c in cols] + [self.kept_uuid],
                )
        finally:
            con.close()
        self.undone = True


def _q(name: str) -> str:
    """A schema identifier quoted for SQL (names come from the schema and the table itself, never from users)."""
    return '"' + name.replace('"', '""') + '"'


def _in(con, sql: str, values: list) -> list:
    return con.execute(sql.format(", ".join("?" * len(values))), list(values)).fetchall()


def _row(con, uuid: str) -> dict:
    cur = con.execute("SELECT * FROM monitoring_wells WHERE uuid = ?", (uuid,))
    row = cur.fetchone()
    if row is None:
        return {}
    return dict(zip([d[0] for d in cur.description], row))


def merge_wells_sql(database: str, keep_uuid: str, drop_uuids: list) -> SqlMergeResult:
    """Merge the wells ``drop_uuids`` into ``keep_uuid`` in the database, in one transaction (see the module
    docstring). MergeError when a well does not exist or nothing is to merge."""
    drop_uuids = [u for u in dict.fromkeys(drop_uuids) if u != keep_uuid]
    if not drop_uuids:
        raise MergeError("nothing to merge")
    con = SG.open_db(database)
    try:
        with SG.transaction(con):
            keep = _row(con, keep_uuid)
            drops = [_row(con, u) for u in drop_uuids]
            if not keep or not all(drops):
                raise MergeError("a well to merge no longer exists")
            result = SqlMergeResult(database, keep_uuid, drop_uuids, {}, dict(keep), drops)
            geometry = {
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = 'monitoring_wells'"
                )
            }
            aliases = _aliases(keep.get("source_codes"))
            for d in drops:
                for a in [d.get("well_code"), *_aliases(d.get("source_codes"))]:
                    if a and a not in aliases and a != keep.get("well_code"):
                        aliases.append(a)
            changes = {"source_codes": "; ".join(aliases) or None}
            system = set(SYSTEM_FIELD_NAMES) | {"fid", "source_codes"} | geometry
            for column, value in keep.items():
                if column in system or value not in (None, ""):
                    continue
                filled = next((d[column] for d in drops if d.get(column) not in (None, "")), None)
                if filled is not None:
                    changes[column] = filled
            con.execute(
                f"UPDATE monitoring_wells SET {', '.join(_q(c) + ' = ?' for c in changes)} WHERE uuid = ?",
                [*changes.values(), keep_uuid],
            )
            for table, column in referencing_fields():
                if not con.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
                ).fetchone():
                    continue
                rows = _in(con, f"SELECT uuid, {_q(column)} FROM {_q(table)} WHERE {_q(column)} IN ({{}})", drop_uuids)
                if not rows:
                    continue
                marks = ", ".join("?" * len(drop_uuids))
                con.execute(
                    f"UPDATE {_q(table)} SET {_q(column)} = ? WHERE {_q(column)} IN ({marks})", [keep_uuid, *drop_uuids]
                )
                result.moved += [(table, column, u, old) for u, old in rows]
                result.repointed[table] = len(rows)
            con.execute(f"DELETE FROM monitoring_wells WHERE uuid IN ({', '.join('?' * len(drop_uuids))})", drop_uuids)
    finally:
        con.close()
    return result
