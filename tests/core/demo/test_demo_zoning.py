"""scripts/demo_zoning.py (the `make demo` zoning step) on a freshly built demo city: DRASTIC, load, value and the
2019 and 2023 zonings written to the demo database's zoning_units, their comparison, and the zoning map PDFs."""

from __future__ import annotations

import os
import sqlite3
import subprocess

import pytest
from osgeo import ogr

from gw_plugin.core.data import qgis_project


@pytest.fixture(scope="module")
def ran(qgis_app, qgis_processing, tmp_path_factory):
    from gw_plugin.core.demo import build as demo
    from gw_plugin.processing.provider import register_provider
    from scripts import demo_zoning

    register_provider()
    out = tmp_path_factory.mktemp("demo_zoning")
    res = demo.build_demo(str(out), seed=42)
    project = str(out / "demo.qgz")
    qgis_project.write_project(res.database, project, extra_rasters=res.rasters)
    ctx = {"database": res.database, "out": str(out), "project_path": project, "outputs": {}}
    results = demo_zoning.run(ctx)
    return {"ctx": ctx, "results": results, "demo": res}


def test_the_step_is_part_of_make_demo():
    from scripts import demo

    modules = [getattr(step, "module", None) for _title, step in demo.STEPS]
    assert "demo_zoning" in modules and demo._available("demo_zoning")


def test_two_versions_cover_the_city(ran, validate):
    db = ran["ctx"]["database"]
    assert validate(db) == []
    ds = ogr.Open(db)
    au = ds.GetLayerByName("admin_units")
    au.SetAttributeFilter("level = 'city'")
    city = au.GetNextFeature()  # keep the feature alive while its geometry is used
    city_km2 = city.GetGeometryRef().GetArea() / 1e6
    zu = ds.GetLayerByName("zoning_units")
    by_version = {}
    for f in zu:
        key = (f["scheme"], f["version"])
        area, geom_area, classes = by_version.get(key, (0.0, 0.0, set()))
        by_version[key] = (
            area + f["area_km2"],
            geom_area + f.GetGeometryRef().GetArea() / 1e6,
            classes | {f["zone_class"]},
        )
    ds = None
    assert set(by_version) == {("2019", "2019-v1"), ("2023", "2023-v1")}
    for key, (area, geom_area, _classes) in by_version.items():
        assert area == pytest.approx(city_km2, rel=1e-6), key  # clipped to the city, no gaps or overlaps
        assert geom_area == pytest.approx(city_km2, rel=1e-6), key
    # the demo has no protection zones of its own: the illustrative rings become protection(-type) zones
    assert "protection" in by_version[("2019", "2019-v1")][2]
    assert "protection_type" in by_version[("2023", "2023-v1")][2]
    assert by_version[("2019", "2019-v1")][2] <= {"protection", "prevention", "treatment"}
    assert by_version[("2023", "2023-v1")][2] <= {"protection_type", "control_type", "general"}
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM zoning_units WHERE requirements IS NULL OR requirements = ''").fetchone()[0]
    con.close()
    assert n == 0  # every zone carries its management requirements


def test_rasters_comparison_and_maps(ran):
    r, out = ran["results"], ran["ctx"]["outputs"]
    d = r["drastic"]
    # standard weights with ratings 1..10: index within [23, 226] (Aller et al. 1987)
    assert 23 <= d["INDEX_MIN"] < d["INDEX_MAX"] <= 226
    for key in ("DRASTIC index / 脆弱性指数", "Source load / 污染源荷载", "Function value / 功能价值"):
        assert os.path.isfile(out[key])
    cmp = r["compare"]
    ds = ogr.Open(out["Zoning changes 2019 -> 2023 / 分区变化"])
    lyr = ds.GetLayerByName("zoning_changes")
    assert lyr.GetFeatureCount() == len(cmp.parts) > 0
    assert sum(f["area_km2"] for f in lyr) == pytest.approx(cmp.changed_km2, rel=1e-9)
    ds = None
    city = sum(row["area_a_km2"] for row in cmp.table)
    # 2019 and 2023 are different schemes: compared through the explicit class mapping (issue 15), so the mapped
    # classes that stay where they were count as unchanged, and changed + unchanged covers the city exactly
    assert cmp.changed_km2 + cmp.unchanged_km2 == pytest.approx(city, rel=1e-6)
    assert 0 < cmp.unchanged_km2 and 0 < cmp.changed_km2 < city
    for lang, title in (
        ("zh", "黄泽市地下水污染防治分区图"),
        ("en", "Huangze City Groundwater Pollution Prevention Zoning Map"),
    ):
        pdf = out[f"Zoning map ({lang}, pdf) / 分区图"]
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout
        assert title in text and "2023-v1" in text
        assert os.path.getsize(out[f"Zoning map ({lang}, png)"]) > 10000


def test_a_rerun_replaces_its_own_versions(ran, validate):
    from scripts import demo_zoning

    db = ran["ctx"]["database"]
    before = sqlite3.connect(db).execute("SELECT scheme, version, count(*) FROM zoning_units GROUP BY 1, 2").fetchall()
    ctx = dict(ran["ctx"], outputs={})
    demo_zoning.run(ctx)
    after = sqlite3.connect(db).execute("SELECT scheme, version, count(*) FROM zoning_units GROUP BY 1, 2").fetchall()
    assert after == before and len(after) == 2
    assert validate(db) == []
