"""The dated history of the pollution-source workflows and the state of every source as of any date (issue 16).

Every workflow step is an ``inspections`` row (core/sources/workflows.py writes them): ``workflow`` (leakage,
antiseepage, self_monitoring, risk_control), ``status_after`` (the status the step set), ``inspected_on`` (the date)
and, for self-monitoring, ``period_year`` (the year reported on; the step's own year when empty). A spot check is an
``inspections`` row of kind ``spot_check`` with a result. From these rows this module tells, as of a date D:

* the status of a workflow: the status set by the latest step dated on or before D (ties: the row written later);
* the self-monitoring status of a year Y: the latest step for Y dated on or before D, else ``not_required`` when the
  latest self-monitoring step by D says so, else nothing (no report received);
* the spot-checked sources: a spot check with a result dated on or before D, or the leakage status spot_checked;
* roster membership: entries accepted on or before D (``decided_on``), or in the roster's latest version published
  on or before D;
* the leakage-investigation list: ``on_leakage_list`` with ``leakage_listed_on`` on or before D (no listing date:
  the first leakage step; a source never screened (``on_leakage_list`` empty) is on the list from its first leakage
  step; ``on_leakage_list`` false means removed).

A source whose status field is set while its workflow has no dated step (data from before the history, or imported
as a plain field) is taken to have had that status since the row was last updated (``updated_at``): it is not counted
for earlier dates (a row never stamped: as of today; a roster entry without dates: likewise).
:func:`derive_status_fields` writes the statuses as of a date back into the status fields of
``pollution_sources`` (the fields are derived, the history is the record). No widgets, no QGIS: sqlite3 and numpy.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from dataclasses import dataclass, field
from typing import Iterable, Optional

import numpy as np

WORKFLOW_FIELDS = {
    "leakage": "leakage_status",
    "antiseepage": "antiseepage_status",
    "self_monitoring": "self_monitoring_status",
    "risk_control": "risk_control_status",
}


def _iso(day) -> str:
    return day.isoformat() if isinstance(day, (_dt.date, _dt.datetime)) else str(day)[:10]


def columns(con: sqlite3.Connection, table: str) -> set:
    """Column names of ``table`` (empty when the table does not exist)."""
    return {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}  # noqa: S608 - fixed names only


STEP_WHERE = (
    "workflow IS NOT NULL AND status_after IS NOT NULL AND source_uuid IS NOT NULL AND inspected_on IS NOT NULL"
)


@dataclass
class History:
    """Everything needed to state the workflows of all sources as of any date.

    The per-source snapshot, listing flags and spot checks are read once; the steps stay in the database and "the
    latest step on or before D" of every source is one grouped query per workflow and date (SQLite keeps the bare
    columns of the row holding the max), cached: about a million steps in a few seconds."""

    path: str = ""
    has_steps: bool = False  # the database has the history columns
    #: source_uuid → {status field: (value, updated_at date)} — the snapshot, used where a workflow has no step
    snapshot: dict = field(default_factory=dict)
    #: source_uuid → earliest date of a spot check with a result
    spot_checks: dict = field(default_factory=dict)
    #: source_uuid → (on_leakage_list, leakage_listed_on)
    listing: dict = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def _query(self, key, sql: str, args: tuple = ()) -> list:
        if key not in self.cache:
            if not self.has_steps:
                self.cache[key] = []
            else:
                con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
                try:
                    self.cache[key] = con.execute(sql, args).fetchall()
                finally:
                    con.close()
        return self.cache[key]

    def _last(self, workflow: str, d: str, year: Optional[int] = None) -> dict:
        """{source uuid: status} of the latest step of ``workflow`` on or before ``d`` (of ``year`` if given; ties on
        a date: the row written later). One grouped scan serves every workflow of a date."""
        head = (
            "SELECT source_uuid, workflow, status_after, max(substr(inspected_on, 1, 10) || printf('%012d', fid)) "
            f"FROM inspections WHERE {STEP_WHERE} AND substr(inspected_on, 1, 10) <= ? "
        )
        if year is None:
            rows = self._query(("last", d), head + "GROUP BY source_uuid, workflow", (d,))
        else:
            rows = self._query(
                ("last", d, year),
                head + "AND workflow = 'self_monitoring' "
                "AND coalesce(period_year, CAST(substr(inspected_on, 1, 4) AS INTEGER)) = ? GROUP BY source_uuid",
                (d, int(year)),
            )
        key = ("by_wf",) + (("last", d) if year is None else ("last", d, year))
        if key not in self.cache:
            by: dict = {}
            for su, wf, st, _m in rows:
                by.setdefault(wf, {})[su] = st
            self.cache[key] = by
        return self.cache[key].get(workflow, {})

    def _first(self) -> dict:
        """{workflow: {source uuid: date of its first step}}."""
        if ("first_by_wf",) not in self.cache:
            by: dict = {}
            for su, wf, first in self._query(
                ("first",),
                "SELECT source_uuid, workflow, min(substr(inspected_on, 1, 10)) FROM inspections "
                f"WHERE {STEP_WHERE} GROUP BY source_uuid, workflow",
            ):
                by.setdefault(wf, {})[su] = first
            self.cache[("first_by_wf",)] = by
        return self.cache[("first_by_wf",)]

    def _with_steps(self, workflow: str) -> set:
        return set(self._first().get(workflow, {}))

    def statuses(self, uuids, workflow: str, as_of) -> list:
        """The status of ``workflow`` of each source in ``uuids`` as of the date ``as_of`` (None = nothing by then)."""
        d = _iso(as_of)
        got = self._last(workflow, d)
        has = self._with_steps(workflow)
        field_name = WORKFLOW_FIELDS[workflow]
        out = []
        for u in uuids:
            if u in has:
                out.append(got.get(u))
            else:
                value, updated = self.snapshot.get(u, {}).get(field_name, (None, None))
                out.append(value if value and updated and updated <= d else None)
        return out

    def self_monitoring_of_year(self, uuids, year: int, as_of) -> list:
        """The self-monitoring status of ``year`` of each source as known on ``as_of``: the latest step for that
        year, else ``not_required`` when the latest step says so, else None."""
        d = _iso(as_of)
        of_year = self._last("self_monitoring", d, year)
        last = self._last("self_monitoring", d)
        has = self._with_steps("self_monitoring")
        out = []
        for u in uuids:
            if u in has:
                v = of_year.get(u)
                out.append(v if v is not None else ("not_required" if last.get(u) == "not_required" else None))
            else:
                value, updated = self.snapshot.get(u, {}).get("self_monitoring_status", (None, None))
                ok = value and updated and updated <= d and (value == "not_required" or int(updated[:4]) == year)
                out.append(value if ok else None)
        return out

    def spot_checked_many(self, uuids, as_of) -> np.ndarray:
        d = _iso(as_of)
        leak = self.statuses(uuids, "leakage", as_of)
        return np.array(
            [(self.spot_checks.get(u, "9999") <= d) or st == "spot_checked" for u, st in zip(uuids, leak)], dtype=bool
        )

    def on_leakage_list_many(self, uuids, as_of) -> np.ndarray:
        d = _iso(as_of)
        first = self._first().get("leakage", {})
        leak = None
        out = np.zeros(len(uuids), dtype=bool)
        for i, u in enumerate(uuids):
            flag, listed_on = self.listing.get(u, (None, None))
            if flag is not None and not flag:
                continue
            f = first.get(u)
            if flag:
                when = listed_on or f or self.snapshot.get(u, {}).get("leakage_status", (None, None))[1]
                out[i] = bool(when) and when <= d
            elif f is not None:
                out[i] = f <= d
            else:
                if leak is None:
                    leak = dict(zip(uuids, self.statuses(uuids, "leakage", as_of)))
                out[i] = leak[u] is not None
        return out

    # -- one source (tests, widgets) -------------------------------------------------------------------------------
    def status(self, uuid: str, workflow: str, as_of) -> Optional[str]:
        return self.statuses([uuid], workflow, as_of)[0]

    def self_monitoring(self, uuid: str, year: int, as_of) -> Optional[str]:
        return self.self_monitoring_of_year([uuid], year, as_of)[0]

    def spot_checked(self, uuid: str, as_of) -> bool:
        return bool(self.spot_checked_many([uuid], as_of)[0])

    def on_leakage_list(self, uuid: str, as_of) -> bool:
        return bool(self.on_leakage_list_many([uuid], as_of)[0])

    def sources_with_steps(self, workflow: str) -> set:
        """The sources that have at least one step of ``workflow``."""
        return set(self._with_steps(workflow))


def read_history(con: sqlite3.Connection) -> History:
    """Read the workflow steps, spot checks, listing flags and status snapshot of every source."""
    path = con.execute("PRAGMA database_list").fetchone()[2]
    h = History(path, {"workflow", "status_after"} <= columns(con, "inspections"))
    for su, on in con.execute(
        "SELECT source_uuid, min(substr(inspected_on, 1, 10)) FROM inspections WHERE kind = 'spot_check' "
        "AND result IS NOT NULL AND result <> '' AND source_uuid IS NOT NULL AND inspected_on IS NOT NULL "
        "GROUP BY source_uuid"
    ):
        h.spot_checks[su] = on
    today = _dt.date.today().isoformat()
    scols = columns(con, "pollution_sources")
    fields = list(WORKFLOW_FIELDS.values())
    listed = "on_leakage_list" if "on_leakage_list" in scols else "NULL"
    listed_on = "substr(leakage_listed_on, 1, 10)" if "leakage_listed_on" in scols else "NULL"
    sql = (
        f"SELECT uuid, substr(updated_at, 1, 10), {listed}, {listed_on}, {', '.join(fields)} "  # noqa: S608
        "FROM pollution_sources"
    )
    for row in con.execute(sql):
        su, updated, flag, lon = row[:4]
        updated = updated or today  # a row that was never stamped is known as of today
        h.snapshot[su] = {f: (v, updated) for f, v in zip(fields, row[4:]) if v}
        h.listing[su] = (None if flag is None else bool(flag), lon)
    return h


def members_as_of(con: sqlite3.Connection, rosters: Iterable, as_of) -> set:
    """uuids of the sources on one of ``rosters`` on ``as_of``: accepted by then, or in the roster's latest version
    published by then. An entry without a decision date counts from its creation date."""
    d = _iso(as_of)
    out: set = set()
    when = "coalesce(substr(decided_on, 1, 10), substr(created_at, 1, 10), date('now'))"
    for roster in rosters:
        out |= {
            r[0]
            for r in con.execute(
                f"SELECT source_uuid FROM roster_entries WHERE roster = ? AND status = 'accepted' AND {when} <= ?",
                (roster, d),
            )
        }
        latest = con.execute(
            f"SELECT roster_version FROM roster_entries WHERE roster = ? AND status = 'published' AND {when} <= ? "
            "GROUP BY roster_version ORDER BY max({w}) DESC, max(created_at) DESC, roster_version DESC LIMIT 1".format(
                w=when
            ),
            (roster, d),
        ).fetchone()
        if latest:
            out |= {
                r[0]
                for r in con.execute(
                    "SELECT source_uuid FROM roster_entries WHERE roster = ? AND status = 'published' "
                    "AND roster_version = ?",
                    (roster, latest[0]),
                )
            }
    return out


def published_as_of(con: sqlite3.Connection, as_of) -> set:
    """Rosters with a version published on or before ``as_of``."""
    return {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT roster FROM roster_entries WHERE status = 'published' "
            "AND coalesce(substr(decided_on, 1, 10), substr(created_at, 1, 10), date('now')) <= ?",
            (_iso(as_of),),
        )
    }


def derive_status_fields(path, as_of=None, user: str = "history") -> int:
    """Write the status of every workflow as of ``as_of`` (default today) into the status fields of
    ``pollution_sources`` where the history has steps for it; returns the number of fields changed. Fields of
    workflows without any dated step are left as they are."""
    from ..data.gpkg import utc_now
    from ..data.sqlite_gpkg import register_functions

    as_of = as_of or _dt.date.today()
    con = sqlite3.connect(str(path))
    register_functions(con)  # the R-tree triggers of the GeoPackage call ST_* functions
    try:
        h = read_history(con)
        changes = []
        year = _dt.date.fromisoformat(_iso(as_of)).year
        for wf, fname in WORKFLOW_FIELDS.items():
            uuids = sorted(h.sources_with_steps(wf))
            if wf == "self_monitoring":
                # monitored before, nothing received for this year yet: required
                new = [v or "required" for v in h.self_monitoring_of_year(uuids, year, as_of)]
            else:
                new = h.statuses(uuids, wf, as_of)
            for su, value in zip(uuids, new):
                if value is not None and value != h.snapshot.get(su, {}).get(fname, (None, None))[0]:
                    changes.append((fname, value, su))
        now = utc_now()
        with con:
            for fname, value, su in changes:
                con.execute(
                    f'UPDATE pollution_sources SET "{fname}" = ?, updated_at = ?, updated_by = ? WHERE uuid = ?',  # noqa: S608
                    (value, now, user, su),
                )
        return len(changes)
    finally:
        con.close()
