"""core/zones/checks.py and core/zones/snapping.py on a real project GeoPackage (create_database) loaded into a project:
invalid polygons found with their location, class I outside class II measured, overlaps between different water
sources reported unless accepted (in the zone's parameters JSON, by water source, or in the project variable),
the CSV report read back, and snapping configured on the boundary layers found by property and by name."""

from __future__ import annotations

import csv
import json
import math

import pytest
from osgeo import ogr, osr
from qgis.core import QgsGeometry, QgsProject, QgsSnappingConfig, QgsVectorLayer

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.zones import checks as C
from gw_plugin.core.zones import snapping
from gw_plugin.core.zones import writer as W
from gw_plugin.toolbelt import geometry as G

X0, Y0 = 500000.0, 3850000.0
WS_A, WS_B = "aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002"


@pytest.fixture
def project(tmp_path, qgis_app):
    db = str(tmp_path / "zones.gpkg")
    gpkg.create_database(db, crs="EPSG:4547")
    prj = QgsProject.instance()
    prj.clear()
    qgis_project.load_into_project(db, prj, "zh")
    yield db, prj
    for layer in prj.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    prj.clear()


def layers(prj) -> dict:
    return qgis_project.project_layers(prj)


def add(prj, zones):
    return W.write_zones(zones, layers(prj), author="checker", county_code="419901")


def circle_zone(ws, zone_class, x, y, r, table="protection_zones") -> W.ZoneFeature:
    g = G.to_qgs(G.polygon(W.Z.circle(x, y, r)))
    g.convertToMultiType()
    if table == "protection_zones":
        return W.ZoneFeature(table, g, "manual", {"radius": r}, zone_class=zone_class, water_source_uuid=ws)
    return W.ZoneFeature(table, g, "manual", {"radius": r}, kind="capture", water_source_uuid=ws)


def test_clean_zones_pass(project):
    db, prj = project
    add(prj, [circle_zone(WS_A, "class_1", X0, Y0, 100), circle_zone(WS_A, "class_2", X0, Y0, 1000)])
    add(prj, [circle_zone(WS_B, "class_1", X0 + 5000, Y0, 100), circle_zone(WS_B, "class_2", X0 + 5000, Y0, 1000)])
    report = C.check_layers([layers(prj)["protection_zones"], layers(prj)["recharge_zones"]], prj)
    assert report.ok and report.n_zones == 4


def test_invalid_polygon_is_reported_with_its_location(project):
    db, prj = project
    bow = QgsGeometry.fromWkt(
        f"MULTIPOLYGON((({X0} {Y0},{X0 + 100} {Y0 + 100},{X0 + 100} {Y0},{X0} {Y0 + 100},{X0} {Y0})))"
    )
    assert not bow.isGeosValid()
    pz = layers(prj)["protection_zones"]
    add(prj, [W.ZoneFeature("protection_zones", bow, "manual", {}, zone_class="class_2", water_source_uuid=WS_A)])
    report = C.check_layers([pz], prj)
    issues = report.by_check("validity")
    assert len(issues) == 1
    x, y = issues[0].location
    assert x == pytest.approx(X0 + 50, abs=1) and y == pytest.approx(Y0 + 50, abs=1)  # the self-intersection


def test_class_one_outside_class_two(project):
    db, prj = project
    # class I of radius 300 centred 900 m from class II's centre (radius 1000): the lens outside is measured
    add(prj, [circle_zone(WS_A, "class_1", X0 + 900, Y0, 300), circle_zone(WS_A, "class_2", X0, Y0, 1000)])
    report = C.check_layers([layers(prj)["protection_zones"]], prj)
    [issue] = report.by_check("containment")
    r1, r2, d = 300.0, 1000.0, 900.0

    def lens(r, R_, d):  # area of the intersection of two circles
        a = r * r * math.acos((d * d + r * r - R_ * R_) / (2 * d * r))
        b = R_ * R_ * math.acos((d * d + R_ * R_ - r * r) / (2 * d * R_))
        c = 0.5 * math.sqrt((-d + r + R_) * (d + r - R_) * (d - r + R_) * (d + r + R_))
        return a + b - c

    outside = math.pi * r1 * r1 - lens(r1, r2, d)
    assert issue.area_m2 == pytest.approx(outside, rel=0.01)
    # a class I zone without any class II zone
    add(prj, [circle_zone(WS_B, "class_1", X0 + 9000, Y0, 100)])
    msgs = [i.message for i in C.check_layers([layers(prj)["protection_zones"]], prj).by_check("containment")]
    assert any(WS_B in m and "no class II" in m for m in msgs)


