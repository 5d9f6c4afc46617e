"""Construction-land sites through their life (seed 001 二(三)1 建设用地全生命周期联动监管): the dated stages of a site
(first-phase survey → second-phase survey → risk assessment → the risk-control and remediation list → works →
effect assessment → off the list), the rules a new stage must keep, recording a stage (``site_stages`` row plus
``sites.stage`` written back in one transaction), a site's timeline with the documents of each stage, and the list
of sites the Sites panel shows.

Rules of a new stage (each refused with one translated sentence):
- it comes after the current stage in the order above (a survey may end the life early: a first-phase survey that
  finds nothing needs no second phase, so stages may be skipped, never gone back to);
- works and effect assessment need the site on the list (control_list), and off the list needs an effect
  assessment (Soil Pollution Prevention and Control Law, Art. 66: a site leaves the list after the effect
  assessment);
- its start date is not in the future and not before the start of the current stage.

Pure logic over the project GeoPackage (sqlite3); no widgets.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from typing import Optional

from ...toolbelt.i18n import pick, tr
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction

TR_CONTEXT = "SiteStages"


@dataclass(frozen=True)
class Stage:
    code: str
    zh: str
    en: str

    def label(self, lang: str = "zh") -> str:
        return pick((self.zh, self.en), lang)


STAGES = (
    Stage("phase1_survey", "第一阶段土壤污染状况调查", "First-phase soil survey"),
    Stage("phase2_survey", "第二阶段土壤污染状况调查", "Second-phase soil survey"),
    Stage("risk_assessment", "风险评估", "Risk assessment"),
    Stage("control_list", "列入风险管控和修复名录", "On the risk-control and remediation list"),
    Stage("works", "风险管控/修复施工", "Risk-control or remediation works"),
    Stage("effect_assessment", "效果评估", "Effect assessment"),
    Stage("delisted", "移出名录", "Off the list"),
)
BY_CODE = {s.code: s for s in STAGES}
ORDER = {s.code: i for i, s in enumerate(STAGES)}
NEEDS_LIST = ("works", "effect_assessment", "delisted")


class StageError(ValueError):
    """A stage that cannot be recorded (the message is meant for the user)."""


def stage_label(code: Optional[str], lang: str = "zh") -> str:
    s = BY_CODE.get(code or "")
    return s.label(lang) if s else (code or "")


def _date(value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise StageError(tr(TR_CONTEXT, "{d} is not a date (YYYY-MM-DD).").format(d=value)) from None


def check_next(history: list, stage: str, started_on, today: Optional[_dt.date] = None) -> None:
    """Raise StageError when ``stage`` starting on ``started_on`` cannot follow ``history`` (rows with stage and
    started_on, in any order)."""
    if stage not in BY_CODE:
        raise StageError(tr(TR_CONTEXT, "{s} is not a site stage.").format(s=stage))
    day = _date(started_on)
    if day > (today or _dt.date.today()):
        raise StageError(tr(TR_CONTEXT, "The start date {d} is in the future.").format(d=day.isoformat()))
    done = [h["stage"] for h in history if h.get("stage") in ORDER]
    if done:
        latest = max(history, key=lambda h: (ORDER.get(h.get("stage"), -1), str(h.get("started_on") or "")))
        if ORDER[stage] <= ORDER[latest["stage"]]:
            raise StageError(
                tr(TR_CONTEXT, "A site only moves forward: “{new}” cannot follow “{current}”.").format(
                    new=stage_label(stage), current=stage_label(latest["stage"])
                )
            )
        if latest.get("started_on") and day < _date(latest["started_on"]):
            raise StageError(
                tr(TR_CONTEXT, "The start date {d} is before the start of the current stage ({c}).").format(
                    d=day.isoformat(), c=str(latest["started_on"])[:10]
                )
            )
    if stage in NEEDS_LIST and "control_list" not in done:
        raise StageError(
            tr(TR_CONTEXT, "“{s}” needs the site on the risk-control and remediation list first.").format(
                s=stage_label(stage)
            )
        )
    if stage == "delisted" and "effect_assessment" not in done:
        raise StageError(tr(TR_CONTEXT, "A site leaves the list only after its effect assessment."))


def _rows(con: sqlite3.Connection, sql: str, args=()) -> list:
    cur = con.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def history(path, site_uuid: str) -> list:
    """The stages of one site, oldest first, each with ``attachments`` (its documents: count)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = _rows(
            con,
            "SELECT s.uuid, s.stage, s.started_on, s.finished_on, s.organisation, s.report_ref, s.conclusion, "
            "s.remarks, (SELECT count(*) FROM attachments a WHERE a.parent_table = 'site_stages' "
            "AND a.parent_uuid = s.uuid) AS attachments FROM site_stages s WHERE s.site_uuid = ?",
            (str(site_uuid),),
        )
    finally:
        con.close()
    return sorted(rows, key=lambda r: (str(r["started_on"] or ""), ORDER.get(r["stage"], 99)))


