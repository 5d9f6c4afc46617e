"""The lab import dialog's reading and writing guards under pytest-qt (issues 13, 17): the real merged-header workbook
read with its hidden sheet listed last and marked, Import disabled until a validation has values to write, an
incomplete mapping naming its roles, a cancel during the write leaving the database untouched and saying so, and a
finished import using up its validation so that Import cannot write twice."""

from __future__ import annotations

import os
import sqlite3

from qgis.core import QgsProject

from .test_lab_import import db as db  # noqa: F401,PLC0414  (fixture: wells W1, W2, W3)

TABLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "tables")
WAIT = 60000


def _results(path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM sample_results").fetchone()[0]
    finally:
        con.close()


def _dialog(db, qtbot):  # noqa: F811
    from gw_plugin.gui.wells import import_dialog as I

    dialog = I.ImportDialog(db, None, None, QgsProject.instance())
    qtbot.addWidget(dialog)
    return dialog


def test_workbook_sheets_header_and_guards(db, qtbot, qgis_app):  # noqa: F811
    dialog = _dialog(db, qtbot)
    assert dialog.open_file(os.path.join(TABLES, "lab_merged_header.xlsx"))
    items = [dialog.sheet_combo.itemData(i) for i in range(dialog.sheet_combo.count())]
    assert items == ["检测结果", "单位", "模板"] and "模板" in dialog.sheet_combo.itemText(2)  # hidden: last, marked
    assert dialog.sheet_combo.currentData() == "检测结果"
    assert dialog.mapping().layout == "wide" and dialog.mapping().well == "监测井编号"
    assert "3" in dialog.status_label.text()  # the header row is said
    assert not dialog.import_button.isEnabled()  # nothing validated: nothing to import
    dialog.combos["well"].setCurrentIndex(0)  # an incomplete mapping names what is missing
    assert dialog.validate() is None
    text = dialog.status_label.text()
    assert "incomplete" in text or "不完整" in text
    assert "ell" in text or "监测井" in text
    dialog.close()


def test_cancel_while_writing_then_import_once(db, qtbot, qgis_app):  # noqa: F811
    dialog = _dialog(db, qtbot)
    assert dialog.open_file(os.path.join(TABLES, "lab_merged_header.xlsx"))
    dialog.valid_only.setChecked(True)
    dialog.validate()
    qtbot.waitUntil(lambda: not dialog.busy() and dialog.report is not None, timeout=WAIT)
    assert dialog.report.n_values == 8 and dialog.import_button.isEnabled()
    # another connection holds the write lock, so the write cannot commit before the cancel arrives: the task is
    # either not started yet or waiting in BEGIN, and finds the cancel at its first check inside the transaction
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        task = dialog.start_import()
        task.cancel()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert _results(db) == 0
    text = dialog.status_label.text()
    assert "nothing was written" in text or "未写入" in text
    assert dialog.report_is_current() and dialog.import_button.isEnabled()  # the same validation may be imported
    with qtbot.waitSignal(dialog.imported, timeout=WAIT) as blocker:
        dialog.start_import()
    assert blocker.args == [8] and _results(db) == 8
    assert not dialog.report_is_current() and not dialog.import_button.isEnabled()  # used up
    assert dialog.start_import() is None  # validates again first (the values are in the database now)
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=WAIT)
    assert _results(db) == 8  # pressing Import again cannot write twice
    dialog.close()
