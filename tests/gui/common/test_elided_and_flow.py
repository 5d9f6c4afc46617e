"""The small widgets that let a panel be narrower than its texts (gui/common/elided.py, screen.py), with real widgets
offscreen: a path label cut in the middle keeps its file name and gives its whole text; a combo box narrower than its
longest item cuts it with "…" and its list keeps it whole; a row of buttons wraps onto more lines instead of
widening its panel, and every button keeps its whole text."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QPushButton, QVBoxLayout, QWidget

from gw_plugin.gui.common.elided import ElidedComboBox, ElidedLabel
from gw_plugin.gui.common.screen import wrapping_row

PATH = "/home/gis/项目/黄泽市地下水污染防治试验区/2025年/demo_city_with_a_long_name.gpkg"


def test_path_label_is_cut_in_the_middle(qtbot):
    label = ElidedLabel(PATH)
    qtbot.addWidget(label)
    label.resize(200, 30)
    label.show()
    qtbot.wait(10)
    assert label.text() == PATH  # the whole text, for code and tooltip
    assert label.minimumSizeHint().width() < 100
    shown = label.shown_text()
    assert label.is_elided() and "…" in shown and shown.endswith(".gpkg") and shown.startswith("/home")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    label.resize(label.fontMetrics().horizontalAdvance(PATH) + 20, 30)
    qtbot.wait(10)
    assert not label.is_elided() and label.shown_text() == PATH


def test_combo_box_cuts_its_long_item(qtbot):
    combo = ElidedComboBox(None, 6)
    qtbot.addWidget(combo)
    long_item = "On the risk-control and remediation list of construction land"
    combo.addItems(["All stages", long_item])
    assert combo.minimumSizeHint().width() < combo.fontMetrics().horizontalAdvance(long_item) / 2
    combo.resize(150, combo.sizeHint().height())
    combo.show()
    combo.setCurrentIndex(1)
    qtbot.wait(10)
    assert combo.is_elided() and combo.shown_text().endswith("…") and combo.currentText() == long_item
    combo.setCurrentIndex(0)
    assert not combo.is_elided() and combo.shown_text() == "All stages"


def test_button_row_wraps_and_keeps_whole_buttons(qtbot):
    panel = QWidget()
    qtbot.addWidget(panel)
    texts = ["Record the next stage…", "Attach a document to the stage…", "Zoom to the site", "Refresh"]
    buttons = [QPushButton(t) for t in texts]
    QVBoxLayout(panel).addWidget(wrapping_row(panel, buttons))
    widest = max(b.sizeHint().width() for b in buttons)
    one_line = sum(b.sizeHint().width() for b in buttons)
    assert panel.minimumSizeHint().width() < one_line  # the row does not force its panel wide
    assert panel.minimumSizeHint().width() <= widest + 40
    panel.resize(widest + 30, 300)
    panel.show()
    qtbot.wait(20)
    assert len({b.y() for b in buttons}) >= 3  # wrapped onto lines
    assert all(b.mapTo(panel, b.rect().topRight()).x() < panel.width() for b in buttons)  # all inside
    assert all(b.width() >= b.sizeHint().width() for b in buttons)  # whole texts
    panel.resize(one_line + 80, 300)
    qtbot.wait(20)
    assert len({b.y() for b in buttons}) == 1  # one line when there is room
