"""Zoning inputs in a geographic CRS (EPSG:4490, CGCS2000 degrees): every grid helper refuses a target grid in
degrees with a clear message (no decay kernel of petabytes, no areas in square degrees), or reprojects it to a
given projected CRS; the zoning on the reprojected grid gives areas in km²."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.zoning import function_value as FV
from gw_plugin.core.zoning import overlay as ZN
from gw_plugin.core.zoning import rasterblocks as rb
from gw_plugin.core.zoning import source_load as SL
from gw_plugin.toolbelt.ogr import transformation

GEO = rb.crs_wkt("EPSG:4490")
PROJ = "EPSG:4547"  # CGCS2000 3-degree Gauss-Kruger, central meridian 114 E


def write(path, value, g):
    ds = rb.create_raster(str(path), g, gdal.GDT_Float32, -9999.0)
    ds.GetRasterBand(1).WriteArray(np.full((g.rows, g.cols), value, dtype=np.float32))
    ds = None
    return str(path)


@pytest.fixture
def geo_rasters(tmp_path):
    g = rb.Grid(113.40, 34.80, 0.001, 0.001, 100, 100, GEO)  # 0.1 x 0.1 degrees near Zhengzhou
    return g, [write(tmp_path / f"{n}.tif", v, g) for n, v in (("v", 140.0), ("l", 8.0), ("f", 2.0))]


def test_grid_in_degrees_is_refused_clearly(geo_rasters):
    g, paths = geo_rasters
    with pytest.raises(rb.RasterError, match="geographic CRS"):
        rb.Grid.from_raster(paths[0])
    with pytest.raises(rb.RasterError, match="geographic CRS"):
        rb.Grid.from_extent(113.4, 34.7, 113.5, 34.8, 0.001, "EPSG:4490")
    with pytest.raises(rb.RasterError, match="geographic CRS"):  # before any kernel is allocated
        SL.decay_kernel(g, "exponential", 2000.0, 500.0)
    with pytest.raises(rb.RasterError, match="geographic CRS"):
        SL.run_sourceload([113.45], [34.75], [5.0], g, "/nonexistent/never.tif")
    with pytest.raises(rb.RasterError, match="geographic CRS"):
        FV.run_functionvalue(g, "/nonexistent/never.tif")
    with pytest.raises(rb.RasterError, match="geographic CRS"):
        ZN.run_zoning(*paths, city=[b"\x00"])


def test_grid_in_degrees_is_reprojected_to_a_projected_crs(geo_rasters, tmp_path):
    _g, paths = geo_rasters
    grid = rb.Grid.from_raster(paths[0], PROJ)
    assert not rb.is_geographic(grid.crs_wkt) and rb.same_crs(grid.crs_wkt, rb.crs_wkt(PROJ))
    # 0.001 degree is about 111 m north-south and 91 m east-west at 34.75 N
    assert 85.0 < grid.cell_x < 115.0 and grid.cell_x == grid.cell_y
    assert 9.0e3 < grid.xmax - grid.xmin < 9.6e3 and 10.9e3 < grid.ymax - grid.ymin < 11.4e3
    # a city given in degrees, moved to the grid's CRS: the zones' areas are km2 and add up to the city's
    city = ogr.CreateGeometryFromWkt("POLYGON((113.42 34.72,113.48 34.72,113.48 34.78,113.42 34.78,113.42 34.72))")
    city.Transform(transformation("EPSG:4490", PROJ))
    res = ZN.run_zoning(*paths, grid=grid, city=[city.ExportToWkb()], city_code="410100", mmu_km2=0)
    assert res.city_area_km2 == pytest.approx(city.GetArea() / 1e6)
    assert 30.0 < res.city_area_km2 < 40.0  # 0.06 x 0.06 degrees is about 5.5 km x 6.7 km
    assert sum(f.area_km2 for f in res.features) == pytest.approx(res.city_area_km2, rel=1e-9)
    assert any("reprojected" in line for line in res.messages)
    with pytest.raises(rb.RasterError, match="projected CRS"):
        rb.Grid.from_raster(paths[0], "EPSG:4326")


def test_processing_zoning_puts_a_raster_in_degrees_on_the_project_crs(geo_rasters, tmp_path, qgis_processing):
    import processing
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsFeature,
        QgsGeometry,
        QgsProcessingContext,
        QgsProcessingException,
        QgsProject,
        QgsVectorLayer,
    )

    from gw_plugin.processing.provider import register_provider

    if QgsApplication.processingRegistry().providerById("gwplugin") is None:
        register_provider()
    _g, paths = geo_rasters
    admin = QgsVectorLayer(
        "Polygon?crs=EPSG:4490&field=code:string&field=level:string&field=name_zh:string", "a", "memory"
    )
    f = QgsFeature(admin.fields())
    f.setGeometry(QgsGeometry.fromWkt("POLYGON((113.42 34.72,113.48 34.72,113.48 34.78,113.42 34.78,113.42 34.72))"))
    f.setAttributes(["410100", "city", "市"])
    admin.dataProvider().addFeatures([f])
    params = {"VULNERABILITY": paths[0], "SOURCE_LOAD": paths[1], "FUNCTION_VALUE": paths[2], "ADMIN_UNITS": admin,
              "MMU": 0, "OUTPUT": "memory:", "COUNTY_STATS": "memory:"}  # fmt: skip
    project = QgsProject()
    ctx = QgsProcessingContext()
    ctx.setProject(project)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
    with pytest.raises(QgsProcessingException, match="geographic CRS"):  # refused with one clear sentence
        processing.run("gwplugin:zoning", params, context=ctx)
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:4547"))
    res = processing.run("gwplugin:zoning", params, context=ctx)
    out = res["OUTPUT"]
    assert out.crs().authid() == "EPSG:4547"
    total = sum(f["area_km2"] for f in out.getFeatures())
    assert 30.0 < total < 40.0  # km², not square degrees
    assert total == pytest.approx(sum(f.geometry().area() for f in out.getFeatures()) / 1e6, rel=1e-9)
