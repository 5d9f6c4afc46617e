"""Comparison of two zoning versions (core/zoning/compare.py and gwplugin:comparezoning) on a real project
GeoPackage whose zoning_units were written with OGR: rectangles with areas known by hand, versions split by county,
a version from another file, the change layer read back and validated."""

from __future__ import annotations

import shutil
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.zoning import compare as ZC

X0, Y0 = 500000.0, 3840000.0  # EPSG:4547 (CGCS2000 3-degree GK, CM 114°E), inside the demo region


def rect(x0, y0, x1, y1):
    """Rectangle in metres relative to (X0, Y0)."""
    ring = f"{X0 + x0} {Y0 + y0}, {X0 + x1} {Y0 + y0}, {X0 + x1} {Y0 + y1}, {X0 + x0} {Y0 + y1}, {X0 + x0} {Y0 + y0}"
    return ogr.CreateGeometryFromWkt(f"MULTIPOLYGON((({ring})))")


#: Version A (2019 scheme): protection 1 km², prevention 2 km² split over two counties at x = 2000 m.
VERSION_A = [
    ("2019", "A", "protection", (0, 0, 1000, 1000), "410101", "2024-01-01T00:00:00Z"),
    ("2019", "A", "prevention", (1000, 0, 2000, 1000), "410101", "2024-01-01T00:00:00Z"),
    ("2019", "A", "prevention", (2000, 0, 3000, 1000), "410102", "2024-01-01T00:00:00Z"),
]
#: Version B (2023 scheme): protection-type 1.5 km², general 1.5 km², and 0.5 km² of control-type east of A.
VERSION_B = [
    ("2023", "B", "protection_type", (0, 0, 1500, 1000), "410101", "2025-01-01T00:00:00Z"),
    ("2023", "B", "general", (1500, 0, 2000, 1000), "410101", "2025-01-01T00:00:00Z"),
    ("2023", "B", "general", (2000, 0, 3000, 1000), "410102", "2025-01-01T00:00:00Z"),
    ("2023", "B", "control_type", (3000, 0, 3500, 1000), "410102", "2025-01-01T00:00:00Z"),
]


def write_zones(path, rows, requirements=None):
    """Append zoning_units rows (scheme, version, class, rect, county, created_at) with OGR."""
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName("zoning_units")
    for scheme, version, cls, r, county, created in rows:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(rect(*r))
        values = dict(
            uuid=str(uuid.uuid4()),
            county_code=county,
            created_at=created,
            updated_at=created,
            scheme=scheme,
            zone_class=cls,
            version=version,
            area_km2=(r[2] - r[0]) * (r[3] - r[1]) / 1e6,
        )
        if requirements and cls in requirements:
            values["requirements"] = requirements[cls]
        for key, value in values.items():
            f.SetField(key, value)
        assert lyr.CreateFeature(f) == 0
    ds = None


#: The explicit mapping of version A's 2019 classes into the 2023 scheme of version B.
MAP = {"protection": "protection_type", "prevention": "control_type"}


@pytest.fixture
def zoning_db(tmp_path):
    path = str(tmp_path / "project.gpkg")
    gpkg.create_database(path)
    write_zones(path, VERSION_A + VERSION_B)
    return path


def test_versions_are_listed_newest_first(zoning_db):
    versions = ZC.list_versions(zoning_db)
    assert [v.key for v in versions] == [("2023", "B"), ("2019", "A")]
    assert versions[0].zones == 4 and versions[0].area_km2 == pytest.approx(3.5)
    assert versions[1].zones == 3 and versions[1].area_km2 == pytest.approx(3.0)
    assert ZC.latest_version(zoning_db, "2019").key == ("2019", "A")
    assert ZC.resolve_version(zoning_db, "", 1) == ("2019", "A")
    assert ZC.resolve_version(zoning_db, "2023:B") == ("2023", "B")
    assert ZC.resolve_version(zoning_db, "B") == ("2023", "B")
    with pytest.raises(ZC.CompareError):
        ZC.resolve_version(zoning_db, "nope")


