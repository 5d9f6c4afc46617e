"""gwplugin:protectionzone and gwplugin:capturezone run through processing.run on a real project GeoPackage."""

from __future__ import annotations

import math

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.zones import methods as Z

# Three drinking-source wells in EPSG:4547 (CGCS2000 / 3-degree GK CM 114E), near Zhengzhou.
WELLS = [
    ("DW-01", 450000.0, 3850000.0, {}),
    ("DW-02", 452000.0, 3850000.0, {"k": 40.0, "POROSITY": 0.25, "q": 3000.0}),
    ("DW-03", 500000.0, 3900000.0, {}),
]


@pytest.fixture
def provider(qgis_processing):
    import processing

    from gw_plugin.processing.provider import register_provider

    register_provider()
    return processing


@pytest.fixture
def wells_gpkg(tmp_path, validate):
    """A project GeoPackage with drinking-source wells inserted with OGR, plus override fields k, POROSITY, q."""
    path = tmp_path / "city.gpkg"
    gpkg.create_database(str(path))
    ds = ogr.Open(str(path), 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for name in ("k", "POROSITY", "q"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTReal))
    uuids = {}
    for code, x, y, extra in WELLS:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("county_code", "410102")
        f.SetField("well_code", code)
        f.SetField("name_zh", f"水源井{code}")
        f.SetField("well_type", "drinking_source")
        f.SetField("aquifer_layer", "phreatic")
        f.SetField("status", "active")
        for k, v in extra.items():
            f.SetField(k, v)
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(x, y)
        f.SetGeometry(g)
        lyr.CreateFeature(f)
    ds = None
    ds = ogr.Open(str(path))
    for f in ds.GetLayerByName("monitoring_wells"):
        uuids[f.GetField("well_code")] = f.GetField("uuid")
    ds = None
    assert validate(path) == []
    assert all(len(u) == 36 for u in uuids.values())
    return path, uuids


def layer_uri(path) -> str:
    return f"{path}|layername=monitoring_wells"


def read_back(path) -> list:
    ds = ogr.Open(str(path))
    lyr = ds.GetLayer(0)
    rows = []
    for f in lyr:
        d = f.items()
        g = f.GetGeometryRef()
        d["_area"] = g.GetArea()
        d["_geom"] = g.Clone()
        rows.append(d)
    return rows


def by_code(uuids):
    return {v: k for k, v in uuids.items()}


# --------------------------------------------------------------------------------------------------------------
def test_protectionzone_hj338_formula_with_field_overrides(provider, wells_gpkg, tmp_path, validate):
    path, uuids = wells_gpkg
    out = tmp_path / "pz.gpkg"
    res = provider.run(
        "gwplugin:protectionzone",
        {
            "INPUT": layer_uri(path),
            "METHOD": "hj338_formula",
            "ALPHA": 1.5,
            "K": 20.0,
            "GRADIENT": 0.002,
            "POROSITY": 0.2,
            "TRAVEL_TIME": 100.0,
            "OUTPUT": str(out),
        },
    )
    assert validate(res["OUTPUT"].split("|")[0]) == []
    rows = read_back(out)
    assert len(rows) == 3
    code = by_code(uuids)
    for r in rows:
        c = code[r["well_uuid"]]
        k = 40.0 if c == "DW-02" else 20.0  # field 'k' overrides K for DW-02
        n = 0.25 if c == "DW-02" else 0.2  # field 'POROSITY' overrides POROSITY
        R = 1.5 * k * 0.002 * 100.0 / n  # HJ 338: R = alpha K I T / n
        assert r["radius_m"] == pytest.approx(R)
        assert r["k"] == k and r["porosity"] == n
        assert r["zone_class"] == "class_1" and r["method"] == "hj338_formula"
        assert r["_area"] == pytest.approx(math.pi * R * R, rel=1e-3)
        assert r["q"] is None and r["h"] is None  # unused parameters stay NULL
        assert '"alpha": 1.5' in r["parameters"]


