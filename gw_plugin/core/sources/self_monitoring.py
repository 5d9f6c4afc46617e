"""The self-monitoring status of a year derived from the samples received from an enterprise's own wells (issue 16,
seed 000 三(二)4: 督促其定期开展地下水监测).

A well belongs to an enterprise through ``monitoring_wells.source_uuid``. For a year, each own well counts its
sampling rounds: the distinct months in which it was sampled (parallel samples and several samples of one campaign
are one round). With ``frequency`` rounds required a year (1 by default: the plugin's default, to set from the unit's
own monitoring plan — HJ 1209-2021 sets the frequencies per well, not verified here):

* ``required`` — no own well sampled in the year;
* ``partial`` — some rounds received, but not ``frequency`` rounds at every own well;
* ``complete`` — every own well sampled at least ``frequency`` times.

An enterprise without an own well gets no derived status (it stays as recorded). :func:`record` writes the derived
status as a dated workflow step (an ``inspections`` row of workflow self_monitoring with ``period_year``, dated on the
last sample of the year, at the enterprise's point) where it differs from the status recorded for that year, so the
history (core/sources/history.py) and the indicators follow the samples. No widgets; OGR writes the rows.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from dataclasses import dataclass
from typing import Optional

from ...toolbelt.i18n import tr
from ..data.gpkg import utc_now
from . import history as H
from .rosters import RosterError, connect

TR_CONTEXT = "rosters"  # the translation context of this module's texts


@dataclass
class YearStatus:
    source_uuid: str
    status: str
    wells: int
    rounds: dict  # well code → rounds received in the year
    last_sample: Optional[str]
    recorded: Optional[str]  # the status the history holds for the year


def derive(path, year: int, frequency: int = 1) -> list:
    """The derived self-monitoring status of ``year`` of every enterprise with an own well."""
    if frequency < 1:
        raise RosterError(tr(TR_CONTEXT, "The monitoring frequency must be at least once a year."))
    con = connect(path, readonly=True)
    try:
        if "source_uuid" not in H.columns(con, "monitoring_wells"):
            raise RosterError(
                tr(TR_CONTEXT, "The monitoring wells of this database do not record their enterprise; upgrade it.")
            )
        wells = con.execute(
            "SELECT uuid, coalesce(well_code, uuid), source_uuid FROM monitoring_wells WHERE source_uuid IS NOT NULL"
        ).fetchall()
        lo, hi = f"{year:04d}-01-01", f"{year:04d}-12-31"
        rounds = {}
        last = {}
        for w, months, latest in con.execute(
            "SELECT well_uuid, count(DISTINCT substr(sampled_on, 1, 7)), max(substr(sampled_on, 1, 10)) FROM samples "
            "WHERE substr(sampled_on, 1, 10) BETWEEN ? AND ? GROUP BY well_uuid",
            (lo, hi),
        ):
            rounds[w], last[w] = months, latest
        hist = H.read_history(con)
    finally:
        con.close()
    by_source: dict = {}
    for w, code, su in wells:
        by_source.setdefault(su, []).append((w, code))
    out = []
    order = sorted(by_source)
    recorded_of = dict(zip(order, hist.self_monitoring_of_year(order, year, _dt.date(year, 12, 31))))
    for su in order:
        ws = by_source[su]
        counts = {code: rounds.get(w, 0) for w, code in ws}
        if max(counts.values()) == 0:
            status = "required"
        elif min(counts.values()) >= frequency:
            status = "complete"
        else:
            status = "partial"
        dates = [last[w] for w, _c in ws if w in last]
        out.append(YearStatus(su, status, len(ws), counts, max(dates) if dates else None, recorded_of[su]))
    return out


def record(path, year: int, frequency: int = 1, user: str = "") -> int:
    """Write the derived statuses of ``year`` that differ from the recorded ones as dated steps; returns how many.
    A derived ``required`` (nothing received) is not written: it is what no record means."""
    from osgeo import ogr

    if not (user or "").strip():
        raise RosterError(tr(TR_CONTEXT, "Recording needs the name of the user who records."))
    todo = [s for s in derive(path, year, frequency) if s.status != s.recorded and s.status != "required"]
    if not todo:
        return 0
    ds = ogr.Open(str(path), 1)
    try:
        src = ds.GetLayerByName("pollution_sources")
        where = {s.source_uuid for s in todo}
        points = {}
        for f in src:
            if f.GetField("uuid") in where:
                g = f.GetGeometryRef()
                points[f.GetField("uuid")] = (f.GetField("county_code"), g.Clone() if g is not None else None)
        lyr = ds.GetLayerByName("inspections")
        now = utc_now()
        lyr.StartTransaction()
        for s in todo:
            county, geom = points.get(s.source_uuid, (None, None))
            f = ogr.Feature(lyr.GetLayerDefn())
            values = {
                "uuid": str(_uuid.uuid4()),
                "county_code": county or "000000",
                "created_at": now,
                "created_by": user,
                "updated_at": now,
                "updated_by": user,
                "source_uuid": s.source_uuid,
                "kind": "visit",
                "inspected_on": s.last_sample or f"{year:04d}-12-31",
                "inspector": user,
                "workflow": "self_monitoring",
                "status_after": s.status,
                "period_year": year,
                "findings": (
                    f"{year} 年自行监测（由样品推算）：自有监测井 {s.wells} 眼，"
                    + "、".join(f"{c} {n} 轮" for c, n in sorted(s.rounds.items()))
                    + f"；要求每年 {frequency} 轮\nSelf-monitoring {year} derived from the samples of its own wells"
                ),
            }
            for k, v in values.items():
                f.SetField(k, v)
            if geom is not None:
                f.SetGeometry(geom)
            lyr.CreateFeature(f)
        lyr.CommitTransaction()
    finally:
        ds = None
    return len(todo)
