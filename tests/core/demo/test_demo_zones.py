"""scripts/demo_zones.py, the `make demo` zones step, on a freshly built demo city (gwplugin:builddemo): zones for
every drinking-water source including the riverside one (AEM with the river), written with provenance into the
demo GeoPackage (still valid), the checks report, the sources-inside-zones list, and the map page (PDF and PNG)."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest


@pytest.fixture(scope="module")
def demo_ctx(qgis_processing, tmp_path_factory):
    import processing

    from gw_plugin.processing.provider import register_provider

    register_provider()

    out = str(tmp_path_factory.mktemp("demo_zones"))
    res = processing.run("gwplugin:builddemo", {"OUTPUT_FOLDER": out, "SEED": 42, "CRS": "EPSG:4547"})
    ctx = {"database": res["DATABASE"], "project_path": res["PROJECT"], "out": out, "outputs": {}}
    from scripts import demo_zones

    demo_zones.run(ctx)
    return ctx


def test_every_source_has_zones(demo_ctx, validate):
    db = demo_ctx["database"]
    con = sqlite3.connect(db)
    sources = {r[0]: r[1] for r in con.execute("SELECT uuid, source_type FROM drinking_water_sources")}
    pz = con.execute("SELECT water_source_uuid, zone_class, method, parameters, created_by FROM protection_zones")
    pz = pz.fetchall()
    rz = con.execute("SELECT water_source_uuid, well_uuid, kind, tot_days, method, parameters FROM recharge_zones")
    rz = rz.fetchall()
    prod = con.execute(
        "SELECT count(*) FROM monitoring_wells WHERE water_source_uuid IS NOT NULL AND pumping_rate_m3d > 0"
    ).fetchone()[0]
    con.close()
    assert {(ws, zc) for ws, zc, *_ in pz} == {(ws, zc) for ws in sources for zc in ("class_1", "class_2")}
    assert all(m == "hj338_formula" and by == "gw_plugin demo" for _, _, m, _, by in pz)
    for _ws, _zc, _m, params, _by in pz:
        p = json.loads(params)
        assert p["alpha"] == 1.5 and p["author"] == "gw_plugin demo" and p["wells"]
    # one steady zone per production well (time-of-travel zones may be clipped away only when empty)
    assert sum(1 for r in rz if r[2] == "capture") == prod
    assert {r[3] for r in rz if r[2] == "time_of_travel"} == {100.0, 1000.0}
    riverside = [u for u, t in sources.items() if t == "riverside"]
    assert riverside
    river_zones = [json.loads(r[5]) for r in rz if r[0] in riverside]
    assert river_zones and all(r["method"] == "aem" and "river_head_line" in r for r in river_zones)
    assert {r[4] for r in rz if r[0] not in riverside} == {"uniform_flow"}
    assert validate(db) == []


def test_outputs_written(demo_ctx):
    outs = demo_ctx["outputs"]
    pdf = [p for k, p in outs.items() if k.startswith("Zones map") and p.endswith(".pdf")]
    png = [p for k, p in outs.items() if k.startswith("Zones map") and p.endswith(".png")]
    assert pdf and png
    with open(pdf[0], "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert os.path.getsize(png[0]) > 50_000
    from qgis.PyQt.QtGui import QImage

    img = QImage(png[0])
    assert img.width() > 1000 and img.height() > 700
    xlsx = [p for k, p in outs.items() if k.startswith("Sources in zones")][0]
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    assert wb.active.max_row >= 2  # the demo has pollution sources inside the capture zones
    checks = [p for k, p in outs.items() if k.startswith("Zone checks")][0]
    with open(checks, encoding="utf-8-sig") as fh:
        header = fh.readline().strip().split(",")
    assert header[:3] == ["check", "table", "uuids"]


def test_rerun_replaces_the_demo_zones(demo_ctx):
    from scripts import demo_zones

    db = demo_ctx["database"]
    con = sqlite3.connect(db)
    before = con.execute("SELECT count(*) FROM recharge_zones").fetchone()[0]
    con.close()
    zones = demo_zones.compute_all(db, os.path.join(os.path.dirname(db), "context", "river.gpkg"), log=lambda m: None)
    demo_zones.write_all(db, zones)
    con = sqlite3.connect(db)
    after = con.execute("SELECT count(*) FROM recharge_zones").fetchone()[0]
    con.close()
    assert after == before


def test_sources_in_zones_match_an_independent_count(demo_ctx):
    """(zone, source) pairs of the Excel lists = pairs found with OGR's point-in-polygon on the database."""
    import openpyxl
    from osgeo import ogr

    ds = ogr.Open(demo_ctx["database"])
    pts = [f.GetGeometryRef().Clone() for f in ds.GetLayerByName("pollution_sources")]
    for table, label in (
        ("recharge_zones", "Sources in zones"),
        ("protection_zones", "Sources in protection zones"),
    ):
        pairs = 0
        for z in ds.GetLayerByName(table):
            g = z.GetGeometryRef()
            pairs += sum(1 for p in pts if g.Contains(p))
        xlsx = [p for k, p in demo_ctx["outputs"].items() if k.startswith(label + " /")][0]
        ws = openpyxl.load_workbook(xlsx).active
        rows = [r for r in ws.iter_rows(values_only=True) if r and r[2]]  # data rows have a source code
        header_rows = sum(1 for r in rows if r[2] == "污染源编号")
        assert len(rows) - header_rows == pairs
        if table == "recharge_zones":
            assert pairs > 0
    ds = None
