"""Groundwater pollution prevention zoning: the zoning overlay for the 2019 and 2023 schemes.

``run_zoning``: levels (low/medium/high) of vulnerability, source load, function value and pollution status,
risk = matrix[vulnerability][load], zone = scheme matrix[value][risk], overridden by pollution status as
configured; nodata cells inside the city take the nearest zone; optional majority filter, then gdal.SieveFilter
(minimum mapping unit) and 4-connected regions, turned into polygons clipped to the city boundary by vectorize.py.
Protection and recharge polygons are never burnt into the raster: they are cut out of the polygons and added as
exact vector zones afterwards (protection.py), so no filter or minimum mapping unit can remove them. Mean scores per zone, area, requirements text, and area statistics by county.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal, ogr

from ...toolbelt import geometry as G
from ...toolbelt.i18n import tr
from . import rasterblocks as rb
from .config import (
    LEVEL_NODATA,
    LEVELS,
    SCHEME_CLASSES,
    ZONE_CODES,
    ZONE_COLORS,
    Progress,
    ZoningError,
    describe_rules,
    load_config,
    say,
    zone_label,
)
from .pollution_status import grade_breaks
from .protection import cut_features, protection_features, protection_pieces
from .vectorize import clip_features, county_statistics, polygonize, region_county, regions_touching

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)


def level_of(values: np.ndarray, valid: np.ndarray, breaks: Sequence[float]) -> np.ndarray:
    """0 low, 1 medium, 2 high (a value equal to a break goes up); LEVEL_NODATA where invalid."""
    lv = np.searchsorted(np.asarray(breaks, dtype=np.float32), values.astype(np.float32, copy=False), side="right")
    lv = lv.astype(np.uint8)
    lv[~valid] = LEVEL_NODATA
    return lv


def lookup_tables(cfg: dict, scheme: str):
    """(risk LUT [vuln level, load level] -> risk level, zone LUT [value level, risk level] -> zone code)."""
    z = cfg["zoning"]
    risk = np.zeros((3, 3), dtype=np.uint8)
    zone = np.zeros((3, 3), dtype=np.uint8)
    for i, a in enumerate(LEVELS):
        for j, b in enumerate(LEVELS):
            risk[i, j] = LEVELS.index(z["risk_matrix"][a][b])
            zone[i, j] = ZONE_CODES[z["schemes"][scheme]["matrix"][a][b]]
    return risk, zone


def combine(
    vuln: np.ndarray,
    load: np.ndarray,
    value: np.ndarray,
    pollution: Optional[np.ndarray],
    protected: Optional[np.ndarray],
    cfg: dict,
    scheme: str,
) -> np.ndarray:
    """Zone codes of a block from the four LEVEL arrays (uint8, LEVEL_NODATA = missing) and a protection mask.

    0 = undetermined (a needed input missing). Order: protection polygons, pollution override, matrix."""
    risk_lut, zone_lut = lookup_tables(cfg, scheme)
    sch = cfg["zoning"]["schemes"][scheme]
    ok = (vuln != LEVEL_NODATA) & (load != LEVEL_NODATA) & (value != LEVEL_NODATA)
    v = np.where(ok, vuln, 0)
    lo = np.where(ok, load, 0)
    fv = np.where(ok, value, 0)
    out = zone_lut[fv, risk_lut[v, lo]]
    out[~ok] = 0
    if pollution is not None:
        key = "treatment_pollution_levels" if scheme == "2019" else "control_pollution_levels"
        target = ZONE_CODES["treatment" if scheme == "2019" else "control_type"]
        plv = [LEVELS.index(x) for x in sch.get(key, [])]
        if plv:
            out[np.isin(pollution, plv)] = target
    if protected is not None:
        out[protected] = ZONE_CODES[sch["protection_polygons_class"]]
    return out


def level_codes(values: np.ndarray, valid: np.ndarray, breaks: Sequence[float]) -> np.ndarray:
    """The levels of ``level_of`` (0 low, 1 medium, 2 high; float32 comparisons, a value equal to a break goes up)
    with 3 for invalid cells: two comparisons instead of a search, in uint8 (the fast path of run_zoning)."""
    v = values.astype(np.float32, copy=False)
    b = np.asarray(breaks, dtype=np.float32)
    lv = np.greater_equal(v, b[0]).view(np.uint8)
    lv += np.greater_equal(v, b[1]).view(np.uint8)
    if not valid.all():
        np.copyto(lv, np.uint8(3), where=~valid)
    return lv


def block_luts(cfg: dict, scheme: str) -> tuple:
    """(zone LUT of 64 entries indexed by vulnerability << 4 | load << 2 | value levels (3 = missing -> 0),
    pollution LUT of 4 entries: True where the pollution level forces the override zone, the override zone code)."""
    risk_lut, zone_lut = lookup_tables(cfg, scheme)
    lut = np.zeros(64, dtype=np.uint8)
    for v in range(3):
        for lo in range(3):
            for fv in range(3):
                lut[(v << 4) | (lo << 2) | fv] = zone_lut[fv, risk_lut[v, lo]]
    sch = cfg["zoning"]["schemes"][scheme]
    key = "treatment_pollution_levels" if scheme == "2019" else "control_pollution_levels"
    plut = np.zeros(4, dtype=bool)
    for x in sch.get(key, []):
        plut[LEVELS.index(x)] = True
    return lut, plut, ZONE_CODES["treatment" if scheme == "2019" else "control_type"]


def combine_codes(vuln: np.ndarray, load: np.ndarray, value: np.ndarray, pollution, luts: tuple) -> np.ndarray:
    """``combine`` on the level codes of ``level_codes`` through one 64-entry lookup (same result, fewer passes)."""
    lut, plut, target = luts
    idx = np.left_shift(vuln, 4)
    idx |= np.left_shift(load, 2)
    idx |= value
    out = lut[idx]
    if pollution is not None and plut.any():
        np.copyto(out, np.uint8(target), where=plut[pollution])
    return out


def _codes_present(zones: np.ndarray) -> list:
    """Non-zero codes in a uint8 array (a bincount: no sort of the whole grid)."""
    flat = zones.ravel()
    counts = np.zeros(256, dtype=np.int64)
    step = 1 << 20  # chunks: bincount converts to intp, a whole-grid temporary would be 8 bytes per cell
    for i in range(0, flat.size, step):
        counts += np.bincount(flat[i : i + step], minlength=256)
    return [int(c) for c in np.nonzero(counts)[0] if c != 0]


def _box_count(mask: np.ndarray, size: int) -> np.ndarray:
    """Number of set cells of a 0/1 uint8 array in the size x size window around each cell (zero padded)."""
    half = size // 2
    rows, cols = mask.shape
    p = np.pad(mask, half)
    h = p[:, 0:cols].copy()
    for dx in range(1, size):
        h += p[:, dx : dx + cols]
    out = h[0:rows].copy()
    for dy in range(1, size):
        out += h[dy : dy + rows]
    return out


def majority_filter(zones: np.ndarray, size: int, block_rows: int = rb.BLOCK_ROWS) -> np.ndarray:
    """Majority (mode) filter of a zone-code array in a size x size window; 0 (outside) is never a candidate
    and never changes; ties keep the cell's own class. Row blocks with a halo keep temporaries bounded."""
    if size < 3:
        return zones
    if size > 15:
        raise ZoningError(tr(TR_CONTEXT, "The majority window must be 15 cells or less."))
    half = size // 2
    codes = _codes_present(zones)
    if len(codes) < 2:
        return zones
    code_arr = np.array(codes, dtype=np.uint8)
    index_of = np.zeros(256, dtype=np.intp)
    index_of[code_arr] = np.arange(len(codes))
    out = zones.copy()
    rows = zones.shape[0]
    for y0 in range(0, rows, block_rows):
        y1 = min(rows, y0 + block_rows)
        a, b = max(0, y0 - half), min(rows, y1 + half)
        sub = zones[a:b]
        counts = np.stack([_box_count((sub == c).view(np.uint8), size) for c in codes])
        best_idx = counts.argmax(axis=0)
        best = np.take_along_axis(counts, best_idx[None], 0)[0]
        own = np.take_along_axis(counts, index_of[sub][None], 0)[0]
        res = np.where((own >= best) | (sub == 0), sub, code_arr[best_idx])
        out[y0:y1] = res[y0 - a : y0 - a + (y1 - y0)]
    return out


