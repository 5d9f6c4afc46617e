"""DRASTIC intrinsic vulnerability (Aller et al. 1987, EPA/600/2-85/018) computed block-wise on a raster grid.

index = D_r*D_w + R_r*R_w + A_r*A_w + S_r*S_w + T_r*T_w + I_r*I_w + C_r*C_w  (ratings 1-10; weights standard
5,4,3,2,1,5,3 or pesticide 5,4,3,5,3,4,2 or custom). The rating tables live in
resources/reference/drastic_ratings.json (every value with its source; disputed values flagged) and can be
replaced by an edited copy.

Band edges: range bands are half-open [lower, upper). A value EQUAL to a band limit belongs to the next band,
e.g. depth 1.52 m is rated 9 (the "<1.52 m -> 10" band does not contain 1.52), slope 2 % is rated 9.

Each factor comes as a raw raster (rated here), an already rated raster (1-10, checked), or polygons with a
value per feature (a raw number, a class code/key/name, or a rating). All rasters are aligned onto one target
grid (the first raster or a reference) with an explicit resampling method that is reported; any factor nodata
gives index nodata. Work is done in row blocks (rasterblocks.BLOCK_ROWS) so memory stays bounded.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal

from ...toolbelt.i18n import tr
from . import rasterblocks as rb

TR_CONTEXT = "gw_rasterblocks"  # the translation context of this module's texts

FACTORS = ("D", "R", "A", "S", "T", "I", "C")
FACTOR_NAMES = {
    "D": "depth_to_water",
    "R": "net_recharge",
    "A": "aquifer_media",
    "S": "soil_media",
    "T": "slope",
    "I": "vadose_media",
    "C": "hydraulic_conductivity",
}
INDEX_NODATA = rb.FLOAT_NODATA
CLASS_NODATA = 0
KARST_NODATA = 255
MAX_CLASSES = 8


class DrasticError(ValueError):
    """Invalid DRASTIC input (message meant for the user)."""


def default_table_path() -> Path:
    from ...toolbelt.paths import resource

    return resource("reference", "drastic_ratings.json")


def load_tables(path: Optional[str] = None) -> dict:
    """The rating tables: the shipped defaults, with any factor/weights/class_breaks replaced from ``path``."""
    with open(default_table_path(), encoding="utf-8") as fh:
        tables = json.load(fh)
    if path:
        with open(path, encoding="utf-8") as fh:
            user = json.load(fh)
        for key in ("weights", "class_breaks"):
            if key in user:
                tables[key] = {**tables.get(key, {}), **user[key]}
        for fac, spec in (user.get("factors") or {}).items():
            if fac not in FACTORS:
                raise DrasticError(tr(TR_CONTEXT, "Unknown DRASTIC factor {f} in {p}.").format(f=fac, p=path))
            tables["factors"][fac] = spec
    check_tables(tables)
    return tables


def check_tables(tables: dict) -> None:
    for fac in FACTORS:
        spec = tables["factors"].get(fac)
        if spec is None:
            raise DrasticError(tr(TR_CONTEXT, "The rating table has no factor {f}.").format(f=fac))
        if spec["kind"] == "ranges":
            limits = [b["below"] for b in spec["bands"][:-1]]
            if spec["bands"][-1]["below"] is not None or any(v is None for v in limits):
                raise DrasticError(
                    tr(TR_CONTEXT, "Factor {f}: only the last band may be open ('below': null).").format(f=fac)
                )
            if any(b <= a for a, b in zip(limits, limits[1:])):
                raise DrasticError(tr(TR_CONTEXT, "Factor {f}: band limits must increase.").format(f=fac))
            ratings = [b["rating"] for b in spec["bands"]]
        elif spec["kind"] == "classes":
            codes = [c["code"] for c in spec["classes"]]
            if len(set(codes)) != len(codes) or min(codes) < 0 or max(codes) > 65535:
                raise DrasticError(
                    tr(TR_CONTEXT, "Factor {f}: class codes must be unique integers 0-65535.").format(f=fac)
                )
            ratings = [c["rating"] for c in spec["classes"]]
        else:
            raise DrasticError(tr(TR_CONTEXT, "Factor {f}: unknown kind {k}.").format(f=fac, k=spec["kind"]))
        if any(not (1 <= r <= 10) for r in ratings):
            raise DrasticError(tr(TR_CONTEXT, "Factor {f}: ratings must be 1-10.").format(f=fac))


def weights_for(choice, tables: Optional[dict] = None) -> dict:
    """Weights {factor: w} for 'standard', 'pesticide', a dict, or a sequence of seven numbers in DRASTIC order."""
    tables = tables or load_tables()
    if isinstance(choice, str):
        if choice not in tables["weights"]:
            raise DrasticError(tr(TR_CONTEXT, "Unknown weight set {w}.").format(w=choice))
        w = tables["weights"][choice]
        return {f: float(w[f]) for f in FACTORS}
    if isinstance(choice, dict):
        missing = [f for f in FACTORS if f not in choice]
        if missing:
            raise DrasticError(tr(TR_CONTEXT, "Custom weights lack {m}.").format(m=", ".join(missing)))
        w = {f: float(choice[f]) for f in FACTORS}
    else:
        vals = [float(v) for v in choice]
        if len(vals) != 7:
            raise DrasticError(tr(TR_CONTEXT, "Give seven weights in the order D, R, A, S, T, I, C."))
        w = dict(zip(FACTORS, vals))
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise DrasticError(tr(TR_CONTEXT, "Weights must be non-negative and not all zero."))
    return w


def parse_numbers(text: str) -> list:
    """'100, 120;140 160' -> [100.0, 120.0, 140.0, 160.0] (empty -> [])."""
    parts = [p for p in str(text or "").replace(";", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        return [float(p) for p in parts]
    except ValueError:
        raise DrasticError(tr(TR_CONTEXT, "Not a list of numbers: {t}").format(t=text)) from None


# --------------------------------------------------------------------------------------------------------------
# Rating
# --------------------------------------------------------------------------------------------------------------
class Rater:
    """Rates raw values of one factor with its table (vectorised)."""

    def __init__(self, factor: str, spec: dict):
        self.factor = factor
        self.spec = spec
        self.kind = spec["kind"]
        if self.kind == "ranges":
            self.limits = np.array([b["below"] for b in spec["bands"][:-1]], dtype=np.float64)
            self.ratings = np.array([b["rating"] for b in spec["bands"]], dtype=np.float32)
            self.limits32 = self.limits.astype(np.float32)
        else:
            classes = spec["classes"]
            size = max(c["code"] for c in classes) + 1
            self.lut = np.zeros(size, dtype=np.float32)  # 0 = unknown code -> nodata
            for c in classes:
                self.lut[c["code"]] = c["rating"]
            self.lut8 = np.zeros(256, dtype=np.float32)
            self.lut8[: min(256, size)] = self.lut[:256]
            self.lut16 = np.zeros(65536, dtype=np.float32)
            self.lut16[: min(65536, size)] = self.lut[:65536]
            self.names = {}
            for c in classes:
                for k in ("key", "zh", "en"):
                    if c.get(k):
                        self.names[str(c[k]).strip().lower()] = c["rating"]
                self.names[str(c["code"])] = c["rating"]

    def rate_array(self, values: np.ndarray, valid: np.ndarray):
        """(ratings float32, valid) for a block of raw values; invalid cells rate 0."""
        if self.kind == "ranges":
            # searchsorted side='right': a value equal to a limit goes to the band starting at that limit.
            v = values if values.dtype == np.float64 else values.astype(np.float32, copy=False)
            lim = self.limits if values.dtype == np.float64 else self.limits32
            if len(lim) <= 16:
                # the same index as searchsorted(side='right') = the number of limits <= value, counted with one
                # comparison per limit into uint8: about 6x faster than the search for DRASTIC's 4-6 limits
                # (invalid cells, NaN included, are masked by ``valid`` either way)
                idx = np.zeros(v.shape, dtype=np.uint8)
                ge = np.empty(v.shape, dtype=bool)
                for limit in lim:
                    np.greater_equal(v, limit, out=ge)
                    idx += ge.view(np.uint8)
            else:
                idx = np.searchsorted(lim, v, side="right")
            r = self.ratings[idx]
            return r, valid
        if values.dtype in (np.uint8, np.uint16) and self.lut.size <= 65536:
            # class codes stored as small unsigned integers: one lookup, no conversion (the common case)
            lut = self.lut8 if values.dtype == np.uint8 else self.lut16
            r = lut[values]
            return r, valid & (r > 0)
        codes = np.where(valid, values, 0)
        if codes.dtype.kind == "f":
            rounded = np.rint(codes)
            valid = valid & (rounded == codes)
            codes = rounded
        codes = codes.astype(np.int64, copy=False)
        inside = (codes >= 0) & (codes < self.lut.size)
        r = self.lut[np.where(inside, codes, 0)]
        valid = valid & inside & (r > 0)
        return r, valid

    def rate_value(self, value) -> Optional[float]:
        """Rating of one value (a number for ranges; a code, key or name for classes); None when unknown."""
        if value is None:
            return None
        if self.kind == "ranges":
            try:
                v = float(value)
            except (TypeError, ValueError):
                return None
            return float(self.ratings[int(np.searchsorted(self.limits, v, side="right"))])
        key = str(value).strip().lower()
        if key.endswith(".0"):
            key = key[:-2]
        r = self.names.get(key)
        return None if r is None else float(r)


SLOPE_UNITS = ("percent", "degrees")


def tables_for_slope_unit(tables: dict, unit: str) -> dict:
    """The rating tables for a slope (T) raster in ``unit``: the slope bands are in percent (Aller et al. 1987);
    for degrees (what QGIS's slope tool writes) each band limit becomes atan(limit / 100) in degrees."""
    if unit not in SLOPE_UNITS:
        raise DrasticError(tr(TR_CONTEXT, "The slope unit is percent or degrees."))
    if unit == "percent":
        return tables
    t = copy.deepcopy(tables)
    spec = t["factors"]["T"]
    for band in spec["bands"]:
        if band.get("below") is not None:
            band["below"] = math.degrees(math.atan(float(band["below"]) / 100.0))
    spec["unit"] = "degrees"
    return t


def classify(index: np.ndarray, valid: np.ndarray, breaks: Sequence[float]) -> np.ndarray:
    """Class codes 1..len(breaks)+1 (a value equal to a break goes to the higher class); 0 where invalid."""
    b = np.asarray(breaks, dtype=index.dtype)
    if len(b) <= 16:  # searchsorted(side='right') + 1 counted with one comparison per break (several times faster)
        cls = np.ones(index.shape, dtype=np.uint8)
        ge = np.empty(index.shape, dtype=bool)
        for brk in b:
            np.greater_equal(index, brk, out=ge)
            cls += ge.view(np.uint8)
    else:
        cls = (np.searchsorted(b, index, side="right") + 1).astype(np.uint8)
    cls[~valid] = CLASS_NODATA
    return cls


# --------------------------------------------------------------------------------------------------------------
# Inputs and run
# --------------------------------------------------------------------------------------------------------------
@dataclass
class FactorInput:
    """One DRASTIC factor: ``raster`` path, or ``shapes`` [(wkb, value)] from polygons; ``rated`` = values are
    already ratings 1-10."""

    factor: str
    raster: Optional[str] = None
    band: int = 1
    shapes: Optional[list] = None
    rated: bool = False
    label: str = ""


@dataclass
class DrasticResult:
    grid: rb.Grid
    index_path: str
    class_path: Optional[str]
    karst_path: Optional[str]
    weights: dict
    breaks: list
    valid_cells: int = 0
    nodata_cells: int = 0
    karst_cells: int = 0
    index_min: Optional[float] = None
    index_max: Optional[float] = None
    index_mean: Optional[float] = None
    class_counts: dict = field(default_factory=dict)
    messages: list = field(default_factory=list)


def _reference_grid(inputs: dict, reference: Optional[str], grid: Optional[rb.Grid]) -> rb.Grid:
    if grid is not None:
        return grid.checked()
    if reference:
        return rb.Grid.from_raster(reference)
    for fac in FACTORS:
        inp = inputs.get(fac)
        if inp is not None and inp.raster:
            return rb.Grid.from_raster(inp.raster)
    raise DrasticError(
        tr(
            TR_CONTEXT,
            "No raster input to take the target grid from: give a reference raster or an extent and cell size.",
        )
    )


def run_drastic(
    inputs: dict,
    index_path: str,
    class_path: Optional[str] = None,
    weights="standard",
    breaks: Optional[Sequence[float]] = None,
    tables: Optional[dict] = None,
    reference: Optional[str] = None,
    grid: Optional[rb.Grid] = None,
    resampling: str = "bilinear",
    class_resampling: str = "nearest",
    karst_shapes: Optional[list] = None,
    karst_path: Optional[str] = None,
    karst_class: bool = False,
    block_rows: int = rb.BLOCK_ROWS,
    feedback=None,
    slope_unit: str = "percent",
) -> DrasticResult:
    """Compute the DRASTIC index (Float32, nodata -9999) and its classes (Byte, nodata 0) on one grid.

    ``inputs``: {factor letter: FactorInput}, all seven required. The target grid is ``grid``, else the
    ``reference`` raster, else the first factor raster in DRASTIC order. Continuous raw rasters (D, R, T, C)
    are resampled with ``resampling``; class-coded and rated rasters with ``class_resampling`` (nearest or
    mode keep codes intact). ``slope_unit``: the unit of a raw slope (T) input, percent or degrees. ``karst_shapes`` [(wkb, None)] marks karst: a flag raster (1 karst, 0 not) at
    ``karst_path`` and, with ``karst_class``, class code 9 in the class raster."""
    feedback = feedback or rb.Feedback()
    tables = tables or load_tables()
    missing = [f for f in FACTORS if f not in inputs or inputs[f] is None]
    if missing:
        raise DrasticError(tr(TR_CONTEXT, "Missing DRASTIC factor(s): {m}.").format(m=", ".join(missing)))
    w = weights_for(weights, tables)
    cb = tables["class_breaks"]
    brk = [float(b) for b in (breaks if breaks is not None and len(breaks) else cb["breaks"])]
    if any(b2 <= b1 for b1, b2 in zip(brk, brk[1:])):
        raise DrasticError(tr(TR_CONTEXT, "Class breaks must increase."))
    if len(brk) + 1 > MAX_CLASSES:
        raise DrasticError(tr(TR_CONTEXT, "At most {n} classes.").format(n=MAX_CLASSES))
    for r in (resampling, class_resampling):
        if r not in rb.RESAMPLING:
            raise DrasticError(tr(TR_CONTEXT, "Unknown resampling method {m}.").format(m=r))
    g = _reference_grid(inputs, reference, grid)
    res = DrasticResult(g, index_path, class_path, None, w, brk)
    log = res.messages

    def say(text):
        log.append(text)
        feedback.info(text)

    say(tr(TR_CONTEXT, "Target grid: {g}.").format(g=g.describe()))
    say(
        tr(TR_CONTEXT, "Weights D,R,A,S,T,I,C = {w}.").format(w=", ".join(f"{w[f]:g}" for f in FACTORS))
        + (f" ({weights})" if isinstance(weights, str) else tr(TR_CONTEXT, " (custom)"))
    )
    for text in disputed_notes(tables):
        say(text)
    tables = tables_for_slope_unit(tables, slope_unit)
    if slope_unit == "degrees":
        say(
            tr(TR_CONTEXT, "Slope (T) in degrees: band limits {b} degrees (= 2, 6, 12, 18 %).").format(
                b=", ".join(f"{b['below']:.3f}" for b in tables["factors"]["T"]["bands"][:-1])
            )
        )
    raters = {f: Rater(f, tables["factors"][f]) for f in FACTORS}
    ws = rb.Workspace()
    opened = {}
    karst_ds = None
    try:
        for fac in FACTORS:
            inp = inputs[fac]
            label = inp.label or FACTOR_NAMES[fac]
            if inp.raster:
                continuous = raters[fac].kind == "ranges" and not inp.rated
                method = resampling if continuous else class_resampling
                a = rb.align(inp.raster, g, method, ws, band=inp.band, label=f"{fac} ({label})")
                say(a.message)
                if a.resampled and not continuous and method not in ("nearest", "mode"):
                    say(
                        tr(TR_CONTEXT, "Warning: {f} holds codes or ratings; '{m}' resampling mixes them.").format(
                            f=fac, m=method
                        )
                    )
                opened[fac] = a
            elif inp.shapes is not None:
                shapes, unknown = [], 0
                for wkb, value in inp.shapes:
                    if inp.rated:
                        try:
                            r = float(value)
                        except (TypeError, ValueError):
                            r = None
                        if r is not None and not (1 <= r <= 10):
                            r = None
                    else:
                        r = raters[fac].rate_value(value)
                    if r is None:
                        unknown += 1
                        continue
                    shapes.append((wkb, r))
                ds = rb.rasterize_shapes(shapes, g, ws.file(f"rated_{fac}"), gdal.GDT_Float32, rb.FLOAT_NODATA)
                say(
                    tr(
                        TR_CONTEXT, "{f} ({l}): {n} polygons rated and rasterised onto the target grid (cell centres)."
                    ).format(f=fac, l=label, n=len(shapes))
                )
                if unknown:
                    say(
                        tr(
                            TR_CONTEXT,
                            "Warning: {f}: {n} polygons have no value or a value not in the rating table (nodata).",
                        ).format(f=fac, n=unknown)
                    )
                opened[fac] = rb.AlignedRaster("", ds, 1, rb.FLOAT_NODATA, False, "none", "")
                inputs = dict(inputs)
                inputs[fac] = FactorInput(fac, rated=True, label=label)
            else:
                raise DrasticError(tr(TR_CONTEXT, "Factor {f} has neither a raster nor polygons.").format(f=fac))
        if karst_shapes:
            karst_ds = rb.rasterize_shapes(
                [(wkb, 1) for wkb, _ in karst_shapes], g, ws.file("karst"), gdal.GDT_Byte, None
            )
        out = rb.create_raster(index_path, g, gdal.GDT_Float32, INDEX_NODATA)
        cls_ds = rb.create_raster(class_path, g, gdal.GDT_Byte, CLASS_NODATA) if class_path else None
        kst_ds = rb.create_raster(karst_path, g, gdal.GDT_Byte, KARST_NODATA) if (karst_path and karst_ds) else None
        if cls_ds is not None:  # names and colours before any pixel is written (GeoTIFF tags are fixed then)
            names = [""] * 256
            colors = {}
            for c in cb["classes"][: len(brk) + 1]:
                names[c["code"]] = c["zh"] + " / " + c["en"]
                colors[c["code"]] = c["color"]
            kc = cb.get("karst_class")
            if kc and karst_class:
                names[kc["code"]] = kc["zh"] + " / " + kc["en"]
                colors[kc["code"]] = kc["color"]
            rb.set_categories(cls_ds, names[: max(colors) + 1], colors)
        stats_sum, stats_min, stats_max = 0.0, np.inf, -np.inf
        counts = np.zeros(256, dtype=np.int64)
        bad_rated = {f: 0 for f in FACTORS}
        nblocks = (g.rows + block_rows - 1) // block_rows
        for bi, (yoff, rows) in enumerate(rb.blocks(g, block_rows)):
            rb.check_canceled(feedback)
            index = np.zeros((rows, g.cols), dtype=np.float32)
            valid = np.ones((rows, g.cols), dtype=bool)
            for fac in FACTORS:
                values, ok = opened[fac].read(yoff, rows)
                if inputs[fac].rated:
                    r = values.astype(np.float32, copy=False)
                    inrange = (r >= 1) & (r <= 10)
                    bad_rated[fac] += int(np.count_nonzero(ok & ~inrange))
                    ok = ok & inrange
                else:
                    r, ok = raters[fac].rate_array(values, ok)
                    np.multiply(r, np.float32(w[fac]), out=r)  # r is a new array of this block
                    index += r
                    valid &= ok
                    continue
                index += r * np.float32(w[fac])
                valid &= ok
            invalid = ~valid
            index[invalid] = INDEX_NODATA
            out.GetRasterBand(1).WriteArray(index, 0, yoff)
            nvalid = int(rows * g.cols - np.count_nonzero(invalid))
            if nvalid:
                # nodata (-9999) lies below every index (23-226): the maximum and the sum need no mask
                ninvalid = rows * g.cols - nvalid
                stats_sum += float(np.sum(index, dtype=np.float64)) - INDEX_NODATA * ninvalid
                stats_max = max(stats_max, float(index.max()))
                stats_min = min(stats_min, float(np.min(index, where=valid, initial=np.inf)))
            res.valid_cells += nvalid
            res.nodata_cells += rows * g.cols - nvalid
            kmask = None
            if karst_ds is not None:
                kmask = karst_ds.GetRasterBand(1).ReadAsArray(0, yoff, g.cols, rows) > 0
                res.karst_cells += int(np.count_nonzero(kmask))
                if kst_ds is not None:
                    kst_ds.GetRasterBand(1).WriteArray(kmask.astype(np.uint8), 0, yoff)
            if cls_ds is not None:
                cls = classify(index, valid, brk)
                if karst_class and kmask is not None:
                    cls[kmask & valid] = cb.get("karst_class", {}).get("code", 9)
                counts += np.bincount(cls.ravel(), minlength=256)[:256]
                cls_ds.GetRasterBand(1).WriteArray(cls, 0, yoff)
            feedback.progress(100.0 * (bi + 1) / nblocks)
        if cls_ds is not None:
            res.class_counts = {i: int(counts[i]) for i in range(1, 256) if counts[i]}
        out = cls_ds = kst_ds = None
        res.karst_path = karst_path if karst_ds is not None else None
        for fac, n in bad_rated.items():
            if n:
                say(
                    tr(TR_CONTEXT, "Warning: {f}: {n} cells of the rated raster are outside 1-10 (nodata).").format(
                        f=fac, n=n
                    )
                )
        if res.valid_cells:
            res.index_min, res.index_max = stats_min, stats_max
            res.index_mean = stats_sum / res.valid_cells
        say(
            tr(TR_CONTEXT, "DRASTIC index on {v} cells ({n} nodata): min {a}, mean {m}, max {b}.").format(
                v=res.valid_cells,
                n=res.nodata_cells,
                a=_fmt(res.index_min),
                m=_fmt(res.index_mean),
                b=_fmt(res.index_max),
            )
        )
        if cb.get("is_default") and (breaks is None or not len(breaks)):
            say(
                tr(TR_CONTEXT, "Class breaks {b} are DEFAULTS (not from a standard); edit them if needed.").format(
                    b=brk
                )
            )
    finally:
        for a in opened.values():
            a.close()
        karst_ds = None
        ws.close()
    return res


def disputed_notes(tables: dict) -> list:
    """Log lines for the table values that public implementations disagree on (flag 'disputed')."""
    out = []
    for fac in FACTORS:
        spec = tables["factors"][fac]
        if spec.get("disputed"):
            out.append(tr(TR_CONTEXT, "Note {f}: {d}").format(f=fac, d=spec["disputed"]))
        for c in spec.get("classes", []):
            if c.get("disputed"):
                out.append(
                    tr(TR_CONTEXT, "Note {f}: {n} rated {r}; {d}").format(
                        f=fac, n=c.get("en", c["code"]), r=c["rating"], d=c["disputed"]
                    )
                )
    return out


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.2f}"


