"""Dialog to import lab results (CSV/XLSX/XLS, long or wide) into the project database, on top of
core/wells/lab_import.py.

Steps: choose what the results are of — groundwater samples (地下水样品: wells and dates, samples and sample_results) or
soil samples (土壤样品: linked to soil_samples by the sample code, no well or date column, mg/kg and μg/kg, written into
soil_results; the kinds in gui/wells/import_kinds.py) — then the file, its worksheet (visible sheets first, hidden
ones listed and marked) and, when the header is not found by itself, its header row; check the layout and the column
mapping (pre-filled by guess_mapping; named presets saved in QgsSettings); "Validate" first checks the database
(locked, read-only, damaged, newer: said in plain words before any work) and shows every issue (row, column, code,
message) and a summary without writing anything; "Import" writes in one transaction — enabled only when something can
be imported, refused while there are errors unless "Import only the valid rows" is ticked. Reading a large file,
validation and import run in a QgsTask with progress and Cancel; a cancel during the write rolls it back and says so.
A finished import uses up its validation (pressing Import again cannot write twice); afterwards the wells' current
classes are recomputed and the layers of the database reloaded (soil results: the layers reloaded).
"""

from __future__ import annotations

import os
import sqlite3

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import db_errors, tabular
from ...core.wells import lab_import, quality
from ...toolbelt import settings
from ...toolbelt.log import log
from ..common.project_database import refresh_database_layers
from ..common.screen import start_size
from . import import_kinds as K
from .import_task import CallableTask, delete_preset, load_preset, preset_names, save_preset

MAX_ISSUES_SHOWN = 5000
BACKGROUND_READ_BYTES = 16 << 20  # larger files are read in a task, with progress and Cancel
MAPPING_FIELDS = ("well", "date", "parameter", "value", "unit", "sample_code", "lab")
LONG_ONLY = ("parameter", "value", "unit")


