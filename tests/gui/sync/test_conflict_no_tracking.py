"""The conflict dialog on a project file whose change tracking was never installed (the demo city as built): no
traceback, an empty list and one sentence saying why (issue 17's screenshot pass found an OperationalError)."""

from __future__ import annotations

from gw_plugin.core.data import gpkg
from gw_plugin.gui.sync.conflict_dialog import ConflictDialog


def test_no_change_tracking_means_no_conflicts_and_a_sentence(tmp_path, qgis_app, qtbot):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    dialog = ConflictDialog(path, None, "en")
    qtbot.addWidget(dialog)
    assert dialog.conflicts == [] and dialog.list.count() == 0
    assert "no change tracking" in dialog.message.text() and not dialog.message.isHidden()


def test_nothing_to_resolve_gives_a_small_dialog_with_a_sentence_and_close(tmp_path, qgis_app, qtbot):
    """Issue 17's screenshot pass: with nothing to resolve the dialog opened large and empty; now it is sized to its
    sentence and its Close button."""
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    dialog = ConflictDialog(path, None, "en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.splitter.isVisible() and dialog.message.isVisible()
    assert dialog.findChild(QDialogButtonBox).isVisible()
    line = dialog.fontMetrics().height()
    assert dialog.height() < 10 * line and dialog.width() <= 600
