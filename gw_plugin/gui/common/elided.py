"""Cut-off texts in the panels' lists and tables show their whole text as a tooltip (a narrow dock elides a well's
name with "…"; hovering shows it), unless the model gives a tooltip of its own."""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, Qt
from qgis.PyQt.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip


class ElidedToolTipDelegate(QStyledItemDelegate):
    """The usual item delegate, plus a tooltip with the whole text of a cell whose text does not fit."""

    def elided_text(self, view, index) -> str:
        """The whole text of ``index`` when the view shows it cut off, else ''."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None or text == "":
            return ""
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.rect = view.visualRect(index)
        self.initStyleOption(option, index)
        style = view.style() if view is not None else QApplication.style()
        room = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()
        needed = option.fontMetrics.horizontalAdvance(str(text)) + 6  # the style's text margins
        return str(text) if needed > room else ""

    def helpEvent(self, event, view, option, index):  # noqa: N802 - Qt's name
        if (
            event is not None
            and event.type() == QEvent.Type.ToolTip
            and index.isValid()
            and not index.data(Qt.ItemDataRole.ToolTipRole)
        ):
            full = self.elided_text(view, index)
            if full:
                QToolTip.showText(event.globalPos(), full, view)
                return True
        return super().helpEvent(event, view, option, index)
