"""Workflows of a pollution source: leakage investigation, anti-seepage retrofit, self-monitoring, detailed survey /
risk-control plan — their ordered statuses, the validation of a status change and its recording.

Seeds: 000 三(二)4–6 and 004 三(二)1–3 (self-monitoring, leakage investigation "企业自查为主、生态环境部门抽查为辅",
anti-seepage retrofit then effect assessment, detailed survey then risk-control/remediation plan).

A status change ("step") is:

* validated (:func:`check_transition`): a known status of the workflow, not the current one, a date not in the
  future, a responsible person; going back to an earlier status needs a written reason (kept in the findings);
  skipping forward is allowed (a bureau often learns of a report only once it is received);
* recorded as an ``inspections`` row (kind ``leakage_investigation`` for the leakage steps, ``spot_check`` for
  the spot check, ``visit`` for the others) with the date, the responsible person as inspector, the result and
  findings (old → new status, reason), at the source's point; for a leakage investigation, one more row per
  facility finding (``facility_type`` / ``facility_uuid`` of ``source_facilities``);
* applied to the status field of ``pollution_sources``; the step's row carries ``workflow``, ``status_after`` and
  (self-monitoring) ``period_year``: the dated history from which core/sources/history.py states every source as
  of any date (the status field is derived: the latest step);

both through the QGIS layers' edit buffers (editing started when needed, one edit command per layer), so the user
sees the change at once and can undo it or discard it until the layers are saved. Documents and photos of the
step go to the ``attachments`` layer's buffer as well (core/data/attachments.py), attached to the step's inspection.

Also here: :func:`add_uscc_constraint` (the GB 32100 check-character hard constraint of the credit-code field,
through the ``gw_uscc_valid`` expression function of core/sources/expressions.py) and
:func:`self_monitoring_status` (wells, frequency and reports received in a year → the self-monitoring status).
"""

from __future__ import annotations

import datetime as _dt
import math
import uuid as _uuid
from dataclasses import dataclass, field
from typing import Optional, Sequence

from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt.qt import null_to_none
from ..data import schema as S


class WorkflowError(Exception):
    """A status change is refused (message meant for the user)."""


@dataclass(frozen=True)
class Workflow:
    key: str
    field: str  # status field of pollution_sources
    codelist: str
    order: tuple  # statuses from first to last (the progression)
    side: tuple  # statuses outside the progression (not required / not needed): rank 0, reachable without reason
    kinds: dict  # status → inspection kind recorded for the step
    zh: str
    en: str

    def statuses(self) -> list:
        return list(self.side) + list(self.order)

    def rank(self, status: Optional[str]) -> int:
        """Position in the progression: side statuses and NULL are 0, the first ordered status is 1."""
        if status in self.order:
            return self.order.index(status) + 1
        return 0

    def label(self, status: Optional[str], lang: str = "zh") -> str:
        if not status:
            return "—"
        return S.codelist(self.codelist).label(status, lang)

    def kind_of(self, status: str) -> str:
        return self.kinds.get(status, "visit")


WORKFLOWS = {
    w.key: w
    for w in (
        Workflow(
            "leakage",
            "leakage_status",
            "leakage_status",
            ("not_started", "planned", "self_investigated", "report_received", "spot_checked"),
            (),
            {
                "planned": "leakage_investigation",
                "self_investigated": "leakage_investigation",
                "report_received": "leakage_investigation",
                "spot_checked": "spot_check",
                "not_started": "visit",
            },
            "渗漏排查",
            "Leakage investigation",
        ),
        Workflow(
            "antiseepage",
            "antiseepage_status",
            "antiseepage_status",
            ("needed", "planned", "done", "assessed"),
            ("not_needed",),
            {},
            "防渗改造",
            "Anti-seepage retrofit",
        ),
        Workflow(
            "self_monitoring",
            "self_monitoring_status",
            "self_monitoring_status",
            ("required", "partial", "complete"),
            ("not_required",),
            {},
            "自行监测",
            "Self-monitoring",
        ),
        Workflow(
            "risk_control",
            "risk_control_status",
            "risk_control_status",
            ("survey_needed", "survey_done", "no_plan_needed", "plan_done", "implemented", "effect_assessed"),
            ("not_required",),
            {},
            "详细调查与风险管控",
            "Detailed survey / risk control",
        ),
    )
}

