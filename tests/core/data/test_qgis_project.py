"""Layers, forms, constraints, styles and relations built from the schema, in a real QGIS project."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from qgis.core import (
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsVectorLayerUtils,
)

from gw_plugin.core.data import gpkg, qgis_project
from gw_plugin.core.data import schema as S
from gw_plugin.core.data.model import UUID_RE


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "city.gpkg"
    gpkg.create_database(str(path))
    return str(path)


def test_every_table_loads_styled_with_forms(db):
    project = QgsProject()
    group = qgis_project.load_into_project(db, project, "zh")
    layers = qgis_project.project_layers(project, db)
    assert set(layers) == {t.name for t in S.TABLES}
    assert all(lyr.isValid() for lyr in layers.values())
    assert [c.name() for c in group.children()] == ["监测井与水质", "污染源", "水源地与分区", "检查与附件", "基础底图"]
    wells = layers["monitoring_wells"]
    assert wells.name() == "监测井"
    assert wells.renderer().type() == "categorizedSymbol"
    cats = {c.value(): c.label() for c in wells.renderer().categories()}
    assert cats["national_project"] == "国家地下水监测工程监测井"
    idx = wells.fields().indexOf("well_type")
    setup = wells.editorWidgetSetup(idx)
    assert setup.type() == "ValueMap"
    assert {"国家地下水监测工程监测井": "national_project"} in setup.config()["map"]
    assert wells.attributeAlias(wells.fields().indexOf("depth_m")) == "井深 (m)"
    assert wells.editorWidgetSetup(wells.fields().indexOf("uuid")).type() == "Hidden"
    # relation-reference widget to the water source, and a samples tab in the well form
    ws = wells.editorWidgetSetup(wells.fields().indexOf("water_source_uuid"))
    assert ws.type() == "RelationReference"
    tabs = [c.name() for c in wells.editFormConfig().tabs()]
    assert tabs[0] == "基本信息" and "采样记录" in tabs and tabs[-1] == "记录信息"
    rels = project.relationManager().relations()
    assert len(rels) == sum(len(t.relations()) for t in S.TABLES)
    assert all(r.isValid() for r in rels.values())


def test_english_labels(db):
    project = QgsProject()
    qgis_project.load_into_project(db, project, "en")
    wells = qgis_project.project_layers(project)["monitoring_wells"]
    assert wells.name() == "Monitoring wells"
    assert wells.attributeAlias(wells.fields().indexOf("depth_m")) == "Well depth (m)"


def test_new_feature_gets_identity_and_constraints_hold(db):
    project = QgsProject()
    qgis_project.load_into_project(db, project, "zh")
    src = qgis_project.project_layers(project)["pollution_sources"]
    fields = src.fields()
    f = QgsVectorLayerUtils.createFeature(
        src, QgsGeometry.fromPointXY(QgsPointXY(520000, 3850000)), {}, src.createExpressionContext()
    )
    assert re.match(UUID_RE, f["uuid"])
    # a wrong unified social credit code and a missing required category break hard constraints
    f["uscc"] = "123"
    f["county_code"] = "419901"
    ok, errors = QgsVectorLayerUtils.validateAttribute(src, f, fields.indexOf("uscc"))
    assert not ok
    ok, _ = QgsVectorLayerUtils.validateAttribute(src, f, fields.indexOf("category"))
    assert not ok
    f["uscc"] = "91410100MA44B7XK7L"
    assert QgsVectorLayerUtils.validateAttribute(src, f, fields.indexOf("uscc"))[0]
    f["category"] = "not-a-code"
    assert not QgsVectorLayerUtils.validateAttribute(src, f, fields.indexOf("category"))[0]
    f["category"] = "chemical"
    assert QgsVectorLayerUtils.validateAttribute(src, f, fields.indexOf("category"))[0]
    wells = qgis_project.project_layers(project)["monitoring_wells"]
    w = QgsVectorLayerUtils.createFeature(wells, QgsGeometry(), {}, wells.createExpressionContext())
    w["depth_m"] = -3
    assert not QgsVectorLayerUtils.validateAttribute(wells, w, wells.fields().indexOf("depth_m"))[0]
    w["built_date"] = "2999-01-01"
    assert not QgsVectorLayerUtils.validateAttribute(wells, w, wells.fields().indexOf("built_date"))[0]


def test_edits_through_qgis_are_saved_with_identity(db):
    project = QgsProject()
    qgis_project.load_into_project(db, project, "zh")
    wells = qgis_project.project_layers(project)["monitoring_wells"]
    wells.startEditing()
    attrs = {wells.fields().indexOf("well_code"): "W-1", wells.fields().indexOf("county_code"): "419901"}
    f = QgsVectorLayerUtils.createFeature(
        wells, QgsGeometry.fromPointXY(QgsPointXY(520000, 3850000)), attrs, wells.createExpressionContext()
    )
    assert wells.addFeature(f)
    assert wells.commitChanges(), wells.commitErrors()
    import sqlite3

    row = sqlite3.connect(db).execute("SELECT uuid, created_by, well_code FROM monitoring_wells").fetchone()
    assert re.match(UUID_RE, row[0]) and row[1] and row[2] == "W-1"


def test_write_project_and_reopen(db, tmp_path, validate):
    qgz = tmp_path / "city.qgz"
    qgis_project.write_project(db, str(qgz), lang="zh")
    project = QgsProject()
    assert project.read(str(qgz))
    layers = list(project.mapLayers().values())
    assert len(layers) == len(S.TABLES)
    assert all(lyr.isValid() for lyr in layers)
    assert len(project.relationManager().relations()) > 5
    assert project.crs().authid() == "EPSG:4547"
    assert validate(db) == []


def test_default_styles_stored_in_geopackage(db, validate):
    project = QgsProject()
    qgis_project.load_into_project(db, project, "zh")
    qgis_project.save_default_styles(db, project)
    from qgis.core import QgsVectorLayer

    standalone = QgsVectorLayer(f"{db}|layername=monitoring_wells", "x", "ogr")
    assert standalone.renderer().type() == "categorizedSymbol"  # default style loaded from layer_styles
    assert validate(db) == []


def test_newer_database_is_refused(db):
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("UPDATE gw_meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    project = QgsProject()
    with pytest.raises(gpkg.NewerSchemaError):
        qgis_project.load_into_project(db, project)
    assert not project.mapLayers()


def test_written_project_opens_on_the_city(tmp_path):
    from osgeo import ogr

    db = str(tmp_path / "c.gpkg")
    gpkg.create_database(db)
    ds = ogr.Open(db, 1)
    lyr = ds.GetLayerByName("admin_units")
    f = ogr.Feature(lyr.GetLayerDefn())
    f["county_code"], f["code"], f["name_zh"], f["level"] = "419901", "419901", "甲县", "county"
    f.SetGeometry(
        ogr.CreateGeometryFromWkt(
            "MULTIPOLYGON (((500000 3800000, 520000 3800000, 520000 3830000, 500000 3830000, 500000 3800000)))"
        )
    )
    lyr.CreateFeature(f)
    ds = None
    qgz = str(tmp_path / "c.qgz")
    qgis_project.write_project(db, qgz)
    project = QgsProject()
    assert project.read(qgz)
    view = project.viewSettings().defaultViewExtent()
    assert view.contains(QgsPointXY(510000, 3815000)) and view.width() < 30000


_UTC_SCRIPT = r"""
import datetime as dt, sqlite3, sys
from qgis.core import QgsApplication, QgsProject, QgsPointXY, QgsGeometry, QgsVectorLayerUtils
app = QgsApplication([], False)
app.initQgis()
from gw_plugin.core.data import qgis_project
db = sys.argv[1]
project = QgsProject()
qgis_project.load_into_project(db, project, "zh")
wells = qgis_project.project_layers(project, db)["monitoring_wells"]
wells.startEditing()
f = QgsVectorLayerUtils.createFeature(wells, QgsGeometry.fromPointXY(QgsPointXY(500000, 3850000)))
f["county_code"], f["well_code"], f["name_zh"] = "419901", "TZ1", "时区井"
assert wells.addFeature(f) and wells.commitChanges(), wells.commitErrors()
wells.startEditing()
g = next(wells.getFeatures())
wells.changeAttributeValue(g.id(), wells.fields().indexOf("remarks"), "edited")
assert wells.commitChanges(), wells.commitErrors()
print(sqlite3.connect(db).execute("SELECT created_at, updated_at FROM monitoring_wells").fetchone())
"""


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "America/New_York"])
def test_form_timestamps_are_utc_in_any_time_zone(db, tmp_path, tz):
    # QGIS writes a date-time's wall clock without its zone: the defaults must give UTC, as the GeoPackage triggers
    # and the platform do (a surveyor in UTC+8 must not move every edit 8 hours)
    import ast
    import datetime as dt
    import os
    import subprocess

    script = tmp_path / "utc.py"
    script.write_text(_UTC_SCRIPT, encoding="utf-8")
    root = str(Path(__file__).resolve().parents[3])
    path = os.pathsep.join([root, "/usr/share/qgis/python/plugins", os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, TZ=tz, QT_QPA_PLATFORM="offscreen", PYTHONPATH=path)
    before = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    out = subprocess.run(
        ["/usr/bin/python3", str(script), db], env=env, capture_output=True, text=True, timeout=120, check=True
    ).stdout
    after = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    created, updated = ast.literal_eval(out.strip().splitlines()[-1])
    for stamp in (created, updated):
        t = dt.datetime.fromisoformat(stamp.rstrip("Z")[:19])
        assert before - dt.timedelta(seconds=2) <= t <= after, (tz, stamp, before, after)
