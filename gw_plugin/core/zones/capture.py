"""Capture and time-of-travel zones of drinking-water wells as ``ZoneFeature`` objects (pure computation, safe in a
QgsTask thread): the one computation behind the zones dock, gwplugin:capturezone and the demo.

- The wells given together are in one aquifer; wells near enough to change each other's zones (``well_fields``)
  are one well field, computed as one flow field by superposition (core/zones/analytic_elements.py,
  core/zones/field_zones.py) whatever the method: zones of different wells do not overlap and their union is the
  field's zone. The single-well solution in uniform flow (Grubb 1993) is used only for a lone well of
  ``uniform_flow``.
- ``aem`` adds the river reach next to the wells (``river_for_field``: every line of the river layer merged, the
  reach within the zones' reach, followed with line sinks when curved; a river too far away is reported in a
  note and not used); nothing of a zone lies beyond the river.
- With a ``boundary`` polygon (aquifer or watershed boundary) the zones reach up to it and end there, instead of
  ending ``UPGRADIENT_LENGTH`` up-gradient.
- With ``protection=True`` the 100-day and 1000-day time-of-travel zones (HJ 338 travel times) are also returned
  as class I / class II protection zones, one per water source: what HJ 338 asks for large sources
  (>= LARGE_SOURCE_M3D); a smaller field gets a warning.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import numpy as np

from ...toolbelt import geometry as G
from . import analytic_elements as A
from . import methods as Z
from .params import WellInput, ZoneFeature, parse_days, well_record, well_value
from .river import river_reach


def read_lines(path: str, layer_name: Optional[str] = None) -> list:
    """Every line (all features, all parts) of a vector file as (N, 2) arrays, e.g. the demo's context/river.gpkg."""
    from osgeo import ogr

    ds = ogr.Open(str(path))
    if ds is None:
        raise Z.ZoneInputError(f"Cannot open {path}.")
    lyr = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
    out = []
    for feat in lyr:
        geom = feat.GetGeometryRef()
        if geom is None:
            continue
        parts = (
            [geom.GetGeometryRef(i) for i in range(geom.GetGeometryCount())] if geom.GetPointCount() == 0 else [geom]
        )
        for g in parts:
            pts = np.array([(g.GetX(i), g.GetY(i)) for i in range(g.GetPointCount())], float)
            if len(pts) >= 2:
                out.append(pts)
    return out


def zone_reach(wells_xy, params: dict, qs: Optional[Sequence[float]] = None) -> float:
    """How far from the wells their zones can reach (m): the closing length, the field's size and the half-width
    of its capture zone far up-gradient, total Q / (2 K B i) (the zone is nowhere wider, and its stagnation points
    lie nearer than that, Q / (2 pi K B i))."""
    pts = np.asarray(wells_xy, float).reshape(-1, 2)
    q_total = float(np.sum(qs)) if qs is not None else float(params["Q"]) * len(pts)
    q0 = float(params["K"]) * float(params["THICKNESS"]) * float(params["GRADIENT"])
    span = float(np.hypot(*(pts - pts.mean(axis=0)).T).max()) if len(pts) > 1 else 0.0
    return float(params["UPGRADIENT_LENGTH"]) + span + q_total / (2.0 * max(q0, 1e-12))


def river_for_field(lines: Sequence, wells_xy, params: dict, qs: Optional[Sequence[float]] = None) -> tuple:
    """(River or None, note) of the river lines next to the wells (river.river_reach with the zones' reach)."""
    reach = zone_reach(wells_xy, params, qs)
    return river_reach(lines, wells_xy, reach)


def well_fields(wells: Sequence[WellInput], full: dict, qs: Sequence[float]) -> list:
    """The wells split into well fields: two wells belong to one field (one flow field) when they are closer
    than the closing length plus their capture widths Q / (K B i) (connected components); wells farther apart do
    not change each other's zones and are computed on their own. Returns lists of well indices."""
    n = len(wells)
    q0 = float(full["K"]) * float(full["THICKNESS"]) * float(full["GRADIENT"])
    z = np.array([complex(w.x, w.y) for w in wells])
    q = np.asarray(qs, float)
    reach = float(full["UPGRADIENT_LENGTH"]) + (q[:, None] + q[None, :]) / max(q0, 1e-12)
    linked = np.abs(z[:, None] - z[None, :]) <= reach
    label = list(range(n))

    def root(i):
        while label[i] != i:
            label[i] = label[label[i]]
            i = label[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(linked, 1))):
        label[root(int(i))] = root(int(j))
    groups: dict = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values())


