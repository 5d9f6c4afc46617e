"""Protection / recharge zones from the zone methods, written into the project layers with their provenance.

``compute_zones`` runs one method of core/zones/methods.py or core/zones/analytic_elements.py for some wells (pure computation, safe in a
QgsTask thread) and returns ``ZoneFeature`` objects: the polygon, the target table (``protection_zones`` for the
HJ 338 / fixed-radius methods, ``recharge_zones`` for capture and time-of-travel zones), the zone class or kind and
every parameter used. ``write_zones`` adds them to the layers' edit buffers (one undoable edit command per layer)
with the provenance columns filled: ``method``, ``parameters`` (JSON: every parameter, the per-well values, the
author and time), ``created_by/at``; the user then edits, undoes or commits them like any polygon.

Defaults of the methods (``METHOD_PARAMS``) are the ones of gwplugin:protectionzone / gwplugin:capturezone; the
HJ 338 travel times and alpha carry their (unverified) source in core/zones/methods.py.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import math
from dataclasses import dataclass, field
from typing import Callable, Optional, Sequence

import numpy as np
from qgis.core import QgsGeometry, QgsVectorLayer, QgsVectorLayerUtils

from ..data.ids import uuid7_batch
from . import analytic_elements as A
from . import methods as Z

PROTECTION_METHODS = ("hj338_formula", "hj338_table", "fixed_radius")
CAPTURE_METHODS = ("uniform_flow", "aem")
METHODS = PROTECTION_METHODS + CAPTURE_METHODS


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a method: key (as in the Processing algorithms), labels, default, unit, and the well
    field that gives a per-well value (``per_well``), if any."""

    key: str
    zh: str
    en: str
    default: object
    unit: str = ""
    per_well: str = ""
    note: str = ""

    def label(self, lang: str = "zh") -> str:
        text = self.zh if lang.lower().startswith("zh") else self.en
        return f"{text} ({self.unit})" if self.unit else text


_ALPHA = ParamSpec("ALPHA", "安全系数 α", "Safety factor alpha", Z.HJ338_ALPHA_DEFAULT, "", "",
                   "HJ 338: commonly 1.5 (unverified, reference README §2)")  # fmt: skip
_K = ParamSpec("K", "渗透系数 K", "Hydraulic conductivity K", 10.0, "m/d")
_I = ParamSpec("GRADIENT", "水力坡度 I", "Hydraulic gradient I", 0.001)
_N = ParamSpec("POROSITY", "有效孔隙度 n", "Effective porosity n", 0.2)
_T1 = ParamSpec("T_CLASS_1", "一级保护区运移时间", "Class I travel time", Z.HJ338_T_CLASS_I, "d", "",
                "HJ 338: 100 d (unverified, reference README §2)")  # fmt: skip
_T2 = ParamSpec("T_CLASS_2", "二级保护区运移时间", "Class II travel time", Z.HJ338_T_CLASS_II, "d", "",
                "HJ 338: 1000 d (unverified, reference README §2)")  # fmt: skip
_Q = ParamSpec("Q", "开采量 Q", "Pumping rate Q", 1000.0, "m³/d", "pumping_rate_m3d")
_H = ParamSpec("H", "滤管长度/含水层厚度 H", "Screen length or thickness H", 20.0, "m")
_B = ParamSpec("THICKNESS", "含水层饱和厚度 B", "Saturated thickness B", 20.0, "m")
_AZ = ParamSpec("FLOW_AZIMUTH", "地下水流向（自北顺时针）", "Flow direction, clockwise from north, towards", 0.0, "°")
_L = ParamSpec("UPGRADIENT_LENGTH", "上游闭合距离", "Up-gradient closing length", 2000.0, "m")
_TT = ParamSpec("TRAVEL_TIMES", "运移时间区（天，逗号分隔）", "Time-of-travel zones (d, comma-separated)", "100,1000")
_MED = ParamSpec("MEDIUM", "含水介质（经验值表）", "Aquifer medium (table)", "medium_sand", "", "",
                 "HJ/T 338-2007 empirical table, all values unverified (resources/reference/hj338_radius_table.csv)")  # fmt: skip

METHOD_PARAMS = {
    "hj338_formula": (_ALPHA, _K, _I, _N, _T1, _T2),
    "hj338_table": (_MED,),
    "fixed_radius": (_Q, _N, _H, _T1, _T2),
    "uniform_flow": (_Q, _K, _B, _I, _AZ, _N, _L, _TT),
    "aem": (_Q, _K, _B, _I, _AZ, _N, _L, _TT),
}

