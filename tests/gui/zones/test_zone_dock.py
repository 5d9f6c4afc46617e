"""The recharge-zone dock under pytest-qt with pytest-qgis's iface and canvas, on the demo city (build_demo, once per
module) loaded into QgsProject.instance() with its river: the map tool (click a well, click a water source for its
well field, Shift+click, previous tool restored, deactivation unchecks the action), parameters pre-filled with the
defaults and the wells' pumping rates, the gradient fit, the live preview computed in a QgsTask (rubber bands,
progress, cancel), accept → zones in the edit buffer with provenance, undo/redo, commit, the checks with an
accepted overlap, snapping to the river, and the pollution sources inside the zones listed, highlighted and
exported to Excel."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from qgis.core import QgsApplication, QgsPointXY, QgsProject
from qgis.gui import QgsMapMouseEvent, QgsMapToolPan
from qgis.PyQt.QtCore import QEvent, QPoint, Qt

from gw_plugin.core.data import qgis_project
from gw_plugin.core.demo.build import build_demo
from gw_plugin.core.sources import rosters as R
from gw_plugin.core.zones import checks
from gw_plugin.gui.common import docks
from gw_plugin.gui.zones.dock_zones import COL_LEVEL, ZonesPanel


@pytest.fixture(scope="module")
def demo_src(tmp_path_factory, qgis_app):
    return build_demo(str(tmp_path_factory.mktemp("zone_dock_demo")))


@pytest.fixture
def project(demo_src, tmp_path, qgis_app):
    folder = tmp_path / "demo"
    shutil.copytree(demo_src.database.rsplit("/", 1)[0], folder)
    db = str(folder / "demo_city.gpkg")
    project = QgsProject.instance()
    project.clear()
    group = qgis_project.load_into_project(db, project, "zh")
    river = qgis_project.open_context_layer(str(folder / "context" / "river.gpkg"), "zh")
    project.addMapLayer(river, False)
    group.addLayer(river)
    yield db, project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


@pytest.fixture
def canvas(qgis_iface, project):
    _, prj = project
    c = qgis_iface.mapCanvas()
    c.resize(800, 600)
    c.setDestinationCrs(prj.crs())
    c.setLayers([qgis_project.project_layers(prj)[t] for t in ("monitoring_wells", "drinking_water_sources")])
    return c


@pytest.fixture
def panel(project, canvas, qgis_iface, qtbot):
    _, prj = project
    widget = ZonesPanel(qgis_iface, None, prj)
    qtbot.addWidget(widget)
    widget.resize(500, 1000)
    widget.show()
    widget.live_check.setChecked(False)  # tests start previews themselves
    yield widget
    widget.teardown()


def wells_by_source(db: str) -> dict:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT m.fid, m.uuid, m.pumping_rate_m3d, m.geom, s.uuid, s.source_type, s.geom FROM monitoring_wells m "
        "JOIN drinking_water_sources s ON s.uuid = m.water_source_uuid WHERE m.well_type = 'drinking_source' "
        "ORDER BY m.well_code"
    ).fetchall()
    con.close()
    out = {}
    for fid, uuid, q, g, su, st, sg in rows:
        d = out.setdefault(su, {"type": st, "xy": R.point_xy(sg), "wells": []})
        d["wells"].append({"fid": fid, "uuid": uuid, "q": q, "xy": R.point_xy(g)})
    return out


def click(canvas, tool, x, y, shift=False):
    canvas.setExtent(canvas.extent().__class__(x - 2000, y - 2000, x + 2000, y + 2000))
    canvas.refresh()
    px = canvas.getCoordinateTransform().transform(QgsPointXY(x, y))
    mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    ev = QgsMapMouseEvent(
        canvas, QEvent.Type.MouseButtonRelease, QPoint(int(px.x()), int(px.y())), Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton, mods,
    )  # fmt: skip
    tool.canvasReleaseEvent(ev)


def wait_preview(qtbot, panel, timeout=60000):
    task = panel.task
    assert task is not None
    qtbot.waitUntil(lambda: panel.task is None, timeout=timeout)
    return task


def test_dock_is_registered():
    keys = [s.key for s in docks.registered_docks()]
    assert "zones" in keys


def test_map_tool_toggle_restores_the_previous_tool(panel, canvas):
    pan = QgsMapToolPan(canvas)
    canvas.setMapTool(pan)
    panel.pick_action.setChecked(True)
    assert canvas.mapTool() is panel.tool
    panel.pick_action.setChecked(False)
    assert canvas.mapTool() is pan
    panel.pick_action.setChecked(True)
    other = QgsMapToolPan(canvas)
    canvas.setMapTool(other)  # another tool chosen: the action is unchecked
    assert not panel.pick_action.isChecked()


def test_pick_well_source_and_shift(panel, canvas, project):
    db, _ = project
    sources = wells_by_source(db)
    ws, src = next((k, v) for k, v in sources.items() if v["type"] == "well_field")
    w0 = src["wells"][0]
    click(canvas, panel.tool, *w0["xy"])
    assert panel.well_fids == [w0["fid"]]
    assert panel.wells[0].values["Q"] == w0["q"]
    assert panel.wells_table.item(0, 1).text() == f"{w0['q']:g}"
    # click on the source: its production wells (with a pumping rate)
    click(canvas, panel.tool, *src["xy"])
    prod = sorted(w["fid"] for w in src["wells"] if w["q"])
    assert sorted(panel.well_fids) == prod and len(prod) > 1
    assert {w.water_source_uuid for w in panel.wells} == {ws}
    click(canvas, panel.tool, *src["wells"][0]["xy"], shift=True)  # removes it
    assert src["wells"][0]["fid"] not in panel.well_fids and len(panel.well_fids) == len(prod) - 1
    assert panel.layer("monitoring_wells").selectedFeatureIds() and set(
        panel.layer("monitoring_wells").selectedFeatureIds()
    ) == set(panel.well_fids)


def test_defaults_shown_and_prefilled(panel, project):
    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    fids = [w["fid"] for w in src["wells"] if w["q"]]
    panel.set_picked(fids)
    for method in ("hj338_formula", "hj338_table", "fixed_radius", "uniform_flow", "aem"):
        panel.set_method(method)
        from gw_plugin.core.zones import writer as W

        for spec in W.METHOD_PARAMS[method]:
            assert spec.key in panel.param_widgets
            label = panel.param_form.labelForField(panel.param_widgets[spec.key]).text()
            assert str(spec.default) in label  # every default is shown
    panel.set_method("uniform_flow")
    qs = [w["q"] for w in src["wells"] if w["q"]]
    assert panel.parameters()["Q"] == pytest.approx(sum(qs) / len(qs), abs=1e-3)
    panel.set_method("hj338_formula")
    assert panel.parameters()["ALPHA"] == 1.5  # HJ 338 default alpha (reference README §2, unverified)


def test_gradient_fit_from_levels(panel, project):
    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    fids = [w["fid"] for w in src["wells"]]
    panel.set_picked(fids)
    panel.set_method("uniform_flow")
    # water levels of a plane falling 2 m/km towards the east: gradient 0.002, flow azimuth 90°
    for i, w in enumerate(panel.wells):
        panel.wells_table.item(i, 2).setText(f"{100.0 - 0.002 * (w.x - 500000.0):.4f}")
    fit = panel.fit_gradient()
    assert fit.gradient == pytest.approx(0.002, rel=1e-3)
    assert fit.azimuth_deg == pytest.approx(90.0, abs=0.1)
    assert panel.parameters()["GRADIENT"] == pytest.approx(0.002, rel=1e-3)
    assert panel.parameters()["FLOW_AZIMUTH"] == pytest.approx(90.0, abs=0.1)
    assert "R²" in panel.fit_label.text()


def test_preview_accept_undo_commit(panel, project, qtbot):
    db, prj = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]])
    assert not panel.river_check.isChecked()
    panel.set_method("uniform_flow")
    panel.set_parameter("K", 30.0)
    task = panel.start_preview()
    assert task is not None and panel.cancel_button.isEnabled()
    wait_preview(qtbot, panel)
    n_wells = len(panel.wells)
    assert len(panel.zones) == 3 * n_wells  # capture + 100 d + 1000 d per well
    assert len(panel.preview.bands) == len(panel.zones)
    assert panel.progress.value() == 100 and panel.accept_button.isEnabled()
    rz = panel.layer("recharge_zones")
    n0 = rz.featureCount()
    added = panel.accept_zones()
    assert len(added["recharge_zones"]) == 3 * n_wells
    assert rz.isEditable() and rz.featureCount() == n0 + 3 * n_wells
    assert panel.preview.bands == []
    rz.undoStack().undo()
    assert rz.featureCount() == n0
    rz.undoStack().redo()
    assert rz.featureCount() == n0 + 3 * n_wells
    assert rz.commitChanges()
    con = sqlite3.connect(db)
    rows = con.execute("SELECT method, parameters, kind, tot_days, well_uuid FROM recharge_zones").fetchall()
    con.close()
    assert len(rows) == n0 + 3 * n_wells
    p = json.loads(rows[-1][1])
    assert rows[-1][0] == "uniform_flow" and p["k"] == 30.0 and p["author"] and p["computed_at"]
    assert {r[4] for r in rows} == {w.uuid for w in panel.wells}


def test_protection_preview_and_cancel(panel, project, qtbot):
    db, _ = project
    riverside = next(v for v in wells_by_source(db).values() if v["type"] == "riverside")
    panel.set_picked([w["fid"] for w in riverside["wells"] if w["q"]])
    panel.set_method("hj338_formula")
    panel.start_preview()
    wait_preview(qtbot, panel)
    assert [z.zone_class for z in panel.zones] == ["class_1", "class_2"]
    # the multi-well model with the river: start and cancel at once; QGIS stays responsive and nothing is shown
    assert panel.river_check.isChecked()  # a riverside source: the river is used by the multi-well model
    panel.set_method("aem")
    assert panel.river() is not None
    task = panel.start_preview()
    panel.cancel_preview()
    from qgis.core import QgsTask
    from qgis.PyQt import sip

    done = (QgsTask.TaskStatus.Terminated, QgsTask.TaskStatus.Complete)
    qtbot.waitUntil(lambda: sip.isdeleted(task) or task.status() in done, timeout=60000)
    assert panel.task is None and not panel.cancel_button.isEnabled()
    # then a full run with the river
    panel.set_parameter("TRAVEL_TIMES", "100")
    panel.set_parameter("K", 60.0)
    panel.set_parameter("THICKNESS", 30.0)
    panel.start_preview()
    wait_preview(qtbot, panel, 120000)
    assert panel.zones and all(z.parameters["method"] == "aem" and "river_head_line" in z.parameters
                               for z in panel.zones)  # fmt: skip


def test_checks_overlap_accept_and_snapping(panel, project):
    db, prj = project
    sources = list(wells_by_source(db).items())
    (ws_a, a), (ws_b, b) = sources[0], sources[1]
    pz = panel.layer("protection_zones")
    from gw_plugin.core.zones import writer as W

    wa = W.WellInput(a["wells"][0]["uuid"], *a["wells"][0]["xy"], ws_a, "419901", "A")
    # a zone of source B drawn on top of source A's well: an overlap between different sources
    wb = W.WellInput(b["wells"][0]["uuid"], *a["wells"][0]["xy"], ws_b, "419901", "B")
    zones = W.compute_zones("hj338_table", [wa], {}) + W.compute_zones("hj338_table", [wb], {})
    W.write_zones(zones, {"protection_zones": pz})
    report = panel.run_checks()
    overlaps = report.by_check("overlap")
    assert len(overlaps) >= 1 and panel.issues_list.count() == len(report.issues)
    row = next(i for i in range(panel.issues_list.count()) if panel.issues_list.item(i).text().startswith("[overlap]"))
    panel.issues_list.setCurrentRow(row)
    n_before = len(overlaps)
    assert panel.accept_selected_overlap()
    assert len(panel.last_report.by_check("overlap")) == n_before - 1
    assert checks.accepted_pairs_from_project(prj)
    # class I outside class II: move the class I zone of A away
    fid = next(f.id() for f in pz.getFeatures() if f["zone_class"] == "class_1" and f["water_source_uuid"] == ws_a)
    pz.translateFeature(fid, 20000.0, 0.0)
    assert panel.run_checks().by_check("containment")
    summary = panel.configure_snapping()
    names = [n for n, _, _ in summary]
    assert any("河流" in n or "River" in n for n in names)


def test_sources_inside_zones_list_highlight_export(panel, project, tmp_path, qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()
    db, prj = project
    from gw_plugin.core.zones import writer as W

    # a large zone around the riverside field so that it contains sources
    src = next(v for v in wells_by_source(db).values() if v["type"] == "riverside")
    wells = [W.WellInput(w["uuid"], *w["xy"], None, "419901", "x", {"Q": w["q"]}) for w in src["wells"] if w["q"]]
    zones = W.compute_zones("hj338_table", wells, {"MEDIUM": "cobble"})
    W.write_zones(zones, {"protection_zones": panel.layer("protection_zones")})
    panel.zone_layer_combo.setCurrentIndex(0)
    panel.all_categories.setChecked(True)
    listing = panel.list_sources()
    sl = panel.layer("pollution_sources")
    # independent count: sources whose point lies in a zone polygon (QGIS geometry test)
    zone_geoms = [f.geometry() for f in panel.layer("protection_zones").getFeatures()]
    expected = set()
    for f in sl.getFeatures():
        if any(g.contains(f.geometry()) for g in zone_geoms):
            expected.add(f["uuid"])
    assert expected and {r["source_uuid"] for r in listing} == expected
    assert panel.sources_table.rowCount() == len(listing)
    assert len(panel.highlights) == len(expected) == sl.selectedFeatureCount()
    assert panel.layer("protection_zones").commitChanges()
    out = str(tmp_path / "inside.xlsx")
    res = panel.export_sources(out)
    assert res["N_ROWS"] == len(listing)
    import openpyxl

    assert openpyxl.load_workbook(out).active.max_row >= len(listing)


def test_task_manager_is_used(panel, project, qtbot):
    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]])
    panel.set_method("fixed_radius")
    task = panel.start_preview()
    assert task in QgsApplication.taskManager().tasks()
    wait_preview(qtbot, panel)
    assert len(panel.zones) == 2


def test_live_preview_follows_parameter_edits(panel, project, qtbot):
    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]][:1])
    panel.set_method("hj338_formula")
    panel.live_check.setChecked(True)
    panel.set_parameter("K", 20.0)  # typing a value schedules a preview after a short pause
    qtbot.waitUntil(lambda: panel.task is not None or bool(panel.zones), timeout=5000)
    qtbot.waitUntil(lambda: panel.task is None and len(panel.zones) == 2, timeout=30000)
    r = 1.5 * 20.0 * 0.001 * 100.0 / 0.2  # R = alpha K I T / n with the defaults (HJ 338)
    assert panel.zones[0].parameters["wells"][0]["radius_m"] == pytest.approx(r, abs=1e-3)
    panel.set_parameter("K", 40.0)
    qtbot.waitUntil(
        lambda: (
            panel.task is None
            and panel.zones
            and panel.zones[0].parameters["wells"][0]["radius_m"] == pytest.approx(2 * r, abs=1e-3)
        ),
        timeout=30000,
    )


def test_per_well_pumping_rate_edited_in_the_table(panel, project, qtbot):
    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]][:2])
    panel.set_method("fixed_radius")
    panel.wells_table.item(1, 1).setText("8000")
    assert panel.wells[1].values["Q"] == 8000.0
    panel.dissolve_check.setChecked(False)
    panel.start_preview()
    wait_preview(qtbot, panel)
    by_well = {z.well_uuid: z for z in panel.zones if z.zone_class == "class_1"}
    p = by_well[panel.wells[1].uuid].parameters
    assert p["wells"][0]["q"] == 8000.0
    # r = sqrt(Q t / (pi n H)) with the defaults n = 0.2, H = 20 m, t = 100 d (EPA-440/5-93-001)
    assert p["wells"][0]["radius_m"] == pytest.approx((8000 * 100 / (3.141592653589793 * 0.2 * 20)) ** 0.5, abs=1e-3)
    p0 = by_well[panel.wells[0].uuid].parameters
    q_db = {w["uuid"]: w["q"] for w in src["wells"]}
    assert p0["wells"][0]["q"] == q_db[panel.wells[0].uuid] != 8000.0  # the other well keeps its pumping_rate_m3d


def test_a_well_field_is_previewed_as_one_flow_field_with_protection_zones(panel, project, qtbot):
    """Issue 15: the wells of a source are one flow field (their capture zones do not overlap), and with the
    protection option the 100-d / 1000-d zones are also class I / II zones, with a warning for a small source."""
    from gw_plugin.toolbelt import geometry as G

    db, _ = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field" and len(v["wells"]) > 1)
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]])
    panel.set_method("uniform_flow")
    panel.protection_check.setChecked(True)
    panel.start_preview()
    wait_preview(qtbot, panel)
    steady = [G.from_qgs(z.geometry) for z in panel.zones if z.kind == "capture"]
    assert len(steady) == len(panel.wells) > 1
    assert {z.parameters["engine"] for z in panel.zones if z.table == "recharge_zones"} == {"superposition"}
    for i in range(len(steady)):
        for j in range(i + 1, len(steady)):
            assert steady[i].intersection(steady[j]).area < 1e-6 * steady[i].area
    prot = [z for z in panel.zones if z.table == "protection_zones"]
    assert sorted(z.zone_class for z in prot) == ["class_1", "class_2"]
    q = sum(w.values["Q"] for w in panel.wells)
    if q < 50000:
        assert "50,000" in panel.status.text()
    added = panel.accept_zones()
    assert len(added["protection_zones"]) == 2


def test_the_dock_uses_the_river_reach_of_the_shared_computation(panel, project, qtbot):
    db, prj = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "riverside")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]])
    panel.set_method("aem")
    assert panel.river_check.isChecked()  # a riverside source switches the river on
    river = panel.river()
    assert river is not None and panel.river_note == ""
    panel.start_preview()
    wait_preview(qtbot, panel)
    assert panel.zones and all("river_head_line" in z.parameters for z in panel.zones)
    # a river layer far from the wells: reported in the status, not used
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    x, y = src["wells"][0]["xy"]
    far = QgsVectorLayer(f"LineString?crs={panel.layer('monitoring_wells').crs().authid()}", "far river", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromWkt(f"LINESTRING({x - 50000} {y + 300000}, {x + 50000} {y + 300000})"))
    far.dataProvider().addFeatures([f])
    prj.addMapLayer(far)
    panel.river_combo.setLayer(far)
    assert panel.river() is None and "was not used" in panel.river_note
    panel.start_preview()
    wait_preview(qtbot, panel)
    assert "was not used" in panel.status.text()
    assert not any("river_head_line" in z.parameters for z in panel.zones)


def test_capture_zones_end_at_a_boundary_layer(panel, project, qtbot):
    from qgis.core import QgsFeature, QgsGeometry, QgsRectangle, QgsVectorLayer

    from gw_plugin.toolbelt import geometry as G

    db, prj = project
    src = next(v for v in wells_by_source(db).values() if v["type"] == "well_field")
    panel.set_picked([w["fid"] for w in src["wells"] if w["q"]])
    panel.set_method("uniform_flow")
    xs = [w.x for w in panel.wells]
    ys = [w.y for w in panel.wells]
    box = (min(xs) - 5000.0, min(ys) - 1500.0, max(xs) + 3000.0, max(ys) + 1500.0)
    shed = QgsVectorLayer(f"Polygon?crs={panel.layer('monitoring_wells').crs().authid()}", "流域边界", "memory")
    f = QgsFeature()
    f.setGeometry(QgsGeometry.fromRect(QgsRectangle(*box)))
    shed.dataProvider().addFeatures([f])
    prj.addMapLayer(shed)
    panel.boundary_combo.setLayer(shed)
    panel.boundary_check.setChecked(True)
    panel.set_parameter("FLOW_AZIMUTH", 90.0)
    panel.start_preview()
    wait_preview(qtbot, panel)
    steady = G.union(G.from_qgs(z.geometry) for z in panel.zones if z.kind == "capture")
    minx, miny, maxx, maxy = steady.bounds
    assert minx == pytest.approx(box[0], abs=1.0)  # up to the boundary, beyond the 2,000 m default
    assert steady.difference(G.from_qgs(f.geometry())).area < 1e-3
    assert all(z.parameters.get("boundary") for z in panel.zones)


def test_a_narrow_english_dock_wraps_long_labels_and_shows_every_well_column(panel, project, qtbot):
    """Issue 17's screenshot pass at 1366 × 768 in English: "Hydraulic gradient I within the cone of depression
    [Default…" and the wells table's water-level column were cut at the right of a ~380 px dock."""
    from qgis.PyQt.QtWidgets import QLabel, QScrollArea

    db, _ = project
    fids = [w["fid"] for s in wells_by_source(db).values() for w in s["wells"]][:2]
    panel.set_picked(fids)
    panel.method_combo.setCurrentIndex(panel.method_combo.findData("hj338_formula"))
    panel.resize(380, 900)  # the dock's width in the 1366 × 768 screenshot
    qtbot.wait(50)
    scroll = panel.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0  # nothing wider than the dock
    long_labels = [w for w in panel.param_form_host.findChildren(QLabel) if len(w.text()) > 40]
    assert long_labels and all(w.wordWrap() and w.toolTip() for w in long_labels)
    table = panel.wells_table
    header = table.horizontalHeader()
    right = header.sectionViewportPosition(COL_LEVEL) + header.sectionSize(COL_LEVEL)
    assert right <= table.viewport().width()
    assert header.sectionSize(COL_LEVEL) >= header.sectionSizeHint(COL_LEVEL)  # its whole header
