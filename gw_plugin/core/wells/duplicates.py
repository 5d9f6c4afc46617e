"""Duplicate monitoring wells across departments' lists: find candidates, and merge them in QGIS edit buffers.

Finding (pure numpy): wells closer than a distance (default 30 m) whose aquifer layers agree (or one is unknown) and
whose depths are compatible (difference ≤ max(absolute tolerance, relative tolerance × the deeper one)) are
proposed; candidates are grouped transitively (union–find), so three records of one well form one group.

Merging (qgis.core, no widgets) happens in the layers' edit buffers as one edit command per layer: the kept well
collects every other record's well code and department codes as aliases in ``source_codes``, fills its empty fields
from the others, every row that referenced a merged well (samples, inspections, recharge zones … — every relation
of the schema that points at monitoring_wells) is re-pointed to the kept uuid, and the merged wells are deleted.
Until the layers are saved, ``MergeResult.undo()`` (or QGIS's undo) restores everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ...toolbelt.qt import null_to_none
from ..data import schema as S
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


@dataclass
class MergeResult:
    kept_uuid: str
    merged_uuids: list
    repointed: dict  # table → number of rows re-pointed
    layers: list  # layers edited (for undo)

    def undo(self) -> None:
        for layer in self.layers:
            if layer.isEditable() and layer.undoStack().canUndo():
                layer.undoStack().undo()


def referencing_fields() -> list:
    """(table, field) pairs of the schema that hold a monitoring well's uuid."""
    return [(t.name, f) for t in S.TABLES for f, target in t.relations() if target == "monitoring_wells"]


def merge_wells(
    wells_layer, keep_fid: int, drop_fids: list, related_layers: dict, description: str = ""
) -> MergeResult:
    """Merge ``drop_fids`` into ``keep_fid`` inside the edit buffers (layers are put in edit mode if needed).

    ``related_layers``: table name → QgsVectorLayer for the tables of ``referencing_fields()`` that are loaded.
    """
    from qgis.core import QgsFeatureRequest

    drop_fids = [f for f in drop_fids if f != keep_fid]
    if not drop_fids:
        raise ValueError("nothing to merge")
    keep = wells_layer.getFeature(keep_fid)
    drops = [wells_layer.getFeature(f) for f in drop_fids]
    if not keep.isValid() or not all(d.isValid() for d in drops):
        raise ValueError("a well to merge no longer exists")
    keep_uuid = keep["uuid"]
    drop_uuids = [d["uuid"] for d in drops]
    label = description or f"merge wells into {keep['well_code'] or keep_uuid}"
    edited = []  # layers with a finished or open command of this merge
    open_commands = []

    def begin(layer):
        if not layer.isEditable():
            layer.startEditing()
        layer.beginEditCommand(label)
        edited.append(layer)
        open_commands.append(layer)

    def end(layer):
        layer.endEditCommand()
        open_commands.remove(layer)

    try:
        begin(wells_layer)
        fields = wells_layer.fields()
        aliases = _aliases(keep["source_codes"])
        for d in drops:
            for a in [d["well_code"], *_aliases(d["source_codes"])]:
                if a and a not in aliases and a != keep["well_code"]:
                    aliases.append(a)
        changes = {fields.indexOf("source_codes"): "; ".join(aliases)}
        system = set(SYSTEM_FIELD_NAMES) | {"fid", "source_codes"}
        for i, fld in enumerate(fields):
            if fld.name() in system:
                continue
            if null_to_none(keep[i]) in (None, ""):
                for d in drops:
                    if null_to_none(d[i]) not in (None, ""):
                        changes[i] = d[i]
                        break
        wells_layer.changeAttributeValues(keep_fid, changes)
        repointed = {}
        for table, field_name in referencing_fields():
            layer = related_layers.get(table)
            if layer is None:
                continue
            idx = layer.fields().indexOf(field_name)
            expr = f'"{field_name}" IN ({", ".join(chr(39) + u + chr(39) for u in drop_uuids)})'
            fids = [f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expr).setNoAttributes())]
            if not fids:
                continue
            begin(layer)
            for fid in fids:
                layer.changeAttributeValue(fid, idx, keep_uuid)
            end(layer)
            repointed[table] = len(fids)
        wells_layer.deleteFeatures(drop_fids)
        end(wells_layer)
    except Exception:
        for layer in edited:
            if layer in open_commands:
                layer.destroyEditCommand()  # reverts what the open command did
            elif layer.undoStack().canUndo():
                layer.undoStack().undo()
        raise
    # wells_layer was begun first: put it last so that undo() restores wells after the rows pointing at them
    ordered = edited[1:] + edited[:1]
    return MergeResult(keep_uuid, drop_uuids, repointed, ordered)
