"""The dialog that records the next stage of a site (Sites panel): the stages that may follow the current one, the
start and finish dates, the organisation, the report reference and the conclusion. The rules are core's
(core/soil/stages.py ``check_next``); the panel writes the stage."""

from __future__ import annotations

from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...core.soil import stages as ST
from ...toolbelt.i18n import tr, ui_language

TR_CONTEXT = "SitesPanel"


def next_stages(current) -> list:
    """The stage codes that may follow ``current`` (None: any), in order."""
    start = -1 if current not in ST.ORDER else ST.ORDER[current]
    return [s.code for s in ST.STAGES if ST.ORDER[s.code] > start]


class StageDialog(QDialog):
    """Asks for the next stage of one site; ``values()`` gives the keyword arguments of ``stages.add_stage``."""

    def __init__(self, site_label: str, current, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr(TR_CONTEXT, "Record the next stage of {site}").format(site=site_label))
        lang = ui_language()
        self.stage = QComboBox(self)
        for code in next_stages(current):
            self.stage.addItem(ST.stage_label(code, lang), code)
        self.started = QDateEdit(QDate.currentDate(), self)
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("yyyy-MM-dd")
        self.finished_check = QCheckBox(tr(TR_CONTEXT, "Finished on"), self)
        self.finished = QDateEdit(QDate.currentDate(), self)
        self.finished.setCalendarPopup(True)
        self.finished.setDisplayFormat("yyyy-MM-dd")
        self.finished.setEnabled(False)
        self.finished_check.toggled.connect(self.finished.setEnabled)
        self.organisation = QLineEdit(self)
        self.report_ref = QLineEdit(self)
        self.conclusion = QPlainTextEdit(self)
        self.conclusion.setMaximumHeight(80)

        form = QFormLayout()
        form.addRow(tr(TR_CONTEXT, "Stage:"), self.stage)
        form.addRow(tr(TR_CONTEXT, "Started on:"), self.started)
        form.addRow(self.finished_check, self.finished)
        form.addRow(tr(TR_CONTEXT, "Organisation:"), self.organisation)
        form.addRow(tr(TR_CONTEXT, "Report or review reference:"), self.report_ref)
        form.addRow(tr(TR_CONTEXT, "Conclusion:"), self.conclusion)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.stage.count() > 0)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return {
            "stage": self.stage.currentData(),
            "started_on": self.started.date().toString("yyyy-MM-dd"),
            "finished_on": self.finished.date().toString("yyyy-MM-dd") if self.finished_check.isChecked() else None,
            "organisation": self.organisation.text().strip() or None,
            "report_ref": self.report_ref.text().strip() or None,
            "conclusion": self.conclusion.toPlainText().strip() or None,
        }
