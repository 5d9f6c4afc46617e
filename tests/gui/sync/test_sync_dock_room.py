"""The Sync dock on a 1366 × 768 desktop (issue 17's screenshot pass): the pending, conflict and rejected lists share
the dock's height as tabs, so the "Open conflicts" heading is never below the dock's bottom edge."""

from __future__ import annotations

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QScrollArea

from gw_plugin.gui.sync.dock_sync import SyncPanel


def test_every_list_heading_is_in_view_in_a_short_dock(qgis_app, qgis_iface, qtbot):
    project = QgsProject()
    panel = SyncPanel(qgis_iface, None, project, lang="zh")
    qtbot.addWidget(panel)
    panel.resize(380, 590)  # the dock in the 1366 × 768 screenshot
    panel.show()
    qtbot.waitExposed(panel)
    try:
        viewport = panel.findChild(QScrollArea).viewport()
        tabs = panel.change_tabs
        assert tabs.count() == 3 and tabs.tabToolTip(1) in ("Open conflicts", "未解决的冲突")
        bar = tabs.tabBar()
        for i in range(tabs.count()):
            rect = bar.tabRect(i)
            bottom = bar.mapTo(viewport, rect.bottomRight())
            assert bar.isVisible() and 0 <= bottom.y() <= viewport.height() and bottom.x() <= viewport.width() + 1
        assert tabs.currentWidget().isVisible()
    finally:
        panel.teardown()