METHOD_LABELS = {
    "hj338_formula": ("HJ 338 经验公式 R = α·K·I·T/n", "HJ 338 formula R = α·K·I·T/n"),
    "hj338_table": ("HJ 338 经验值表（按含水介质）", "HJ 338 empirical radius table"),
    "fixed_radius": ("计算固定半径 r = √(Q·t/(π·n·H))", "Calculated fixed radius r = √(Q·t/(π·n·H))"),
    "uniform_flow": ("均匀流中单井捕获区（Grubb 1993）", "Well in uniform flow (Grubb 1993)"),
    "aem": ("多井解析元模型（井群 + 河流）", "Multi-well analytic elements (well field + river)"),
}


def method_label(method: str, lang: str = "zh") -> str:
    zh, en = METHOD_LABELS[method]
    return zh if lang.lower().startswith("zh") else en


def default_parameters(method: str) -> dict:
    """Every parameter of ``method`` with its default."""
    return {p.key: p.default for p in METHOD_PARAMS[method]}


@dataclass
class WellInput:
    """A drinking-water well for the methods: position in the layer's CRS (metres) and per-well values."""

    uuid: Optional[str]
    x: float
    y: float
    water_source_uuid: Optional[str] = None
    county_code: Optional[str] = None
    code: str = ""
    values: dict = field(default_factory=dict)  # per-well values by parameter key (e.g. {"Q": 2500.0})


@dataclass
class ZoneFeature:
    """One zone polygon ready for a project layer."""

    table: str  # protection_zones | recharge_zones
    geometry: QgsGeometry
    method: str
    parameters: dict
    zone_class: Optional[str] = None  # protection_zones
    kind: Optional[str] = None  # recharge_zones
    tot_days: Optional[float] = None
    well_uuid: Optional[str] = None
    water_source_uuid: Optional[str] = None
    county_code: Optional[str] = None

    def label(self, lang: str = "zh") -> str:
        zh = lang.lower().startswith("zh")
        if self.table == "protection_zones":
            return {"class_1": ("一级保护区", "Class I"), "class_2": ("二级保护区", "Class II")}.get(
                self.zone_class, (self.zone_class, self.zone_class)
            )[0 if zh else 1]
        if self.tot_days is None:
            return "稳定捕获区" if zh else "Steady capture zone"
        return f"{self.tot_days:g} 天运移时间区" if zh else f"{self.tot_days:g}-day time of travel"


def parse_days(text) -> list:
    """'100, 1000' -> [100.0, 1000.0]; also accepts a list of numbers."""
    if isinstance(text, (list, tuple)):
        parts = text
    else:
        parts = str(text or "").replace(";", ",").replace("，", ",").split(",")
    out = []
    for part in parts:
        if isinstance(part, str):
            part = part.strip()
            if not part:
                continue
        try:
            v = float(part)
        except (TypeError, ValueError):
            raise Z.ZoneInputError(f"Travel time {part!r} is not a number of days.") from None
        if not v > 0:
            raise Z.ZoneInputError(f"Travel times must be greater than 0 days, got {part!r}.")
        out.append(v)
    return sorted(set(out))


def well_value(well: WellInput, params: dict, key: str):
    """The well's own value of ``key`` when it has one (not None/NaN/<= 0 for Q), else the method parameter."""
    v = well.values.get(key)
    if v is None or (isinstance(v, float) and not math.isfinite(v)) or (key == "Q" and float(v) <= 0):
        return params[key]
    return v


def _ring_geometry(ring) -> QgsGeometry:
    g = QgsGeometry()
    g.fromWkb(Z.ring_to_wkb(ring))
    return g


def _multi(g: QgsGeometry) -> QgsGeometry:
    if not g.isGeosValid():
        g = g.makeValid()
    if g.type() != 2:  # QgsWkbTypes.PolygonGeometry; collections from makeValid: keep the polygons
        parts = [p for p in g.asGeometryCollection() if p.type() == 2]
        g = QgsGeometry.unaryUnion(parts) if parts else QgsGeometry()
    g.convertToMultiType()
    return g


def _group_by_source(wells: Sequence[WellInput], dissolve: bool) -> list:
    """Lists of wells drawn as one protection zone: those of one water source when dissolving, else each well."""
    if not dissolve:
        return [[w] for w in wells]
    groups: dict = {}
    for w in wells:
        groups.setdefault(w.water_source_uuid or f"well:{w.uuid or id(w)}", []).append(w)
    return list(groups.values())