class ImportDialog(QDialog):
    """Import lab results into ``database``. Emits ``imported(results_written)`` after a successful import."""

    imported = pyqtSignal(int)

    def __init__(
        self,
        database: str | None,
        iface=None,
        parent=None,
        project: QgsProject | None = None,
        kind: str = K.GROUNDWATER_KIND,
    ):
        super().__init__(parent)
        self.setObjectName("gw_plugin_import_dialog")
        self.setWindowTitle(QCoreApplication.translate("ImportDialog", "Import lab results"))
        self.database = database
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.table: tabular.Table | None = None
        self.report: lab_import.ImportReport | None = None
        self._validated_key = None
        self.task: CallableTask | None = None
        self.quality_task = None
        self.state = "idle"  # idle | validating | importing | classifying

        # what the results are of, and the units that kind accepts
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("gw_plugin_import_kind")
        for k in K.KINDS:
            self.kind_combo.addItem(K.kind_label(k), k)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))
        self.units_label = QLabel(self)
        self.units_label.setObjectName("gw_plugin_import_units")
        self.units_label.setWordWrap(True)

        # file
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("gw_plugin_import_file")
        self.browse_button = QPushButton(QCoreApplication.translate("ImportDialog", "&Browse…"), self)
        self.sheet_combo = QComboBox(self)
        self.sheet_combo.setEnabled(False)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("gw_plugin_import_header_row")
        self.header_spin.setRange(0, 1000)
        self.header_spin.setSpecialValueText(QCoreApplication.translate("ImportDialog", "found automatically"))
        self.header_spin.setToolTip(
            QCoreApplication.translate(
                "ImportDialog",
                "The row of the file that holds the column names (title rows above it are skipped; names over units "
                "in merged cells are joined).",
            )
        )
        self.layout_combo = QComboBox(self)
        self.layout_combo.addItem(QCoreApplication.translate("ImportDialog", "Long: one row per value"), "long")
        self.layout_combo.addItem(QCoreApplication.translate("ImportDialog", "Wide: one column per parameter"), "wide")
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        top = QFormLayout()
        self._row(top, QCoreApplication.translate("ImportDialog", "Sample &kind:"), self.kind_combo)
        top.addRow("", self.units_label)
        self._row(top, QCoreApplication.translate("ImportDialog", "&File:"), file_row, self.file_edit)
        self._row(top, QCoreApplication.translate("ImportDialog", "&Worksheet:"), self.sheet_combo)
        self._row(top, QCoreApplication.translate("ImportDialog", "&Header row:"), self.header_spin)
        self._row(top, QCoreApplication.translate("ImportDialog", "&Layout:"), self.layout_combo)

        # mapping
        labels = {
            "well": QCoreApplication.translate("ImportDialog", "W&ell code column:"),
            "date": QCoreApplication.translate("ImportDialog", "Sampling &date column:"),
            "parameter": QCoreApplication.translate("ImportDialog", "&Parameter column:"),
            "value": QCoreApplication.translate("ImportDialog", "Value colum&n:"),
            "unit": QCoreApplication.translate("ImportDialog", "&Unit column:"),
            "sample_code": QCoreApplication.translate("ImportDialog", "Sa&mple code column:"),
            "lab": QCoreApplication.translate("ImportDialog", "L&aboratory column:"),
        }
        self.key_labels = {  # the sample code column: optional for groundwater, the key of a soil result
            K.GROUNDWATER_KIND: labels["sample_code"],
            K.SOIL_KIND: QCoreApplication.translate("ImportDialog", "Sa&mple code column (the soil sample):"),
        }
        self.combos: dict = {}
        self.mapping_labels: dict = {}
        mapping_box = QGroupBox(QCoreApplication.translate("ImportDialog", "Columns"), self)
        mapping_grid = QGridLayout(mapping_box)  # two columns of label + column: the report below gets the room
        for i, key in enumerate(MAPPING_FIELDS):
            combo = QComboBox(self)
            combo.setObjectName(f"gw_plugin_import_{key}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            self.combos[key] = combo
            self.mapping_labels[key] = label = QLabel(labels[key], self)
            label.setBuddy(combo)
            mapping_grid.addWidget(label, i // 2, (i % 2) * 2)
            mapping_grid.addWidget(combo, i // 2, (i % 2) * 2 + 1)
            combo.currentIndexChanged.connect(self._mapping_changed)
        mapping_grid.setColumnStretch(1, 1)
        mapping_grid.setColumnStretch(3, 1)

        # presets
        self.preset_combo = QComboBox(self)
        self.preset_combo.setEditable(False)
        self.preset_load = QPushButton(QCoreApplication.translate("ImportDialog", "L&oad"), self)
        self.preset_save = QPushButton(QCoreApplication.translate("ImportDialog", "&Save as…"), self)
        self.preset_delete = QPushButton(QCoreApplication.translate("ImportDialog", "Dele&te"), self)
        preset_row = QHBoxLayout()
        preset_label = QLabel(QCoreApplication.translate("ImportDialog", "P&reset:"), self)
        preset_label.setBuddy(self.preset_combo)
        preset_row.addWidget(preset_label)
        preset_row.addWidget(self.preset_combo, 1)
        self.validate_button = QPushButton(QCoreApplication.translate("ImportDialog", "&Validate"), self)
        for b in (self.preset_load, self.preset_save, self.preset_delete, self.validate_button):
            preset_row.addWidget(b)

        # validation report
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.issues_table = QTableWidget(0, 5, self)
        self.issues_table.setObjectName("gw_plugin_import_issues")
        self.issues_table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("ImportDialog", "Row"),
                QCoreApplication.translate("ImportDialog", "Column"),
                QCoreApplication.translate("ImportDialog", "Severity"),
                QCoreApplication.translate("ImportDialog", "Code"),
                QCoreApplication.translate("ImportDialog", "Message"),
            ]
        )
        self.issues_table.verticalHeader().setVisible(False)
        self.issues_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.issues_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.valid_only = QCheckBox(
            QCoreApplication.translate(
                "ImportDialog", "Import onl&y the valid rows (rows with errors are left out entirely)"
            ),
            self,
        )

        # progress and buttons
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(QCoreApplication.translate("ImportDialog", "&Cancel task"), self)
        self.cancel_button.setEnabled(False)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("gw_plugin_import_status")
        self.import_button = QPushButton(QCoreApplication.translate("ImportDialog", "&Import"), self)
        self.close_button = QPushButton(QCoreApplication.translate("ImportDialog", "Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        # the form (scrolling when the screen is short) over the report in a splitter, the buttons below both: on a
        # 1366 × 768 laptop the report keeps about five rows and the buttons stay in view
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(mapping_box)
        layout.addLayout(preset_row)
        layout.addStretch(1)
        self.form_scroll = QScrollArea(self)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(body)
        report = QWidget(self)
        report_layout = QVBoxLayout(report)
        report_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.summary_label, self.issues_table, self.valid_only, self.status_label):
            report_layout.addWidget(widget, 1 if widget is self.issues_table else 0)
        rows = self.issues_table.verticalHeader().defaultSectionSize()
        self.issues_table.setMinimumHeight(self.issues_table.horizontalHeader().sizeHint().height() + 5 * rows + 4)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.form_scroll)
        self.splitter.addWidget(report)
        self.splitter.setStretchFactor(1, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.splitter, 1)
        outer.addLayout(buttons)
        self.resize(start_size(self, 900, 900))
        self._sized = False

        order = [
            self.kind_combo,
            self.file_edit,
            self.browse_button,
            self.sheet_combo,
            self.header_spin,
            self.layout_combo,
        ]
        order += [self.combos[k] for k in MAPPING_FIELDS]
        order += [self.preset_combo, self.preset_load, self.preset_save, self.preset_delete, self.validate_button]
        order += [self.issues_table, self.valid_only, self.cancel_button, self.import_button, self.close_button]
        for a, b in zip(order, order[1:]):
            QDialog.setTabOrder(a, b)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.browse_button.clicked.connect(self.browse)
        self.file_edit.editingFinished.connect(lambda: self.open_file(self.file_edit.text()))
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.header_spin.editingFinished.connect(self._header_changed)
        self.layout_combo.currentIndexChanged.connect(self._mapping_changed)
        self.preset_load.clicked.connect(lambda: self.apply_preset(self.preset_combo.currentText()))
        self.preset_save.clicked.connect(self._save_preset_dialog)
        self.preset_delete.clicked.connect(self._delete_preset)
        self.validate_button.clicked.connect(self.validate)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.valid_only.toggled.connect(lambda *_: self._update_buttons())
        self._fill_presets()
        self._show_kind()
        self._mapping_changed()
        if not database:
            self.status_label.setText(QCoreApplication.translate("ImportDialog", "No project database is loaded."))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """The first time: the form gets its full height if the report keeps its minimum, else it scrolls."""
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            total = sum(self.splitter.sizes())
            report = self.splitter.widget(1).minimumSizeHint().height()
            form = self.form_scroll.widget().sizeHint().height() + 2
            self.splitter.setSizes([max(min(form, total - report), 0), max(total - form, report)])

    def _row(self, form: QFormLayout, text: str, field, buddy=None) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy if buddy is not None else field)
        form.addRow(label, field)
        return label

    # -- what the results are of ---------------------------------------------------------------------------------

    def kind(self) -> str:
        """K.GROUNDWATER_KIND or K.SOIL_KIND."""
        return self.kind_combo.currentData() or K.GROUNDWATER_KIND

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(kind), 0))

    def _show_kind(self) -> None:
        kind = self.kind()
        self.units_label.setText(K.units_text(kind))
        self.mapping_labels["sample_code"].setText(self.key_labels[kind])
        for key in MAPPING_FIELDS:
            shown = key not in K.UNUSED_ROLES[kind]
            self.combos[key].setVisible(shown)
            self.mapping_labels[key].setVisible(shown)

    def _kind_changed(self, *args) -> None:
        """Another kind: its labels and units, the mapping guessed again for it; the validation is no longer
        current (its key holds the kind)."""
        self._show_kind()
        if self.table is not None:
            self.set_mapping(K.guess_mapping(self.kind(), self.table))
        self._mapping_changed()

    # -- file and mapping ------------------------------------------------------------------------------------

    def browse(self) -> None:
        start = settings.LAST_IMPORT_DIR.get()
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("ImportDialog", "Lab results"),
            start,
            QCoreApplication.translate("ImportDialog", "Tables (*.csv *.xlsx *.xls *.txt *.tsv);;All files (*)"),
        )
        if path:
            settings.LAST_IMPORT_DIR.set(os.path.dirname(path))
            self.open_file(path)

    def open_file(self, path: str, sheet: str | None = None, header_row: int | None = None) -> bool:
        """Read ``path`` and guess the mapping; False (with the reason shown) when it cannot be read. A large file
        is read in a task (progress and Cancel): True then means the reading has started."""
        path = (path or "").strip()
        if not path:
            return False
        if self.table is not None and self.table.path == path and sheet is None and header_row is None:
            return True
        if self.table is None or self.table.path != path:
            self.header_spin.setValue(0)  # a new file: its header is found again
        header = self.header_spin.value() if header_row is None else header_row
        self._header_choice = header
        self.report = None
        self._validated_key = None
        try:
            big = os.path.getsize(path) > BACKGROUND_READ_BYTES
        except OSError:
            big = False
        if big:
            self.status_label.setText(QCoreApplication.translate("ImportDialog", "Reading {file}…").format(file=path))

            def work(progress, is_canceled):
                return tabular.read_table(
                    path, sheet=sheet, header_row=header, progress=progress, is_canceled=is_canceled
                )

            def done(ok, table, error):
                if ok:
                    self._use_table(table, path)
                else:
                    self._unreadable(error or QCoreApplication.translate("ImportDialog", "Reading canceled."))

            self._start("reading", QCoreApplication.translate("ImportDialog", "Reading the lab file"), work, done)
            return True
        try:
            table = tabular.read_table(path, sheet=sheet, header_row=header)
        except (tabular.TableReadError, OSError) as exc:
            self._unreadable(str(exc))
            return False
        self._use_table(table, path)
        return True

    def _unreadable(self, message: str) -> None:
        self.table = None
        self.status_label.setText(message)
        self._fill_columns([])

    def _use_table(self, table: tabular.Table, path: str) -> None:
        self.table = table
        self.file_edit.setText(path)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        hidden = set(table.hidden_sheets)
        for name in [n for n in table.sheets if n not in hidden] + [n for n in table.sheets if n in hidden]:
            label = name
            if name in hidden:
                label = QCoreApplication.translate("ImportDialog", "{sheet} (hidden)").format(sheet=name)
            self.sheet_combo.addItem(label, name)
        if table.sheet:
            self.sheet_combo.setCurrentIndex(max(self.sheet_combo.findData(table.sheet), 0))
        self.sheet_combo.setEnabled(len(table.sheets) > 1)
        self.sheet_combo.blockSignals(False)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(table.header_row if self.header_spin.value() else 0)
        self.header_spin.blockSignals(False)
        self._fill_columns(table.headers)
        self.set_mapping(K.guess_mapping(self.kind(), table))
        text = QCoreApplication.translate(
            "ImportDialog", "{rows} rows, {cols} columns ({encoding}); header in row {header}."
        ).format(rows=table.nrows, cols=len(table.headers), encoding=table.encoding, header=table.header_row)
        if len(table.sheets) > 1:
            text += " " + QCoreApplication.translate(
                "ImportDialog", "The workbook has {n} worksheets: check that “{sheet}” is the right one."
            ).format(n=len(table.sheets), sheet=table.sheet)
        missing = tabular.pandas_missing_message()
        self.status_label.setText(text + (" " + missing if missing else ""))

    def _sheet_changed(self, *args) -> None:
        sheet = self.sheet_combo.currentData()
        if self.table is not None and sheet and sheet != self.table.sheet:
            self.header_spin.setValue(0)
            self.open_file(self.table.path, sheet)

    def _header_changed(self) -> None:
        if self.table is not None and self.header_spin.value() != getattr(self, "_header_choice", 0):
            self.open_file(self.table.path, self.table.sheet or None, self.header_spin.value())

    def _fill_columns(self, headers: list) -> None:
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(QCoreApplication.translate("ImportDialog", "(none)"), "")
            for h in headers:
                combo.addItem(h, h)
            combo.blockSignals(False)
        self._mapping_changed()

    def set_mapping(self, mapping: lab_import.ColumnMapping) -> None:
        """Show ``mapping`` in the combos (columns not in the file are left empty)."""
        for w in (*self.combos.values(), self.layout_combo):
            w.blockSignals(True)
        self.layout_combo.setCurrentIndex(max(self.layout_combo.findData(mapping.layout), 0))
        for key, combo in self.combos.items():
            combo.setCurrentIndex(max(combo.findData(getattr(mapping, key) or ""), 0))
        for w in (*self.combos.values(), self.layout_combo):
            w.blockSignals(False)
        self._ignore = list(mapping.ignore)
        self._mapping_changed()

    def mapping(self) -> lab_import.ColumnMapping:
        layout = self.layout_combo.currentData()
        values = {key: combo.currentData() or "" for key, combo in self.combos.items()}
        if layout == "wide":
            for key in LONG_ONLY:
                values[key] = ""
        for key in K.UNUSED_ROLES[self.kind()]:
            values[key] = ""
        return lab_import.ColumnMapping(
            layout=layout,
            ignore=list(getattr(self, "_ignore", [])),
            sheet=self.table.sheet if self.table is not None else "",
            header_row=self.header_spin.value(),
            **values,
        )

    def _mapping_changed(self, *args) -> None:
        self._update_buttons()

    def _key(self) -> tuple:
        table = self.table
        return (self.kind(), table.path if table else "", table.sheet if table else "", self.mapping().to_json())

    def report_is_current(self) -> bool:
        return self.report is not None and self._validated_key == self._key()

    def can_import(self) -> bool:
        """Something can be imported: a current validation with valid values, and no errors or valid-only ticked."""
        rep = self.report
        return self.report_is_current() and rep.n_values > 0 and (not rep.errors or self.valid_only.isChecked())

    def _update_buttons(self) -> None:
        busy = self.state != "idle"
        ready = self.table is not None and bool(self.database)
        wide = self.layout_combo.currentData() == "wide"
        self.validate_button.setEnabled(ready and not busy)
        self.import_button.setEnabled(ready and not busy and self.can_import())
        self.cancel_button.setEnabled(busy)
        for w in (
            self.kind_combo,
            self.browse_button,
            self.file_edit,
            self.layout_combo,
            self.sheet_combo,
            self.header_spin,
        ):
            w.setEnabled(not busy and (w is not self.sheet_combo or self.sheet_combo.count() > 1))
        for key, combo in self.combos.items():
            usable = not (wide and key in LONG_ONLY)
            combo.setEnabled(usable and not busy)
            self.mapping_labels[key].setEnabled(usable)
        self.progress.setVisible(busy)

    # -- presets ---------------------------------------------------------------------------------------------

    def _fill_presets(self, select: str = "") -> None:
        self.preset_combo.clear()
        self.preset_combo.addItems(preset_names())
        if select:
            self.preset_combo.setCurrentText(select)
        has = self.preset_combo.count() > 0
        self.preset_load.setEnabled(has)
        self.preset_delete.setEnabled(has)

    def apply_preset(self, name: str) -> bool:
        mapping = load_preset(name) if name else None
        if mapping is None:
            return False
        self.set_mapping(mapping)
        return True

    def save_current_as(self, name: str) -> None:
        save_preset(name, self.mapping())
        self._fill_presets(name.strip())

    def _save_preset_dialog(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("ImportDialog", "Save preset"),
            QCoreApplication.translate("ImportDialog", "Name of the column preset:"),
        )
        if ok and name.strip():
            self.save_current_as(name)

    def _delete_preset(self) -> None:
        name = self.preset_combo.currentText()
        if name:
            delete_preset(name)
            self._fill_presets()

    # -- validation and import -------------------------------------------------------------------------------

    def _start(self, state: str, description: str, function, on_done) -> CallableTask:
        self.state = state
        self.progress.setValue(0)
        task = CallableTask(description, function)
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))

        def done(ok, result, error):
            self.task = None
            self.state = "idle"
            self._update_buttons()
            on_done(ok, result, error)

        task.completed.connect(done)
        self.task = task
        self._update_buttons()
        QgsApplication.taskManager().addTask(task)
        return task

    def missing_roles_text(self, mapping: lab_import.ColumnMapping) -> str:
        """'' when the mapping names every column validation needs, else the sentence naming the missing roles."""
        missing = K.missing_roles(self.kind(), mapping)
        if not missing:
            return ""
        names = ", ".join(self.mapping_labels[k].text().replace("&", "").rstrip(":：") for k in missing)
        return QCoreApplication.translate(
            "ImportDialog",
            "The column mapping is incomplete: choose the {roles}. If the file's column names look wrong, set the "
            "header row (the row holding the column names).",
        ).format(roles=names)

    def validate(self) -> CallableTask | None:
        """Validate the file with the current mapping in a task; the report appears when it ends."""
        if self.table is None and not self.open_file(self.file_edit.text()):
            return None
        if not self.database or self.table is None:
            return None
        table, database, mapping = self.table, self.database, self.mapping()
        profile = K.profile_for(self.kind())
        incomplete = self.missing_roles_text(mapping)
        if incomplete:
            self.status_label.setText(incomplete)
            self.header_spin.setFocus()
            return None
        key = self._key()
        self.status_label.setText(QCoreApplication.translate("ImportDialog", "Validating…"))

        def work(progress, is_canceled):
            db_errors.preflight(database, write=True)  # locked, read-only, damaged, newer: before any work
            return lab_import.validate(
                table, database, mapping, progress=progress, is_canceled=is_canceled, profile=profile
            )

        def done(ok, report, error):
            if not ok:
                self.report = None
                self.status_label.setText(error or QCoreApplication.translate("ImportDialog", "Validation canceled."))
                return
            self.report = report
            self._validated_key = key
            self.show_report(report)
            self._update_buttons()

        return self._start(
            "validating", QCoreApplication.translate("ImportDialog", "Validating lab results"), work, done
        )

    def show_report(self, report: lab_import.ImportReport) -> None:
        errors, warnings = report.errors, report.warnings
        self.summary_label.setText(
            QCoreApplication.translate(
                "ImportDialog",
                "{rows} rows read ({encoding}); {values} valid values; {errors} errors in {bad} rows; "
                "{warnings} warnings.",
            ).format(
                rows=report.rows_read,
                encoding=report.encoding,
                values=report.n_values,
                errors=len(errors),
                bad=len(report.bad_rows),
                warnings=len(warnings),
            )
        )
        issues = sorted(report.issues, key=lambda i: (i.severity != "error", i.row))[:MAX_ISSUES_SHOWN]
        self.issues_table.setRowCount(len(issues))
        severity = {
            "error": QCoreApplication.translate("ImportDialog", "error"),
            "warning": QCoreApplication.translate("ImportDialog", "warning"),
        }
        for r, issue in enumerate(issues):
            for c, value in enumerate(
                (str(issue.row), issue.column, severity.get(issue.severity, issue.severity), issue.code, issue.message)
            ):
                item = QTableWidgetItem(value)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, issue.row)
                self.issues_table.setItem(r, c, item)
        self.issues_table.resizeColumnsToContents()
        if not report.n_values:
            self.status_label.setText(
                QCoreApplication.translate("ImportDialog", "Nothing can be imported: the file has no valid value.")
            )
        elif errors:
            self.status_label.setText(
                QCoreApplication.translate(
                    "ImportDialog",
                    "Nothing can be imported as it is: fix the file, or tick “Import only the valid rows”.",
                )
            )
        else:
            self.status_label.setText(QCoreApplication.translate("ImportDialog", "No errors: ready to import."))

    def start_import(self) -> CallableTask | None:
        """Write the validated rows (validating first if needed). Refused with errors unless valid-only is ticked."""
        if not self.report_is_current():
            self.status_label.setText(
                QCoreApplication.translate("ImportDialog", "Validate the file with this column mapping first.")
            )
            return self.validate() and None
        report, database = self.report, self.database
        if report.errors and not self.valid_only.isChecked():
            self.status_label.setText(
                QCoreApplication.translate(
                    "ImportDialog",
                    "Import refused: {n} errors in {rows} rows. Nothing was written. Fix the file, or tick "
                    "“Import only the valid rows”.",
                ).format(n=len(report.errors), rows=len(report.bad_rows))
            )
            return None
        accept = self.valid_only.isChecked()
        soil = self.kind() == K.SOIL_KIND
        user = QgsApplication.userLoginName()
        self.status_label.setText(QCoreApplication.translate("ImportDialog", "Importing…"))
        self.report = None  # this validation is used up now: whatever happens, Import cannot write it twice
        self._validated_key = None

        def work(progress, is_canceled):
            if is_canceled():
                raise InterruptedError
            try:
                rep = lab_import.write(
                    report, database, accept_valid_only=accept, user=user, progress=progress, is_canceled=is_canceled
                )
            except (sqlite3.Error, RuntimeError, OSError) as exc:
                if isinstance(exc, InterruptedError):
                    raise
                log(f"lab import into {database}: {type(exc).__name__}: {exc}", "warning")
                raise db_errors.problem(exc, database) from None
            if not soil and hasattr(quality, "update_current_class"):  # the wells' current classes, same task
                rep.classified_wells = quality.update_current_class(database)
            return rep

        def done(ok, rep, error):
            if not ok:
                if error:
                    self.status_label.setText(error)
                else:  # canceled: the write was rolled back, so the same validation may be imported again
                    self.report, self._validated_key = report, key
                    self.status_label.setText(
                        QCoreApplication.translate("ImportDialog", "Import canceled: nothing was written.")
                    )
                    self._update_buttons()
                return
            self._written = rep.written_results
            if soil:  # no classes to update: the soil results are screened against GB 36600 when read
                refresh_database_layers(self.project, self.database)
                self.status_label.setText(
                    QCoreApplication.translate("ImportDialog", "Imported {results} soil results.").format(
                        results=rep.written_results
                    )
                )
                self.imported.emit(int(rep.written_results))
                return
            self.status_label.setText(
                QCoreApplication.translate(
                    "ImportDialog",
                    "Imported {results} results in {samples} new samples. Updating water-quality classes…",
                ).format(results=rep.written_results, samples=rep.written_samples)
            )
            if hasattr(rep, "classified_wells"):
                self._quality_done(True, {"WELLS": rep.classified_wells}, "")
            else:
                self._update_quality()

        key = self._key()
        return self._start("importing", QCoreApplication.translate("ImportDialog", "Importing lab results"), work, done)

    def _update_quality(self) -> None:
        """Run gwplugin:updatewellquality, then reload the layers and emit ``imported``."""
        from ..common.tasks import ProcessingTask

        database = self.database
        if QgsApplication.processingRegistry().algorithmById("gwplugin:updatewellquality") is None:
            from ...core.wells import quality

            def work(progress, is_canceled):
                return {"WELLS": quality.update_wells(database, progress, is_canceled)}

            self._start(
                "classifying",
                QCoreApplication.translate("ImportDialog", "Updating water-quality classes"),
                work,
                self._quality_done,
            )
            return
        self.state = "classifying"
        self._update_buttons()
        task = ProcessingTask(
            QCoreApplication.translate("ImportDialog", "Updating water-quality classes"),
            "gwplugin:updatewellquality",
            {"DATABASE": database},
        )
        task.progressChanged.connect(lambda v: self.progress.setValue(int(v)))

        def done(ok, results, error):
            self.quality_task = None
            self.state = "idle"
            self._update_buttons()
            self._quality_done(ok, results, error)

        task.completed.connect(done)
        self.quality_task = task
        QgsApplication.taskManager().addTask(task)

    def _quality_done(self, ok, results, error) -> None:
        refresh_database_layers(self.project, self.database)
        written = getattr(self, "_written", 0)
        if ok:
            self.status_label.setText(
                QCoreApplication.translate(
                    "ImportDialog", "Imported {results} results; {wells} wells classified."
                ).format(results=written, wells=(results or {}).get("WELLS", 0))
            )
        else:
            self.status_label.setText(
                QCoreApplication.translate(
                    "ImportDialog", "Imported {results} results, but the classes were not updated: {error}"
                ).format(results=written, error=error)
            )
        self.imported.emit(int(written))

    def cancel(self) -> None:
        for task in (self.task, self.quality_task):
            if task is not None:
                task.cancel()

    def busy(self) -> bool:
        return self.state != "idle"

    def reject(self) -> None:
        self.cancel()
        super().reject()
