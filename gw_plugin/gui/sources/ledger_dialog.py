"""Ledger import dialog: a bureau's XLSX/CSV ledger of pollution sources, abandoned wells or monitoring wells — or of
records of the sources: roster lists, inspection ledgers, discharge permits — into the project database
(core/sources/ledgers.py).

File + worksheet + target table; one mapping combo per target field, pre-filled by ``ledgers.guess`` and
savable as a named preset (QgsSettings, per target table); "Validate" shows the report — every issue (row, column,
severity, message) and every change an update would make — and "Import" writes in one all-or-nothing transaction,
refused while the ledger has errors unless "Import only the valid rows" is ticked, and disabled while nothing can be
imported. Worksheets: the visible ones first, hidden ones listed and marked; title and note rows above the header
(as in the plugin's own exported rosters) are skipped, or the header row is chosen. The database is checked before
validating (locked, read-only, damaged: said in plain words). Validation and import run in a QgsTask (progress in
the QGIS task bar, never blocking the window); a cancel while writing rolls the transaction back. Target tables and
fields are named in the plugin's language only (issue 17: they were bilingual and cut), each field's label whole,
its column name in the database as tooltip.
"""

from __future__ import annotations

import json
import os
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import db_errors, tabular
from ...core.data import schema as S
from ...core.sources import ledgers as L
from ...toolbelt import settings
from ...toolbelt.i18n import pick, ui_language
from ...toolbelt.log import log
from ..common.elided import ElidedComboBox
from ..common.screen import start_size

EXTRA_TARGETS = ("lon", "lat", "x", "y", "county")
#: labels (zh, en) of the targets that are not columns: coordinates and the county by name
EXTRA_LABELS = {
    "lon": ("经度", "Longitude"),
    "lat": ("纬度", "Latitude"),
    "x": ("X (m)", "X (m)"),
    "y": ("Y (m)", "Y (m)"),
    "county": ("县区名称", "County name"),
}
SYSTEM = {"fid", "uuid", "created_at", "created_by", "updated_at", "updated_by"}


def presets(table: str) -> dict:
    """{name: {field: column header}} saved for a target table."""
    raw = settings.LEDGER_PRESETS.get(table=table)
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): dict(v) for k, v in data.items() if isinstance(v, dict)}


def save_preset(table: str, name: str, columns: dict) -> None:
    data = presets(table)
    data[name] = {k: v for k, v in columns.items() if v}
    settings.LEDGER_PRESETS.set(json.dumps(data, ensure_ascii=False), table=table)


def delete_preset(table: str, name: str) -> None:
    data = presets(table)
    data.pop(name, None)
    settings.LEDGER_PRESETS.set(json.dumps(data, ensure_ascii=False), table=table)


SOURCE_KEYS = ("uscc", "source_code", "name_zh")  # how a record of a source names its source


def target_fields(table: str) -> list:
    if L.is_linked(table):  # the source is named by its codes or name; the link itself is made on import
        own = [f.name for f in S.table(table).all_fields() if f.name not in SYSTEM and f.name != "source_uuid"]
        return list(SOURCE_KEYS) + own
    names = [f.name for f in S.table(table).all_fields() if f.name not in SYSTEM]
    return names + [e for e in EXTRA_TARGETS if S.table(table).geometry]


class LedgerTask(QgsTask):
    """Runs ``work()`` in the task's thread; ``done(ok, result, error)`` is emitted from finished()."""

    done = pyqtSignal(bool, object, str)

    def __init__(self, description: str, work: Callable[[], object]):
        super().__init__(description, QgsTask.Flag.CanCancel)
        self.work = work
        self.result = None
        self.error = ""

    def run(self) -> bool:
        try:
            self.result = self.work()
        except InterruptedError:
            self.error = QCoreApplication.translate("LedgerImportDialog", "Canceled: nothing was written.")
            return False
        except (tabular.TableReadError, db_errors.DatabaseProblemError, L.LedgerRefusedError) as exc:
            self.error = str(exc)  # one sentence for the user already
            return False
        except Exception as exc:  # reported in finished(), never raised in a thread; the detail goes to the log
            log(f"{self.description()}: {type(exc).__name__}: {exc}", "warning")
            self.error = db_errors.explain(exc, "") if db_errors.kind_of(exc) else (str(exc) or type(exc).__name__)
            return False
        return True  # finished: the result stands even if Cancel came too late to stop it

    def finished(self, result: bool) -> None:
        self.done.emit(bool(result), self.result, self.error)


