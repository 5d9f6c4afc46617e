"""gwplugin:exportmap's raster maps of the zoning (core/maps/raster_products.py): vulnerability, source load,
function value and pollution status as real PDF and PNG files (A3/A4, Chinese/English), checked with poppler
(pdfinfo: paper size; pdftotext: title, legend, notes) and by the class colours in the PNG pixels; the raster is found
in the project by the zoning panel's overlay property when none is given."""

from __future__ import annotations

import uuid

import numpy as np
import pytest
from osgeo import gdal, ogr
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from gw_plugin.core.data import gpkg
from gw_plugin.core.maps import raster_products as RP
from gw_plugin.core.zoning import rasterblocks as rb
from tests.processing.maps.test_exportmap import A3_LANDSCAPE, A4_PORTRAIT, colour_share, pdfinfo_size, pdftext

X0, Y1 = 500000.0, 3850000.0


@pytest.fixture
def project(tmp_path, qgis_app):
    db = str(tmp_path / "city.gpkg")
    gpkg.create_database(db)
    ds = ogr.Open(db, 1)
    lyr = ds.GetLayerByName("admin_units")
    for code, level, name, wkt in (
        ("419900", "city", "黄泽市", f"POLYGON(({X0} {Y1 - 6000},{X0 + 8000} {Y1 - 6000},{X0 + 8000} {Y1},{X0} {Y1},{X0} {Y1 - 6000}))"),
        ("419901", "county", "东县", f"POLYGON(({X0} {Y1 - 6000},{X0 + 4000} {Y1 - 6000},{X0 + 4000} {Y1},{X0} {Y1},{X0} {Y1 - 6000}))"),
    ):  # fmt: skip
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in dict(uuid=str(uuid.uuid4()), code=code, county_code=code, level=level, name_zh=name).items():
            f.SetField(k, v)
        f.SetGeometry(ogr.ForceToMultiPolygon(ogr.CreateGeometryFromWkt(wkt)))
        assert lyr.CreateFeature(f) == 0
    ds = None
    g = rb.Grid(X0, Y1, 100.0, 100.0, 80, 60, rb.crs_wkt("EPSG:4547"))
    paths = {}
    x = np.linspace(0, 1, 80)[None, :] * np.ones((60, 1))
    for name, arr in (("drastic_index", 80 + 120 * x), ("pollution_status", 1 + np.floor(x * 5.999))):
        ds = rb.create_raster(str(tmp_path / f"{name}.tif"), g, gdal.GDT_Float32, -9999.0)
        ds.GetRasterBand(1).WriteArray(arr.astype(np.float32))
        ds = None
        paths[name] = str(tmp_path / f"{name}.tif")
    p = QgsProject()
    p.setCrs(QgsVectorLayer(f"{db}|layername=admin_units", "x", "ogr").crs())
    p.addMapLayer(QgsVectorLayer(f"{db}|layername=admin_units", "admin_units", "ogr"))
    overlay = QgsRasterLayer(paths["drastic_index"], "脆弱性", "gdal")
    overlay.setCustomProperty(RP.PROP_OVERLAY, "vulnerability")  # as the zoning panel marks its overlays
    p.addMapLayer(overlay)
    yield p, paths
    p.clear()


def test_vulnerability_map_from_the_project_overlay(project, tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider

    if QgsApplication.processingRegistry().providerById("gwplugin") is None:
        register_provider()
    p, paths = project
    assert RP.find_raster(p, "vulnerability") == paths["drastic_index"]
    from gw_plugin.core.maps.products import MAPS, export_product

    assert MAPS[:4] == ["overview", "zoning", "recharge_zones", "well_quality"]  # enum indices kept
    out = export_product(p, "vulnerability", str(tmp_path / "v.pdf"), str(tmp_path / "v.png"), dpi=60)
    assert out["raster"] == paths["drastic_index"]
    assert pdfinfo_size(out["pdf"]) == pytest.approx(A3_LANDSCAPE, abs=1)
    text = pdftext(out["pdf"]).replace(" ", "")
    assert "黄泽市地下水脆弱性分区图" in text and "极高（≥160）" in text and "DRASTIC" in text
    assert "Band" not in text  # no English band name in a Chinese legend
    assert colour_share(out["png"], "#d7191c") > 0.01 and colour_share(out["png"], "#1a9641") > 0.01
    # through the algorithm: pollution status, English, A4 portrait, the water-quality option labelled as such
    res = processing.run(
        "gwplugin:exportmap",
        {"MAP": MAPS.index("pollution_status"), "PAPER": 1, "ORIENTATION": 1, "LANG": 1,
         "RASTER": paths["pollution_status"], "POLLUTION_KIND": 1, "DPI": 60,
         "OUTPUT_PDF": str(tmp_path / "p.pdf")},
        context=_context(p),
    )  # fmt: skip
    assert pdfinfo_size(res["OUTPUT_PDF"]) == pytest.approx(A4_PORTRAIT, abs=1)
    text = " ".join(pdftext(res["OUTPUT_PDF"]).split())
    assert "Groundwater Pollution Status Map" in text and "not a pollution assessment" in text
    assert "Class IV" in text
    out = export_product(p, "pollution_status", str(tmp_path / "g.pdf"), None, raster=paths["pollution_status"],
                         lang="en", dpi=60)  # fmt: skip
    text = " ".join(pdftext(out["pdf"]).split())
    assert "VI extremely polluted" in text and "I unpolluted" in text and "Band" not in text


def test_missing_raster_is_one_clear_sentence(project, tmp_path):
    from gw_plugin.core.maps import layout as ME
    from gw_plugin.core.maps.products import export_product

    p, _paths = project
    with pytest.raises(ME.MapExportError, match="No raster for this map"):
        export_product(p, "source_load", str(tmp_path / "s.pdf"), None)


def _context(project):
    from qgis.core import QgsProcessingContext

    ctx = QgsProcessingContext()
    ctx.setProject(project)
    return ctx
