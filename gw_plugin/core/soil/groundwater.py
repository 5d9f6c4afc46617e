"""Soil–groundwater co-management (seed 001 二(四)1): a site's groundwater exceedance derived from the monitoring
wells inside or next to it, never typed by hand, and written back to the site; and a site's soil exceedance written
back from screened soil results (core/soil/screening.py).

Groundwater: the wells whose location lies inside the site's polygon or within ``distance_m`` of it (a plugin
default of 500 m, editable; no standard fixes "next to"); for each, its latest sample; a result "exceeds" when its
GB/T 14848-2017 class is IV or V (worse than class III, the limit used for groundwater exceedance in Chinese
assessment practice, HJ 610-2016 §8.4.1.2; ../shared/reference/README.md §1). Non-detects never exceed. A site is
``exceeding`` when one of its wells is, ``not_exceeding`` when at least one well has a classifiable latest sample
and none exceeds, ``unknown`` otherwise. ``sites.gw_derived_from`` names the wells, distances, dates and classes.

Geometry through OGR (always present with QGIS); pure logic over the project GeoPackage, no widgets.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Optional

from osgeo import ogr

from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import gpkg_to_wkb, open_db, transaction
from ..wells import classify

DEFAULT_DISTANCE_M = 500.0  # plugin default for "next to the site"; not from a standard (editable)
EXCEEDING_CLASS = 4  # GB/T 14848-2017 class IV or worse: above class III


@dataclass
class WellFinding:
    well_uuid: str
    well_code: str
    distance_m: float
    sampled_on: Optional[str]
    worst_class: Optional[int]
    exceeding: list = field(default_factory=list)  # indicator keys in class IV/V

    def text(self) -> str:
        where = "0 m" if self.distance_m <= 0 else f"{self.distance_m:.0f} m"
        if self.sampled_on is None:
            return f"{self.well_code} ({where}): —"
        roman = classify.ROMAN.get(self.worst_class, "?")
        tail = f": {'、'.join(self.exceeding)}" if self.exceeding else ""
        return f"{self.well_code} ({where}, {self.sampled_on}, {roman}{tail})"


@dataclass
class SiteGroundwater:
    site_uuid: str
    state: str  # exceeding | not_exceeding | unknown
    pollutants: list
    wells: list  # WellFinding, nearest first

    def derived_text(self) -> str:
        return "; ".join(w.text() for w in self.wells) if self.wells else ""


def _geometries(con: sqlite3.Connection, table: str, columns: str) -> list:
    out = []
    for row in con.execute(f'SELECT uuid, geom, {columns} FROM "{table}"'):
        wkb = gpkg_to_wkb(row[1])
        geom = ogr.CreateGeometryFromWkb(bytes(wkb)) if wkb else None
        out.append((row[0], geom, *row[2:]))
    return out


def _latest_sample(con: sqlite3.Connection, well_uuid: str) -> tuple:
    """(sampled_on, worst class, exceeding keys) of the latest sample of a well with a classifiable result."""
    samples = con.execute(
        "SELECT uuid, sampled_on FROM samples WHERE well_uuid = ? ORDER BY sampled_on DESC, uuid", (well_uuid,)
    ).fetchall()
    for sample_uuid, sampled_on in samples:
        results = []
        for parameter, text, num, unit, nd, dl in con.execute(
            "SELECT parameter, value_text, value_num, unit, COALESCE(below_detection, 0), detection_limit "
            "FROM sample_results WHERE sample_uuid = ?",
            (sample_uuid,),
        ):
            value = num if num is not None and not nd else text
            results.append(classify.classify(parameter, value, unit, below_detection=bool(nd), detection_limit=dl))
        definite = [r for r in results if r.gb_class is not None and r.key]
        if definite:
            worst = max(r.gb_class for r in definite)
            exceeding = sorted({r.key for r in definite if r.gb_class >= EXCEEDING_CLASS})
            return str(sampled_on)[:10], worst, exceeding
    return None, None, []


def derive(path, distance_m: float = DEFAULT_DISTANCE_M) -> dict:
    """site uuid → :class:`SiteGroundwater` for every site with a geometry."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sites = _geometries(con, "sites", "site_code")
        wells = [w for w in _geometries(con, "monitoring_wells", "well_code") if w[1] is not None]
        cache: dict = {}
        out = {}
        for site_uuid, site_geom, _code in sites:
            if site_geom is None:
                continue
            findings = []
            for well_uuid, well_geom, well_code in wells:
                d = 0.0 if site_geom.Contains(well_geom) else site_geom.Distance(well_geom)
                if d > distance_m:
                    continue
                if well_uuid not in cache:
                    cache[well_uuid] = _latest_sample(con, well_uuid)
                sampled_on, worst, exceeding = cache[well_uuid]
                findings.append(WellFinding(well_uuid, well_code, d, sampled_on, worst, list(exceeding)))
            findings.sort(key=lambda f: (f.distance_m, f.well_code or ""))
            pollutants = sorted({k for f in findings for k in f.exceeding})
            if pollutants:
                state = "exceeding"
            elif any(f.worst_class is not None for f in findings):
                state = "not_exceeding"
            else:
                state = "unknown"
            out[site_uuid] = SiteGroundwater(site_uuid, state, pollutants, findings)
        return out
    finally:
        con.close()


def write_groundwater(path, derived: dict, user: str = "") -> int:
    """Write gw_exceedance, gw_exceeding_pollutants and gw_derived_from of the sites in ``derived``; returns the
    number of sites written."""
    con = open_db(str(path))
    now = utc_now()
    try:
        with transaction(con):
            for site_uuid, d in derived.items():
                con.execute(
                    "UPDATE sites SET gw_exceedance = ?, gw_exceeding_pollutants = ?, gw_derived_from = ?, "
                    "updated_at = ?, updated_by = ? WHERE uuid = ?",
                    (d.state, "、".join(d.pollutants) or None, d.derived_text() or None, now, user, site_uuid),
                )
    finally:
        con.close()
    return len(derived)


def site_keys(path) -> dict:
    """Both a site's uuid and its site_code → its uuid (soil results may name a site either way)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out = {}
        for uuid, code in con.execute("SELECT uuid, site_code FROM sites"):
            out[str(uuid)] = uuid
            if code:
                out.setdefault(str(code), uuid)
        return out
    finally:
        con.close()


def write_soil(path, states: dict, user: str = "") -> int:
    """Write sites.soil_exceedance from ``states`` (site uuid → exceeding | not_exceeding | unknown)."""
    con = open_db(str(path))
    now = utc_now()
    try:
        with transaction(con):
            for site_uuid, state in states.items():
                con.execute(
                    "UPDATE sites SET soil_exceedance = ?, updated_at = ?, updated_by = ? WHERE uuid = ?",
                    (state, now, user, site_uuid),
                )
    finally:
        con.close()
    return len(states)
