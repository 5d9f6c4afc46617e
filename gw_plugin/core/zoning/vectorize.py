"""Groundwater pollution prevention zoning: zone regions to polygons.

The label raster of 4-connected zone regions is polygonised with gdal.Polygonize and clipped to the city
boundary (neighbouring polygons share their cell edges exactly, so there are no gaps or overlaps); each polygon
becomes a ``ZoneFeature`` with its mean scores, area and requirements text, its geometry a valid MultiPolygon
(clipping and repair through toolbelt.geometry). ``county_statistics``: area by
county and zone class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from ...toolbelt import geometry as G
from . import rasterblocks as rb
from .config import SCORE_NAMES, ZONE_BY_CODE, requirements_text, zone_label


@dataclass
class ZoneFeature:
    wkb: bytes
    zone_class: str
    scheme: str
    version: str
    scores: dict
    area_km2: float
    requirements: str
    county_code: str = ""
    cells: int = 0
    region: int = 0


def polygonize(labels: np.ndarray, g: rb.Grid, feedback, progress) -> dict:
    """{region id: OGR polygon} from the label raster (gdal.Polygonize, 4-connected)."""
    ds = rb.create_raster("", g, gdal.GDT_Int32, None)
    ds.GetRasterBand(1).WriteArray(labels)
    mask = rb.create_raster("", g, gdal.GDT_Byte, None)
    mask.GetRasterBand(1).WriteArray((labels > 0).astype(np.uint8))
    drv = ogr.GetDriverByName("Memory")
    vds = drv.CreateDataSource("zones")
    srs = None
    if g.crs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(g.crs_wkt)
    lyr = vds.CreateLayer("zones", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("rid", ogr.OFTInteger))

    def cb(complete, message, data):
        progress(complete)
        return 0 if feedback.is_canceled() else 1

    gdal.Polygonize(ds.GetRasterBand(1), mask.GetRasterBand(1), lyr, 0, [], callback=cb)
    rb.check_canceled(feedback)
    out = {}
    for f in lyr:
        rid = f.GetField(0)
        geom = f.GetGeometryRef().Clone()
        if rid in out:
            out[rid] = out[rid].Union(geom)
        else:
            out[rid] = geom
    return out


def regions_touching(labels: np.ndarray, nreg: int, lines: Sequence, g: rb.Grid, block_rows: int) -> np.ndarray:
    """Boolean per region id: some cell of the region is touched by one of the boundary ``lines``."""
    out = np.zeros(nreg + 1, dtype=bool)
    shapes = [(ln.ExportToWkb(), 1) for ln in lines if ln is not None and not ln.IsEmpty()]
    if not shapes:
        return out
    ds = rb.rasterize_shapes(shapes, g, "", gdal.GDT_Byte, None, all_touched=True)
    band = ds.GetRasterBand(1)
    for yoff, rows in rb.blocks(g, block_rows):
        hit = band.ReadAsArray(0, yoff, g.cols, rows) > 0
        out |= np.bincount(labels[yoff : yoff + rows][hit], minlength=nreg + 1) > 0
    return out


def region_county(labels: np.ndarray, nreg: int, county_geoms: Sequence, g: rb.Grid, block_rows: int) -> np.ndarray:
    """1-based county index holding each region's cell centres (0 = none); exact for regions no county
    boundary touches."""
    out = np.zeros(nreg + 1, dtype=np.int32)
    if not county_geoms:
        return out
    ds = rb.rasterize_shapes(
        [(c.ExportToWkb(), i + 1) for i, c in enumerate(county_geoms)], g, "", gdal.GDT_Int32, None
    )
    band = ds.GetRasterBand(1)
    for yoff, rows in rb.blocks(g, block_rows):
        cid = band.ReadAsArray(0, yoff, g.cols, rows)
        out[labels[yoff : yoff + rows]] = cid
    out[0] = 0
    return out


def clip_features(
    polys, city_geom, reg_class, reg_cells, sums, cnts, cfg, scheme, version, lang, feedback, touch_city=None
):
    feats = []
    city = G.from_ogr(city_geom)
    city_area = city_geom.GetArea()
    cenv = city_geom.GetEnvelope()
    for rid, geom in sorted(polys.items()):
        rb.check_canceled(feedback)
        env = geom.GetEnvelope()
        if env[0] > cenv[1] or env[1] < cenv[0] or env[2] > cenv[3] or env[3] < cenv[2]:
            continue
        shape = G.from_ogr(geom)
        if touch_city is not None and not touch_city[rid]:
            clipped = G.clean(shape)  # all its cells lie inside the city
        else:
            clipped = G.intersection(shape, city)
        area = clipped.area
        if area <= 0:
            continue
        code = int(reg_class[rid])
        zone = ZONE_BY_CODE[code]
        scores = {}
        for name in SCORE_NAMES:
            if name in sums and cnts[name][rid] > 0:
                scores[name] = float(sums[name][rid] / cnts[name][rid])
            else:
                scores[name] = None
        feats.append(
            ZoneFeature(
                G.to_wkb(clipped),
                zone,
                scheme,
                version,
                scores,
                area / 1e6,
                requirements_text(cfg, zone, lang),
                cells=int(reg_cells[rid]),
                region=int(rid),
            )
        )
    return feats, city_area / 1e6


def county_statistics(
    features: Sequence, counties: Sequence, scheme: str, city_code: str = "", assigned: Optional[Sequence] = None
) -> list:
    """Area by county and zone class: [{county_code, county_name, scheme, zone_class, zone_zh, zone_en, area_km2,
    share_pct}] (share of the county's area). Also sets each feature's county_code to the county holding most
    of it (``city_code`` when no county overlaps). ``assigned`` (optional, parallel to ``features``): the index
    of the county a feature lies in entirely, -1 for none, None when it must be intersected."""
    rows = {}
    county_geoms = []
    for wkb, code, name in counties:
        if wkb is None:
            continue
        cg = ogr.CreateGeometryFromWkb(bytes(wkb))
        county_geoms.append((G.from_wkb(bytes(wkb)), cg.GetEnvelope(), str(code or ""), str(name or "")))
    for i, f in enumerate(features):
        known = None if assigned is None else assigned[i]
        if known is not None:
            f.county_code = city_code
            if known >= 0:
                _cg, _env, code, name = county_geoms[known]
                key = (code, f.zone_class)
                rows.setdefault(key, {"county_code": code, "county_name": name, "area_m2": 0.0})
                rows[key]["area_m2"] += f.area_km2 * 1e6
                f.county_code = code
            continue
        geom = G.from_wkb(f.wkb)
        x0, y0, x1, y1 = geom.bounds
        env = (x0, x1, y0, y1)
        best, best_area = city_code, 0.0
        for cg, cenv, code, name in county_geoms:
            if env[0] > cenv[1] or env[1] < cenv[0] or env[2] > cenv[3] or env[3] < cenv[2]:
                continue
            a = G.intersection(geom, cg).area
            if a <= 0:
                continue
            key = (code, f.zone_class)
            if key not in rows:
                rows[key] = {"county_code": code, "county_name": name, "area_m2": 0.0}
            rows[key]["area_m2"] += a
            if a > best_area:
                best, best_area = code, a
        f.county_code = best
    county_area = {code: cg.area for cg, _e, code, _n in county_geoms}
    out = []
    for (code, zone), r in sorted(rows.items()):
        ca = county_area.get(code) or 0.0
        out.append(
            {
                "county_code": code,
                "county_name": r["county_name"],
                "scheme": scheme,
                "zone_class": zone,
                "zone_zh": zone_label(zone, "zh"),
                "zone_en": zone_label(zone, "en"),
                "area_km2": r["area_m2"] / 1e6,
                "share_pct": 100.0 * r["area_m2"] / ca if ca > 0 else 0.0,
            }
        )
    return out