#: Seed 004 三(二)2: 针对在产企业涉水生产区、污水收集处理系统、物料堆场、储罐区、填埋场、渗滤液收集池、污水检查井、
#: 污泥堆放场等区域开展渗漏排查 — the areas it names, by the facility_type code that records them.
SEED004_LEAKAGE_AREAS = {
    "涉水生产区": "water_production_area",
    "污水收集处理系统": "sewage_system",
    "物料堆场": "storage_yard",
    "储罐区": "tank",
    "填埋场": "landfill_cell",
    "渗滤液收集池": "leachate_pond",
    "污水检查井": "inspection_well",
    "污泥堆放场": "sludge_yard",
}


@dataclass
class FacilityFinding:
    """The finding of a leakage investigation for one facility (or one facility type when no facility is listed)."""

    facility_type: str
    result: str  # inspection_result code: ok | issue | serious
    findings: str = ""
    facility_uuid: Optional[str] = None


@dataclass
class Step:
    """One status change to record."""

    workflow: str
    new_status: str
    on: _dt.date
    person: str
    findings: str = ""
    reason: str = ""  # required when going back
    result: Optional[str] = None  # inspection_result code of the step (None = none yet)
    facility_findings: list = field(default_factory=list)
    documents: list = field(default_factory=list)  # file paths to attach to the step's inspection
    batch_uuid: Optional[str] = None  # spot_check step: the spotcheck_batches row it belongs to
    year: Optional[int] = None  # self-monitoring: the year reported on (default: the year of the step's date)


@dataclass
class StepOutcome:
    source_uuid: str
    old_status: Optional[str]
    new_status: str
    inspection_uuids: list
    attachment_uuids: list


def _as_date(value) -> Optional[_dt.date]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if hasattr(value, "toPyDate"):
        return value.toPyDate() if value.isValid() else None
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def check_transition(
    workflow: str,
    current: Optional[str],
    new: str,
    on=None,
    person: str = "",
    reason: str = "",
    today: Optional[_dt.date] = None,
    result: Optional[str] = None,
) -> list:
    """Why the change ``current`` → ``new`` cannot be recorded (empty list = it can). Messages are translated."""
    problems = []
    wf = WORKFLOWS.get(workflow)
    if wf is None:
        return [QCoreApplication.translate("workflows", "Unknown workflow {w}.").format(w=workflow)]
    if new not in wf.statuses():
        problems.append(QCoreApplication.translate("workflows", "{s} is not a status of this workflow.").format(s=new))
        return problems
    if new == current:
        problems.append(QCoreApplication.translate("workflows", "The source already has this status."))
    if wf.rank(new) < wf.rank(current) and not (reason or "").strip():
        problems.append(
            QCoreApplication.translate("workflows", "Going back from “{old}” to “{new}” needs a reason.").format(
                old=wf.label(current, "zh") + " / " + wf.label(current, "en"),
                new=wf.label(new, "zh") + " / " + wf.label(new, "en"),
            )
        )
    day = _as_date(on)
    if day is None:
        problems.append(QCoreApplication.translate("workflows", "The step needs a date."))
    elif day > (today or _dt.date.today()):
        problems.append(
            QCoreApplication.translate("workflows", "The date {d} is in the future.").format(d=day.isoformat())
        )
    if not (person or "").strip():
        problems.append(QCoreApplication.translate("workflows", "The step needs a responsible person."))
    if result and result not in S.codelist("inspection_result").code_values():
        problems.append(QCoreApplication.translate("workflows", "Unknown result {r}.").format(r=result))
    return problems


def check_step(step: Step, current: Optional[str], today: Optional[_dt.date] = None) -> list:
    problems = check_transition(
        step.workflow, current, step.new_status, step.on, step.person, step.reason, today, step.result
    )
    types = S.codelist("facility_type").code_values()
    results = S.codelist("inspection_result").code_values()
    for ff in step.facility_findings:
        if ff.facility_type not in types:
            problems.append(
                QCoreApplication.translate("workflows", "Unknown facility type {t}.").format(t=ff.facility_type)
            )
        if ff.result not in results:
            problems.append(QCoreApplication.translate("workflows", "Unknown result {r}.").format(r=ff.result))
    if step.facility_findings and step.workflow != "leakage":
        problems.append(QCoreApplication.translate("workflows", "Facility findings belong to a leakage investigation."))
    return problems


