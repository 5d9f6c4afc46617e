"""Site check (core/zoning/site_check.py, gwplugin:sitecheck) against zoning_units written with OGR into a real project
GeoPackage: a point, a project polygon across two zones, one partly outside, a site in another CRS, requirements
from the zone row and from zoning_defaults.json in both languages."""

from __future__ import annotations

import json

import pytest
from osgeo import ogr, osr

from gw_plugin.core.data import gpkg
from gw_plugin.core.zoning import config as ZCFG
from gw_plugin.core.zoning import site_check as SC
from tests.core.zoning.test_compare import VERSION_A, VERSION_B, X0, Y0, write_zones

CUSTOM = "本市规定：禁止新建化工项目。"


@pytest.fixture
def zoning_db(tmp_path):
    path = str(tmp_path / "project.gpkg")
    gpkg.create_database(path)
    write_zones(path, VERSION_A, requirements={"protection": CUSTOM})
    write_zones(path, VERSION_B)
    return path


def defaults():
    with open(ZCFG.default_config_path(), encoding="utf-8") as fh:
        return json.load(fh)["requirements"]


def square(cx, cy, half):
    x0, y0, x1, y1 = X0 + cx - half, Y0 + cy - half, X0 + cx + half, Y0 + cy + half
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def test_point_gets_its_zone_and_the_default_requirements(zoning_db):
    res = SC.check_site(zoning_db, (X0 + 2500, Y0 + 500))  # newest version: B (2023)
    assert (res.scheme, res.version, res.kind) == ("2023", "B", "point")
    assert res.classes() == ["general"]
    z = res.zones[0]
    assert z.share_pct == 100.0 and z.county_codes == ["410102"]
    assert z.label == "一般区" and z.requirements == defaults()["general"]["zh"]
    assert res.counties == ["410102"]  # no admin_units: the zone's county
    assert "一般区" in res.report("zh") and defaults()["general"]["zh"] in res.report("zh")
    en = SC.check_site(zoning_db, (X0 + 2500, Y0 + 500), lang="en")
    assert en.zones[0].label == "General area" and en.zones[0].requirements == defaults()["general"]["en"]


def test_polygon_across_two_zones_shares_by_hand(zoning_db):
    # version A: protection [0,1000] x [0,1000], prevention [1000,3000]; the site is [700,1300] x [200,800]
    res = SC.check_site(zoning_db, square(1000, 500, 300), scheme="2019", version="A")
    assert res.kind == "polygon" and res.site_area_km2 == pytest.approx(0.36)
    shares = {z.zone_class: (z.area_km2, z.share_pct) for z in res.zones}
    assert shares == {"protection": pytest.approx((0.18, 50.0)), "prevention": pytest.approx((0.18, 50.0))}
    assert res.outside_share_pct == pytest.approx(0.0, abs=1e-9)
    req = {z.zone_class: z.requirements for z in res.zones}
    assert req["protection"] == CUSTOM  # the zone row's own text wins over the defaults
    assert req["prevention"] == defaults()["prevention"]["zh"]


def test_polygon_partly_outside_and_largest_zone_first(zoning_db):
    # version B covers x in [0, 3500]; the site [3200, 3800] x [0, 600]: 300 m inside control_type, 300 m outside
    res = SC.check_site(zoning_db, square(3500, 300, 300))
    assert res.classes() == ["control_type"]
    assert res.zones[0].share_pct == pytest.approx(50.0)
    assert res.outside_share_pct == pytest.approx(50.0)
    assert "50.0%" in res.report("zh")
    # [1200,1800] x [200,800]: 300 m of protection_type (x<1500) and 300 m of general
    res = SC.check_site(zoning_db, square(1400, 500, 300))
    assert res.classes() == ["protection_type", "general"]  # 0.24 km² before 0.12 km²
    assert [round(z.share_pct, 6) for z in res.zones] == [pytest.approx(100 * 2 / 3), pytest.approx(100 / 3)]


def test_site_in_geographic_coordinates_is_transformed(zoning_db):
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4490)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    gk = osr.SpatialReference()
    gk.ImportFromEPSG(4547)
    gk.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    pt = ogr.CreateGeometryFromWkt(f"POINT({X0 + 500} {Y0 + 500})")
    pt.Transform(osr.CoordinateTransformation(gk, wgs))
    assert 113 < pt.GetX() < 115  # lon/lat now
    res = SC.check_site(zoning_db, (pt.GetX(), pt.GetY()), wgs.ExportToWkt(), version="A")
    assert res.scheme == "2019" and res.classes() == ["protection"]


def test_outside_and_errors(zoning_db, tmp_path):
    res = SC.check_site(zoning_db, (X0 - 5000, Y0 - 5000))
    assert res.zones == [] and "不在" in res.report("zh")
    with pytest.raises(SC.SiteCheckError):
        SC.check_site(zoning_db, "LINESTRING(500000 3840000, 501000 3840000)")
    with pytest.raises(SC.SiteCheckError):
        SC.check_site(zoning_db, (X0, Y0), version="nope")
    empty = str(tmp_path / "empty.gpkg")
    gpkg.create_database(empty)
    with pytest.raises(SC.SiteCheckError, match="empty"):
        SC.check_site(empty, (X0, Y0))


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider

    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


def test_processing_algorithm_with_point_and_polygons(provider, zoning_db):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    res = processing.run(
        "gwplugin:sitecheck",
        {"DATABASE": zoning_db, "POINT": f"{X0 + 500},{Y0 + 500} [EPSG:4547]", "LANG": 1, "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    assert res["VERSION"] == "B" and res["SITES"] == 1
    rows = list(res["OUTPUT"].getFeatures())
    assert [r["zone_class"] for r in rows] == ["protection_type"]
    assert "Protection-type area" in res["REPORT"]
    sites = QgsVectorLayer("Polygon?crs=EPSG:4547", "sites", "memory")
    feats = []
    for wkt in (square(1000, 500, 300), square(2500, 500, 100)):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromWkt(wkt))
        feats.append(f)
    sites.dataProvider().addFeatures(feats)
    res = processing.run(
        "gwplugin:sitecheck", {"DATABASE": zoning_db, "SITES": sites, "VERSION": "2019:A", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    rows = sorted((r["site_fid"], r["zone_class"], round(r["share_pct"], 6)) for r in res["OUTPUT"].getFeatures())
    assert rows == [(1, "prevention", 50.0), (1, "protection", 50.0), (2, "prevention", 100.0)]
    assert CUSTOM in res["REPORT"]


def test_counties_of_the_site_from_admin_units(zoning_db):
    ds = ogr.Open(zoning_db, 1)
    au = ds.GetLayerByName("admin_units")
    for code, (x0, x1) in (("410101", (0, 1800)), ("410102", (1800, 3500))):
        f = ogr.Feature(au.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(square((x0 + x1) / 2, 500, (x1 - x0) / 2)))
        for k, v in dict(uuid=f"00000000-0000-4000-8000-00000000000{code[-1]}", county_code=code, code=code,
                         name_zh=code, level="county").items():  # fmt: skip
            f.SetField(k, v)
        assert au.CreateFeature(f) == 0
    ds = None
    # [1500, 2100] x [200, 800]: 300 m in 410101 (x < 1800), 300 m in 410102; the general zone piece is 410101's
    res = SC.check_site(zoning_db, square(1800, 500, 300))
    assert sorted(res.counties) == ["410101", "410102"]
    res = SC.check_site(zoning_db, (X0 + 1900, Y0 + 500))
    assert res.counties == ["410102"] and res.zones[0].county_codes == ["410101"]
    assert "410102" in res.report("zh")
