"""The zoning dock (分区) under pytest-qt with pytest-qgis's iface on the demo city (gw_plugin.core.demo.build, its QGIS
project loaded into QgsProject.instance()): the four steps run through the dock's task with parameters filled from
the project (defaults labelled), overlays added to one group and toggled, two zoning versions compared (table and
change layer checked against zoning_units), and the site check by map click and by a selected polygon."""

from __future__ import annotations

import os
import sqlite3

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProject, QgsRectangle, QgsVectorLayer
from qgis.gui import QgsMapToolPan
from qgis.PyQt.QtCore import Qt

from gw_plugin.core.data import qgis_project
from gw_plugin.core.zoning import compare as ZC
from gw_plugin.gui.common import docks
from gw_plugin.gui.zoning import dock_zoning as DZ
from gw_plugin.gui.zoning.zoning_widgets import (
    ORIGIN_CONFIG,
    ORIGIN_DEFAULT,
    ORIGIN_NONE,
    ORIGIN_PROJECT,
    ORIGIN_REQUIRED,
    ORIGIN_STEP,
    ORIGIN_USER,
)


@pytest.fixture(scope="module")
def demo_project(qgis_app, qgis_processing, tmp_path_factory):
    from gw_plugin.core.demo import build
    from gw_plugin.processing.provider import register_provider

    register_provider()
    folder = tmp_path_factory.mktemp("zoning_dock")
    res = build.build_demo(str(folder / "demo"), seed=42)
    path = str(folder / "demo" / "demo.qgz")
    qgis_project.write_project(res.database, path, extra_rasters=res.rasters)
    project = QgsProject.instance()
    project.clear()
    assert project.read(path)
    yield res
    project.clear()


@pytest.fixture
def panel(qtbot, qgis_iface, demo_project):
    p = DZ.ZoningPanel(qgis_iface, None, QgsProject.instance(), lang="zh")
    qtbot.addWidget(p)
    p.show()
    yield p
    p.teardown()


def run_step(qtbot, panel, step, edits=None):
    panel.step_combo.setCurrentIndex(panel.step_combo.findData(step))
    for name, value in (edits or {}).items():
        panel.params.set_value(name, value)
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.task is not None, panel.step_status.text()
    qtbot.waitUntil(lambda: panel.task is None, timeout=120000)
    assert step in panel.outputs, panel.step_status.text()
    return panel.outputs[step]


def test_dock_is_registered():
    spec = {s.key: s for s in docks.registered_docks()}.get("zoning")
    assert spec is not None and spec.title() and spec.factory is not None


