"""Groundwater pollution prevention zoning: the function-value raster.

``run_functionvalue``: protection and recharge zones (scores by class/kind x abstraction factor of their
drinking-water source; the highest covering zone wins) rasterised with gdal.Rasterize, optionally combined with
a groundwater-quality class raster or points (nearest point within a radius).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal

from ...toolbelt.i18n import tr
from . import rasterblocks as rb
from .config import load_config, say

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)


def abstraction_factor(value, cfg: dict) -> float:
    fv = cfg["function_value"]
    if value is None:
        return float(fv["unknown_abstraction_factor"])
    try:
        q = float(value)
    except (TypeError, ValueError):
        return float(fv["unknown_abstraction_factor"])
    i = int(np.searchsorted(np.asarray(fv["abstraction_breaks_m3d"], dtype=float), q, side="right"))
    return float(fv["abstraction_factors"][i])


@dataclass
class ValueResult:
    grid: rb.Grid
    path: str
    zones_used: int = 0
    zones_unknown: int = 0
    quality_cells: int = 0
    messages: list = field(default_factory=list)


def run_functionvalue(
    grid: rb.Grid,
    path: str,
    protection: Sequence = (),
    recharge: Sequence = (),
    abstraction: Optional[dict] = None,
    quality_raster: Optional[str] = None,
    quality_points: Optional[Sequence] = None,
    cfg: Optional[dict] = None,
    block_rows: int = rb.BLOCK_ROWS,
    feedback=None,
) -> ValueResult:
    """Function-value score raster (Float32).

    ``protection``: [(wkb, zone_class, water_source_uuid)]; ``recharge``: [(wkb, kind, water_source_uuid)];
    ``abstraction``: {water_source_uuid: abstraction_m3d}; quality as a class raster (GB/T 14848 class 1-5,
    nearest resampling) or points [(x, y, class)] (nearest point within quality_point_radius_m)."""
    feedback = feedback or rb.Feedback()
    cfg = cfg or load_config()
    fv = cfg["function_value"]
    abstraction = abstraction or {}
    grid = grid.checked()
    res = ValueResult(grid, path)
    shapes = []
    for wkb, cls, src in protection:
        s = fv["protection_zone_scores"].get(cls or "")
        if s is None:
            res.zones_unknown += 1
            continue
        shapes.append((wkb, float(s) * abstraction_factor(abstraction.get(src), cfg)))
    for wkb, kind, src in recharge:
        s = fv["recharge_zone_scores"].get(kind or "")
        if s is None:
            res.zones_unknown += 1
            continue
        shapes.append((wkb, float(s) * abstraction_factor(abstraction.get(src), cfg)))
    shapes.sort(key=lambda t: t[1])  # burnt in ascending order: the highest covering zone wins
    res.zones_used = len(shapes)
    outside = float(fv["outside_score"])
    ws = rb.Workspace()
    qual = None
    tree = None
    try:
        zone_ds = rb.rasterize_shapes(shapes, grid, ws.file("zones"), gdal.GDT_Float32, None)
        say(
            res.messages,
            feedback,
            tr(
                TR_CONTEXT,
                "Function value: {n} protection/recharge zones rasterised ({u} with an unknown class skipped); "
                "outside them the score is {o:g}.",
            ).format(n=res.zones_used, u=res.zones_unknown, o=outside),
        )
        qlut = np.zeros(256, dtype=np.float32)
        for k, v in fv["quality_scores"].items():
            qlut[int(k)] = float(v)
        if quality_raster:
            qual = rb.align(quality_raster, grid, "nearest", ws, label="water quality")
            say(res.messages, feedback, qual.message)
        elif quality_points:
            from scipy.spatial import cKDTree

            pts = np.array([(float(x), float(y)) for x, y, _c in quality_points], dtype=float)
            pcls = np.array([_quality_class(c) for _x, _y, c in quality_points], dtype=np.int64)
            ok = pcls > 0
            pts, pcls = pts[ok], pcls[ok]
            if len(pts):
                tree = cKDTree(pts)
            say(
                res.messages,
                feedback,
                tr(TR_CONTEXT, "Water quality from {n} points (nearest within {r:g} m).").format(
                    n=len(pts), r=fv["quality_point_radius_m"]
                ),
            )
        wz, wq = float(fv["zone_weight"]), float(fv["quality_weight"])
        out = rb.create_raster(path, grid, gdal.GDT_Float32, rb.FLOAT_NODATA)
        nblocks = (grid.rows + block_rows - 1) // block_rows
        for bi, (yoff, rows) in enumerate(rb.blocks(grid, block_rows)):
            rb.check_canceled(feedback)
            z = zone_ds.GetRasterBand(1).ReadAsArray(0, yoff, grid.cols, rows).astype(np.float32)
            z[z == 0] = outside
            q = None
            if qual is not None:
                qv, qok = qual.read(yoff, rows)
                qc = np.where(qok, np.rint(qv), 0).astype(np.int64)
                qc[(qc < 0) | (qc > 255)] = 0
                q = qlut[qc]
            elif tree is not None:
                x, y = grid.centres(yoff, rows)
                xx, yy = np.meshgrid(x, y)
                dist, ii = tree.query(
                    np.column_stack([xx.ravel(), yy.ravel()]), distance_upper_bound=fv["quality_point_radius_m"]
                )
                found = np.isfinite(dist)
                qc = np.zeros(dist.size, dtype=np.int64)
                qc[found] = pcls[ii[found]]
                q = qlut[qc].reshape(rows, grid.cols)
            if q is not None:
                has = q > 0
                res.quality_cells += int(np.count_nonzero(has))
                z = np.where(has, wz * z + wq * q, z).astype(np.float32)
            out.GetRasterBand(1).WriteArray(z, 0, yoff)
            feedback.progress(100.0 * (bi + 1) / nblocks)
        out = None
        if qual is not None or tree is not None:
            say(
                res.messages,
                feedback,
                tr(
                    TR_CONTEXT,
                    "Quality known on {n} cells: value = {a:g} x zone score + {b:g} x quality score there; "
                    "zone score alone elsewhere.",
                ).format(n=res.quality_cells, a=wz, b=wq),
            )
        if fv.get("is_default"):
            say(
                res.messages,
                feedback,
                tr(TR_CONTEXT, "Function-value scores are DEFAULTS (zoning_defaults.json); edit them."),
            )
    finally:
        if qual is not None:
            qual.close()
        zone_ds = None
        ws.close()
    return res


def _quality_class(value) -> int:
    """GB/T 14848 class as 1..5 from 1..5, 'I'..'V' or 'III类'; 0 when unknown."""
    if value is None:
        return 0
    s = str(value).strip().upper().replace("类", "")
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
    if s in roman:
        return roman[s]
    try:
        v = int(round(float(s)))
    except ValueError:
        return 0
    return v if 1 <= v <= 5 else 0