def test_overlaps_between_sources_and_their_acceptance(project, tmp_path):
    db, prj = project
    pz, rz = layers(prj)["protection_zones"], layers(prj)["recharge_zones"]
    add(prj, [circle_zone(WS_A, "class_2", X0, Y0, 1000), circle_zone(WS_A, "class_1", X0, Y0, 100)])
    add(prj, [circle_zone(WS_B, "class_2", X0 + 1500, Y0, 1000), circle_zone(WS_B, "class_1", X0 + 1500, Y0, 100)])
    add(prj, [circle_zone(WS_A, None, X0 - 200, Y0, 400, table="recharge_zones")])  # same source: fine
    report = C.check_layers([pz, rz], prj)
    [ov] = report.by_check("overlap")
    r, d = 1000.0, 1500.0
    lens = 2 * r * r * math.acos(d / (2 * r)) - 0.5 * d * math.sqrt(4 * r * r - d * d)  # equal circles
    assert ov.area_m2 == pytest.approx(lens, rel=0.01)
    path = report.write_csv(str(tmp_path / "report.csv"))
    with open(path, encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["check"] == "overlap" and float(rows[0]["area_m2"]) == pytest.approx(lens, rel=0.01)
    # a message that looks like a formula stays text for Excel (issue 13 item 6)
    report.issues.append(C.Issue("validity", "protection_zones", ("x",), "=cmd|' /C calc'!A0"))
    with open(report.write_csv(str(tmp_path / "report2.csv")), encoding="utf-8-sig") as fh:
        assert list(csv.DictReader(fh))[-1]["message"] == "'=cmd|' /C calc'!A0"

    # accepted in the zone's parameters JSON (overlap_accepted lists the other zone)
    fid_a = next(f.id() for f in pz.getFeatures() if f["water_source_uuid"] == WS_A and f["zone_class"] == "class_2")
    assert C.accept_overlap_in_layer(
        pz, fid_a, ov.uuids[1] if ov.uuids[0] == pz.getFeature(fid_a)["uuid"] else ov.uuids[0]
    )
    assert json.loads(pz.getFeature(fid_a)["parameters"])["overlap_accepted"]
    report = C.check_layers([pz, rz], prj)
    assert report.ok and len(report.accepted_overlaps) == 1
    pz.rollBack()

    # accepted by the pair of water sources in the project variable
    add(prj, [circle_zone(WS_A, "class_2", X0, Y0, 1000), circle_zone(WS_B, "class_2", X0 + 1500, Y0, 1000)])
    assert C.check_layers([pz], prj).by_check("overlap")
    C.accept_overlap_in_project(prj, WS_B, WS_A)
    assert frozenset((WS_A, WS_B)) in C.accepted_pairs_from_project(prj)
    assert not C.check_layers([pz], prj).by_check("overlap")


def _line_gpkg(path, name, coords):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4547)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer(name, srs, ogr.wkbLineString)
    f = ogr.Feature(lyr.GetLayerDefn())
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in coords:
        g.AddPoint_2D(x, y)
    f.SetGeometry(g)
    lyr.CreateFeature(f)
    ds = None
    return str(path)


def test_snapping_to_boundary_layers(project, tmp_path):
    db, prj = project
    river = qgis_project.open_context_layer(_line_gpkg(tmp_path / "river.gpkg", "river", [(X0, Y0), (X0 + 9000, Y0)]))
    aq = QgsVectorLayer(_line_gpkg(tmp_path / "a.gpkg", "a", [(X0, Y0), (X0, Y0 + 9000)]), "含水层边界线", "ogr")
    ws = QgsVectorLayer(_line_gpkg(tmp_path / "w.gpkg", "w", [(X0, Y0), (X0 + 1, Y0 + 9000)]), "my lines", "ogr")
    ws.setCustomProperty(snapping.PROP_SNAP, True)
    other = QgsVectorLayer(_line_gpkg(tmp_path / "o.gpkg", "o", [(X0, Y0), (X0 + 2, Y0 + 9000)]), "roads", "ogr")
    for layer in (river, aq, ws, other):
        assert layer.isValid()
        prj.addMapLayer(layer)
    assert snapping.boundary_kind(river) == "river"
    assert snapping.boundary_kind(aq) == "aquifer"
    assert snapping.boundary_kind(ws) == "boundary"
    assert snapping.boundary_kind(other) == ""
    assert set(snapping.boundary_layers(prj)) == {river, aq, ws}
    config = snapping.configure_snapping(prj, tolerance=15)
    assert config.enabled() and config.mode() == QgsSnappingConfig.SnappingMode.AdvancedConfiguration
    settings = config.individualLayerSettings()
    for layer in (river, aq, ws, layers(prj)["protection_zones"], layers(prj)["recharge_zones"]):
        assert settings[layer].enabled() and settings[layer].tolerance() == 15
    assert not settings[other].enabled()  # other layers do not snap (exclusive)
    assert (river.name(), True, 15.0) in snapping.snapping_summary(prj)