def test_steps_overlays_compare_and_site_check(qtbot, qgis_iface, panel, demo_project):
    db = demo_project.database
    assert db in panel.database_label.text()

    # Step 1: DRASTIC with the demo rasters from the project; weights and breaks labelled as defaults
    assert panel.current_step() == "drastic"
    assert panel.params.origin("DEPTH_RASTER") == ORIGIN_PROJECT
    assert panel.params.origin("RATING_TABLE") == ORIGIN_PROJECT  # rating table made from rasters/classes.json
    assert panel.params.origin("WEIGHTS") == ORIGIN_DEFAULT
    assert panel.params.origin("BREAKS") == ORIGIN_DEFAULT
    row = panel.params.row_of("WEIGHTS")
    assert panel.params.item(row, 2).text() == "default"
    assert panel.params.values()["DEPTH_RASTER"] == demo_project.rasters["depth_to_water_m"]
    d = run_step(qtbot, panel, "drastic")
    # standard weights 5,4,3,2,1,5,3 with ratings 1..10: the index lies in [23, 226] (Aller et al. 1987)
    assert 23 <= d["INDEX_MIN"] <= d["INDEX_MAX"] <= 226 and d["VALID_CELLS"] > 0
    assert os.path.isfile(d["OUTPUT"])
    vul = DZ.overlay_layer(QgsProject.instance(), "vulnerability")
    assert vul is not None and vul.isValid() and vul.source() == d["OUTPUT"]
    group = DZ.overlay_group(QgsProject.instance(), create=False)
    assert group is not None and group.name() == "分区图层"

    # Step 2 follows automatically, its reference grid from step 1
    assert panel.current_step() == "sourceload"
    assert panel.params.origin("REFERENCE") == ORIGIN_STEP
    assert panel.params.values()["REFERENCE"] == d["OUTPUT"]
    assert panel.params.origin("DECAY") == ORIGIN_DEFAULT
    n_sources = sqlite3.connect(db).execute("SELECT count(*) FROM pollution_sources").fetchone()[0]
    load = run_step(qtbot, panel, "sourceload")
    assert load["SOURCES_USED"] == n_sources and load["MAX_LOAD"] > 0
    run_step(qtbot, panel, "functionvalue")

    # the pollution status is optional: the function value hands over to the zoning (step 5)
    assert panel.step_combo.findData("pollutionstatus") == 3

    # Step 5 twice: 2023 (default scheme) and 2019, two versions in zoning_units
    assert panel.current_step() == "zoning"
    assert panel.params.origin("SCHEME") == ORIGIN_DEFAULT
    assert panel.params.values()["GPKG"] == db
    z1 = run_step(qtbot, panel, "zoning", {"VERSION": "dock-2023"})
    assert panel.params.origin("VERSION") == ORIGIN_USER
    z2 = run_step(qtbot, panel, "zoning", {"VERSION": "dock-2019", "SCHEME": 0})
    assert z1["APPENDED"] > 0 and z2["APPENDED"] > 0
    rows = (
        sqlite3.connect(db)
        .execute("SELECT scheme, version, count(*), sum(area_km2) FROM zoning_units GROUP BY 1, 2 ORDER BY 1")
        .fetchall()
    )
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("2019", "dock-2019", z2["APPENDED"]),
        ("2023", "dock-2023", z1["APPENDED"]),
    ]
    assert rows[0][3] == pytest.approx(rows[1][3], rel=1e-9)  # both versions cover the same city
    assert panel.version_b.version() == ("2019", "dock-2019")  # newest
    assert panel.version_a.version() == ("2023", "dock-2023")

    # Overlays: one group, zoning layer filtered to the newest version; toggles hide and show the nodes
    zl = DZ.overlay_layer(QgsProject.instance(), "zoning")
    assert zl.featureCount() == z2["APPENDED"] and "dock-2019" in zl.subsetString()
    names = [n.layer().customProperty(DZ.PROP_OVERLAY) for n in group.findLayers()]
    assert names == ["zoning", "value", "load", "vulnerability"]
    box = panel.overlay_boxes["vulnerability"]
    assert box.isEnabled() and box.isChecked() and not panel.overlay_boxes["changes"].isEnabled()
    box.setChecked(False)
    assert not QgsProject.instance().layerTreeRoot().findLayer(vul.id()).isVisible()
    box.setChecked(True)
    assert QgsProject.instance().layerTreeRoot().findLayer(vul.id()).isVisible()

    # Compare: two schemes only through the explicit class mapping the panel shows (editable)
    assert panel.class_map_edit.isEnabled()
    assert panel.class_map_edit.text() == ZC.SUGGESTED_CLASS_MAPS[("2023", "2019")]
    panel.class_map_edit.setText("protection_type:protection")  # incomplete: the panel says which class is missing
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert panel.last_compare is None and "control_type" in panel.compare_status.text()
    # a mapping under which the demo's general area (2023) and prevention zones (2019) differ, so there are changes
    mapping = "protection_type:protection, control_type:treatment, general:treatment"
    panel.class_map_edit.setText(mapping)
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    res = panel.last_compare
    assert res is not None and res.a == ("2023", "dock-2023") and res.b == ("2019", "dock-2019")
    assert res.class_map == ZC.parse_class_map(mapping) and "→" in panel.compare_status.text()
    con = sqlite3.connect(db)
    for r in res.table:
        for version, key in (("dock-2023", "area_a_km2"), ("dock-2019", "area_b_km2")):
            sql = "SELECT coalesce(sum(area_km2), 0) FROM zoning_units WHERE version = ? AND zone_class = ?"
            assert r[key] == pytest.approx(con.execute(sql, (version, r["zone_class"])).fetchone()[0], rel=1e-6)
    city = con.execute("SELECT sum(area_km2) FROM zoning_units WHERE version = 'dock-2023'").fetchone()[0]
    con.close()
    # the mapped classes count as unchanged; changed + unchanged = the city
    assert res.changed_km2 + res.unchanged_km2 == pytest.approx(city, rel=1e-6) and res.changed_km2 > 0
    assert panel.change_table.rowCount() == len(res.table) + 1 + len(res.transitions) + 1 + len(res.by_county)
    assert sum(r["area_km2"] for r in res.by_county) == pytest.approx(res.changed_km2, rel=1e-6)
    county = DZ.county_names(db, "zh")[res.by_county[0]["county_code"]]
    first = len(res.table) + 1 + len(res.transitions) + 1
    assert panel.change_table.item(first, 0).text().startswith(county + ": ")
    assert panel.change_table.item(0, 0).text() in {ZC.class_label(r["zone_class"], "zh") for r in res.table}
    assert panel.change_layer_button.isEnabled()
    qtbot.mouseClick(panel.change_layer_button, Qt.MouseButton.LeftButton)
    cl = DZ.overlay_layer(QgsProject.instance(), "changes")
    assert cl is not None and cl.featureCount() == len(res.parts)
    assert sum(f["area_km2"] for f in cl.getFeatures()) == pytest.approx(res.changed_km2, rel=1e-9)
    assert panel.overlay_boxes["changes"].isChecked()
    assert len(cl.renderer().categories()) == len(res.transitions)

    # Site check by a click: a point inside a zone of the newest version
    pick = next(zl.getFeatures())
    inside = pick.geometry().pointOnSurface().asPoint()
    qgis_iface.mapCanvas().setDestinationCrs(zl.crs())
    assert panel.site_version.select(("2019", "dock-2019"))
    qtbot.mouseClick(panel.pick_button, Qt.MouseButton.LeftButton)
    assert qgis_iface.mapCanvas().mapTool() is panel.tool
    panel.tool.canvasClicked.emit(inside, Qt.MouseButton.LeftButton)
    site = panel.last_site
    assert site is not None and site.classes() == [pick["zone_class"]]
    assert ZC.class_label(pick["zone_class"], "zh") in panel.site_report.toPlainText()
    qtbot.mouseClick(panel.pick_button, Qt.MouseButton.LeftButton)
    assert qgis_iface.mapCanvas().mapTool() is not panel.tool and not panel.pick_button.isChecked()
    # another map tool taking over unchecks the button
    qtbot.mouseClick(panel.pick_button, Qt.MouseButton.LeftButton)
    assert qgis_iface.mapCanvas().mapTool() is panel.tool
    other = QgsMapToolPan(qgis_iface.mapCanvas())
    qgis_iface.mapCanvas().setMapTool(other)
    assert not panel.pick_button.isChecked()

    # no polygon selected: the panel says what to do
    qgis_iface.setActiveLayer(zl)
    qtbot.mouseClick(panel.polygon_button, Qt.MouseButton.LeftButton)
    assert panel.site_report.toPlainText() == "Select the project polygon(s) in a polygon layer first."

    # ... and by a selected project polygon: 2 km x 2 km around the point, shares add up to 100 %
    layer = QgsVectorLayer(f"Polygon?crs={zl.crs().authid()}", "project", "memory")
    f = QgsFeature()
    x, y = inside.x(), inside.y()
    f.setGeometry(QgsGeometry.fromRect(QgsRectangle(x - 1000, y - 1000, x + 1000, y + 1000)))
    layer.dataProvider().addFeatures([f])
    QgsProject.instance().addMapLayer(layer)
    layer.selectAll()
    qgis_iface.setActiveLayer(layer)
    qtbot.mouseClick(panel.polygon_button, Qt.MouseButton.LeftButton)
    site = panel.last_site
    assert site.kind == "polygon" and site.site_area_km2 == pytest.approx(4.0)
    assert sum(z.share_pct for z in site.zones) + site.outside_share_pct == pytest.approx(100.0)
    assert pick["zone_class"] in site.classes()
    QgsProject.instance().removeMapLayer(layer.id())


