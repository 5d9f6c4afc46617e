"""The lab import dialog fits a small screen (issue 17's screenshot pass: at 1366 × 768 its buttons were cut off):
it starts within 90 % of the available screen and everything but the buttons scrolls."""

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
    assert dialog.minimumSizeHint().height() < 400  # the form scrolls instead of forcing the dialog taller
    for button in (dialog.import_button, dialog.close_button):
        bottom = button.mapTo(dialog, button.rect().bottomLeft()).y()
        assert button.isVisible() and bottom <= dialog.height()
