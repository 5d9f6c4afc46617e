"""Checks of drawn or edited protection / recharge zones, with a report.

- every polygon is a valid, non-empty polygon (GEOS validity, with the reason and location);
- per water source, the class II protection zone contains its class I zone (the part of class I outside
  class II is reported with its area);
- zones of different water sources overlap only where the overlap was accepted: the other zone's uuid (or the
  other water source's uuid) is listed in ``overlap_accepted`` of the zone's ``parameters`` JSON, or the pair is
  in the project variable ``gw_zone_overlaps_accepted`` (JSON list of [uuid, uuid] pairs).

Works on plain ``ZoneRecord`` objects (``records_from_layer`` reads them from a layer, edit buffer included), so
the same checks run in the dock, in the demo and in tests. No widgets.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

from qgis.core import Qgis, QgsExpressionContextUtils, QgsFeatureRequest, QgsGeometry, QgsSpatialIndex, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt import geometry as G
from ...toolbelt.qt import null_to_none
from ..data import reports

PROJECT_VARIABLE = "gw_zone_overlaps_accepted"
#: Areas below this (m²) are treated as numerical noise of the polygon operations.
AREA_TOLERANCE_M2 = 1.0


@dataclass
class ZoneRecord:
    uuid: str
    table: str  # protection_zones | recharge_zones
    geometry: QgsGeometry
    water_source_uuid: Optional[str] = None
    zone_class: Optional[str] = None
    kind: Optional[str] = None
    tot_days: Optional[float] = None
    parameters: dict = field(default_factory=dict)
    fid: Optional[int] = None

    @property
    def accepted(self) -> set:
        v = self.parameters.get("overlap_accepted") if isinstance(self.parameters, dict) else None
        return {str(x) for x in v} if isinstance(v, (list, tuple)) else set()


@dataclass
class Issue:
    check: str  # validity | containment | overlap
    table: str
    uuids: tuple
    message: str
    area_m2: float = 0.0
    location: Optional[tuple] = None  # (x, y) of the problem
    fids: tuple = ()


@dataclass
class ZoneCheckReport:
    issues: list
    n_zones: int
    accepted_overlaps: list  # (uuid, uuid, area) overlaps that were accepted

    @property
    def ok(self) -> bool:
        return not self.issues

    def by_check(self, check: str) -> list:
        return [i for i in self.issues if i.check == check]

    def text(self) -> str:
        lines = [
            QCoreApplication.translate(
                "ZoneChecks", "{n} zones checked: {k} problem(s), {a} accepted overlap(s)."
            ).format(n=self.n_zones, k=len(self.issues), a=len(self.accepted_overlaps))
        ]
        for i in self.issues:
            lines.append(f"- [{i.check}] {i.message}")
        return "\n".join(lines)

    def write_csv(self, path: str) -> str:
        """The issues as CSV for Excel; text cannot run as a formula there (core/data/reports.py write_csv)."""
        rows = []
        for i in self.issues:
            x, y = i.location if i.location else ("", "")
            rows.append([i.check, i.table, " ".join(i.uuids), round(i.area_m2, 1), x, y, i.message])
        return reports.write_csv(path, ["check", "table", "uuids", "area_m2", "x", "y", "message"], rows)


def parse_parameters(text) -> dict:
    text = null_to_none(text)
    if not text:
        return {}
    try:
        v = json.loads(text)
    except (TypeError, ValueError):
        return {}
    return v if isinstance(v, dict) else {}


def records_from_layer(layer: QgsVectorLayer, request: Optional[QgsFeatureRequest] = None) -> list:
    """ZoneRecords of a protection_zones or recharge_zones layer (with its uncommitted edits)."""
    from ..data.qgis_project import PROP_TABLE

    table = layer.customProperty(PROP_TABLE) or (
        "protection_zones" if layer.fields().indexOf("zone_class") >= 0 else "recharge_zones"
    )
    names = set(layer.fields().names())
    out = []
    for f in layer.getFeatures(request or QgsFeatureRequest()):

        def get(name, f=f):
            return null_to_none(f[name]) if name in names else None

        out.append(
            ZoneRecord(
                str(get("uuid") or f.id()),
                table,
                QgsGeometry(f.geometry()),
                get("water_source_uuid"),
                get("zone_class"),
                get("kind"),
                get("tot_days"),
                parse_parameters(get("parameters")),
                f.id(),
            )
        )
    return out


def accepted_pairs_from_project(project) -> set:
    """Pairs (frozensets of two uuids) accepted in the project variable."""
    raw = QgsExpressionContextUtils.projectScope(project).variable(PROJECT_VARIABLE)
    try:
        pairs = json.loads(raw) if raw else []
    except (TypeError, ValueError):
        return set()
    return {frozenset(map(str, p)) for p in pairs if isinstance(p, (list, tuple)) and len(p) == 2}


def accept_overlap_in_project(project, uuid_a: str, uuid_b: str) -> None:
    """Record in the project variable that zones (or water sources) ``uuid_a`` and ``uuid_b`` may overlap."""
    pairs = accepted_pairs_from_project(project)
    pairs.add(frozenset((str(uuid_a), str(uuid_b))))
    QgsExpressionContextUtils.setProjectVariable(
        project, PROJECT_VARIABLE, json.dumps(sorted(sorted(p) for p in pairs))
    )


def accept_overlap_in_layer(layer: QgsVectorLayer, fid: int, other_uuid: str) -> bool:
    """Add ``other_uuid`` to ``overlap_accepted`` of the feature's parameters JSON (in the edit buffer)."""
    idx = layer.fields().indexOf("parameters")
    if idx < 0:
        return False
    if not layer.isEditable() and not layer.startEditing():
        return False
    f = layer.getFeature(fid)
    params = parse_parameters(f["parameters"])
    acc = [str(x) for x in params.get("overlap_accepted") or []]
    if other_uuid not in acc:
        acc.append(str(other_uuid))
    params["overlap_accepted"] = acc
    return layer.changeAttributeValue(fid, idx, json.dumps(params, ensure_ascii=False, sort_keys=True))


