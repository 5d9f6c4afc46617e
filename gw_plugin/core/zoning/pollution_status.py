"""Current pollution status for the zoning from a pollution assessment against background values.

The water-quality class (GB/T 14848-2017) says how good the water is, not whether it is polluted: natural iron,
manganese, fluoride, hardness or dissolved solids put large areas of North China in class IV with no pollution at
all. A pollution assessment compares each measured value with the background value of the area:

    P = (C - C0) / C_III

with C the measured value, C0 the background value and C_III the GB/T 14848-2017 class III limit; the well's index
is the largest P over the indicators the user chose, graded I (unpolluted, P <= 0) to VI (extremely polluted).
Formula and grade limits after DD2008-01《地下水污染调查评价规范》(China Geological Survey, 2008) — NOT verified
against the text here (README "Values not yet verified").

Background values C0: a table the user gives ({indicator: value}), or the upper percentile (default the 95th) of the
values measured in a reference area (unpolluted wells of the same aquifer), per indicator.

``run_pollution_status`` writes the grade (1-6) of the nearest assessed well within a radius onto the zoning grid;
``run_quality_class`` writes the worst GB/T 14848 class (1-5) of the chosen indicators instead: the water-quality
class option, kept for comparison and labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal, ogr

from ...toolbelt.i18n import tr
from ..wells import classify as CL
from . import rasterblocks as rb
from .config import ZoningError

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)

#: Upper limits of the pollution index P of grades I-V (VI above): DD2008-01 (UNVERIFIED, see the module text).
GRADE_LIMITS = (0.0, 0.2, 0.6, 1.0, 1.5)
GRADE_NAMES = {
    1: ("未污染", "unpolluted"),
    2: ("轻污染", "slightly polluted"),
    3: ("中污染", "moderately polluted"),
    4: ("较重污染", "considerably polluted"),
    5: ("严重污染", "seriously polluted"),
    6: ("极重污染", "extremely polluted"),
}
#: Breaks of the pollution grade into the zoning's low / medium / high (a grade equal to a break goes up):
#: grades I-IV low, V (the increase over the background alone exceeds the class III limit, P 1.0-1.5) medium, VI
#: high. Grades up to IV stay low because the upper percentile of a natural background leaves a few wells of the
#: reference area itself some tenths above it. A DEFAULT chosen by the plugin authors; the configuration key
#: zoning.breaks.pollution_grade overrides it.
DEFAULT_GRADE_BREAKS = (5.0, 6.0)
#: Percentile of the reference-area values taken as background (a DEFAULT; the user chooses).
DEFAULT_PERCENTILE = 95.0


@dataclass
class WellStatus:
    """The assessment of one well: its grade, index, the indicator that decided it and every indicator's P."""

    x: float
    y: float
    name: str
    index: Optional[float]
    grade: int  # 1-6; 0 when no chosen indicator was measured
    worst: str = ""
    indices: dict = field(default_factory=dict)
    quality_class: int = 0  # worst GB/T 14848 class of the chosen indicators (the water-quality option)


def grade_of(p: Optional[float]) -> int:
    """Grade 1-6 of a pollution index (0 for None)."""
    if p is None:
        return 0
    return 1 + int(np.searchsorted(np.asarray(GRADE_LIMITS), p, side="left"))


def grade_label(grade: int, lang: str = "zh") -> str:
    names = GRADE_NAMES.get(grade)
    if not names:
        return ""
    return names[0] if (lang or "zh").startswith("zh") else names[1]


def _indicator(key: str):
    ind = CL.resolve(key)
    if ind is None:
        raise ZoningError(tr(TR_CONTEXT, "Unknown indicator {k}: use a GB/T 14848-2017 indicator name.").format(k=key))
    if ind.class_iii_limit is None:
        raise ZoningError(
            tr(TR_CONTEXT, "{k} has no class III limit to scale a pollution index; choose another indicator.").format(
                k=key
            )
        )
    return ind


def _values(samples: Sequence, key) -> list:
    """[(i, value)] of the samples that measured indicator ``key`` (any spelling the lab import recognises)."""
    out = []
    for i, (_x, _y, values, *_rest) in enumerate(samples):
        for k, v in values.items():
            if v is None:
                continue
            ind = CL.resolve(k)
            if ind is not None and ind.key == key:
                out.append((i, float(v)))
                break
    return out


