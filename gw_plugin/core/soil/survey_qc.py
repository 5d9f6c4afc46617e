"""Quality spot checks of construction-land soil surveys (seed 001 二(二)1: "第一阶段土壤污染状况调查地块抽查比例不低于
20%，第二阶段土壤污染状况调查地块抽查比例不低于30%"): the surveys that may be drawn, recording a drawn batch and the
findings of each check, and the shares reached per phase and year.

The draw itself is the sampler of the source spot checks (core/sources/spotcheck.py ``draw``: at least
ceil(share × N), one per category first — here one per county — reproducible for a seed); the Processing algorithm
gwplugin:surveyspotcheck joins the two. Pure logic over the project GeoPackage; no widgets.
"""

from __future__ import annotations

import datetime as _dt
import math
import sqlite3
import uuid as _uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ...toolbelt.i18n import tr
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import open_db, transaction

TR_CONTEXT = "SurveyChecks"
#: seed 001 二(二)1: minimum shares of surveyed sites to spot-check, per survey phase (percent)
MINIMUM_SHARES = {"phase1_survey": 20.0, "phase2_survey": 30.0}
RESULTS = ("pass", "rectify", "fail")


class SurveyCheckError(ValueError):
    """A draw or a finding that cannot be recorded (message meant for the user)."""


def required(n: int, share_percent: float) -> int:
    """ceil(share × n) with exact decimal arithmetic (the same rounding as the source spot checks)."""
    return 0 if n <= 0 else min(n, math.ceil(Decimal(str(share_percent)) * n / 100))


def check_share(phase: str, share_percent: float) -> None:
    if phase not in MINIMUM_SHARES:
        raise SurveyCheckError(tr(TR_CONTEXT, "{p} is not a survey phase.").format(p=phase))
    if not MINIMUM_SHARES[phase] <= float(share_percent) <= 100:
        raise SurveyCheckError(
            tr(
                TR_CONTEXT, "The share for this survey phase must be at least {m} % (seed 001) and at most 100 %."
            ).format(m=f"{MINIMUM_SHARES[phase]:g}")
        )


def population(path, phase: str, year: Optional[int] = None) -> list:
    """The surveys of ``phase`` (site_stages rows; started in ``year`` when given) not drawn in an earlier batch:
    dicts with stage_uuid, site_uuid, site_code, name_zh, county_code, started_on; sorted by stage uuid."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sql = (
            "SELECT t.uuid, t.site_uuid, s.site_code, s.name_zh, s.county_code, t.started_on FROM site_stages t "
            "JOIN sites s ON s.uuid = t.site_uuid WHERE t.stage = ? "
            "AND t.uuid NOT IN (SELECT stage_uuid FROM survey_checks WHERE stage_uuid IS NOT NULL)"
        )
        args: list = [phase]
        if year:
            sql += " AND substr(t.started_on, 1, 4) = ?"
            args.append(f"{int(year):04d}")
        names = ("stage_uuid", "site_uuid", "site_code", "name_zh", "county_code", "started_on")
        return sorted((dict(zip(names, r)) for r in con.execute(sql, args)), key=lambda r: r["stage_uuid"])
    finally:
        con.close()


def record_batch(
    path, batch_id: str, phase: str, share_percent: float, drawn: list, user: str = "", today=None
) -> list:
    """Write one survey_checks row per drawn survey (rows of :func:`population`) in one transaction; a batch id
    used already is refused. Returns the new rows' uuids."""
    check_share(phase, share_percent)
    day = (today or _dt.date.today()).isoformat()
    now = utc_now()
    con = open_db(str(path))
    try:
        with transaction(con):
            if con.execute("SELECT 1 FROM survey_checks WHERE batch_id = ? LIMIT 1", (batch_id,)).fetchone():
                raise SurveyCheckError(tr(TR_CONTEXT, "The batch {b} is recorded already.").format(b=batch_id))
            out = []
            for r in drawn:
                new = str(_uuid.uuid4())
                con.execute(
                    "INSERT INTO survey_checks (uuid, county_code, created_at, created_by, updated_at, updated_by, "
                    "batch_id, site_uuid, stage_uuid, survey_phase, share_percent, drawn_on) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        new,
                        r["county_code"] or "000000",
                        now,
                        user,
                        now,
                        user,
                        batch_id,
                        r["site_uuid"],
                        r["stage_uuid"],
                        phase,
                        float(share_percent),
                        day,
                    ),
                )
                out.append(new)
    finally:
        con.close()
    return out


def record_finding(
    path, check_uuid: str, result: str, findings: str = "", inspector: str = "", checked_on=None, user: str = ""
) -> None:
    """Record the outcome of one spot check (pass / rectify / fail) with its findings."""
    if result not in RESULTS:
        raise SurveyCheckError(tr(TR_CONTEXT, "{r} is not a check result (pass, rectify, fail).").format(r=result))
    day = checked_on or _dt.date.today().isoformat()
    con = open_db(str(path))
    try:
        with transaction(con):
            cur = con.execute(
                "UPDATE survey_checks SET result = ?, findings = ?, inspector = ?, checked_on = ?, updated_at = ?, "
                "updated_by = ? WHERE uuid = ?",
                (result, findings or None, inspector or None, str(day)[:10], utc_now(), user, check_uuid),
            )
            if cur.rowcount == 0:
                raise SurveyCheckError(tr(TR_CONTEXT, "There is no spot check {u}.").format(u=check_uuid))
    finally:
        con.close()


@dataclass(frozen=True)
class ShareReached:
    phase: str
    year: str
    surveys: int  # surveys of the phase started in the year
    checked: int  # of them drawn for a spot check
    minimum_percent: float

    @property
    def percent(self) -> float:
        return 100.0 * self.checked / self.surveys if self.surveys else 0.0

    @property
    def met(self) -> bool:
        return self.checked >= required(self.surveys, self.minimum_percent)


def shares(path) -> list:
    """The share of surveys drawn for a spot check, per survey phase and year of the survey's start."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT t.stage, substr(t.started_on, 1, 4), count(*), "
            "sum(CASE WHEN EXISTS (SELECT 1 FROM survey_checks c WHERE c.stage_uuid = t.uuid) THEN 1 ELSE 0 END) "
            "FROM site_stages t WHERE t.stage IN ('phase1_survey', 'phase2_survey') GROUP BY 1, 2 ORDER BY 2, 1"
        ).fetchall()
    finally:
        con.close()
    return [ShareReached(p, y, n, c, MINIMUM_SHARES[p]) for p, y, n, c in rows]