def test_class_areas_and_transitions_by_hand(zoning_db, tmp_path, validate):
    out = str(tmp_path / "changes.gpkg")
    with pytest.raises(ZC.CompareError, match="different zone classes"):
        ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "B"), out)  # 2019 vs 2023 without a mapping
    with pytest.raises(ZC.CompareError, match="prevention"):
        ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "B"), out, class_map={"protection": "protection_type"})
    with pytest.raises(ZC.CompareError, match="not a class of scheme 2023"):
        ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "B"), class_map={**MAP, "prevention": "treatment"})
    res = ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "B"), out, class_map=MAP)
    table = {r["zone_class"]: (r["area_a_km2"], r["area_b_km2"], r["change_km2"]) for r in res.table}
    # hand-computed from the rectangles above (km²)
    expected = {
        "protection": (1.0, 0.0, -1.0),
        "prevention": (2.0, 0.0, -2.0),
        "protection_type": (0.0, 1.5, 1.5),
        "control_type": (0.0, 0.5, 0.5),
        "general": (0.0, 1.5, 1.5),
    }
    assert set(table) == set(expected)
    for cls, values in expected.items():
        assert table[cls] == pytest.approx(values, abs=1e-9), cls
    trans = {(t["from_class"], t["to_class"]): (t["area_km2"], t["parts"]) for t in res.transitions}
    assert trans == {  # protection -> protection_type (1 km²) corresponds through the mapping: unchanged
        ("prevention", "protection_type"): pytest.approx((0.5, 1)),
        # the two county pieces of 'prevention' and of 'general' form ONE change polygon (no county seam)
        ("prevention", "general"): pytest.approx((1.5, 1)),
        ("", "control_type"): pytest.approx((0.5, 1)),
    }
    assert res.changed_km2 == pytest.approx(2.5) and res.unchanged_km2 == pytest.approx(1.0)
    assert res.class_map == MAP
    # where: the counties of each change, by hand (county seam at x = 2000 m)
    by_county = {(r["county_code"], r["from_class"], r["to_class"]): r["area_km2"] for r in res.by_county}
    assert by_county == pytest.approx(
        {
            ("410101", "prevention", "protection_type"): 0.5,
            ("410101", "prevention", "general"): 0.5,
            ("410102", "prevention", "general"): 1.0,
            ("410102", "", "control_type"): 0.5,
        }
    )
    seam = next(p for p in res.parts if (p.from_class, p.to_class) == ("prevention", "general"))
    assert seam.county_codes == ["410102", "410101"]  # 1.0 km² before 0.5 km²
    assert validate(out) == []
    ds = ogr.Open(out)
    lyr = ds.GetLayerByName("zoning_changes")
    rows = {(f["from_class"], f["to_class"]): (f["area_km2"], f.GetGeometryRef().GetArea() / 1e6) for f in lyr}
    assert set(rows) == set(trans)
    for key, (area, geom_area) in rows.items():
        assert area == pytest.approx(trans[key][0]) and geom_area == pytest.approx(area)
    lyr.SetAttributeFilter("from_class = 'prevention' AND to_class = 'general'")
    f = lyr.GetNextFeature()
    assert f["change_zh"] == "防控区 → 一般区" and f["change_en"] == "Prevention-control zone → General area"
    assert f["county_codes"] == "410102,410101"
    env = f.GetGeometryRef().GetEnvelope()
    assert env == pytest.approx((X0 + 1500, X0 + 3000, Y0, Y0 + 1000))


def test_same_scheme_unchanged_area_and_reverse(zoning_db):
    write_zones(
        zoning_db,
        [
            ("2023", "C", "protection_type", (0, 0, 1000, 1000), "410101", "2026-01-01T00:00:00Z"),
            ("2023", "C", "general", (1000, 0, 3500, 1000), "410101", "2026-01-01T00:00:00Z"),
        ],
    )
    res = ZC.compare_versions(zoning_db, ("2023", "B"), ("2023", "C"))
    assert res.unchanged_km2 == pytest.approx(1.0 + 1.5)  # protection_type [0,1000] and general [1500,3000]
    trans = {(t["from_class"], t["to_class"]): t["area_km2"] for t in res.transitions}
    assert trans == pytest.approx({("protection_type", "general"): 0.5, ("control_type", "general"): 0.5})
    back = ZC.compare_versions(zoning_db, ("2023", "C"), ("2023", "B"))
    assert {(t["from_class"], t["to_class"]) for t in back.transitions} == {
        ("general", "protection_type"),
        ("general", "control_type"),
    }
    assert back.changed_km2 == pytest.approx(res.changed_km2)