def background_from_reference(
    samples: Sequence,
    indicators: Sequence[str],
    reference_wkb: bytes,
    percentile: float = DEFAULT_PERCENTILE,
    skip_missing: bool = False,
) -> dict:
    """{indicator key: the ``percentile`` of the values of the samples inside the reference area}.

    ``samples``: [(x, y, {indicator: value}, ...)] in the CRS of ``reference_wkb``. An indicator no sample of the
    area measured is an error, or left out with ``skip_missing`` (the caller then assesses the others)."""
    if not 50.0 <= percentile <= 100.0:
        raise ZoningError(tr(TR_CONTEXT, "The background percentile must be between 50 and 100."))
    area = ogr.CreateGeometryFromWkb(bytes(reference_wkb))
    inside = set()
    for i, (x, y, *_rest) in enumerate(samples):
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(float(x), float(y))
        if area.Contains(pt):
            inside.add(i)
    out = {}
    for key in indicators:
        ind = _indicator(key)
        vals = [v for i, v in _values(samples, ind.key) if i in inside]
        if not vals and skip_missing:
            continue
        if not vals:
            raise ZoningError(
                tr(TR_CONTEXT, "No sample in the reference area measured {k}: give its background value.").format(
                    k=ind.key
                )
            )
        out[ind.key] = float(np.percentile(vals, percentile))
    return out


def assess(samples: Sequence, indicators: Sequence[str], background: dict) -> list:
    """The WellStatus of every sample [(x, y, {indicator: value}, name?)] over the chosen ``indicators``."""
    if not indicators:
        raise ZoningError(tr(TR_CONTEXT, "Choose at least one indicator for the pollution assessment."))
    inds = [_indicator(k) for k in indicators]
    bg = {}
    for k, v in (background or {}).items():
        ind = CL.resolve(k)
        if ind is not None and v is not None:
            bg[ind.key] = float(v)
    missing = [ind.key for ind in inds if ind.key not in bg]
    if missing:
        raise ZoningError(tr(TR_CONTEXT, "No background value for {k}.").format(k=", ".join(missing)))
    out = []
    for x, y, values, *rest in samples:
        st = WellStatus(float(x), float(y), str(rest[0]) if rest else "", None, 0)
        by_key = {}
        for k, v in values.items():
            ind = CL.resolve(k)
            if ind is not None and v is not None:
                by_key[ind.key] = float(v)
        for ind in inds:
            if ind.key not in by_key:
                continue
            c = by_key[ind.key]
            p = (c - bg[ind.key]) / ind.class_iii_limit
            st.indices[ind.key] = p
            if st.index is None or p > st.index:
                st.index, st.worst = p, ind.key
            st.quality_class = max(st.quality_class, CL.numeric_class(ind, c))
        st.grade = grade_of(st.index)
        out.append(st)
    return out


@dataclass
class StatusRasterResult:
    path: str
    kind: str  # "assessment" or "quality_class"
    wells: int = 0
    cells: int = 0
    messages: list = field(default_factory=list)


def _nearest_raster(xs, ys, values, grid: rb.Grid, path: str, radius_m: float, block_rows: int, feedback) -> int:
    from scipy.spatial import cKDTree

    grid = grid.checked()
    tree = cKDTree(np.column_stack([xs, ys]))
    vals = np.asarray(values, dtype=np.float32)
    ds = rb.create_raster(path, grid, gdal.GDT_Float32, rb.FLOAT_NODATA)
    band = ds.GetRasterBand(1)
    known = 0
    for yoff, rows in rb.blocks(grid, block_rows):
        rb.check_canceled(feedback)
        x, y = grid.centres(yoff, rows)
        xx, yy = np.meshgrid(x, y)
        d, idx = tree.query(np.column_stack([xx.ravel(), yy.ravel()]), distance_upper_bound=radius_m)
        has = np.isfinite(d)
        out = np.full(xx.size, rb.FLOAT_NODATA, dtype=np.float32)
        out[has] = vals[idx[has]]
        known += int(np.count_nonzero(has))
        band.WriteArray(out.reshape(rows, grid.cols), 0, yoff)
    ds = None
    return known


