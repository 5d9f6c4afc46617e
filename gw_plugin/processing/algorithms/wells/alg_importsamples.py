"""gwplugin:importsamples — import lab results (CSV/XLSX, long or wide) into a project GeoPackage, validated first,
written in one transaction (all rows, or only the valid rows when explicitly accepted)."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ....core.data import tabular
from ....core.wells import lab_columns, lab_import
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...import_params import add_import_parameters, log_issues, write_report

LAYOUTS = ["long", "wide"]


class ImportSamplesAlgorithm(GwAlgorithm):
    NAME = "importsamples"
    DISPLAY = "Import lab results"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Imports lab results from CSV (UTF-8 or GB18030/GBK, detected automatically) or XLSX. Long layout: one row "
        "per value with well, date, parameter, value and unit columns. Wide layout: one row per sample and one column "
        "per parameter (unit in the header, e.g. 硝酸盐(mg/L), else the standard's unit). Column names left empty are "
        "guessed from the headers. Every row is validated first (unknown wells or parameters, unreadable or impossible "
        "values, unit mismatches, duplicates, dates in the future); with any error nothing is written unless "
        "ACCEPT_VALID is set, and then rows with errors are left out entirely. The validation report is written as CSV."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Lab file (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterEnum("LAYOUT", self.tr("Layout"), [self.tr("Long"), self.tr("Wide")], False, 0, True)
        )
        for name, label in (
            ("SHEET", "Worksheet (XLSX)"),
            ("WELL_FIELD", "Well code column"),
            ("DATE_FIELD", "Sampling date column"),
            ("PARAMETER_FIELD", "Parameter column (long layout)"),
            ("VALUE_FIELD", "Value column (long layout)"),
            ("UNIT_FIELD", "Unit column (long layout)"),
        ):
            self.addParameter(QgsProcessingParameterString(name, self.tr(label), "", False, True))
        add_import_parameters(self, self.tr("Validation report"))
        self.addOutput(QgsProcessingOutputNumber("SAMPLES", self.tr("New samples")))
        self.addOutput(QgsProcessingOutputNumber("RESULTS", self.tr("Results written")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Rows with errors")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "DATABASE", context)
        sheet = self.parameterAsString(parameters, "SHEET", context) or None
        try:
            table = tabular.read_table(path, sheet=sheet)
        except tabular.TableReadError as exc:
            fail(str(exc))
        mapping = lab_columns.guess_mapping(table)
        if parameters.get("LAYOUT") is not None:
            mapping.layout = LAYOUTS[self.parameterAsEnum(parameters, "LAYOUT", context)]
        for key, attr in (
            ("WELL_FIELD", "well"),
            ("DATE_FIELD", "date"),
            ("PARAMETER_FIELD", "parameter"),
            ("VALUE_FIELD", "value"),
            ("UNIT_FIELD", "unit"),
        ):
            value = self.parameterAsString(parameters, key, context)
            if value:
                setattr(mapping, attr, value)
        feedback.pushInfo(self.tr("Column mapping: {m}").format(m=mapping.to_json()))
        bridge = FeedbackBridge(feedback)
        try:
            rep = lab_import.validate(
                table, db, mapping, progress=lambda p: bridge.progress(p * 0.8), is_canceled=bridge.is_canceled
            )
        except (tabular.TableReadError, ValueError) as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        feedback.pushInfo(rep.summary())
        log_issues(feedback, rep.issues)
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report_path:
            write_report(report_path, rep.issues)
        accept = self.parameterAsBool(parameters, "ACCEPT_VALID", context)
        try:
            lab_import.write(rep, db, accept_valid_only=accept, user=QgsApplication.userLoginName())
        except lab_import.ImportRefusedError as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("Written: {s} new samples, {r} results.").format(s=rep.written_samples, r=rep.written_results)
        )
        return {
            "SAMPLES": rep.written_samples,
            "RESULTS": rep.written_results,
            "ERRORS": len(rep.errors),
            "REPORT": report_path or None,
        }
