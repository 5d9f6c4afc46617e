"""The soil key supervised units' other duties (seed 001 二(一)2(3)–(4), 二(一)3, 二(三)2): spot checks of their
self-monitoring reports with re-sampling where the seed asks for it, their surrounding monitoring points, their
demolitions and the source-control projects ledger.

- Re-sampling (复核采样) is required, as the seed says, for units "土壤污染隐患较大" — here: an open or overdue major
  hidden danger in the ledger (core/soil/hidden_dangers.py) — or whose surroundings show soil or groundwater
  exceeding — here: the site the unit is on exceeds (sites.soil_exceedance / gw_exceedance), or a surrounding
  monitoring point of the unit has a soil result above its GB 36600 screening value (class 2 land for surrounding
  points unless their site says otherwise). The reason is written with the check.
- Self-monitoring report spot checks: the population of a report year is the units on the soil key supervised
  units roster (core/soil/hidden_dangers.py ``listing_dates``) listed by the end of that year and not drawn for that
  year yet — a unit's report of a year is never drawn twice (checked again inside the writing transaction). The
  draw itself is the sampler of the source spot checks (core/sources/spotcheck.py ``draw``), called by
  gwplugin:soilreportspotcheck.
- Demolitions: a soil-pollution-prevention plan — with its emergency measures — filed before the works start (Soil
  Pollution Prevention and Control Law, Art. 22: "拆除设施、设备或者建筑物、构筑物的，应当制定包括应急措施在内的土壤
  污染防治工作方案，报地方人民政府生态环境、工业和信息化主管部门备案并实施"), a summary report after they finish
  (the plugin's reading of the management practice; verify against the local rules), and the records themselves —
  the filed plan and the report kept as attachments of the demolition (seed 001 二(三)2 tracks 拆除活动污染防治).
- Source-control projects: the ledger with its status, counts by status and county, and the enterprises counted
  for the seed's target (3–5 enterprises, seed 001 二(一)3) exactly as the indicator counts them
  (core/sources/indicators.py ``source_control_projects``: a project in progress, completed or accepted, started
  by the date).

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
from .hidden_dangers import listing_dates

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
    source_uuids = list(source_uuids)
    con = open_db(str(path))
    try:
        with transaction(con):
            if con.execute("SELECT 1 FROM selfmon_checks WHERE batch_id = ? LIMIT 1", (batch_id,)).fetchone():
                raise KeyUnitError(tr(TR_CONTEXT, "The batch {b} is recorded already.").format(b=batch_id))
            drawn = {r[0] for r in con.execute("SELECT source_uuid FROM selfmon_checks WHERE year = ?", (int(year),))}
            again = [s for s in source_uuids if s in drawn]
            if again or len(set(source_uuids)) < len(source_uuids):
                raise KeyUnitError(
                    tr(
                        TR_CONTEXT, "A unit's report of {y} is drawn only once; {n} of these units were drawn already."
                    ).format(y=int(year), n=len(again) or len(source_uuids) - len(set(source_uuids)))
                )
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
    code: str  # no_plan | plan_after_start | no_summary | summary_before_finish | no_documents
    zh: str
    en: str


def _documents(con) -> dict:
    """demolition uuid → number of attachments kept with it."""
    return dict(
        con.execute("SELECT parent_uuid, count(*) FROM attachments WHERE parent_table = 'demolitions' GROUP BY 1")
    )


def demolition_problems(path, documents: bool = False) -> list:
    """What is missing or out of order in the demolition records; with ``documents`` also a plan or report filed
    of which no document is kept with the record (attachments)."""
    con = _ro(path)
    try:
        rows = con.execute(
            "SELECT d.uuid, p.source_code, d.facility, d.plan_filed_on, d.started_on, d.finished_on, "
            "d.summary_filed_on FROM demolitions d LEFT JOIN pollution_sources p ON p.uuid = d.source_uuid "
            "ORDER BY p.source_code, d.started_on"
        ).fetchall()
        kept = _documents(con) if documents else {}
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
        if documents and (plan or summary) and not kept.get(uuid):
            found.append(
                (
                    "no_documents",
                    "已备案方案或提交报告，但记录未附方案、报告文件",
                    "a plan or report is filed but no document is kept with the record",
                )
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


def demolition_records(path) -> list:
    """Every demolition with its unit and the documents kept with it: dicts with uuid, source_code, name_zh,
    county_code, facility, plan_filed_on, started_on, finished_on, summary_filed_on, documents, problems (list of
    :class:`DemolitionProblem`, documents checked); by unit code and start."""
    con = _ro(path)
    try:
        cur = con.execute(
            "SELECT d.uuid, p.source_code, p.name_zh, d.county_code, d.facility, d.plan_filed_on, d.started_on, "
            "d.finished_on, d.summary_filed_on FROM demolitions d LEFT JOIN pollution_sources p ON p.uuid = "
            "d.source_uuid ORDER BY p.source_code, d.started_on, d.uuid"
        )
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        kept = _documents(con)
    finally:
        con.close()
    problems: dict = {}
    for p in demolition_problems(path, documents=True):
        problems.setdefault(p.uuid, []).append(p)
    for r in rows:
        r["documents"] = kept.get(r["uuid"], 0)
        r["problems"] = problems.get(r["uuid"], [])
    return rows


def selfmon_population(path, year: int) -> list:
    """The units whose self-monitoring report of ``year`` may be drawn: on the soil key supervised units roster,
    listed by the end of the year, not drawn for that year yet. Dicts with source_uuid, source_code, name_zh,
    county_code, category, listed_on, resample_reason (zh, en or None); sorted by uuid."""
    con = _ro(path)
    try:
        listed = listing_dates(con)
        drawn = {r[0] for r in con.execute("SELECT source_uuid FROM selfmon_checks WHERE year = ?", (int(year),))}
        info = {
            r[0]: r[1:]
            for r in con.execute("SELECT uuid, source_code, name_zh, county_code, category FROM pollution_sources")
        }
    finally:
        con.close()
    reasons = resample_reasons(path)
    out = []
    for source, day in listed.items():
        if day.year > int(year) or source in drawn or source not in info:
            continue
        code, name, county, category = info[source]
        out.append(
            {
                "source_uuid": source,
                "source_code": code or "",
                "name_zh": name or "",
                "county_code": county or "",
                "category": category or "",
                "listed_on": day.isoformat(),
                "resample_reason": reasons.get(source),
            }
        )
    return sorted(out, key=lambda r: r["source_uuid"])


def selfmon_checks(path, batch_id: Optional[str] = None) -> list:
    """The recorded self-monitoring report spot checks (of one batch when given) with their unit: dicts with the
    table's fields, source_code and name_zh; by year, batch and unit code."""
    con = _ro(path)
    try:
        sql = (
            "SELECT c.uuid, c.batch_id, c.year, c.drawn_on, p.source_code, p.name_zh, c.county_code, "
            "c.resample_required, c.resample_reason, c.checked_on, c.report_result, c.resampled_on, "
            "c.resample_result, c.findings FROM selfmon_checks c LEFT JOIN pollution_sources p ON p.uuid = "
            "c.source_uuid"
        )
        args: tuple = ()
        if batch_id:
            sql += " WHERE c.batch_id = ?"
            args = (batch_id,)
        cur = con.execute(sql + " ORDER BY c.year, c.batch_id, p.source_code", args)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()


