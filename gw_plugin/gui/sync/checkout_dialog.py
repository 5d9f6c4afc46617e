"""The Check out dialog of the Sync dock: check out counties of the platform into a new project database
(gwplugin:checkout in a QgsTask), then open it in the project. Opened by ``dock_sync.SyncPanel.open_checkout``.
"""

from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ...toolbelt.i18n import tr
from ...toolbelt.qt import keep_until_finished

TR_CONTEXT = "SyncPanel"  # the translation context of this module's texts


class CheckoutDialog(QDialog):
    """Check out counties of the platform into a new project database (gwplugin:checkout in a task), then open it.

    ``checked_out(path)`` when the new file is open in the project; ``failed(message)`` otherwise."""

    checked_out = pyqtSignal(str)
    failed = pyqtSignal(str)

    def __init__(self, platform: str, parent=None, project: QgsProject | None = None, lang: str = "zh"):
        super().__init__(parent)
        self.setObjectName("gw_plugin_checkout_dialog")
        self.setWindowTitle(tr(TR_CONTEXT, "Check out from the platform"))
        self.project = project or QgsProject.instance()
        self.lang = lang
        self.task = None
        self._closed = False

        self.platform_edit = QLineEdit(platform, self)
        self.platform_edit.setToolTip(tr(TR_CONTEXT, "Connection string without password (authcfg=… for credentials)"))
        self.load_button = QPushButton(tr(TR_CONTEXT, "&Load counties"), self)
        self.load_button.clicked.connect(self.load_counties)
        self.counties = QListWidget(self)
        self.counties.setObjectName("checkout_counties")
        self.counties.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.output_edit = QLineEdit(self)
        self.browse_button = QPushButton(tr(TR_CONTEXT, "&Browse…"), self)
        self.browse_button.clicked.connect(self._browse)

        platform_row = QHBoxLayout()
        platform_row.addWidget(self.platform_edit, 1)
        platform_row.addWidget(self.load_button)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit, 1)
        output_row.addWidget(self.browse_button)
        form = QFormLayout()
        p_label = QLabel(tr(TR_CONTEXT, "&Platform:"), self)
        p_label.setBuddy(self.platform_edit)
        c_label = QLabel(tr(TR_CONTEXT, "&Counties:"), self)
        c_label.setBuddy(self.counties)
        o_label = QLabel(tr(TR_CONTEXT, "&Output file:"), self)
        o_label.setBuddy(self.output_edit)
        form.addRow(p_label, platform_row)
        form.addRow(c_label, self.counties)
        form.addRow(o_label, output_row)

        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.run_button = self.buttons.addButton(tr(TR_CONTEXT, "Chec&k out"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.run_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self._cancel_or_close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if platform:
            self.load_counties()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr(TR_CONTEXT, "New project database"), self.output_edit.text(), tr(TR_CONTEXT, "GeoPackage (*.gpkg)")
        )
        if path:
            self.output_edit.setText(path if path.lower().endswith(".gpkg") else path + ".gpkg")

    def load_counties(self) -> bool:
        from .platform_settings import platform_counties

        self.counties.clear()
        try:
            rows = platform_counties(self.platform_edit.text().strip())
        except Exception as exc:  # connection refused, not a platform: shown, not raised
            self.message.setText(str(exc).strip())
            return False
        for code, name, writable in rows:
            text = f"{code} {name}" if name and name != code else code
            if not writable:
                text += " " + tr(TR_CONTEXT, "(read only)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.counties.addItem(item)
        self.message.setText(tr(TR_CONTEXT, "{n} counties on the platform.").format(n=len(rows)))
        return True

    def select_counties(self, codes) -> None:
        codes = set(codes)
        for i in range(self.counties.count()):
            item = self.counties.item(i)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in codes)

    def selected_counties(self) -> list:
        return [
            self.counties.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.counties.count())
            if self.counties.item(i).isSelected()
        ]

    def run(self):
        from ..common.tasks import ProcessingTask

        counties = self.selected_counties()
        output = self.output_edit.text().strip()
        if not counties:
            self.message.setText(tr(TR_CONTEXT, "Choose at least one county."))
            return None
        if not output:
            self.message.setText(tr(TR_CONTEXT, "Choose the output file."))
            return None
        if not output.lower().endswith(".gpkg"):
            output += ".gpkg"
        task = ProcessingTask(
            tr(TR_CONTEXT, "Checking out {counties}").format(counties=", ".join(counties)),
            "gwplugin:checkout",
            {"PLATFORM": self.platform_edit.text().strip(), "COUNTIES": ",".join(counties), "OUTPUT": output},
        )
        if not task.prepared:
            self.message.setText(task.error)
            return None
        self.task = task
        task.completed.connect(lambda ok, results, error: self._done(ok, results, error))
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.run_button.setEnabled(False)
        self.message.setText(tr(TR_CONTEXT, "Checking out…"))
        QgsApplication.taskManager().addTask(task)
        return task

    def _cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            return
        self.reject()

    def reject(self) -> None:
        """Closing while a check-out runs cancels it (the file appears only when complete)."""
        if self.task is not None:
            keep_until_finished(self.task)
            self.task.cancel()
            self.task = None
            self._closed = True
        super().reject()

    def _done(self, ok: bool, results: dict, error: str) -> None:
        if self._closed:
            return
        self.task = None
        self.progress.setVisible(False)
        self.run_button.setEnabled(True)
        if not ok:
            message = error or tr(TR_CONTEXT, "Check-out canceled.")
            self.message.setText(message)
            self.failed.emit(message)
            return
        path = results.get("OUTPUT")
        qgz = results.get("PROJECT_FILE")
        try:
            if qgz and os.path.exists(qgz):
                self.project.read(qgz)
            else:
                from ...core.data import qgis_project

                self.project.clear()
                qgis_project.load_into_project(path, self.project, self.lang)
        except Exception as exc:
            self.message.setText(str(exc))
            self.failed.emit(str(exc))
            return
        self.message.setText(
            tr(TR_CONTEXT, "{rows} features checked out into {path}.").format(
                rows=int(results.get("ROWS", 0)), path=path
            )
        )
        self.checked_out.emit(path)
        self.accept()