def _where(g: QgsGeometry) -> Optional[tuple]:
    if g is None or g.isEmpty():
        return None
    p = g.pointOnSurface().asPoint()
    return (round(p.x(), 1), round(p.y(), 1))


def check_validity(records: Sequence[ZoneRecord]) -> list:
    out = []
    for r in records:
        g = r.geometry
        if g is None or g.isNull() or g.isEmpty():
            out.append(Issue("validity", r.table, (r.uuid,), QCoreApplication.translate("ZoneChecks", "Zone {u} has no geometry.").format(u=r.uuid),
                             fids=(r.fid,)))  # fmt: skip
            continue
        if g.type() != 2:  # not a polygon geometry
            out.append(Issue("validity", r.table, (r.uuid,), QCoreApplication.translate("ZoneChecks", "Zone {u} is not a polygon.").format(u=r.uuid),
                             fids=(r.fid,)))  # fmt: skip
            continue
        errors = g.validateGeometry(Qgis.GeometryValidationEngine.Geos)
        if errors:
            e = errors[0]
            loc = (round(e.where().x(), 1), round(e.where().y(), 1)) if e.hasWhere() else _where(g)
            out.append(
                Issue(
                    "validity",
                    r.table,
                    (r.uuid,),
                    QCoreApplication.translate("ZoneChecks", "Zone {u} is not a valid polygon: {e}").format(
                        u=r.uuid, e=e.what()
                    ),
                    0.0,
                    loc,
                    (r.fid,),
                )  # fmt: skip
            )
    return out


def _valid(g: QgsGeometry) -> QgsGeometry:
    """``g`` as it is when valid, else repaired by the plugin's one clean-up (toolbelt/geometry.clean)."""
    if g.isGeosValid():
        return g
    return G.to_qgs(G.clean(G.from_qgs(g)))


def _union(geoms: Iterable[QgsGeometry]) -> QgsGeometry:
    gs = [g for g in geoms if g is not None and not g.isEmpty()]
    if not gs:
        return QgsGeometry()
    gs = [_valid(g) for g in gs]
    return QgsGeometry.unaryUnion(gs) if len(gs) > 1 else gs[0]


