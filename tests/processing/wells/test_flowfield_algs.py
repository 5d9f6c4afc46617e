"""gwplugin:importlevels and gwplugin:flowfield through Processing, on a real project GeoPackage (issue 18).

The heads lie on a plane h = 120 − 0.002·(x − x0) + 0.001·(y − y0): gradient √5·10⁻³, flow azimuth 116.565°
(worked out in tests/core/wells/test_flowfield_levels.py)."""

from __future__ import annotations

import math
import uuid

import pytest
from osgeo import gdal, ogr

from gw_plugin.core.data import gpkg
from gw_plugin.processing.provider import register_provider

X0, Y0 = 500_000.0, 3_850_000.0
GRADIENT, AZIMUTH = math.sqrt(5.0) * 1e-3, 180.0 - math.degrees(math.atan(2.0))


def head(x, y):
    return 120.0 - 0.002 * (x - X0) + 0.001 * (y - Y0)


@pytest.fixture(scope="module")
def project(tmp_path_factory, qgis_processing):
    register_provider()
    tmp = tmp_path_factory.mktemp("flow")
    path = str(tmp / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    lines = ["井编号,测量时间,水位埋深(m)"]
    for k in range(25):
        x, y = X0 + (k % 5) * 1000 + (k * 37) % 300, Y0 + (k // 5) * 1000 + (k * 53) % 300
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["county_code"] = str(uuid.uuid4()), f"W{k:02d}", "419901"
        f["aquifer_layer"], f["ground_elev_m"] = "phreatic", 130.0
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({x} {y})"))
        lyr.CreateFeature(f)
        lines.append(f"W{k:02d},2024-06-15 08:00,{130.0 - head(x, y):.4f}")
    ds = None
    csv = tmp / "levels.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="gb18030")
    return path, str(csv), tmp


def test_import_then_flow_field_from_the_database(project):
    import processing

    path, csv, tmp = project
    res = processing.run("gwplugin:importlevels", {"INPUT": csv, "DATABASE": path})
    assert res["WRITTEN"] == 25
    out = str(tmp / "contours.gpkg")
    raster = str(tmp / "heads.tif")
    arrows = str(tmp / "arrows.gpkg")
    res = processing.run(
        "gwplugin:flowfield",
        {
            "DATABASE": path,
            "DATE_FROM": "2024-01-01",
            "DATE_TO": "2024-12-31",
            "AQUIFER_LAYER": "phreatic",
            "CELL_SIZE": 50.0,
            "INTERVAL": 2.0,
            "OUTPUT": out,
            "OUTPUT_RASTER": raster,
            "OUTPUT_ARROWS": arrows,
        },
    )
    assert res["N_WELLS"] == 25
    assert res["GRADIENT"] == pytest.approx(GRADIENT, rel=0.01)
    assert res["AZIMUTH"] == pytest.approx(AZIMUTH, abs=0.5)
    assert res["R2"] == pytest.approx(1.0, abs=1e-6)
    cds = ogr.Open(out)
    levels = sorted({f["head"] for f in cds.GetLayer(0)})
    assert levels and all(lv % 2 == 0 for lv in levels)
    rds = gdal.Open(raster)  # keep the dataset alive while its band is read
    band = rds.GetRasterBand(1)
    values = band.ReadAsArray()
    assert (values != band.GetNoDataValue()).sum() > 1000
    rds = None
    ads = ogr.Open(arrows)
    a = ads.GetLayer(0)
    assert a.GetFeatureCount() > 5 and all(f["azimuth"] == pytest.approx(AZIMUTH, abs=1.0) for f in a)


def test_a_second_import_of_the_same_readings_is_refused_and_writes_nothing(project):
    import processing
    from qgis.core import QgsProcessingException

    path, csv, _ = project
    with pytest.raises(QgsProcessingException, match="nothing was written"):
        processing.run("gwplugin:importlevels", {"INPUT": csv, "DATABASE": path})
    ds = ogr.Open(path)
    assert ds.GetLayerByName("water_levels").GetFeatureCount() == 25


def test_a_layer_in_a_geographic_crs_is_refused(project, tmp_path):
    import processing
    from qgis.core import QgsProcessingException

    layer = f"Point?crs=EPSG:4490&field=h:double&uri={uuid.uuid4()}"
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    vl = QgsVectorLayer(layer, "heads", "memory")
    feats = []
    for k, (lon, lat) in enumerate([(113.6, 34.7), (113.7, 34.7), (113.6, 34.8), (113.7, 34.8)]):
        f = QgsFeature(vl.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        f.setAttributes([100.0 - k])
        feats.append(f)
    vl.dataProvider().addFeatures(feats)
    with pytest.raises(QgsProcessingException, match="geographic"):
        processing.run("gwplugin:flowfield", {"INPUT": vl, "HEAD_FIELD": "h", "OUTPUT": str(tmp_path / "c.gpkg")})
