"""Gaps in the groundwater monitoring network (issue 18; seed 000 §18, seed 004 四1: a network that covers the region,
every recharge zone and every key source).

For one aquifer layer and a flow direction (given, or the planar fit of that layer's heads):
- a key source (accepted or published on a groundwater roster) is covered when an active well of the layer lies in
  the cone down-gradient of it (``distance`` long, ``half_angle`` either side of the flow direction);
- a recharge zone is covered when such a well lies in the zone or in the strip the zone sweeps ``distance`` metres
  down-gradient;
- a county is covered when it has at least one well of the layer per ``km2_per_well`` km² (when a density is given).
Each gap carries its reason in words and a suggested well location: half the distance down-gradient of the source,
just down-gradient of the zone's down-gradient edge, or the point of the county farthest from its wells.
Coordinates are in the project's projected CRS (metres).
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field

import numpy as np

from ...toolbelt import geometry as G

try:
    from shapely.geometry import Point
except ImportError:  # G.require() says so when the analysis runs
    Point = None
from ...toolbelt.i18n import tr
from ..data import sqlite_gpkg as SG
from ..wells import flowfield, water_levels

TR_CONTEXT = "gw_network_gaps"
GW_ROSTERS = ("gw_key_discharge", "gw_key_supervised")  # the groundwater rosters (core/data/codelists.py roster_kind)
ON_ROSTER = ("accepted", "published")
ZONE_KINDS = ("recharge", "spring_domain")  # delineated recharge areas (not the automatic capture/TOT polygons)


class NetworkGapError(ValueError):
    """The analysis cannot run (the message says why)."""


@dataclass
class Gap:
    kind: str  # "source" | "recharge_zone" | "county"
    ref_uuid: str
    name: str
    county_code: str
    reason: str
    suggested: tuple  # (x, y) of a suggested well
    area_wkb: bytes | None = None  # the zone or county polygon


@dataclass
class GapReport:
    aquifer_layer: str
    azimuth: float
    azimuth_source: str  # "given" | "heads (R² …)"
    wells: int
    checked: dict = field(default_factory=dict)  # kind → number checked
    gaps: list = field(default_factory=list)


def _unit(azimuth: float) -> np.ndarray:
    a = math.radians(azimuth)
    return np.array([math.sin(a), math.cos(a)])  # (east, north)


def _cone(x: float, y: float, azimuth: float, distance: float, half_angle: float):
    steps = np.linspace(azimuth - half_angle, azimuth + half_angle, 17)
    ring = [(x, y)] + [
        (x + distance * math.sin(math.radians(a)), y + distance * math.cos(math.radians(a))) for a in steps
    ]
    return G.polygon(np.array(ring))


def _sweep(zone, azimuth: float, distance: float):
    """The zone plus the strip it sweeps ``distance`` metres down-gradient."""
    from shapely import affinity

    dx, dy = distance * _unit(azimuth)
    moved = affinity.translate(zone, dx, dy)
    parts = [zone]
    for poly in getattr(zone, "geoms", [zone]):
        parts.append(G.union([poly, affinity.translate(poly, dx, dy)]).convex_hull)
    parts.append(moved)
    return G.union(parts)


def _points(con, sql: str, params=()) -> list:
    out = []
    for row in con.execute(sql, params):
        *attrs, blob = row
        wkb = SG.gpkg_to_wkb(blob)
        if wkb is None:
            continue
        geom = G.from_wkb(wkb)
        if geom.is_empty:
            continue
        out.append((*attrs, geom))
    return out


def flow_azimuth(database: str, aquifer_layer: str, date_from: str = "", date_to: str = "") -> tuple:
    """(azimuth, description) of the planar fit of the layer's heads in the window."""
    rows = water_levels.heads_at_wells(database, date_from, date_to, aquifer_layer)
    try:
        fit = flowfield.plane_fit([r[2] for r in rows], [r[3] for r in rows], [r[4] for r in rows])
    except flowfield.FlowFieldError as exc:
        raise NetworkGapError(
            tr(TR_CONTEXT, "No flow direction for aquifer layer {layer}: {why}. Give the flow azimuth.").format(
                layer=aquifer_layer, why=exc
            )
        ) from None
    return fit.azimuth, tr(TR_CONTEXT, "planar fit of {n} heads (R² {r2:.2f})").format(n=fit.n, r2=fit.r2)


