"""Deadlines the plans set for enterprises and the overdue list with counts by county (issue 16, item 5).

The rules are data (shipped: resources/config/deadline_rules.json; :func:`load_rules` checks a file):

* ``after_listing`` — within ``years`` (the same day a year later; 29 February → 28 February) or ``days`` of joining
  ``roster`` (the first accepted or published entry of the source) a record dated on or after the listing is due:
  an ``inspections`` row of one of ``done_by_inspection_kinds``, or a finished hidden-danger investigation
  (``done_by_hd_investigation``: ``hd_investigations.finished_on``, the soil room's ledger) — seed 001 二(一)2:
  新增的重点监管单位应在纳入名录后一年内开展隐患排查. Only members on the date asked about have the task;
* ``rectification`` — every hidden danger of the rectification ledger (``hidden_dangers``, kept by core/soil/
  hidden_dangers.py: facility, problem, deadline ``rectify_by``, ``rectified_on``, ``verified_on``; photos as
  attachments) is due by its deadline and done when rectified.

:func:`tasks` states every task as of a date (done, open, overdue); :func:`overdue` keeps the overdue ones;
:func:`counts_by_county` counts them; :func:`write_overdue_xlsx` lists them. The tables of the soil room are read
by SQL (no import across feature rooms). No widgets, no QGIS: sqlite3.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ...toolbelt.i18n import tr
from ...toolbelt.paths import resource
from ..data import schema as S
from . import history as H
from .rosters import ROSTERS, RosterError, connect, county_names, today_date

TR_CONTEXT = "rosters"  # the translation context of this module's texts
KINDS = ("after_listing", "rectification")


@dataclass(frozen=True)
class DeadlineRule:
    id: str
    kind: str
    name_zh: str
    name_en: str
    seed: str
    roster: Optional[str] = None
    days: int = 0
    years: int = 0
    done_by: tuple = ()  # inspection kinds
    done_by_hd: bool = False  # a finished hidden-danger investigation (hd_investigations)

    def due(self, start: _dt.date) -> _dt.date:
        if self.years:
            try:
                return start.replace(year=start.year + self.years)
            except ValueError:  # 29 February
                return start.replace(year=start.year + self.years, day=28)
        return start + _dt.timedelta(days=self.days)


@dataclass
class Task:
    rule_id: str
    what_zh: str
    source_uuid: str
    source_name: str
    county_code: str
    county_name: str
    start: str  # listed on / found on
    due: str
    done_on: Optional[str]
    state: str  # done | open | overdue
    days_overdue: int = 0
    record_uuid: Optional[str] = None  # the hidden_dangers row


def load_rules(path=None) -> list:
    """Read and check a deadline-rule file (default: the shipped one)."""
    p = Path(path) if path else resource("config", "deadline_rules.json")
    try:
        data = json.loads(Path(p).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RosterError(
            tr(TR_CONTEXT, "Cannot read the deadline rules {path}: {error}").format(path=p, error=exc)
        ) from exc
    kinds = set(S.codelist("inspection_kind").code_values())
    out = []
    for r in data.get("rules", []):
        rid, kind = r.get("id"), r.get("kind")
        if not rid or kind not in KINDS:
            raise RosterError(tr(TR_CONTEXT, "Deadline rule {id}: unknown kind {k}.").format(id=rid, k=kind))
        if kind == "after_listing":
            done_by = tuple(r.get("done_by_inspection_kinds", ()))
            hd = bool(r.get("done_by_hd_investigation"))
            days, years = int(r.get("days", 0)), int(r.get("years", 0))
            if r.get("roster") not in ROSTERS or not (done_by or hd) or set(done_by) - kinds or max(days, years) <= 0:
                raise RosterError(
                    tr(TR_CONTEXT, "Deadline rule {id} needs a roster, a time and what fulfils it.").format(id=rid)
                )
            out.append(
                DeadlineRule(rid, kind, r.get("name_zh", rid), r.get("name_en", rid), r.get("seed", ""),
                             r["roster"], days, years, done_by, hd)
            )  # fmt: skip
        else:
            out.append(DeadlineRule(rid, kind, r.get("name_zh", rid), r.get("name_en", rid), r.get("seed", "")))
    return out


def _state(due: str, done_on: Optional[str], d: str) -> tuple:
    if done_on and done_on <= d:
        return "done", 0
    if due < d:
        return "overdue", (_dt.date.fromisoformat(d) - _dt.date.fromisoformat(due)).days
    return "open", 0


def tasks(path, as_of: Optional[_dt.date] = None, rules: Optional[list] = None) -> list:
    """Every task of the rules as of ``as_of`` (default today), by county and due date."""
    as_of = as_of or today_date()
    rules = load_rules() if rules is None else rules
    d = as_of.isoformat()
    con = connect(path, readonly=True)
    try:
        names = county_names(con)
        src = {
            u: (n or "", c or "") for u, n, c in con.execute("SELECT uuid, name_zh, county_code FROM pollution_sources")
        }
        out = []
        for rule in rules:
            if rule.kind == "after_listing":
                members = H.members_as_of(con, [rule.roster], as_of)
                listed = dict(
                    con.execute(
                        "SELECT source_uuid, min(coalesce(substr(decided_on, 1, 10), substr(created_at, 1, 10))) "
                        "FROM roster_entries WHERE roster = ? AND status IN ('accepted', 'published') "
                        "GROUP BY source_uuid",
                        (rule.roster,),
                    )
                )
                done: dict = {}
                if rule.done_by:
                    marks = ",".join("?" * len(rule.done_by))
                    for su, on in con.execute(
                        f"SELECT source_uuid, substr(inspected_on, 1, 10) FROM inspections WHERE kind IN ({marks}) "  # noqa: S608
                        "AND source_uuid IS NOT NULL",
                        rule.done_by,
                    ):
                        done.setdefault(su, []).append(on)
                if rule.done_by_hd and H.columns(con, "hd_investigations"):
                    for su, on in con.execute(
                        "SELECT source_uuid, substr(finished_on, 1, 10) FROM hd_investigations "
                        "WHERE finished_on IS NOT NULL"
                    ):
                        done.setdefault(su, []).append(on)
                for su in members:
                    start = listed.get(su)
                    if not start:
                        continue
                    due = rule.due(_dt.date.fromisoformat(start)).isoformat()
                    first = min((on for on in done.get(su, ()) if on >= start), default=None)
                    state, late = _state(due, first, d)
                    name, county = src.get(su, ("", ""))
                    out.append(Task(rule.id, rule.name_zh, su, name, county, names.get(county, county), start, due,
                                    first, state, late))  # fmt: skip
            elif H.columns(con, "hidden_dangers"):
                for ru, su, problem, facility, found, due, fixed in con.execute(
                    "SELECT uuid, source_uuid, description, facility, substr(found_on, 1, 10), "
                    "substr(rectify_by, 1, 10), substr(rectified_on, 1, 10) FROM hidden_dangers "
                    "WHERE rectify_by IS NOT NULL AND substr(found_on, 1, 10) <= ?",
                    (d,),
                ):
                    state, late = _state(due, fixed, d)
                    name, county = src.get(su, ("", ""))
                    what = f"{rule.name_zh}：{facility + ' · ' if facility else ''}{problem}"
                    out.append(Task(rule.id, what, su, name, county, names.get(county, county), found, due, fixed,
                                    state, late, ru))  # fmt: skip
    finally:
        con.close()
    out.sort(key=lambda t: (t.county_code, t.due, t.source_name))
    return out


def overdue(path, as_of: Optional[_dt.date] = None, rules: Optional[list] = None) -> list:
    return [t for t in tasks(path, as_of, rules) if t.state == "overdue"]


def counts_by_county(task_list: list) -> dict:
    """{county name: number of tasks}, counties in code order."""
    out: dict = {}
    for t in sorted(task_list, key=lambda t: t.county_code):
        out[t.county_name or t.county_code] = out.get(t.county_name or t.county_code, 0) + 1
    return out


OVERDUE_HEADERS = ["序号", "所在县（市、区）", "单位名称", "事项", "起算日期", "期限", "逾期天数"]


def write_overdue_xlsx(xlsx_path, database, as_of: Optional[_dt.date] = None, city: str = "") -> str:
    """The overdue list as a workbook, the counts by county in the note."""
    from ..data import reports

    as_of = as_of or today_date()
    rows = overdue(database, as_of)
    counts = "；".join(f"{k} {v}项" for k, v in counts_by_county(rows).items()) or "无"
    return reports.write_table_xlsx(
        xlsx_path,
        f"{city}逾期事项清单",
        OVERDUE_HEADERS,
        [[i, t.county_name, t.source_name, t.what_zh, t.start, t.due, t.days_overdue] for i, t in enumerate(rows, 1)],
        note=f"统计日期：{as_of.isoformat()}　共{len(rows)}项（{counts}）",
        sheet="逾期事项",
    )