def _well_record(w: WellInput, **extra) -> dict:
    rec = {"uuid": w.uuid, "code": w.code, "x": round(w.x, 2), "y": round(w.y, 2)}
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def _protection(method, wells, params, dissolve, table) -> list:
    out = []
    if method == "hj338_table":
        classes = [("class_1", None), ("class_2", None)]
    else:
        classes = [("class_1", float(params["T_CLASS_1"])), ("class_2", float(params["T_CLASS_2"]))]
    for group in _group_by_source(wells, dissolve):
        for zone_class, t in classes:
            circles, per_well = [], []
            for w in group:
                if method == "hj338_formula":
                    r = Z.hj338_radius(params["K"], params["GRADIENT"], t, params["POROSITY"], params["ALPHA"])
                    per_well.append(_well_record(w, radius_m=round(r, 3)))
                elif method == "fixed_radius":
                    q = float(well_value(w, params, "Q"))
                    r = Z.fixed_radius(q, t, params["POROSITY"], params["H"])
                    per_well.append(_well_record(w, q=q, radius_m=round(r, 3)))
                else:
                    row = Z.table_radius(str(params["MEDIUM"]), zone_class, table)
                    r = row.radius_default_m
                    t = None
                    per_well.append(_well_record(w, radius_m=r))
                circles.append(_ring_geometry(Z.circle(w.x, w.y, r)))
            geom = _multi(QgsGeometry.unaryUnion(circles) if len(circles) > 1 else circles[0])
            p = {"method": method, **{k.lower(): v for k, v in params.items()}}
            if t is not None:
                p["travel_time_d"] = t
            if method == "hj338_table":
                row = Z.table_radius(str(params["MEDIUM"]), zone_class, table)
                p.update(
                    medium=row.medium,
                    radius_range_m=[row.radius_min_m, row.radius_max_m],
                    value_status=row.status,
                    value_source=row.source,
                )
            p["wells"] = per_well
            first = group[0]
            out.append(
                ZoneFeature(
                    "protection_zones",
                    geom,
                    method,
                    p,
                    zone_class=zone_class,
                    well_uuid=first.uuid if len(group) == 1 else None,
                    water_source_uuid=first.water_source_uuid,
                    county_code=first.county_code,
                )
            )
    return out


def _capture_params(method, w: WellInput, params, q, engine, extra=None) -> dict:
    p = {"method": method, "engine": engine, **{k.lower(): v for k, v in params.items()}}
    p["q"] = q
    p["well"] = _well_record(w)
    p.update(extra or {})
    return p


