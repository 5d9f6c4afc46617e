"""Widgets of the source workflows (core/sources/workflows.py): record a status step of one pollution source — leakage
investigation with findings per facility, anti-seepage retrofit, self-monitoring (wells, frequency, reports received
→ completion) and detailed survey / risk control — with its date, responsible person, result, findings, reason
(when going back) and documents; and the source's history of inspections.

The step goes into the layers' edit buffers (undoable until saved). Keyboard: every field has a mnemonic, Tab
moves through the form in reading order, Ctrl+Return records the step. In the narrow Sources dock (1366 × 768) the
form needs no sideways scrolling: long choices are cut with "…" (whole as tooltip and in the list).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsFeatureRequest
from qgis.PyQt.QtCore import QCoreApplication, QDate, Qt, pyqtSignal
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QShortcut,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import schema as S
from ...core.sources import workflows as W
from ...toolbelt.qt import null_to_none
from ..common.elided import ElidedComboBox


def _label(codelist: str, code: Optional[str], lang: str) -> str:
    return S.codelist(codelist).label(code, lang) if code else "—"


class WorkflowWidget(QWidget):
    """Records workflow steps for the source set with :meth:`set_source`.

    ``layers()`` returns the project's gw_plugin layers by table name; ``database()`` the GeoPackage path."""

    stepRecorded = pyqtSignal(object)  # core.sources.workflows.StepOutcome

    WORKFLOW_ORDER = ("leakage", "antiseepage", "self_monitoring", "risk_control")

    def __init__(
        self,
        layers: Callable[[], dict],
        database: Callable[[], Optional[str]],
        parent: Optional[QWidget] = None,
        lang: str = "zh",
    ):
        super().__init__(parent)
        self.setObjectName("gw_plugin_workflow_widget")
        self._layers = layers
        self._database = database
        self.lang = lang
        self.source_uuid: Optional[str] = None
        self.last_outcome = None

        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)

        form = QFormLayout()
        self.workflow = ElidedComboBox(self)
        self.workflow.setObjectName("workflow")
        for key in self.WORKFLOW_ORDER:
            wf = W.WORKFLOWS[key]
            self.workflow.addItem(wf.zh if lang.startswith("zh") else wf.en, key)
        self.current = QLabel(self)
        self.new_status = ElidedComboBox(self)
        self.new_status.setObjectName("new_status")
        self.date = QDateEdit(self)
        self.date.setObjectName("date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.date.setMaximumDate(QDate.currentDate())
        self.person = QLineEdit(QgsApplication.userFullName() or QgsApplication.userLoginName() or "", self)
        self.person.setObjectName("person")
        self.result = ElidedComboBox(self)
        self.result.setObjectName("result")
        self.result.addItem("—", None)
        for c in S.codelist("inspection_result").codes:
            self.result.addItem(c.zh if lang.startswith("zh") else c.en, c.code)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            QCoreApplication.translate("WorkflowWidget", "Required when going back to an earlier status")
        )
        self.findings = QPlainTextEdit(self)
        self.findings.setObjectName("findings")
        self.findings.setTabChangesFocus(True)
        self.findings.setMaximumHeight(80)
        for text, w in (
            (QCoreApplication.translate("WorkflowWidget", "Wor&kflow"), self.workflow),
            (QCoreApplication.translate("WorkflowWidget", "Current status"), self.current),
            (QCoreApplication.translate("WorkflowWidget", "&New status"), self.new_status),
            (QCoreApplication.translate("WorkflowWidget", "&Date"), self.date),
            (QCoreApplication.translate("WorkflowWidget", "Responsible &person"), self.person),
            (QCoreApplication.translate("WorkflowWidget", "Res&ult"), self.result),
            (QCoreApplication.translate("WorkflowWidget", "Reason for going &back"), self.reason),
            (QCoreApplication.translate("WorkflowWidget", "F&indings"), self.findings),
        ):
            form.addRow(text, w)

        # facility findings (leakage investigation)
        self.facility_box = QGroupBox(QCoreApplication.translate("WorkflowWidget", "Findings per facility"), self)
        self.facilities = QTableWidget(0, 3, self.facility_box)
        self.facilities.setObjectName("facilities")
        self.facilities.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("WorkflowWidget", "Facility"),
                QCoreApplication.translate("WorkflowWidget", "Result"),
                QCoreApplication.translate("WorkflowWidget", "Findings"),
            ]
        )
        self.facilities.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.facilities.setTabKeyNavigation(False)
        QVBoxLayout(self.facility_box).addWidget(self.facilities)

        # self-monitoring helper
        self.monitoring_box = QGroupBox(
            QCoreApplication.translate("WorkflowWidget", "Self-monitoring of the year"), self
        )
        mform = QFormLayout(self.monitoring_box)
        self.year = QSpinBox(self.monitoring_box)
        self.year.setRange(2000, 2100)
        self.year.setValue(_dt.date.today().year)
        self.wells = QSpinBox(self.monitoring_box)
        self.wells.setRange(0, 999)
        self.frequency = QSpinBox(self.monitoring_box)
        self.frequency.setRange(1, 366)
        self.frequency.setValue(1)
        self.reports = QSpinBox(self.monitoring_box)
        self.reports.setRange(0, 999)
        self.compute_monitoring = QPushButton(
            QCoreApplication.translate("WorkflowWidget", "Compute the status"), self.monitoring_box
        )
        self.compute_monitoring.clicked.connect(self.apply_monitoring)
        mform.addRow(QCoreApplication.translate("WorkflowWidget", "&Year"), self.year)
        mform.addRow(QCoreApplication.translate("WorkflowWidget", "Monitoring w&ells"), self.wells)
        mform.addRow(QCoreApplication.translate("WorkflowWidget", "Rounds per year"), self.frequency)
        mform.addRow(QCoreApplication.translate("WorkflowWidget", "Reports recei&ved"), self.reports)
        mform.addRow(self.compute_monitoring)

        # documents
        self.documents = QListWidget(self)
        self.documents.setObjectName("documents")
        self.documents.setMaximumHeight(60)
        self.add_document = QPushButton(QCoreApplication.translate("WorkflowWidget", "&Add document…"), self)
        self.add_document.clicked.connect(self.choose_documents)
        self.remove_document = QPushButton(QCoreApplication.translate("WorkflowWidget", "Remove"), self)
        self.remove_document.clicked.connect(lambda: [self.documents.takeItem(self.documents.currentRow())])
        docs = QHBoxLayout()
        docs.addWidget(self.documents, 1)
        col = QVBoxLayout()
        col.addWidget(self.add_document)
        col.addWidget(self.remove_document)
        docs.addLayout(col)

        self.record_button = QPushButton(QCoreApplication.translate("WorkflowWidget", "Record s&tep"), self)
        self.record_button.setObjectName("record")
        self.record_button.setToolTip(QCoreApplication.translate("WorkflowWidget", "Record the step (Ctrl+Return)"))
        self.record_button.clicked.connect(self.record)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self, self.record)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # not the whole QGIS window
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("history")
        self.history.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("WorkflowWidget", "Date"),
                QCoreApplication.translate("WorkflowWidget", "Kind"),
                QCoreApplication.translate("WorkflowWidget", "Person"),
                QCoreApplication.translate("WorkflowWidget", "Result"),
                QCoreApplication.translate("WorkflowWidget", "Findings"),
            ]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.facility_box)
        layout.addWidget(self.monitoring_box)
        layout.addWidget(QLabel(QCoreApplication.translate("WorkflowWidget", "Documents and photos"), self))
        layout.addLayout(docs)
        layout.addWidget(self.record_button)
        layout.addWidget(self.message)
        layout.addWidget(QLabel(QCoreApplication.translate("WorkflowWidget", "History"), self))
        layout.addWidget(self.history, 1)

        self.workflow.currentIndexChanged.connect(self._workflow_changed)
        self._workflow_changed()

    # -- state ------------------------------------------------------------------------------------------------

    def layer(self, table: str):
        return self._layers().get(table)

    def workflow_key(self) -> str:
        return self.workflow.currentData()

    def set_workflow(self, key: str) -> None:
        self.workflow.setCurrentIndex(self.workflow.findData(key))

    def set_source(self, source_uuid: Optional[str]) -> None:
        self.source_uuid = source_uuid
        self.message.clear()
        self.refresh()

    def _source_feature(self):
        layer = self.layer("pollution_sources")
        if layer is None or not self.source_uuid:
            return None
        return W.feature_by_uuid(layer, self.source_uuid)

    def current_status(self) -> Optional[str]:
        f = self._source_feature()
        if f is None:
            return None
        v = f[W.WORKFLOWS[self.workflow_key()].field]
        return None if null_to_none(v) is None or v == "" else str(v)

    def _workflow_changed(self, *args) -> None:
        key = self.workflow_key()
        wf = W.WORKFLOWS[key]
        self.new_status.clear()
        for s in wf.statuses():
            self.new_status.addItem(wf.label(s, self.lang), s)
        self.facility_box.setVisible(key == "leakage")
        self.monitoring_box.setVisible(key == "self_monitoring")
        self.refresh()

    def refresh(self) -> None:
        f = self._source_feature()
        enabled = f is not None
        for w in (self.new_status, self.record_button, self.add_document, self.facilities, self.compute_monitoring):
            w.setEnabled(enabled)
        if f is None:
            self.source_label.setText(QCoreApplication.translate("WorkflowWidget", "Select one pollution source."))
            self.current.setText("—")
            self.facilities.setRowCount(0)
            self.history.setRowCount(0)
            return
        name = f["name_zh"] if self.lang.startswith("zh") else (f["name_en"] or f["name_zh"])
        self.source_label.setText(f"<b>{f['source_code'] or ''}</b> {name or ''}")
        wf = W.WORKFLOWS[self.workflow_key()]
        cur = self.current_status()
        self.current.setText(wf.label(cur, self.lang))
        order = wf.statuses()
        nxt = next((s for s in wf.order if wf.rank(s) > wf.rank(cur)), None)
        if nxt is not None:
            self.new_status.setCurrentIndex(order.index(nxt))
        self._fill_facilities()
        self._fill_history()

    def _fill_facilities(self) -> None:
        """One row per facility of the source (source_facilities), else one row per facility type."""
        self.facilities.setRowCount(0)
        if self.workflow_key() != "leakage":
            return
        rows = []
        layer = self.layer("source_facilities")
        if layer is not None and self.source_uuid:
            req = QgsFeatureRequest().setFilterExpression(
                "\"source_uuid\" = '{}'".format(self.source_uuid.replace("'", "''"))
            )
            for f in layer.getFeatures(req):
                t = f["facility_type"]
                rows.append((f["uuid"], t, f"{_label('facility_type', t, self.lang)} · {f['name_zh'] or ''}"))
        if not rows:
            rows = [
                (None, c.code, c.zh if self.lang.startswith("zh") else c.en) for c in S.codelist("facility_type").codes
            ]
        self.facilities.setRowCount(len(rows))
        for i, (uuid, ftype, text) in enumerate(rows):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (uuid, ftype))
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.facilities.setItem(i, 0, item)
            combo = ElidedComboBox(self.facilities, 6)
            combo.addItem("—", None)
            for c in S.codelist("inspection_result").codes:
                combo.addItem(c.zh if self.lang.startswith("zh") else c.en, c.code)
            self.facilities.setCellWidget(i, 1, combo)
            self.facilities.setItem(i, 2, QTableWidgetItem(""))

    def set_facility_result(self, row: int, result: str, findings: str = "") -> None:
        combo = self.facilities.cellWidget(row, 1)
        combo.setCurrentIndex(combo.findData(result))
        self.facilities.item(row, 2).setText(findings)

    def facility_findings(self) -> list:
        out = []
        for i in range(self.facilities.rowCount()):
            result = self.facilities.cellWidget(i, 1).currentData()
            if not result:
                continue
            uuid, ftype = self.facilities.item(i, 0).data(Qt.ItemDataRole.UserRole)
            out.append(W.FacilityFinding(ftype, result, self.facilities.item(i, 2).text().strip(), uuid))
        return out

    def _fill_history(self) -> None:
        layer = self.layer("inspections")
        rows = W.history(layer, self.source_uuid) if layer is not None and self.source_uuid else []
        self.history.setRowCount(len(rows))
        for i, r in enumerate(rows):
            values = [
                r.get("inspected_on") or "",
                _label("inspection_kind", r.get("kind"), self.lang),
                r.get("inspector") or "",
                _label("inspection_result", r.get("result"), self.lang) if r.get("result") else "",
                (r.get("findings") or "").split("\n")[0],
            ]
            for j, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                item.setToolTip(r.get("findings") or "")
                self.history.setItem(i, j, item)

    # -- actions ----------------------------------------------------------------------------------------------

    def choose_documents(self) -> None:
        files, _f = QFileDialog.getOpenFileNames(
            self, QCoreApplication.translate("WorkflowWidget", "Documents and photos of the step")
        )
        for f in files:
            self.documents.addItem(f)

    def apply_monitoring(self) -> None:
        try:
            status = W.self_monitoring_status(self.wells.value(), self.frequency.value(), self.reports.value())
        except W.WorkflowError as exc:
            self.message.setText(str(exc))
            return
        self.new_status.setCurrentIndex(self.new_status.findData(status))
        self.findings.setPlainText(
            W.self_monitoring_findings(
                self.year.value(), self.wells.value(), self.frequency.value(), self.reports.value()
            )
        )

    def step(self) -> W.Step:
        d = self.date.date()
        return W.Step(
            workflow=self.workflow_key(),
            new_status=self.new_status.currentData(),
            on=_dt.date(d.year(), d.month(), d.day()),
            person=self.person.text().strip(),
            findings=self.findings.toPlainText(),
            reason=self.reason.text(),
            result=self.result.currentData(),
            facility_findings=self.facility_findings() if self.workflow_key() == "leakage" else [],
            documents=[self.documents.item(i).text() for i in range(self.documents.count())],
            year=self.year.value() if self.workflow_key() == "self_monitoring" else None,
        )

    def record(self):
        """Validate and record the step; returns the StepOutcome or None (the message says why)."""
        sources, inspections = self.layer("pollution_sources"), self.layer("inspections")
        if sources is None or inspections is None or not self.source_uuid:
            self.message.setText(QCoreApplication.translate("WorkflowWidget", "Select one pollution source."))
            return None
        step = self.step()
        for doc in step.documents:
            if not os.path.isfile(doc):
                self.message.setText(
                    QCoreApplication.translate("WorkflowWidget", "The file {path} does not exist.").format(path=doc)
                )
                return None
        try:
            outcome = W.apply_step(
                sources, inspections, self.source_uuid, step, self.layer("attachments"), self._database()
            )
        except Exception as exc:  # WorkflowError, AttachmentError: shown, never raised into Qt
            self.message.setStyleSheet("color: #b00020")
            self.message.setText(str(exc))
            return None
        self.last_outcome = outcome
        self.message.setStyleSheet("")
        self.message.setText(
            QCoreApplication.translate(
                "WorkflowWidget",
                "Recorded: {old} → {new} ({n} inspection rows). Save the layers to keep it, or undo.",
            ).format(
                old=W.WORKFLOWS[step.workflow].label(outcome.old_status, self.lang),
                new=W.WORKFLOWS[step.workflow].label(outcome.new_status, self.lang),
                n=len(outcome.inspection_uuids),
            )
        )
        self.findings.clear()
        self.reason.clear()
        self.documents.clear()
        self.result.setCurrentIndex(0)
        self.refresh()
        self.stepRecorded.emit(outcome)
        return outcome
