"""Soil data of the demo city (issue 19, item 8), added to a project GeoPackage that already has its sites, pollution
sources, rosters and wells (core/demo/build.py writes them): the sites spread over every life-cycle stage with their
planned land class, soil surveys (borings inside each surveyed site, samples at three depths with a full chain of
custody — one sample kept past its hold time — and results for the site's characteristic pollutants and arsenic,
above the GB 36600 screening value where the site's soil is exceeding), the soil exceedance of each surveyed site
written back from screening those results, the groundwater exceedance derived from the wells, and the hidden-danger
investigations of the soil key supervised units (on time, late, overdue, in progress) with their rectification ledger,
and two source-control projects.

Deterministic for a seed (after :func:`make_reproducible`, which core/demo/build.py runs last: the stage and
hidden-danger APIs draw random uuids); dates up to ``today``. The co-management class (core/sources/site_class.py
``write_back``) is the caller's step (core/soil cannot import core/sources). Pure logic; no widgets.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import uuid as _uuid

import numpy as np
from osgeo import ogr

from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import gpkg_to_wkb, open_db, transaction, wkb_to_gpkg
from . import gb36600 as G
from . import groundwater as GW
from . import hidden_dangers as HD
from . import screening as S
from . import stages as ST
from .soil_import import screened_rows

USER = "demo"
DEPTHS = ((0.0, 0.5), (1.5, 2.0), (3.5, 4.0))


def _uuid_for(rng) -> str:
    return str(_uuid.UUID(bytes=rng.bytes(16), version=4))


def _stage_dates(rng, n: int, start: _dt.date, today: _dt.date) -> list:
    days, day = [], start
    for _ in range(n):
        day = min(day + _dt.timedelta(days=int(rng.integers(40, 130))), today)
        days.append(day)
    return days


def _analytes(characteristic: str) -> list:
    """The GB 36600 items among a site's characteristic pollutants, then arsenic (always measured)."""
    out = []
    for name in (characteristic or "").replace("，", "、").replace(",", "、").split("、"):
        item = G.resolve(name.strip())
        if item is not None and item not in out:
            out.append(item)
    arsenic = G.resolve("砷")
    if arsenic not in out:
        out.append(arsenic)
    return out