def test_protectionzone_table_and_fixed_radius(provider, wells_gpkg, tmp_path):
    path, uuids = wells_gpkg
    out = tmp_path / "table.gpkg"
    provider.run(
        "gwplugin:protectionzone",
        {"INPUT": layer_uri(path), "METHOD": "hj338_table", "MEDIUM": "粗砂", "OUTPUT": str(out)},
    )
    rows = read_back(out)
    assert len(rows) == 6  # class I and class II per well
    for r in rows:
        row = Z.table_radius("coarse_sand", r["zone_class"])
        assert r["radius_m"] == row.radius_default_m
        assert r["_area"] == pytest.approx(math.pi * row.radius_default_m**2, rel=1e-3)
        assert r["value_status"].startswith("unverified")
    out2 = tmp_path / "fixed.gpkg"
    provider.run(
        "gwplugin:protectionzone",
        {
            "INPUT": layer_uri(path),
            "METHOD": "fixed_radius",
            "Q": 1000.0,
            "TRAVEL_TIME": 1000.0,
            "POROSITY": 0.2,
            "H": 20.0,
            "OUTPUT": str(out2),
        },
    )
    code = by_code(uuids)
    for r in read_back(out2):
        c = code[r["well_uuid"]]
        q = 3000.0 if c == "DW-02" else 1000.0
        n = 0.25 if c == "DW-02" else 0.2
        rr = math.sqrt(q * 1000.0 / (math.pi * n * 20.0))  # EPA-440/5-93-001
        assert r["radius_m"] == pytest.approx(rr)
        assert r["_area"] == pytest.approx(math.pi * rr * rr, rel=1e-3)
        assert r["zone_class"] == "class_2"


@pytest.mark.parametrize(
    "params, match",
    [
        ({"K": 0.0}, "K must be greater than 0"),
        ({"POROSITY": 1.5}, r"Porosity must be in \(0, 1\]"),
        ({"METHOD": "hj338_table", "MEDIUM": "clay"}, "Unknown aquifer medium"),
    ],
)
def test_protectionzone_invalid_inputs(provider, wells_gpkg, tmp_path, params, match):
    from qgis.core import QgsProcessingException

    path, _ = wells_gpkg
    p = {"INPUT": layer_uri(path), "METHOD": "hj338_formula", "OUTPUT": str(tmp_path / "x.gpkg")}
    p.update(params)
    with pytest.raises(QgsProcessingException, match=match):
        provider.run("gwplugin:protectionzone", p)


def test_geographic_crs_is_refused(provider, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

    lyr = QgsVectorLayer("Point?crs=EPSG:4490", "wells", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(113.6, 34.7)))
    lyr.dataProvider().addFeatures([f])
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject

    old = QgsProject.instance().crs()
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))  # no projected CRS to reproject to
    try:
        for alg in ("gwplugin:protectionzone", "gwplugin:capturezone"):
            with pytest.raises(QgsProcessingException, match="projected CRS in metres"):
                provider.run(alg, {"INPUT": lyr, "OUTPUT": "memory:"})
    finally:
        QgsProject.instance().setCrs(old)


def test_capturezone_uniform_flow(provider, wells_gpkg, tmp_path, validate):
    path, uuids = wells_gpkg
    out = tmp_path / "cz.gpkg"
    params = {
        "INPUT": layer_uri(path),
        "METHOD": "uniform_flow",
        "Q": 2000.0,
        "K": 20.0,
        "THICKNESS": 30.0,
        "GRADIENT": 0.001,
        "FLOW_AZIMUTH": 45.0,
        "POROSITY": 0.2,
        "TRAVEL_TIMES": "100, 1000",
        "UPGRADIENT_LENGTH": 3000.0,
        "OUTPUT": str(out),
    }
    provider.run("gwplugin:capturezone", params)
    assert validate(out) == []
    rows = read_back(out)
    assert len(rows) == 9  # steady + 2 time-of-travel zones for 3 wells
    code = by_code(uuids)
    steady = [r for r in rows if r["tot_days"] is None]
    assert len(steady) == 3
    for r in rows:
        c = code[r["well_uuid"]]
        q = 3000.0 if c == "DW-02" else 2000.0
        k = 40.0 if c == "DW-02" else 20.0
        n = 0.25 if c == "DW-02" else 0.2
        assert r["q"] == q and r["k"] == k and r["porosity"] == n and r["method"] == "uniform_flow"
        w = Z.UniformFlowWell(q, k, 30.0, 0.001, n, 45.0)
        if r["tot_days"] is None:
            assert r["kind"] == "capture"
            assert r["stagnation_m"] == pytest.approx(q / (2 * math.pi * k * 30 * 0.001))
            assert r["half_width_m"] == pytest.approx(q / (4 * k * 30 * 0.001))
            assert r["_area"] == pytest.approx(Z.ring_area(w.capture_zone(3000.0)), rel=1e-6)
        else:
            assert r["kind"] == "time_of_travel"
            (ring,) = w.tot_zones([r["tot_days"]], 3000.0)
            assert r["_area"] == pytest.approx(Z.ring_area(ring), rel=1e-3)
    # time-of-travel zones nest inside the steady zone of the same well
    for r in rows:
        if r["tot_days"] is not None:
            s = next(x for x in steady if x["well_uuid"] == r["well_uuid"])
            assert r["_geom"].Difference(s["_geom"]).GetArea() < 1e-3 * r["_area"]