def test_a_new_panel_continues_from_the_overlays(panel):
    """After a restart of the dock the zoning step takes the earlier rasters from the overlay group."""
    panel.step_combo.setCurrentIndex(panel.step_combo.findData("zoning"))
    values = panel.params.values()
    project = QgsProject.instance()
    for name, key in (("VULNERABILITY", "vulnerability"), ("SOURCE_LOAD", "load"), ("FUNCTION_VALUE", "value")):
        assert panel.params.origin(name) == ORIGIN_PROJECT
        assert values[name] == DZ.overlay_layer(project, key).source()
        assert os.path.dirname(values[name]) == DZ.work_folder(panel.database())


def test_a_project_without_database(qtbot, qgis_iface, demo_project):
    project = QgsProject()
    p = DZ.ZoningPanel(qgis_iface, None, project, lang="en")
    qtbot.addWidget(p)
    try:
        assert p.database() is None and "No project database" in p.database_label.text()
        assert p.params.origin("KARST") == ORIGIN_NONE  # optional, nothing to suggest: left empty
        p.step_combo.setCurrentIndex(p.step_combo.findData("zoning"))
        assert p.params.origin("VULNERABILITY") == ORIGIN_REQUIRED
        assert p.params.item(p.params.row_of("VULNERABILITY"), 2).text() == "required"
        assert "VULNERABILITY" not in p.params.values()
        assert p.params.origin("MMU") == ORIGIN_CONFIG  # "empty = configuration, default 0.5"
        assert p.version_a.count() == 0
        p.compare()
        assert p.compare_status.text() == "Choose two versions of the zoning."
        assert p.check_point(QgsPointXY(500000, 3840000)) is None
        assert p.site_report.toPlainText() == "There is no zoning version to check against."
    finally:
        p.teardown()


def test_cancel_leaves_the_panel_usable(qtbot, panel):
    panel.step_combo.setCurrentIndex(panel.step_combo.findData("drastic"))
    qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
    assert panel.cancel_button.isEnabled() and not panel.run_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.task is None, timeout=120000)
    assert panel.run_button.isEnabled() and not panel.cancel_button.isEnabled()
    assert "drastic" not in panel.outputs  # a new panel: nothing ran to the end
    assert panel.step_status.text() == "Canceled."
