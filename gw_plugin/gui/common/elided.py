"""Cut-off texts in the panels show their whole text as a tooltip: cells of lists and tables (a narrow dock elides a
well's name with "…"; hovering shows it) unless the model gives a tooltip of its own, combo boxes narrower than
their longest item (``ElidedComboBox``; ``shrink_combo_boxes`` for those built as plain QComboBox) and one-line
labels such as a long path (``ElidedLabel``). A panel built from these may be narrower than its texts, so that a
1366 × 768 window keeps room for the map."""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, QObject, QSize, Qt
from qgis.PyQt.QtGui import QPainter
from qgis.PyQt.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QToolTip,
    QWidget,
)


class ElidedToolTipDelegate(QStyledItemDelegate):
    """The usual item delegate, plus a tooltip with the whole text of a cell whose text does not fit."""

    def _option(self, view, index) -> QStyleOptionViewItem:
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.rect = view.visualRect(index)
        self.initStyleOption(option, index)
        return option

    def elided_text(self, view, index) -> str:
        """The whole text of ``index`` when the view shows it cut off, else ''."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if text is None or text == "":
            return ""
        option = self._option(view, index)
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


def _combo_label(combo: QComboBox):
    """The style option of ``combo`` and the px its current text has."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    room = field.width() - 4  # the style's text margin
    if not option.currentIcon.isNull():
        room -= option.iconSize.width() + 4
    return option, max(room, 0)


def combo_shown_text(combo: QComboBox) -> str:
    """The current text of ``combo`` as painted here (cut with "…" where it does not fit)."""
    option, room = _combo_label(combo)
    return combo.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)


def combo_is_elided(combo: QComboBox) -> bool:
    return bool(combo.currentText()) and combo_shown_text(combo) != combo.currentText()


def _paint_elided(combo: QComboBox) -> None:
    painter = QStylePainter(combo)
    option, room = _combo_label(combo)
    painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
    option.currentText = combo.fontMetrics().elidedText(option.currentText, Qt.TextElideMode.ElideRight, room)
    painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


def _show_whole(combo: QComboBox, event) -> bool:
    """A tooltip with the whole current text of a cut combo box (when it has no tooltip of its own)."""
    if not combo.toolTip() and combo_is_elided(combo):
        QToolTip.showText(event.globalPos(), combo.currentText(), combo)
        return True
    return False


class ElidedComboBox(QComboBox):
    """A combo box that may be narrower than its longest item (about ``chars`` characters at least): the current
    text is cut with "…" and shown whole as a tooltip; the list that drops down shows every item whole."""

    def __init__(self, parent=None, chars: int = 8):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLength)
        self.setMinimumContentsLength(chars)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def shown_text(self) -> str:
        return combo_shown_text(self)

    def is_elided(self) -> bool:
        return combo_is_elided(self)

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        if self.isEditable():  # the line edit draws (and scrolls) its own text
            super().paintEvent(event)
        else:
            _paint_elided(self)

    def event(self, event):
        if event.type() == QEvent.Type.ToolTip and _show_whole(self, event):
            return True
        return super().event(event)


class _ComboElider(QObject):
    """The same for combo boxes built as plain QComboBox elsewhere (``shrink_combo_boxes``)."""

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if isinstance(obj, QComboBox) and not obj.isEditable():
            if event.type() == QEvent.Type.Paint:
                _paint_elided(obj)
                return True
            if event.type() == QEvent.Type.ToolTip and _show_whole(obj, event):
                return True
        return False


_ELIDER: list = []  # the one event filter, made when first needed (a QApplication runs then)


def shrink_combo_boxes(widget: QWidget, chars: int = 8) -> int:
    """Let every plain, non-editable combo box in ``widget`` be narrower than its longest item, cut with "…" and
    whole as tooltip, as ``ElidedComboBox``; returns how many were changed."""
    if not _ELIDER:
        _ELIDER.append(_ComboElider())
    changed = 0
    for combo in widget.findChildren(QComboBox):
        if isinstance(combo, ElidedComboBox) or combo.isEditable():
            continue
        if combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLength:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLength)
            combo.setMinimumContentsLength(chars)
            combo.installEventFilter(_ELIDER[0])
            QApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))  # Qt keeps its old minimum size till then
            combo.updateGeometry()
            changed += 1
    return changed


class ElidedLabel(QLabel):
    """A one-line label that may be narrower than its text: cut with "…" (in the middle, where a path's file name
    stays readable) and shown whole as a tooltip. ``text()`` is the whole text."""

    def __init__(self, text: str = "", parent=None, mode=Qt.TextElideMode.ElideMiddle):
        super().__init__(text, parent)
        self.mode = mode
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def shown_text(self) -> str:
        room = self.contentsRect().width() - 2 * self.margin()
        return self.fontMetrics().elidedText(self.text(), self.mode, max(room, 0))

    def is_elided(self) -> bool:
        return bool(self.text()) and self.shown_text() != self.text()

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, hint.height())

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        painter = QPainter(self)
        rect = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(), -self.margin())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), self.shown_text())

    def event(self, event):
        if event.type() == QEvent.Type.ToolTip and not self.toolTip() and self.is_elided():
            QToolTip.showText(event.globalPos(), self.text(), self)
            return True
        return super().event(event)
