"""The "Project" dock panel: which project database the current QGIS project uses, its schema version, CRS and
the number of rows in each table. Registered with the dock registry (gui/common/docks.py) through ``DOCK``."""

from __future__ import annotations

import os
import sqlite3

from qgis.core import QgsCoordinateReferenceSystem, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...toolbelt.i18n import ui_language
from ..common.docks import DockSpec
from ..common.layer_binding import ProjectWatch
from ..common.project_database import project_database

OPEN_ACTION = "gw_plugin_open_database"  # objectName of the plugin's action (plugin.py)


def database_summary(path: str) -> dict:
    """Schema version, CRS and row count of every schema table of a project database (read-only).

    Keys: schema_version (int|None), crs (str), counts (dict table -> int|None; None = table missing)."""
    from ...core.data import gpkg
    from ...core.data import schema as S

    meta = gpkg.read_meta(path)
    uri = "file:{}?mode=ro".format(path.replace("?", "%3f").replace("#", "%23"))
    con = sqlite3.connect(uri, uri=True)
    try:
        present = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
        counts = {}
        for table in S.TABLES:
            if table.name in present:
                counts[table.name] = con.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()[0]
            else:
                counts[table.name] = None
    finally:
        con.close()
    version = meta.get("schema_version")
    return {
        "schema_version": int(version) if version and str(version).isdigit() else None,
        "crs": meta.get("crs", ""),
        "counts": counts,
    }


class ProjectPanel(QWidget):
    """Content of the Project dock."""

    def __init__(self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.setObjectName("gw_plugin_project_panel")

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.path_label = QLabel(self)
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version_label = QLabel(self)
        self.crs_label = QLabel(self)
        self.crs_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ProjectPanel", "Database:"), self.path_label)
        form.addRow(QCoreApplication.translate("ProjectPanel", "Schema version:"), self.version_label)
        form.addRow(QCoreApplication.translate("ProjectPanel", "CRS:"), self.crs_label)

        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("ProjectPanel", "Table"), QCoreApplication.translate("ProjectPanel", "Rows")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        self.open_button = QPushButton(
            QCoreApplication.translate("ProjectPanel", "&Open / create project database…"), self
        )
        self.open_button.clicked.connect(self.open_database)
        self.refresh_button = QPushButton(QCoreApplication.translate("ProjectPanel", "&Refresh"), self)
        self.refresh_button.setToolTip(QCoreApplication.translate("ProjectPanel", "Count the rows again"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._watch = ProjectWatch(self, self.project, self.refresh, 200, ("customVariablesChanged",))
        self.refresh()

    def open_database(self) -> None:
        """Run the plugin's "Open / create project database" action (found in the main window by its name)."""
        from qgis.PyQt.QtWidgets import QAction

        window = self.iface.mainWindow() if self.iface is not None else None
        action = window.findChild(QAction, OPEN_ACTION) if window is not None else None
        if action is not None:
            action.trigger()

    def schedule_refresh(self, *args) -> None:
        self._watch.schedule()

    def teardown(self) -> None:
        """Disconnect from the project before the dock is deleted."""
        self._watch.stop()

    def refresh(self) -> None:
        from ...core.data import gpkg
        from ...core.data import schema as S

        path = project_database(self.project)
        self.open_button.setVisible(not path)
        self.table.setRowCount(0)
        if not path:
            self._show_empty(
                QCoreApplication.translate(
                    "ProjectPanel", "No project database is loaded. Use “Open / create project database…”."
                )
            )
            return
        self.path_label.setText(path)
        self.path_label.setToolTip(path)
        if not os.path.exists(path):
            self._show_empty(
                QCoreApplication.translate(
                    "ProjectPanel", "The project database {path} does not exist any more."
                ).format(path=path),
                path,
            )
            return
        try:
            summary = database_summary(path)
        except (gpkg.SchemaError, sqlite3.Error) as exc:
            self._show_empty(str(exc), path)
            return
        self.status.setText(os.path.basename(path))
        version = summary["schema_version"]
        self.version_label.setText(
            QCoreApplication.translate("ProjectPanel", "{version} (this plugin: {current})").format(
                version=version, current=S.SCHEMA_VERSION
            )
            if version != S.SCHEMA_VERSION
            else str(version)
        )
        crs = QgsCoordinateReferenceSystem(summary["crs"])
        self.crs_label.setText(f"{summary['crs']} — {crs.description()}" if crs.isValid() else summary["crs"])
        zh = ui_language() == "zh"
        counts = summary["counts"]
        self.table.setRowCount(len(counts))
        for row, table in enumerate(S.TABLES):
            name = QTableWidgetItem(table.zh if zh else table.en)
            name.setToolTip(table.name)
            count = counts[table.name]
            number = QTableWidgetItem("—" if count is None else f"{count:,}")
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, number)

    def _show_empty(self, message: str, path: str = "") -> None:
        self.status.setText(message)
        self.path_label.setText(path or "—")
        self.version_label.setText("—")
        self.crs_label.setText("—")

    def row_counts(self) -> dict:
        """The counts shown, by table label (for tests and scripts)."""
        return {self.table.item(r, 0).toolTip(): self.table.item(r, 1).text() for r in range(self.table.rowCount())}


DOCK = DockSpec(
    key="project",
    title=lambda: QCoreApplication.translate("ProjectPanel", "Project database"),
    factory=ProjectPanel,
    icon="/mActionProjectProperties.svg",
    tooltip=lambda: QCoreApplication.translate(
        "ProjectPanel", "Show the open project database: schema version, CRS and rows per table"
    ),
    order=10,
)
