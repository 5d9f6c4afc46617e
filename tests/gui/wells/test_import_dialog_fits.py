"""The lab import dialog fits a small screen (issue 17's screenshot pass: at 1366 × 768 its buttons were cut off):
it starts within 90 % of the available screen, the form scrolls when it must and the validation table keeps about
five rows."""

from __future__ import annotations

from qgis.PyQt.QtGui import QGuiApplication

from gw_plugin.gui.wells.import_dialog import ImportDialog


def test_the_dialog_starts_inside_the_screen_with_its_buttons_in_view(qgis_app, qtbot):
    dialog = ImportDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert dialog.height() <= 0.9 * area.height() + 1 and dialog.width() <= 0.9 * area.width() + 1
    # the form scrolls instead of forcing the dialog taller; only the report's five rows and the buttons are kept
    assert dialog.minimumSizeHint().height() < 480
    for button in (dialog.import_button, dialog.close_button):
        bottom = button.mapTo(dialog, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom <= dialog.height()


def _shown_at(qtbot, width: int, height: int) -> ImportDialog:
    dialog = ImportDialog(None)
    qtbot.addWidget(dialog)
    dialog.resize(width, height)  # what start_size gives on that screen
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_at_1366x768_the_validation_table_keeps_five_rows_and_the_buttons_stay_in_view(qgis_app, qtbot):
    dialog = _shown_at(qtbot, int(1366 * 0.9), int(728 * 0.9))  # 90 % of a 1366 × 768 desktop with a panel
    table = dialog.issues_table
    rows = table.verticalHeader().defaultSectionSize()
    assert table.isVisible() and table.viewport().height() >= 5 * rows
    table_bottom = table.mapTo(dialog, table.rect().bottomLeft()).y()
    assert dialog.validate_button.isVisible()
    for button in (dialog.import_button, dialog.close_button):
        assert button.isVisible() and table_bottom < button.mapTo(dialog, button.rect().topLeft()).y()
        assert button.mapTo(dialog, button.rect().bottomLeft()).y() <= dialog.height()


def test_at_1920x1080_the_form_does_not_scroll(qgis_app, qtbot):
    dialog = _shown_at(qtbot, 900, 900)  # the start size asked of start_size: within 90 % of 1920 × 1040
    assert dialog.form_scroll.verticalScrollBar().maximum() == 0
    rows = dialog.issues_table.verticalHeader().defaultSectionSize()
    assert dialog.issues_table.viewport().height() >= 5 * rows