def apply_overrides(tables: dict, factor: str, ratings: dict) -> dict:
    """A copy of ``tables`` with class ratings of ``factor`` replaced ({code or key: rating})."""
    t = copy.deepcopy(tables)
    for c in t["factors"][factor]["classes"]:
        for k in (c["code"], str(c["code"]), c.get("key")):
            if k in ratings:
                c["rating"] = ratings[k]
    check_tables(t)
    return t


# --------------------------------------------------------------------------------------------------------------
# Class codes of other data sets (e.g. the demo city's rasters/classes.json)
# --------------------------------------------------------------------------------------------------------------
_CLASS_JSON_FACTORS = {"aquifer_media": "A", "soil_media": "S", "vadose_media": "I"}


def _tokens(name: str) -> frozenset:
    s = str(name).lower().replace("w/", "with ").replace("sig.", "significant ").replace("&", " and ")
    for ch in "/,.;:()-_":
        s = s.replace(ch, " ")
    return frozenset(t for t in s.split() if t)


def match_class(factor_spec: dict, name: str) -> Optional[dict]:
    """The class of a factor table whose key/en/zh name matches ``name``: same words first, else the class
    whose words contain all of the name's words with the fewest extra words."""
    want = _tokens(name)
    if not want:
        return None
    best, extra = None, None
    for c in factor_spec["classes"]:
        for label in (c.get("key", "").replace("_", " "), c.get("en", ""), c.get("zh", "")):
            have = _tokens(label)
            if not have:
                continue
            if have == want or str(label).strip() == str(name).strip():
                return c
            if want <= have and (extra is None or len(have - want) < extra):
                best, extra = c, len(have - want)
    return best


