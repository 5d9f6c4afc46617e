"""gwplugin:importlevels — import water levels (manual rounds or logger exports, CSV/XLSX) into the project
database's water_levels table: every row validated first, then written in one transaction or not at all."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ....core.data import tabular
from ....core.wells import water_levels
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import current_user

ROLES = (  # parameter → LevelMapping field
    ("WELL_FIELD", "well"),
    ("TIME_FIELD", "measured_at"),
    ("DEPTH_FIELD", "depth"),
    ("HEAD_FIELD", "head"),
    ("METHOD_FIELD", "method"),
    ("BY_FIELD", "measured_by"),
)


class ImportLevelsAlgorithm(GwAlgorithm):
    NAME = "importlevels"
    DISPLAY = "Import water levels"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Imports water levels from CSV or XLSX: one row per reading (a logger export may hold thousands per well) "
        "with the well (code, any of its codes in other departments' lists, or its name; compared after width and case "
        "folding), the time (2024-06-15 08:30, 2024/6/15, 2024年6月15日 or an Excel serial) and the depth to water "
        "and/or the head. Columns left empty are guessed from the headers. The head is computed as ground elevation "
        "minus depth when only the depth is given. Any error (unknown well, unreadable time or number, a time in the "
        "future, a head contradicting depth and ground elevation, a reading already stored) stops the import: nothing "
        "is written, and the errors are listed with their rows."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Water-level file (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("SHEET", self.tr("Worksheet (XLSX)"), "", False, True))
        labels = (
            self.tr("Well code or name column"),
            self.tr("Measurement time column"),
            self.tr("Depth-to-water column (m)"),
            self.tr("Head column (m)"),
            self.tr("Method column"),
            self.tr("Measured-by column"),
        )
        for (name, _role), label in zip(ROLES, labels):
            self.addParameter(QgsProcessingParameterString(name, label, "", False, True))
        self.addOutput(QgsProcessingOutputNumber("WRITTEN", self.tr("Readings written")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Rows with errors")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "DATABASE", context)
        sheet = self.parameterAsString(parameters, "SHEET", context) or None
        try:
            table = tabular.read_table(path, sheet=sheet)
        except (tabular.TableReadError, OSError, ValueError) as exc:
            fail(self.tr("Cannot read {path}: {error}").format(path=path, error=exc))
        mapping = water_levels.guess_mapping(table.headers)
        for name, role in ROLES:
            given = self.parameterAsString(parameters, name, context).strip()
            if given:
                setattr(mapping, role, given)
        try:
            report = water_levels.validate(table, db, mapping)
        except (water_levels.LevelImportError, tabular.TableReadError) as exc:
            fail(str(exc))
        for issue in report.issues[:200]:
            feedback.reportError(
                self.tr("Row {row}, column {column}: {message}").format(
                    row=issue.row, column=issue.column, message=issue.message
                )
            )
        if report.issues:
            fail(self.tr("{n} rows have errors: nothing was written.").format(n=len({i.row for i in report.issues})))
        bridge = FeedbackBridge(feedback)
        try:
            water_levels.write(
                report, db, user=current_user(), is_canceled=bridge.is_canceled, progress=bridge.progress
            )
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        feedback.pushInfo(self.tr("{n} water levels written.").format(n=report.written))
        return {"WRITTEN": report.written, "ERRORS": 0}
