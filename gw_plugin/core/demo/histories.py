"""Dated workflow histories of the demo city's pollution sources, 2022 to the demo's clock, 2024-12-31 (issue 16).

Every source's current status fields become the end of a chain of dated steps (``inspections`` rows with
``workflow`` / ``status_after`` / ``period_year``, the records core/sources/history.py reads): the leakage
investigation from the listing of the key sources on 2022-06-30 (seed 000 三(二)6(2): the list is set up first),
the anti-seepage retrofit, the detailed survey and risk-control plan, and the self-monitoring of each year 2022–2024
(reports of a year in its November). An older roster version "2023" precedes the published "2024".

Deterministic: its own random stream (seed, 16), so the other tables of the demo are exactly what they were.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

from ..sources.workflows import WORKFLOWS
from . import names as N
from .builder import Builder, choice, uuids

AUTHORITY = f"{N.CITY['name_zh']}生态环境局"

#: the day the key sources were put on the leakage-investigation list (seed 000 三(二)6(2), plan year 2022)
LISTED_ON = "2022-06-30"
FIRST_DAY = _dt.date(2022, 7, 1)
#: the demo's clock stops at its creation stamp (core/demo/builder.py FIXED_TIMESTAMP 2024-12-31; the demo tests keep
#: every date on or before it)
LAST_DAY = _dt.date(2024, 12, 20)
LEAKAGE_LIST_CATEGORIES = (
    "industrial_park",
    "chemical",
    "electroplating",
    "tailings_pond",
    "mining_area",
    "hazardous_waste",
    "landfill",
)  # fmt: skip  seed 000 三(二)6(2) key source kinds


def _days(rng: np.random.Generator, n: int, start: _dt.date = FIRST_DAY, end: _dt.date = LAST_DAY) -> list:
    """n strictly increasing dates between start and end."""
    span = (end - start).days
    picks = np.sort(rng.choice(span, size=n, replace=False)) if n else []
    return [start + _dt.timedelta(days=int(d)) for d in picks]


def _chain(workflow: str, final: str) -> list:
    """The statuses a source went through to reach ``final`` (side statuses: that status alone)."""
    wf = WORKFLOWS[workflow]
    if final not in wf.order:
        return [final]
    chain = list(wf.order[: wf.order.index(final) + 1])
    if workflow == "risk_control" and final != "no_plan_needed":  # "no plan needed" ends a chain
        chain = [c for c in chain if c != "no_plan_needed"]
    return chain


def add_histories(b: Builder) -> None:
    """Dated steps for every source's workflows, the leakage list and an older roster version."""
    rng = np.random.default_rng([b.seed, 16])
    steps = []
    for s in b.rows["pollution_sources"]:
        listed = s["category"] in LEAKAGE_LIST_CATEGORIES and s["leakage_status"] is not None
        s["on_leakage_list"] = 1 if listed else 0
        s["leakage_listed_on"] = LISTED_ON if listed else None
        for wf in ("leakage", "antiseepage", "risk_control"):
            final = s[WORKFLOWS[wf].field]
            if not final:
                continue
            chain = _chain(wf, final)
            if wf == "leakage" and listed:
                days = [_dt.date(2022, 6, 30)] + _days(rng, len(chain) - 1)
            else:
                days = _days(rng, len(chain))
            for status, day in zip(chain, days):
                kind = WORKFLOWS[wf].kind_of(status)
                steps.append((s, wf, status, day, None, kind))
        final = s["self_monitoring_status"]
        if final == "not_required":
            steps.append((s, "self_monitoring", "not_required", _dt.date(2022, 3, 1), None, "visit"))
        elif final:
            for year in (2022, 2023):
                st = choice(rng, ["required", "partial", "complete"], [4 - (year - 2022), 3, 2 + 2 * (year - 2022)])
                if st != "required":  # nothing received: no record
                    steps.append((s, "self_monitoring", st, _dt.date(year, 11, 15), year, "visit"))
            if final != "required":  # the current status is that of 2024
                steps.append((s, "self_monitoring", final, _dt.date(2024, 11, 15), 2024, "visit"))
    ids = uuids(rng, len(steps))
    for u, (s, wf, status, day, year, kind) in zip(ids, steps):
        b.rows["inspections"].append(
            {
                "uuid": u,
                "geom": s["geom"],
                "county_code": s["county_code"],
                "source_uuid": s["uuid"],
                "well_uuid": None,
                "kind": kind,
                "inspected_on": day.isoformat(),
                "inspector": AUTHORITY if kind == "spot_check" else "企业自查 / self-reported",
                "facility_type": None,
                "result": "ok" if kind == "spot_check" else None,
                "findings": None,
                "workflow": wf,
                "status_after": status,
                "period_year": year,
            }
        )
    _older_roster_version(b, rng)


def _older_roster_version(b: Builder, rng: np.random.Generator) -> None:
    """Published rows become version "2024" of 2024-06-30; about two thirds of them were already in version
    "2023" of 2023-06-30."""
    older = []
    for r in b.rows["roster_entries"]:
        if r["status"] != "published":
            continue
        r["decided_on"] = "2024-06-30"
        if rng.random() < 0.66:
            older.append(dict(r, decided_on="2023-06-30", roster_version="2023"))
    for u, r in zip(uuids(rng, len(older)), older):
        r["uuid"] = u
        b.rows["roster_entries"].append(r)
