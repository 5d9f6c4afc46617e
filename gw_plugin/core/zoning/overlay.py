"""Groundwater pollution prevention zoning: source load, function value and the zoning overlay (2019 and 2023).

Configuration (every score, break and matrix) is resources/reference/zoning_defaults.json: all of it is labelled
DEFAULT because the numeric tables of the guides were not available (../shared/reference/README.md section 3).
``load_config(path)`` merges a user's edited copy over the defaults.

- ``hazard_scores`` + ``run_sourceload``: hazard per pollution source (category score x scale factor x
  operating-status factor, x retrofit_factor when antiseepage_status is done/assessed), spread with an exponential
  or linear distance decay and summed on a grid. The spreading is a convolution of the per-cell hazard sums with
  the decay kernel, done with FFTs one row block (plus a halo of the kernel radius) at a time: 100,000 sources on
  10 million cells take about as long as the bare numpy/scipy expression, in bounded memory. Sources are snapped
  to the centre of their cell.
- ``run_functionvalue``: protection and recharge zones (scores by class/kind x abstraction factor of their
  drinking-water source; the highest covering zone wins) rasterised with gdal.Rasterize, optionally combined with
  a groundwater-quality class raster or points (nearest point within a radius).
- ``run_zoning``: levels (low/medium/high) of vulnerability, source load, function value and pollution status,
  risk = matrix[vulnerability][load], zone = scheme matrix[value][risk], overridden by protection polygons and
  pollution status as configured; nodata cells inside the city take the nearest zone; optional majority filter,
  then gdal.SieveFilter (minimum mapping unit) and gdal.Polygonize of 4-connected regions, clipped to the city
  boundary. Neighbouring polygons share their cell edges exactly, so there are no gaps or overlaps.
  Mean scores per zone, area, requirements text, and area statistics by county.
- ``append_zoning_units``: writes the zones into a project GeoPackage's zoning_units table in one transaction.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import math
import uuid as _uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from ..data.gpkg import utc_now
from . import rasterblocks as rb

LEVELS = ("low", "medium", "high")
LEVEL_NODATA = 255
#: Pixel codes of the zone-class raster (order of the schema's zone_class code list).
ZONE_CODES = {"protection": 1, "prevention": 2, "treatment": 3, "protection_type": 4, "control_type": 5, "general": 6}
ZONE_BY_CODE = {v: k for k, v in ZONE_CODES.items()}
SCHEME_CLASSES = {
    "2019": ("protection", "prevention", "treatment"),
    "2023": ("protection_type", "control_type", "general"),
}
SCORE_NAMES = ("vulnerability", "source_load", "function_value", "pollution_status")
ZONE_COLORS = {
    "protection": "#1a9850",
    "prevention": "#fee08b",
    "treatment": "#d73027",
    "protection_type": "#1a9850",
    "control_type": "#fc8d59",
    "general": "#e0e0e0",
}


def _tr(text: str) -> str:
    return rb._tr(text)


class ZoningError(ValueError):
    """Invalid zoning input or configuration (message meant for the user)."""


# --------------------------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------------------------
def default_config_path() -> Path:
    from ...toolbelt.paths import resource

    return resource("reference", "zoning_defaults.json")


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def load_config(path: Optional[str] = None, overrides: Optional[dict] = None) -> dict:
    """The default configuration with an edited JSON file and/or a dict merged over it (nested keys merge)."""
    with open(default_config_path(), encoding="utf-8") as fh:
        cfg = json.load(fh)
    if path:
        with open(path, encoding="utf-8") as fh:
            cfg = _merge(cfg, json.load(fh))
    if overrides:
        cfg = _merge(cfg, overrides)
    check_config(cfg)
    return cfg


def check_config(cfg: dict) -> None:
    z = cfg["zoning"]
    for name in SCORE_NAMES:
        b = z["breaks"][name]
        if len(b) != 2 or b[1] < b[0]:
            raise ZoningError(_tr("Breaks of {n} must be two increasing numbers.").format(n=name))
    for a in LEVELS:
        for b in LEVELS:
            if z["risk_matrix"][a][b] not in LEVELS:
                raise ZoningError(_tr("Risk matrix entry {a}/{b} must be low, medium or high.").format(a=a, b=b))
    for scheme, classes in SCHEME_CLASSES.items():
        m = z["schemes"][scheme]["matrix"]
        for a in LEVELS:
            for b in LEVELS:
                if m[a][b] not in classes:
                    raise ZoningError(
                        _tr("Scheme {s} matrix entry {a}/{b} must be one of {c}.").format(s=scheme, a=a, b=b, c=classes)
                    )
    fv = cfg["function_value"]
    if len(fv["abstraction_factors"]) != len(fv["abstraction_breaks_m3d"]) + 1:
        raise ZoningError(_tr("abstraction_factors needs one more entry than abstraction_breaks_m3d."))
    sl = cfg["source_load"]
    if sl["decay"] not in ("exponential", "linear"):
        raise ZoningError(_tr("decay must be exponential or linear."))


def requirements_text(cfg: dict, zone_class: str, lang: str = "zh") -> str:
    req = cfg.get("requirements", {}).get(zone_class, {})
    if lang == "both":
        return "\n".join(t for t in (req.get("zh", ""), req.get("en", "")) if t)
    return req.get("zh" if lang.startswith("zh") else "en", "")


def zone_label(zone_class: str, lang: str = "zh") -> str:
    from ..data import schema as S

    return S.codelist("zone_class").label(zone_class, lang)


def describe_rules(cfg: dict, scheme: str) -> list:
    """The breaks and matrices in force, as log lines (every rule of the zoning is visible in the log)."""
    z = cfg["zoning"]
    short = {"low": "L", "medium": "M", "high": "H"}
    lines = [
        _tr("Breaks (a value equal to a break goes up): {b}.").format(
            b="; ".join(f"{n} {z['breaks'][n][0]:g} / {z['breaks'][n][1]:g}" for n in SCORE_NAMES)
        ),
        _tr("Risk = matrix[vulnerability][source load]: {m}.").format(
            m="; ".join(
                "{a}: {r}".format(a=a, r=" ".join(short[z["risk_matrix"][a][b]] for b in LEVELS)) for a in LEVELS
            )
        ),
        _tr("Zone = scheme {s} matrix[function value][risk]: {m}.").format(
            s=scheme,
            m="; ".join(
                "{a}: {r}".format(a=a, r=", ".join(z["schemes"][scheme]["matrix"][a][b] for b in LEVELS))
                for a in LEVELS
            ),
        ),
    ]
    sch = z["schemes"][scheme]
    key = "treatment_pollution_levels" if scheme == "2019" else "control_pollution_levels"
    lines.append(
        _tr("Protection polygons -> {p}; pollution status levels {l} -> {t}.").format(
            p=sch["protection_polygons_class"],
            l=", ".join(sch.get(key, [])) or "-",
            t="treatment" if scheme == "2019" else "control_type",
        )
    )
    return lines


def _say(log: list, feedback, text: str) -> None:
    log.append(text)
    feedback.info(text)


class _Progress:
    """Maps the progress of one step onto a span of the overall 0-100 %."""

    def __init__(self, feedback, start: float, end: float):
        self.feedback, self.start, self.end = feedback, start, end

    def __call__(self, fraction: float) -> None:
        self.feedback.progress(self.start + (self.end - self.start) * max(0.0, min(1.0, fraction)))


# --------------------------------------------------------------------------------------------------------------
# Source load
# --------------------------------------------------------------------------------------------------------------
def hazard_scores(records: Sequence[dict], cfg: dict) -> np.ndarray:
    """Hazard of each source record (dict with category, scale, antiseepage_status, operating_status)."""
    sl = cfg["source_load"]
    cats, scales, ops = sl["category_scores"], sl["scale_factors"], sl.get("operating_status_factors", {})
    done = set(sl["retrofit_done_statuses"])
    out = np.empty(len(records), dtype=np.float64)
    for i, r in enumerate(records):
        h = float(cats.get(r.get("category") or "", sl["unknown_category_score"]))
        h *= float(scales.get(r.get("scale") or "", sl["unknown_scale_factor"]))
        h *= float(ops.get(r.get("operating_status") or "", sl.get("unknown_operating_status_factor", 1.0)))
        if (r.get("antiseepage_status") or "") in done:
            h *= float(sl["retrofit_factor"])
        out[i] = h
    return out


def points_from_shapes(shapes: Sequence):
    """(x, y, row index) arrays from [(wkb, values)]: every part of (multi)points; the centroid of other shapes."""
    xs, ys, idx = [], [], []
    for i, (wkb, _values) in enumerate(shapes):
        g = ogr.CreateGeometryFromWkb(bytes(wkb))
        if g is None or g.IsEmpty():
            continue
        t = ogr.GT_Flatten(g.GetGeometryType())
        if t == ogr.wkbPoint:
            parts = [g]
        elif t == ogr.wkbMultiPoint:
            parts = [g.GetGeometryRef(j) for j in range(g.GetGeometryCount())]
        else:
            parts = [g.Centroid()]
        for p in parts:
            xs.append(p.GetX())
            ys.append(p.GetY())
            idx.append(i)
    return np.array(xs, dtype=float), np.array(ys, dtype=float), np.array(idx, dtype=np.int64)


def decay_kernel(grid: rb.Grid, decay: str, radius_m: float, decay_length_m: float = 0.0) -> np.ndarray:
    """Weights of the cells around a source cell (centre = 1): exponential exp(-d/L) for d <= R, or linear
    1 - d/R for d < R; 0 beyond the radius."""
    if radius_m < 0:
        raise ZoningError(_tr("The decay radius must not be negative."))
    kr = int(math.floor(radius_m / grid.cell_y + 1e-9))
    kc = int(math.floor(radius_m / grid.cell_x + 1e-9))
    dy = np.arange(-kr, kr + 1)[:, None] * grid.cell_y
    dx = np.arange(-kc, kc + 1)[None, :] * grid.cell_x
    d = np.hypot(dy, dx)
    if decay == "exponential":
        if decay_length_m <= 0:
            raise ZoningError(_tr("The decay length must be greater than 0."))
        k = np.where(d <= radius_m + 1e-9, np.exp(-d / decay_length_m), 0.0)
    elif decay == "linear":
        k = np.clip(1.0 - d / radius_m, 0.0, None) if radius_m > 0 else np.ones_like(d)
    else:
        raise ZoningError(_tr("decay must be exponential or linear."))
    return k


@dataclass
class LoadResult:
    grid: rb.Grid
    path: str
    sources_used: int = 0
    sources_outside: int = 0
    total_hazard: float = 0.0
    max_load: float = 0.0
    messages: list = field(default_factory=list)


def _convolve_slab(slab: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    from scipy.signal import fftconvolve

    if kernel.size == 1:
        return slab * kernel[0, 0]
    out = fftconvolve(slab, kernel, mode="valid")
    # FFT round-off leaves values of ~1e-16 x the slab maximum where the true load is 0.
    out[out < 1e-9 * float(slab.max()) * float(kernel.max())] = 0.0
    return out


def run_sourceload(
    xs,
    ys,
    hazards,
    grid: rb.Grid,
    path: str,
    decay: str = "exponential",
    radius_m: float = 2000.0,
    decay_length_m: float = 500.0,
    block_rows: int = rb.BLOCK_ROWS,
    feedback=None,
) -> LoadResult:
    """Sum of decayed hazards on ``grid`` written to ``path`` (Float32; 0 = no load, no nodata).

    Each row block carries a halo of the kernel radius; 512-row blocks measured as fast as 1024-row ones on the
    benchmark, with a lower memory peak (about 220 MB for 4,000 columns and a 133 x 133 kernel)."""
    feedback = feedback or rb.Feedback()
    res = LoadResult(grid, path)
    kernel = decay_kernel(grid, decay, radius_m, decay_length_m)
    kr, kc = kernel.shape[0] // 2, kernel.shape[1] // 2
    h = np.asarray(hazards, dtype=np.float64)
    row, col = grid.cell_of(xs, ys)
    keep = (row >= -kr) & (row < grid.rows + kr) & (col >= -kc) & (col < grid.cols + kc) & (h != 0)
    res.sources_used = int(np.count_nonzero(keep))
    res.sources_outside = int(h.size - res.sources_used)
    order = np.argsort(row[keep], kind="stable")
    row, col, h = row[keep][order], col[keep][order], h[keep][order]
    res.total_hazard = float(h.sum())
    width = grid.cols + 2 * kc
    out = rb.create_raster(path, grid, gdal.GDT_Float32, None)
    band = out.GetRasterBand(1)
    nblocks = (grid.rows + block_rows - 1) // block_rows
    _say(
        res.messages,
        feedback,
        _tr(
            "Source load: {n} sources ({o} outside the grid and its decay halo, or with zero hazard), {d} decay, "
            "radius {r:g} m{l}; kernel {kh} x {kw} cells; grid {g}."
        ).format(
            n=res.sources_used,
            o=res.sources_outside,
            d=decay,
            r=radius_m,
            l=(f", decay length {decay_length_m:g} m" if decay == "exponential" else ""),
            kh=kernel.shape[0],
            kw=kernel.shape[1],
            g=grid.describe(),
        ),
    )
    for bi, (yoff, rows) in enumerate(rb.blocks(grid, block_rows)):
        rb.check_canceled(feedback)
        r0 = yoff - kr
        r1 = yoff + rows + kr
        a, b = np.searchsorted(row, r0, side="left"), np.searchsorted(row, r1, side="left")
        if b > a:
            idx = (row[a:b] - r0) * width + (col[a:b] + kc)
            slab = np.bincount(idx, weights=h[a:b], minlength=(r1 - r0) * width).reshape(r1 - r0, width)
            block = _convolve_slab(slab, kernel).astype(np.float32)
        else:
            block = np.zeros((rows, grid.cols), dtype=np.float32)
        res.max_load = max(res.max_load, float(block.max()) if block.size else 0.0)
        band.WriteArray(block, 0, yoff)
        feedback.progress(100.0 * (bi + 1) / nblocks)
    out = None
    _say(res.messages, feedback, _tr("Maximum load {m:.3f}.").format(m=res.max_load))
    return res


def bare_sourceload(xs, ys, hazards, grid: rb.Grid, kernel: np.ndarray) -> np.ndarray:
    """The same arithmetic on the whole grid at once (reference for tests and the benchmark)."""
    from scipy.signal import fftconvolve

    row, col = grid.cell_of(xs, ys)
    kr, kc = kernel.shape[0] // 2, kernel.shape[1] // 2
    h = np.asarray(hazards, dtype=np.float64)
    keep = (row >= -kr) & (row < grid.rows + kr) & (col >= -kc) & (col < grid.cols + kc)
    H, W = grid.rows + 2 * kr, grid.cols + 2 * kc
    dens = np.bincount((row[keep] + kr) * W + col[keep] + kc, weights=h[keep], minlength=H * W).reshape(H, W)
    return fftconvolve(dens, kernel, mode="valid")


# --------------------------------------------------------------------------------------------------------------
# Function value
# --------------------------------------------------------------------------------------------------------------
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
        _say(
            res.messages,
            feedback,
            _tr(
                "Function value: {n} protection/recharge zones rasterised ({u} with an unknown class skipped); "
                "outside them the score is {o:g}."
            ).format(n=res.zones_used, u=res.zones_unknown, o=outside),
        )
        qlut = np.zeros(256, dtype=np.float32)
        for k, v in fv["quality_scores"].items():
            qlut[int(k)] = float(v)
        if quality_raster:
            qual = rb.align(quality_raster, grid, "nearest", ws, label="water quality")
            _say(res.messages, feedback, qual.message)
        elif quality_points:
            from scipy.spatial import cKDTree

            pts = np.array([(float(x), float(y)) for x, y, _c in quality_points], dtype=float)
            pcls = np.array([_quality_class(c) for _x, _y, c in quality_points], dtype=np.int64)
            ok = pcls > 0
            pts, pcls = pts[ok], pcls[ok]
            if len(pts):
                tree = cKDTree(pts)
            _say(
                res.messages,
                feedback,
                _tr("Water quality from {n} points (nearest within {r:g} m).").format(
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
            _say(
                res.messages,
                feedback,
                _tr(
                    "Quality known on {n} cells: value = {a:g} x zone score + {b:g} x quality score there; "
                    "zone score alone elsewhere."
                ).format(n=res.quality_cells, a=wz, b=wq),
            )
        if fv.get("is_default"):
            _say(res.messages, feedback, _tr("Function-value scores are DEFAULTS (zoning_defaults.json); edit them."))
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


# --------------------------------------------------------------------------------------------------------------
# Zoning
# --------------------------------------------------------------------------------------------------------------
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
        raise ZoningError(_tr("The majority window must be 15 cells or less."))
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
            raise ZoningError(_tr("No cell inside the city has all the inputs: check the rasters' extents and nodata."))
        margin *= 2


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
) -> ZoningResult:
    """Zone the city.

    Rasters: ``vulnerability`` (DRASTIC index), ``source_load``, ``function_value``, optional ``pollution``
    (GB/T 14848 class 1-5 or a score on that scale). Target grid: ``grid``, else ``reference``, else the
    vulnerability raster. ``city``: [wkb] of the city boundary (required); ``counties``: [(wkb, code, name)];
    ``protection``: [wkb] of protection/recharge polygons that become protection(-type) zones directly.
    ``mmu_km2`` / ``majority`` default to the configuration. Returns polygons (in the grid CRS) clipped to the
    city, with mean scores, area and requirements, and area statistics by county."""
    feedback = feedback or rb.Feedback()
    cfg = cfg or load_config()
    if scheme not in SCHEME_CLASSES:
        raise ZoningError(_tr("Unknown zoning scheme {s}; use 2019 or 2023.").format(s=scheme))
    zc = cfg["zoning"]
    mmu_km2 = float(zc["minimum_mapping_unit_km2"] if mmu_km2 is None else mmu_km2)
    majority = int(zc["majority_window"] if majority is None else majority)
    if majority and (majority < 3 or majority % 2 == 0):
        raise ZoningError(_tr("The majority window must be 0 (off) or an odd number >= 3."))
    city_geom = rb.union_wkb(city)
    if city_geom is None:
        raise ZoningError(_tr("The city boundary (admin_units) is empty."))
    g = grid or rb.Grid.from_raster(reference or vulnerability)
    res = ZoningResult(g, scheme, class_path=class_path)
    log = res.messages
    version = version or _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    _say(log, feedback, _tr("Zoning scheme {s}, version '{v}', grid {g}.").format(s=scheme, v=version, g=g.describe()))
    if cfg.get("is_default"):
        _say(log, feedback, _tr("Breaks and matrices are DEFAULTS from zoning_defaults.json unless you edited them."))
    for text in describe_rules(cfg, scheme):
        _say(log, feedback, text)
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
                _say(log, feedback, inputs[name].message)
        city_ds = rb.rasterize_shapes([(city_geom.ExportToWkb(), 1)], g, "", gdal.GDT_Byte, None, all_touched=True)
        prot_ds = rb.rasterize_shapes([(w, 1) for w in protection], g, "", gdal.GDT_Byte, None) if protection else None
        brk = zc["breaks"]
        zones = np.zeros((g.rows, g.cols), dtype=np.uint8)
        inside = np.zeros((g.rows, g.cols), dtype=bool)
        step = _Progress(feedback, 0, 30)
        nblocks = (g.rows + block_rows - 1) // block_rows
        for bi, (yoff, rows) in enumerate(rb.blocks(g, block_rows)):
            rb.check_canceled(feedback)
            lv = {}
            for name, a in inputs.items():
                vals, ok = a.read(yoff, rows)
                lv[name] = level_of(vals, ok, brk[name])
            prot = prot_ds.GetRasterBand(1).ReadAsArray(0, yoff, g.cols, rows) > 0 if prot_ds else None
            z = combine(
                lv["vulnerability"],
                lv["source_load"],
                lv["function_value"],
                lv.get("pollution_status"),
                prot,
                cfg,
                scheme,
            )
            ins = city_ds.GetRasterBand(1).ReadAsArray(0, yoff, g.cols, rows) > 0
            z[~ins] = 0
            zones[yoff : yoff + rows] = z
            inside[yoff : yoff + rows] = ins
            step((bi + 1) / nblocks)
        city_ds = prot_ds = None
        if not inside.any():
            raise ZoningError(_tr("The city boundary does not overlap the grid."))
        res.filled_cells = _fill_nearest(zones, inside)
        if res.filled_cells:
            _say(
                log,
                feedback,
                _tr(
                    "Warning: {n} cells inside the city lacked an input (nodata or outside a raster) and took the "
                    "zone of the nearest cell."
                ).format(n=res.filled_cells),
            )
        rb.check_canceled(feedback)
        if majority:
            zones = majority_filter(zones, majority, block_rows)
            zones[~inside] = 0
            _say(log, feedback, _tr("Majority filter {k} x {k} applied before polygonising.").format(k=majority))
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
            _say(
                log,
                feedback,
                _tr(
                    "Minimum mapping unit {a:g} km2 = {n} cells: smaller patches merged into their largest neighbour "
                    "(gdal.SieveFilter, 4-connected)."
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
        touch_city = _regions_touching(labels, nreg, [city_geom.GetBoundary()], g, block_rows)
        county_geoms = [ogr.CreateGeometryFromWkb(bytes(w)) for w, _c, _n in counties]
        touch_county = _regions_touching(labels, nreg, [c.GetBoundary() for c in county_geoms], g, block_rows)
        reg_county = _region_county(labels, nreg, county_geoms, g, block_rows)
        feedback.progress(60)
        polys = _polygonize(labels, g, feedback, _Progress(feedback, 60, 80))
        del labels
        res.features, res.city_area_km2 = _clip_features(
            polys, city_geom, reg_class, reg_cells, sums, cnts, cfg, scheme, version, lang, feedback, touch_city
        )
        feedback.progress(90)
        assigned = [None if touch_county[f.region] else int(reg_county[f.region]) - 1 for f in res.features]
        res.county_stats = county_statistics(res.features, counties, scheme, city_code, assigned)
        total = sum(f.area_km2 for f in res.features)
        by_class = {}
        for f in res.features:
            by_class[f.zone_class] = by_class.get(f.zone_class, 0.0) + f.area_km2
        _say(
            log,
            feedback,
            _tr("{n} zone polygons, {a:.3f} km2 (city {c:.3f} km2): {d}.").format(
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


def _polygonize(labels: np.ndarray, g: rb.Grid, feedback, progress) -> dict:
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


def _regions_touching(labels: np.ndarray, nreg: int, lines: Sequence, g: rb.Grid, block_rows: int) -> np.ndarray:
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


def _region_county(labels: np.ndarray, nreg: int, county_geoms: Sequence, g: rb.Grid, block_rows: int) -> np.ndarray:
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


def _clip_features(
    polys, city_geom, reg_class, reg_cells, sums, cnts, cfg, scheme, version, lang, feedback, touch_city=None
):
    feats = []
    city_area = city_geom.GetArea()
    cenv = city_geom.GetEnvelope()
    for rid, geom in sorted(polys.items()):
        rb.check_canceled(feedback)
        env = geom.GetEnvelope()
        if env[0] > cenv[1] or env[1] < cenv[0] or env[2] > cenv[3] or env[3] < cenv[2]:
            continue
        if touch_city is not None and not touch_city[rid]:
            clipped = geom  # all its cells lie inside the city
        else:
            clipped = _polygonal(geom.Intersection(city_geom))
        if clipped is None:
            continue
        area = clipped.GetArea()
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
                bytes(ogr.ForceToMultiPolygon(clipped).ExportToIsoWkb()),
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


def _polygonal(geom):
    """The polygon parts of a geometry (intersections may add lines/points where boundaries touch)."""
    if geom is None:
        return None
    t = ogr.GT_Flatten(geom.GetGeometryType())
    if t in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        return geom
    if t == ogr.wkbGeometryCollection:
        mp = ogr.Geometry(ogr.wkbMultiPolygon)
        for i in range(geom.GetGeometryCount()):
            part = geom.GetGeometryRef(i)
            pt = ogr.GT_Flatten(part.GetGeometryType())
            if pt == ogr.wkbPolygon:
                mp.AddGeometry(part)
            elif pt == ogr.wkbMultiPolygon:
                for j in range(part.GetGeometryCount()):
                    mp.AddGeometry(part.GetGeometryRef(j))
        return mp if mp.GetGeometryCount() else None
    return None


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
        county_geoms.append((cg, cg.GetEnvelope(), str(code or ""), str(name or "")))
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
        geom = ogr.CreateGeometryFromWkb(f.wkb)
        env = geom.GetEnvelope()
        best, best_area = city_code, 0.0
        for cg, cenv, code, name in county_geoms:
            if env[0] > cenv[1] or env[1] < cenv[0] or env[2] > cenv[3] or env[3] < cenv[2]:
                continue
            inter = _polygonal(geom.Intersection(cg))
            a = inter.GetArea() if inter is not None and not inter.IsEmpty() else 0.0
            if a <= 0:
                continue
            key = (code, f.zone_class)
            if key not in rows:
                rows[key] = {"county_code": code, "county_name": name, "area_m2": 0.0}
            rows[key]["area_m2"] += a
            if a > best_area:
                best, best_area = code, a
        f.county_code = best
    county_area = {code: cg.GetArea() for cg, _e, code, _n in county_geoms}
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


# --------------------------------------------------------------------------------------------------------------
# GeoPackage output
# --------------------------------------------------------------------------------------------------------------
def append_zoning_units(
    gpkg_path: str, features: Sequence, crs_wkt: str = "", created_by: str = "gwplugin:zoning"
) -> int:
    """Append the zones to the zoning_units table of a project GeoPackage in ONE transaction (all or nothing).

    Geometries are transformed from ``crs_wkt`` to the table's CRS when they differ. Returns the rows written."""
    ds = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR | gdal.OF_UPDATE)
    if ds is None:
        raise ZoningError(_tr("Cannot open {p}.").format(p=gpkg_path))
    lyr = ds.GetLayerByName("zoning_units")
    if lyr is None:
        raise ZoningError(_tr("{p} has no zoning_units table; is it a gw_plugin project database?").format(p=gpkg_path))
    transform = None
    dst = lyr.GetSpatialRef()
    if crs_wkt and dst is not None:
        src = osr.SpatialReference()
        src.ImportFromWkt(crs_wkt)
        src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        dst = dst.Clone()
        dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if not src.IsSame(dst):
            transform = osr.CoordinateTransformation(src, dst)
    now = utc_now()
    defn = lyr.GetLayerDefn()
    n = 0
    ds.StartTransaction()
    try:
        for f in features:
            if not f.county_code or len(f.county_code) != 6 or not f.county_code.isdigit():
                raise ZoningError(
                    _tr("A zone has no valid 6-digit county code ({c}); give the city code.").format(c=f.county_code)
                )
            feat = ogr.Feature(defn)
            geom = ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkb(f.wkb))
            if transform is not None:
                geom.Transform(transform)
            feat.SetGeometry(geom)
            feat.SetField("uuid", str(_uuid.uuid4()))
            feat.SetField("county_code", f.county_code)
            feat.SetField("created_at", now)
            feat.SetField("created_by", created_by)
            feat.SetField("updated_at", now)
            feat.SetField("updated_by", created_by)
            feat.SetField("scheme", f.scheme)
            feat.SetField("zone_class", f.zone_class)
            feat.SetField("version", f.version)
            for name in SCORE_NAMES:
                if f.scores.get(name) is not None:
                    feat.SetField(name, float(f.scores[name]))
            feat.SetField("area_km2", float(f.area_km2))
            feat.SetField("requirements", f.requirements)
            if lyr.CreateFeature(feat) != 0:
                raise ZoningError(_tr("Writing a zone failed."))
            n += 1
        ds.CommitTransaction()
    except Exception:
        ds.RollbackTransaction()
        raise
    finally:
        ds = None
    return n
