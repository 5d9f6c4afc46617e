"""gwplugin:importsoilresults — soil lab results (CSV/XLSX/XLS, long or wide, UTF-8 or GBK) into soil_results of a
project GeoPackage with a validation report and one transaction (core/soil/soil_import.py), and the chain-of-custody
check of the samples (core/soil/custody.py) in the log."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg, tabular
from ....core.soil import custody
from ....core.soil import soil_import as SI
from ...base import GwAlgorithm, fail
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID


class ImportSoilResultsAlgorithm(GwAlgorithm):
    NAME = "importsoilresults"
    DISPLAY = "Import soil lab results"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Imports soil lab results into soil_results of the project database, matched to soil_samples by sample "
        "code. Long tables: a sample, a parameter, a value and optionally a unit column. Wide tables (no parameter "
        "column): every other column is a parameter, with its unit in the header, e.g. 砷(mg/kg). Values as labs "
        "write them (ND, <0.01, 0.01L); units mg/kg, μg/kg, ng/kg, g/kg, ppm, ppb. CSV in UTF-8 or GBK/GB18030, "
        "XLSX and XLS. Nothing is written while a row has an error (unknown sample, not a soil unit, unreadable "
        "value) unless only the valid rows are to be imported; the report lists every error and warning. The "
        "chain of custody of every sample (who and when for each step, in order, within the hold time of its "
        "analyte group) is checked and its problems are listed in the log."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterFile(
                "INPUT", self.tr("Lab file (CSV, XLSX, XLS)"), QgsProcessingParameterFile.Behavior.File
            )
        )
        self.addParameter(QgsProcessingParameterString("SAMPLE_COLUMN", self.tr("Sample code column")))
        for name, label in (
            ("PARAMETER_COLUMN", self.tr("Parameter column (empty: a wide table)")),
            ("VALUE_COLUMN", self.tr("Value column (long tables)")),
            ("UNIT_COLUMN", self.tr("Unit column (long tables; empty: mg/kg)")),
            ("SHEET", self.tr("Sheet (workbooks; empty: the first)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            QgsProcessingParameterBoolean("ACCEPT_VALID_ONLY", self.tr("Import the valid rows only"), False)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink("REPORT", self.tr("Import report"), optional=True, createByDefault=False)
        )
        self.addOutput(QgsProcessingOutputNumber("WRITTEN", self.tr("Results written")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Rows with errors")))
        self.addOutput(QgsProcessingOutputNumber("CUSTODY_PROBLEMS", self.tr("Chain-of-custody problems")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        try:
            gpkg.open_database(path, upgrade=False)
        except gpkg.SchemaError as exc:
            fail(str(exc))

        def text(key):
            return self.parameterAsString(parameters, key, context).strip() or None

        try:
            rep = SI.import_file(
                path,
                self.parameterAsFile(parameters, "INPUT", context),
                text("SAMPLE_COLUMN"),
                text("PARAMETER_COLUMN"),
                text("VALUE_COLUMN"),
                text("UNIT_COLUMN"),
                text("SHEET"),
            )
        except (SI.SoilImportError, tabular.TableReadError) as exc:
            fail(str(exc))
        for issue in rep.issues:
            line = f"{issue.row} {issue.column}: {issue.message}"
            (feedback.reportError if issue.level == "error" else feedback.pushWarning)(line)
        results = {"ERRORS": len(rep.errors), "WRITTEN": 0}
        if parameters.get("REPORT"):
            fields = QgsFields()
            for name, kind in (
                ("row", QVariant.Int),
                ("column", QVariant.String),
                ("level", QVariant.String),
                ("message", QVariant.String),
            ):
                fields.append(QgsField(name, kind))
            sink, dest = self.parameterAsSink(parameters, "REPORT", context, fields, QgsWkbTypes.Type.NoGeometry)
            for issue in rep.issues:
                f = QgsFeature(fields)
                f.setAttributes([issue.row, issue.column, issue.level, issue.message])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["REPORT"] = dest
        accept = self.parameterAsBool(parameters, "ACCEPT_VALID_ONLY", context)
        if rep.errors and not accept:
            feedback.reportError(
                self.tr("{n} rows have errors (listed in the report); nothing was written.").format(n=len(rep.errors))
            )
            results["CUSTODY_PROBLEMS"] = 0
            return results
        results["WRITTEN"] = SI.write(path, rep, accept, current_user())
        problems = custody.check_database(path)
        for p in problems:
            feedback.pushWarning(f"{p.sample_code}: {p.en} / {p.zh}")
        results["CUSTODY_PROBLEMS"] = len(problems)
        feedback.pushInfo(self.tr("{w} results of {s} samples written.").format(w=results["WRITTEN"], s=rep.samples))
        return results
