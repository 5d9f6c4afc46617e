"""The zone methods' parameters and the records they exchange: one ``ParamSpec`` per parameter (key as in the
Processing algorithms, labels, default, unit, the well field that gives a per-well value), the parameters of each
method (``METHOD_PARAMS``), ``WellInput`` (a well for the methods) and ``ZoneFeature`` (one zone polygon ready for a
project layer), the travel-time list parser and per-well values. Shared by core/zones/writer.py (protection
zones, writing) and core/zones/capture.py (capture and time-of-travel zones); no computation here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from qgis.core import QgsGeometry

from . import methods as Z

PROTECTION_METHODS = ("hj338_formula", "hj338_table", "fixed_radius")
CAPTURE_METHODS = ("uniform_flow", "aem")
METHODS = PROTECTION_METHODS + CAPTURE_METHODS


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of a method: key (as in the Processing algorithms), labels, default, unit, and the well
    field that gives a per-well value (``per_well``), if any."""

    key: str
    zh: str
    en: str
    default: object
    unit: str = ""
    per_well: str = ""
    note: str = ""

    def label(self, lang: str = "zh") -> str:
        text = self.zh if lang.lower().startswith("zh") else self.en
        return f"{text} ({self.unit})" if self.unit else text


_ALPHA = ParamSpec("ALPHA", "安全系数 α", "Safety factor alpha", Z.HJ338_ALPHA_DEFAULT, "", "",
                   "HJ 338: commonly 1.5 (unverified, reference README §2)")  # fmt: skip
_K = ParamSpec("K", "渗透系数 K", "Hydraulic conductivity K", 10.0, "m/d")
_I = ParamSpec("GRADIENT", "水力坡度 I", "Hydraulic gradient I", 0.001)
#: HJ 338's I is the hydraulic gradient within the cone of depression around the pumping well, not the regional
#: gradient (../shared/reference/README.md §2, wording unverified); estimate it with RADIUS_OF_INFLUENCE.
_I_CONE = ParamSpec("GRADIENT", "降落漏斗内水力坡度 I", "Hydraulic gradient I within the cone of depression", 0.001,
                    "", "", "HJ 338: I is the gradient within the cone of depression (unverified wording); give the "
                    "radius of influence to estimate it from Q, K and B (Thiem)")  # fmt: skip
_R_INF = ParamSpec("RADIUS_OF_INFLUENCE", "影响半径 R（由 Q、K、B 估算 I；0 = 用上面的 I）",
                   "Radius of influence R (estimates I from Q, K, B; 0 = use I above)", 0.0, "m", "",
                   "I = Q ln(R/rw) / (2 pi K B (R - rw)): the mean gradient of the Thiem cone (confined flow)")  # fmt: skip
_Q_CONE = ParamSpec("Q", "开采量 Q（估算 I 用）", "Pumping rate Q (to estimate I)", 1000.0, "m³/d", "pumping_rate_m3d")
_N = ParamSpec("POROSITY", "有效孔隙度 n", "Effective porosity n", 0.2)
_T1 = ParamSpec("T_CLASS_1", "一级保护区运移时间", "Class I travel time", Z.HJ338_T_CLASS_I, "d", "",
                "HJ 338: 100 d (unverified, reference README §2)")  # fmt: skip
_T2 = ParamSpec("T_CLASS_2", "二级保护区运移时间", "Class II travel time", Z.HJ338_T_CLASS_II, "d", "",
                "HJ 338: 1000 d (unverified, reference README §2)")  # fmt: skip
_Q = ParamSpec("Q", "开采量 Q", "Pumping rate Q", 1000.0, "m³/d", "pumping_rate_m3d")
_H = ParamSpec("H", "滤管长度/含水层厚度 H", "Screen length or thickness H", 20.0, "m")
_B = ParamSpec("THICKNESS", "含水层饱和厚度 B", "Saturated thickness B", 20.0, "m")
_AZ = ParamSpec("FLOW_AZIMUTH", "地下水流向（自北顺时针）", "Flow direction, clockwise from north, towards", 0.0, "°")
_L = ParamSpec("UPGRADIENT_LENGTH", "上游闭合距离", "Up-gradient closing length", 2000.0, "m")
_TT = ParamSpec("TRAVEL_TIMES", "运移时间区（天，逗号分隔）", "Time-of-travel zones (d, comma-separated)", "100,1000")
_MED_CHECK = ParamSpec("MEDIUM", "含水介质（与经验值表比较）", "Aquifer medium (checked against the table)",
                       "medium_sand", "", "", "a warning when a formula radius is below the empirical table's range "
                       "for this medium (HJ/T 338-2007 table, values unverified)")  # fmt: skip
_MED = ParamSpec("MEDIUM", "含水介质（经验值表）", "Aquifer medium (table)", "medium_sand", "", "",
                 "HJ/T 338-2007 empirical table, all values unverified (resources/reference/hj338_radius_table.csv)")  # fmt: skip