def _fill_nearest(zones: np.ndarray, inside: np.ndarray) -> int:
    """Cells inside the city with zone 0 take the zone of the nearest determined cell; returns how many.

    The distance transform runs on a window around the holes that grows until every hole's nearest known cell
    is provably inside it (closer than the window's inner edges), so a few holes do not cost a whole-grid EDT."""
    from scipy.ndimage import distance_transform_edt

    hole = inside & (zones == 0)
    ys, xs = np.nonzero(hole)
    if ys.size == 0:
        return 0
    rows, cols = zones.shape
    y0, y1, x0, x1 = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    margin = 16
    while True:
        a, b = max(0, y0 - margin), min(rows, y1 + margin)
        c, d = max(0, x0 - margin), min(cols, x1 + margin)
        whole = a == 0 and c == 0 and b == rows and d == cols
        known = zones[a:b, c:d] != 0
        if known.any():
            dist, (iy, ix) = distance_transform_edt(~known, return_indices=True)
            hy, hx = ys - a, xs - c
            dd = dist[hy, hx]
            inf = np.inf
            edge = np.minimum.reduce(
                [
                    hy + 1.0 if a > 0 else np.full(hy.shape, inf),
                    (b - a) - hy if b < rows else np.full(hy.shape, inf),
                    hx + 1.0 if c > 0 else np.full(hx.shape, inf),
                    (d - c) - hx if d < cols else np.full(hx.shape, inf),
                ]
            )
            if whole or np.all(dd <= edge):
                zones[ys, xs] = zones[a:b, c:d][iy[hy, hx], ix[hy, hx]]
                return int(ys.size)
        elif whole:
            raise ZoningError(
                tr(TR_CONTEXT, "No cell inside the city has all the inputs: check the rasters' extents and nodata.")
            )
        margin *= 2


