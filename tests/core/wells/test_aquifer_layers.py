"""One layer per aquifer layer: a layer-tree group built from monitoring_wells of a real GeoPackage loaded into
QgsProject.instance(); subset strings, names from the code list, renderer (class colours, shape by well type),
rendered pixels, and the group kept in sync when a new aquifer code appears or the last well of one is removed."""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr
from qgis.core import (
    QgsMapRendererCustomPainterJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsSymbolLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage, QPainter

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.wells import aquifer_layers as A
from gw_plugin.core.wells.quality import CLASS_COLORS

X0, Y0 = 500000.0, 3850000.0

# code, county, type, aquifer, status, assessment, latest_class, depth, name
WELLS = [
    ("W01", "410102", "national_project", "phreatic", "active", 1, 2, 35.0, "中原一号井"),
    ("W02", "410102", "national_project", "phreatic", "active", 0, 4, 40.0, "中原二号井"),
    ("W03", "410102", "eia_tracking", "phreatic", "damaged", 0, None, 30.0, "环评跟踪井"),
    ("W04", "410103", "drinking_source", "deep_confined", "active", 1, 3, 300.0, "水源开采井"),
    ("W05", "410103", "pollution_source", "deep_confined", "suspended", 0, 5, 250.0, "污染源监测井"),
    ("W06", "410103", "enterprise_land", "phreatic", "active", 0, 5, 20.0, "企业用地井"),
    ("W07", "410104", "status_survey", "karst", "planned", 0, None, 150.0, "岩溶调查井"),
    ("W08", "410104", "assessment_point", "local_sand", "active", 1, 1, 60.0, "考核点位"),  # extensible code
    ("W09", "410104", "national_project", None, "active", 0, None, None, "层位不明井"),
]


def make_wells_db(path: str, wells=WELLS, spacing: float = 200.0) -> dict:
    """A project GeoPackage with ``wells`` written through OGR; returns well code → uuid."""
    gpkg.create_database(path)
    ids = {}
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for k, (code, county, wtype, aquifer, status, assess, klass, depth, name) in enumerate(wells):
        f = ogr.Feature(lyr.GetLayerDefn())
        ids[code] = str(uuid.uuid4())
        f["uuid"], f["well_code"], f["county_code"], f["name_zh"] = ids[code], code, county, name
        f["well_type"], f["status"], f["assessment_point"] = wtype, status, assess
        f["source_codes"] = f"OLD-{code}"
        if aquifer is not None:
            f["aquifer_layer"] = aquifer
        if klass is not None:
            f["latest_class"] = klass
            f["latest_governing"] = "硝酸盐"
        if depth is not None:
            f["depth_m"] = depth
            f["screen_top_m"] = depth * 0.5
            f["screen_bottom_m"] = depth * 0.9
        f["ground_elev_m"] = 100.0 + k
        f["department"] = "ecology"
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({X0 + spacing * k} {Y0})"))
        lyr.CreateFeature(f)
    ds = None
    return ids


@pytest.fixture
def loaded(tmp_path, qgis_app):
    path = str(tmp_path / "city.gpkg")
    ids = make_wells_db(path)
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(path, project, "zh")
    yield path, ids, project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


def _sql(path, query, args=()):
    con = sqlite3.connect(path)
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


def test_one_layer_per_aquifer_code_with_subset_and_names(loaded):
    path, ids, project = loaded
    group = A.build_aquifer_layers(project, lang="zh")
    assert group is A.find_group(project, path)
    layers = A.aquifer_layers(project, path)
    # code-list order, then the extensible code, then wells without an aquifer layer
    assert [n.layer().customProperty(A.PROP_AQUIFER) for n in group.findLayers()] == [
        "phreatic",
        "deep_confined",
        "karst",
        "local_sand",
        "",
    ]
    assert layers["phreatic"].name() == "监测井 — 浅层潜水"
    assert layers["local_sand"].name() == "监测井 — local_sand"
    assert layers[""].name() == "监测井 — 未填含水层位"
    assert layers["phreatic"].subsetString() == "\"aquifer_layer\" = 'phreatic'"
    sql_counts = dict(_sql(path, "SELECT COALESCE(aquifer_layer, ''), count(*) FROM monitoring_wells GROUP BY 1"))
    assert {c: lyr.featureCount() for c, lyr in layers.items()} == sql_counts
    assert sorted(f["well_code"] for f in layers["deep_confined"].getFeatures()) == ["W04", "W05"]
    # not mistaken for the wells table by the rest of the plugin
    assert qgis_project.project_layers(project)["monitoring_wells"].subsetString() == ""
    assert all(lyr.customProperty(qgis_project.PROP_TABLE) is None for lyr in layers.values())
    # the group sits in the sub-group that holds the wells layer
    wells_node = project.layerTreeRoot().findLayer(qgis_project.project_layers(project)["monitoring_wells"].id())
    assert group.parent() is wells_node.parent()
    # building again changes nothing
    A.build_aquifer_layers(project, lang="zh")
    assert len(A.aquifer_layers(project, path)) == 5
    assert [g.customProperty(A.PROP_GROUP) for g in project.layerTreeRoot().findGroups(True)].count(path) == 1


def test_english_names_and_copied_form_configuration(loaded):
    path, _, project = loaded
    A.build_aquifer_layers(project, lang="en")
    layers = A.aquifer_layers(project, path)
    assert layers["deep_confined"].name() == "Wells — Deep confined"
    assert layers[""].name() == "Wells — No aquifer layer"
    wells = qgis_project.project_layers(project)["monitoring_wells"]
    lyr = layers["phreatic"]
    idx = lyr.fields().indexOf("well_type")
    assert lyr.editorWidgetSetup(idx).type() == "ValueMap"
    assert lyr.attributeAlias(idx) == wells.attributeAlias(idx) != ""


def test_renderer_colours_by_class_and_shape_by_type(loaded):
    path, _, project = loaded
    A.build_aquifer_layers(project, lang="zh")
    lyr = A.aquifer_layers(project, path)["phreatic"]
    renderer = lyr.renderer()
    assert renderer.type() == "categorizedSymbol"
    assert renderer.classAttribute() == "latest_class"
    cats = renderer.categories()
    assert [c.label() for c in cats] == ["I类", "II类", "III类", "IV类", "V类", "未评价"]
    for cat, key in zip(cats, [1, 2, 3, 4, 5, None]):
        assert cat.symbol().color().name() == QColor(CLASS_COLORS[key]).name()
        prop = cat.symbol().symbolLayer(0).dataDefinedProperties().property(QgsSymbolLayer.Property.PropertyName)
        assert prop.isActive() and "eia_tracking" in prop.expressionString()


def _render(layer, center, half=60.0, size=120) -> QImage:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setExtent(QgsRectangle(center.x() - half, center.y() - half, center.x() + half, center.y() + half))
    settings.setOutputSize(QSize(size, size))
    settings.setBackgroundColor(QColor("white"))
    settings.setFlag(QgsMapSettings.Flag.Antialiasing, False)
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.renderSynchronously()
    painter.end()
    return image


def test_rendered_marker_has_the_class_colour(loaded):
    path, _, project = loaded
    A.build_aquifer_layers(project)
    layers = A.aquifer_layers(project, path)
    # W06 (index 5, phreatic, class V) and W04 (index 3, deep confined, class III)
    for code, k, klass in (("phreatic", 5, 5), ("deep_confined", 3, 3)):
        image = _render(layers[code], QgsPointXY(X0 + 200.0 * k, Y0))
        centre = QColor(image.pixel(60, 60))
        assert centre.name() == QColor(CLASS_COLORS[klass]).name()
    # W03 (phreatic, not classified) is grey
    image = _render(layers["phreatic"], QgsPointXY(X0 + 400.0, Y0))
    assert QColor(image.pixel(60, 60)).name() == QColor(CLASS_COLORS[None]).name()
    # nothing of another aquifer is drawn: W04 is not in the phreatic layer
    image = _render(layers["phreatic"], QgsPointXY(X0 + 600.0, Y0))
    assert QColor(image.pixel(60, 60)).name() == "#ffffff"


def test_kept_in_sync_when_codes_appear_and_disappear(loaded, qtbot):
    path, ids, project = loaded
    A.build_aquifer_layers(project, lang="zh")
    wells = qgis_project.project_layers(project)["monitoring_wells"]
    sync = A.AquiferLayerSync(project, delay_ms=10)
    sync.watch(wells)
    # a well in a new aquifer layer → a new layer, in code-list order (fissure comes after karst)
    wells.startEditing()
    from qgis.core import QgsFeature, QgsGeometry

    f = QgsFeature(wells.fields())
    for name, value in (
        ("well_code", "W10"),
        ("county_code", "410104"),
        ("name_zh", "裂隙水井"),
        ("well_type", "status_survey"),
        ("aquifer_layer", "fissure"),
        ("status", "active"),
    ):
        f[name] = value
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + 5000, Y0)))
    assert wells.addFeature(f)
    assert wells.commitChanges()
    qtbot.waitUntil(lambda: "fissure" in A.aquifer_layers(project, path), timeout=3000)
    group = A.find_group(project, path)
    order = [n.layer().customProperty(A.PROP_AQUIFER) for n in group.findLayers()]
    assert order == ["phreatic", "deep_confined", "karst", "fissure", "local_sand", ""]
    assert A.aquifer_layers(project, path)["fissure"].featureCount() == 1
    # the only karst well moves to the phreatic layer → the karst layer goes, the phreatic one has one more well
    fid = next(f.id() for f in wells.getFeatures() if f["well_code"] == "W07")
    wells.startEditing()
    wells.changeAttributeValue(fid, wells.fields().indexOf("aquifer_layer"), "phreatic")
    assert wells.commitChanges()
    qtbot.waitUntil(lambda: "karst" not in A.aquifer_layers(project, path), timeout=3000)
    layers = A.aquifer_layers(project, path)
    assert layers["phreatic"].featureCount() == 5
    assert _sql(path, "SELECT count(*) FROM monitoring_wells WHERE aquifer_layer = 'phreatic'")[0][0] == 5
    assert not any(lyr.name().endswith("岩溶水") for lyr in project.mapLayers().values())
    sync.watch(None)


def test_sync_without_group_does_nothing(loaded):
    _, _, project = loaded
    assert A.sync_aquifer_layers(project) == {}
    assert A.aquifer_codes(qgis_project.project_layers(project)["monitoring_wells"]) == [
        "phreatic",
        "deep_confined",
        "karst",
        "local_sand",
        "",
    ]
