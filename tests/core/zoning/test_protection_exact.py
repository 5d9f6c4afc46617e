"""Protection zones in the zoning (core/zoning/protection.py through overlay.run_zoning, and the site check):
class I circles of 50, 150 and 300 m radius on a 30 m grid with the default minimum mapping unit (0.5 km²) and
majority filter come out whole, with their exact boundary, in both the 2019 and the 2023 scheme; a class II zone
around a class I zone keeps both legal boundaries; the site check reads protection_zones of a real GeoPackage."""

from __future__ import annotations

import itertools
import uuid

import numpy as np
import pytest
from osgeo import gdal, ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.zoning import config as ZCFG
from gw_plugin.core.zoning import overlay as ZN
from gw_plugin.core.zoning import rasterblocks as rb
from gw_plugin.core.zoning import site_check as SC
from gw_plugin.toolbelt.ogr import polygon_parts
from tests.core.zoning.test_compare import VERSION_B, write_zones

CRS = rb.crs_wkt("EPSG:4547")
X0, Y1 = 500000.0, 3800000.0
CELL = 30.0
N = 200  # 6 km x 6 km


def write(path, value, g):
    ds = rb.create_raster(str(path), g, gdal.GDT_Float32, -9999.0)
    ds.GetRasterBand(1).WriteArray(np.full((g.rows, g.cols), value, dtype=np.float32))
    ds = None
    return str(path)


def circle(cx, cy, r):
    """A circle as a 256-vertex polygon (a protection zone as a delineation tool writes it)."""
    pt = ogr.CreateGeometryFromWkt(f"POINT({cx} {cy})")
    return pt.Buffer(r, 64)


@pytest.fixture
def inputs(tmp_path):
    g = rb.Grid(X0, Y1, CELL, CELL, N, N, CRS)
    # medium vulnerability, high load, low function value: control-type (2023) / prevention (2019) everywhere
    paths = [
        write(tmp_path / "v.tif", 140.0, g),
        write(tmp_path / "l.tif", 8.0, g),
        write(tmp_path / "f.tif", 2.0, g),
    ]
    city = ogr.CreateGeometryFromWkt(
        f"POLYGON(({X0} {Y1 - 6000},{X0 + 6000} {Y1 - 6000},{X0 + 6000} {Y1},{X0} {Y1},{X0} {Y1 - 6000}))"
    )
    return g, paths, city


# centres off the cell grid on purpose
CIRCLES = [(X0 + 1013.7, Y1 - 1021.3, 50.0), (X0 + 3007.1, Y1 - 2994.9, 150.0), (X0 + 4511.0, Y1 - 4488.8, 300.0)]


@pytest.mark.parametrize("scheme", ["2019", "2023"])
def test_class_one_circles_are_kept_whole(tmp_path, inputs, scheme):
    g, paths, city = inputs
    circles = [circle(*c) for c in CIRCLES]
    res = ZN.run_zoning(
        *paths,
        scheme=scheme,
        city=[city.ExportToWkb()],
        protection=[c.ExportToWkb() for c in circles],
        version="v",
        city_code="410100",
        class_path=str(tmp_path / "z.tif"),
    )  # default minimum mapping unit 0.5 km² and 3 x 3 majority filter
    cfg = ZCFG.load_config()
    assert cfg["zoning"]["minimum_mapping_unit_km2"] == 0.5 and res.mmu_cells > 500
    prot_class = "protection" if scheme == "2019" else "protection_type"
    prot = [f for f in res.features if f.zone_class == prot_class]
    assert len(prot) == 3
    for c in circles:
        holder = [f for f in prot if ogr.CreateGeometryFromWkb(f.wkb).Intersects(c.Centroid())]
        assert len(holder) == 1
        got = ogr.CreateGeometryFromWkb(holder[0].wkb)
        assert got.IsValid() and ogr.GT_Flatten(got.GetGeometryType()) == ogr.wkbMultiPolygon
        assert got.SymDifference(c).GetArea() < 1e-6 * c.GetArea()  # the legal boundary, not cell edges
        assert holder[0].area_km2 == pytest.approx(c.GetArea() / 1e6, rel=1e-9)
        assert holder[0].scores["vulnerability"] == pytest.approx(140.0)
        # the zone around it is cut along the same boundary
        other = [f for f in res.features if f.zone_class != prot_class]
        for f in other:
            inter = polygon_parts(ogr.CreateGeometryFromWkb(f.wkb).Intersection(c))
            assert inter is None or inter.GetArea() < 1e-6
    # a clean partition of the city; protection share = the circles' area share
    geoms = [ogr.CreateGeometryFromWkb(f.wkb) for f in res.features]
    assert all(g.IsValid() and g.GetGeometryType() == ogr.wkbMultiPolygon for g in geoms)  # every output
    for a, b in itertools.combinations(geoms, 2):
        inter = polygon_parts(a.Intersection(b))
        assert inter is None or inter.GetArea() < 1e-6
    assert sum(f.area_km2 for f in res.features) == pytest.approx(36.0, rel=1e-9)
    share = sum(f.area_km2 for f in prot) / 36.0
    assert share == pytest.approx(sum(c.GetArea() for c in circles) / 36e6, rel=1e-9) and share > 0
    assert all(f.county_code == "410100" for f in res.features)
    assert any("kept exactly" in line for line in res.messages)
    ds = gdal.Open(str(tmp_path / "z.tif"))
    z = ds.GetRasterBand(1).ReadAsArray()
    row, col = g.cell_of([CIRCLES[2][0]], [CIRCLES[2][1]])
    assert z[row[0], col[0]] == ZCFG.ZONE_CODES[prot_class]  # the raster shows them too


