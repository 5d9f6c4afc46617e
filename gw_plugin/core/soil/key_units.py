"""The soil key supervised units' other duties (seed 001 二(一)2(3)–(4), 二(一)3, 二(三)2): spot checks of their
self-monitoring reports with re-sampling where the seed asks for it, their surrounding monitoring points, their
demolitions and the source-control projects ledger.

- Re-sampling (复核采样) is required, as the seed says, for units "土壤污染隐患较大" — here: an open or overdue major
  hidden danger in the ledger (core/soil/hidden_dangers.py) — or whose surroundings show soil or groundwater
  exceeding — here: the site the unit is on exceeds (sites.soil_exceedance / gw_exceedance), or a surrounding
  monitoring point of the unit has a soil result above its GB 36600 screening value (class 2 land for surrounding
  points unless their site says otherwise). The reason is written with the check.
- Demolitions: a soil-pollution-prevention plan filed before the works start (Soil Pollution Prevention and Control
  Law, Art. 22), and a summary report after they finish (the plugin's reading of the management practice; verify
  against the local rules).
- Source-control projects: counts by status and county.

Pure logic over the project GeoPackage (sqlite3); no widgets.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from typing import Optional

from ...toolbelt.i18n import tr
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction
from . import screening as S

TR_CONTEXT = "KeyUnits"
SURROUNDING_LAND_CLASS = 2  # surrounding points: the units are industrial land (class 2) unless their site says


class KeyUnitError(ValueError):
    """A record that cannot be written (message meant for the user)."""


def _ro(path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def surrounding_exceedances(path) -> dict:
    """source uuid → sorted GB 36600 items above their screening value at the unit's surrounding points."""
    con = _ro(path)
    try:
        rows = con.execute(
            "SELECT p.source_uuid, r.parameter, r.value_text, r.unit, s.planned_land_class FROM soil_results r "
            "JOIN soil_samples m ON m.uuid = r.sample_uuid JOIN soil_points p ON p.uuid = m.point_uuid "
            "LEFT JOIN sites s ON s.uuid = p.site_uuid WHERE p.kind = 'surrounding' AND p.source_uuid IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    out: dict = {}
    for source, parameter, text, unit, land in rows:
        res = S.screen(parameter, text, unit, land or SURROUNDING_LAND_CLASS)
        if res.exceeds_screening:
            out.setdefault(source, set()).add(res.item.key)
    return {k: sorted(v) for k, v in out.items()}


def resample_reasons(path) -> dict:
    """source uuid → (zh, en) reasons why its self-monitoring check needs re-sampling (units without a reason are
    absent)."""
    con = _ro(path)
    try:
        major = {
            r[0]
            for r in con.execute(
                "SELECT source_uuid FROM hidden_dangers WHERE level = 'major' AND rectified_on IS NULL"
            )
        }
        site = {
            r[0]: (r[1], r[2])
            for r in con.execute(
                "SELECT p.uuid, s.soil_exceedance, s.gw_exceedance FROM pollution_sources p "
                "JOIN sites s ON s.uuid = p.site_uuid"
            )
        }
    finally:
        con.close()
    around = surrounding_exceedances(path)
    out: dict = {}
    for source in sorted(major | set(site) | set(around)):
        zh, en = [], []
        if source in major:
            zh.append("存在未整改的重大隐患")
            en.append("a major hidden danger not rectified")
        soil, gw = site.get(source, (None, None))
        if soil == "exceeding" or gw == "exceeding":
            media = "、".join(m for m, v in (("土壤", soil), ("地下水", gw)) if v == "exceeding")
            zh.append(f"所在地块{media}超标")
            en.append(
                "its site's "
                + " and ".join(m for m, v in (("soil", soil), ("groundwater", gw)) if v == "exceeding")
                + " exceeding"
            )
        if source in around:
            zh.append(f"周边监测点位土壤超筛选值（{'、'.join(around[source])}）")
            en.append(f"soil above the screening values around it ({', '.join(around[source])})")
        if zh:
            out[source] = ("；".join(zh), "; ".join(en))
    return out


def record_selfmon_batch(
    path, batch_id: str, year: int, source_uuids, user: str = "", today: Optional[_dt.date] = None
) -> list:
    """Record a batch of self-monitoring report spot checks (one row per unit), each marked for re-sampling with its
    reason where :func:`resample_reasons` gives one; one transaction; a batch id used already is refused."""
    if not (batch_id or "").strip():
        raise KeyUnitError(tr(TR_CONTEXT, "Name the batch."))
    day = (today or _dt.date.today()).isoformat()
    reasons = resample_reasons(path)
    now = utc_now()
    con = open_db(str(path))
    try:
        with transaction(con):
            if con.execute("SELECT 1 FROM selfmon_checks WHERE batch_id = ? LIMIT 1", (batch_id,)).fetchone():
                raise KeyUnitError(tr(TR_CONTEXT, "The batch {b} is recorded already.").format(b=batch_id))
            out = []
            for source in source_uuids:
                row = con.execute("SELECT county_code FROM pollution_sources WHERE uuid = ?", (source,)).fetchone()
                if row is None:
                    raise KeyUnitError(tr(TR_CONTEXT, "There is no pollution source {u}.").format(u=source))
                new = str(_uuid.uuid4())
                reason = reasons.get(source)
                con.execute(
                    "INSERT INTO selfmon_checks (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                    "source_uuid, year, batch_id, drawn_on, resample_required, resample_reason) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        new,
                        row[0],
                        now,
                        user,
                        now,
                        user,
                        source,
                        int(year),
                        batch_id,
                        day,
                        1 if reason else 0,
                        reason[0] if reason else None,
                    ),
                )
                out.append(new)
    finally:
        con.close()
    return out


