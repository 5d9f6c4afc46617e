"""Screening of soil results against GB 36600-2018 (core/soil/gb36600.py): the screening and intervention value of
an item for class 1 or class 2 land, whether a value exceeds them ("exceeds" means strictly above, GB 36600-2018
§5.3.2/5.3.3: at or below the screening value the risk is generally negligible), the background-value rule of
note ① and a bilingual note saying which rule was applied; and the per-site summary (maximum ratio per pollutant,
exceeding points, depths of exceedance).

Rules, each visible in the note:
- planned land use not given → class 1 (GB 36600-2018 §5.3.1 as transcribed: "规划用途不明确的，适用第一类用地的筛选值和
  管制值");
- note ① (arsenic in table 1; cobalt and vanadium in table 2 as transcribed): where the soil background value is
  above the screening value, a content above the screening value but not above the background value is not managed as
  a contaminated site, so the background value takes the screening value's place; the intervention value stays;
- a non-detect does not exceed a value at or above its detection limit; with a detection limit above the value the
  answer is unknown (NULL), never a guess;
- a value written as "> x" exceeds a value at or below x; otherwise unknown.

Values as labs write them are read by core/wells/labvalues.py ``parse_lab_value`` (ND, <0.01, 0.01L, full-width
digits ...); a soil unit written with the value ("12 mg/kg") is split off first. Pure Python; no QGIS import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..wells.labvalues import parse_lab_value
from . import gb36600 as G

RULE_LAND_USE = "GB 36600-2018 §5.3.1"
RULE_BACKGROUND = "GB 36600-2018 注①"


@dataclass(frozen=True)
class SoilScreening:
    """The result of screening one value. ``screening_value`` is the value applied (the background value where note ①
    replaced the standard's value); ``standard_screening_value`` is the standard's own."""

    parameter: str
    item: Optional[G.Item]
    land_class: Optional[int]
    value_mg_kg: Optional[float]
    screening_value: Optional[float]
    intervention_value: Optional[float]
    exceeds_screening: Optional[bool]
    exceeds_intervention: Optional[bool]
    note_zh: str
    note_en: str
    standard_screening_value: Optional[float] = None
    below_detection: bool = False

    @property
    def ratio(self) -> Optional[float]:
        """value / applied screening value (None without both)."""
        if self.value_mg_kg is None or not self.screening_value:
            return None
        return self.value_mg_kg / self.screening_value

    def note(self, lang: str = "zh") -> str:
        return self.note_zh if (lang or "zh").lower().startswith("zh") else self.note_en


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _exceeds(value, below, dl, qualifier, limit) -> Optional[bool]:
    if limit is None:
        return None
    if value is not None and qualifier == "":
        return value > limit
    if below:
        return False if dl is not None and dl <= limit else None
    if qualifier == ">" and value is not None:
        return True if value >= limit else None
    return None


def screen(parameter, value, unit=None, land_use=None, background=None, background_unit=None) -> SoilScreening:
    """Screen one result. ``value`` as written by the lab (number or text), ``unit`` None = mg/kg, ``land_use`` 1/2 or
    text such as '第二类用地' (None = class 1, §5.3.1), ``background`` the soil background value of the item (same unit
    conventions) for note ①."""
    item = G.resolve(parameter)
    zh: list = []
    en: list = []
    land_class = G.land_class_of(land_use)
    if land_class is None:
        land_class = 1
        if land_use is None or str(land_use).strip() == "":
            zh.append(f"规划用途不明确，适用第一类用地（{RULE_LAND_USE}）")
            en.append(f"planned land use not given: class 1 land applies ({RULE_LAND_USE})")
        else:
            zh.append(f"用地类别“{land_use}”无法识别，按第一类用地筛选（{RULE_LAND_USE}）")
            en.append(f"land use {land_use!r} not recognised: screened as class 1 land ({RULE_LAND_USE})")
    if item is None:
        return SoilScreening(
            str(parameter or ""),
            None,
            land_class,
            None,
            None,
            None,
            None,
            None,
            "；".join([*zh, f"“{parameter}”不在GB 36600-2018表1、表2中"]),
            "; ".join([*en, f"{parameter!r} is not an item of GB 36600-2018 table 1 or 2"]),
        )
    sv = item.screening_value(land_class)
    iv = item.intervention_value(land_class)
    applied_sv = sv
    if not item.verified:
        zh.append("该项限值未经两份转录核对")
        en.append("value of this item not cross-checked")

    text, written_unit = G.split_soil_unit(value)
    if written_unit and unit and G.fold_unit(written_unit) != G.fold_unit(unit):
        zh.append(f"数值带单位{written_unit}，与单位字段{unit}不一致，按数值所带单位")
        en.append(f"unit {written_unit} written with the value differs from the unit field {unit}; the former is used")
    use_unit = written_unit or unit
    lv = parse_lab_value(text)
    num, below, dl, qualifier = lv.value_num, lv.below_detection, lv.detection_limit, lv.qualifier
    try:
        if num is not None:
            num = G.to_mg_per_kg(num, use_unit)
        if dl is not None:
            dl = G.to_mg_per_kg(dl, use_unit)
        bg = None if background in (None, "") else G.to_mg_per_kg(float(background), background_unit or use_unit)
    except G.SoilUnitError as exc:
        return SoilScreening(
            str(parameter),
            item,
            land_class,
            None,
            sv,
            iv,
            None,
            None,
            "；".join([*zh, f"单位无法识别：{use_unit}"]),
            "; ".join([*en, str(exc)]),
            sv,
        )
    except (TypeError, ValueError):
        bg = None
        zh.append(f"背景值“{background}”不是数字，未使用")
        en.append(f"background value {background!r} is not a number; not used")

    if item.background_rule and bg is not None:
        if bg > sv:
            applied_sv = bg
            zh.append(f"背景值{_fmt(bg)}高于筛选值{_fmt(sv)}，以背景值作筛选值（{RULE_BACKGROUND}）")
            en.append(
                f"background value {_fmt(bg)} above the screening value {_fmt(sv)}: the background value applies "
                f"({RULE_BACKGROUND})"
            )
        else:
            zh.append(f"背景值{_fmt(bg)}不高于筛选值，注①不适用")
            en.append(f"background value {_fmt(bg)} not above the screening value: note ① does not apply")
    elif bg is not None:
        zh.append("注①背景值规则不适用于该项")
        en.append("the background rule of note ① does not apply to this item")

    ex_s = _exceeds(num, below, dl, qualifier, applied_sv)
    ex_i = _exceeds(num, below, dl, qualifier, iv)
    if below:
        if dl is None:
            zh.append("未检出，未给检出限，无法判断")
            en.append("not detected without a detection limit: cannot be judged")
        elif ex_s is None:
            zh.append(f"未检出，但检出限{_fmt(dl)}高于筛选值，无法判断")
            en.append(f"not detected, but the detection limit {_fmt(dl)} is above the screening value: unknown")
        else:
            zh.append(f"未检出（检出限{_fmt(dl)}）")
            en.append(f"not detected (detection limit {_fmt(dl)})")
    elif qualifier == ">":
        zh.append(f"超出检测范围（>{_fmt(num)}）")
        en.append(f"above the reported range (>{_fmt(num)})")
    elif num is None:
        zh.append(f"数值无法读取：{lv.note}")
        en.append(f"value not readable: {lv.note}")
    elif ex_i:
        zh.append(f"超过管制值{_fmt(iv)}（第{land_class}类用地），通常存在不可接受风险，应采取风险管控或修复措施")
        en.append(
            f"above the intervention value {_fmt(iv)} (class {land_class} land): risk generally unacceptable, "
            "risk control or remediation"
        )
    elif ex_s:
        zh.append(f"超过筛选值{_fmt(applied_sv)}（第{land_class}类用地），应开展详细调查和风险评估")
        en.append(
            f"above the screening value {_fmt(applied_sv)} (class {land_class} land): detailed survey and risk "
            "assessment"
        )
    else:
        zh.append(f"不超过筛选值{_fmt(applied_sv)}（第{land_class}类用地），风险一般可忽略")
        en.append(f"not above the screening value {_fmt(applied_sv)} (class {land_class} land): risk negligible")
    return SoilScreening(
        str(parameter),
        item,
        land_class,
        num if qualifier in ("", ">") else None,
        applied_sv,
        iv,
        ex_s,
        ex_i,
        "；".join(zh),
        "; ".join(en),
        sv,
        below,
    )


# ------------------------------------------------------------------------------------------------------------
# Per-site summary
# ------------------------------------------------------------------------------------------------------------
@dataclass
class PollutantSummary:
    """One pollutant at one site: counts, the maximum ratio and where it was, the depths of exceedance."""

    site: str
    parameter: str  # the standard's name
    n: int = 0
    n_exceeding_screening: int = 0
    n_exceeding_intervention: int = 0
    n_unknown: int = 0  # rows that could not be judged against the screening value
    max_value: Optional[float] = None
    max_ratio: Optional[float] = None
    max_point: Optional[str] = None
    max_depth: Optional[tuple] = None
    exceeding_points: list = field(default_factory=list)
    exceeding_depths: list = field(default_factory=list)  # (top, bottom) in m

    @property
    def deepest_exceedance_m(self) -> Optional[float]:
        ends = [b if b is not None else t for t, b in self.exceeding_depths if (b if b is not None else t) is not None]
        return max(ends) if ends else None

    def depths_text(self) -> str:
        parts = []
        for t, b in sorted(set(self.exceeding_depths), key=lambda d: (d[0] is None, d[0] or 0.0, d[1] or 0.0)):
            if t is None and b is None:
                continue
            parts.append(_fmt(t) if b is None else f"{_fmt(t if t is not None else 0)}–{_fmt(b)}")
        return "; ".join(parts) + (" m" if parts else "")


def _float(v) -> Optional[float]:
    try:
        return None if v is None or v == "" else float(v)
    except (TypeError, ValueError):
        return None


class SiteSummary:
    """Collects screened rows (``add``) and gives one :class:`PollutantSummary` per site and pollutant and one entry
    per exceeding sampling point (``points``)."""

    def __init__(self):
        self._by_key: dict = {}
        self._points: dict = {}

    def add(self, site, point, depth_top, depth_bottom, result: SoilScreening, geometry=None) -> None:
        if result.item is None:
            return
        site = "" if site is None else str(site)
        key = (site, result.item.key)
        s = self._by_key.get(key)
        if s is None:
            s = self._by_key[key] = PollutantSummary(site, result.item.key)
        s.n += 1
        top, bottom = _float(depth_top), _float(depth_bottom)
        ratio = result.ratio
        if result.value_mg_kg is not None and (s.max_value is None or result.value_mg_kg > s.max_value):
            s.max_value = result.value_mg_kg
        if ratio is not None and (s.max_ratio is None or ratio > s.max_ratio):
            s.max_ratio, s.max_point, s.max_depth = ratio, None if point is None else str(point), (top, bottom)
        if result.exceeds_screening:
            s.n_exceeding_screening += 1
            s.exceeding_depths.append((top, bottom))
            if point is not None and str(point) not in s.exceeding_points:
                s.exceeding_points.append(str(point))
            p = self._points.setdefault(
                (site, "" if point is None else str(point)),
                {
                    "site": site,
                    "point": point,
                    "geometry": geometry,
                    "pollutants": [],
                    "max_ratio": 0.0,
                    "intervention": False,
                    "deepest_m": None,
                },
            )
            if result.item.key not in p["pollutants"]:
                p["pollutants"].append(result.item.key)
            p["max_ratio"] = max(p["max_ratio"], ratio or 0.0)
            p["intervention"] = p["intervention"] or bool(result.exceeds_intervention)
            end = bottom if bottom is not None else top
            if end is not None and (p["deepest_m"] is None or end > p["deepest_m"]):
                p["deepest_m"] = end
            if p["geometry"] is None and geometry is not None:
                p["geometry"] = geometry
        if result.exceeds_intervention:
            s.n_exceeding_intervention += 1
        if result.exceeds_screening is None:
            s.n_unknown += 1

    def pollutants(self) -> list:
        """Summaries sorted by site, then by maximum ratio (highest first)."""
        return sorted(self._by_key.values(), key=lambda s: (s.site, -(s.max_ratio or 0.0), s.parameter))

    def points(self) -> list:
        """Exceeding sampling points: dicts with site, point, geometry, pollutants, max_ratio, intervention,
        deepest_m."""
        return [self._points[k] for k in sorted(self._points)]

    def site_states(self) -> dict:
        """site → 'exceeding' (a pollutant above its screening value), 'not_exceeding' (every row judged, none
        above) or 'unknown' (none above, some rows not judged): the values of sites.soil_exceedance."""
        out: dict = {}
        for s in self._by_key.values():
            state = "exceeding" if s.n_exceeding_screening else ("unknown" if s.n_unknown else "not_exceeding")
            rank = {"exceeding": 2, "unknown": 1, "not_exceeding": 0}
            if rank[state] > rank[out.get(s.site, "not_exceeding")] or s.site not in out:
                out[s.site] = state
        return out

    def sites_exceeding(self) -> dict:
        """site → sorted list of the pollutants above their screening value there."""
        out: dict = {}
        for s in self._by_key.values():
            out.setdefault(s.site, [])
            if s.n_exceeding_screening:
                out[s.site].append(s.parameter)
        return {k: sorted(v) for k, v in out.items()}