def test_capturezone_steady_only_and_radial_limit(provider, wells_gpkg, tmp_path):
    path, _ = wells_gpkg
    out = tmp_path / "steady.gpkg"
    provider.run(
        "gwplugin:capturezone",
        {"INPUT": layer_uri(path), "TRAVEL_TIMES": "", "OUTPUT": str(out)},
    )
    rows = read_back(out)
    assert len(rows) == 3 and all(r["tot_days"] is None for r in rows)
    # almost no regional flow: the 365-day zone is the fixed-radius circle sqrt(Q t / (pi n B))
    out2 = tmp_path / "radial.gpkg"
    provider.run(
        "gwplugin:capturezone",
        {
            "INPUT": layer_uri(path),
            "Q": 1000.0,
            "THICKNESS": 20.0,
            "GRADIENT": 1e-8,
            "TRAVEL_TIMES": "365",
            "UPGRADIENT_LENGTH": 1e6,
            "OUTPUT": str(out2),
        },
    )
    for r in read_back(out2):
        if r["tot_days"] == 365.0:
            rr = Z.fixed_radius(r["q"], 365.0, r["porosity"], 20.0)
            assert r["_area"] == pytest.approx(math.pi * rr * rr, rel=0.01)


def test_capturezone_aem(provider, wells_gpkg, tmp_path):
    path, uuids = wells_gpkg
    out = tmp_path / "aem.gpkg"
    common = {
        "INPUT": layer_uri(path),
        "Q": 2000.0,
        "K": 20.0,
        "THICKNESS": 30.0,
        "GRADIENT": 0.001,
        "FLOW_AZIMUTH": 0.0,
        "POROSITY": 0.2,
        "TRAVEL_TIMES": "1000",
        "UPGRADIENT_LENGTH": 3000.0,
    }
    provider.run("gwplugin:capturezone", dict(common, METHOD="aem", OUTPUT=str(out)))
    rows = read_back(out)
    from gw_plugin.core.zones.analytic_elements import timml_available

    engine = "timml" if timml_available() else "superposition"
    assert {r["engine"] for r in rows} == {engine}
    assert len(rows) == 6
    code = by_code(uuids)
    # DW-03 is 70 km from the others: its zones match the single-well (uniform_flow) zones within 2 %
    single = tmp_path / "single.gpkg"
    provider.run("gwplugin:capturezone", dict(common, METHOD="uniform_flow", OUTPUT=str(single)))
    ref = {(r["well_uuid"], r["tot_days"]): r for r in read_back(single)}
    for r in rows:
        if code[r["well_uuid"]] == "DW-03":
            g_ref = ref[(r["well_uuid"], r["tot_days"])]["_geom"]
            assert r["_geom"].SymmetricDifference(g_ref).GetArea() / g_ref.GetArea() < 0.02
    # DW-01 and DW-02 are 2 km apart across the flow: the two steady zones do not overlap
    s = [r["_geom"] for r in rows if r["tot_days"] is None and code[r["well_uuid"]] != "DW-03"]
    assert s[0].Intersection(s[1]).GetArea() < 0.01 * min(s[0].GetArea(), s[1].GetArea())


def test_capturezone_bad_travel_times(provider, wells_gpkg, tmp_path):
    from qgis.core import QgsProcessingException

    path, _ = wells_gpkg
    with pytest.raises(QgsProcessingException, match="not a number of days"):
        provider.run(
            "gwplugin:capturezone",
            {"INPUT": layer_uri(path), "TRAVEL_TIMES": "100, ten", "OUTPUT": str(tmp_path / "x.gpkg")},
        )