def run_pollution_status(
    wells: Sequence,
    grid: rb.Grid,
    path: str,
    radius_m: float = 5000.0,
    kind: str = "assessment",
    block_rows: int = rb.BLOCK_ROWS,
    feedback=None,
) -> StatusRasterResult:
    """The pollution-status raster of the zoning: each cell takes the nearest assessed well within ``radius_m``
    (nodata beyond). ``kind`` "assessment": the pollution grade 1-6; "quality_class": the worst GB/T 14848 class
    1-5 of the chosen indicators (the water-quality class, NOT a pollution assessment)."""
    feedback = feedback or rb.Feedback()
    if kind not in ("assessment", "quality_class"):
        raise ZoningError(tr(TR_CONTEXT, "The pollution status is 'assessment' or 'quality_class'."))
    attr = "grade" if kind == "assessment" else "quality_class"
    used = [w for w in wells if getattr(w, attr) > 0]
    if not used:
        raise ZoningError(tr(TR_CONTEXT, "No well measured any of the chosen indicators."))
    res = StatusRasterResult(path, kind, wells=len(used))
    res.cells = _nearest_raster(
        [w.x for w in used], [w.y for w in used], [getattr(w, attr) for w in used], grid, path, radius_m,
        block_rows, feedback,
    )  # fmt: skip
    if kind == "assessment":
        counts = {g: sum(1 for w in used if w.grade == g) for g in range(1, 7)}
        text = tr(TR_CONTEXT, "Pollution grade (pollution assessment against background values) of {n} wells: {c}.")
        text = text.format(n=len(used), c=", ".join(f"{g}: {c}" for g, c in counts.items() if c))
    else:
        text = tr(
            TR_CONTEXT,
            "Water-quality class (GB/T 14848-2017) of {n} wells, used as the pollution status: this is NOT a "
            "pollution assessment (natural class IV water counts as polluted).",
        ).format(n=len(used))
    res.messages.append(text)
    feedback.info(text)
    return res


def grade_breaks(cfg: dict) -> list:
    """The breaks of the pollution grade into low / medium / high (configuration, else the default)."""
    return [float(b) for b in cfg["zoning"]["breaks"].get("pollution_grade", DEFAULT_GRADE_BREAKS)]


_LATEST_SQL = """
SELECT s.well_uuid, r.parameter, r.value_num, COALESCE(r.below_detection, 0), r.detection_limit, s.sampled_on
FROM samples s JOIN sample_results r ON r.sample_uuid = s.uuid
WHERE r.value_num IS NOT NULL OR r.detection_limit IS NOT NULL
ORDER BY s.well_uuid, r.parameter, s.sampled_on
"""


def well_samples(gpkg_path: str, target_crs_wkt: str = "", aquifer_layer: str = "") -> list:
    """[(x, y, {parameter: latest value}, well_code)] of the monitoring wells of a project GeoPackage (in
    ``target_crs_wkt``; optionally one aquifer layer). A non-detect counts as half its detection limit."""
    import sqlite3

    from ...toolbelt.ogr import transformation

    latest: dict = {}
    con = sqlite3.connect(f"file:{gpkg_path}?mode=ro", uri=True)
    try:
        for well, param, value, nd, dl, _on in con.execute(_LATEST_SQL):
            v = (dl / 2.0 if dl is not None else None) if nd else value
            if v is not None:
                latest.setdefault(well, {})[param] = float(v)  # ordered by date: the last one wins
    finally:
        con.close()
    ds = gdal.OpenEx(str(gpkg_path), gdal.OF_VECTOR)
    lyr = ds.GetLayerByName("monitoring_wells") if ds is not None else None
    if lyr is None:
        raise ZoningError(tr(TR_CONTEXT, "{p} has no monitoring_wells table.").format(p=gpkg_path))
    transform = transformation(lyr.GetSpatialRef(), target_crs_wkt) if target_crs_wkt else None
    out = []
    for f in lyr:
        if aquifer_layer and f.GetField("aquifer_layer") != aquifer_layer:
            continue
        values = latest.get(f.GetField("uuid"))
        geom = f.GetGeometryRef()
        if not values or geom is None or geom.IsEmpty():
            continue
        geom = geom.Clone()
        if transform is not None:
            geom.Transform(transform)
        out.append((geom.GetX(), geom.GetY(), values, f.GetField("well_code") or ""))
    del ds
    return out


def read_background_table(path: str) -> dict:
    """{indicator: background value} from a CSV or XLSX table whose first two columns are indicator and value
    (a header row is recognised and skipped)."""
    from ..data import tabular

    table = tabular.read_table(path)
    out = {}
    for row in [list(table.headers)] + table.rows:  # the header row may be data when the file has none
        if len(row) < 2:
            continue
        try:
            out[str(row[0]).strip()] = float(row[1])
        except (TypeError, ValueError):
            continue  # the header or a note
    if not out:
        raise ZoningError(tr(TR_CONTEXT, "{p} has no rows of indicator and background value.").format(p=path))
    return out