def step_findings_text(step: Step, old: Optional[str]) -> str:
    wf = WORKFLOWS[step.workflow]
    head_zh = f"{wf.zh}：{wf.label(old, 'zh')} → {wf.label(step.new_status, 'zh')}"
    head_en = f"{wf.en}: {wf.label(old, 'en')} → {wf.label(step.new_status, 'en')}"
    lines = [head_zh, head_en]
    if step.reason.strip():
        lines.append(f"回退理由 / Reason for going back: {step.reason.strip()}")
    if step.findings.strip():
        lines.append(step.findings.strip())
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------------
# Applying a step to QGIS layers (edit buffers)
# --------------------------------------------------------------------------------------------------------------
def feature_by_uuid(layer, uuid: str):
    """The feature of ``layer`` (edit buffer included) whose uuid is ``uuid``, or None."""
    from qgis.core import QgsFeatureRequest

    req = QgsFeatureRequest().setFilterExpression("\"uuid\" = '{}'".format(str(uuid).replace("'", "''")))
    for f in layer.getFeatures(req):  # includes the edit buffer
        return f
    return None


def _start(layer) -> None:
    if not layer.isEditable() and not layer.startEditing():
        raise WorkflowError(
            QCoreApplication.translate("workflows", "The layer {name} cannot be edited.").format(name=layer.name())
        )


def _now_utc():
    from qgis.PyQt.QtCore import QDateTime

    return QDateTime.currentDateTimeUtc()


def _set(f, layer, name: str, value) -> None:
    idx = layer.fields().indexOf(name)
    if idx >= 0:
        f.setAttribute(idx, value)


def _inspection(layer, source, kind: str, step: Step, findings: str, result, ff: Optional[FacilityFinding]):
    from qgis.core import QgsFeature
    from qgis.PyQt.QtCore import QDate

    f = QgsFeature(layer.fields())
    new_uuid = str(_uuid.uuid4())
    now = _now_utc()
    county = source["county_code"] if source.fields().indexOf("county_code") >= 0 else None
    values = {
        "uuid": new_uuid,
        "county_code": county or "000000",
        "created_at": now,
        "updated_at": now,
        "created_by": step.person,
        "updated_by": step.person,
        "source_uuid": source["uuid"],
        "kind": kind,
        "inspected_on": QDate(step.on.year, step.on.month, step.on.day),
        "inspector": step.person,
        "result": result,
        "findings": findings,
    }
    if ff is not None:
        values["facility_type"] = ff.facility_type
        values["facility_uuid"] = ff.facility_uuid
    if kind == "spot_check" and step.batch_uuid:
        values["batch_uuid"] = step.batch_uuid
    if ff is None:  # the step itself: one dated record of the workflow's history (core/sources/history.py)
        values["workflow"] = step.workflow
        values["status_after"] = step.new_status
        if step.workflow == "self_monitoring":
            values["period_year"] = step.year or step.on.year
    for k, v in values.items():
        if v is not None:
            _set(f, layer, k, v)
    geom = source.geometry()
    if geom is not None and not geom.isNull():
        from qgis.core import QgsWkbTypes

        point = geom.type() == QgsWkbTypes.GeometryType.PointGeometry
        f.setGeometry(geom if point else geom.pointOnSurface())
    return f, new_uuid