def compute_zones(
    method: str,
    wells: Sequence[WellInput],
    params: dict,
    river: Optional[A.River] = None,
    dissolve: bool = True,
    cancel: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[float], None]] = None,
) -> list:
    """Zones of ``wells`` by ``method`` with ``params`` (missing keys take their defaults).

    Protection methods give class I and class II zones (one per water source when ``dissolve``, the union of its
    wells' circles; else one per well). Capture methods give, per well, the steady capture zone (kind
    ``capture``) and one time-of-travel zone per day count in TRAVEL_TIMES. ``aem`` models all wells together,
    with ``river`` as a head-specified line when given. ``cancel()`` true raises zones.CanceledError;
    ``progress`` receives fractions 0..1. Raises zones.ZoneInputError for invalid inputs.
    """
    if method not in METHODS:
        raise Z.ZoneInputError(f"Unknown method {method!r}; use one of {', '.join(METHODS)}.")
    if not wells:
        raise Z.ZoneInputError("Pick at least one well.")
    full = default_parameters(method)
    full.update({k: v for k, v in (params or {}).items() if k in full and v is not None and v != ""})
    for k, v in full.items():
        if k not in ("MEDIUM", "TRAVEL_TIMES"):
            try:
                full[k] = float(v)
            except (TypeError, ValueError):
                raise Z.ZoneInputError(f"{k} must be a number, got {v!r}.") from None
    prog = progress or (lambda f: None)
    if method in PROTECTION_METHODS:
        table = Z.load_radius_table() if method == "hj338_table" else None
        out = _protection(method, wells, full, dissolve, table)
        prog(1.0)
        return out
    days = parse_days(full["TRAVEL_TIMES"])
    full["TRAVEL_TIMES"] = ",".join(f"{d:g}" for d in days)
    qs = [float(well_value(w, full, "Q")) for w in wells]
    out = []
    if method == "uniform_flow":
        objs = [
            Z.UniformFlowWell(
                q, full["K"], full["THICKNESS"], full["GRADIENT"], full["POROSITY"], full["FLOW_AZIMUTH"], w.x, w.y
            )  # fmt: skip
            for w, q in zip(wells, qs)
        ]
        for w, q, o in zip(wells, qs, objs):
            if cancel is not None and cancel():
                raise Z.CanceledError()
            extra = {"stagnation_m": o.stagnation_distance, "half_width_at_well_m": o.half_width_at_well}
            out.append(
                ZoneFeature(
                    "recharge_zones",
                    _multi(_ring_geometry(o.capture_zone(full["UPGRADIENT_LENGTH"]))),
                    method,
                    _capture_params(method, w, full, q, "analytic", extra),
                    kind="capture",
                    well_uuid=w.uuid,
                    water_source_uuid=w.water_source_uuid,
                    county_code=w.county_code,
                )  # fmt: skip
            )
        prog(0.2)
        if days:
            rings = Z.tot_zones_batch(
                objs, days, full["UPGRADIENT_LENGTH"], cancel=cancel, progress=lambda f: prog(0.2 + 0.8 * f)
            )
            for w, q, per_day in zip(wells, qs, rings):
                for d, ring in zip(days, per_day):
                    if len(ring) < 4:
                        continue
                    out.append(
                        ZoneFeature(
                            "recharge_zones",
                            _multi(_ring_geometry(ring)),
                            method,
                            _capture_params(method, w, full, q, "analytic", {"tot_days": d}),
                            kind="time_of_travel",
                            tot_days=d,
                            well_uuid=w.uuid,
                            water_source_uuid=w.water_source_uuid,
                            county_code=w.county_code,
                        )  # fmt: skip
                    )
        prog(1.0)
        return out
    # aem
    wf = A.WellField(
        [w.x for w in wells], [w.y for w in wells], qs, full["K"], full["THICKNESS"], full["GRADIENT"],
        full["POROSITY"], full["FLOW_AZIMUTH"], river=river,
    )  # fmt: skip
    results = wf.zones(days, full["UPGRADIENT_LENGTH"], cancel=cancel, progress=prog)
    river_rec = None
    if river is not None:
        river_rec = [[round(float(x), 2), round(float(y), 2)] for x, y in river.xy]
    for r in results:
        w = wells[r.well]
        extra = {"tot_days": r.tot_days, "field_wells": len(wells)}
        if river_rec is not None:
            extra["river_head_line"] = river_rec
        if wf.engine != "timml":
            extra["engine_note"] = A.TIMML_INSTALL_HINT
        out.append(
            ZoneFeature(
                "recharge_zones",
                _multi(QgsGeometry.fromWkt(r.wkt)),
                method,
                _capture_params(method, w, full, qs[r.well], wf.engine, extra),
                kind="capture" if r.tot_days is None else "time_of_travel",
                tot_days=r.tot_days,
                well_uuid=w.uuid,
                water_source_uuid=w.water_source_uuid,
                county_code=w.county_code,
            )  # fmt: skip
        )
    prog(1.0)
    return out