def check_containment(records: Sequence[ZoneRecord], tolerance: float = AREA_TOLERANCE_M2) -> list:
    """Per water source: class I inside class II (and class II inside the quasi zone when there is one)."""
    out = []
    groups: dict = {}
    for r in records:
        if r.table == "protection_zones" and r.zone_class:
            groups.setdefault(r.water_source_uuid, {}).setdefault(r.zone_class, []).append(r)
    for ws, classes in groups.items():
        for inner, outer in (("class_1", "class_2"), ("class_2", "quasi")):
            if inner not in classes:
                continue
            if outer not in classes:
                if outer == "class_2":
                    out.append(
                        Issue(
                            "containment",
                            "protection_zones",
                            tuple(r.uuid for r in classes[inner]),
                            QCoreApplication.translate(
                                "ZoneChecks", "Water source {ws} has a class I zone but no class II zone."
                            ).format(ws=ws),
                            fids=tuple(r.fid for r in classes[inner]),
                        )  # fmt: skip
                    )
                continue
            gi = _union(r.geometry for r in classes[inner])
            go = _union(r.geometry for r in classes[outer])
            outside = gi.difference(go)
            area = outside.area() if outside and not outside.isEmpty() else 0.0
            if area > tolerance:
                uu = tuple(r.uuid for r in classes[inner] + classes[outer])
                msg = QCoreApplication.translate(
                    "ZoneChecks", "Water source {ws}: {a:.0f} m² of the {i} zone lie outside its {o} zone."
                ).format(ws=ws, a=area, i=inner, o=outer)
                out.append(
                    Issue(
                        "containment",
                        "protection_zones",
                        uu,
                        msg,
                        area,
                        _where(outside),
                        tuple(r.fid for r in classes[inner] + classes[outer]),
                    )  # fmt: skip
                )
    return out


def check_overlaps(
    records: Sequence[ZoneRecord], accepted_pairs: Optional[set] = None, tolerance: float = AREA_TOLERANCE_M2
) -> tuple:
    """Overlaps between zones of different water sources: (issues, accepted [(uuid, uuid, area)])."""
    accepted_pairs = accepted_pairs or set()
    index = QgsSpatialIndex()
    recs = [r for r in records if r.geometry is not None and not r.geometry.isEmpty()]
    geoms = {}
    for i, r in enumerate(recs):
        g = _valid(r.geometry)
        geoms[i] = g
        index.addFeature(i, g.boundingBox())
    issues, accepted = [], []
    for i, a in enumerate(recs):
        for j in index.intersects(geoms[i].boundingBox()):
            if j <= i:
                continue
            b = recs[j]
            if (a.water_source_uuid or None) == (b.water_source_uuid or None) and a.water_source_uuid:
                continue
            if not geoms[i].intersects(geoms[j]):
                continue
            inter = geoms[i].intersection(geoms[j])
            area = inter.area() if inter and not inter.isEmpty() else 0.0
            if area <= tolerance:
                continue
            ok = (
                frozenset((a.uuid, b.uuid)) in accepted_pairs
                or (
                    a.water_source_uuid
                    and b.water_source_uuid
                    and frozenset((a.water_source_uuid, b.water_source_uuid)) in accepted_pairs
                )
                or b.uuid in a.accepted
                or a.uuid in b.accepted
                or (b.water_source_uuid and b.water_source_uuid in a.accepted)
                or (a.water_source_uuid and a.water_source_uuid in b.accepted)
            )
            if ok:
                accepted.append((a.uuid, b.uuid, area))
                continue
            msg = QCoreApplication.translate(
                "ZoneChecks", "Zones {a} (source {sa}) and {b} (source {sb}) overlap by {ar:.0f} m²."
            ).format(a=a.uuid, sa=a.water_source_uuid, b=b.uuid, sb=b.water_source_uuid, ar=area)
            issues.append(Issue("overlap", a.table, (a.uuid, b.uuid), msg, area, _where(inter), (a.fid, b.fid)))
    return issues, accepted


def run_checks(records: Sequence[ZoneRecord], accepted_pairs: Optional[set] = None) -> ZoneCheckReport:
    """All three checks over ``records`` (protection and recharge zones together)."""
    issues = check_validity(records)
    issues += check_containment(records)
    ov, acc = check_overlaps(records, accepted_pairs)
    issues += ov
    return ZoneCheckReport(issues, len(records), acc)


def check_layers(layers: Sequence[QgsVectorLayer], project=None) -> ZoneCheckReport:
    """run_checks over every feature of ``layers``, with the pairs accepted in ``project``'s variable."""
    records = []
    for layer in layers:
        if layer is not None:
            records += records_from_layer(layer)
    return run_checks(records, accepted_pairs_from_project(project) if project is not None else None)
