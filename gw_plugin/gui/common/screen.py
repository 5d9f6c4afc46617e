"""Window sizes that fit the user's screen: a dialog's start size within 90 % of the available area, so that a
1366 × 768 laptop shows its buttons."""

from __future__ import annotations

from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtWidgets import QWidget


def start_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height`` px, within 90 % of the screen's available area (1366 × 768 laptops included)."""
    screen = QGuiApplication.screenAt(widget.pos()) or QGuiApplication.primaryScreen()
    if screen is not None:
        area = screen.availableGeometry()
        width, height = min(width, int(area.width() * 0.9)), min(height, int(area.height() * 0.9))
    return QSize(width, height)