#: the statuses of a project counted for the seed's target, as the indicator counts them
COUNTED_STATUSES = ("in_progress", "completed", "accepted")


def source_control_ledger(path, as_of: Optional[_dt.date] = None) -> list:
    """The source-control projects ledger: dicts with uuid, source_code, name_zh (the enterprise), county_code,
    project, programme, status, started_on, finished_on, investment_10k_yuan and ``counted`` (the project makes its
    enterprise count for the seed's target as of ``as_of``: in progress, completed or accepted, and started — or
    finished — by then); by county, enterprise and start."""
    day = (as_of or _dt.date.today()).isoformat()
    con = _ro(path)
    try:
        cur = con.execute(
            "SELECT j.uuid, p.source_code, p.name_zh, j.county_code, j.name_zh AS project, j.programme, j.status, "
            "j.started_on, j.finished_on, j.investment_10k_yuan, j.source_uuid FROM source_control_projects j "
            "LEFT JOIN pollution_sources p ON p.uuid = j.source_uuid "
            "ORDER BY j.county_code, p.source_code, j.started_on, j.uuid"
        )
        names = [c[0] for c in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
    finally:
        con.close()
    for r in rows:
        start = str(r["started_on"] or r["finished_on"] or "")[:10]
        r["counted"] = r["status"] in COUNTED_STATUSES and bool(start) and start <= day
    return rows


def source_control_enterprises(path, as_of: Optional[_dt.date] = None) -> int:
    """Enterprises with a counted source-control project as of ``as_of`` (see :func:`source_control_ledger`)."""
    return len({r["source_uuid"] for r in source_control_ledger(path, as_of) if r["counted"]})


def selfmon_check_uuid(path, batch_id: str, source_code: str) -> str:
    """The uuid of the spot check of unit ``source_code`` (its code, compared as written) in batch ``batch_id``."""
    con = _ro(path)
    try:
        row = con.execute(
            "SELECT c.uuid FROM selfmon_checks c JOIN pollution_sources p ON p.uuid = c.source_uuid "
            "WHERE c.batch_id = ? AND p.source_code = ?",
            (batch_id, (source_code or "").strip()),
        ).fetchone()
    finally:
        con.close()
    if row is None:
        raise KeyUnitError(tr(TR_CONTEXT, "Unit {s} was not drawn in batch {b}.").format(s=source_code, b=batch_id))
    return row[0]
