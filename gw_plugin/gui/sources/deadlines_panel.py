"""The deadlines panel (期限): the overdue list of the plans' deadline rules as of a date, with the counts by county,
all tasks on demand, and the list exported as a workbook (core/sources/deadlines.py). Works on the saved project
database; ``sourceActivated`` gives the uuid of a double-clicked task's source so the host can select it.
"""

from __future__ import annotations

from typing import Callable, Optional

from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.sources import deadlines as DL
from ...core.sources.rosters import RosterError
from ...toolbelt.i18n import tr

TR_CONTEXT = "DeadlinesPanel"  # the translation context of this module's texts


STATES = {"overdue": "逾期", "open": "未到期", "done": "已完成"}


class DeadlinesPanel(QWidget):
    """Tasks and overdue counts; ``database()`` gives the project GeoPackage path (or "")."""

    sourceActivated = pyqtSignal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, database: Callable[[], str], parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.database = database
        self.setObjectName("gw_plugin_deadlines_panel")
        self.tasks: list = []
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.all_tasks = QCheckBox(tr(TR_CONTEXT, "Show &all tasks"), self)
        self.export_button = QPushButton(tr(TR_CONTEXT, "&Export…"), self)
        top = QHBoxLayout()
        label = QLabel(tr(TR_CONTEXT, "As &of:"), self)
        label.setBuddy(self.day)
        top.addWidget(label)
        top.addWidget(self.day)
        top.addWidget(self.all_tasks)
        top.addStretch(1)
        top.addWidget(self.export_button)
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                tr(TR_CONTEXT, "County"),
                tr(TR_CONTEXT, "Enterprise"),
                tr(TR_CONTEXT, "Task"),
                tr(TR_CONTEXT, "Due"),
                tr(TR_CONTEXT, "Days overdue"),
                tr(TR_CONTEXT, "State"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        self.day.dateChanged.connect(lambda *_: self.reload())
        self.all_tasks.toggled.connect(lambda *_: self.reload())
        self.export_button.clicked.connect(lambda: self.export())
        self.table.cellDoubleClicked.connect(lambda row, _col: self.sourceActivated.emit(self.tasks[row].source_uuid))
        self.reload()

    def as_of(self):
        return self.day.date().toPyDate()

    def reload(self) -> None:
        path = self.database() or ""
        self.tasks = []
        if path:
            try:
                every = DL.tasks(path, self.as_of())
            except RosterError as exc:
                self.counts.setText(str(exc))
                every = []
            late = [t for t in every if t.state == "overdue"]
            self.tasks = every if self.all_tasks.isChecked() else late
            by_county = DL.counts_by_county(late)
            self.counts.setText(
                tr(TR_CONTEXT, "{n} overdue of {m} tasks").format(n=len(late), m=len(every))
                + ("：" + "，".join(f"{k} {v}" for k, v in by_county.items()) if by_county else "")
            )
        else:
            self.counts.setText(tr(TR_CONTEXT, "No project database."))
        self.table.setRowCount(len(self.tasks))
        for i, t in enumerate(self.tasks):
            for j, v in enumerate(
                (t.county_name, t.source_name, t.what_zh, t.due, t.days_overdue or "", STATES.get(t.state, t.state))
            ):
                self.table.setItem(i, j, QTableWidgetItem(str(v)))

    def export(self, path: Optional[str] = None) -> Optional[str]:
        """Write the overdue list as of the panel's date (asks for the file when ``path`` is None)."""
        if not self.database():
            return None
        if path is None:
            path, _f = QFileDialog.getSaveFileName(
                self, tr(TR_CONTEXT, "Export the overdue list"), "", tr(TR_CONTEXT, "Excel (*.xlsx)")
            )
            if not path:
                return None
        return DL.write_overdue_xlsx(path, self.database(), self.as_of())
