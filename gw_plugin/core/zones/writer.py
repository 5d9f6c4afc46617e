"""Protection / recharge zones from the zone methods, written into the project layers with their provenance.

``compute_zones`` runs one method for some wells (pure computation, safe in a QgsTask thread) and returns
``ZoneFeature`` objects (core/zones/params.py): the polygon, the target table (``protection_zones`` for the
HJ 338 / fixed-radius methods, ``recharge_zones`` for capture and time-of-travel zones), the zone class or kind and
every parameter used. The protection methods are here; the capture methods in core/zones/capture.py (the wells
given together are one well field). ``write_zones`` adds them to the layers' edit buffers (one undoable edit
command per layer) with the provenance columns filled: ``method``, ``parameters`` (JSON: every parameter, the
per-well values, the author and time), ``created_by/at``; the user then edits, undoes or commits them.

Defaults of the methods (``METHOD_PARAMS``) are the ones of gwplugin:protectionzone / gwplugin:capturezone; the
HJ 338 travel times and alpha carry their (unverified) source in core/zones/methods.py. Polygons are built and
combined with shapely (toolbelt/geometry.py): every zone is a valid MultiPolygon.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
from typing import Callable, Optional, Sequence

from qgis.core import QgsGeometry, QgsVectorLayer, QgsVectorLayerUtils

from ...toolbelt import geometry as G
from ..data.ids import uuid7_batch
from . import analytic_elements as A
from . import methods as Z
from .capture import capture_features, read_lines, river_for_field, zone_reach
from .params import (
    CAPTURE_METHODS,
    METHOD_LABELS,
    METHOD_PARAMS,
    METHODS,
    PROTECTION_METHODS,
    ParamSpec,
    WellInput,
    ZoneFeature,
    default_parameters,
    full_parameters,
    method_label,
    parse_days,
    well_record,
    well_value,
)

__all__ = [
    "CAPTURE_METHODS", "METHOD_LABELS", "METHOD_PARAMS", "METHODS", "PROTECTION_METHODS", "ParamSpec", "WellInput",
    "ZoneFeature", "compute_zones", "default_parameters", "full_parameters", "method_label", "parse_days", "read_lines",
    "river_for_field", "well_value", "write_zones", "zone_reach",
]  # fmt: skip


def _group_by_source(wells: Sequence[WellInput], dissolve: bool) -> list:
    """Lists of wells drawn as one protection zone: those of one water source when dissolving, else each well."""
    if not dissolve:
        return [[w] for w in wells]
    groups: dict = {}
    for w in wells:
        groups.setdefault(w.water_source_uuid or f"well:{w.uuid or id(w)}", []).append(w)
    return list(groups.values())


def formula_gradient(params: dict, q: float) -> tuple:
    """(I, how) of the HJ 338 formula: the given gradient, or the mean gradient of the cone of depression
    estimated from Q, K, B and RADIUS_OF_INFLUENCE when that is > 0 (methods.cone_gradient)."""
    r_inf = float(params.get("RADIUS_OF_INFLUENCE") or 0.0)
    if r_inf > 0:
        return Z.cone_gradient(q, params["K"], params["THICKNESS"], r_inf), "cone (Thiem) from Q, K, B, R"
    return float(params["GRADIENT"]), "given"


def _protection(method, wells, params, dissolve, table) -> list:
    out = []
    if method == "hj338_table":
        classes = [("class_1", None), ("class_2", None)]
    else:
        classes = [("class_1", float(params["T_CLASS_1"])), ("class_2", float(params["T_CLASS_2"]))]
    for group in _group_by_source(wells, dissolve):
        for zone_class, t in classes:
            circles, per_well, warnings = [], [], []
            for w in group:
                if method == "hj338_formula":
                    q = float(well_value(w, params, "Q"))
                    i, how = formula_gradient(params, q)
                    r = Z.hj338_radius(params["K"], i, t, params["POROSITY"], params["ALPHA"])
                    per_well.append(well_record(w, radius_m=round(r, 3), gradient=i, gradient_from=how))
                    warn = Z.table_range_warning(r, str(params.get("MEDIUM") or ""), zone_class, table)
                    if warn and warn not in warnings:
                        warnings.append(warn)
                elif method == "fixed_radius":
                    q = float(well_value(w, params, "Q"))
                    r = Z.fixed_radius(q, t, params["POROSITY"], params["H"])
                    per_well.append(well_record(w, q=q, radius_m=round(r, 3)))
                else:
                    row = Z.table_radius(str(params["MEDIUM"]), zone_class, table)
                    r = row.radius_default_m
                    t = None
                    per_well.append(well_record(w, radius_m=r))
                circles.append(G.polygon(Z.circle(w.x, w.y, r)))
            geom = G.union(circles)
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
            if warnings:
                p["warnings"] = warnings
            p["wells"] = per_well
            first = group[0]
            out.append(
                ZoneFeature(
                    "protection_zones",
                    G.to_qgs(geom),
                    method,
                    p,
                    zone_class=zone_class,
                    well_uuid=first.uuid if len(group) == 1 else None,
                    water_source_uuid=first.water_source_uuid,
                    county_code=first.county_code,
                    warnings=warnings,
                )
            )
    return out


def compute_zones(
    method: str,
    wells: Sequence[WellInput],
    params: dict,
    river: Optional[A.River] = None,
    dissolve: bool = True,
    cancel: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[float], None]] = None,
    protection: bool = False,
    river_note: str = "",
    boundary=None,
) -> list:
    """Zones of ``wells`` by ``method`` with ``params`` (missing keys take their defaults).

    Protection methods give class I and class II zones (one per water source when ``dissolve``, the union of its
    wells' circles; else one per well). Capture methods give, per well, the steady capture zone (kind
    ``capture``) and one time-of-travel zone per day count in TRAVEL_TIMES; the wells are one well field
    (core/zones/capture.py). ``aem`` uses ``river`` (river_for_field) as a head-specified line; with
    ``protection`` the 100-d / 1000-d zones are also returned as class I / II protection zones (large sources);
    ``boundary`` (shapely polygon: aquifer or watershed boundary) ends the capture zones there.
    ``cancel()`` true raises zones.CanceledError; ``progress`` receives fractions 0..1. Raises
    zones.ZoneInputError for invalid inputs.
    """
    if method not in METHODS:
        raise Z.ZoneInputError(f"Unknown method {method!r}; use one of {', '.join(METHODS)}.")
    if not wells:
        raise Z.ZoneInputError("Pick at least one well.")
    try:
        G.require()
    except G.GeometryUnavailableError as exc:
        raise Z.ZoneInputError(str(exc)) from None
    full = full_parameters(method, params)
    prog = progress or (lambda f: None)
    if method in PROTECTION_METHODS:
        table = Z.load_radius_table() if method in ("hj338_table", "hj338_formula") else None
        out = _protection(method, wells, full, dissolve, table)
        prog(1.0)
        return out
    return capture_features(method, wells, full, river, cancel, progress, protection, river_note, boundary)


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