def find_gaps(
    database: str,
    aquifer_layer: str,
    distance: float = 1000.0,
    half_angle: float = 45.0,
    azimuth: float | None = None,
    km2_per_well: float | None = None,
    date_from: str = "",
    date_to: str = "",
    is_canceled=None,
) -> GapReport:
    G.require()
    if not distance > 0 or not 0 < half_angle < 90:
        raise NetworkGapError(tr(TR_CONTEXT, "The distance must be positive and the half-angle between 0 and 90°."))
    if azimuth is None:
        azimuth, how = flow_azimuth(database, aquifer_layer, date_from, date_to)
    else:
        azimuth, how = float(azimuth) % 360.0, tr(TR_CONTEXT, "given")
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        wells = _points(
            con,
            "SELECT uuid, county_code, geom FROM monitoring_wells WHERE aquifer_layer = ? "
            "AND COALESCE(status, 'active') NOT IN ('abandoned', 'planned')",
            (aquifer_layer,),
        )
        marks = ",".join("?" * len(GW_ROSTERS))
        status = ",".join("?" * len(ON_ROSTER))
        sources = _points(
            con,
            f"SELECT DISTINCT s.uuid, s.name_zh, s.county_code, s.geom FROM pollution_sources s "
            f"JOIN roster_entries r ON r.source_uuid = s.uuid WHERE r.roster IN ({marks}) AND r.status IN ({status})",
            (*GW_ROSTERS, *ON_ROSTER),
        )
        kinds = ",".join("?" * len(ZONE_KINDS))
        zones = _points(
            con,
            f"SELECT z.uuid, COALESCE(d.name_zh, z.kind), z.county_code, z.geom FROM recharge_zones z "
            f"LEFT JOIN drinking_water_sources d ON d.uuid = z.water_source_uuid WHERE z.kind IN ({kinds})",
            ZONE_KINDS,
        )
        counties = (
            _points(con, "SELECT code, name_zh, code, geom FROM admin_units WHERE level = 'county'")
            if km2_per_well
            else []
        )
    finally:
        con.close()
    rep = GapReport(aquifer_layer, azimuth, how, len(wells))
    rep.checked = {"source": len(sources), "recharge_zone": len(zones), "county": len(counties)}
    xy = np.array([[g.x, g.y] for *_, g in wells]) if wells else np.zeros((0, 2))
    direction = _unit(azimuth)

    def covered(region) -> bool:
        if not len(xy):
            return False
        x0, y0, x1, y1 = region.bounds
        near = xy[(xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)]
        return any(region.intersects(Point(px, py)) for px, py in near)

    def stop():
        if is_canceled and is_canceled():
            raise InterruptedError(tr(TR_CONTEXT, "Network-gap analysis canceled."))

    for uuid, name, county, geom in sources:
        stop()
        p = geom.representative_point() if geom.geom_type != "Point" else geom
        if not covered(_cone(p.x, p.y, azimuth, distance, half_angle)):
            sx, sy = np.array([p.x, p.y]) + 0.5 * distance * direction
            rep.gaps.append(
                Gap(
                    "source",
                    uuid,
                    name or "",
                    county or "",
                    tr(TR_CONTEXT, "no {layer} well within {d:g} m down-gradient (flow towards {az:.0f}°)").format(
                        layer=aquifer_layer, d=distance, az=azimuth
                    ),
                    (float(sx), float(sy)),
                )
            )
    for uuid, name, county, geom in zones:
        stop()
        zone = G.clean(geom)
        if zone.is_empty:
            continue
        if not covered(_sweep(zone, azimuth, distance)):
            ring = np.vstack([r for r in G.rings(zone)])
            edge = ring[np.argmax(ring @ direction)]
            sx, sy = edge + 0.5 * distance * direction
            rep.gaps.append(
                Gap(
                    "recharge_zone",
                    uuid,
                    name or "",
                    county or "",
                    tr(TR_CONTEXT, "no {layer} well in the zone or within {d:g} m down-gradient of it").format(
                        layer=aquifer_layer, d=distance
                    ),
                    (float(sx), float(sy)),
                    G.to_wkb(zone),
                )
            )
    for code, name, _county, geom in counties:
        stop()
        area = G.clean(geom)
        km2 = area.area / 1e6
        inside = [g for _u, c, g in wells if c == code and area.intersects(g)]
        needed = math.ceil(km2 / km2_per_well)
        if len(inside) >= needed:
            continue
        rep.gaps.append(
            Gap(
                "county",
                code,
                name or "",
                code,
                tr(
                    TR_CONTEXT,
                    "{n} {layer} wells for {km2:.0f} km²: the density of one well per {per:g} km² needs {need}",
                ).format(n=len(inside), layer=aquifer_layer, km2=km2, per=km2_per_well, need=needed),
                _farthest_point(area, [(g.x, g.y) for g in inside]),
                G.to_wkb(area),
            )
        )
    return rep


def _farthest_point(area, wells: list, samples: int = 40) -> tuple:
    """The sample point of ``area`` (a grid of about samples² points) farthest from every well."""
    x0, y0, x1, y1 = area.bounds
    step = max(x1 - x0, y1 - y0) / samples
    xs = np.arange(x0 + step / 2, x1, step)
    ys = np.arange(y0 + step / 2, y1, step)
    gx, gy = np.meshgrid(xs, ys)
    cand = np.column_stack([gx.ravel(), gy.ravel()])
    inside = np.array([area.contains(Point(x, y)) for x, y in cand], bool) if len(cand) else np.zeros(0, bool)
    cand = cand[inside]
    if not len(cand):
        p = area.representative_point()
        return (p.x, p.y)
    if not wells:
        centre = np.array(area.centroid.coords[0])
        best = cand[np.argmin(((cand - centre) ** 2).sum(axis=1))]
        return (float(best[0]), float(best[1]))
    w = np.array(wells)
    d2 = ((cand[:, None, :] - w[None, :, :]) ** 2).sum(axis=2).min(axis=1)
    best = cand[np.argmax(d2)]
    return (float(best[0]), float(best[1]))