def test_class_two_ring_around_class_one(inputs):
    g, paths, city = inputs
    x, y = X0 + 3011.0, Y1 - 2987.0
    one, two = circle(x, y, 50.0), circle(x, y, 300.0)
    res = ZN.run_zoning(
        *paths, scheme="2023", city=[city.ExportToWkb()], protection=[one.ExportToWkb(), two.ExportToWkb()],
        city_code="410100",
    )  # fmt: skip
    prot = [ogr.CreateGeometryFromWkb(f.wkb) for f in res.features if f.zone_class == "protection_type"]
    assert len(prot) == 2
    inner = [p for p in prot if p.SymDifference(one).GetArea() < 1e-6 * one.GetArea()]
    ring = [p for p in prot if p.SymDifference(two.Difference(one)).GetArea() < 1e-6 * two.GetArea()]
    assert len(inner) == 1 and len(ring) == 1  # both legal boundaries, no overlap


def _add_protection(path, geom, zone_class, doc=""):
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName("protection_zones")
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetGeometry(ogr.ForceToMultiPolygon(geom))
    for k, v in dict(uuid=str(uuid.uuid4()), county_code="410101", zone_class=zone_class, approval_doc=doc).items():
        f.SetField(k, v)
    f.SetField("approved", 1)
    assert lyr.CreateFeature(f) == 0
    ds = None


def test_site_check_consults_protection_zones(tmp_path):
    from tests.core.zoning.test_compare import X0 as CX
    from tests.core.zoning.test_compare import Y0 as CY

    db = str(tmp_path / "p.gpkg")
    gpkg.create_database(db)
    write_zones(db, VERSION_B)  # the zoning says "general" at (2500, 500)
    _add_protection(db, circle(CX + 2500, CY + 500, 50.0), "class_1", "豫政文〔2020〕1号")
    _add_protection(db, circle(CX + 2500, CY + 500, 300.0).Difference(circle(CX + 2500, CY + 500, 50.0)), "class_2")
    res = SC.check_site(db, (CX + 2500, CY + 500))
    assert res.classes() == ["general"]
    assert [p.zone_class for p in res.protection] == ["class_1"]
    assert res.protection[0].label == "一级保护区" and "第六十五条" in res.protection[0].requirements
    text = res.report("zh")
    assert "一级保护区" in text and "豫政文〔2020〕1号" in text and "优先" in text
    # a project polygon over both: class I first, shares by area
    site = circle(CX + 2500, CY + 500, 100.0)
    res = SC.check_site(db, site.ExportToWkt(), lang="en")
    assert [p.zone_class for p in res.protection] == ["class_1", "class_2"]
    assert res.protection[0].share_pct == pytest.approx(25.0, rel=1e-3)
    assert res.protection[1].share_pct == pytest.approx(75.0, rel=1e-3)
    assert "art. 66" in res.report("en")
    # far away: no protection zone
    assert SC.check_site(db, (CX + 3200, CY + 500)).protection == []


def test_processing_sitecheck_names_the_protection_zone(tmp_path, qgis_processing):
    import processing
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider
    from tests.core.zoning.test_compare import X0 as CX
    from tests.core.zoning.test_compare import Y0 as CY

    if QgsApplication.processingRegistry().providerById("gwplugin") is None:
        register_provider()
    db = str(tmp_path / "p.gpkg")
    gpkg.create_database(db)
    write_zones(db, VERSION_B)
    _add_protection(db, circle(CX + 2500, CY + 500, 50.0), "class_1")
    res = processing.run(
        "gwplugin:sitecheck",
        {"DATABASE": db, "POINT": f"{CX + 2500},{CY + 500} [EPSG:4547]", "OUTPUT": "memory:"},
    )
    assert res["IN_PROTECTION_ZONES"] == 1 and "一级保护区" in res["REPORT"]
    rows = list(res["OUTPUT"].getFeatures())
    assert [r["zone_class"] for r in rows] == ["general"] and rows[0]["protection_zones"] == "class_1"
