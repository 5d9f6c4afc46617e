"""The deadlines panel (gui/sources/deadlines_panel.py) under pytest-qt: overdue tasks and counts by county as of the
panel's date, all tasks on demand, the export read back, and a double-click naming the source."""

from __future__ import annotations

from openpyxl import load_workbook
from qgis.PyQt.QtCore import QDate

from gw_plugin.gui.sources.deadlines_panel import DeadlinesPanel
from tests.core.sources.test_deadlines import city  # noqa: F401 - the fixture


def test_overdue_list(qtbot, city, tmp_path):  # noqa: F811
    path, u, _inv = city
    panel = DeadlinesPanel(lambda: str(path))
    qtbot.addWidget(panel)
    panel.day.setDate(QDate(2024, 3, 1))
    # hidden-danger investigation overdue for B (甲区) and D (乙县), see tests/core/sources/test_deadlines.py
    overdue = {panel.table.item(i, 1).text() for i in range(panel.table.rowCount())}
    assert {"B", "D"} <= overdue and "A" not in overdue
    assert "甲区" in panel.counts.text() and "乙县" in panel.counts.text()
    panel.all_tasks.setChecked(True)
    assert "A" in {panel.table.item(i, 1).text() for i in range(panel.table.rowCount())}
    seen = []
    panel.sourceActivated.connect(seen.append)
    panel.table.cellDoubleClicked.emit(0, 0)
    assert seen == [panel.tasks[0].source_uuid]
    out = panel.export(str(tmp_path / "o.xlsx"))
    names = {r[2] for r in load_workbook(out).active.iter_rows(min_row=4, values_only=True)}
    assert names == overdue
