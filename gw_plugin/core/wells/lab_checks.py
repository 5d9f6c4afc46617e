"""Checks of a lab file's cells beyond their notation, used by the import's validation (core/wells/lab_import.py):
control characters in a cell (an error naming the cell), and per-indicator plausibility ranges that flag a value a
thousand times too large — a μg/L value written under mg/L — as a warning the user confirms before importing.

The plausibility ranges are screening thresholds of this plugin, not numbers of a standard: for trace constituents
20 × the GB/T 14848-2017 class IV limit (a 1000× unit slip of a value at the class I–III level lands far above
it); for major ions and bulk properties a natural upper bound of groundwater (brines included), written below with
its reasoning. Unverified against any guideline; editable in PLAUSIBLE_MAX.
"""

from __future__ import annotations

import re

import numpy as np

from . import standard

#: multiple of the class IV limit above which a trace constituent is implausible (screening threshold, see above)
TRACE_FACTOR = 20.0

#: natural upper bounds in the standard's unit (screening thresholds of this plugin, unverified): brines reach
#: ~350 g/L dissolved solids, ~200 g/L chloride, ~150 g/L sodium; gypsum/sulfate brines ~100 g/L sulfate; hardness
#: of brines ~100 g/L as CaCO3; landfill leachate ~2 g/L ammonia-N; nitrate-N of the worst agricultural aquifers
#: a few hundred mg/L; iron and manganese of acid mine drainage ~200 / 100 mg/L; fluoride of geothermal water
#: ~50 mg/L; colour 1000 units and turbidity 4000 NTU for turbid pumping.
PLAUSIBLE_MAX = {
    "溶解性总固体": 350000.0,
    "氯化物": 200000.0,
    "钠": 150000.0,
    "硫酸盐": 100000.0,
    "总硬度": 100000.0,
    "氨氮": 2000.0,
    "硝酸盐": 500.0,
    "亚硝酸盐": 200.0,
    "铁": 200.0,
    "锰": 100.0,
    "氟化物": 50.0,
    "耗氧量": 1000.0,
    "色": 1000.0,
    "浑浊度": 4000.0,
}
#: counts and activities have no useful upper bound
_NO_BOUND = {"总大肠菌群", "菌落总数", "总α放射性", "总β放射性"}


def plausible_max(key: str) -> float:
    """Upper plausibility bound of indicator ``key`` in the standard's unit (inf where there is none)."""
    if key in PLAUSIBLE_MAX:
        return PLAUSIBLE_MAX[key]
    ind = standard.indicator(key)
    if key in _NO_BOUND or ind.kind != standard.NUMERIC or ind.limits[3] is None:
        return float("inf")
    return TRACE_FACTOR * ind.limits[3]


def plausible_max_array(pkeys: list) -> np.ndarray:
    return np.array([plausible_max(k) for k in pkeys] + [np.inf], dtype=np.float64)


# C0 controls except tab, line feed and carriage return (whitespace a spreadsheet cell may carry), and DEL
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_rows(column: list, distinct: bool = False) -> list:
    """Positions of the cells of ``column`` (text or None) that hold a control character. A clean column costs one
    pass: over its distinct values (``distinct``, for columns of wells, dates, parameters, units) or over the whole
    column joined."""
    values = set(column) if distinct else column
    try:
        joined = " ".join(values)
    except TypeError:
        joined = " ".join("" if v is None else str(v) for v in values)
    if joined.isprintable() or not CONTROL.search(joined):
        return []
    return [k for k, v in enumerate(column) if v is not None and CONTROL.search(str(v))]


def describe_control(text: str) -> str:
    m = CONTROL.search(str(text))
    return f"U+{ord(m.group(0)):04X}" if m else ""


def codes(column: list, verdict) -> tuple:
    """Map a low-cardinality column through ``verdict(raw) -> index or -1`` once per distinct value.
    Returns (int32 index per row, {raw: index})."""
    lut = {raw: verdict(raw) for raw in set(column)}
    return np.fromiter(map(lut.__getitem__, column), np.int32, len(column)), lut