def read_line(path: str, layer_name: Optional[str] = None) -> list:
    """Vertices [(x, y)] of the first line feature of a vector file (e.g. the demo's context/river.gpkg)."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise Z.ZoneInputError(f"Cannot open {path}.")
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    for feat in lyr:
        geom = feat.GetGeometryRef()
        if geom is None:
            continue
        if geom.GetGeometryCount() > 0 and geom.GetPointCount() == 0:
            geom = geom.GetGeometryRef(0)
        pts = [(geom.GetX(i), geom.GetY(i)) for i in range(geom.GetPointCount())]
        if len(pts) >= 2:
            return pts
    return []


def local_river(line_xy, wells_xy, reach: float = 2000.0) -> Optional[A.River]:
    """The part of a river polyline next to a well field, as an aem.River whose straight chord (the line the image
    engine uses) follows the river there and has every well on one side.

    Starts from the vertices within ``reach`` metres plus the field's radius of the field's centre, around the
    vertex nearest to it, and shortens the reach until the wells are on one side of the chord and the river strays
    from the chord by at most 100 m or a quarter of the wells' median distance to it; if no reach does, the
    one-sided reach that strays least relative to that distance. None when the wells straddle every chord.
    A crooked river is only approximated: with timml the whole polyline is used instead."""
    line = np.asarray(line_xy, float).reshape(-1, 2)
    pts = np.asarray(wells_xy, float).reshape(-1, 2)
    if len(line) < 2 or len(pts) == 0:
        return None
    # densify so that short reaches still have vertices
    seg = np.hypot(*np.diff(line, axis=0).T)
    dense = [line[:1]]
    for a, b, s in zip(line[:-1], line[1:], seg):
        k = max(int(math.ceil(s / 50.0)), 1)
        t = np.linspace(0, 1, k + 1)[1:, None]
        dense.append(a + (b - a) * t)
    line = np.vstack(dense)
    zp = pts[:, 0] + 1j * pts[:, 1]
    c = pts.mean(axis=0)
    spread = float(np.hypot(*(pts - c).T).max())
    d = np.hypot(*(line - c).T)
    i0 = int(np.argmin(d))
    r = reach + spread
    best, best_ratio = None, math.inf
    while r > 100.0:
        lo = i0
        while lo > 0 and d[lo - 1] <= r:
            lo -= 1
        hi = i0
        while hi < len(line) - 1 and d[hi + 1] <= r:
            hi += 1
        if hi - lo >= 1:
            try:
                river = A.River(line[lo : hi + 1])
            except Z.ZoneInputError:
                river = None
            if river is not None:
                s = river.side(zp)
                stray = float(np.abs(river.side(line[lo : hi + 1, 0] + 1j * line[lo : hi + 1, 1])).max())
                if np.all(s > 0) or np.all(s < 0):
                    ratio = stray / max(float(np.median(np.abs(s))), 1.0)
                    if stray <= 100.0 or ratio <= 0.25:
                        return river
                    if ratio < best_ratio:
                        best, best_ratio = river, ratio
        r /= 1.25
    return best


# ----------------------------------------------------------------------------------------------------------------
# Writing into layers
# ----------------------------------------------------------------------------------------------------------------
def provenance(author: Optional[str] = None, when: Optional[_dt.datetime] = None) -> dict:
    """Author and time recorded with the zones (the OS user unless given; UTC ISO time)."""
    if author is None:
        try:
            author = getpass.getuser()
        except Exception:  # no user name available (some containers)
            author = ""
    when = when or _dt.datetime.now(_dt.timezone.utc)
    return {"author": author, "computed_at": when.replace(microsecond=0).isoformat()}


def parameters_json(z: ZoneFeature, prov: dict) -> str:
    return json.dumps({**z.parameters, **prov}, ensure_ascii=False, sort_keys=True, default=float)


def write_zones(
    zones: Sequence[ZoneFeature],
    layers: dict,
    author: Optional[str] = None,
    county_code: Optional[str] = None,
    command: str = "Add zones",
) -> dict:
    """Add ``zones`` to ``layers`` ({"protection_zones": layer, "recharge_zones": layer}) in their edit buffers.

    Editing is started when needed; each layer gets one edit command (so one undo removes the whole batch).
    Default values of the layer (expressions set by core/data/qgis_project.py) are evaluated first, then uuid,
    county_code, method, parameters (JSON with the provenance) and created/updated by/at are set. The changes
    are not committed. Returns {table: [uuids added]}.
    """
    prov = provenance(author)
    stamp = prov["computed_at"]
    by_table: dict = {}
    for z in zones:
        by_table.setdefault(z.table, []).append(z)
    added: dict = {}
    for table, items in by_table.items():
        layer: QgsVectorLayer = layers.get(table)
        if layer is None:
            raise Z.ZoneInputError(f"There is no {table} layer in the project.")
        if not layer.isEditable() and not layer.startEditing():
            raise Z.ZoneInputError(f"The {table} layer cannot be edited.")
        fields = layer.fields()
        uuids = uuid7_batch(len(items))
        feats = []
        for z, uid in zip(items, uuids):
            attrs = {
                "uuid": uid,
                "county_code": z.county_code or county_code,
                "water_source_uuid": z.water_source_uuid,
                "method": z.method,
                "parameters": parameters_json(z, prov),
                "created_by": prov["author"],
                "updated_by": prov["author"],
                "created_at": stamp,
                "updated_at": stamp,
            }
            if table == "protection_zones":
                attrs["zone_class"] = z.zone_class
            else:
                attrs.update(kind=z.kind, tot_days=z.tot_days, well_uuid=z.well_uuid)
            amap = {fields.indexOf(k): v for k, v in attrs.items() if fields.indexOf(k) >= 0 and v is not None}
            f = QgsVectorLayerUtils.createFeature(layer, QgsGeometry(z.geometry), amap)
            feats.append(f)
        layer.beginEditCommand(command)
        ok = layer.addFeatures(feats)
        if not ok:
            layer.destroyEditCommand()
            raise Z.ZoneInputError(f"The zones could not be added to {table}.")
        layer.endEditCommand()
        added[table] = uuids
    return added