class LedgerImportDialog(QDialog):
    """Map, validate and import a ledger into ``database``."""

    validated = pyqtSignal(object)  # ledgers.LedgerReport
    imported = pyqtSignal(object)  # ledgers.LedgerReport after writing

    def __init__(self, database: Optional[str], parent: Optional[QWidget] = None, lang: Optional[str] = None):
        super().__init__(parent)
        self.setObjectName("gw_plugin_ledger_dialog")
        self.lang = lang or ui_language()
        self.setWindowTitle(QCoreApplication.translate("LedgerImportDialog", "Import a ledger"))
        self.database = database
        self.table: Optional[tabular.Table] = None
        self.report: Optional[L.LedgerReport] = None
        self.task: Optional[LedgerTask] = None
        tr = QCoreApplication.translate

        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("file")
        browse = QPushButton(tr("LedgerImportDialog", "&Browse…"), self)
        browse.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setObjectName("sheet")
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("header_row")
        self.header_spin.setRange(0, 1000)
        self.header_spin.setSpecialValueText(tr("LedgerImportDialog", "found automatically"))
        self.target_combo = QComboBox(self)
        self.target_combo.setObjectName("target")
        for name in L.TARGETS:
            t = S.table(name)
            self.target_combo.addItem(pick((t.zh, t.en), self.lang), name)
        self.preset_combo = QComboBox(self)
        self.preset_combo.setObjectName("preset")
        save = QPushButton(tr("LedgerImportDialog", "&Save preset…"), self)
        save.clicked.connect(self.save_preset_dialog)
        delete = QPushButton(tr("LedgerImportDialog", "Delete preset"), self)
        delete.clicked.connect(self.delete_current_preset)
        preset_row = QHBoxLayout()
        preset_row.addWidget(self.preset_combo, 1)
        preset_row.addWidget(save)
        preset_row.addWidget(delete)

        form = QFormLayout()
        for text, item in (
            (tr("LedgerImportDialog", "&File:"), file_row),
            (tr("LedgerImportDialog", "&Worksheet:"), self.sheet_combo),
            (tr("LedgerImportDialog", "&Header row:"), self.header_spin),
            (tr("LedgerImportDialog", "&Target table:"), self.target_combo),
            (tr("LedgerImportDialog", "&Preset:"), preset_row),
        ):
            label = QLabel(text, self)
            if isinstance(item, QWidget):
                label.setBuddy(item)
            else:
                label.setBuddy(self.file_edit if item is file_row else self.preset_combo)
            form.addRow(label, item)

        self.mapping = QTableWidget(0, 2, self)
        self.mapping.setObjectName("mapping")
        self.mapping.setHorizontalHeaderLabels(
            [tr("LedgerImportDialog", "Field"), tr("LedgerImportDialog", "Ledger column")]
        )
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # whole
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping.setTabKeyNavigation(False)

        self.valid_only = QCheckBox(tr("LedgerImportDialog", "Import only the valid &rows"), self)
        self.valid_only.setObjectName("valid_only")
        self.report_view = QPlainTextEdit(self)
        self.report_view.setObjectName("report")
        self.report_view.setReadOnly(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.validate_button = self.buttons.addButton(
            tr("LedgerImportDialog", "&Validate"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.import_button = self.buttons.addButton(
            tr("LedgerImportDialog", "&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.validate_button.clicked.connect(self.validate)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(False)
        self.valid_only.toggled.connect(lambda *_: self._busy(self.task is not None))

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.mapping, 2)
        layout.addWidget(self.valid_only)
        layout.addWidget(self.report_view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(start_size(self, 720, 640))  # within the screen (1366 × 768 laptops)

        self.file_edit.editingFinished.connect(self.load_file)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin.editingFinished.connect(self._header_changed)
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.preset_combo.activated.connect(self._preset_chosen)
        self._target_changed()

    # -- file and mapping -------------------------------------------------------------------------------------

    def target(self) -> str:
        return self.target_combo.currentData()

    def browse(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("LedgerImportDialog", "Ledger"),
            "",
            QCoreApplication.translate("LedgerImportDialog", "Ledgers (*.xlsx *.xls *.csv *.txt)"),
        )
        if path:
            self.set_file(path)

    def set_file(self, path: str, sheet: Optional[str] = None) -> bool:
        if path != self.file_edit.text().strip():
            self.header_spin.setValue(0)
        self.file_edit.setText(path)
        return self.load_file(sheet)

    def load_file(self, sheet: Optional[str] = None) -> bool:
        path = self.file_edit.text().strip()
        self.report = None
        self.import_button.setEnabled(False)
        if not path or not os.path.isfile(path):
            self.table = None
            self._fill_mapping()
            return False
        self._header_choice = self.header_spin.value()
        try:
            self.table = tabular.read_table(path, sheet=sheet or None, header_row=self._header_choice or None)
        except (tabular.TableReadError, OSError) as exc:  # one sentence naming the file and line
            self.table = None
            self.status.setText(str(exc))
            self._fill_mapping()
            return False
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        hidden = set(self.table.hidden_sheets)
        for name in [n for n in self.table.sheets if n not in hidden] + [n for n in self.table.sheets if n in hidden]:
            label = name
            if name in hidden:
                label = QCoreApplication.translate("LedgerImportDialog", "{sheet} (hidden)").format(sheet=name)
            self.sheet_combo.addItem(label, name)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(self.table.sheet)))
        self.sheet_combo.setEnabled(bool(self.table.sheets))
        self.sheet_combo.blockSignals(False)
        text = QCoreApplication.translate(
            "LedgerImportDialog", "{n} rows, {c} columns{enc}; header in row {h}."
        ).format(
            n=self.table.nrows,
            c=len(self.table.headers),
            enc=f" ({self.table.encoding})" if self.table.encoding else "",
            h=self.table.header_row,
        )
        missing = tabular.pandas_missing_message()
        self.status.setText(text + (" " + missing if missing else ""))
        self.apply_mapping(L.guess(self.table, self.target()).columns)
        return True

    def _sheet_changed(self, *args) -> None:
        sheet = self.sheet_combo.currentData()
        if sheet and self.table is not None and sheet != self.table.sheet:
            self.header_spin.setValue(0)
            self.load_file(sheet)

    def _header_changed(self) -> None:
        if self.table is not None and self.header_spin.value() != getattr(self, "_header_choice", 0):
            self.load_file(self.table.sheet or None)

    def _target_changed(self, *args) -> None:
        self.report = None
        self.import_button.setEnabled(False)
        self._fill_presets()
        if self.table is not None:
            self.apply_mapping(L.guess(self.table, self.target()).columns)
        else:
            self._fill_mapping()

    def _fill_mapping(self, columns: Optional[dict] = None) -> None:
        fields = target_fields(self.target())
        headers = self.table.headers if self.table is not None else []
        t = S.table(self.target())
        self.mapping.setRowCount(len(fields))
        for i, name in enumerate(fields):
            try:
                f = (S.table("pollution_sources") if name in SOURCE_KEYS and L.is_linked(t.name) else t).field(name)
                label = f.label(self.lang) + (" *" if f.required and name not in SOURCE_KEYS else "")
            except KeyError:
                label = pick(EXTRA_LABELS[name], self.lang)
            item = QTableWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)  # the column in the database
            self.mapping.setItem(i, 0, item)
            combo = ElidedComboBox(self.mapping)
            combo.addItem("—", "")
            for h in headers:
                combo.addItem(h, h)
            value = (columns or {}).get(name, "")
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.currentIndexChanged.connect(self._mapping_edited)
            self.mapping.setCellWidget(i, 1, combo)

    def apply_mapping(self, columns: dict) -> None:
        self._fill_mapping(columns)

    def _mapping_edited(self, *args) -> None:
        self.report = None
        self.import_button.setEnabled(False)

    def set_column(self, field_name: str, header: str) -> None:
        for i in range(self.mapping.rowCount()):
            if self.mapping.item(i, 0).data(Qt.ItemDataRole.UserRole) == field_name:
                combo = self.mapping.cellWidget(i, 1)
                combo.setCurrentIndex(max(0, combo.findData(header)))
                return
        raise KeyError(field_name)

    def current_mapping(self) -> L.LedgerMapping:
        cols = {}
        for i in range(self.mapping.rowCount()):
            header = self.mapping.cellWidget(i, 1).currentData()
            if header:
                cols[self.mapping.item(i, 0).data(Qt.ItemDataRole.UserRole)] = header
        return L.LedgerMapping(self.target(), cols)

    # -- presets ----------------------------------------------------------------------------------------------

    def _fill_presets(self) -> None:
        self.preset_combo.clear()
        self.preset_combo.addItem(QCoreApplication.translate("LedgerImportDialog", "(guessed from the headers)"), "")
        for name in sorted(presets(self.target())):
            self.preset_combo.addItem(name, name)

    def _preset_chosen(self, *args) -> None:
        self.use_preset(self.preset_combo.currentData() or "")

    def use_preset(self, name: str) -> None:
        if not name:
            if self.table is not None:
                self.apply_mapping(L.guess(self.table, self.target()).columns)
            return
        self.apply_mapping(presets(self.target()).get(name, {}))
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(name)))

    def save_preset_dialog(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("LedgerImportDialog", "Save preset"),
            QCoreApplication.translate("LedgerImportDialog", "Name of the mapping preset:"),
        )
        if ok and name.strip():
            self.save_current_preset(name.strip())

    def save_current_preset(self, name: str) -> None:
        save_preset(self.target(), name, self.current_mapping().columns)
        self._fill_presets()
        self.preset_combo.setCurrentIndex(self.preset_combo.findData(name))

    def delete_current_preset(self) -> None:
        name = self.preset_combo.currentData()
        if name:
            delete_preset(self.target(), name)
            self._fill_presets()

    # -- validate and import ----------------------------------------------------------------------------------

    def can_import(self) -> bool:
        """A validated ledger with rows to write, and no errors or "only the valid rows" ticked."""
        rep = self.report
        return rep is not None and bool(rep.rows) and (not rep.errors or self.valid_only.isChecked())

    def _busy(self, busy: bool) -> None:
        self.validate_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.can_import())

    def _start(self, description: str, work, slot) -> Optional[LedgerTask]:
        if self.table is None or not self.database:
            self.status.setText(QCoreApplication.translate("LedgerImportDialog", "Choose a ledger file first."))
            return None
        task = LedgerTask(description, work)
        task.done.connect(slot)
        self.task = task
        self._busy(True)
        QgsApplication.taskManager().addTask(task)
        return task

    def validate(self) -> Optional[LedgerTask]:
        table, db, mapping = self.table, self.database, self.current_mapping()
        if not mapping.columns:
            self.status.setText(
                QCoreApplication.translate(
                    "LedgerImportDialog",
                    "No column is mapped: choose the columns, or set the header row if the column names look wrong.",
                )
            )
            return None

        def work():
            db_errors.preflight(db, write=True)  # locked, read-only, damaged, newer: before any work
            return L.validate(table, db, mapping, is_canceled=lambda: task.isCanceled())

        task = self._start(
            QCoreApplication.translate("LedgerImportDialog", "Validate the ledger"), work, self._validated
        )
        return task

    def _validated(self, ok: bool, report, error: str) -> None:
        self.task = None
        if not ok:
            self.report = None
            self._busy(False)
            self.status.setText(error)
            return
        self.report = report
        self._busy(False)
        self.show_report(report)
        self.validated.emit(report)

    def show_report(self, report: L.LedgerReport, written: bool = False) -> None:
        lines = [report.summary()]
        if written:
            lines.append(
                QCoreApplication.translate(
                    "LedgerImportDialog", "Written: {i} inserted, {u} updated, {n} unchanged."
                ).format(i=report.inserted, u=report.updated, n=report.unchanged)
            )
        if report.issues:
            lines.append("")
            lines.append(QCoreApplication.translate("LedgerImportDialog", "Issues:"))
            for i in report.issues:
                lines.append(f"  {i.severity}  row {i.row}  {i.column}: {i.message}")
        changes = report.changes_text()
        if changes:
            lines.append("")
            lines.append(QCoreApplication.translate("LedgerImportDialog", "Changes to existing records:"))
            lines.extend("  " + c for c in changes)
        self.report_view.setPlainText("\n".join(lines))
        if not report.rows and not written:
            self.status.setText(
                QCoreApplication.translate(
                    "LedgerImportDialog", "Nothing can be imported: the ledger has no valid row."
                )
            )
        elif report.errors and not written:
            self.status.setText(
                QCoreApplication.translate(
                    "LedgerImportDialog",
                    "{n} errors: fix the ledger or the mapping, or tick “Import only the valid rows”.",
                ).format(n=len(report.errors))
            )
        elif not written:
            self.status.setText(QCoreApplication.translate("LedgerImportDialog", "The ledger is valid."))

    def run_import(self) -> Optional[LedgerTask]:
        """Validate again (the database may have changed) and write, all or nothing, in a task."""
        if self.report is None:
            self.status.setText(QCoreApplication.translate("LedgerImportDialog", "Validate the ledger first."))
            return None
        if self.report.errors and not self.valid_only.isChecked():
            self.status.setText(
                QCoreApplication.translate(
                    "LedgerImportDialog",
                    "Refused: the ledger has {n} errors. Nothing was written. Tick “Import only the valid rows” to "
                    "import the others.",
                ).format(n=len(self.report.errors))
            )
            return None
        table, db, mapping = self.table, self.database, self.current_mapping()
        valid_only = self.valid_only.isChecked()
        user = QgsApplication.userLoginName() or ""

        def work():
            rep = L.validate(table, db, mapping, is_canceled=lambda: task.isCanceled())
            return L.write(rep, db, valid_only, user, is_canceled=lambda: task.isCanceled())

        self.report = None  # used up: a second press cannot write the same rows twice
        task = self._start(QCoreApplication.translate("LedgerImportDialog", "Import the ledger"), work, self._imported)
        return task

    def _imported(self, ok: bool, report, error: str) -> None:
        self.task = None
        if not ok:
            self._busy(False)
            self.status.setText(error)
            return
        self.report = None
        self._busy(False)
        self.show_report(report, written=True)
        self.status.setText(
            QCoreApplication.translate("LedgerImportDialog", "Imported: {i} new, {u} updated.").format(
                i=report.inserted, u=report.updated
            )
        )
        self.imported.emit(report)

    def done(self, result: int) -> None:
        """Closing while a task runs: the task is canceled and no longer reports to this dialog."""
        if self.task is not None:
            try:
                self.task.done.disconnect()
                self.task.cancel()
            except (RuntimeError, TypeError):
                pass
            self.task = None
        super().done(result)
