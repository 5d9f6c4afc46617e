"""Pilot-zone indicators by county and for the city against a plan's targets and deadlines (seeds 000 表2—1, 004).

A plan configuration (JSON; shipped: resources/config/plans/zhengzhou_2022.json and jincheng.json; users add
their own) lists the indicators with ``metric``, ``target``, ``unit``, ``deadline``, an optional ``scope`` and the
seed text it comes from. The metrics this module computes, each with its numerator and denominator:

============================  =====================================================  ===============================
metric                        numerator                                              denominator
============================  =====================================================  ===============================
self_monitoring               sources in scope with self-monitoring ``complete``    sources in scope, except those
                                                                                     marked ``not_required``
leakage_investigation         sources in scope whose leakage investigation is done  sources in scope on the leakage
                              (self_investigated / report_received / spot_checked)  list (any leakage status set)
antiseepage_completion        retrofit ``done`` or ``assessed``                      retrofit needed/planned/done/
                                                                                     assessed
detailed_survey               detailed survey done (survey_done, plan_done,         sources needing a detailed
                              implemented)                                          survey (survey_needed … )
risk_control_plan             risk-control/remediation plan done (plan_done,        same as detailed_survey
                              implemented)
spot_check_share              investigated sources spot-checked (status             sources whose investigation is
                              spot_checked, or a spot_check inspection with a       done (self_investigated … )
                              result; drawn but not yet checked does not count)
spot_check_category_coverage  categories with at least one spot check               categories among investigated
recharge_zone_delineation     drinking-water sources of the scope's levels with a   drinking-water sources of those
                              recharge_zones polygon                                levels (default county and city)
recharge_zone_count           drinking-water sources with a recharge zone (count)   —
rosters_published             rosters of the scope with a published version (city)  rosters in the scope
============================  =====================================================  ===============================

Scope keys: ``rosters`` (source accepted now or in the roster's latest published version), ``operating_status_in``,
``categories``, ``levels`` (drinking-water source levels), ``source_types``.

Status (traffic light): ``met`` when the value reaches the target; after the deadline otherwise ``behind``; before
it ``on_track`` when the value reaches the pro-rata share of the target for the time elapsed since the plan start
(linear), else ``behind``; ``no_data`` when the denominator is 0. Vectorised with numpy: 100,000 sources in about a
second.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from ...toolbelt.i18n import tr
from ...toolbelt.paths import resource
from ..data import schema as S
from . import rosters as R
from . import spotcheck as SC

TR_CONTEXT = "indicators"  # the translation context of this module's texts


STATUS_LABELS = {
    "met": ("达标", "Met"),
    "on_track": ("按期推进", "On track"),
    "behind": ("滞后", "Behind"),
    "no_data": ("无数据", "No data"),
}

DONE_LEAKAGE = SC.INVESTIGATED_STATUSES
ANTISEEPAGE_DEN = ("needed", "planned", "done", "assessed")
ANTISEEPAGE_NUM = ("done", "assessed")
SURVEY_DEN = ("survey_needed", "survey_done", "plan_done", "implemented")
SURVEY_NUM = ("survey_done", "plan_done", "implemented")
PLAN_NUM = ("plan_done", "implemented")

#: metric → (numerator zh, denominator zh, numerator en, denominator en)
METRICS = {
    "self_monitoring": (
        "范围内自行监测状态为“已完成”的单位数",
        "范围内单位数（不含“不要求”）",
        "units in scope with self-monitoring complete",
        "units in scope, except 'not required'",
    ),
    "leakage_investigation": (
        "范围内已完成渗漏排查（已自查/已提交报告/已抽查）的污染源数",
        "范围内列入渗漏排查清单（已填渗漏排查状态）的污染源数",
        "sources in scope with the leakage investigation done (self-investigated / report received / spot-checked)",
        "sources in scope on the leakage-investigation list (leakage status set)",
    ),
    "antiseepage_completion": (
        "防渗改造“已完成”或“已评估效果”的污染源数",
        "需防渗改造（需改造/已计划/已完成/已评估效果）的污染源数",
        "sources with the anti-seepage retrofit done or its effect assessed",
        "sources needing a retrofit (needed / planned / done / assessed)",
    ),
    "detailed_survey": (
        "已完成详细调查（含已编制方案、已实施）的单位数",
        "需详细调查（需详细调查/已完成详细调查/已编制方案/已实施）的单位数",
        "units with the detailed survey done (incl. plan done, implemented)",
        "units needing a detailed survey (needed / done / plan done / implemented)",
    ),
    "risk_control_plan": (
        "已编制风险管控或修复方案（含已实施）的单位数",
        "需详细调查与风险管控（需详细调查/已完成详细调查/已编制方案/已实施）的单位数",
        "units with a risk-control or remediation plan (incl. implemented)",
        "units needing a detailed survey and risk control (needed / survey done / plan done / implemented)",
    ),
    "spot_check_share": (
        "已抽查（渗漏排查状态为“已抽查”，或抽查记录已填结论）的已排查污染源数",
        "已开展渗漏排查（已自查/已提交报告/已抽查）的污染源数",
        "investigated sources spot-checked (status spot-checked, or a spot-check inspection with a result)",
        "sources that carried out the leakage investigation (self-investigated / report received / spot-checked)",
    ),
    "spot_check_category_coverage": (
        "已有抽查的污染源类别数",
        "已开展渗漏排查的污染源类别数",
        "categories with at least one spot check",
        "categories among the investigated sources",
    ),
    "recharge_zone_delineation": (
        "已划定补给区的饮用水水源地数",
        "范围内饮用水水源地数（默认县级及以上）",
        "drinking-water sources with a delineated recharge zone",
        "drinking-water sources in scope (default county level and above)",
    ),
    "recharge_zone_count": (
        "已划定补给区的饮用水水源地数",
        "—",
        "drinking-water sources with a delineated recharge zone",
        "—",
    ),
    "rosters_published": (
        "已发布（至少一个版本）的名录数",
        "方案要求公布的名录数",
        "rosters with at least one published version",
        "rosters the plan requires",
    ),
}
CITY_ONLY = {"rosters_published", "spot_check_category_coverage"}


class PlanError(Exception):
    """A plan configuration is not usable (message meant for the user)."""


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    metric: str
    name_zh: str
    name_en: str
    target: float
    unit: str  # "%" or "count"
    deadline: str  # ISO date
    scope: dict
    quote: str
    seed_ref: str
    short_zh: str = ""

    @property
    def numerator_zh(self) -> str:
        return METRICS[self.metric][0]

    @property
    def denominator_zh(self) -> str:
        return METRICS[self.metric][1]

    @property
    def numerator_en(self) -> str:
        return METRICS[self.metric][2]

    @property
    def denominator_en(self) -> str:
        return METRICS[self.metric][3]


@dataclass
class Plan:
    id: str
    name_zh: str
    name_en: str
    city_code: str
    city_name_zh: str
    start: str
    indicators: list
    unsupported: list
    source: str


@dataclass
class IndicatorResult:
    indicator_id: str
    name_zh: str
    name_en: str
    area_code: str
    area_name: str
    numerator: int
    denominator: Optional[int]
    value: Optional[float]
    unit: str
    target: float
    deadline: str
    expected: Optional[float]
    status: str
    numerator_zh: str
    denominator_zh: str
    seed_ref: str

    @property
    def status_zh(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def status_en(self) -> str:
        return STATUS_LABELS[self.status][1]


@dataclass
class Report:
    plan_name: str
    plan_source: str
    today: str
    city_code: str
    indicators: list
    results: list = field(default_factory=list)
    unsupported: list = field(default_factory=list)


# ----------------------------------------------------------------------------------------------------------------
# Plan configurations
# ----------------------------------------------------------------------------------------------------------------
def shipped_plans() -> dict:
    """{plan id: path} of the plan configurations shipped with the plugin."""
    out = {}
    for p in sorted(resource("config", "plans").glob("*.json")):
        try:
            out[json.loads(p.read_text(encoding="utf-8"))["id"]] = p
        except (OSError, ValueError, KeyError):
            continue
    return out


def load_plan(path_or_id) -> Plan:
    """Read a plan configuration by path or by the id of a shipped plan, checking every indicator."""
    p = Path(str(path_or_id))
    if not p.is_file():
        p = shipped_plans().get(str(path_or_id), p)
    try:
        data = json.loads(Path(p).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PlanError(
            tr(TR_CONTEXT, "Cannot read the plan configuration {path}: {error}").format(path=p, error=exc)
        ) from exc
    inds = []
    seen = set()
    for d in data.get("indicators", []):
        iid = d.get("id")
        if not iid or iid in seen:
            raise PlanError(tr(TR_CONTEXT, "Indicator without id or with a repeated id: {id}").format(id=iid))
        seen.add(iid)
        if d.get("metric") not in METRICS:
            raise PlanError(tr(TR_CONTEXT, "Indicator {id}: unknown metric {m}").format(id=iid, m=d.get("metric")))
        try:
            target = float(d["target"])
            _dt.date.fromisoformat(d["deadline"])
        except (KeyError, TypeError, ValueError) as exc:
            raise PlanError(
                tr(TR_CONTEXT, "Indicator {id}: target and deadline (YYYY-MM-DD) are required").format(id=iid)
            ) from exc
        unit = d.get("unit", "%")
        if unit not in ("%", "count"):
            raise PlanError(tr(TR_CONTEXT, "Indicator {id}: unit must be % or count").format(id=iid))
        scope = dict(d.get("scope", {}))
        if set(scope.get("rosters", ())) - set(R.ROSTERS):
            raise PlanError(tr(TR_CONTEXT, "Indicator {id}: unknown roster in scope").format(id=iid))
        inds.append(
            IndicatorDef(
                iid,
                d["metric"],
                d.get("name_zh", iid),
                d.get("name_en", iid),
                target,
                unit,
                d["deadline"],
                scope,
                d.get("quote", ""),
                d.get("seed_ref", ""),
                d.get("short_zh", ""),
            )
        )
    return Plan(
        data.get("id", p.stem),
        data.get("name_zh", p.stem),
        data.get("name_en", p.stem),
        data.get("city_code", "city"),
        data.get("city_name_zh", "全市"),
        data.get("period", {}).get("start", "2022-01-01"),
        inds,
        list(data.get("unsupported", [])),
        str(p),
    )


# ----------------------------------------------------------------------------------------------------------------
# Computation
# ----------------------------------------------------------------------------------------------------------------
def status_of(value: Optional[float], target: float, deadline: str, start: str, today: _dt.date):
    """(status, expected value now) — the traffic light of one figure."""
    if value is None:
        return "no_data", None
    dl = _dt.date.fromisoformat(deadline)
    st = _dt.date.fromisoformat(start)
    if value >= target - 1e-9:
        return "met", target
    if today > dl:
        return "behind", target
    span = max((dl - st).days, 1)
    frac = min(max((today - st).days / span, 0.0), 1.0)
    expected = target * frac
    return ("on_track" if value >= expected - 1e-9 else "behind"), expected


def _scope_mask(src: R.SourceArrays, scope: dict, member_sets: dict) -> np.ndarray:
    m = np.ones(len(src), dtype=bool)
    if scope.get("rosters"):
        members = set().union(*(member_sets[r] for r in scope["rosters"]))
        m &= R.in_set(src["uuid"], members)
    if "operating_status_in" in scope:
        m &= src.isin("operating_status", scope["operating_status_in"])
    if "categories" in scope:
        m &= src.isin("category", scope["categories"])
    return m


def compute(path, plan: Plan, today: Optional[_dt.date] = None) -> Report:
    """Every indicator of ``plan`` for each county and for the city."""
    today = today or _dt.date.today()
    con = R.connect(path, readonly=True)
    try:
        src = R.read_sources(path, con)
        names = R.county_names(con)
        member_sets = {r: R.members(con, [r]) for r in R.ROSTERS}
        checked = SC.spot_checked_sources(con)
        published = {r[0] for r in con.execute("SELECT DISTINCT roster FROM roster_entries WHERE status = 'published'")}
        dws = con.execute("SELECT uuid, county_code, level, source_type FROM drinking_water_sources").fetchall()
        with_zone = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT water_source_uuid FROM recharge_zones WHERE water_source_uuid IS NOT NULL"
            )
        }
    finally:
        con.close()
    counties_src = np.array([c or "" for c in src["county_code"]], dtype=object)
    all_counties = sorted({c for c in counties_src if c} | {r[1] for r in dws if r[1]})
    report = Report(
        plan.name_zh, plan.source, today.isoformat(), plan.city_code, plan.indicators, unsupported=plan.unsupported
    )
    city_name = plan.city_name_zh + "（全市）"

    def add(ind: IndicatorDef, area: str, area_name: str, num: int, den: Optional[int]):
        if ind.unit == "count":
            value = float(num)
        else:
            value = (100.0 * num / den) if den else None
        status, expected = status_of(value, ind.target, ind.deadline, plan.start, today)
        report.results.append(
            IndicatorResult(
                ind.id,
                ind.name_zh,
                ind.name_en,
                area,
                area_name,
                int(num),
                None if den is None else int(den),
                value,
                ind.unit,
                ind.target,
                ind.deadline,
                expected,
                status,
                ind.numerator_zh,
                ind.denominator_zh,
                ind.seed_ref,
            )
        )

    def by_county(ind, num_mask, den_mask, counties):
        for c in all_counties:
            sel = counties == c
            add(ind, c, names.get(c, c), int((num_mask & sel).sum()), int((den_mask & sel).sum()))
        add(ind, plan.city_code, city_name, int(num_mask.sum()), int(den_mask.sum()))

    for ind in plan.indicators:
        m = ind.metric
        if m == "rosters_published":
            wanted = ind.scope.get("rosters") or list(R.ROSTERS)
            add(ind, plan.city_code, city_name, sum(r in published for r in wanted), len(wanted))
            continue
        if m in ("recharge_zone_delineation", "recharge_zone_count"):
            levels = ind.scope.get("levels", ["city", "county"])
            types = ind.scope.get("source_types")
            rows = [r for r in dws if r[2] in levels and (not types or r[3] in types)]
            den = np.ones(len(rows), dtype=bool)
            num = np.array([r[0] in with_zone for r in rows], dtype=bool)
            cc = np.array([r[1] or "" for r in rows], dtype=object)
            if m == "recharge_zone_count":
                add(ind, plan.city_code, city_name, int(num.sum()), None)
            else:
                by_county(ind, num, den, cc)
            continue
        scope = _scope_mask(src, ind.scope, member_sets)
        if m == "self_monitoring":
            den = scope & ~src.isin("self_monitoring_status", ["not_required"])
            num = den & src.isin("self_monitoring_status", ["complete"])
        elif m == "leakage_investigation":
            den = scope & ~src.isin("leakage_status", [None])
            num = den & src.isin("leakage_status", DONE_LEAKAGE)
        elif m == "antiseepage_completion":
            den = scope & src.isin("antiseepage_status", ANTISEEPAGE_DEN)
            num = den & src.isin("antiseepage_status", ANTISEEPAGE_NUM)
        elif m == "detailed_survey":
            den = scope & src.isin("risk_control_status", SURVEY_DEN)
            num = den & src.isin("risk_control_status", SURVEY_NUM)
        elif m == "risk_control_plan":
            den = scope & src.isin("risk_control_status", SURVEY_DEN)
            num = den & src.isin("risk_control_status", PLAN_NUM)
        elif m in ("spot_check_share", "spot_check_category_coverage"):
            den = scope & src.isin("leakage_status", DONE_LEAKAGE)
            num = den & R.in_set(src["uuid"], checked)
            if m == "spot_check_category_coverage":
                cats_all = {c for c in src["category"][den]}
                cats_hit = {c for c in src["category"][num]}
                add(ind, plan.city_code, city_name, len(cats_hit), len(cats_all))
                continue
        else:  # pragma: no cover - load_plan refuses unknown metrics
            raise PlanError(m)
        by_county(ind, num, den, counties_src)
    return report


def results_as_rows(report: Report) -> list:
    """Plain rows (dicts) for a feature sink or a CSV."""
    out = []
    for r in report.results:
        out.append(
            {
                "indicator_id": r.indicator_id,
                "indicator_zh": r.name_zh,
                "indicator_en": r.name_en,
                "area_code": r.area_code,
                "area_name": r.area_name,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "value": None if r.value is None else round(r.value, 4),
                "unit": r.unit,
                "target": r.target,
                "deadline": r.deadline,
                "expected_now": None if r.expected is None else round(r.expected, 4),
                "status": r.status,
                "status_zh": r.status_zh,
                "numerator_def": r.numerator_zh,
                "denominator_def": r.denominator_zh,
                "seed_ref": r.seed_ref,
            }
        )
    return out


def source_category_label(code: str) -> str:
    return S.codelist("source_category").label(code, "zh")