def test_capturezone_aem_with_river_layer(provider, wells_gpkg, tmp_path):
    """A riverside source: the river (a line layer) bounds every zone of the wells beside it."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    path, uuids = wells_gpkg
    river = QgsVectorLayer("LineString?crs=EPSG:4547", "river", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("LINESTRING(440000 3850400, 470000 3850400)"))  # 400 m north of DW-01/02
    river.dataProvider().addFeatures([f])
    out = tmp_path / "river.gpkg"
    # the image engine takes the river as an infinite straight line: only the two wells south of it
    subset = layer_uri(path) + "|subset=\"well_code\" IN ('DW-01', 'DW-02')"
    provider.run(
        "gwplugin:capturezone",
        {
            "INPUT": subset,
            "METHOD": "aem",
            "Q": 2000.0,
            "FLOW_AZIMUTH": 0.0,  # towards the river
            "TRAVEL_TIMES": "100,1000",
            "UPGRADIENT_LENGTH": 3000.0,
            "RIVER": river,
            "OUTPUT": str(out),
        },
    )
    rows = read_back(out)
    code = by_code(uuids)
    near = [r for r in rows if code[r["well_uuid"]] in ("DW-01", "DW-02")]
    assert len(near) == 6
    for r in near:
        assert r["_geom"].IsValid()
        assert r["_geom"].GetEnvelope()[3] <= 3850400.0 + 1e-3


def test_capturezone_cancel(provider, wells_gpkg, tmp_path):
    from qgis.core import QgsProcessingFeedback

    path, _ = wells_gpkg
    fb = QgsProcessingFeedback()
    fb.cancel()
    out = tmp_path / "cancel.gpkg"
    provider.run("gwplugin:capturezone", {"INPUT": layer_uri(path), "OUTPUT": str(out)}, feedback=fb)
    assert read_back(out) == []


def test_all_outputs_are_valid_polygons(provider, wells_gpkg, tmp_path):
    path, _ = wells_gpkg
    for alg, method in (("gwplugin:capturezone", "uniform_flow"), ("gwplugin:capturezone", "aem")):
        out = tmp_path / f"{method}.gpkg"
        provider.run(alg, {"INPUT": layer_uri(path), "METHOD": method, "OUTPUT": str(out)})
        rows = read_back(out)
        assert rows
        for r in rows:
            assert r["_geom"].IsValid() and r["_geom"].GetGeometryName() == "MULTIPOLYGON"


# --------------------------------------------------------------------------------------------------------------
# Issue 15: well fields, rivers, CRS, HJ 338
# --------------------------------------------------------------------------------------------------------------
def point_layer(crs: str, points, fields=()):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsPointXY, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    lyr = QgsVectorLayer(f"Point?crs={crs}", "wells", "memory")
    lyr.dataProvider().addAttributes(
        [QgsField("uuid", QVariant.String)] + [QgsField(f, QVariant.Double) for f in fields]
    )
    lyr.updateFields()
    feats = []
    for k, (x, y, *vals) in enumerate(points):
        f = QgsFeature(lyr.fields())
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
        f.setAttributes([f"w{k}", *vals])
        feats.append(f)
    lyr.dataProvider().addFeatures(feats)
    return lyr


def test_capturezone_two_wells_across_the_flow_are_one_field(provider, tmp_path):
    """uniform_flow with two wells 100 m apart (Q 1000, K 10, B 20, i 0.001): 40 km up-gradient the field is
    9,617 m wide (one well of 2 Q), not 5,003 m (two single-well zones); the zones do not overlap."""
    lyr = point_layer("EPSG:4547", [(500000.0, 3800000.0 - 50.0), (500000.0, 3800000.0 + 50.0)])
    out = tmp_path / "two.gpkg"
    provider.run("gwplugin:capturezone", {"INPUT": lyr, "METHOD": "uniform_flow", "Q": 1000.0, "K": 10.0,
                 "THICKNESS": 20.0, "GRADIENT": 0.001, "FLOW_AZIMUTH": 90.0, "UPGRADIENT_LENGTH": 40000.0,
                 "TRAVEL_TIMES": "100,1000", "OUTPUT": str(out)})  # fmt: skip
    rows = read_back(out)
    steady = [r["_geom"] for r in rows if r["tot_days"] is None]
    assert len(steady) == 2 and {r["engine"] for r in rows} == {"superposition"}
    assert steady[0].Intersection(steady[1]).GetArea() < 1e-6 * steady[0].GetArea()
    field = steady[0].Union(steady[1])
    cut = ogr.CreateGeometryFromWkt("LINESTRING(460010 3700000, 460010 3900000)").Intersection(field)
    assert cut.Length() == pytest.approx(9617.0, rel=0.005)
    assert {r["zone_class"] for r in rows if r["tot_days"] == 100.0} == {"class_1"}
    assert {r["zone_class"] for r in rows if r["tot_days"] == 1000.0} == {"class_2"}
    assert all(r["_geom"].IsValid() and r["_geom"].GetGeometryName() == "MULTIPOLYGON" for r in rows)


def test_capturezone_follows_a_curved_river_of_several_features(provider, tmp_path):
    """A river bending around the wells, digitised as three features (one reversed): the reach next to the wells
    is used as it runs, so no zone lies beyond the river (the first feature's chord put a quarter beyond it)."""
    import numpy as np
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    x0, y0 = 500000.0, 3800000.0
    th = np.linspace(-0.9, 0.9, 200)
    arc = np.column_stack([x0 + 10000.0 * np.sin(th), y0 + 200.0 - 10000.0 + 10000.0 * np.cos(th)])
    river = QgsVectorLayer("LineString?crs=EPSG:4547", "river", "memory")
    feats = []
    for part in (arc[120:], arc[:61][::-1], arc[60:121]):
        f = QgsFeature()
        f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(*p) for p in part]))
        feats.append(f)
    river.dataProvider().addFeatures(feats)
    wells = point_layer("EPSG:4547", [(x0, y0 - 50.0), (x0, y0 + 50.0)])
    out = tmp_path / "curved.gpkg"
    provider.run("gwplugin:capturezone", {"INPUT": wells, "METHOD": "aem", "Q": 1000.0, "K": 10.0, "THICKNESS": 20.0,
                 "GRADIENT": 0.001, "FLOW_AZIMUTH": 0.0, "UPGRADIENT_LENGTH": 2000.0, "TRAVEL_TIMES": "100,1000",
                 "RIVER": river, "OUTPUT": str(out)})  # fmt: skip
    rows = read_back(out)
    assert len(rows) == 6
    ring = ";".join(f"{x} {y}" for x, y in arc).replace(";", ",")
    beyond = ogr.CreateGeometryFromWkt(
        f"POLYGON(({ring},{arc[-1, 0]} {y0 + 1e6},{arc[0, 0]} {y0 + 1e6},{arc[0, 0]} {arc[0, 1]}))"
    )
    for r in rows:
        assert r["_geom"].IsValid() and r["_geom"].GetGeometryName() == "MULTIPOLYGON"
        inter = r["_geom"].Intersection(beyond)
        assert inter is None or inter.GetArea() < 1e-6  # m²: round-off of the river line
    assert "line sinks" in rows[0]["parameters"]


