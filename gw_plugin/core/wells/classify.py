"""GB/T 14848-2017 (地下水质量标准) single-indicator and per-sample water-quality classification.

The 93 indicators, their limits and units come from core/wells/standard.py (the standard's table as
:class:`~.standard.Indicator` records, keyed by the Chinese name); lab notation and units are read by
core/wells/labvalues.py.

Evaluation rules (../shared/reference/README.md §1, GB/T 14848-2017 §6):

* §6.2 single indicator: the class is the range the value falls in; where several classes share one limit the
  better class is assigned (从优不从劣): volatile phenols 0.001 mg/L → I, manganese 0.05 → I, 0.06 → III,
  fluoride 1.0 → I, 1.5 → IV.
* pH is two-sided: I–III 6.5 ≤ pH ≤ 8.5; IV 5.5 ≤ pH < 6.5 or 8.5 < pH ≤ 9.0; V otherwise.
* anionic surfactants: class I is "not detected", so a detected value is class II at best.
* odour/taste and visible matter: "无"/"none" → I (shared I–IV), "有"/"present" → V.
* gross α / gross β: above the class III limit the standard gives "> limit" for IV and V alike and asks for a
  nuclide analysis; such values are reported as IV "exceeds guidance value", never as V.
* non-detects (the standard has no rule; documented rule of this plugin): a non-detect whose detection limit is
  ≤ the class I limit is class I; otherwise it is "≤ class k" with k the best class whose limit is ≥ the
  detection limit. Such an upper bound is flagged (``Result.upper_bound``), reported separately and never makes a
  sample's class worse (§6.3 overall class = worst single-indicator class).
* exact limits: a value is rounded to 12 significant digits before it is compared (:func:`snap`), so a unit
  conversion that lands on a limit takes the limit's class (钡 700 μg/L = 0.7000000000000001 mg/L → 0.7 → III; the
  standard's limits have at most four significant digits, float noise is in the 16th).
* qualifiers: ">x" is above x (classified as the next number above x: 总大肠菌群 ">100" → V), "≥x" as x; "<x",
  "≤x", "xL", "ND", "未检出" are non-detects with detection limit x.
* standard index (HJ 610-2016 §8.4.1.2): Pi = Ci / Csi with Csi the class III limit; pH:
  P = (7.0 − pH)/(7.0 − 6.5) for pH ≤ 7, (pH − 7.0)/(8.5 − 7.0) for pH > 7.
* exceedance multiple (超标倍数) = (C − Cs)/Cs against the class III limit; it is returned for every detected
  numeric value (≤ 0 means within class III) and is None where undefined (pH, text indicators, non-detects).

Pure Python + numpy; no QGIS import (notes are translated through qgis.PyQt when it is available).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, NamedTuple, Optional, Sequence

import numpy as np

from ...toolbelt.i18n import tr
from . import labvalues as LV
from .standard import NUMERIC, PH, PH_I_III, PH_IV, RADIO, TEXT, Indicator, by_key, indicators

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V"}
#: stored qualifiers (sample_results.qualifier) that make a value a non-detect
BELOW_MARKS = frozenset({"<", "≤", "L", "ND", "未检出"})

PH_NEUTRAL = 7.0  # HJ 610-2016 §8.4.1.2 standard-index formula


@dataclass(frozen=True)
class Result:
    """Classification of one result. ``gb_class`` 1–5 or None; ``note`` says why None or which rule applied."""

    parameter: str
    key: Optional[str]
    gb_class: Optional[int]
    note: str
    value: Optional[float] = None  # in the standard's unit
    exceedance: Optional[float] = None  # (C − Cs)/Cs against class III
    pi: Optional[float] = None  # standard index (HJ 610-2016 §8.4.1.2)
    non_detect: bool = False
    upper_bound: bool = False  # the class is "≤ gb_class" (non-detect with a detection limit above class I)

    @property
    def class_label(self) -> str:
        if self.gb_class is None:
            return ""
        return ("≤" if self.upper_bound else "") + ROMAN[self.gb_class]

    @property
    def exceeds_iii(self) -> bool:
        return self.gb_class is not None and self.gb_class > 3 and not self.upper_bound


@dataclass(frozen=True)
class SampleResult:
    """Overall class of one sample (§6.3): worst single-indicator class and the indicators that set it."""

    gb_class: Optional[int]
    governing: tuple  # keys (Chinese names) of the indicators whose class equals gb_class
    counts: dict  # class (1..5) → number of definite results in that class
    n_results: int
    n_unclassified: int
    n_non_detect: int
    non_detect_bounds: tuple = field(default=())  # (key, k) of non-detects only known as "≤ class k"
    results: tuple = field(default=(), repr=False)

    @property
    def class_label(self) -> str:
        return ROMAN.get(self.gb_class, "") if self.gb_class else ""

    def governing_text(self, sep: str = "; ") -> str:
        """Governing indicators joined by '; ' (names may contain commas, e.g. 1,2-二氯乙烷)."""
        return sep.join(self.governing)


# ------------------------------------------------------------------------------------------------------------
# Indicator of a parameter name
# ------------------------------------------------------------------------------------------------------------
def resolve(parameter) -> Optional[Indicator]:
    """Indicator for a key or any spelling recognised by labvalues.recognise_parameter; None when unknown."""
    if parameter is None:
        return None
    text = str(parameter)
    ind = by_key().get(text)
    if ind is not None:
        return ind
    key = LV.recognise_parameter(text)
    return by_key().get(key) if key else None


# ------------------------------------------------------------------------------------------------------------
# Single-indicator classification
# ------------------------------------------------------------------------------------------------------------
def _fmt(x: float) -> str:
    return f"{x:.6g}"


SNAP_DIGITS = 12


def snap(x: float) -> float:
    """``x`` rounded to SNAP_DIGITS significant digits: the binary noise of a unit conversion removed before a
    comparison with a limit (0.7000000000000001 → 0.7)."""
    if x == 0 or not math.isfinite(x):
        return x
    return float(f"{x:.{SNAP_DIGITS}g}")


def snap_array(v: np.ndarray) -> np.ndarray:
    """:func:`snap` of every element (NaN and inf pass through)."""
    v = np.asarray(v, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.floor(np.log10(np.abs(v)))
    e = np.where(np.isfinite(e), e, 0.0)
    k = SNAP_DIGITS - 1 - e  # decimals to keep
    with np.errstate(invalid="ignore", over="ignore"):
        scale = 10.0 ** np.abs(k)
        out = np.where(k >= 0, np.round(v * scale) / scale, np.round(v / scale) * scale)
    return np.where(np.isfinite(out), out, v)


def numeric_class(ind: Indicator, value: float, above: bool = False) -> int:
    """Class 1–5 of a detected numeric value (从优不从劣 at shared limits: the first class whose limit ≥ value);
    the value is compared after :func:`snap`. ``above``: the value was written ">value" (the next number above it
    is classified)."""
    value = snap(value)
    if above:
        value = math.nextafter(value, math.inf)
    if ind.kind == PH:
        lo, hi = PH_I_III
        if lo <= value <= hi:
            return 1
        lo4, hi4 = PH_IV
        return 4 if lo4 <= value <= hi4 else 5
    if ind.kind == TEXT:  # numeric odour grade / count: 0 = none
        return 1 if value <= 0 else 5
    for k, lim in enumerate(ind.limits, start=1):
        if lim is not None and value <= lim:
            cls = k
            break
    else:
        cls = 5
    if ind.class_i_not_detected and cls == 1:
        cls = 2
    if ind.kind == RADIO and cls > 4:
        cls = 4
    return cls


def standard_index(ind: Indicator, value: float) -> Optional[float]:
    """HJ 610-2016 §8.4.1.2: Pi = Ci/Csi (class III limit); two-sided formula for pH."""
    if ind.kind == PH:
        if value <= PH_NEUTRAL:
            return (PH_NEUTRAL - value) / (PH_NEUTRAL - PH_I_III[0])
        return (value - PH_NEUTRAL) / (PH_I_III[1] - PH_NEUTRAL)
    cs = ind.class_iii_limit
    if cs is None or cs <= 0:
        return None
    return value / cs


def exceedance_multiple(ind: Indicator, value: float) -> Optional[float]:
    """(C − Cs)/Cs against the class III limit; None for pH and text indicators."""
    if ind.kind == PH:
        return None
    cs = ind.class_iii_limit
    if cs is None or cs <= 0:
        return None
    return (value - cs) / cs


_TEXT_NONE = {"无", "none", "no", "nil", "未检出", "nd", "not detected", "无异臭", "无异味", "无异臭异味", "0"}
_TEXT_PRESENT = {"有", "present", "yes", "detected", "检出"}


def _text_class(ind: Indicator, parameter: str, text: str) -> Result:
    norm = LV.normalise_text(text).lower().strip().rstrip(".")
    if norm in _TEXT_NONE:
        return Result(parameter, ind.key, 1, tr("gb14848", "text value 'none' (无): classes I–IV share it → I"))
    if norm in _TEXT_PRESENT or norm.startswith("有") or norm.startswith("present"):
        return Result(parameter, ind.key, 5, tr("gb14848", "text value 'present' (有) → V"))
    return Result(
        parameter,
        ind.key,
        None,
        tr("gb14848", "text value {0!r} is neither 'none' (无) nor 'present' (有)").format(text),
    )


def classify(
    parameter,
    value,
    unit: Optional[str] = None,
    *,
    below_detection: bool = False,
    detection_limit: Optional[float] = None,
    qualifier: Optional[str] = None,
    basis: Optional[str] = None,
) -> Result:
    """Classify one result.

    ``parameter`` is a key or any spelling labvalues recognises; ``value`` a number or the lab's text ("0.01L",
    "ND", "<0.005", "无"); ``unit`` None/"" means the standard's unit. ``below_detection``/``detection_limit``
    (in ``unit``) mark a non-detect explicitly. ``qualifier`` is the stored qualifier of a numeric ``value``
    (sample_results.qualifier: ">" above, "≥" at least, "<", "≤", "L", "ND", "未检出" below detection);
    ``basis`` the basis written apart from the unit ("以NO3-计", "NH3"; sample_results.basis_as_written). Never
    raises for bad input: the note says what was wrong.
    """
    pname = "" if parameter is None else str(parameter)
    ind = resolve(parameter)
    if ind is None:
        return Result(
            pname,
            None,
            None,
            tr("gb14848", "unknown parameter {0!r}: not a GB/T 14848-2017 indicator").format(pname),
        )

    num: Optional[float] = None
    mark = (qualifier or "").strip()
    above = mark == ">"  # value written as ">x": the true value is above x
    nd = bool(below_detection) or mark in BELOW_MARKS
    dl = detection_limit
    if isinstance(value, str):
        text = value.strip()
        if ind.kind == TEXT:
            parsed = LV.parse_lab_value(text)
            if parsed.value_num is None and not parsed.below_detection:
                return _text_class(ind, pname, text) if text else _missing(pname, ind)
            if parsed.below_detection:
                return _text_class(ind, pname, "无")
            num = parsed.value_num
        else:
            parsed = LV.parse_lab_value(text)
            if parsed.qualifier == "missing":
                return _missing(pname, ind)
            if parsed.qualifier in ("invalid", "text"):
                return Result(pname, ind.key, None, tr("gb14848", "value not readable: {0}").format(parsed.note))
            if parsed.unit:
                if unit and LV.normalise_unit(unit) != LV.normalise_unit(parsed.unit):
                    return Result(
                        pname,
                        ind.key,
                        None,
                        tr("gb14848", "unit {0!r} written with the value differs from the unit {1!r}").format(
                            parsed.unit, unit
                        ),
                    )
                unit = parsed.unit
            if parsed.below_detection:
                nd = True
                if dl is None:
                    dl = parsed.detection_limit
            else:
                num = parsed.value_num
                above = above or parsed.mark == ">"
    elif value is None or (isinstance(value, float) and math.isnan(value)):
        if not nd:
            return _missing(pname, ind)
    else:
        try:
            num = float(value)
        except (TypeError, ValueError):
            return Result(pname, ind.key, None, tr("gb14848", "value not readable: {0!r}").format(value))
        if math.isnan(num):
            num = None
            if not nd:
                return _missing(pname, ind)

    if nd:
        if dl is None and num is not None:  # a numeric value flagged below detection is its detection limit
            dl = num
        return _classify_non_detect(ind, pname, dl, unit, basis)

    if ind.kind == TEXT:
        if num is None:
            return _missing(pname, ind)
        if not num >= 0:
            return Result(pname, ind.key, None, tr("gb14848", "value {0} is not a grade ≥ 0").format(_fmt(num)))
        cls = numeric_class(ind, num)
        return Result(
            pname,
            ind.key,
            cls,
            tr("gb14848", "numeric value {0}: 0 = none → I, > 0 = present → V").format(_fmt(num)),
        )
    try:
        factor = LV.conversion_factor(ind.key, unit or None, basis or None)
    except LV.UnitError as exc:
        return Result(pname, ind.key, None, str(exc))
    c = snap(num * factor)
    if not above:
        return _classify_value(ind, pname, c)
    # ">x": classify a value just above x; the class is a lower bound and may rightly make a sample worse
    r = _classify_value(ind, pname, c, above=True)
    note = tr("gb14848", "value reported as >{0}: at least this class").format(_fmt(c))
    return replace(r, value=c, note=f"{r.note}; {note}")


def _missing(pname: str, ind: Indicator) -> Result:
    return Result(pname, ind.key, None, tr("gb14848", "no value"))


def _classify_value(ind: Indicator, pname: str, c: float, above: bool = False) -> Result:
    if not math.isfinite(c):
        return Result(pname, ind.key, None, tr("gb14848", "value is not a finite number"), value=c)
    if ind.kind != PH and c < 0:
        return Result(
            pname,
            ind.key,
            None,
            tr("gb14848", "negative concentration {0} is impossible").format(_fmt(c)),
            value=c,
        )
    cls = numeric_class(ind, c, above)
    if ind.kind == PH:
        note = tr("gb14848", "pH two-sided: I–III 6.5–8.5, IV 5.5–<6.5 or >8.5–9.0, V otherwise → {0}").format(
            ROMAN[cls]
        )
    elif ind.kind == RADIO and c > ind.limits[2]:
        note = tr(
            "gb14848", "gross α/β exceeds guidance value {0} {1} → IV (nuclide analysis required; no class V)"
        ).format(_fmt(ind.limits[2]), ind.unit)
    elif ind.class_i_not_detected and cls == 2 and c <= ind.limits[1]:
        note = tr("gb14848", "detected: class I requires 'not detected' → II")
    else:
        lim = ind.limits[cls - 1] if cls <= 4 else None
        shared = [k for k in range(1, 5) if lim is not None and ind.limits[k - 1] == lim]
        if len(shared) > 1 and c == lim and not above:
            note = tr("gb14848", "equal to the limit {0} shared by classes {1} → {2} (从优不从劣)").format(
                _fmt(c), "/".join(ROMAN[k] for k in shared), ROMAN[cls]
            )
        elif cls == 5:
            note = tr("gb14848", "> class IV limit {0} → V").format(_fmt(ind.limits[3]))
        else:
            note = tr("gb14848", "≤ class {0} limit {1} → {0}").format(ROMAN[cls], _fmt(ind.limits[cls - 1]))
    return Result(
        pname,
        ind.key,
        cls,
        note,
        value=c,
        exceedance=exceedance_multiple(ind, c),
        pi=standard_index(ind, c),
    )


def _classify_non_detect(ind: Indicator, pname: str, dl, unit: Optional[str], basis: Optional[str] = None) -> Result:
    if ind.kind == PH:
        return Result(pname, ind.key, None, tr("gb14848", "pH cannot be 'below detection'"), non_detect=True)
    if ind.kind == TEXT:
        return _text_class(ind, pname, "无")
    if dl is None or (isinstance(dl, float) and math.isnan(dl)):
        if ind.class_i_not_detected:
            return Result(
                pname,
                ind.key,
                1,
                tr("gb14848", "non-detect; class I is 'not detected' → I"),
                non_detect=True,
                value=None,
            )
        return Result(
            pname,
            ind.key,
            None,
            tr(
                "gb14848",
                "non-detect without a detection limit: class cannot be determined (does not affect the sample class)",
            ),
            non_detect=True,
        )
    try:
        dl_std = snap(float(dl) * LV.conversion_factor(ind.key, unit or None, basis or None))
    except (LV.UnitError, TypeError, ValueError) as exc:
        return Result(pname, ind.key, None, str(exc), non_detect=True)
    # the best class whose limit is ≥ the detection limit; class I of anionic surfactants is "not detected"
    first = 1
    if ind.class_i_not_detected:
        first = 2
        lim1 = ind.limits[1]  # a non-detect below the best numeric limit is "not detected" in the sense of class I
        if dl_std <= lim1:
            return Result(
                pname,
                ind.key,
                1,
                tr("gb14848", "non-detect, DL {0} ≤ class II limit {1}; class I is 'not detected' → I").format(
                    _fmt(dl_std), _fmt(lim1)
                ),
                value=dl_std,
                non_detect=True,
            )
    for k in range(first, 5):
        lim = ind.limits[k - 1]
        if lim is not None and dl_std <= lim:
            if k == 1:
                return Result(
                    pname,
                    ind.key,
                    1,
                    tr("gb14848", "non-detect, DL {0} ≤ class I limit {1} → I").format(_fmt(dl_std), _fmt(lim)),
                    value=dl_std,
                    non_detect=True,
                )
            return Result(
                pname,
                ind.key,
                k,
                tr(
                    "gb14848",
                    "≤ class {0} (detection limit {1} above class I limit; non-detect, does not worsen the sample)",
                ).format(ROMAN[k], _fmt(dl_std)),
                value=dl_std,
                non_detect=True,
                upper_bound=True,
            )
    return Result(
        pname,
        ind.key,
        None,
        tr("gb14848", "non-detect with detection limit {0} above every class limit: not classifiable").format(
            _fmt(dl_std)
        ),
        value=dl_std,
        non_detect=True,
    )


# ------------------------------------------------------------------------------------------------------------
# Per-sample (overall) classification, §6.3
# ------------------------------------------------------------------------------------------------------------
class SampleAccumulator:
    """Incremental form of :func:`classify_sample` for streams of results (constant memory per sample)."""

    __slots__ = ("worst", "governing", "counts", "n_results", "n_unclassified", "n_non_detect", "bounds")

    def __init__(self) -> None:
        self.worst: Optional[int] = None
        self.governing: list = []
        self.counts = {k: 0 for k in range(1, 6)}
        self.n_results = 0
        self.n_unclassified = 0
        self.n_non_detect = 0
        self.bounds: list = []

    def add(self, r: Result) -> None:
        self.n_results += 1
        if r.non_detect:
            self.n_non_detect += 1
        if r.gb_class is None:
            self.n_unclassified += 1
            return
        if r.upper_bound:  # "≤ class k" of a non-detect: reported, never worsens the sample
            self.bounds.append((r.key, r.gb_class))
            return
        self.counts[r.gb_class] += 1
        if self.worst is None or r.gb_class > self.worst:
            self.worst = r.gb_class
            self.governing = [r.key]
        elif r.gb_class == self.worst and r.key not in self.governing:
            self.governing.append(r.key)

    def result(self, results: tuple = ()) -> SampleResult:
        return SampleResult(
            gb_class=self.worst,
            governing=tuple(self.governing),
            counts=dict(self.counts),
            n_results=self.n_results,
            n_unclassified=self.n_unclassified,
            n_non_detect=self.n_non_detect,
            non_detect_bounds=tuple(self.bounds),
            results=results,
        )


def classify_sample(results: Iterable) -> SampleResult:
    """Overall class of one sample: the worst definite single-indicator class and the indicators that set it.

    ``results`` holds :class:`Result` objects, (parameter, value[, unit]) tuples or dicts with those keys.
    Upper bounds of non-detects ("≤ class k") do not enter the overall class; they are listed in
    ``non_detect_bounds``.
    """
    acc = SampleAccumulator()
    res = []
    for r in results:
        if not isinstance(r, Result):
            if isinstance(r, dict):
                r = classify(r.get("parameter"), r.get("value"), r.get("unit"))
            else:
                r = classify(*r)
        res.append(r)
        acc.add(r)
    return acc.result(tuple(res))


# ------------------------------------------------------------------------------------------------------------
# Vectorised path
# ------------------------------------------------------------------------------------------------------------
class ArrayResult(NamedTuple):
    gb_class: np.ndarray  # int8, 1..5, 0 = not classifiable
    upper_bound: np.ndarray  # bool: non-detect known only as "≤ class"
    exceedance: Optional[np.ndarray]  # float64, NaN where undefined (only when requested)


# Kind codes of the vectorised path
_K_NUMERIC, _K_PH, _K_TEXT, _K_RADIO, _K_ND1, _K_UNKNOWN = range(6)


@lru_cache(maxsize=1)
def _tables() -> dict:
    """Per-indicator arrays for classify_array; column/entry ``n`` (= 93) stands for unknown codes.

    The class of a detected value is 1 + the number of limits I–IV strictly below it (从优不从劣 at shared
    limits). Special rows are encoded in the limits: text indicators 0,0,0,0 (grade 0 → I, > 0 → V); class I
    "not detected" as −inf (a detected value is II at best); gross α/β class IV limit +inf (never V). pH is
    classified separately (two-sided).
    """
    inds = indicators()
    n = len(inds)
    lim = np.full((4, n + 1), np.inf)
    cs = np.full(n + 1, np.nan)
    kind = np.full(n + 1, _K_UNKNOWN, dtype=np.int8)
    for ind in inds:
        j = ind.index
        if ind.kind == TEXT:
            lim[:, j] = 0.0
            kind[j] = _K_TEXT
        elif ind.kind == PH:
            kind[j] = _K_PH
        elif ind.kind == RADIO:
            lim[:3, j] = ind.limits[:3]
            kind[j] = _K_RADIO
        else:
            lim[:, j] = [(-np.inf if x is None else x) for x in ind.limits]
            kind[j] = _K_ND1 if ind.class_i_not_detected else _K_NUMERIC
        if ind.kind in (NUMERIC, RADIO):
            cs[j] = ind.limits[2]
    ph = [ind.index for ind in inds if ind.kind == PH]
    return {"lim": lim, "cs": cs, "kind": kind, "n": n, "ph": ph}


def _ph_classes(p: np.ndarray) -> np.ndarray:
    lo, hi = PH_I_III
    lo4, hi4 = PH_IV
    return np.where((p >= lo) & (p <= hi), 1, np.where((p >= lo4) & (p <= hi4), 4, 5)).astype(np.int8)


def codes_for(parameter_keys: Sequence) -> np.ndarray:
    """Integer indicator codes (Indicator.index; -1 unknown) for keys or recognisable spellings."""
    cache: dict = {}
    out = np.empty(len(parameter_keys), dtype=np.int16)
    for i, p in enumerate(parameter_keys):
        c = cache.get(p)
        if c is None:
            ind = resolve(p)
            c = cache[p] = ind.index if ind is not None else -1
        out[i] = c
    return out


def classify_array(
    parameter_keys,
    values,
    *,
    below_detection=None,
    detection_limits=None,
    factors=None,
    exceedance: bool = False,
    above=None,
) -> ArrayResult:
    """Vectorised classification of many results (same rules and results as :func:`classify`).

    ``parameter_keys``: integer codes (Indicator.index, -1 unknown; see :func:`codes_for`) or a sequence of keys.
    ``values``: floats in the standard's unit (NaN = missing); ``factors`` optional per-row multipliers to the
    standard's unit (see labvalues.conversion_factor). ``below_detection`` bool array and ``detection_limits``
    apply the non-detect rule (a missing detection limit falls back to the value). Text indicators take numeric
    grades: 0 = none → I, > 0 → V. ``exceedance=True`` also returns (C − Cs)/Cs against class III. ``above``
    (bool array) marks values written as ">x": classified as the next number above x. Values are compared after
    :func:`snap_array`.
    """
    t = _tables()
    n = t["n"]
    codes = np.asarray(parameter_keys)
    if codes.dtype.kind not in "iu":
        codes = codes_for(list(parameter_keys))
    unknown = bool(codes.size) and (int(codes.min()) < 0 or int(codes.max()) >= n)
    if unknown:
        codes = np.where((codes < 0) | (codes >= n), n, codes)
    codes = codes.astype(np.intp, copy=False)  # take() with native indices is several times faster
    v = np.asarray(values, dtype=np.float64)
    f = None
    if factors is not None:
        f = np.asarray(factors, dtype=np.float64)
        v = v * f
    v = snap_array(v)
    if above is not None:
        up = np.asarray(above, dtype=bool)
        if up.any():
            v = np.where(up, np.nextafter(v, np.inf), v)

    lim = t["lim"]
    cls = np.ones(v.shape, dtype=np.int8)
    for k in range(4):
        cls += v > lim[k].take(codes)
    bad = ~(v >= 0)  # NaN or negative
    for c in t["ph"]:
        idx = np.flatnonzero(codes == c)
        if idx.size:
            p = v[idx]
            cls[idx] = _ph_classes(p)
            bad[idx] = np.isnan(p)
    if unknown:
        bad |= codes == n

    upper = np.zeros(v.shape, dtype=bool)
    nd_idx = None
    if below_detection is not None:
        nd_idx = np.flatnonzero(np.asarray(below_detection, dtype=bool))
        if nd_idx.size:
            dl = v[nd_idx]
            if detection_limits is not None:
                given = np.broadcast_to(np.asarray(detection_limits, dtype=np.float64), v.shape)[nd_idx]
                if f is not None:
                    given = snap_array(given * f[nd_idx])
                dl = np.where(np.isnan(given), dl, given)
            sc = codes[nd_idx]
            kind = t["kind"].take(sc)
            c = np.ones(nd_idx.size, dtype=np.int8)
            for k in range(4):
                c += dl > lim[k].take(sc)
            missing = np.isnan(dl)
            sbad = missing | (dl < 0) | (kind == _K_PH) | (kind == _K_UNKNOWN)
            sbad |= (c == 5) | ((kind == _K_RADIO) & (c == 4))  # limit above every class (IV for gross α/β)
            lenient = (kind == _K_TEXT) | ((kind == _K_ND1) & (missing | (c == 2)))
            c[lenient] = 1
            sbad &= ~lenient
            cls[nd_idx] = c
            bad[nd_idx] = sbad
            upper[nd_idx] = (c > 1) & ~sbad
    cls[bad] = 0
    exc = None
    if exceedance:
        with np.errstate(invalid="ignore", divide="ignore"):
            exc = np.divide(v, t["cs"].take(codes))
            exc -= 1.0
        exc[bad] = np.nan
        if nd_idx is not None and nd_idx.size:
            exc[nd_idx] = np.nan
    return ArrayResult(cls, upper, exc)