def record_selfmon_result(
    path,
    check_uuid: str,
    report_result: str,
    checked_on,
    resample_result=None,
    resampled_on=None,
    findings: str = "",
    user: str = "",
) -> None:
    """The outcome of one check; a check that requires re-sampling needs its re-sampling result."""
    if report_result not in ("pass", "rectify", "fail"):
        raise KeyUnitError(tr(TR_CONTEXT, "{r} is not a check result (pass, rectify, fail).").format(r=report_result))
    if resample_result not in (None, "consistent", "inconsistent"):
        raise KeyUnitError(
            tr(TR_CONTEXT, "{r} is not a re-sampling result (consistent, inconsistent).").format(r=resample_result)
        )
    con = open_db(str(path))
    try:
        with transaction(con):
            row = con.execute("SELECT resample_required FROM selfmon_checks WHERE uuid = ?", (check_uuid,)).fetchone()
            if row is None:
                raise KeyUnitError(tr(TR_CONTEXT, "There is no spot check {u}.").format(u=check_uuid))
            if row[0] and resample_result is None:
                raise KeyUnitError(tr(TR_CONTEXT, "This unit needs re-sampling: record its result too."))
            con.execute(
                "UPDATE selfmon_checks SET report_result = ?, checked_on = ?, resample_result = ?, resampled_on = ?, "
                "findings = ?, updated_at = ?, updated_by = ? WHERE uuid = ?",
                (
                    report_result,
                    str(checked_on)[:10],
                    resample_result,
                    None if resampled_on is None else str(resampled_on)[:10],
                    findings or None,
                    utc_now(),
                    user,
                    check_uuid,
                ),
            )
    finally:
        con.close()


@dataclass(frozen=True)
class DemolitionProblem:
    uuid: str
    source_code: str
    facility: str
    code: str  # no_plan | plan_after_start | no_summary | summary_before_finish
    zh: str
    en: str


def demolition_problems(path) -> list:
    """What is missing or out of order in the demolition records."""
    con = _ro(path)
    try:
        rows = con.execute(
            "SELECT d.uuid, p.source_code, d.facility, d.plan_filed_on, d.started_on, d.finished_on, "
            "d.summary_filed_on FROM demolitions d LEFT JOIN pollution_sources p ON p.uuid = d.source_uuid "
            "ORDER BY p.source_code, d.started_on"
        ).fetchall()
    finally:
        con.close()
    out = []
    for uuid, code, facility, plan, start, finish, summary in rows:
        found = []
        if start and not plan:
            found.append(
                (
                    "no_plan",
                    "已开工但土壤污染防治工作方案未备案",
                    "works started without a filed pollution-prevention plan",
                )
            )
        elif start and plan and str(plan)[:10] > str(start)[:10]:
            found.append(("plan_after_start", "工作方案晚于开工备案", "the plan was filed after the works started"))
        if finish and not summary:
            found.append(("no_summary", "已完工但未提交总结报告", "finished without a summary report"))
        elif finish and summary and str(summary)[:10] < str(finish)[:10]:
            found.append(
                ("summary_before_finish", "总结报告早于完工日期", "the summary report predates the end of the works")
            )
        out += [DemolitionProblem(uuid, code or "", facility or "", k, zh, en) for k, zh, en in found]
    return out


def source_control_summary(path) -> dict:
    """(county code, status) → number of source-control projects, and 'total' → by status."""
    con = _ro(path)
    try:
        rows = con.execute("SELECT county_code, status, count(*) FROM source_control_projects GROUP BY 1, 2").fetchall()
    finally:
        con.close()
    out: dict = {"total": {}}
    for county, status, n in rows:
        out[(county, status)] = n
        out["total"][status] = out["total"].get(status, 0) + n
    return out