def test_a_far_river_is_reported_not_used(provider, tmp_path):
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingFeedback, QgsVectorLayer

    class Feedback(QgsProcessingFeedback):
        warnings: list = []

        def pushWarning(self, text):  # noqa: N802 (Qt API)
            self.warnings.append(text)
            super().pushWarning(text)

    river = QgsVectorLayer("LineString?crs=EPSG:4547", "river", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt("LINESTRING(400000 3900000, 600000 3900000)"))  # 100 km north
    river.dataProvider().addFeatures([f])
    fb = Feedback()
    out = tmp_path / "far.gpkg"
    provider.run("gwplugin:capturezone", {"INPUT": point_layer("EPSG:4547", [(500000.0, 3800000.0)]), "METHOD": "aem",
                 "RIVER": river, "TRAVEL_TIMES": "", "OUTPUT": str(out)}, feedback=fb)  # fmt: skip
    assert any("was not used" in w and "100,000 m" in w for w in fb.warnings)
    rows = read_back(out)
    assert len(rows) == 1 and "river_head_line" not in rows[0]["parameters"]


def test_geographic_wells_are_reprojected_to_the_projects_crs(provider, tmp_path):
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsPointXY,
        QgsProcessingException,
        QgsProject,
    )

    project = QgsProject.instance()
    old = project.crs()
    gk = QgsCoordinateReferenceSystem("EPSG:4547")
    to_geo = QgsCoordinateTransform(gk, QgsCoordinateReferenceSystem("EPSG:4490"), project)
    p = to_geo.transform(QgsPointXY(500000.0, 3800000.0))
    lyr = point_layer("EPSG:4490", [(p.x(), p.y())])
    try:
        project.setCrs(QgsCoordinateReferenceSystem())
        with pytest.raises(QgsProcessingException, match="projected CRS in metres"):
            provider.run("gwplugin:protectionzone", {"INPUT": lyr, "OUTPUT": "memory:"})
        project.setCrs(gk)
        out = tmp_path / "geo.gpkg"
        provider.run("gwplugin:protectionzone", {"INPUT": lyr, "METHOD": "fixed_radius", "Q": 1000.0,
                     "TRAVEL_TIME": 100.0, "POROSITY": 0.2, "H": 20.0, "OUTPUT": str(out)})  # fmt: skip
        out2 = tmp_path / "geo_cz.gpkg"
        provider.run("gwplugin:capturezone", {"INPUT": lyr, "TRAVEL_TIMES": "", "OUTPUT": str(out2)})
    finally:
        project.setCrs(old)
    ds = ogr.Open(str(out))
    assert ds.GetLayer(0).GetSpatialRef().GetAuthorityCode(None) == "4547"
    (row,) = read_back(out)
    r = Z.fixed_radius(1000.0, 100.0, 0.2, 20.0)
    assert row["_area"] == pytest.approx(math.pi * r * r, rel=1e-3)  # m², not square degrees
    env = row["_geom"].GetEnvelope()
    assert 0.5 * (env[0] + env[1]) == pytest.approx(500000.0, abs=0.01)
    (cz,) = read_back(out2)
    assert cz["area_m2"] == pytest.approx(cz["_area"]) and cz["_area"] > 1e6