def tables_for_codes(tables: dict, factor: str, codes: dict) -> tuple:
    """A copy of ``tables`` whose class table of ``factor`` uses other class codes: ``codes`` maps each code to
    a DRASTIC category name (matched with ``match_class``). Returns (tables, [messages])."""
    t = copy.deepcopy(tables)
    spec = t["factors"][factor]
    classes, notes = [], []
    for code, name in sorted(codes.items(), key=lambda kv: int(kv[0])):
        c = match_class(tables["factors"][factor], name)
        if c is None:
            notes.append(
                tr(TR_CONTEXT, "{f}: code {c} ({n}) matches no class of the rating table; it will be nodata.").format(
                    f=factor, c=code, n=name
                )
            )
            continue
        classes.append({**c, "code": int(code), "matched_from": str(name)})
        notes.append(
            tr(TR_CONTEXT, "{f}: code {c} '{n}' rated {r} as '{k}'.").format(
                f=factor, c=code, n=name, r=c["rating"], k=c["en"]
            )
        )
    spec["classes"] = classes
    check_tables(t)
    return t, notes


def tables_from_classes_json(path: str, tables: Optional[dict] = None) -> tuple:
    """Rating tables for rasters described by a classes.json (demo city format: {"classes": {raster name:
    {code: {"zh", "en", "drastic_category"}}}}). Returns (tables, [messages])."""
    tables = tables or load_tables()
    with open(path, encoding="utf-8") as fh:
        meta = json.load(fh)
    notes = []
    for raster, factor in _CLASS_JSON_FACTORS.items():
        entries = (meta.get("classes") or {}).get(raster)
        if not entries:
            continue
        codes = {int(k): (v.get("drastic_category") or v.get("en") or v.get("zh")) for k, v in entries.items()}
        tables, n = tables_for_codes(tables, factor, codes)
        notes += n
    return tables, notes
