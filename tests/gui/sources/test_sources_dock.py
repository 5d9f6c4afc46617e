"""The Sources dock under pytest-qt with pytest-qgis's iface, on the demo city (built once for the module with
gw_plugin.core.demo.build.build_demo, copied for each test) loaded into QgsProject.instance(): list filters against
independent SQL, the same filter on the map layer, selection both ways, details, the feature form, attachments, a
workflow step recorded through the widget, the indicator dashboard with its Processing export read back, and the
`make demo` sources step (scripts/demo_sources.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from gw_plugin.core.data import qgis_project
from gw_plugin.core.sources import indicators as I
from gw_plugin.gui.common import docks
from gw_plugin.gui.sources.dock_sources import SourcesPanel
from gw_plugin.gui.sources.sources_model import ANY_ROSTER, NO_ROSTER, SourceFilter, subset_sql

ROSTERS = ("gw_key_discharge", "gw_key_supervised", "soil_key_supervised")


def sql(path, query, args=()):
    con = sqlite3.connect(str(path))
    try:
        return con.execute(query, args).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory, qgis_app):
    from gw_plugin.core.demo.build import build_demo

    folder = tmp_path_factory.mktemp("demo")
    build_demo(str(folder))
    return folder


@pytest.fixture(scope="module")
def provider(qgis_processing):
    from gw_plugin.processing.provider import register_provider

    register_provider()


@pytest.fixture
def db(demo_folder, tmp_path):
    path = tmp_path / "demo_city.gpkg"
    shutil.copyfile(demo_folder / "demo_city.gpkg", path)
    return path


@pytest.fixture
def loaded(db, qgis_app):
    project = QgsProject.instance()
    project.clear()
    qgis_project.load_into_project(str(db), project, "zh")
    yield db, project
    for layer in project.mapLayers().values():
        if layer.isEditable():
            layer.rollBack()
    project.clear()


@pytest.fixture
def panel(loaded, qgis_iface, qtbot):
    widget = SourcesPanel(qgis_iface, None, QgsProject.instance(), lang="zh")
    qtbot.addWidget(widget)
    widget.resize(600, 1000)
    widget.show()
    yield widget
    widget.teardown()


def sources_layer():
    return qgis_project.project_layers(QgsProject.instance())["pollution_sources"]


def members_sql(path, roster):
    """Independent membership: accepted entries, plus the entries of the version published last (by created_at)."""
    accepted = {
        r[0]
        for r in sql(path, "SELECT source_uuid FROM roster_entries WHERE roster=? AND status='accepted'", (roster,))
    }
    versions = sql(
        path,
        "SELECT roster_version, max(created_at) FROM roster_entries WHERE roster=? AND status='published' "
        "GROUP BY roster_version",
        (roster,),
    )
    if not versions:
        return accepted
    latest = max(versions, key=lambda v: (v[1], v[0]))[0]
    return accepted | {
        r[0]
        for r in sql(
            path,
            "SELECT source_uuid FROM roster_entries WHERE roster=? AND status='published' AND roster_version=?",
            (roster, latest),
        )
    }


def test_dock_is_registered():
    assert "sources" in [s.key for s in docks.registered_docks()]


def set_combo(combo, data):
    idx = combo.findData(data)
    assert idx >= 0, data
    combo.setCurrentIndex(idx)


def test_filters_match_sql_and_map(panel, loaded):
    path, _project = loaded
    layer = sources_layer()
    uuid_of = {f.id(): f["uuid"] for f in layer.getFeatures()}
    total = sql(path, "SELECT count(*) FROM pollution_sources")[0][0]
    assert panel.model.rowCount() == total == len(panel.all_rows) > 100
    everyone = {r[0] for r in sql(path, "SELECT uuid FROM pollution_sources")}
    on_any = set().union(*(members_sql(path, r) for r in ROSTERS)) & everyone
    supervised = members_sql(path, "gw_key_supervised") & everyone
    county = sql(path, "SELECT county_code FROM pollution_sources GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")[0][0]
    cases = [
        ({"category": "chemical"}, {r[0] for r in sql(path, "SELECT uuid FROM pollution_sources WHERE category='chemical'")}),
        ({"county": county}, {r[0] for r in sql(path, "SELECT uuid FROM pollution_sources WHERE county_code=?", (county,))}),
        ({"roster": "gw_key_supervised"}, supervised),
        ({"roster": ANY_ROSTER}, on_any),
        ({"roster": NO_ROSTER}, everyone - on_any),
        (
            {"workflow": "leakage_status", "status": "planned"},
            {r[0] for r in sql(path, "SELECT uuid FROM pollution_sources WHERE leakage_status='planned'")},
        ),
        (
            {"category": "chemical", "roster": ANY_ROSTER},
            {r[0] for r in sql(path, "SELECT uuid FROM pollution_sources WHERE category='chemical'")} & on_any,
        ),
    ]  # fmt: skip
    panel.map_filter.setChecked(True)
    for settings, expected in cases:
        set_combo(panel.category_combo, settings.get("category", ""))
        set_combo(panel.county_combo, settings.get("county", ""))
        set_combo(panel.roster_combo, settings.get("roster"))
        set_combo(panel.workflow_combo, settings.get("workflow", ""))
        if "status" in settings:
            set_combo(panel.status_combo, settings["status"])
        got = {uuid_of[fid] for fid in panel.visible_fids()}
        assert got == expected and 0 < len(got) < total, settings
        # the map layer shows the same sources
        assert {f["uuid"] for f in layer.getFeatures()} == expected, settings
    assert len(supervised) > 0 and len(everyone - on_any) > 0
    panel.map_filter.setChecked(False)
    assert layer.subsetString() == "" and len(list(layer.getFeatures())) == total
    # text search
    set_combo(panel.category_combo, "")
    set_combo(panel.county_combo, "")
    set_combo(panel.roster_combo, None)
    set_combo(panel.workflow_combo, "")
    name = sql(path, "SELECT name_zh FROM pollution_sources ORDER BY uuid LIMIT 1")[0][0]
    panel.search_edit.setText(name)
    panel.apply_filter()
    assert name in {r["name_zh"] for r in panel.model.rows} and panel.model.rowCount() < total


def test_subset_sql_escapes_and_null_status():
    sql_text = subset_sql(SourceFilter(categories={"o'x"}, workflow_field="leakage_status", statuses={"", "planned"}))
    assert "'o''x'" in sql_text and "IS NULL" in sql_text and "'planned'" in sql_text
    assert subset_sql(SourceFilter()) == ""


def test_selection_both_ways_details_and_form(panel, loaded, qgis_iface, qtbot):
    path, _project = loaded
    layer = sources_layer()
    panel.view.selectRow(3)
    fid = panel.model.rows[3]["fid"]
    assert layer.selectedFeatureIds() == [fid]
    row = panel.model.rows[3]
    html_text = panel.details.toHtml()
    assert row["source_code"] in html_text and row["name_zh"] in html_text
    # map → list
    other = panel.model.rows[10]["fid"]
    layer.selectByIds([other])
    assert panel.selected_fids() == [other]
    # a rostered source shows its rosters in the details
    member = next(r for r in panel.model.rows if r["rosters"])
    panel.select_fids([member["fid"]])
    assert "名录" in panel.details.toHtml()
    # the feature form through iface (pytest-qgis's iface has no openFeatureForm: record the call)
    calls = []
    qgis_iface.openFeatureForm = lambda lyr, feat, update=False, show_modal=True: calls.append((lyr, feat.id()))
    try:
        assert panel.open_form()
    finally:
        del qgis_iface.openFeatureForm
    assert calls == [(layer, member["fid"])]
    # keyboard: Down moves the selection (and the map selection) to the next row
    panel.view.setFocus()
    panel.view.selectRow(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Down)
    assert layer.selectedFeatureIds() == [panel.model.rows[1]["fid"]]


def test_attach_and_verify(panel, loaded, tmp_path):
    path, project = loaded
    panel.view.selectRow(0)
    uuid = panel.model.rows[0]["uuid"]
    photo = tmp_path / "现场.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xd9 not really a photo")
    added = panel.attach_files([str(photo)])
    assert len(added) == 1
    att = qgis_project.project_layers(project)["attachments"]
    assert att.isEditable() and att.commitChanges(), att.commitErrors()
    rows = sql(path, "SELECT parent_table, parent_uuid, file_path FROM attachments")
    assert rows == [("pollution_sources", uuid, added[0]["file_path"])]
    assert panel.verify_attachments() == []
    (path.parent / rows[0][2]).write_bytes(b"changed")
    problems = panel.verify_attachments()
    assert [p.problem for p in problems] == ["hash_mismatch"]
    panel.show_details()
    assert "附件" in panel.details.toHtml() or "Attachments" in panel.details.toHtml()


def test_workflow_step_through_the_widget(panel, loaded, qtbot):
    path, project = loaded
    layer = sources_layer()
    target = next(r for r in panel.model.rows if r.get("leakage_status") == "planned")
    panel.select_fids([target["fid"]])
    w = panel.workflow
    assert w.source_uuid == target["uuid"]
    w.set_workflow("leakage")
    assert w.current.text() == "已计划"
    assert w.new_status.currentData() == "self_investigated"  # the next status is proposed
    w.person.setText("王五")
    w.date.setDate(w.date.date().addDays(-3))
    assert w.facilities.rowCount() >= 1
    w.set_facility_result(0, "issue", "罐区地面裂缝")
    w.findings.setPlainText("企业自查报告已核")
    qtbot.mouseClick(w.record_button, Qt.MouseButton.LeftButton)
    assert w.last_outcome is not None, w.message.text()
    assert w.last_outcome.old_status == "planned" and len(w.last_outcome.inspection_uuids) == 2
    assert w.history.rowCount() >= 2
    feat = next(f for f in layer.getFeatures() if f["uuid"] == target["uuid"])
    assert feat["leakage_status"] == "self_investigated"
    # going back without a reason is refused and changes nothing
    w.set_workflow("leakage")
    set_combo(w.new_status, "planned")
    w.person.setText("王五")
    w.record()
    assert "reason" in w.message.text()
    for name in ("inspections", "pollution_sources"):
        lyr = qgis_project.project_layers(project)[name]
        assert lyr.commitChanges(), lyr.commitErrors()
    got = sql(
        path,
        "SELECT kind, inspector, facility_type, result FROM inspections WHERE source_uuid=? AND inspector='王五' "
        "ORDER BY facility_type",
        (target["uuid"],),
    )
    assert got == [("leakage_investigation", "王五", None, None), ("leakage_investigation", "王五", "tank", "issue")]
    assert sql(path, "SELECT leakage_status FROM pollution_sources WHERE uuid=?", (target["uuid"],)) == [
        ("self_investigated",)
    ]


def test_self_monitoring_helper(panel):
    target = panel.model.rows[0]
    panel.select_fids([target["fid"]])
    w = panel.workflow
    w.set_workflow("self_monitoring")
    w.wells.setValue(3)
    w.frequency.setValue(2)
    w.reports.setValue(1)
    w.compute_monitoring.click()
    assert w.new_status.currentData() == "partial" and "50%" in w.findings.toPlainText()


def test_dashboard_and_export(panel, loaded, provider, qtbot, tmp_path):
    from openpyxl import load_workbook

    path, _project = loaded
    d = panel.dashboard
    d.today = dt.date(2024, 12, 31)
    d.select_plan("zhengzhou_2022")
    assert d.compute()
    report = I.compute(str(path), I.load_plan("zhengzhou_2022"), dt.date(2024, 12, 31))
    assert d.table.rowCount() == len(report.results) > 0
    for i, r in enumerate(report.results):
        assert d.table.item(i, 2).text() == str(r.numerator)
        assert d.table.item(i, 3).text() == ("—" if r.denominator is None else str(r.denominator))
        assert d.table.item(i, 7).data(Qt.ItemDataRole.UserRole) == r.status
        assert d.table.item(i, 7).background().color().name() == {
            "met": "#1a9641", "on_track": "#f4a700", "behind": "#d7191c", "no_data": "#9e9e9e"
        }[r.status]  # fmt: skip
    # one county only
    county = next(r.area_code for r in report.results if r.area_code != report.city_code)
    set_combo(d.area, county)
    assert d.table.rowCount() == sum(r.area_code == county for r in report.results)
    out = tmp_path / "ind.xlsx"
    with qtbot.waitSignal(d.exported, timeout=120000) as blocker:
        assert d.export("XLSX", str(out)) is not None
    assert blocker.args[0]["XLSX"] == str(out)
    wb = load_workbook(str(out))
    assert len(wb.sheetnames) >= 2
    text = "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert report.results[0].name_zh in text


def test_own_plan_is_remembered(panel, tmp_path):
    import json

    from gw_plugin.gui.sources import indicator_dashboard as D

    data = json.loads(I.shipped_plans()["zhengzhou_2022"].read_text(encoding="utf-8"))
    data["id"] = "my_plan"
    data["name_zh"] = "自定义方案"
    data["indicators"] = data["indicators"][:2]
    own = tmp_path / "my_plan.json"
    own.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    try:
        assert not panel.dashboard.add_plan_file(str(bad))
        assert panel.dashboard.add_plan_file(str(own))
        assert panel.dashboard.plan.currentData() == str(own)
        assert str(own) in D.user_plans()
        assert panel.dashboard.export_parameters("PDF", "x.pdf")["PLAN_FILE"] == str(own)
        panel.dashboard.today = dt.date(2024, 12, 31)
        assert panel.dashboard.compute()
        assert {panel.dashboard.table.item(i, 0).text() for i in range(panel.dashboard.table.rowCount())} == {
            i["name_zh"] for i in data["indicators"]
        }
    finally:
        from qgis.core import QgsSettings

        QgsSettings().remove("gw_plugin/indicators/user_plans")
        QgsSettings().remove("gw_plugin/indicators/last_plan")


def test_demo_sources_step(db, provider, tmp_path):
    from openpyxl import load_workbook

    from gw_plugin.core.sources import roster_publication as RP
    from gw_plugin.core.sources import spotcheck as SC
    from scripts import demo_sources

    out = tmp_path / "out"
    out.mkdir()
    ctx = {"database": str(db), "out": str(out), "outputs": {}}
    summary = demo_sources.run(ctx)
    assert all((out / p).exists() or __import__("os").path.exists(p) for p in ctx["outputs"].values())
    assert len(ctx["outputs"]) == 5
    eligible = sql(
        db, "SELECT count(*) FROM pollution_sources WHERE leakage_status IN ('self_investigated','report_received')"
    )[0][0]
    cats = sql(
        db,
        "SELECT count(DISTINCT category) FROM pollution_sources "
        "WHERE leakage_status IN ('self_investigated','report_received')",
    )[0][0]
    import math

    assert summary["batch"]["population"] == eligible
    assert summary["batch"]["drawn"] == max(math.ceil(eligible * 5 / 100), cats)
    assert SC.recorded_batches(str(db)) == {"DEMO-1": summary["batch"]["drawn"]}
    # roster XLSX: the latest published version of the key supervised units, read back
    version = RP.versions(str(db), "gw_key_supervised")[-1][0]
    expected = RP.roster_rows(str(db), "gw_key_supervised", version)
    ws = load_workbook(ctx["outputs"]["Roster / 地下水污染重点监管单位名录 (XLSX)"]).active
    names = [ws.cell(row=r, column=2).value for r in range(4, ws.max_row + 1)]
    assert names == [r.name for r in expected] and len(names) == summary["roster_rows"] > 0
    wells = load_workbook(ctx["outputs"]["Abandoned-well ledger / 废弃井台账 (XLSX)"]).active
    assert wells.max_row - 3 == sql(db, "SELECT count(*) FROM abandoned_wells")[0][0]
    pdf = ctx["outputs"]["Indicator report / 试验区指标 (PDF)"]
    assert open(pdf, "rb").read(5) == b"%PDF-"
    # a second run keeps the recorded batch as it is
    again = demo_sources.run(ctx)
    assert again["batch"]["new"] is False
    assert SC.recorded_batches(str(db)) == {"DEMO-1": summary["batch"]["drawn"]}


def test_dock_opens_through_the_manager(loaded, qgis_iface, qtbot):
    from qgis.PyQt.QtWidgets import QMenu, QToolBar

    from gw_plugin.gui.sources.dock_sources import SourcesPanel as Panel

    menu, toolbar = QMenu(), QToolBar()
    manager = docks.DockManager(qgis_iface, menu, toolbar)
    manager.setup()
    try:
        dock = manager.show("sources")
        assert dock is not None and isinstance(dock.widget(), Panel)
        assert dock.widget().model.rowCount() == sql(loaded[0], "SELECT count(*) FROM pollution_sources")[0][0]
        assert manager.action("sources").isChecked()
    finally:
        manager.teardown()
        from gw_plugin.toolbelt import settings

        settings.DOCK_OPEN.remove(key="sources")


def visible_mnemonics(widget) -> list:
    """The keyboard mnemonics (&x) of the visible labels, buttons and check boxes inside ``widget``."""
    import re

    from qgis.PyQt.QtWidgets import QAbstractButton, QLabel

    keys = []
    for child in widget.findChildren(QLabel) + widget.findChildren(QAbstractButton):
        m = re.search(r"&([^&\s])", child.text())
        if m and child.isVisible():
            keys.append(m.group(1).lower())
    return keys


def test_mnemonics_unique_on_every_tab(panel):
    panel.select_fids([panel.model.rows[0]["fid"]])
    for tab in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(tab)
        for workflow in ("leakage", "self_monitoring"):
            panel.workflow.set_workflow(workflow)
            keys = visible_mnemonics(panel)
            assert len(keys) >= 7 and len(keys) == len(set(keys)), (tab, workflow, sorted(keys))


def test_list_scrolls_to_a_source_selected_on_the_map_and_dashboard_has_its_window(panel, loaded, qtbot):
    from qgis.PyQt.QtWidgets import QDialog

    panel.resize(460, 900)
    qtbot.wait(50)
    rows = panel.view.viewport().height() / panel.view.verticalHeader().defaultSectionSize()
    assert rows >= 8  # not four: the list has most of the room below the filters
    last = panel.model.rows[-1]["fid"]
    sources_layer().selectByIds([last])
    qtbot.wait(50)
    index = panel.model.index(panel.model.rowCount() - 1, 0)
    assert panel.view.viewport().rect().contains(panel.view.visualRect(index).center())  # in view
    code = panel.model.index(panel.model.rowCount() - 1, 0)
    assert panel.view.itemDelegate().elided_text(panel.view, code) == ""  # the code whole
    assert panel.tabs.count() == 2  # details and workflow: the dashboard is no longer squeezed in as a tab
    dialog = panel.open_dashboard()
    assert isinstance(dialog, QDialog) and dialog.isWindow() and dialog.isVisible()
    dialog.resize(1100, 640)  # its start size on a 1366 × 768 laptop (the offscreen screen here is 800 × 600)
    board = panel.dashboard
    board.today = dt.date(2024, 12, 31)
    assert board.compute()
    qtbot.wait(50)
    table = board.table
    status = len(board.COLUMNS) - 1
    right = table.columnViewportPosition(status) + table.columnWidth(status)
    assert right <= table.viewport().width()  # the status column in view, no scrolling needed
    names = [table.model().index(r, 0) for r in range(table.rowCount())]
    assert all(i.data(Qt.ItemDataRole.ToolTipRole) == i.data() for i in names)


def test_roster_and_deadline_windows_and_a_task_selects_its_source(panel, loaded):
    """Issue 16: the rosters and the overdue deadlines open in windows of their own from the toolbar (the list keeps
    its room); double-clicking a task selects its source in the list and on the map."""
    assert panel.tabs.count() == 2
    panel.action_deadlines.trigger()
    window = panel._windows["deadlines"]
    assert window.isWindow() and window.isVisible() and window.panel is panel.deadlines_panel
    panel.action_rosters.trigger()
    assert panel._windows["rosters"].isVisible()
    panel.deadlines_panel.all_tasks.setChecked(True)
    panel.deadlines_panel.reload()
    assert panel.deadlines_panel.tasks, "the demo city has dated tasks"
    uuid = panel.deadlines_panel.tasks[0].source_uuid
    panel.deadlines_panel.table.cellDoubleClicked.emit(0, 0)
    layer = sources_layer()
    selected = [f["uuid"] for f in layer.getSelectedFeatures()]
    assert selected == [uuid]
    assert [r["uuid"] for r in panel.selected_rows()] == [uuid]
    for w in panel._windows.values():
        w.close()


def test_the_credit_code_check_character_is_a_hard_form_constraint(panel, loaded):
    """Issue 16 item 7: a credit code with a wrong check character cannot be saved from the form."""
    from qgis.core import QgsFieldConstraints, QgsVectorLayerUtils

    from gw_plugin.core.sources import expressions

    layer = sources_layer()
    expressions.register_functions()  # as the plugin does at start; the panel then adds the constraint on binding
    panel._bound(layer)
    idx = layer.fields().indexOf("uscc")
    constraints = layer.fields().at(idx).constraints()
    assert constraints.constraintStrength(QgsFieldConstraints.Constraint.ConstraintExpression) == (
        QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard
    )
    feature = next(layer.getFeatures())
    good = feature["uscc"]
    assert good and QgsVectorLayerUtils.validateAttribute(layer, feature, idx)[0]
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    feature.setAttribute(idx, bad)
    assert not QgsVectorLayerUtils.validateAttribute(layer, feature, idx)[0]
    expressions.unregister_functions()


def test_dashboard_says_when_unsaved_edits_are_not_counted(panel, loaded):
    """Issue 16 item 8: the figures read the saved file; edits still in a layer's buffer are named, not counted."""
    d = panel.dashboard
    d.today = dt.date(2024, 12, 31)
    d.select_plan("zhengzhou_2022")
    assert d.compute() and "unsaved" not in d.status.text()
    layer = sources_layer()
    assert layer.startEditing()
    feature = next(layer.getFeatures())
    layer.changeAttributeValue(feature.id(), layer.fields().indexOf("remarks"), "edited, not saved")
    try:
        assert d.compute()
        assert "unsaved edits" in d.status.text() and layer.name() in d.status.text()
    finally:
        layer.rollBack()
    assert d.compute() and "unsaved" not in d.status.text()


def test_the_dashboard_opens_with_its_figures(panel, loaded):
    """Issue 17's screenshot pass: the dashboard opened empty until Compute was pressed."""
    dialog = panel.open_dashboard()
    try:
        assert panel.dashboard.report is not None and panel.dashboard.table.rowCount() > 0
    finally:
        dialog.close()
