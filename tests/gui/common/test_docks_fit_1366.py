"""Room to work (issue 17, item 5): every panel of the plugin open, tabified, in a QGIS-like 1366 × 768 window
(desktop.py) on the demo city, in Chinese and English: no panel needs more width than QGIS's own docks
(``docks.MAX_MINIMUM_WIDTH``), so Browser and Layers keep theirs and the map keeps at least half of the window
whichever panel is in front; the window stays 768 px high; and a panel whose combo box has a long item gets a combo
box that cuts it with "…" (whole as tooltip) rather than a dock wider than the map can spare."""

from __future__ import annotations

import pytest
from qgis.PyQt.QtWidgets import QComboBox, QVBoxLayout, QWidget

from gw_plugin.gui.common import docks
from gw_plugin.gui.common.elided import combo_is_elided, combo_shown_text
from tests.gui.common.desktop import LEFT_DOCK_WIDTH, demo_database, demo_desktop  # noqa: F401  (fixture)


@pytest.mark.parametrize("locale", ["zh-Hans", "en_US"])
def test_every_panel_fits_beside_the_map_at_1366(qgis_iface, demo_database, qtbot, locale):  # noqa: F811
    with demo_desktop(qgis_iface, demo_database, locale) as desk:
        keys = [spec.key for spec in docks.registered_docks()]
        assert len(keys) >= 7
        for key in keys:
            desk.open(key)
        desk.spin(20)
        minimums = {key: desk.panel(key).minimumSizeHint().width() for key in keys}
        assert {k: w for k, w in minimums.items() if w > docks.MAX_MINIMUM_WIDTH} == {}
        assert (desk.window.width(), desk.window.height()) == (1366, 768)  # the window fits the screen
        for key in keys:
            dock = desk.manager.dock(key)
            dock.raise_()
            desk.spin(5)
            assert desk.window.tabifiedDockWidgets(dock), key  # one column of tabs
            assert desk.canvas.width() >= desk.window.width() // 2, (key, desk.canvas.width(), dock.width())
            assert all(d.width() >= LEFT_DOCK_WIDTH - 10 for d in desk.left), (key, [d.width() for d in desk.left])
            assert dock.width() >= minimums[key]


def test_a_long_combo_item_does_not_widen_the_dock(qgis_iface, demo_database, qtbot):  # noqa: F811
    long_item = "A very long item of a combo box that a panel built as a plain QComboBox " * 2

    def factory(iface, parent):
        panel = QWidget(parent)
        combo = QComboBox(panel)
        combo.setObjectName("long")
        combo.addItems(["short", long_item])
        combo.setCurrentIndex(1)
        QVBoxLayout(panel).addWidget(combo)
        return panel

    assert QComboBox().minimumSizeHint().width() < docks.MAX_MINIMUM_WIDTH
    docks.register_dock(docks.DockSpec(key="test_wide", title=lambda: "Wide", factory=factory, order=999))
    try:
        with demo_desktop(qgis_iface, demo_database, "en_US") as desk:
            desk.open("test_wide")
            panel = desk.panel("test_wide")
            combo = panel.findChild(QComboBox, "long")
            assert panel.minimumSizeHint().width() <= docks.MAX_MINIMUM_WIDTH
            assert desk.canvas.width() >= desk.window.width() // 2
            assert combo.width() < combo.fontMetrics().horizontalAdvance(long_item)
            assert combo_is_elided(combo) and combo_shown_text(combo).endswith("…")
            assert combo.itemText(1) == long_item  # the list shows it whole
    finally:
        docks.unregister_dock("test_wide")
