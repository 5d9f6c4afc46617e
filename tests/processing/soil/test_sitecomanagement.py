"""Seed 001 二(四)1 end to end on a real project GeoPackage: soil results screened with gwplugin:soilscreening write
each site's soil exceedance; gwplugin:sitecomanagement derives the groundwater exceedance from the wells inside or
next to each site (latest sample, GB/T 14848 class IV/V) and writes the co-management class back to the sites."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db, wkb_to_gpkg
from gw_plugin.core.soil import groundwater as GW

X0, Y0 = 500000.0, 3800000.0
COUNTY = "419901"
# site code, x offset of a 100 m square, characteristic pollutants, status
SITES = [
    ("A", 0, "硝酸盐、苯", "closed"),
    ("B", 2000, "铅", "closed"),
    ("C", 4000, "铅", "closed"),
    ("D", 6000, "砷", "closed"),
]
# well code, (x, y) offset, samples [(date, [(parameter, value, unit)])]
WELLS = [
    ("W1", (50, 50), [("2022-05-01", [("砷", "0.05", "mg/L")]), ("2024-05-01", [("硝酸盐", "25", "mg/L")])]),
    ("W2", (2100 + 300, 50), [("2024-05-01", [("硝酸盐", "25", "mg/L")])]),  # 300 m east of B
    ("W3", (4100 + 800, 50), [("2024-05-01", [("硝酸盐", "25", "mg/L")])]),  # 800 m east of C: too far
    ("W4", (6050, 50), [("2024-05-01", [("硝酸盐", "2", "mg/L"), ("苯", "<0.5", "μg/L")])]),
]


def square(dx):
    x, y = X0 + dx, Y0
    g = ogr.CreateGeometryFromWkt(f"MULTIPOLYGON ((({x} {y},{x + 100} {y},{x + 100} {y + 100},{x} {y + 100},{x} {y})))")
    return wkb_to_gpkg(g.ExportToWkb(), 4547)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    for code, dx, chars, status in SITES:
        con.execute(
            "INSERT INTO sites (uuid, county_code, site_code, name_zh, characteristic_pollutants, site_status, geom) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), COUNTY, code, f"地块{code}", chars, status, square(dx)),
        )
    for code, (dx, dy), samples in WELLS:
        well = str(uuid.uuid4())
        pt = ogr.CreateGeometryFromWkt(f"POINT ({X0 + dx} {Y0 + dy})")
        con.execute(
            "INSERT INTO monitoring_wells (uuid, county_code, well_code, name_zh, well_type, aquifer_layer, status, "
            "geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (well, COUNTY, code, code, "status_survey", "phreatic", "active", wkb_to_gpkg(pt.ExportToWkb(), 4547)),
        )
        for day, results in samples:
            sample = str(uuid.uuid4())
            con.execute(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?, ?, ?, ?, ?)",
                (sample, COUNTY, well, f"{code}-{day}", day),
            )
            for parameter, value, unit in results:
                con.execute(
                    "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, unit) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (str(uuid.uuid4()), COUNTY, sample, parameter, value, unit),
                )
    con.close()
    return path


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


def sites(path):
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        return {r["site_code"]: dict(r) for r in con.execute("SELECT * FROM sites")}
    finally:
        con.close()


def test_groundwater_derived_from_wells(db):
    derived = {sites(db)[c]["uuid"]: c for c in "ABCD"}
    d = {derived[k]: v for k, v in GW.derive(db, 500).items()}
    assert d["A"].state == "exceeding" and d["A"].pollutants == ["硝酸盐"]  # the latest sample only, not 砷 of 2022
    assert d["A"].wells[0].distance_m == 0 and d["A"].wells[0].worst_class == 4
    assert d["B"].state == "exceeding" and d["B"].wells[0].distance_m == pytest.approx(300)
    assert d["C"].state == "unknown" and d["C"].wells == []
    assert d["D"].state == "not_exceeding" and d["D"].pollutants == []
    assert d["A"].derived_text() == "W1 (0 m, 2024-05-01, IV: 硝酸盐)"
    # a larger distance reaches W3
    assert {derived[k]: v for k, v in GW.derive(db, 1000).items()}["C"].state == "exceeding"


def test_soil_screening_and_co_management_written_back(db, tmp_path, provider):
    import processing

    csv = tmp_path / "soil.csv"
    csv.write_text(
        "site,point,parameter,value\nA,P1,砷,10\nB,P2,铅,100\nC,P3,铅,100\nD,P4,砷,100\nX,P9,砷,5\n",
        encoding="utf-8",
    )
    res = processing.run(
        "gwplugin:soilscreening",
        {
            "INPUT": str(csv),
            "PARAMETER_FIELD": "parameter",
            "VALUE_FIELD": "value",
            "LAND_USE": 1,
            "SITE_FIELD": "site",
            "POINT_FIELD": "point",
            "DATABASE": db,
            "OUTPUT": str(tmp_path / "o.gpkg"),
        },
    )
    assert res["SITES_WRITTEN"] == 4  # site X is not in the database
    s = sites(db)
    assert {c: s[c]["soil_exceedance"] for c in "ABCD"} == {
        "A": "not_exceeding",
        "B": "not_exceeding",
        "C": "not_exceeding",
        "D": "exceeding",
    }

    out = str(tmp_path / "co.gpkg")
    res = processing.run("gwplugin:sitecomanagement", {"DATABASE": db, "DISTANCE": 500, "OUTPUT": out})
    assert res["SITES"] == 4 and res["GW_EXCEEDING"] == 2
    s = sites(db)
    assert {c: s[c]["co_management"] for c in "ABCD"} == {
        "A": "contaminated_site",  # 硝酸盐 exceeds and is a characteristic pollutant of A
        "B": "gw_control_zone",  # 硝酸盐 is unrelated to B's 铅
        "C": "investigate_groundwater",  # no well within 500 m
        "D": "soil_assessment",
    }
    assert s["A"]["gw_exceedance"] == "exceeding" and s["A"]["gw_exceeding_pollutants"] == "硝酸盐"
    assert "W2 (300 m" in s["B"]["gw_derived_from"]
    assert s["C"]["gw_exceedance"] == "unknown" and s["C"]["gw_derived_from"] is None
    assert "纳入污染地块管理" in s["A"]["co_management_reason"]
    ds = ogr.Open(out)
    assert ds.GetLayer(0).GetFeatureCount() == 4