def add_soil_demo(path, seed: int = 42, today: _dt.date = _dt.date(2025, 6, 30)) -> dict:
    """Add the soil data to the demo database at ``path``; returns counts by table (and of stages reached)."""
    rng = np.random.default_rng(seed + 19)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        sites = con.execute(
            "SELECT uuid, site_code, county_code, site_status, soil_exceedance, characteristic_pollutants, geom "
            "FROM sites ORDER BY site_code"
        ).fetchall()
        srs_id = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'sites'").fetchone()[0]
    finally:
        con.close()
    counts = {"site_stages": 0, "soil_points": 0, "soil_samples": 0, "soil_results": 0}
    reached: dict = {}
    planned = {}
    # 1. stages: site k reaches stage k mod 8 (0 = none recorded), so every stage is present with a few sites
    for k, (site, code, _county, status, _soil, _chars, _geom) in enumerate(sites):
        n = k % (len(ST.STAGES) + 1)
        land = 2 if status == "operating" else int(rng.choice([1, 2], p=[0.6, 0.4]))
        planned[site] = land
        for stage, day in zip([s.code for s in ST.STAGES[:n]], _stage_dates(rng, n, _dt.date(2022, 1, 15), today)):
            ST.add_stage(
                path, site, stage, day.isoformat(), organisation="黄泽环境科技有限公司", user=USER, today=today
            )
            counts["site_stages"] += 1
        reached[code] = n
    now = utc_now()
    con = open_db(str(path))
    try:
        with transaction(con):
            for site, land in planned.items():
                con.execute("UPDATE sites SET planned_land_class = ? WHERE uuid = ?", (land, site))
            # 2. surveys: borings and samples at the sites with a second-phase survey or later
            late_sample = None
            for site, code, county, _status, soil, chars, geom in sites:
                if reached[code] < 2 or geom is None:
                    continue
                poly = ogr.CreateGeometryFromWkb(bytes(gpkg_to_wkb(geom)))
                centre = poly.Centroid()
                exceeding = soil == "exceeding"
                analytes = _analytes(chars)
                for b in range(3):
                    dx, dy = (b - 1) * 25.0, float(rng.uniform(-15, 15))
                    pt = ogr.Geometry(ogr.wkbPoint)
                    pt.AddPoint_2D(centre.GetX() + dx, centre.GetY() + dy)
                    point = _uuid_for(rng)
                    bored = _dt.date(2022, 4, 1) + _dt.timedelta(days=int(rng.integers(0, 300)))
                    con.execute(
                        "INSERT INTO soil_points (uuid, county_code, created_at, created_by, site_uuid, point_code, "
                        "kind, bored_on, boring_depth_m, driller, geom) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (
                            point,
                            county,
                            now,
                            USER,
                            site,
                            f"{code}-S{b + 1}",
                            "boring",
                            bored.isoformat(),
                            6.0,
                            "黄泽勘察院",
                            wkb_to_gpkg(pt.ExportToWkb(), srs_id),
                        ),
                    )
                    counts["soil_points"] += 1
                    for d, (top, bottom) in enumerate(DEPTHS):
                        sample = _uuid_for(rng)
                        t0 = _dt.datetime.combine(bored, _dt.time(9, 0)) + _dt.timedelta(minutes=30 * d)
                        steps = [
                            t0,
                            t0 + _dt.timedelta(minutes=10),
                            t0 + _dt.timedelta(hours=8),
                            t0 + _dt.timedelta(days=1),
                            t0 + _dt.timedelta(days=int(rng.integers(2, 6))),
                        ]
                        group = "voc" if any(a.table == 1 and 8 <= a.no <= 34 for a in analytes) else "metals"
                        if late_sample is None and group == "voc":
                            steps[-1] = t0 + _dt.timedelta(days=12)  # kept past the 7-day hold time
                            late_sample = sample
                        stamps = [t.isoformat(sep=" ") for t in steps]
                        con.execute(
                            "INSERT INTO soil_samples (uuid, county_code, created_at, created_by, point_uuid, "
                            "sample_code, top_m, bottom_m, analyte_group, collected_at, collected_by, preserved_at, "
                            "preserved_by, preservation, shipped_at, shipped_by, received_at, received_by, "
                            "analysed_at, analysed_by, lab) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            (
                                sample,
                                county,
                                now,
                                USER,
                                point,
                                f"{code}-S{b + 1}-{bottom:g}",
                                top,
                                bottom,
                                group,
                                stamps[0],
                                "采样员甲",
                                stamps[1],
                                "采样员甲",
                                "4℃冷藏",
                                stamps[2],
                                "流转员乙",
                                stamps[3],
                                "接收员丙",
                                stamps[4],
                                "检测员丁",
                                "黄泽检测中心",
                            ),
                        )
                        counts["soil_samples"] += 1
                        for item in analytes:
                            sv = item.screening_value(planned[site])
                            hot = exceeding and b == 1 and d < 2 and item is analytes[0]
                            value = sv * float(rng.uniform(1.3, 3.5)) if hot else sv * float(rng.uniform(0.05, 0.6))
                            text = f"{value:.3g}"
                            con.execute(
                                "INSERT INTO soil_results (uuid, county_code, created_at, created_by, sample_uuid, "
                                "parameter, value_text, value_num, unit) VALUES (?,?,?,?,?,?,?,?,?)",
                                (_uuid_for(rng), county, now, USER, sample, item.key, text, float(text), "mg/kg"),
                            )
                            counts["soil_results"] += 1
    finally:
        con.close()
    # 3. soil exceedance written back from screening the results; groundwater derived from the wells
    summary = S.SiteSummary()
    for r in screened_rows(path):
        summary.add(
            r["site_uuid"],
            r["point_code"],
            r["top_m"],
            r["bottom_m"],
            S.screen(r["parameter"], r["value_text"], r["unit"], r["planned_land_class"]),
        )
    GW.write_soil(path, summary.site_states(), USER)
    GW.write_groundwater(path, GW.derive(path), USER)
    # 4. hidden-danger investigations of the soil key supervised units
    counts.update(_hidden_dangers(path, rng, today))
    counts["source_control_projects"] = _source_control(path, rng, today)
    counts["stages_reached"] = {s.code: sum(1 for n in reached.values() if n > i) for i, s in enumerate(ST.STAGES)}
    return counts