def test_protectionzone_cone_gradient_and_table_warning(provider, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        warnings: list = []

        def pushWarning(self, text):  # noqa: N802 (Qt API)
            self.warnings.append(text)
            super().pushWarning(text)

    lyr = point_layer("EPSG:4547", [(500000.0, 3800000.0)])
    fb = Feedback()
    out = tmp_path / "hj.gpkg"
    provider.run("gwplugin:protectionzone", {"INPUT": lyr, "METHOD": "hj338_formula", "GRADIENT": 0.001,
                 "MEDIUM": "medium_sand", "OUTPUT": str(out)}, feedback=fb)  # fmt: skip
    (row,) = read_back(out)
    assert row["radius_m"] == pytest.approx(7.5) and "below the empirical table" in row["value_status"]
    assert any("cone of depression" in w and "50-100 m" in w for w in fb.warnings)
    out2 = tmp_path / "hj_cone.gpkg"
    provider.run("gwplugin:protectionzone", {"INPUT": lyr, "METHOD": "hj338_formula", "RADIUS_OF_INFLUENCE": 300.0,
                 "Q": 2000.0, "H": 20.0, "MEDIUM": "medium_sand", "OUTPUT": str(out2)})  # fmt: skip
    (row,) = read_back(out2)
    i = Z.cone_gradient(2000.0, 10.0, 20.0, 300.0)
    assert row["gradient"] == pytest.approx(i) and row["radius_m"] == pytest.approx(1.5 * 10.0 * i * 100.0 / 0.2)


def test_capturezone_ends_at_a_boundary_layer(provider, tmp_path):
    """With a watershed polygon the zones reach its divide 6 km up-gradient and end there, instead of the default
    2,000 m; nothing lies outside it."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    x0, y0 = 500000.0, 3800000.0
    shed = QgsVectorLayer("Polygon?crs=EPSG:4547", "watershed", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x0 - 6000} {y0 - 3000},{x0 + 4000} {y0 - 3000},{x0 + 4000} "
                                      f"{y0 + 3500},{x0 - 6000} {y0 + 3500},{x0 - 6000} {y0 - 3000}))"))  # fmt: skip
    shed.dataProvider().addFeatures([f])
    wells = point_layer("EPSG:4547", [(x0, y0 - 150.0), (x0, y0 + 150.0)])
    out = tmp_path / "bounded.gpkg"
    provider.run("gwplugin:capturezone", {"INPUT": wells, "Q": 1500.0, "FLOW_AZIMUTH": 90.0, "TRAVEL_TIMES": "",
                 "BOUNDARY": shed, "OUTPUT": str(out)})  # fmt: skip
    rows = read_back(out)
    assert len(rows) == 2
    union = rows[0]["_geom"].Union(rows[1]["_geom"])
    env = union.GetEnvelope()
    assert env[0] == pytest.approx(x0 - 6000.0, abs=1.0)  # reaches the divide, far beyond the default 2,000 m
    assert union.Difference(ogr.CreateGeometryFromWkt(f.geometry().asWkt())).GetArea() < 1e-3
    assert '"boundary": true' in rows[0]["parameters"]
