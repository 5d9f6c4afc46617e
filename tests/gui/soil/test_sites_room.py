"""Room to work (issue 17): the Sites dock in English on the demo city, opened through the dock registry in a
QGIS-like 1366 × 768 window (tests/gui/common/desktop.py), needs no more width than QGIS's own docks, so Browser and
Layers keep their width and the map half of the window; long stage names are cut with "…" in the combo box and
shown whole as its tooltip; the buttons wrap instead of widening the dock, every one of them whole."""

from __future__ import annotations

from qgis.PyQt.QtCore import QRect, Qt

from gw_plugin.gui.common.docks import MAX_MINIMUM_WIDTH
from tests.gui.common.desktop import LEFT_DOCK_WIDTH, demo_database, demo_desktop  # noqa: F401  (fixture)


def test_sites_dock_in_english_is_as_narrow_as_qgis_docks(qgis_iface, demo_database, qtbot):  # noqa: F811
    with demo_desktop(qgis_iface, demo_database, "en_US") as desk:
        dock = desk.open("sites")
        panel = desk.panel("sites")
        assert panel.rows, "the demo city has sites"
        assert panel.add_button.text().startswith("Record")  # English
        # the counties by their English names (admin_units.name_en), in the filter and in the tree (were 泽城区 …)
        counties = [panel.county.itemText(i) for i in range(1, panel.county.count())]
        assert counties and all(t.isascii() for t in counties), counties
        assert any(t.startswith("Zecheng District (") for t in counties), counties
        mids = [
            panel.tree.topLevelItem(i).child(j).text(0)
            for i in range(panel.tree.topLevelItemCount())
            for j in range(panel.tree.topLevelItem(i).childCount())
        ]
        assert mids and all(t.isascii() for t in mids), mids
        minimum = panel.minimumSizeHint().width()
        assert minimum <= MAX_MINIMUM_WIDTH, minimum  # was 774 px: Browser and Layers shrank to 70 px
        assert all(d.width() >= LEFT_DOCK_WIDTH - 10 for d in desk.left), [d.width() for d in desk.left]
        assert desk.canvas.width() >= desk.window.width() // 2, (desk.canvas.width(), dock.width())

        # the longest stage name: cut in the combo box, whole in its tooltip and list
        stage = panel.stage
        longest = max(range(stage.count()), key=lambda i: stage.fontMetrics().horizontalAdvance(stage.itemText(i)))
        stage.setCurrentIndex(longest)
        desk.window.resizeDocks([dock], [minimum], Qt.Orientation.Horizontal)
        desk.spin()
        panel.resize(minimum, panel.height())
        desk.spin()
        assert stage.width() < stage.fontMetrics().horizontalAdvance(stage.currentText())
        assert stage.is_elided() and stage.shown_text().endswith("…")

        # every button whole, inside the panel, at the narrowest width (they wrap onto a second line)
        buttons = (panel.add_button, panel.attach_button, panel.zoom_button, panel.refresh_button)
        inside = QRect(0, 0, panel.width(), panel.height())
        for b in buttons:
            rect = QRect(b.mapTo(panel, b.rect().topLeft()), b.size())
            assert inside.contains(rect), (b.text(), rect, inside)
            assert b.width() >= b.sizeHint().width() - 1, b.text()
        assert len({b.y() for b in buttons}) > 1  # wrapped

        # the tree gives the stage and site names the width, the numbers only what they need
        stage.setCurrentIndex(0)  # every stage again
        desk.spin()
        tree = panel.tree
        assert tree.topLevelItemCount() > 3
        assert tree.columnWidth(1) <= tree.header().sectionSizeHint(1) + 20
        delegate = tree.itemDelegate()
        tops = [tree.model().index(i, 0) for i in range(tree.topLevelItemCount())]
        cut = [i.data() for i in tops if delegate.elided_text(tree, i)]
        assert len(cut) <= len(tops) // 2, cut  # most stage names whole at the narrowest width; the rest as tooltip
