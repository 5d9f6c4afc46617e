"""The list of the Sources dock (污染源): a table of the filtered sources that shows at least ``MIN_ROWS`` rows, keeps
a source's code whole and its category readable at the width of a dock beside QGIS's own (issue 17: at 1366 × 768
the list showed 3.5 rows and cut the category), gives the name the rest of the width (cut names show the whole
name as a tooltip) and leaves the roster and workflow columns beyond, reached by scrolling sideways."""

from __future__ import annotations

import heapq

from qgis.PyQt.QtCore import QEvent, QSize
from qgis.PyQt.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ...core.data import schema as S
from ..common.elided import ElidedToolTipDelegate

COL_CODE, COL_NAME, COL_CATEGORY = 0, 1, 2
CELL_PADDING = 14  # px around a cell's text: the style's margins (2 × 3 px with Fusion), the grid line and some air


class SourcesListView(QTableView):
    """The sources list: compact rows, whole codes, readable categories, at least ``MIN_ROWS`` rows high."""

    MIN_ROWS = 8  # rows always in view, 1366 × 768 included
    WANTED_ROWS = 14  # rows it asks for when there is room

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_sources_list")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.row_height())  # compact rows
        self.setWordWrap(False)
        self.setItemDelegate(ElidedToolTipDelegate(self))  # the whole text where it is cut
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # rosters and workflows: their texts
        for column in (COL_CODE, COL_NAME, COL_CATEGORY):  # sized by fit_columns, and by the user
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        model.modelReset.connect(self.fit_columns)
        model.layoutChanged.connect(self.fit_columns)

    def row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def height_for_rows(self, rows: int) -> int:
        """px the view needs to show ``rows`` whole rows under its header, with a horizontal scroll bar."""
        return (
            self.horizontalHeader().sizeHint().height()
            + rows * self.row_height()
            + self.horizontalScrollBar().sizeHint().height()
            + 2 * self.frameWidth()
        )

    def visible_rows(self) -> float:
        """Rows the viewport has room for (whole and part)."""
        return self.viewport().height() / max(self.verticalHeader().defaultSectionSize(), 1)

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(hint.width(), self.height_for_rows(self.MIN_ROWS))

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(hint.width(), self.height_for_rows(self.WANTED_ROWS))

    # -- columns ----------------------------------------------------------------------------------------------

    def text_width(self, column: int) -> int:
        """px the header and the longest text of ``column`` need: categories from the code list (every one, so that
        the column keeps its width while the filter changes), other columns from the longest texts of the rows."""
        model = self.model()
        key = model.COLUMNS[column]
        if key == "category":
            texts = [model.text({"category": c.code}, key) for c in S.codelist("source_category").codes]
        else:  # the widest texts are among the longest (a code list of 100,000 sources: a quick look)
            texts = heapq.nlargest(20, (model.text(row, key) for row in model.rows), key=len)
        widest = max((self.fontMetrics().horizontalAdvance(t) for t in texts), default=0)
        return max(widest + CELL_PADDING, self.horizontalHeader().sectionSizeHint(column))

    def name_minimum(self) -> int:
        return max(self.fontMetrics().horizontalAdvance("汉" * 6), 64)  # a long name's start; whole as tooltip

    def fit_columns(self, *args) -> None:
        """Code whole, category whole while the name keeps ``name_minimum`` (else cut, with its tooltip), the name
        the rest of the viewport."""
        model = self.model()
        if model is None or model.columnCount() <= COL_CATEGORY:
            return
        room = self.viewport().width()
        code = self.text_width(COL_CODE)
        category = self.text_width(COL_CATEGORY)
        name_min = self.name_minimum()
        if code + category + name_min > room:  # too narrow for all three whole: the category gives first
            category = max(room - code - name_min, min(category, self.fontMetrics().horizontalAdvance("汉" * 3)))
        name = max(room - code - category, name_min)
        header = self.horizontalHeader()
        for column, width in ((COL_CODE, code), (COL_NAME, name), (COL_CATEGORY, category)):
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def viewportEvent(self, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and event.size().width() != event.oldSize().width():
            self.fit_columns()  # the dock resized, or the vertical scroll bar came or went
        return super().viewportEvent(event)