def _params(method, w: WellInput, full, q, engine, extra=None) -> dict:
    p = {"method": method, "engine": engine, **{k.lower(): v for k, v in full.items()}}
    p["q"] = q
    p["well"] = well_record(w)
    p.update(extra or {})
    return p


def capture_features(
    method: str,
    wells: Sequence[WellInput],
    full: dict,
    river: Optional[A.River] = None,
    cancel: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[float], None]] = None,
    protection: bool = False,
    river_note: str = "",
    boundary=None,
) -> list:
    """Steady capture zone (kind ``capture``) and time-of-travel zones of every well (see the module docstring);
    ``full`` holds every parameter of the method (params.full_parameters). ``boundary``: a shapely polygon (the
    aquifer's or the watershed's boundary) the zones end at instead of UPGRADIENT_LENGTH."""
    G.require()
    prog = progress or (lambda f: None)
    days = parse_days(full["TRAVEL_TIMES"])
    if protection:
        days = sorted(set(days) | {Z.HJ338_T_CLASS_I, Z.HJ338_T_CLASS_II})
    full = dict(full, TRAVEL_TIMES=",".join(f"{d:g}" for d in days))
    qs = [float(well_value(w, full, "Q")) for w in wells]
    geoms = {}  # (well index, days or None) -> shapely MultiPolygon
    notes = {}  # well index -> notes of its field
    engines = {}
    fields = well_fields(wells, full, qs)
    for k, idx in enumerate(fields):
        sub = (lambda f, k=k: prog((k + f) / len(fields))) if progress else None
        g, note, engine = _field_zones(method, [wells[i] for i in idx], [qs[i] for i in idx], full, river, days,
                                       cancel, sub, boundary)  # fmt: skip
        for (j, d), geom in g.items():
            geoms[(idx[j], d)] = geom
        for i in idx:
            notes[i] = dict(note, field_wells=len(idx))
            engines[i] = engine
    out = []
    for (wi, d), g in sorted(geoms.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])):
        if g.is_empty:
            continue
        w = wells[wi]
        extra = dict(notes[wi], tot_days=d, area_m2=round(g.area, 1))
        if river_note:
            extra["river_note"] = river_note
        out.append(
            ZoneFeature(
                "recharge_zones",
                G.to_qgs(g),
                method,
                _params(method, w, full, qs[wi], engines[wi], extra),
                kind="capture" if d is None else "time_of_travel",
                tot_days=d,
                well_uuid=w.uuid,
                water_source_uuid=w.water_source_uuid,
                county_code=w.county_code,
            )  # fmt: skip
        )
    if protection:
        out += _protection_from_tot(method, wells, full, qs, geoms, engines)
    prog(1.0)
    return out


def boundary_length(wells: Sequence[WellInput], full: dict, boundary) -> float:
    """The closing length that reaches the far up-gradient side of a boundary polygon (aquifer or watershed)
    from the field's most up-gradient well: with a boundary the zones end at it, not at an arbitrary distance."""
    u = Z.azimuth_unit(float(full["FLOW_AZIMUTH"]))
    z = np.array([complex(w.x, w.y) for w in wells])
    s_w = float(((z - z.mean()) * np.conj(u)).real.min())
    pts = np.concatenate([np.asarray(r)[:, 0] + 1j * np.asarray(r)[:, 1] for r in G.rings(boundary)])
    s_b = float(((pts - z.mean()) * np.conj(u)).real.min())
    return max(s_w - s_b, 1.0)


