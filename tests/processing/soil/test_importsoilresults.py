"""gwplugin:importsoilresults on a real project GeoPackage: a refused import writes nothing but its report, the valid
rows only on request, and the chain-of-custody problems are counted."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db


@pytest.fixture
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    site, point = str(uuid.uuid4()), str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh) VALUES (?,?,?,?)",
        (site, "419901", "DK-1", "原化工厂"),
    )
    con.execute(
        "INSERT INTO soil_points (uuid, county_code, site_uuid, point_code, kind) VALUES (?,?,?,?,?)",
        (point, "419901", site, "S1", "surface"),
    )
    con.execute(
        "INSERT INTO soil_samples (uuid, county_code, point_uuid, sample_code, collected_at, collected_by) "
        "VALUES (?,?,?,?,?,?)",
        (str(uuid.uuid4()), "419901", point, "S1-0.2", "2024-05-01 09:00:00", "李四"),
    )
    con.close()
    return path


def count(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM soil_results").fetchone()[0]
    finally:
        con.close()


def test_refused_then_valid_rows_only(db, tmp_path, provider):
    import processing

    csv = tmp_path / "lab.csv"
    csv.write_text("sample,砷(mg/kg),铅(mg/kg)\nS1-0.2,12,80\nX-1,3,4\n", encoding="utf-8")
    report = str(tmp_path / "report.gpkg")
    params = {"DATABASE": db, "INPUT": str(csv), "SAMPLE_COLUMN": "sample", "REPORT": report}
    res = processing.run("gwplugin:importsoilresults", params)
    assert (res["WRITTEN"], res["ERRORS"]) == (0, 1) and count(db) == 0  # one row with errors: sample X-1 unknown
    ds = ogr.Open(report)
    assert ds.GetLayer(0).GetFeatureCount() == 1
    ds = None
    res = processing.run("gwplugin:importsoilresults", dict(params, ACCEPT_VALID_ONLY=True, REPORT="TEMPORARY_OUTPUT"))
    assert res["WRITTEN"] == 2 and count(db) == 2
    assert res["CUSTODY_PROBLEMS"] == 4  # preserved, shipped, received and analysed not recorded


def test_screen_the_sites_from_the_database(db, tmp_path, provider):
    import processing

    con = open_db(db)
    con.execute("UPDATE sites SET planned_land_class = 2")
    con.close()
    csv = tmp_path / "lab.csv"
    csv.write_text("sample,砷(mg/kg),铅(mg/kg),pH\nS1-0.2,61,80,7.5\n", encoding="utf-8")
    processing.run("gwplugin:importsoilresults", {"DATABASE": db, "INPUT": str(csv), "SAMPLE_COLUMN": "sample"})
    out, summary = str(tmp_path / "screened.gpkg"), str(tmp_path / "summary.gpkg")
    res = processing.run("gwplugin:screensitesoil", {"DATABASE": db, "OUTPUT": out, "SUMMARY": summary})
    assert (res["ROWS"], res["SITES_EXCEEDING"]) == (3, 1)
    ds = ogr.Open(out)
    rows = {f.GetField("parameter"): f for f in ds.GetLayer(0)}
    assert rows["砷"].GetField("exceeds_screening") == 1 and rows["砷"].GetField("screening_value") == 60  # class 2
    assert rows["铅"].GetField("exceeds_screening") == 0 and rows["pH"].GetField("screening_value") is None
    ds = None
    con = sqlite3.connect(db)
    assert con.execute("SELECT soil_exceedance FROM sites").fetchone()[0] == "exceeding"
    con.close()
    ds = ogr.Open(summary)
    (arsenic,) = [f for f in ds.GetLayer(0) if f.GetField("parameter") == "砷"]
    assert arsenic.GetField("max_ratio") == pytest.approx(61 / 60) and arsenic.GetField("site_code") == "DK-1"


def test_title_row_gbk_and_the_header_row(db, tmp_path, provider):
    """A lab report with a title row above the header, in GBK, μg/kg in a header, ND: through the same lab import."""
    import processing

    csv = tmp_path / "report.csv"
    csv.write_bytes("某检测公司土壤检测报告,,\n样品编号,苯并[a]芘(μg/kg),铅(mg/kg)\nS1-0.2,ND,80\n".encode("gbk"))
    params = {"DATABASE": db, "INPUT": str(csv), "SAMPLE_COLUMN": "样品编号", "HEADER_ROW": 2}
    res = processing.run("gwplugin:importsoilresults", params)
    assert (res["WRITTEN"], res["ERRORS"]) == (2, 0) and count(db) == 2
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT parameter, unit FROM soil_results"))
    con.close()
    assert rows == {"苯并[a]芘": "μg/kg", "铅": "mg/kg"}
    again = processing.run("gwplugin:importsoilresults", params)  # the same values again: duplicates, none written
    assert (again["WRITTEN"], again["ERRORS"]) == (0, 1) and count(db) == 2
