"""Widgets of the zoning dock (分区): the parameter table of a Processing step (values, with defaults labelled as
defaults), the version picker of zoning_units, the table of area changes between two versions, and the map tool
that reports a clicked point.

No business logic here: values go to the gwplugin algorithms, comparisons and site checks to gw_plugin.core.

Room to work (issue 17): in a dock of about 350 px the parameter table shows every name whole (wrapped onto more
lines, the name and the parameter's id as tooltip), the origin whole (wrapped when long) and gives the value the
rest of the width; the version picker cuts a long version name with "…" (whole as tooltip and in its list).
"""

from __future__ import annotations

import re

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
)
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import QCoreApplication, QEvent, QRect, Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
)

from ..common.elided import ElidedComboBox, ElidedToolTipDelegate

#: Where a parameter value came from (third column of the parameter table).
ORIGIN_DEFAULT = "default"
ORIGIN_PROJECT = "project"
ORIGIN_STEP = "step"
ORIGIN_USER = "user"
ORIGIN_NONE = "none"  # no value and no default (optional: left out; required: the user must give it)
ORIGIN_REQUIRED = "required"
ORIGIN_CONFIG = "config"  # left empty, the algorithm takes the value of its configuration file (a default too)


def origin_labels() -> dict:
    return {
        ORIGIN_DEFAULT: QCoreApplication.translate("ZoningWidgets", "default"),
        ORIGIN_PROJECT: QCoreApplication.translate("ZoningWidgets", "from the project"),
        ORIGIN_STEP: QCoreApplication.translate("ZoningWidgets", "from the previous step"),
        ORIGIN_USER: QCoreApplication.translate("ZoningWidgets", "edited"),
        ORIGIN_NONE: "",
        ORIGIN_REQUIRED: QCoreApplication.translate("ZoningWidgets", "required"),
        ORIGIN_CONFIG: QCoreApplication.translate("ZoningWidgets", "default (configuration)"),
    }


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


CELL_PADDING = 14  # px around a cell's text: the style's margins (2 × 3 px with Fusion), the grid line and some air


def wrapped_height(metrics, text: str, width: int) -> int:
    """px the ``text`` needs when wrapped at words into ``width`` px (Chinese wraps between characters)."""
    flags = int(Qt.TextFlag.TextWordWrap)
    return metrics.boundingRect(QRect(0, 0, max(width, 1), 100000), flags, text or " ").height()


#: a Chinese character (or full-width sign) stands alone: lines may break before and after it
_UNBREAKABLE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u200b\u3000-\u9fff\uff00-\uffef]+")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` with a line-break opportunity after each "_", "/" and ":" a word follows: a table name such as
    drinking_water_sources in a parameter's name wraps instead of being cut in a narrow column."""
    return re.sub(r"([_/:])(?=\w)", "\\1" + ZERO_WIDTH_SPACE, text or "")


def longest_word(metrics, text: str) -> int:
    """px of the widest unbreakable part of ``text`` (a word; a Chinese character stands alone)."""
    return max((metrics.horizontalAdvance(w) for w in _UNBREAKABLE.findall(text or "")), default=0)


class OneLineDelegate(QStyledItemDelegate):
    """Cells on one line in a table that wraps its other columns (a value such as a path, cut in the middle)."""

    def initStyleOption(self, option, index):  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