@dataclass
class ZoningResult:
    grid: rb.Grid
    scheme: str
    features: list = field(default_factory=list)
    county_stats: list = field(default_factory=list)
    class_path: Optional[str] = None
    mmu_cells: int = 0
    filled_cells: int = 0
    city_area_km2: float = 0.0
    messages: list = field(default_factory=list)


def run_zoning(
    vulnerability: str,
    source_load: str,
    function_value: str,
    pollution: Optional[str] = None,
    scheme: str = "2023",
    city: Sequence = (),
    counties: Sequence = (),
    protection: Sequence = (),
    cfg: Optional[dict] = None,
    reference: Optional[str] = None,
    grid: Optional[rb.Grid] = None,
    resampling: str = "nearest",
    mmu_km2: Optional[float] = None,
    majority: Optional[int] = None,
    version: str = "",
    lang: str = "zh",
    class_path: Optional[str] = None,
    city_code: str = "",
    block_rows: int = rb.BLOCK_ROWS,
    feedback=None,
    pollution_kind: str = "quality_class",
) -> ZoningResult:
    """Zone the city.

    Rasters: ``vulnerability`` (DRASTIC index), ``source_load``, ``function_value``, optional ``pollution``
    raster: ``pollution_kind`` "assessment" = the pollution grade 1-6 of pollution_status.py (cut by
    zoning.breaks.pollution_grade), "quality_class" = GB/T 14848 class 1-5 (the water-quality class, cut by
    zoning.breaks.pollution_status; not a pollution assessment). Target grid: ``grid``, else ``reference``, else the
    vulnerability raster. ``city``: [wkb] of the city boundary (required); ``counties``: [(wkb, code, name)];
    ``protection``: [wkb] of protection/recharge polygons that become protection(-type) zones exactly as given
    (class I first: where they overlap, the earlier one keeps the area).
    ``mmu_km2`` / ``majority`` default to the configuration. Returns polygons (in the grid CRS) clipped to the
    city, with mean scores, area and requirements, and area statistics by county."""
    feedback = feedback or rb.Feedback()
    cfg = cfg or load_config()
    if scheme not in SCHEME_CLASSES:
        raise ZoningError(tr(TR_CONTEXT, "Unknown zoning scheme {s}; use 2019 or 2023.").format(s=scheme))
    zc = cfg["zoning"]
    mmu_km2 = float(zc["minimum_mapping_unit_km2"] if mmu_km2 is None else mmu_km2)
    majority = int(zc["majority_window"] if majority is None else majority)
    if majority and (majority < 3 or majority % 2 == 0):
        raise ZoningError(tr(TR_CONTEXT, "The majority window must be 0 (off) or an odd number >= 3."))
    g = grid.checked() if grid is not None else rb.Grid.from_raster(reference or vulnerability)
    city_geom = rb.union_wkb(city)
    if city_geom is None:
        raise ZoningError(tr(TR_CONTEXT, "The city boundary (admin_units) is empty."))
    res = ZoningResult(g, scheme, class_path=class_path)
    log = res.messages
    version = version or _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    say(
        log,
        feedback,
        tr(TR_CONTEXT, "Zoning scheme {s}, version '{v}', grid {g}.").format(s=scheme, v=version, g=g.describe()),
    )
    if cfg.get("is_default"):
        say(
            log,
            feedback,
            tr(TR_CONTEXT, "Breaks and matrices are DEFAULTS from zoning_defaults.json unless you edited them."),
        )
    for text in describe_rules(cfg, scheme):
        say(log, feedback, text)
    res.mmu_cells = max(1, int(math.ceil(mmu_km2 * 1e6 / g.cell_area - 1e-9))) if mmu_km2 > 0 else 0
    ws = rb.Workspace()
    inputs = {}
    try:
        for name, path in (
            ("vulnerability", vulnerability),
            ("source_load", source_load),
            ("function_value", function_value),
            ("pollution_status", pollution),
        ):
            if path:
                inputs[name] = rb.align(path, g, resampling, ws, label=name)
                say(log, feedback, inputs[name].message)
        city_ds = rb.rasterize_shapes([(city_geom.ExportToWkb(), 1)], g, "", gdal.GDT_Byte, None, all_touched=True)
        pieces = protection_pieces(protection, city_geom.ExportToWkb()) if protection else []
        brk = dict(zc["breaks"])
        luts = block_luts(cfg, scheme)
        if pollution and pollution_kind == "assessment":
            brk["pollution_status"] = grade_breaks(cfg)
            text = tr(TR_CONTEXT, "Pollution status: pollution grade (assessment against background), breaks {b}.")
        elif pollution:
            text = tr(
                TR_CONTEXT,
                "Pollution status: water-quality class (GB/T 14848), breaks {b}; this is not a pollution assessment.",
            )
        if pollution:
            say(log, feedback, text.format(b=" / ".join(f"{b:g}" for b in brk["pollution_status"])))
        zones = np.zeros((g.rows, g.cols), dtype=np.uint8)
        inside = np.zeros((g.rows, g.cols), dtype=bool)
        step = Progress(feedback, 0, 30)
        nblocks = (g.rows + block_rows - 1) // block_rows
        for bi, (yoff, rows) in enumerate(rb.blocks(g, block_rows)):
            rb.check_canceled(feedback)
            lv = {}
            for name, a in inputs.items():
                vals, ok = a.read(yoff, rows)
                lv[name] = level_codes(vals, ok, brk[name])
            # protection polygons are added as exact vectors after polygonising (protection.py)
            z = combine_codes(
                lv["vulnerability"], lv["source_load"], lv["function_value"], lv.get("pollution_status"), luts
            )
            ins = city_ds.GetRasterBand(1).ReadAsArray(0, yoff, g.cols, rows) > 0
            z[~ins] = 0
            zones[yoff : yoff + rows] = z
            inside[yoff : yoff + rows] = ins
            step((bi + 1) / nblocks)
        city_ds = None
        if not inside.any():
            raise ZoningError(tr(TR_CONTEXT, "The city boundary does not overlap the grid."))
        res.filled_cells = _fill_nearest(zones, inside)
        if res.filled_cells:
            say(
                log,
                feedback,
                tr(
                    TR_CONTEXT,
                    "Warning: {n} cells inside the city lacked an input (nodata or outside a raster) and took the "
                    "zone of the nearest cell.",
                ).format(n=res.filled_cells),
            )
        rb.check_canceled(feedback)
        if majority:
            zones = majority_filter(zones, majority, block_rows)
            zones[~inside] = 0
            say(
                log,
                feedback,
                tr(TR_CONTEXT, "Majority filter {k} x {k} applied before polygonising.").format(k=majority),
            )
        feedback.progress(40)
        rb.check_canceled(feedback)
        mem = rb.create_raster("", g, gdal.GDT_Byte, None)
        mem.GetRasterBand(1).WriteArray(zones)
        if res.mmu_cells > 1:
            mask = rb.create_raster("", g, gdal.GDT_Byte, None)
            mask.GetRasterBand(1).WriteArray(inside.astype(np.uint8))
            gdal.SieveFilter(mem.GetRasterBand(1), mask.GetRasterBand(1), mem.GetRasterBand(1), res.mmu_cells, 4)
            mask = None
            zones = mem.GetRasterBand(1).ReadAsArray()
            say(
                log,
                feedback,
                tr(
                    TR_CONTEXT,
                    "Minimum mapping unit {a:g} km2 = {n} cells: smaller patches merged into their largest neighbour "
                    "(gdal.SieveFilter, 4-connected).",
                ).format(a=mmu_km2, n=res.mmu_cells),
            )
        mem = None
        feedback.progress(50)
        if class_path:
            cds = rb.create_raster(class_path, g, gdal.GDT_Byte, 0)
            names = [""] * 7
            for k, c in ZONE_CODES.items():
                names[c] = zone_label(k, "zh") + " / " + zone_label(k, "en")
            rb.set_categories(cds, names, {c: ZONE_COLORS[k] for k, c in ZONE_CODES.items()})
            cds.GetRasterBand(1).WriteArray(zones)
            if pieces:  # the raster shows the protection cells too (the polygons are the exact zones)
                code = ZONE_CODES[zc["schemes"][scheme]["protection_polygons_class"]]
                mem_ds, mem_lyr = rb.memory_layer([(G.multipolygon_wkb(p), code) for p in pieces], g)
                gdal.RasterizeLayer(cds, [1], mem_lyr, options=["ATTRIBUTE=v"])
                del mem_lyr, mem_ds
            cds = None
        # 4-connected regions -> ids, then mean scores per region
        labels, nreg, reg_class = _label_regions(zones)
        del zones
        rb.check_canceled(feedback)
        reg_cells = np.zeros(nreg + 1, dtype=np.int64)
        sums = {n: np.zeros(nreg + 1) for n in inputs}
        cnts = {n: np.zeros(nreg + 1) for n in inputs}
        for yoff, rows in rb.blocks(g, block_rows):
            rb.check_canceled(feedback)
            lab = labels[yoff : yoff + rows].ravel().astype(np.intp)  # weighted bincount is 4x faster on intp
            blk_cells = np.bincount(lab, minlength=nreg + 1)
            reg_cells += blk_cells
            for name, a in inputs.items():
                vals, ok = a.read(yoff, rows)
                if ok.all():  # the common case: no nodata in the block, the cell counts are known
                    sums[name] += np.bincount(lab, weights=vals.ravel(), minlength=nreg + 1)
                    cnts[name] += blk_cells
                else:
                    okr = ok.ravel()
                    sums[name] += np.bincount(lab, weights=np.where(okr, vals.ravel(), 0), minlength=nreg + 1)
                    cnts[name] += np.bincount(lab, weights=okr, minlength=nreg + 1)
        # Regions whose cells no boundary line touches need no geometric clipping / county intersection.
        counties = [c for c in counties if c[0] is not None]
        touch_city = regions_touching(labels, nreg, [city_geom.GetBoundary()], g, block_rows)
        county_geoms = [ogr.CreateGeometryFromWkb(bytes(w)) for w, _c, _n in counties]
        touch_county = regions_touching(labels, nreg, [c.GetBoundary() for c in county_geoms], g, block_rows)
        reg_county = region_county(labels, nreg, county_geoms, g, block_rows)
        feedback.progress(60)
        polys = polygonize(labels, g, feedback, Progress(feedback, 60, 80))
        del labels
        res.features, res.city_area_km2 = clip_features(
            polys, city_geom, reg_class, reg_cells, sums, cnts, cfg, scheme, version, lang, feedback, touch_city
        )
        if pieces:
            res.features = cut_features(res.features, pieces) + protection_features(
                pieces, inputs, g, cfg, scheme, version, lang, block_rows
            )
            say(
                log,
                feedback,
                tr(
                    TR_CONTEXT,
                    "{n} protection polygons ({a:.4f} km2) kept exactly as given (not smoothed, not sieved); the "
                    "zones around them were cut along their boundaries.",
                ).format(n=len(pieces), a=sum(p.area for p in pieces) / 1e6),
            )
        feedback.progress(90)
        assigned = [
            None if f.region <= 0 or touch_county[f.region] else int(reg_county[f.region]) - 1 for f in res.features
        ]
        res.county_stats = county_statistics(res.features, counties, scheme, city_code, assigned)
        total = sum(f.area_km2 for f in res.features)
        by_class = {}
        for f in res.features:
            by_class[f.zone_class] = by_class.get(f.zone_class, 0.0) + f.area_km2
        say(
            log,
            feedback,
            tr(TR_CONTEXT, "{n} zone polygons, {a:.3f} km2 (city {c:.3f} km2): {d}.").format(
                n=len(res.features),
                a=total,
                c=res.city_area_km2,
                d=", ".join(f"{zone_label(k, 'en')} {v:.3f} km2" for k, v in sorted(by_class.items())),
            ),
        )
        feedback.progress(100)
    finally:
        for a in inputs.values():
            a.close()
        ws.close()
    return res


def _label_regions(zones: np.ndarray):
    from scipy.ndimage import label

    four = np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], dtype=bool)
    labels = np.zeros(zones.shape, dtype=np.int32)
    classes = [0]
    n = 0
    for c in _codes_present(zones):
        lab, k = label(zones == c, structure=four)
        np.add(lab, n, out=lab, where=lab > 0)
        labels += lab  # regions of different classes never share a cell
        n += k
        classes += [int(c)] * k
    return labels, n, np.array(classes, dtype=np.uint8)