def test_version_from_another_database(zoning_db, tmp_path):
    other = str(tmp_path / "other.gpkg")
    shutil.copy(zoning_db, other)
    write_zones(other, [("2023", "D", "general", (0, 0, 3000, 1000), "410101", "2027-01-01T00:00:00Z")])
    res = ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "D"), gpkg_b=other, class_map=MAP)
    trans = {(t["from_class"], t["to_class"]): t["area_km2"] for t in res.transitions}
    assert trans == pytest.approx({("protection", "general"): 1.0, ("prevention", "general"): 2.0})
    with pytest.raises(ZC.CompareError):
        ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "D"), class_map=MAP)  # D is not in zoning_db


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from qgis.core import QgsApplication

    from gw_plugin.processing.provider import register_provider

    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


def test_processing_algorithm_compares_one_scheme_or_maps_classes(provider, zoning_db, tmp_path):
    import processing
    from qgis.core import QgsProcessingException, QgsVectorLayer

    # the default A is the newest other version of B's scheme: there is none of 2023 besides B
    with pytest.raises(QgsProcessingException, match="no other version of scheme 2023"):
        processing.run("gwplugin:comparezoning", {"DATABASE": zoning_db, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="different zone classes"):
        processing.run(
            "gwplugin:comparezoning", {"DATABASE": zoning_db, "VERSION_A": "2019:A", "OUTPUT": "TEMPORARY_OUTPUT"}
        )
    res = processing.run(
        "gwplugin:comparezoning",
        {"DATABASE": zoning_db, "VERSION_A": "2019:A", "CLASS_MAP": "protection:protection_type；prevention=control_type",
         "OUTPUT": str(tmp_path / "chg.gpkg"), "TABLE": str(tmp_path / "table.csv")},
    )  # fmt: skip
    assert res["VERSION_A"] == "2019:A" and res["VERSION_B"] == "2023:B"
    assert res["CHANGED_KM2"] == pytest.approx(2.5) and res["UNCHANGED_KM2"] == pytest.approx(1.0)
    out = QgsVectorLayer(res["OUTPUT"], "c", "ogr")
    assert out.featureCount() == 3
    assert sum(f["area_km2"] for f in out.getFeatures()) == pytest.approx(2.5)
    assert sum(f.geometry().area() for f in out.getFeatures()) / 1e6 == pytest.approx(2.5)
    table = QgsVectorLayer(res["TABLE"], "t", "ogr")
    rows = {f["zone_class"]: float(f["change_km2"]) for f in table.getFeatures()}
    assert rows["prevention"] == pytest.approx(-2.0) and rows["general"] == pytest.approx(1.5)
    with pytest.raises(Exception, match="No zoning version"):
        processing.run(
            "gwplugin:comparezoning", {"DATABASE": zoning_db, "VERSION_A": "X", "OUTPUT": "TEMPORARY_OUTPUT"}
        )


def test_counties_come_from_admin_units_when_present(zoning_db):
    """Zones carry one county each; the real county boundary (admin_units, here at x = 1800 m) decides where."""
    ds = ogr.Open(zoning_db, 1)
    au = ds.GetLayerByName("admin_units")
    for code, r in (("410101", (0, 0, 1800, 1000)), ("410102", (1800, 0, 3500, 1000))):
        f = ogr.Feature(au.GetLayerDefn())
        f.SetGeometry(rect(*r))
        for k, v in dict(uuid=str(uuid.uuid4()), county_code=code, code=code, name_zh=code, level="county").items():
            f.SetField(k, v)
        assert au.CreateFeature(f) == 0
    ds = None
    res = ZC.compare_versions(zoning_db, ("2019", "A"), ("2023", "B"), class_map=MAP)
    by_county = {(r["county_code"], r["from_class"], r["to_class"]): r["area_km2"] for r in res.by_county}
    assert by_county[("410101", "prevention", "general")] == pytest.approx(0.3)
    assert by_county[("410102", "prevention", "general")] == pytest.approx(1.2)
    assert sum(by_county.values()) == pytest.approx(res.changed_km2)
