"""toolbelt.geometry on real shapely (1.8 here; the same file runs under shapely 2.x with --noconftest): every
result is a valid MultiPolygon, repairs keep the area, and WKB goes through OGR and QGIS unchanged."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gw_plugin.toolbelt import geometry as G


def square(x0, y0, s):
    return np.array([(x0, y0), (x0 + s, y0), (x0 + s, y0 + s), (x0, y0 + s)], float)


def test_bow_tie_is_repaired_into_two_triangles():
    bow = G.polygon([(0, 0), (2, 2), (2, 0), (0, 2)])  # closed by polygon()
    assert not bow.is_valid
    out = G.clean(bow)
    assert out.geom_type == "MultiPolygon" and out.is_valid
    assert len(out.geoms) == 2 and out.area == pytest.approx(2.0)


def test_a_spike_and_a_collection_leave_only_polygons():
    spike = G.polygon([(0, 0), (10, 0), (10, 10), (5, 10), (5, 20), (5, 10), (0, 10)])  # zero-width spike
    out = G.clean(spike)
    assert out.geom_type == "MultiPolygon" and out.is_valid and out.area == pytest.approx(100.0)
    from shapely.geometry import GeometryCollection, LineString, Point

    coll = GeometryCollection([G.polygon(square(0, 0, 1)), LineString([(5, 5), (6, 6)]), Point(9, 9)])
    flat = G.polygonal(coll)
    assert flat.geom_type == "MultiPolygon" and len(flat.geoms) == 1 and flat.area == pytest.approx(1.0)
    assert G.clean(None).is_empty and G.clean(None).geom_type == "MultiPolygon"
    assert G.polygonal(LineString([(0, 0), (1, 1)])).geom_type == "MultiPolygon"


def test_union_difference_intersection_buffer():
    a, b = square(0, 0, 10), square(5, 0, 10)
    u = G.union([G.polygon(a), G.polygon(b), None])
    assert u.geom_type == "MultiPolygon" and len(u.geoms) == 1 and u.area == pytest.approx(150.0)
    assert G.multipolygon([a, b]).area == pytest.approx(150.0)
    d = G.difference(G.polygon(a), G.polygon(b))
    assert d.area == pytest.approx(50.0) and d.geom_type == "MultiPolygon"
    i = G.intersection(G.polygon(a), G.polygon(b))
    assert i.area == pytest.approx(50.0) and i.geom_type == "MultiPolygon"
    # touching squares: the intersection is a line, i.e. an empty MultiPolygon, never a collection
    t = G.intersection(G.polygon(square(0, 0, 1)), G.polygon(square(1, 0, 1)))
    assert t.is_empty and t.geom_type == "MultiPolygon"
    circle = G.buffer(_point(0, 0), 100.0, 64)
    assert circle.area == pytest.approx(math.pi * 1e4, rel=2e-3) and circle.geom_type == "MultiPolygon"
    assert G.union([]).is_empty


def _point(x, y):
    from shapely.geometry import Point

    return Point(x, y)


def test_rings_and_holes():
    donut = G.polygon(square(0, 0, 10), [square(2, 2, 2)])
    rs = G.rings(G.clean(donut))
    assert len(rs) == 2 and all(np.array_equal(r[0], r[-1]) for r in rs)
    assert G.clean(donut).area == pytest.approx(96.0)


def test_wkb_round_trip_through_ogr():
    ogr = pytest.importorskip("osgeo.ogr")
    mp = G.multipolygon([square(0, 0, 1), square(3, 0, 1)])
    blob = G.multipolygon_wkb(mp)
    assert blob[:1] == b"\x01"  # little endian
    g = ogr.CreateGeometryFromWkb(blob)
    assert g.GetGeometryName() == "MULTIPOLYGON" and g.GetArea() == pytest.approx(2.0)
    back = G.from_ogr(g)
    assert back.equals(mp)
    assert G.to_ogr(mp).GetArea() == pytest.approx(2.0)


def test_qgis_round_trip(qgis_app):
    from qgis.core import QgsGeometry

    mp = G.clean(G.polygon([(0, 0), (2, 2), (2, 0), (0, 2)]))
    q = G.to_qgs(mp)
    assert q.isGeosValid() and q.area() == pytest.approx(2.0)
    curved = QgsGeometry.fromWkt("CURVEPOLYGON(CIRCULARSTRING(0 0, 10 0, 0 0))")  # a circle of radius 5
    s = G.from_qgs(curved)
    assert s.area == pytest.approx(math.pi * 25, rel=0.01)
    assert G.from_qgs(QgsGeometry()) is None


def test_missing_shapely_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(G, "HAS_SHAPELY", False)
    with pytest.raises(G.GeometryUnavailableError, match="shapely"):
        G.polygon(square(0, 0, 1))