def apply_step(
    sources_layer,
    inspections_layer,
    source_uuid: str,
    step: Step,
    attachments_layer=None,
    gpkg: Optional[str] = None,
    today: Optional[_dt.date] = None,
) -> StepOutcome:
    """Validate ``step`` for the source and put it into the layers' edit buffers (status + inspection rows +
    attachments). Raises :class:`WorkflowError` with every problem when the step is refused; nothing is changed
    then."""
    wf = WORKFLOWS.get(step.workflow)
    if wf is None:
        raise WorkflowError(QCoreApplication.translate("workflows", "Unknown workflow {w}.").format(w=step.workflow))
    source = feature_by_uuid(sources_layer, source_uuid)
    if source is None:
        raise WorkflowError(QCoreApplication.translate("workflows", "No pollution source {u}.").format(u=source_uuid))
    idx = sources_layer.fields().indexOf(wf.field)
    if idx < 0:
        raise WorkflowError(QCoreApplication.translate("workflows", "The layer has no field {f}.").format(f=wf.field))
    old = source[wf.field]
    old = None if null_to_none(old) is None or old == "" else str(old)
    current = old
    if step.workflow == "self_monitoring":  # each year is its own record: compare with that year's status
        year = step.year or step.on.year
        of_year = [
            r
            for r in history(inspections_layer, source_uuid)
            if r.get("workflow") == "self_monitoring" and str(r.get("period_year") or "") == str(year)
        ]
        current = of_year[0].get("status_after") if of_year else None
    problems = check_step(step, current, today)
    if step.workflow == "leakage" and step.new_status == "spot_checked" and not step.batch_uuid:
        step.batch_uuid = pending_batch_uuid(inspections_layer, source_uuid)
    if step.documents and (attachments_layer is None or not gpkg):
        problems.append(
            QCoreApplication.translate("workflows", "Documents need the attachments layer and the project database.")
        )
    if problems:
        raise WorkflowError("\n".join(problems))
    _start(sources_layer)
    _start(inspections_layer)
    title = QCoreApplication.translate("workflows", "{workflow}: {status}").format(
        workflow=wf.en, status=wf.label(step.new_status, "en")
    )
    sources_layer.beginEditCommand(title)
    inspections_layer.beginEditCommand(title)
    try:
        ok = sources_layer.changeAttributeValue(source.id(), idx, step.new_status, source[wf.field])
        for name, value in (("updated_at", _now_utc()), ("updated_by", step.person)):
            j = sources_layer.fields().indexOf(name)
            if j >= 0:
                ok = sources_layer.changeAttributeValue(source.id(), j, value, source[name]) and ok
        kind = wf.kind_of(step.new_status)
        main, main_uuid = _inspection(
            inspections_layer, source, kind, step, step_findings_text(step, old), step.result, None
        )
        feats = [main]
        uuids = [main_uuid]
        for ff in step.facility_findings:
            label = S.codelist("facility_type").label(ff.facility_type, "zh")
            text = f"{wf.zh} · {label}：{ff.findings}".strip("：")
            f, u = _inspection(inspections_layer, source, "leakage_investigation", step, text, ff.result, ff)
            feats.append(f)
            uuids.append(u)
        for f in feats:
            ok = inspections_layer.addFeature(f) and ok
        if not ok:
            raise WorkflowError(QCoreApplication.translate("workflows", "The layers refused the change."))
    except BaseException:
        sources_layer.destroyEditCommand()
        inspections_layer.destroyEditCommand()
        raise
    sources_layer.endEditCommand()
    inspections_layer.endEditCommand()
    att = []
    if step.documents:
        from ..data import attachments as A

        for doc in step.documents:
            a = A.add_to_layer(attachments_layer, gpkg, "inspections", main_uuid, doc, user=step.person)
            att.append(a["uuid"])
    return StepOutcome(source_uuid, old, step.new_status, uuids, att)


def pending_batch_uuid(inspections_layer, source_uuid: str) -> Optional[str]:
    """The spot-check batch (``spotcheck_batches.uuid``) in which the source was drawn and whose check has no result
    yet — the batch a ``spot_checked`` step completes — or None."""
    checks = [
        r for r in history(inspections_layer, source_uuid) if r.get("kind") == "spot_check" and r.get("batch_uuid")
    ]
    done = {r["batch_uuid"] for r in checks if r.get("result")}
    pending = [r["batch_uuid"] for r in checks if not r.get("result") and r["batch_uuid"] not in done]
    return pending[0] if pending else None


def history(inspections_layer, source_uuid: str) -> list:
    """The inspection rows of a source (edit buffer included) as dicts, newest first."""
    from qgis.core import QgsFeatureRequest

    req = QgsFeatureRequest().setFilterExpression("\"source_uuid\" = '{}'".format(str(source_uuid).replace("'", "''")))
    rows = []
    names = inspections_layer.fields().names()
    for f in inspections_layer.getFeatures(req):
        d = {}
        for n in names:
            v = f[n]
            if null_to_none(v) is None:
                v = None
            elif hasattr(v, "toString") and not isinstance(v, str):
                v = v.toString("yyyy-MM-dd") if hasattr(v, "toPyDate") else v.toString("yyyy-MM-ddTHH:mm:ss")
            d[n] = v
        rows.append(d)
    rows.sort(key=lambda d: (d.get("inspected_on") or "", d.get("created_at") or ""), reverse=True)
    return rows


def facility_findings_summary(inspections_layer, source_uuid: str) -> dict:
    """{facility_type: {result: count}} of the leakage-investigation rows of a source."""
    out: dict = {}
    for r in history(inspections_layer, source_uuid):
        if r.get("kind") in ("leakage_investigation", "spot_check") and r.get("facility_type"):
            d = out.setdefault(r["facility_type"], {})
            d[r.get("result") or ""] = d.get(r.get("result") or "", 0) + 1
    return out