def _field_zones(method, wells, qs, full, river, days, cancel, progress, boundary=None) -> tuple:
    """({(well index, days or None): MultiPolygon}, notes, engine) of one well field (clipped to ``boundary``)."""
    prog = progress or (lambda f: None)
    L = full["UPGRADIENT_LENGTH"]
    geoms, notes = {}, {}
    if boundary is not None:
        L = boundary_length(wells, full, boundary)
        notes = {"boundary": True, "upgradient_length_used": round(L, 1)}
        geoms, more, engine = _field_zones(method, wells, qs, dict(full, UPGRADIENT_LENGTH=L), river, days,
                                           cancel, progress)  # fmt: skip
        return {k: G.intersection(g, boundary) for k, g in geoms.items()}, dict(more, **notes), engine
    if method == "uniform_flow" and len(wells) == 1:
        w, q = wells[0], qs[0]
        o = Z.UniformFlowWell(q, full["K"], full["THICKNESS"], full["GRADIENT"], full["POROSITY"],
                              full["FLOW_AZIMUTH"], w.x, w.y)  # fmt: skip
        notes = {"stagnation_m": o.stagnation_distance, "half_width_at_well_m": o.half_width_at_well}
        geoms[(0, None)] = G.clean(G.polygon(o.capture_zone(L)))
        prog(0.2)
        if days:
            rings = Z.tot_zones_batch([o], days, L, cancel=cancel, progress=lambda f: prog(0.2 + 0.8 * f))[0]
            for d, ring in zip(days, rings):
                if len(ring) >= 4:
                    geoms[(0, d)] = G.clean(G.polygon(ring))
        return geoms, notes, "analytic"
    if river is not None and method == "aem":
        zw = np.array([complex(w.x, w.y) for w in wells])
        if float(np.abs(river.side(zw)).min()) > zone_reach([(w.x, w.y) for w in wells], full, qs):
            river = None  # this field is far from the river reach (another field of the input is beside it)
    wf = A.WellField(
        [w.x for w in wells], [w.y for w in wells], qs, full["K"], full["THICKNESS"], full["GRADIENT"],
        full["POROSITY"], full["FLOW_AZIMUTH"], river=river if method == "aem" else None,
        engine="auto" if method == "aem" else "superposition",
    )  # fmt: skip
    for r in wf.zones(days, L, cancel=cancel, progress=prog):
        geoms[(r.well, r.tot_days)] = r.geometry
    if wf.river is not None:
        notes["river_model"] = wf.river_model
        notes["river_head_line"] = [[round(float(x), 2), round(float(y), 2)] for x, y in wf.river.xy]
    if method == "aem" and wf.engine != "timml":
        notes["engine_note"] = A.TIMML_INSTALL_HINT
    return geoms, notes, wf.engine


def _protection_from_tot(method, wells, full, qs, geoms, engines) -> list:
    """Class I / class II protection zones (one per water source) from the 100-d / 1000-d time-of-travel zones."""
    groups: dict = {}
    for i, w in enumerate(wells):
        groups.setdefault(w.water_source_uuid or f"well:{w.uuid or i}", []).append(i)
    out = []
    for idx in groups.values():
        q_source = float(sum(qs[i] for i in idx))
        warn = []
        if q_source < Z.LARGE_SOURCE_M3D:
            warn.append(
                f"The source pumps {q_source:,.0f} m³/d, less than the {Z.LARGE_SOURCE_M3D:,.0f} m³/d of a large "
                "source: HJ 338 draws its zones with the formula or the table (threshold unverified)."
            )
        for zone_class, t in (("class_1", Z.HJ338_T_CLASS_I), ("class_2", Z.HJ338_T_CLASS_II)):
            g = G.union(geoms.get((i, t)) for i in idx)
            if g.is_empty:
                continue
            first = wells[idx[0]]
            p = {"method": method, "engine": engines[idx[0]], "source": "time_of_travel", "travel_time_d": t,
                 "source_q_m3d": q_source, "large_source_m3d": Z.LARGE_SOURCE_M3D,
                 **{k.lower(): v for k, v in full.items()}, "wells": [well_record(wells[i], q=qs[i]) for i in idx]}  # fmt: skip
            if warn:
                p["warnings"] = list(warn)
            out.append(
                ZoneFeature(
                    "protection_zones",
                    G.to_qgs(g),
                    method,
                    p,
                    zone_class=zone_class,
                    well_uuid=first.uuid if len(idx) == 1 else None,
                    water_source_uuid=first.water_source_uuid,
                    county_code=first.county_code,
                    warnings=list(warn),
                )  # fmt: skip
            )
    return out
