"""Pollution status from a pollution assessment (core/zoning/pollution_status.py) in the zoning: an area whose
groundwater is naturally class IV (iron, manganese, fluoride, hardness, dissolved solids above class III, as in much of
North China) is not zoned for treatment when the status comes from the assessment against background values; a well
polluted by nitrate is. The water-quality class option still zones the natural area for treatment, and says that it
is not a pollution assessment."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.zoning import overlay as ZN
from gw_plugin.core.zoning import pollution_status as PS
from gw_plugin.core.zoning import rasterblocks as rb

CRS = rb.crs_wkt("EPSG:4547")
X0, Y1 = 500000.0, 3800000.0
INDICATORS = ["铁", "锰", "氟化物", "总硬度", "溶解性总固体", "硝酸盐"]


def write(path, value, g):
    ds = rb.create_raster(str(path), g, gdal.GDT_Float32, -9999.0)
    ds.GetRasterBand(1).WriteArray(np.full((g.rows, g.cols), value, dtype=np.float32))
    ds = None
    return str(path)


def rect(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


WEST = rect(X0, Y1 - 6000, X0 + 5000, Y1)


@pytest.fixture
def samples():
    rng = np.random.default_rng(11)
    out = []
    # west: natural class IV water (GB/T 14848-2017 class IV: Fe <= 2.0, Mn <= 1.5, F <= 2.0, hardness <= 650,
    # TDS <= 2000 mg/L; class III: 0.3, 0.1, 1.0, 450, 1000), nitrate low
    for i in range(5):
        for j in range(5):
            values = {
                "铁": rng.uniform(0.8, 1.8),
                "锰": rng.uniform(0.3, 1.2),
                "氟化物": rng.uniform(1.2, 1.9),
                "总硬度": rng.uniform(480, 620),
                "溶解性总固体": rng.uniform(1100, 1800),
                "硝酸盐": rng.uniform(1.0, 4.0),
            }
            out.append((X0 + 500 + i * 1000, Y1 - 600 - j * 1200, values, f"W{i}{j}"))
    # east: good water, one well polluted by nitrate (45 mg/L as N, class V)
    for i in range(3):
        for j in range(3):
            values = {"铁": 0.1, "锰": 0.03, "氟化物": 0.5, "总硬度": 200, "溶解性总固体": 400, "硝酸盐": 3.0}
            out.append((X0 + 6000 + i * 1500, Y1 - 1000 - j * 2000, values, f"E{i}{j}"))
    out.append((X0 + 8200, Y1 - 4000, {"铁": 0.1, "硝酸盐": 45.0}, "NO3"))
    return out


def test_assessment_against_background(samples):
    bg = PS.background_from_reference(samples, INDICATORS, WEST.ExportToWkb(), 95.0)
    west_fe = [s[2]["铁"] for s in samples if s[3].startswith("W")]
    assert bg["铁"] == pytest.approx(np.percentile(west_fe, 95))
    wells = PS.assess(samples, INDICATORS, bg)
    west = [w for w in wells if w.name.startswith("W")]
    assert all(w.quality_class == 4 for w in west)  # class IV water ...
    assert sum(w.grade == 1 for w in west) >= 15  # ... that the assessment finds unpolluted
    assert max(w.grade for w in west) <= 4  # (the few wells above the 95th percentile: some tenths of class III)
    no3 = next(w for w in wells if w.name == "NO3")
    # P = (45 - C0) / 20 (class III limit of nitrate as N); C0 = 95th percentile of the west's 1-4 mg/L
    assert no3.worst == "硝酸盐" and no3.index == pytest.approx((45.0 - bg["硝酸盐"]) / 20.0)
    assert no3.grade == 6 and PS.grade_label(6, "en") == "extremely polluted"
    # a user's background table gives the same assessment
    again = PS.assess(samples, INDICATORS, {"Fe": bg["铁"], **{k: v for k, v in bg.items() if k != "铁"}})
    assert [w.grade for w in again] == [w.grade for w in wells]
    with pytest.raises(ValueError, match="background"):
        PS.assess(samples, INDICATORS, {"铁": 0.3})
    assert PS.grade_of(0.0) == 1 and PS.grade_of(0.1) == 2 and PS.grade_of(1.0) == 4 and PS.grade_of(1.2) == 5


def test_natural_class_four_is_not_zoned_for_treatment(tmp_path, samples):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 100, 60, CRS)
    city = rect(X0, Y1 - 6000, X0 + 10000, Y1)
    paths = [write(tmp_path / n, v, g) for n, v in (("v.tif", 140.0), ("l.tif", 1.0), ("f.tif", 8.0))]
    bg = PS.background_from_reference(samples, INDICATORS, WEST.ExportToWkb())
    wells = PS.assess(samples, INDICATORS, bg)
    common = dict(scheme="2019", city=[city.ExportToWkb()], city_code="410100", mmu_km2=0.5)

    status = str(tmp_path / "status.tif")
    res = PS.run_pollution_status(wells, g, status, radius_m=3000.0)
    assert res.kind == "assessment" and res.cells == g.size and "background" in res.messages[0]
    zones = ZN.run_zoning(*paths, status, pollution_kind="assessment", **common)
    treat = [ogr.CreateGeometryFromWkb(f.wkb) for f in zones.features if f.zone_class == "treatment"]
    assert sum(t.Intersection(WEST).GetArea() for t in treat) == 0.0  # the natural area is not for treatment
    no3 = ogr.CreateGeometryFromWkt(f"POINT({X0 + 8200} {Y1 - 4000})")
    assert any(t.Contains(no3) for t in treat)  # the polluted well's surroundings are
    assert any("assessment against background" in line for line in zones.messages)

    quality = str(tmp_path / "quality.tif")
    qres = PS.run_pollution_status(wells, g, quality, radius_m=3000.0, kind="quality_class")
    assert "NOT a pollution assessment" in qres.messages[0]
    qz = ZN.run_zoning(*paths, quality, pollution_kind="quality_class", **common)
    qtreat = [ogr.CreateGeometryFromWkb(f.wkb) for f in qz.features if f.zone_class == "treatment"]
    # the water-quality class zones the whole natural class IV area for treatment (the option, labelled)
    assert sum(t.Intersection(WEST).GetArea() for t in qtreat) == pytest.approx(WEST.GetArea(), rel=1e-9)
    assert any("not a pollution assessment" in line for line in qz.messages)


def _project(path, samples):
    """A project GeoPackage with one well per sample (OGR) and its results (sqlite3), two sampling dates."""
    import sqlite3
    import uuid

    from gw_plugin.core.data import gpkg

    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    ids = []
    for x, y, _values, code in samples:
        f = ogr.Feature(lyr.GetLayerDefn())
        ids.append(str(uuid.uuid4()))
        f["uuid"], f["well_code"], f["county_code"] = ids[-1], code, "410101"
        f["well_type"], f["status"], f["aquifer_layer"] = "status_survey", "active", "phreatic"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        lyr.CreateFeature(f)
    ds = None
    con = sqlite3.connect(path)
    for wid, (_x, _y, values, code) in zip(ids, samples):
        for date, factor in (("2020-05-01", 3.0), ("2024-05-01", 1.0)):  # the older sample must not count
            su = str(uuid.uuid4())
            con.execute(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on) VALUES (?,?,?,?,?)",
                (su, "410101", wid, f"{code}-{date}", date),
            )
            for p, v in values.items():
                con.execute(
                    "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num) "
                    "VALUES (?,?,?,?,?,?)",
                    (str(uuid.uuid4()), "410101", su, p, f"{v * factor:g}", v * factor),
                )
    con.commit()
    con.close()


def test_processing_pollutionstatus_then_zoning(tmp_path, samples, qgis_processing):
    import processing
    from qgis.core import QgsApplication, QgsVectorLayer

    from gw_plugin.processing.provider import register_provider

    if QgsApplication.processingRegistry().providerById("gwplugin") is None:
        register_provider()
    db = str(tmp_path / "city.gpkg")
    _project(db, samples)
    g = rb.Grid(X0, Y1, 100.0, 100.0, 100, 60, CRS)
    ref = write(tmp_path / "ref.tif", 140.0, g)
    area = QgsVectorLayer("Polygon?crs=EPSG:4547", "ref", "memory")
    from qgis.core import QgsFeature, QgsGeometry

    feat = QgsFeature()
    feat.setGeometry(QgsGeometry.fromWkt(WEST.ExportToWkt()))
    area.dataProvider().addFeatures([feat])
    res = processing.run(
        "gwplugin:pollutionstatus",
        {"DATABASE": db, "INDICATORS": ",".join(INDICATORS), "REFERENCE_AREA": area, "PERCENTILE": 95,
         "RADIUS": 3000, "REFERENCE": ref, "OUTPUT": str(tmp_path / "status.tif"), "WELLS": "memory:"},
    )  # fmt: skip
    assert res["KIND"] == "assessment" and res["WELLS_USED"] == len(samples)
    wells = {f["well_code"]: f for f in res["WELLS"].getFeatures()}
    assert wells["NO3"]["grade"] == 6 and wells["NO3"]["grade_zh"] == "极重污染"
    assert max(wells[k]["grade"] for k in wells if k.startswith("W")) <= 4
    ds = gdal.Open(res["OUTPUT"])
    a = ds.GetRasterBand(1).ReadAsArray()
    assert a[:, :50].max() <= 4 and a.max() == 6
    # with a background table instead of the reference area (the header row is skipped)
    table = tmp_path / "bg.csv"
    table.write_text("指标,背景值\n" + "\n".join(f"{k},{v}" for k, v in {"铁": 9, "锰": 9}.items()), "utf-8")
    res2 = processing.run(
        "gwplugin:pollutionstatus",
        {"DATABASE": db, "INDICATORS": "铁,锰", "BACKGROUND": str(table), "RADIUS": 3000, "REFERENCE": ref,
         "OUTPUT": str(tmp_path / "s2.tif")},
    )  # fmt: skip
    ds = gdal.Open(res2["OUTPUT"])
    assert ds.GetRasterBand(1).ReadAsArray().max() == 1  # everything below a background of 9 mg/L
