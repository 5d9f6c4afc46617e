"""Room to work (issue 17): the zoning dock on the demo city (its project with the rasters), opened through the dock
registry in a QGIS-like 1366 × 768 window (tests/gui/common/desktop.py), in Chinese and English: for every step the
parameter table fits the dock without scrolling sideways, every parameter name and origin is whole (wrapped onto
more lines, no word cut), the value column keeps a readable width, and the table can be given more height through
the splitter; the panel needs no more width than QGIS's own docks."""

from __future__ import annotations

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import QStyle

from gw_plugin.core.data import qgis_project
from gw_plugin.gui.common.docks import MAX_MINIMUM_WIDTH
from gw_plugin.gui.zoning.zoning_widgets import ZERO_WIDTH_SPACE, longest_word, wrapped_height
from tests.gui.common.desktop import Desktop, ui_locale


@pytest.fixture(scope="module")
def demo_qgz(qgis_app, qgis_processing, tmp_path_factory):
    from gw_plugin.core.demo import build
    from gw_plugin.processing.provider import register_provider

    register_provider()
    folder = tmp_path_factory.mktemp("zoning_room")
    res = build.build_demo(str(folder / "demo"), seed=42)
    path = str(folder / "demo" / "demo.qgz")
    qgis_project.write_project(res.database, path, extra_rasters=res.rasters)
    yield path
    QgsProject.instance().clear()


def cell_fits(table, row, column) -> tuple:
    """(the cell's text wraps into its room with no word cut, its wrapped height fits the room); the room is where
    the style draws and wraps the text: the cell without the style's text margins (QCommonStyle viewItemDrawText)."""
    item = table.item(row, column)
    text = item.text() if item is not None else ""
    if not text:
        return True, True
    fm = table.fontMetrics()
    cell = table.visualRect(table.indexFromItem(item))
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    width = cell.width() - 2 * margin
    return longest_word(fm, text) <= width, wrapped_height(fm, text, width) <= cell.height()


@pytest.mark.parametrize("locale", ["zh-Hans", "en_US"])
def test_parameter_names_whole_and_values_readable_at_1366(qgis_iface, demo_qgz, qtbot, locale):
    project = QgsProject.instance()
    with ui_locale(locale):
        project.clear()
        assert project.read(demo_qgz)
        desk = Desktop(qgis_iface)
        try:
            desk.open("zoning")
            panel = desk.panel("zoning")
            assert panel.minimumSizeHint().width() <= MAX_MINIMUM_WIDTH
            assert desk.canvas.width() >= desk.window.width() // 2
            table = panel.params
            seen = 0
            for i in range(panel.step_combo.count()):
                panel.step_combo.setCurrentIndex(i)
                desk.spin()
                room = table.viewport().width()
                widths = [table.columnWidth(c) for c in range(3)]
                assert sum(widths) <= room + 1, (widths, room)  # no scrolling sideways
                assert widths[table.COL_VALUE] >= room // 5, (widths, room)  # the value is not squeezed
                for row in range(table.rowCount()):
                    for column in (table.COL_NAME, table.COL_ORIGIN):
                        no_word_cut, tall_enough = cell_fits(table, row, column)
                        text = table.item(row, column).text()
                        assert no_word_cut and tall_enough, (text, widths, table.rowHeight(row))
                    name = table.item(row, table.COL_NAME)
                    assert name.toolTip().startswith(name.text().replace(ZERO_WIDTH_SPACE, ""))  # whole, and the id
                    seen += 1
                value_paths = [table.item(r, table.COL_VALUE) for r in range(table.rowCount())]
                for item in filter(None, value_paths):  # a path cut in the middle shows itself as tooltip
                    assert item.toolTip() == item.text()
            assert seen > 40  # every step's parameters were measured
            # the splitter gives the table more height when the messages below need less
            splitter = panel.step_splitter
            before = table.height()
            splitter.setSizes([splitter.height(), 0])
            desk.spin()
            assert table.height() > before
        finally:
            desk.close()
            project.clear()