# --------------------------------------------------------------------------------------------------------------
# Self-monitoring completion
# --------------------------------------------------------------------------------------------------------------
def self_monitoring_status(wells: int, frequency_per_year: int, reports_received: int) -> str:
    """Status of a year's self-monitoring: ``required`` (nothing received), ``partial`` (fewer reports than
    monitoring rounds, or no monitoring well), ``complete`` (every round reported, at least one well).

    ``frequency_per_year``: monitoring rounds the unit's plan requires in the year (one report per round)."""
    if frequency_per_year <= 0:
        raise WorkflowError(
            QCoreApplication.translate("workflows", "The monitoring frequency must be at least once a year.")
        )
    if reports_received <= 0:
        return "required"
    if wells <= 0 or reports_received < frequency_per_year:
        return "partial"
    return "complete"


def self_monitoring_findings(year: int, wells: int, frequency_per_year: int, reports_received: int) -> str:
    share = min(1.0, reports_received / frequency_per_year) if frequency_per_year else math.nan
    return (
        f"{year} 年自行监测：监测井 {wells} 眼，频次 {frequency_per_year} 次/年，已收到报告 {reports_received} 份"
        f"（完成 {share:.0%}）\n"
        f"Self-monitoring {year}: {wells} wells, {frequency_per_year} rounds a year, {reports_received} reports "
        f"received ({share:.0%} complete)"
    )


# --------------------------------------------------------------------------------------------------------------
# Credit-code constraint
# --------------------------------------------------------------------------------------------------------------
USCC_EXPRESSION = '"uscc" IS NULL OR "uscc" = \'\' OR gw_uscc_valid("uscc")'


def add_uscc_constraint(layer, lang: str = "zh") -> bool:
    """Make the GB 32100-2015 check of ``uscc`` (check character included) a hard constraint of a
    pollution_sources layer. Registers the ``gw_uscc_valid`` function if it is not registered yet. Returns False
    when the layer has no ``uscc`` field."""
    from qgis.core import QgsFieldConstraints

    from . import expressions

    expressions.register_functions()
    idx = layer.fields().indexOf("uscc")
    if idx < 0:
        return False
    description = (
        "统一社会信用代码须为18位且校验码正确（GB 32100-2015）"
        if lang.startswith("zh")
        else "The unified social credit code must have 18 characters and the right check character (GB 32100-2015)"
    )
    layer.setConstraintExpression(idx, USCC_EXPRESSION, description)
    layer.setFieldConstraint(
        idx,
        QgsFieldConstraints.Constraint.ConstraintExpression,
        QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard,
    )
    return True


def statuses_for(workflow: str) -> Sequence:
    return WORKFLOWS[workflow].statuses()


# --------------------------------------------------------------------------------------------------------------
# Abandoned wells ledger (seed 003): sealing is the workflow of an abandoned well
# --------------------------------------------------------------------------------------------------------------
#: The official ledger layout (seed 003 inventory of abandoned mine shafts, boreholes and water wells).
ABANDONED_HEADERS = ["序号", "编号", "名称", "类型", "所在县区", "井深", "风险等级", "封井状态", "封填日期",
                     "责任部门", "计划封填日期", "X", "Y", "经度", "纬度"]  # fmt: skip
ABANDONED_WIDTHS = [6, 18, 30, 16, 16, 10, 10, 12, 14, 20, 14, 14, 14, 12, 12]
_RISK_ORDER = {"high": 0, "medium": 1, "low": 2}


@dataclass
class AbandonedWellRow:
    no: int
    uuid: str
    well_code: str
    name_zh: str
    kind: str
    county_code: str
    county_name: str
    depth_m: Optional[float]
    risk_class: Optional[str]
    sealing_status: str
    sealed_on: Optional[str]
    x: float
    y: float
    department: str = ""
    sealing_planned_on: Optional[str] = None
    lon: float = math.nan  # CGCS2000 geographic (EPSG:4490)
    lat: float = math.nan

    def ledger_values(self) -> list:
        return [
            self.no,
            self.well_code,
            self.name_zh,
            S.codelist("abandoned_well_kind").label(self.kind, "zh") if self.kind else "",
            self.county_name,
            self.depth_m,
            S.codelist("risk_class").label(self.risk_class, "zh") if self.risk_class else "",
            S.codelist("sealing_status").label(self.sealing_status, "zh") if self.sealing_status else "",
            self.sealed_on or "",
            self.department,
            self.sealing_planned_on or "",
            None if math.isnan(self.x) else round(self.x, 2),
            None if math.isnan(self.y) else round(self.y, 2),
            None if math.isnan(self.lon) else round(self.lon, 6),
            None if math.isnan(self.lat) else round(self.lat, 6),
        ]