METHOD_PARAMS = {
    "hj338_formula": (_ALPHA, _K, _I_CONE, _N, _T1, _T2, _R_INF, _Q_CONE, _B, _MED_CHECK),
    "hj338_table": (_MED,),
    "fixed_radius": (_Q, _N, _H, _T1, _T2),
    "uniform_flow": (_Q, _K, _B, _I, _AZ, _N, _L, _TT),
    "aem": (_Q, _K, _B, _I, _AZ, _N, _L, _TT),
}

METHOD_LABELS = {
    "hj338_formula": ("HJ 338 经验公式 R = α·K·I·T/n", "HJ 338 formula R = α·K·I·T/n"),
    "hj338_table": ("HJ 338 经验值表（按含水介质）", "HJ 338 empirical radius table"),
    "fixed_radius": ("计算固定半径 r = √(Q·t/(π·n·H))", "Calculated fixed radius r = √(Q·t/(π·n·H))"),
    "uniform_flow": ("均匀流中单井捕获区（Grubb 1993）", "Well in uniform flow (Grubb 1993)"),
    "aem": ("多井解析元模型（井群 + 河流）", "Multi-well analytic elements (well field + river)"),
}


def method_label(method: str, lang: str = "zh") -> str:
    zh, en = METHOD_LABELS[method]
    return zh if lang.lower().startswith("zh") else en


def default_parameters(method: str) -> dict:
    """Every parameter of ``method`` with its default."""
    return {p.key: p.default for p in METHOD_PARAMS[method]}


@dataclass
class WellInput:
    """A drinking-water well for the methods: position in the layer's CRS (metres) and per-well values."""

    uuid: Optional[str]
    x: float
    y: float
    water_source_uuid: Optional[str] = None
    county_code: Optional[str] = None
    code: str = ""
    values: dict = field(default_factory=dict)  # per-well values by parameter key (e.g. {"Q": 2500.0})


@dataclass
class ZoneFeature:
    """One zone polygon ready for a project layer."""

    table: str  # protection_zones | recharge_zones
    geometry: QgsGeometry
    method: str
    parameters: dict
    zone_class: Optional[str] = None  # protection_zones
    kind: Optional[str] = None  # recharge_zones
    tot_days: Optional[float] = None
    well_uuid: Optional[str] = None
    water_source_uuid: Optional[str] = None
    county_code: Optional[str] = None
    warnings: list = field(default_factory=list)  # sentences for the user (e.g. a radius below the table's range)

    def label(self, lang: str = "zh") -> str:
        zh = lang.lower().startswith("zh")
        if self.table == "protection_zones":
            return {"class_1": ("一级保护区", "Class I"), "class_2": ("二级保护区", "Class II")}.get(
                self.zone_class, (self.zone_class, self.zone_class)
            )[0 if zh else 1]
        if self.tot_days is None:
            return "稳定捕获区" if zh else "Steady capture zone"
        return f"{self.tot_days:g} 天运移时间区" if zh else f"{self.tot_days:g}-day time of travel"


def parse_days(text) -> list:
    """'100, 1000' -> [100.0, 1000.0]; also accepts a list of numbers."""
    if isinstance(text, (list, tuple)):
        parts = text
    else:
        parts = str(text or "").replace(";", ",").replace("，", ",").split(",")
    out = []
    for part in parts:
        if isinstance(part, str):
            part = part.strip()
            if not part:
                continue
        try:
            v = float(part)
        except (TypeError, ValueError):
            raise Z.ZoneInputError(f"Travel time {part!r} is not a number of days.") from None
        if not v > 0:
            raise Z.ZoneInputError(f"Travel times must be greater than 0 days, got {part!r}.")
        out.append(v)
    return sorted(set(out))


def well_value(well: WellInput, params: dict, key: str):
    """The well's own value of ``key`` when it has one (not None/NaN/<= 0 for Q), else the method parameter."""
    v = well.values.get(key)
    if v is None or (isinstance(v, float) and not math.isfinite(v)) or (key == "Q" and float(v) <= 0):
        return params[key]
    return v


def well_record(w: WellInput, **extra) -> dict:
    """The well as recorded in a zone's parameters JSON."""
    rec = {"uuid": w.uuid, "code": w.code, "x": round(w.x, 2), "y": round(w.y, 2)}
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def full_parameters(method: str, params: Optional[dict]) -> dict:
    """Every parameter of ``method``: the given ones (None/empty skipped) over the defaults, numbers as floats."""
    if method not in METHOD_PARAMS:
        raise Z.ZoneInputError(f"Unknown method {method!r}; use one of {', '.join(METHOD_PARAMS)}.")
    full = default_parameters(method)
    full.update({k: v for k, v in (params or {}).items() if k in full and v is not None and v != ""})
    for k, v in full.items():
        if k not in ("MEDIUM", "TRAVEL_TIMES"):
            try:
                full[k] = float(v)
            except (TypeError, ValueError):
                raise Z.ZoneInputError(f"{k} must be a number, got {v!r}.") from None
    return full
