"""Room to work (issue 17): the Sources dock on the demo city, with every panel of the plugin open and tabified in a
QGIS-like 1366 × 768 window (tests/gui/common/desktop.py), in Chinese and English: the list shows at least eight
whole rows (it showed 3.5), the code of every source is whole, the category whole (or, in a narrower dock, cut with
its whole text as tooltip, never narrower than a few characters), code, name and category side by side in view, and
the details below the list can be given more room or less through the splitter, the workflow form fits the dock's
width (no sideways scrolling); the toolbar has an icon for every
button (a button without one showed its text and pushed the others out of the dock)."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtCore import Qt

from gw_plugin.gui.common import docks
from gw_plugin.gui.common.elided import ElidedToolTipDelegate
from gw_plugin.gui.sources.sources_view import COL_CATEGORY, COL_CODE, COL_NAME
from tests.gui.common.desktop import demo_database, demo_desktop  # noqa: F401  (fixture)


def open_all(desk):
    for spec in docks.registered_docks():
        desk.open(spec.key)
    dock = desk.manager.dock("sources")
    dock.raise_()
    desk.spin(20)
    return desk.panel("sources")


@pytest.mark.parametrize("locale", ["zh-Hans", "en_US"])
def test_sources_list_has_room_at_1366(qgis_iface, demo_database, qtbot, locale):  # noqa: F811
    with demo_desktop(qgis_iface, demo_database, locale) as desk:
        panel = open_all(desk)
        view = panel.view
        assert desk.window.height() == 768  # every panel open: the window still fits the screen
        assert panel.model.rowCount() == 217
        assert view.visible_rows() >= view.MIN_ROWS, view.visible_rows()  # was 3.5

        room = view.viewport().width()
        widths = [view.columnWidth(c) for c in (COL_CODE, COL_NAME, COL_CATEGORY)]
        assert sum(widths) <= room, (widths, room)  # code, name and category side by side in view
        check = ElidedToolTipDelegate(view)
        first = view.rowAt(0)
        rows = range(first, first + int(view.visible_rows()))
        assert not [
            view.model().index(r, COL_CODE).data()
            for r in rows
            if check.elided_text(view, view.model().index(r, COL_CODE))
        ]
        categories = [view.model().index(r, COL_CATEGORY) for r in range(view.model().rowCount())]
        cut = [i.data() for i in categories if check.elided_text(view, i)]
        if locale.startswith("zh"):
            assert cut == []  # every category whole
        assert all(view.model().index(i.row(), COL_CATEGORY).data(Qt.ItemDataRole.ToolTipRole) for i in categories)
        assert widths[2] >= view.fontMetrics().horizontalAdvance("汉" * 3)  # readable where cut: a few characters
        assert widths[1] >= view.name_minimum()

        # the details and workflow below: dragged smaller, the list grows; the list itself never collapses
        splitter = panel.splitter
        before = view.height()
        splitter.setSizes([splitter.height(), 0])
        desk.spin()
        assert view.height() > before and not splitter.isCollapsible(0)

        # the workflow form below fits the dock's width: no sideways scrolling
        view.selectRow(0)
        panel.tabs.setCurrentIndex(1)
        splitter.setSizes([1, splitter.height()])
        desk.spin()
        scroll = panel.tabs.currentWidget()
        assert panel.workflow.minimumSizeHint().width() <= scroll.viewport().width(), panel.workflow.minimumSizeHint()
        assert not scroll.horizontalScrollBar().isVisible()
        assert view.visible_rows() >= view.MIN_ROWS  # the list never below its eight rows

        # every toolbar button has an icon (3.22 lacks some theme icons: a fallback is used)
        assert all(not a.icon().isNull() for a in panel.toolbar.actions() if not a.isSeparator())
