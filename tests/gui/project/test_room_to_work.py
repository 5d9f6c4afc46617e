"""Room to work (issue 17, item 4), with real widgets offscreen: the plugin's docks open as tabs of one column, the
Wells panel asks for a width that shows a well's code and whole name (cut names show it as a tooltip), the
time-series parameter reads 硝酸盐 whole, and the conflict dialog shows every id whole on one line with no empty row
under its buttons."""

from __future__ import annotations

import json
import sqlite3
import uuid

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMenu, QToolBar

from gw_plugin.gui.common import docks
from gw_plugin.gui.wells.dock_wells import PANEL_WIDTH
from tests.gui.wells.test_wells_dock import panel, project_db  # noqa: F401  (fixtures)


def test_docks_open_as_tabs_of_one_column(qgis_iface, qtbot, monkeypatch):
    from gw_plugin.toolbelt import settings

    window = qgis_iface.mainWindow()
    window.show()
    # pytest-qgis's iface does not put docks into its main window; QGIS's does (QgisApp::addDockWidget)
    monkeypatch.setattr(qgis_iface, "addDockWidget", lambda area, dock: window.addDockWidget(area, dock))
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda dock: window.removeDockWidget(dock))
    manager = docks.DockManager(qgis_iface, QMenu(), QToolBar())
    manager.setup()
    keys = ("project", "wells", "sources")
    try:
        opened = [manager.show(key) for key in keys]
        assert all(d is not None for d in opened)
        for dock in opened:
            others = {d.objectName() for d in window.tabifiedDockWidgets(dock)}
            assert others >= {d.objectName() for d in opened} - {dock.objectName()}
    finally:
        manager.teardown()
        for key in manager.specs or [s.key for s in docks.registered_docks()]:
            settings.DOCK_OPEN.remove(key=key)


def tree_rows(view):
    model = view.model()
    out = []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            out.append(index)
            view.setExpanded(index, True)
            walk(index)

    walk(view.rootIndex())
    return out


def test_wells_panel_shows_whole_names_and_the_parameter(panel, project_db, qtbot):  # noqa: F811
    assert panel.sizeHint().width() >= PANEL_WIDTH
    panel.resize(panel.sizeHint().width(), 900)
    qtbot.wait(50)
    rows = tree_rows(panel.view)
    qtbot.wait(50)
    delegate = panel.view.itemDelegate()
    wells = [i for i in rows if panel.model.table_row(i) is not None]
    assert len(wells) == 9
    assert [delegate.elided_text(panel.view, i) for i in wells] == [""] * len(wells)  # nothing cut
    panel.view.setFixedWidth(140)  # a dock squeezed narrow
    qtbot.wait(50)
    cut = [delegate.elided_text(panel.view, i) for i in wells]
    assert any(cut) and all(text in ("", i.data()) for text, i in zip(cut, wells))  # the tooltip: the whole text

    panel.view.setMinimumWidth(0)
    panel.view.setMaximumWidth(16777215)
    panel.resize(panel.sizeHint().width(), 900)
    layer = [lyr for lyr in QgsProject.instance().mapLayers().values() if lyr.name() == "监测井"][0]
    w01 = next(f.id() for f in layer.getFeatures() if f["well_code"] == "W01")
    layer.selectByIds([w01])
    panel.tabs.setCurrentIndex(1)
    qtbot.wait(100)
    ts = panel.timeseries
    combo = ts.parameter_combo
    assert combo.currentText() == "硝酸盐"
    assert combo.width() >= combo.fontMetrics().horizontalAdvance("硝酸盐") + 20  # not 硝酸…
    # the plot and its trend text get their room (the panel scrolls rather than cutting the text off)
    assert panel.tabs.height() >= 0.5 * (panel.view.height() + panel.tabs.height())
    assert ts.height() >= ts.minimumSizeHint().height() and ts.trend_label.text()


@pytest.fixture
def conflicts_db(tmp_path, qgis_app):
    from gw_plugin.core.data import gpkg
    from gw_plugin.core.sync.changelog import install_change_tracking

    path = str(tmp_path / "laptop.gpkg")
    gpkg.create_database(path)
    install_change_tracking(path)
    base = {
        "uuid": str(uuid.uuid4()),
        "well_code": "419901SY001",
        "name_zh": "黄泽市北郊傍河水源地1号开采井",
        "depth_m": 80.0,
        "updated_at": "2025-03-01T08:00:00Z",
    }
    local = dict(base, depth_m=82.5, updated_at="2025-04-02T09:10:00Z")
    server = dict(base, depth_m=81.0, name_zh="黄泽市北郊傍河水源地一号开采井（改建）")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO gw_conflicts (tbl, uuid, kind, fields, base, local, server, server_rev, policy) "
        "VALUES (?, ?, 'field', ?, ?, ?, ?, 7, 'manual')",
        ("monitoring_wells", base["uuid"], json.dumps(["depth_m"]), *map(json.dumps, (base, local, server))),
    )
    con.commit()
    con.close()
    return path, base["uuid"]


def test_conflict_dialog_shows_ids_whole_with_no_empty_row(conflicts_db, qtbot):
    from qgis.PyQt.QtWidgets import QStyledItemDelegate

    from gw_plugin.gui.common.elided import ElidedToolTipDelegate
    from gw_plugin.gui.sync.conflict_dialog import ConflictDialog

    path, well_uuid = conflicts_db
    dialog = ConflictDialog(path, None, "zh")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(50)
    assert not dialog.message.isVisible()  # no tall empty row under the buttons
    table = dialog.table
    line = table.fontMetrics().height()
    check = ElidedToolTipDelegate(table)
    assert isinstance(table.itemDelegate(), QStyledItemDelegate)
    for r in range(table.rowCount()):
        assert table.rowHeight(r) < 2 * line + 8  # one line per field
        for c in range(table.columnCount()):
            index = table.model().index(r, c)
            assert check.elided_text(table, index) == "", (r, c, index.data())  # whole, the uuid included
    texts = {table.item(r, c).text() for r in range(table.rowCount()) for c in range(1, 4)}
    assert well_uuid in texts
    assert dialog.list.item(0).toolTip().endswith(well_uuid)
    assert table.item(0, 0).data(Qt.ItemDataRole.UserRole) == "depth_m"
