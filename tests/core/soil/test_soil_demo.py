"""The soil part of the demo city, on a small city of its own shape (sites with polygons, key supervised units on
the soil roster, a well with an exceeding sample): every stage present, surveys with exceedances screened and
written back, the chain of custody with one late sample, groundwater derived, hidden-danger investigations in every
status; deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db, wkb_to_gpkg
from gw_plugin.core.soil import custody as C
from gw_plugin.core.soil import hidden_dangers as HD
from gw_plugin.core.soil import stages as ST
from gw_plugin.core.soil.demo import add_soil_demo

TODAY = dt.date(2025, 6, 30)
CHARS = ["三氯乙烯、四氯乙烯、1,2-二氯乙烷、苯", "六价铬、镍、铜、锌、氰化物", "重金属、挥发性有机物"]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("soil_demo") / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    for k in range(18):
        x, y = 500000 + 1000 * k, 3800000
        poly = ogr.CreateGeometryFromWkt(
            f"MULTIPOLYGON ((({x} {y},{x + 200} {y},{x + 200} {y + 150},{x} {y + 150},{x} {y})))"
        )
        site = str(uuid.uuid4())
        con.execute(
            "INSERT INTO sites (uuid, county_code, site_code, name_zh, site_status, soil_exceedance, "
            "characteristic_pollutants, geom) VALUES (?,?,?,?,?,?,?,?)",
            (
                site,
                "419901" if k % 2 else "419902",
                f"DK{k:03d}",
                f"地块{k}",
                "closed" if k % 3 else "operating",
                "exceeding" if k % 2 else "not_exceeding",
                CHARS[k % 3],
                wkb_to_gpkg(poly.ExportToWkb(), 4547),
            ),
        )
        source = str(uuid.uuid4())
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category, site_uuid) "
            "VALUES (?,?,?,?,?,?)",
            (source, "419901", f"E{k:03d}", f"企业{k}", "chemical", site),
        )
        con.execute(
            "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on) "
            "VALUES (?,?,?,?,?,?)",
            (str(uuid.uuid4()), "419901", source, "soil_key_supervised", "published", f"2023-{1 + k % 12:02d}-15"),
        )
    well, sample = str(uuid.uuid4()), str(uuid.uuid4())
    pt = ogr.CreateGeometryFromWkt("POINT (500100 3800050)")
    con.execute(
        "INSERT INTO monitoring_wells (uuid, county_code, well_code, name_zh, well_type, aquifer_layer, "
        "status, geom) VALUES (?,?,?,?,?,?,?,?)",
        (well, "419902", "W1", "W1", "status_survey", "phreatic", "active", wkb_to_gpkg(pt.ExportToWkb(), 4547)),
    )
    con.execute(
        "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
        (sample, "419902", well, "W1-1", "2024-05-01"),
    )
    con.execute(
        "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, unit) VALUES (?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419902", sample, "三氯乙烯", "500", "μg/L"),
    )
    con.close()
    pristine = path + ".orig"
    shutil.copyfile(path, pristine)
    counts = add_soil_demo(path, seed=42, today=TODAY)
    return path, pristine, counts


def q(path, sql):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_stage_and_surveys(city):
    path, _, counts = city
    assert all(n >= 1 for n in counts["stages_reached"].values()), counts["stages_reached"]
    assert {r[0] for r in q(path, "SELECT stage FROM sites WHERE stage IS NOT NULL")} == {s.code for s in ST.STAGES}
    assert counts["soil_samples"] == counts["soil_points"] * 3 > 0
    assert q(path, "SELECT count(*) FROM site_stages")[0][0] == counts["site_stages"]
    # surveyed sites whose soil the demo marked exceeding are exceeding after screening, and the others are not
    surveyed = q(path, "SELECT DISTINCT p.site_uuid FROM soil_points p")
    states = dict(q(path, "SELECT uuid, soil_exceedance FROM sites"))
    assert {states[s] for (s,) in surveyed} == {"exceeding", "not_exceeding"}
    assert set(q(path, "SELECT planned_land_class FROM sites")) <= {(1,), (2,)}


def test_custody_groundwater_and_hidden_dangers(city):
    path, _, counts = city
    late = [p for p in C.check_database(path) if p.code == "hold_time_exceeded"]
    assert len(late) == 1 and [p for p in C.check_database(path) if p.code != "hold_time_exceeded"] == []
    assert q(path, "SELECT gw_exceedance, gw_exceeding_pollutants FROM sites WHERE site_code = 'DK000'") == [
        ("exceeding", "三氯乙烯")
    ]
    statuses = {u.status for u in HD.investigation_status(path, TODAY)}
    assert statuses == {"on_time", "late", "overdue"}  # every unit was listed in 2023: its deadline has passed
    assert counts["hidden_dangers"] > 0
    assert {r["state"] for r in HD.ledger(path, TODAY)} == {"verified", "overdue"}


def test_deterministic(city, tmp_path):
    path, pristine, counts = city
    again = str(tmp_path / "again.gpkg")
    shutil.copyfile(pristine, again)
    assert add_soil_demo(again, seed=42, today=TODAY) == counts
    sql = "SELECT sample_code, parameter, value_text FROM soil_results r JOIN soil_samples s ON s.uuid = r.sample_uuid"
    assert sorted(q(again, sql)) == sorted(q(path, sql))
