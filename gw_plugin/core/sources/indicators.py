"""Pilot-zone indicators by county and for the city against a plan's targets and deadlines (seeds 000 表2—1, 004),
computed AS OF A DATE from the dated workflow history (core/sources/history.py).

A plan configuration (JSON; shipped: resources/config/plans/zhengzhou_2022.json and jincheng.json; users add
their own) lists the indicators with ``metric``, ``target``, ``unit``, ``deadline``, an optional ``scope``, the
seed text it comes from and its ``numerator_zh`` / ``denominator_zh`` (``_en``) as the plan counts them (the defaults
of :data:`METRICS` where the plan file gives none). The metrics, each counted as of the date D:

============================  =====================================================  ===============================
metric                        numerator                                              denominator
============================  =====================================================  ===============================
self_monitoring               sources in scope whose self-monitoring of D's year is  sources in scope, except those
                              ``complete``                                           ``not_required`` by D
leakage_investigation         sources on the list whose investigation is done by D   sources on the leakage-
                              (self_investigated / report_received / spot_checked)   investigation list on D
antiseepage_completion        retrofit ``done`` or ``assessed`` by D                 retrofit needed … assessed by D
detailed_survey               detailed survey done by D (survey_done and later)      survey needed or later by D
risk_control_plan             plan done by D (plan_done / implemented /              survey concluded that a plan is
                              effect_assessed)                                       needed (survey_done, plan_done,
                                                                                     implemented, effect_assessed)
risk_control_assessed         plans whose effect is assessed by D                    same as risk_control_plan
spot_check_share              investigated sources spot-checked by D (a spot check   sources on the list whose
                              with a result, or status spot_checked)                 investigation is done by D
spot_check_category_coverage  categories with at least one spot check by D           categories among investigated
recharge_zone_delineation     sources of the scope's levels with a delineated        drinking-water sources of those
                              recharge area (recharge_zones kind ``recharge``,       levels (default county and city)
                              written by D; capture and time-of-travel zones do
                              not count)
recharge_pilots               pilots typed by the plan (scope ``pilots``: [{types,   —
                              n}]): Σ min(n, sources of those types delineated)
permit_gw_content             units in scope whose discharge permit issued by D      units in scope on D
                              states groundwater duties (self-monitoring, hidden-
                              danger investigation or obligations text)
rosters_published             rosters of the scope with a version published by D     rosters in the scope
hd_investigation              units in scope whose first (initial) hidden-danger     units in scope on D (scope
                              investigation is finished by D                         ``rosters``: soil key units)
hd_rectification              units in scope whose initial investigation is          units in scope on D
                              finished by D and every hidden danger found by D is
                              rectified by D
hd_lookback                   units in scope with a "回头看" (look-back)              units in scope whose initial
                              investigation finished by D                            investigation is finished by D
site_assessment               sites in scope whose soil or groundwater exceeds and    sites in scope whose soil or
                              that reached risk assessment (or a later stage) by D   groundwater exceeds
survey_check_share            surveys of the scope's ``phase`` started from the      surveys of that phase (
                              plan start to D and drawn for a quality spot check by  site_stages) started from the
                              D (survey_checks.drawn_on)                             plan start to D
source_control_projects       enterprises with a source-control project in           —
                              progress, completed or accepted, started by D (count)
============================  =====================================================  ===============================

Scope keys: ``rosters`` (member on D: accepted by D, or in the roster's latest version published by D),
``operating_status_in`` (the CURRENT operating status: closures are not dated yet), ``categories``, ``levels``
(drinking-water source levels), ``source_types``, ``pilots``; for sites ``site_status_in`` (current status and
exceedance: neither is dated) and ``phase`` (phase1_survey / phase2_survey). Any date is accepted, years before the plan included:
a figure counts what had happened by then (nothing → numerator 0; an empty denominator gives no value).

Status (traffic light) on D: ``met`` when the value reaches the target; after the deadline otherwise ``behind``;
before it ``on_track`` when the value reaches the pro-rata share of the target for the time elapsed since the plan
start (linear), else ``behind``; ``no_data`` when the denominator is 0.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np

from ...toolbelt.i18n import tr
from ...toolbelt.paths import resource
from ..data import schema as S
from . import history as H
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
SURVEY_DEN = ("survey_needed", "survey_done", "no_plan_needed", "plan_done", "implemented", "effect_assessed")
SURVEY_NUM = ("survey_done", "no_plan_needed", "plan_done", "implemented", "effect_assessed")
PLAN_DEN = ("survey_done", "plan_done", "implemented", "effect_assessed")
PLAN_NUM = ("plan_done", "implemented", "effect_assessed")
ASSESSED_NUM = ("effect_assessed",)

#: metric → (numerator zh, denominator zh, numerator en, denominator en): the defaults of a plan file
METRICS = {
    "self_monitoring": (
        "范围内当年自行监测已完成的单位数",
        "范围内单位数（不含“不要求”）",
        "units in scope whose self-monitoring of the year is complete",
        "units in scope, except 'not required'",
    ),
    "leakage_investigation": (
        "渗漏排查清单内已完成排查（已自查/已提交报告/已抽查）的污染源数",
        "列入渗漏排查清单的污染源数",
        "listed sources with the leakage investigation done (self-investigated / report received / spot-checked)",
        "sources on the leakage-investigation list",
    ),
    "antiseepage_completion": (
        "防渗改造“已完成”或“已评估效果”的污染源数",
        "需防渗改造（需改造/已计划/已完成/已评估效果）的污染源数",
        "sources with the anti-seepage retrofit done or its effect assessed",
        "sources needing a retrofit (needed / planned / done / assessed)",
    ),
    "detailed_survey": (
        "已完成详细调查的单位数",
        "需开展详细调查的单位数",
        "units with the detailed survey done",
        "units needing a detailed survey",
    ),
    "risk_control_plan": (
        "已编制风险管控或修复方案（含已实施、已评估效果）的单位数",
        "详细调查结论为需编制方案的单位数（不含“无需编制方案”）",
        "units with a risk-control or remediation plan (incl. implemented, effect assessed)",
        "units whose detailed survey concluded a plan is needed (excluding 'no plan needed')",
    ),
    "risk_control_assessed": (
        "方案已实施并完成效果评估的单位数",
        "详细调查结论为需编制方案的单位数（不含“无需编制方案”）",
        "units whose plan's effect has been assessed",
        "units whose detailed survey concluded a plan is needed (excluding 'no plan needed')",
    ),
    "spot_check_share": (
        "已抽查（抽查记录已填结论，或状态为“已抽查”）的已排查污染源数",
        "已完成渗漏排查（已自查/已提交报告/已抽查）的清单内污染源数",
        "investigated sources spot-checked (a spot check with a result, or status spot-checked)",
        "listed sources whose leakage investigation is done",
    ),
    "spot_check_category_coverage": (
        "已有抽查的污染源类别数",
        "已完成渗漏排查的污染源类别数",
        "categories with at least one spot check",
        "categories among the investigated sources",
    ),
    "recharge_zone_delineation": (
        "已划定补给区（补给区类型“补给区”，不含捕获区、运移时间区）的饮用水水源地数",
        "范围内饮用水水源地数（默认县级及以上）",
        "drinking-water sources with a delineated recharge area (not capture or time-of-travel zones)",
        "drinking-water sources in scope (default county level and above)",
    ),
    "recharge_pilots": (
        "按方案类型（孔隙水、岩溶泉）已划定补给区的试点数（每类不超过方案要求数）",
        "—",
        "pilots of the plan's types with a delineated recharge area (each type counted up to the plan's number)",
        "—",
    ),
    "permit_gw_content": (
        "排污许可证载明地下水污染防治内容（自行监测、隐患排查或防治义务）的单位数",
        "范围内单位数",
        "units whose discharge permit states groundwater duties (self-monitoring, hidden dangers or obligations)",
        "units in scope",
    ),
    "hd_investigation": (
        "名录内首轮土壤污染隐患排查已完成的单位数",
        "土壤污染重点监管单位名录内单位数",
        "units on the roster whose first hidden-danger investigation is finished",
        "units on the soil key supervised units roster",
    ),
    "hd_rectification": (
        "名录内已完成隐患排查且发现的隐患均已整改的单位数",
        "土壤污染重点监管单位名录内单位数",
        "units whose investigation is finished and every hidden danger found rectified",
        "units on the soil key supervised units roster",
    ),
    "hd_lookback": (
        "已完成隐患排查“回头看”的单位数",
        "名录内已完成首轮隐患排查的单位数",
        "units with a look-back investigation finished",
        "units on the roster whose first investigation is finished",
    ),
    "site_assessment": (
        "土壤或地下水超标且已开展风险评估（或已进入后续阶段）的地块数",
        "土壤或地下水超标的地块数",
        "exceeding sites that reached risk assessment or a later stage",
        "sites whose soil or groundwater exceeds",
    ),
    "survey_check_share": (
        "方案期内开展且已被抽取进行质量监督检查的调查数",
        "方案期内开展的该阶段土壤污染状况调查数",
        "surveys of the period drawn for a quality spot check",
        "surveys of the phase started in the period",
    ),
    "source_control_projects": (
        "土壤污染源头管控项目已开工（实施中、已完工或已验收）的企业数",
        "—",
        "enterprises with a source-control project under way, completed or accepted",
        "—",
    ),
    "rosters_published": (
        "已发布（至少一个版本）的名录数",
        "方案要求公布的名录数",
        "rosters with at least one published version",
        "rosters the plan requires",
    ),
}
METRICS["recharge_zone_count"] = METRICS["recharge_pilots"]  # older plan files: pilots of any type
CITY_ONLY = {
    "rosters_published",
    "spot_check_category_coverage",
    "recharge_pilots",
    "recharge_zone_count",
    "source_control_projects",
}
SURVEY_PHASES = ("phase1_survey", "phase2_survey")
#: stages at or after the risk assessment (core/soil/stages.py STAGES; written here because the rooms of core are
#: independent of each other)
ASSESSED_STAGES = ("risk_assessment", "control_list", "works", "effect_assessment", "delisted")
PROJECT_STARTED = ("in_progress", "completed", "accepted")


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
    texts: tuple = ()  # (numerator zh, denominator zh, numerator en, denominator en) from the plan file

    def _text(self, k: int) -> str:
        return (self.texts[k] if len(self.texts) > k and self.texts[k] else "") or METRICS[self.metric][k]

    @property
    def numerator_zh(self) -> str:
        return self._text(0)

    @property
    def denominator_zh(self) -> str:
        return self._text(1)

    @property
    def numerator_en(self) -> str:
        return self._text(2)

    @property
    def denominator_en(self) -> str:
        return self._text(3)


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
        if d["metric"] == "survey_check_share" and scope.get("phase") not in SURVEY_PHASES:
            raise PlanError(
                tr(TR_CONTEXT, "Indicator {id}: the scope needs a phase (phase1_survey or phase2_survey)").format(
                    id=iid
                )
            )
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
                tuple(d.get(k, "") for k in ("numerator_zh", "denominator_zh", "numerator_en", "denominator_en")),
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


@dataclass
class State:
    """The sources, drinking-water sources, rosters and permits as they stood on one date (arrays over sources)."""

    src: R.SourceArrays
    names: dict
    as_of: _dt.date
    status: dict  # workflow → object array of the status on the date
    self_monitoring: np.ndarray  # status of the date's year
    listed: np.ndarray  # on the leakage-investigation list
    checked: np.ndarray  # spot-checked by the date
    member_sets: dict
    published: set
    dws: list  # (uuid, county, level, type)
    with_zone: set  # drinking-water sources with a recharge area delineated by the date
    permit_gw: set  # sources with a permit issued by the date that states groundwater duties
    city_name: str = ""  # the city of the database (admin_units of level city), when it has one
    soil: dict = field(default_factory=dict)  # what the soil metrics need (see _soil_as_of)


def _soil_as_of(con: sqlite3.Connection, d: str) -> dict:
    """The soil pilot area as it stood on the date ``d`` (ISO): sets of source uuids (hidden-danger work), the sites
    (uuid, county, status, exceeding, stages reached), the surveys (county, phase, started_on, drawn) and the
    source-control projects (county, source uuid). Empty when the database has no soil tables."""
    out = {"hd_done": set(), "hd_rectified": set(), "hd_lookback": set(), "sites": [], "surveys": [], "projects": []}
    if not H.columns(con, "hd_investigations") or not H.columns(con, "site_stages"):
        return out
    done = "finished_on IS NOT NULL AND substr(finished_on, 1, 10) <= ?"
    out["hd_done"] = {
        r[0] for r in con.execute(f"SELECT source_uuid FROM hd_investigations WHERE kind = 'initial' AND {done}", (d,))
    }
    out["hd_lookback"] = {
        r[0] for r in con.execute(f"SELECT source_uuid FROM hd_investigations WHERE kind = 'lookback' AND {done}", (d,))
    }
    open_dangers = {
        r[0]
        for r in con.execute(
            "SELECT source_uuid FROM hidden_dangers WHERE substr(found_on, 1, 10) <= ? "
            "AND (rectified_on IS NULL OR substr(rectified_on, 1, 10) > ?)",
            (d, d),
        )
    }
    out["hd_rectified"] = out["hd_done"] - open_dangers
    reached: dict = {}
    for site, stage in con.execute(
        "SELECT site_uuid, stage FROM site_stages WHERE substr(started_on, 1, 10) <= ?", (d,)
    ):
        reached.setdefault(site, set()).add(stage)
    out["sites"] = [
        (u, c or "", st or "", "exceeding" in (soil, gw), reached.get(u, set()))
        for u, c, st, soil, gw in con.execute(
            "SELECT uuid, county_code, site_status, soil_exceedance, gw_exceedance FROM sites ORDER BY uuid"
        )
    ]
    out["surveys"] = con.execute(
        "SELECT s.county_code, t.stage, substr(t.started_on, 1, 10), EXISTS (SELECT 1 FROM survey_checks c "
        "WHERE c.stage_uuid = t.uuid AND substr(c.drawn_on, 1, 10) <= ?) FROM site_stages t "
        "JOIN sites s ON s.uuid = t.site_uuid WHERE t.stage IN ('phase1_survey', 'phase2_survey') "
        "AND substr(t.started_on, 1, 10) <= ?",
        (d, d),
    ).fetchall()
    out["projects"] = con.execute(
        "SELECT DISTINCT p.county_code, p.source_uuid FROM source_control_projects p WHERE p.status IN "
        "('in_progress', 'completed', 'accepted') AND substr(coalesce(p.started_on, p.finished_on), 1, 10) <= ?",
        (d,),
    ).fetchall()
    return out


def _permits_with_gw(con, d: str) -> set:
    if not H.columns(con, "permits"):
        return set()
    return {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT source_uuid FROM permits WHERE coalesce(substr(issued_on, 1, 10), "
            "substr(created_at, 1, 10), date('now')) <= ? AND (gw_self_monitoring = 1 OR hidden_danger_investigation = 1 "
            "OR trim(coalesce(gw_obligations, '')) <> '')",
            (d,),
        )
    }


def state_as_of(path, as_of: _dt.date) -> State:
    """Read what the indicators need as it stood on ``as_of`` (the history makes any date possible)."""
    d = as_of.isoformat()
    con = R.connect(path, readonly=True)
    try:
        src = R.read_sources(path, con)
        names = R.county_names(con)
        hist = H.read_history(con)
        member_sets = {r: H.members_as_of(con, [r], as_of) for r in R.ROSTERS}
        published = H.published_as_of(con, as_of)
        dws = con.execute("SELECT uuid, county_code, level, source_type FROM drinking_water_sources").fetchall()
        # delineated recharge areas only: capture and time-of-travel polygons are written automatically by the
        # zoning tools and are not the plan's 补给区划定 (issue 16); zones carry no delineation date: created_at
        with_zone = {
            r[0]
            for r in con.execute(
                "SELECT DISTINCT water_source_uuid FROM recharge_zones WHERE water_source_uuid IS NOT NULL "
                "AND kind = 'recharge' AND coalesce(substr(created_at, 1, 10), date('now')) <= ?",
                (d,),
            )
        }
        permit_gw = _permits_with_gw(con, d)
        soil = _soil_as_of(con, d)
        try:
            cities = con.execute(
                "SELECT name_zh FROM admin_units WHERE level = 'city' AND name_zh IS NOT NULL"
            ).fetchall()
        except sqlite3.DatabaseError:
            cities = []
    finally:
        con.close()
    uu = list(src["uuid"])

    def arr(values):
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out

    status = {wf: arr(hist.statuses(uu, wf, as_of)) for wf in ("leakage", "antiseepage", "risk_control")}
    return State(
        src,
        names,
        as_of,
        status,
        arr(hist.self_monitoring_of_year(uu, as_of.year, as_of)),
        hist.on_leakage_list_many(uu, as_of),
        hist.spot_checked_many(uu, as_of),
        member_sets,
        published,
        dws,
        with_zone,
        permit_gw,
        cities[0][0] if len(cities) == 1 else "",
        soil,
    )


def compute(path, plan: Plan, today: Optional[_dt.date] = None) -> Report:
    """Every indicator of ``plan`` for each county and for the city, as of ``today`` (default: today)."""
    today = today or _dt.date.today()
    st = state_as_of(path, today)
    return compute_from_state(st, plan)


def _in(col: np.ndarray, values) -> np.ndarray:
    return R.in_set(col, values)


def compute_from_state(st: State, plan: Plan) -> Report:
    """The report of ``plan`` from a :class:`State` (one read serves several plans)."""
    src, names, today = st.src, st.names, st.as_of
    dws = st.dws
    counties_src = np.array([c or "" for c in src["county_code"]], dtype=object)
    all_counties = sorted({c for c in counties_src if c} | {r[1] for r in dws if r[1]})
    report = Report(
        plan.name_zh, plan.source, today.isoformat(), plan.city_code, plan.indicators, unsupported=plan.unsupported
    )
    # the database's own city (a plan applied to another city, e.g. the demo city), else the plan's
    city_name = (st.city_name or plan.city_name_zh) + "（全市）"

    def add(ind: IndicatorDef, area: str, area_name: str, num: int, den: Optional[int]):
        if ind.unit == "count":
            value = float(num)
        else:
            value = (100.0 * num / den) if den else None
        status, expected = status_of(value, ind.target, ind.deadline, plan.start, today)
        report.results.append(
            IndicatorResult(
                ind.id, ind.name_zh, ind.name_en, area, area_name, int(num), None if den is None else int(den),
                value, ind.unit, ind.target, ind.deadline, expected, status, ind.numerator_zh, ind.denominator_zh,
                ind.seed_ref,
            )
        )  # fmt: skip

    def by_county(ind, num_mask, den_mask, counties):
        for c in all_counties:
            sel = counties == c
            add(ind, c, names.get(c, c), int((num_mask & sel).sum()), int((den_mask & sel).sum()))
        add(ind, plan.city_code, city_name, int(num_mask.sum()), int(den_mask.sum()))

    leak, anti, risk = st.status["leakage"], st.status["antiseepage"], st.status["risk_control"]
    investigated = st.listed & _in(leak, DONE_LEAKAGE)
    for ind in plan.indicators:
        m = ind.metric
        if m == "rosters_published":
            wanted = ind.scope.get("rosters") or list(R.ROSTERS)
            add(ind, plan.city_code, city_name, sum(r in st.published for r in wanted), len(wanted))
            continue
        if m in ("recharge_zone_delineation", "recharge_pilots", "recharge_zone_count"):
            levels = ind.scope.get("levels", ["city", "county"])
            types = ind.scope.get("source_types")
            rows = [r for r in dws if r[2] in levels and (not types or r[3] in types)]
            if m != "recharge_zone_delineation":
                done = [r[3] for r in rows if r[0] in st.with_zone]
                pilots = ind.scope.get("pilots") or [{"types": sorted({r[3] for r in rows}), "n": int(ind.target)}]
                num = sum(min(int(p["n"]), sum(t in p["types"] for t in done)) for p in pilots)
                add(ind, plan.city_code, city_name, num, None)
                continue
            den = np.ones(len(rows), dtype=bool)
            num = np.array([r[0] in st.with_zone for r in rows], dtype=bool)
            cc = np.array([r[1] or "" for r in rows], dtype=object)
            by_county(ind, num, den, cc)
            continue
        if m in ("site_assessment", "survey_check_share", "source_control_projects"):
            _soil_sites(ind, plan, st.soil, by_county, add, city_name)
            continue
        scope = _scope_mask(src, ind.scope, st.member_sets)
        if m in ("hd_investigation", "hd_rectification"):
            den = scope
            num = den & _in(src["uuid"], st.soil["hd_done" if m == "hd_investigation" else "hd_rectified"])
        elif m == "hd_lookback":
            den = scope & _in(src["uuid"], st.soil["hd_done"])
            num = den & _in(src["uuid"], st.soil["hd_lookback"])
        elif m == "self_monitoring":
            den = scope & ~_in(st.self_monitoring, ["not_required"])
            num = den & _in(st.self_monitoring, ["complete"])
        elif m == "leakage_investigation":
            den = scope & st.listed
            num = den & _in(leak, DONE_LEAKAGE)
        elif m == "antiseepage_completion":
            den = scope & _in(anti, ANTISEEPAGE_DEN)
            num = den & _in(anti, ANTISEEPAGE_NUM)
        elif m == "detailed_survey":
            den = scope & _in(risk, SURVEY_DEN)
            num = den & _in(risk, SURVEY_NUM)
        elif m in ("risk_control_plan", "risk_control_assessed"):
            den = scope & _in(risk, PLAN_DEN)
            num = den & _in(risk, PLAN_NUM if m == "risk_control_plan" else ASSESSED_NUM)
        elif m == "permit_gw_content":
            den = scope
            num = den & _in(src["uuid"], st.permit_gw)
        elif m in ("spot_check_share", "spot_check_category_coverage"):
            den = scope & investigated
            num = den & st.checked
            if m == "spot_check_category_coverage":
                cats_all = {c for c in src["category"][den]}
                cats_hit = {c for c in src["category"][num]}
                add(ind, plan.city_code, city_name, len(cats_hit), len(cats_all))
                continue
        else:  # pragma: no cover - load_plan refuses unknown metrics
            raise PlanError(m)
        by_county(ind, num, den, counties_src)
    return report


def _soil_sites(ind: IndicatorDef, plan: Plan, soil: dict, by_county, add, city_name: str) -> None:
    """The site, survey and project metrics (their rows are sites, surveys and projects, not sources)."""
    if ind.metric == "source_control_projects":
        add(ind, plan.city_code, city_name, len({r[1] for r in soil.get("projects", [])}), None)
        return
    if ind.metric == "site_assessment":
        wanted = ind.scope.get("site_status_in")
        rows = [r for r in soil.get("sites", []) if r[3] and (not wanted or r[2] in wanted)]
        num = np.array([bool(r[4] & set(ASSESSED_STAGES)) for r in rows], dtype=bool)
    else:  # survey_check_share
        rows = [r for r in soil.get("surveys", []) if r[1] == ind.scope["phase"] and r[2] >= plan.start]
        num = np.array([bool(r[3]) for r in rows], dtype=bool)
    counties = np.array([r[0] or "" for r in rows], dtype=object)
    by_county(ind, num, np.ones(len(rows), dtype=bool), counties)


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
