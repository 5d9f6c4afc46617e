"""Source-load inputs as zoning authors have them (core/zoning/source_load.py): a polygon source (park, mine,
farmland) keeps its footprint instead of shrinking to its centroid, and a boundary layer (aquifer or watershed units)
keeps each source's load inside its unit instead of an arbitrary radius across the divide."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.zoning import rasterblocks as rb
from gw_plugin.core.zoning import source_load as SL

CRS = rb.crs_wkt("EPSG:4547")
X0, Y1 = 500000.0, 3800000.0


def rect(x0, y0, x1, y1):
    return ogr.CreateGeometryFromWkt(f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))")


def read(path):
    ds = gdal.Open(str(path))
    return ds.GetRasterBand(1).ReadAsArray()


def test_polygon_source_keeps_its_footprint(tmp_path):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 40, 40, CRS)
    park = rect(X0 + 1000, Y1 - 2000, X0 + 2000, Y1 - 1000)  # cells rows 10-19, columns 10-19
    shapes = [
        (park.ExportToWkb(), ["planting_area"]),
        (ogr.CreateGeometryFromWkt(f"POINT({X0 + 350} {Y1 - 350})").ExportToWkb(), ["x"]),
    ]
    xs, ys, idx = SL.points_from_shapes(shapes, polygons_as_centroids=False)
    assert idx.tolist() == [1]  # the polygon is not a centroid any more
    polys = [(w, 4.0) for w, i in SL.polygon_shapes(shapes)]
    assert len(polys) == 1
    out = tmp_path / "load.tif"
    res = SL.run_sourceload(xs, ys, [2.0], g, str(out), decay="linear", radius_m=300.0, polygons=polys)
    a = read(out)
    assert np.allclose(a[10:20, 10:20], 4.0)  # the whole footprint carries the full hazard
    assert a[15, 20] == pytest.approx(4.0 * (1 - 100 / 300), abs=1e-5)  # 100 m from the edge
    assert a[15, 22] == pytest.approx(4.0 * (1 - 300 / 300), abs=1e-5)
    assert a[15, 25] == 0.0
    assert a[3, 3] == pytest.approx(2.0)  # the point source as before
    assert res.max_load == pytest.approx(4.0) and any("footprint" in m for m in res.messages)
    # as a centroid it would have left the corners of the park unloaded
    cx, cy, _ = SL.points_from_shapes(shapes[:1])
    SL.run_sourceload(cx, cy, [4.0], g, str(tmp_path / "c.tif"), decay="linear", radius_m=300.0)
    assert read(tmp_path / "c.tif")[10, 10] == 0.0


def test_boundary_layer_keeps_the_load_in_its_unit(tmp_path):
    g = rb.Grid(X0, Y1, 100.0, 100.0, 40, 20, CRS)
    west, east = rect(X0, Y1 - 2000, X0 + 2000, Y1), rect(X0 + 2000, Y1 - 2000, X0 + 4000, Y1)
    xs, ys = [X0 + 1850.0], [Y1 - 1050.0]  # cell (10, 18), 150 m west of the divide
    SL.run_sourceload(xs, ys, [5.0], g, str(tmp_path / "free.tif"), decay="linear", radius_m=500.0)
    res = SL.run_sourceload(
        xs, ys, [5.0], g, str(tmp_path / "bounded.tif"), decay="linear", radius_m=500.0,
        boundary=[west.ExportToWkb(), east.ExportToWkb()],
    )  # fmt: skip
    free, bounded = read(tmp_path / "free.tif"), read(tmp_path / "bounded.tif")
    assert free[10, 20] == pytest.approx(5.0 * (1 - 200 / 500), abs=1e-5)  # across the divide without a boundary
    assert bounded[10, 20] == 0.0 and bounded[10, 19] == pytest.approx(5.0 * (1 - 100 / 500), abs=1e-5)
    assert np.all(bounded[:, 20:] == 0.0)
    assert np.allclose(bounded[:, :20], free[:, :20], atol=1e-5)
    assert any("unit" in m for m in res.messages)
    # a footprint on the divide loads only the unit holding most of it
    farm = rect(X0 + 1500, Y1 - 1200, X0 + 2100, Y1 - 800)
    SL.run_sourceload([], [], [], g, str(tmp_path / "farm.tif"), decay="linear", radius_m=300.0,
                      polygons=[(farm.ExportToWkb(), 3.0)], boundary=[west.ExportToWkb(), east.ExportToWkb()])  # fmt: skip
    f = read(tmp_path / "farm.tif")
    assert f[10, 16] == pytest.approx(3.0) and np.all(f[:, 20:] == 0.0)