def add_stage(
    path,
    site_uuid: str,
    stage: str,
    started_on,
    finished_on=None,
    organisation: Optional[str] = None,
    report_ref: Optional[str] = None,
    conclusion: Optional[str] = None,
    remarks: Optional[str] = None,
    user: str = "",
    today: Optional[_dt.date] = None,
) -> str:
    """Record a stage of a site and make it the site's current stage (one transaction). Returns the new row's uuid."""
    con = open_db(str(path))
    try:
        with transaction(con):
            site = con.execute("SELECT county_code FROM sites WHERE uuid = ?", (str(site_uuid),)).fetchone()
            if site is None:
                raise StageError(tr(TR_CONTEXT, "There is no site {u}.").format(u=site_uuid))
            done = _rows(con, "SELECT stage, started_on FROM site_stages WHERE site_uuid = ?", (str(site_uuid),))
            check_next(done, stage, started_on, today)
            if finished_on not in (None, "") and _date(finished_on) < _date(started_on):
                raise StageError(tr(TR_CONTEXT, "A stage cannot finish before it starts."))
            new = str(_uuid.uuid4())
            now = utc_now()
            con.execute(
                "INSERT INTO site_stages (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                "site_uuid, stage, started_on, finished_on, organisation, report_ref, conclusion, remarks) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new,
                    site[0] or "000000",
                    now,
                    user,
                    now,
                    user,
                    str(site_uuid),
                    stage,
                    _date(started_on).isoformat(),
                    None if finished_on in (None, "") else _date(finished_on).isoformat(),
                    organisation,
                    report_ref,
                    conclusion,
                    remarks,
                ),
            )
            con.execute(
                "UPDATE sites SET stage = ?, updated_at = ?, updated_by = ? WHERE uuid = ?",
                (stage, now, user, str(site_uuid)),
            )
    finally:
        con.close()
    return new


def sites(path) -> list:
    """Every site with what the Sites panel shows: uuid, site_code, name_zh, county_code, county_name, stage,
    planned_land_class, site_status, soil_exceedance, gw_exceedance, co_management, last_date (start of the
    latest stage), stages (number recorded)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _rows(
            con,
            "SELECT s.uuid, s.site_code, s.name_zh, s.county_code, "
            "(SELECT a.name_zh FROM admin_units a WHERE a.code = s.county_code LIMIT 1) AS county_name, "
            "s.stage, s.planned_land_class, s.site_status, s.soil_exceedance, s.gw_exceedance, s.co_management, "
            "(SELECT max(t.started_on) FROM site_stages t WHERE t.site_uuid = s.uuid) AS last_date, "
            "(SELECT count(*) FROM site_stages t WHERE t.site_uuid = s.uuid) AS stages "
            "FROM sites s ORDER BY s.county_code, s.site_code",
        )
    finally:
        con.close()