class ParameterTable(QTableWidget):
    """Parameters of one algorithm: description, value (text, combo for enums, check box for booleans) and where
    the value came from; defaults are labelled "default". ``values()`` returns the dict for processing.run."""

    COL_NAME, COL_VALUE, COL_ORIGIN = 0, 1, 2

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ZoningWidgets", "Parameter"),
                QCoreApplication.translate("ZoningWidgets", "Value"),
                QCoreApplication.translate("ZoningWidgets", "Source"),
            ]
        )
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.COL_NAME, QHeaderView.ResizeMode.Interactive)  # fit_columns, or the user
        header.setSectionResizeMode(self.COL_VALUE, QHeaderView.ResizeMode.Stretch)  # the rest of the width
        header.setSectionResizeMode(self.COL_ORIGIN, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(self.COL_NAME, 220)
        self.setWordWrap(True)  # names and origins wrap onto more lines rather than being cut
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long path keeps its file name in view
        self.setItemDelegateForColumn(self.COL_VALUE, OneLineDelegate(self))  # a path: one line, whole as tooltip
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # every column in view
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.params: list = []
        self._filling = False
        self.itemChanged.connect(self._edited)

    def set_algorithm(self, algorithm, values: dict, origins: dict) -> None:
        """Show the (non-hidden) parameters of ``algorithm``; ``values`` override the defaults, ``origins`` say
        where each given value came from (ORIGIN_*)."""
        self._filling = True
        self.setRowCount(0)
        self.params = []
        labels = origin_labels()
        for p in algorithm.parameterDefinitions():
            if p.flags() & QgsProcessingParameterDefinition.Flag.FlagHidden:
                continue
            row = self.rowCount()
            self.insertRow(row)
            self.params.append(p)
            name = QTableWidgetItem(breakable(p.description()))
            name.setToolTip(f"{p.description()} ({p.name()})")
            name.setData(Qt.ItemDataRole.UserRole, p.name())
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, self.COL_NAME, name)
            given = p.name() in values
            value = values[p.name()] if given else p.defaultValue()
            origin = origins.get(p.name(), ORIGIN_USER) if given else ORIGIN_DEFAULT
            if not given and value in (None, ""):
                optional = bool(p.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional)
                origin = ORIGIN_NONE if optional else ORIGIN_REQUIRED
                if optional and "empty =" in p.description():
                    origin = ORIGIN_CONFIG
            if isinstance(p, QgsProcessingParameterEnum):
                combo = ElidedComboBox(self, 6)
                combo.addItems(list(p.options()))
                try:
                    combo.setCurrentIndex(int(value) if value not in (None, "") else -1)
                except (TypeError, ValueError):
                    combo.setCurrentText(str(value))
                combo.currentIndexChanged.connect(lambda _i, r=row: self._mark_user(r))
                self.setCellWidget(row, self.COL_VALUE, combo)
            elif isinstance(p, QgsProcessingParameterBoolean):
                box = QCheckBox(self)
                box.setChecked(bool(value))
                box.toggled.connect(lambda _c, r=row: self._mark_user(r))
                self.setCellWidget(row, self.COL_VALUE, box)
            else:
                item = QTableWidgetItem(_text(value))
                item.setToolTip(_text(value))
                self.setItem(row, self.COL_VALUE, item)
            item = QTableWidgetItem(labels[origin])
            item.setData(Qt.ItemDataRole.UserRole, origin)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if origin == ORIGIN_REQUIRED:
                item.setForeground(QBrush(QColor("#b2182b")))
            if origin in (ORIGIN_DEFAULT, ORIGIN_CONFIG):
                item.setForeground(QBrush(QColor("#7a5c00")))
                item.setToolTip(
                    QCoreApplication.translate(
                        "ZoningWidgets", "The plugin's default: check it against your city's data and rules."
                    )
                )
            self.setItem(row, self.COL_ORIGIN, item)
        self._filling = False
        self.fit_columns()

    # -- room to work ---------------------------------------------------------------------------------------------

    def column_texts(self, column: int) -> list:
        return [self.item(r, column).text() for r in range(self.rowCount()) if self.item(r, column) is not None]

    def fit_columns(self) -> None:
        """Widths for the dock's width: the origin whole (at most a quarter of the width: then wrapped), the value at
        least a quarter, the names the rest up to their one-line width (wrapped, never narrower than their longest
        word); every row as high as its wrapped texts."""
        room = self.viewport().width()
        if room <= 0:
            return
        fm = self.fontMetrics()
        header = self.horizontalHeader()

        def need(column, texts):
            widest = max((fm.horizontalAdvance(t) for t in texts), default=0)
            return max(widest + CELL_PADDING, header.sectionSizeHint(column))

        def words(texts):
            return max((longest_word(fm, t) for t in texts), default=0) + CELL_PADDING

        origins = self.column_texts(self.COL_ORIGIN) + list(origin_labels().values())
        origin = min(need(self.COL_ORIGIN, origins), max(room // 4, words(origins)))
        names = self.column_texts(self.COL_NAME)
        name = max(min(need(self.COL_NAME, names), room - origin - room // 4), words(names))
        for column, width in ((self.COL_NAME, name), (self.COL_ORIGIN, origin)):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)
        self.resizeRowsToContents()

    def viewportEvent(self, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
            self.fit_columns()  # the dock was resized
        return super().viewportEvent(event)

    def row_of(self, name: str) -> int:
        for row, p in enumerate(self.params):
            if p.name() == name:
                return row
        return -1

    def origin(self, name: str) -> str:
        row = self.row_of(name)
        return self.item(row, self.COL_ORIGIN).data(Qt.ItemDataRole.UserRole) if row >= 0 else ""

    def set_value(self, name: str, value) -> None:
        """Set a value as the user would (marks it edited)."""
        row = self.row_of(name)
        widget = self.cellWidget(row, self.COL_VALUE)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(int(value))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            self.item(row, self.COL_VALUE).setText(_text(value))

    def _edited(self, item: QTableWidgetItem) -> None:
        if not self._filling and item.column() == self.COL_VALUE:
            self._mark_user(item.row())

    def _mark_user(self, row: int) -> None:
        item = self.item(row, self.COL_ORIGIN)
        if item is None:
            return
        item.setText(origin_labels()[ORIGIN_USER])
        item.setData(Qt.ItemDataRole.UserRole, ORIGIN_USER)
        item.setForeground(QBrush())
        item.setToolTip("")

    def values(self) -> dict:
        """Parameter values for processing.run (empty optional values left out)."""
        out = {}
        for row, p in enumerate(self.params):
            widget = self.cellWidget(row, self.COL_VALUE)
            if isinstance(widget, QComboBox):
                if widget.currentIndex() >= 0:
                    out[p.name()] = widget.currentIndex()
                continue
            if isinstance(widget, QCheckBox):
                out[p.name()] = widget.isChecked()
                continue
            text = self.item(row, self.COL_VALUE).text().strip()
            if not text:
                continue
            if isinstance(p, QgsProcessingParameterNumber):
                try:
                    out[p.name()] = (
                        float(text) if p.dataType() == QgsProcessingParameterNumber.Type.Double else int(float(text))
                    )
                except ValueError:
                    out[p.name()] = text  # the algorithm reports the invalid value
            else:
                out[p.name()] = text
        return out


class VersionCombo(ElidedComboBox):
    """The versions of zoning_units (core.zoning.compare.ZoningVersion), newest first; data = (scheme, version)."""

    def set_versions(self, versions, lang: str = "zh") -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for v in versions:
            self.addItem(f"{v.label(lang)} — {v.zones} / {v.area_km2:.1f} km²", v.key)
        idx = self.index_of(current) if current is not None else -1
        self.setCurrentIndex(idx if idx >= 0 else (0 if versions else -1))
        self.blockSignals(False)

    def index_of(self, key) -> int:
        """Row of the version ``key`` = (scheme, version), -1 when absent (findData does not compare tuples)."""
        for i in range(self.count()):
            if tuple(self.itemData(i) or ()) == tuple(key):
                return i
        return -1

    def select(self, key) -> bool:
        idx = self.index_of(key)
        if idx >= 0:
            self.setCurrentIndex(idx)
        return idx >= 0

    def version(self):
        return self.currentData()


class ChangeTable(QTableWidget):
    """Zone class | area in A | area in B | change (km²), then the class transitions of the comparison."""

    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ZoningWidgets", "Zone class / change"),
                QCoreApplication.translate("ZoningWidgets", "A (km²)"),
                QCoreApplication.translate("ZoningWidgets", "B (km²)"),
                QCoreApplication.translate("ZoningWidgets", "Change (km²)"),
            ]
        )
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            self.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # a narrow dock: "Zone class / …"
        self.setItemDelegate(ElidedToolTipDelegate(self))  # a cut change label whole as tooltip
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def show_result(self, res, lang: str = "zh", county_names: dict | None = None) -> None:
        from ...core.zoning import compare as ZC

        self.setRowCount(0)

        def add(cells, bold=False):
            row = self.rowCount()
            self.insertRow(row)
            for col, value in enumerate(cells):
                item = QTableWidgetItem(
                    value if isinstance(value, str) else f"{value:+.3f}" if col == 3 else f"{value:.3f}"
                )
                if col:
                    item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
                if bold:
                    f = item.font()
                    f.setBold(True)
                    item.setFont(f)
                self.setItem(row, col, item)

        for r in res.table:
            add([ZC.class_label(r["zone_class"], lang), r["area_a_km2"], r["area_b_km2"], r["change_km2"]])
        add([QCoreApplication.translate("ZoningWidgets", "Changed class"), "", "", res.changed_km2], bold=True)
        for t in res.transitions:
            add([ZC.change_label(t["from_class"], t["to_class"], lang), "", "", t["area_km2"]])
        if res.by_county:
            add([QCoreApplication.translate("ZoningWidgets", "By county"), "", "", ""], bold=True)
            names = county_names or {}
            for r in res.by_county:
                where = names.get(r["county_code"]) or r["county_code"]
                add([f"{where}: {ZC.change_label(r['from_class'], r['to_class'], lang)}", "", "", r["area_km2"]])


class PointTool(QgsMapToolEmitPoint):
    """Emits ``picked(QgsPointXY in the canvas CRS)`` on a left click."""

    picked = pyqtSignal(object)

    def __init__(self, canvas):
        super().__init__(canvas)
        self.canvasClicked.connect(self._clicked)

    def _clicked(self, point, button) -> None:
        if button == Qt.MouseButton.LeftButton:
            self.picked.emit(point)