def abandoned_well_rows(
    path,
    counties: Optional[Sequence] = None,
    kinds: Optional[Sequence] = None,
    risk_classes: Optional[Sequence] = None,
    sealing_statuses: Optional[Sequence] = None,
) -> list:
    """The abandoned wells of the GeoPackage that pass the filters (None or empty = no filter), ordered by county,
    risk class (high first) and code, numbered from 1."""
    import sqlite3

    from . import rosters as R

    con = R.connect(path, readonly=True)
    try:
        names = R.county_names(con)
        cols = {r[1] for r in con.execute("PRAGMA table_info(abandoned_wells)")}
        extra = ", ".join(c if c in cols else "NULL" for c in ("department", "sealing_planned_on"))
        data = con.execute(
            "SELECT uuid, well_code, name_zh, kind, county_code, depth_m, risk_class, sealing_status, sealed_on, geom, "
            f"{extra} FROM abandoned_wells"  # noqa: S608 - fixed column names
        ).fetchall()
        srs = con.execute(
            "SELECT s.definition FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
            "WHERE g.table_name = 'abandoned_wells'"
        ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise WorkflowError(
            QCoreApplication.translate("workflows", "The database has no abandoned-well table: {e}").format(e=exc)
        ) from exc
    finally:
        con.close()

    def keep(value, allowed):
        return not allowed or value in set(allowed)

    data = [
        r
        for r in data
        if keep(r[4], counties) and keep(r[3], kinds) and keep(r[6], risk_classes) and keep(r[7], sealing_statuses)
    ]
    data.sort(key=lambda r: (r[4] or "", _RISK_ORDER.get(r[6], 9), r[1] or ""))
    to_geo = _to_cgcs2000(srs[0] if srs else None)
    out = []
    for no, r in enumerate(data, start=1):
        x, y = R.point_xy(r[9]) if r[9] is not None else (math.nan, math.nan)
        lon, lat = to_geo(x, y)
        out.append(
            AbandonedWellRow(
                no, r[0], r[1] or "", r[2] or "", r[3] or "", r[4] or "", names.get(r[4], r[4] or ""),
                r[5], r[6], r[7] or "", (r[8] or "")[:10] or None, float(x), float(y),
                r[10] or "", (r[11] or "")[:10] or None, lon, lat,
            )
        )  # fmt: skip
    return out


def _to_cgcs2000(wkt: Optional[str]):
    """(x, y) in the table's CRS → (longitude, latitude) in CGCS2000 (EPSG:4490); NaN when unknown."""
    from ...toolbelt.ogr import transformation

    try:
        ct = transformation(wkt, 4490, skip_same=False) if wkt else None
    except ValueError:
        ct = None
    if ct is None:
        return lambda x, y: (math.nan, math.nan)

    def f(x, y):
        if math.isnan(x) or math.isnan(y):
            return (math.nan, math.nan)
        try:
            lon, lat, _z = ct.TransformPoint(float(x), float(y))
        except RuntimeError:  # outside the CRS's area (GDAL raises when its exceptions are on)
            return (math.nan, math.nan)
        return (lon, lat) if math.isfinite(lon) and math.isfinite(lat) else (math.nan, math.nan)

    return f


def write_abandoned_wells_xlsx(path, rows: Sequence, city: str = "", filters_note: str = "") -> str:
    """The abandoned-well ledger workbook: title, note (date, count, filters), Chinese headers, one row per well."""
    from ..data import reports

    reports.require_openpyxl()
    from openpyxl import load_workbook

    note = "生成日期：{d}    共{n}眼{f}".format(
        d=_dt.date.today().isoformat(), n=len(rows), f=("    筛选：" + filters_note) if filters_note else ""
    )
    reports.write_table_xlsx(
        path,
        f"{city}废弃矿井、钻孔和水井台账",
        ABANDONED_HEADERS,
        [r.ledger_values() for r in rows],
        note=note,
        sheet="废弃井台账",
    )
    from openpyxl.utils import get_column_letter

    wb = load_workbook(str(path))
    ws = wb.active
    for j, w in enumerate(ABANDONED_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    wb.save(str(path))
    return str(path)