def _hidden_dangers(path, rng, today: _dt.date) -> dict:
    units = HD.investigation_status(path, today)
    made = {"hd_investigations": 0, "hidden_dangers": 0}
    texts = ["储罐区地面防渗层破损", "危废暂存间地面开裂", "地下管线无泄漏检测", "电镀槽下方地面裂缝", "污水池池体渗漏"]
    for k, u in enumerate(units):
        plan = k % 5  # 0 on time, 1 late, 2 in progress, 3 not started, 4 on time with dangers rectified
        if plan == 3:
            continue
        start = u.listed_on + _dt.timedelta(days=int(rng.integers(30, 200)))
        if start > today:
            continue
        finish = None
        if plan in (0, 4):
            finish = min(start + _dt.timedelta(days=60), u.deadline, today)
        elif plan == 1:
            finish = u.deadline + _dt.timedelta(days=int(rng.integers(10, 90)))
            if finish > today:
                finish = None
        inv = HD.record_investigation(
            path,
            u.source_uuid,
            "initial",
            start,
            finish,
            organisation="黄泽环境科技有限公司",
            report_ref=f"YHPC-{u.source_code}",
            user=USER,
        )
        made["hd_investigations"] += 1
        if finish is None:
            continue
        for j in range(1 + k % 2):
            due = finish + _dt.timedelta(days=180)
            d = HD.add_danger(
                path, inv, texts[(k + j) % len(texts)], finish, "major" if j == 0 else "general", due, user=USER
            )
            made["hidden_dangers"] += 1
            if plan == 4 and due <= today:
                HD.rectify(path, d, due - _dt.timedelta(days=20), due, user=USER)
    return made


def _source_control(path, rng, today: _dt.date) -> int:
    """Source-control projects (seed 001 二(一)3) at the first two soil key supervised units: one completed, one
    under way (when the demo's date allows)."""
    units = HD.investigation_status(path, today)[:2]
    plans = (("completed", _dt.date(2023, 3, 1), _dt.date(2024, 5, 1)), ("in_progress", _dt.date(2024, 4, 1), None))
    con = open_db(str(path))
    made = 0
    try:
        with transaction(con):
            for u, (status, start, finish) in zip(units, plans):
                if start > today or (finish is not None and finish > today):
                    continue
                con.execute(
                    "INSERT INTO source_control_projects (uuid, county_code, created_at, created_by, source_uuid, "
                    "name_zh, programme, status, started_on, finished_on, investment_10k_yuan) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        _uuid_for(rng),
                        u.county_code or "000000",
                        utc_now(),
                        USER,
                        u.source_uuid,
                        f"{u.name_zh}土壤污染源头管控项目",
                        "100个土壤污染源头管控项目",
                        status,
                        start.isoformat(),
                        finish.isoformat() if finish else None,
                        float(rng.integers(80, 400)),
                    ),
                )
                made += 1
    finally:
        con.close()
    return made


SYSTEM_FIELDS = ("uuid", "created_at", "created_by", "updated_at", "updated_by")


def make_reproducible(path, seed: int, timestamp: str, user: str = USER) -> None:
    """Make the soil rows of a demo database the same bytes for the same seed: the rows written through the stage
    and hidden-danger APIs carry random uuids and the clock's timestamps, so every soil table's uuids are replaced by
    uuids from a seeded generator (in the order of the rows' own content; references to them follow) and the system
    fields of the soil tables and of ``sites`` (written back by the screening) are set to ``timestamp`` / ``user``."""
    from ..data import schema as SCH
    from ..data.tables_soil import TABLES as SOIL_TABLES

    rng = np.random.default_rng(seed + 1900)
    soil = {t.name for t in SOIL_TABLES}
    con = open_db(str(path))
    try:
        with transaction(con):
            for t in SCH.TABLES:
                if t.name not in soil:
                    continue
                cols = [f'"{f.name}"' for f in t.all_fields() if f.name not in SYSTEM_FIELDS]
                olds = [r[0] for r in con.execute(f'SELECT uuid FROM "{t.name}" ORDER BY {", ".join(cols)}, uuid')]
                refs = [(o.name, fname) for o in SCH.TABLES for fname, target in o.relations() if target == t.name]
                for old in olds:
                    new = _uuid_for(rng)
                    con.execute(f'UPDATE "{t.name}" SET uuid = ? WHERE uuid = ?', (new, old))
                    for other, fname in refs:
                        con.execute(f'UPDATE "{other}" SET "{fname}" = ? WHERE "{fname}" = ?', (new, old))
            for name in sorted(soil | {"sites"}):
                con.execute(
                    f'UPDATE "{name}" SET created_at = ?, created_by = ?, updated_at = ?, updated_by = ?',
                    (timestamp, user, timestamp, user),
                )
    finally:
        con.close()
