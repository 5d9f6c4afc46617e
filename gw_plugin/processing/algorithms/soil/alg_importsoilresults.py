"""gwplugin:importsoilresults — soil lab results (CSV/XLSX/XLS, long or wide, UTF-8 or GBK) into soil_results of a
project GeoPackage through the same lab import as groundwater results (core/wells/lab_import.py with the soil profile
of core/soil/soil_import.py): a validation report, nothing written while a row has an error, one transaction, a
cancel writes nothing; then the chain-of-custody check of the samples (core/soil/custody.py) in the log."""

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

from ....core.data import tabular
from ....core.soil import custody
from ....core.soil import soil_import as SI
from ...base import GwAlgorithm, fail
from ...import_params import add_header_row_parameter, fail_plainly, preflight
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database


class ImportSoilResultsAlgorithm(GwAlgorithm):
    NAME = "importsoilresults"
    DISPLAY = "Import soil lab results"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Imports soil lab results into soil_results of the project database through the same lab import as "
        "groundwater results, matched to soil_samples by sample code. Long tables: a sample, a parameter, a value "
        "and optionally a unit column. Wide tables (no parameter column): every column naming a GB 36600-2018 item "
        "or a soil property (pH, moisture …) or carrying a unit in its header, e.g. 砷(mg/kg), is a parameter. "
        "Values as labs write them (ND, 未检出, <0.01, 0.01L); units mg/kg, μg/kg, ng/kg, g/kg, ppm, ppb, each value "
        "kept in the unit it was written in. CSV in UTF-8 or GBK/GB18030, XLSX and XLS. Nothing is written while a "
        "row has an error (unknown sample, not a soil unit, unreadable value, a parameter given twice for a sample "
        "or already in the database) unless only the valid rows are to be imported; a cancel writes nothing; the "
        "report lists every error and warning. The chain of custody of every sample (who and when for each step, "
        "in order, within the hold time of its analyte group) is checked and its problems are listed in the log."
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
        add_header_row_parameter(self)
        self.addOutput(QgsProcessingOutputNumber("WRITTEN", self.tr("Results written")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Rows with errors")))
        self.addOutput(QgsProcessingOutputNumber("CUSTODY_PROBLEMS", self.tr("Chain-of-custody problems")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        preflight(path, feedback)

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
                header_row=self.parameterAsInt(parameters, "HEADER_ROW", context)
                if parameters.get("HEADER_ROW")
                else 0,
                progress=lambda p: feedback.setProgress(p * 0.8),
                is_canceled=feedback.isCanceled,
            )
        except (SI.SoilImportError, tabular.TableReadError) as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        for issue in rep.issues:
            line = f"{issue.row} {issue.column}: {issue.message}"
            (feedback.reportError if issue.severity == "error" else feedback.pushWarning)(line)
        results = {"ERRORS": len(rep.bad_rows), "WRITTEN": 0}
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
                f.setAttributes([issue.row, issue.column, issue.severity, issue.message])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["REPORT"] = dest
        accept = self.parameterAsBool(parameters, "ACCEPT_VALID_ONLY", context)
        if rep.errors and not accept:
            feedback.reportError(
                self.tr("{n} rows have errors (listed in the report); nothing was written.").format(n=len(rep.bad_rows))
            )
            results["CUSTODY_PROBLEMS"] = 0
            return results
        try:
            results["WRITTEN"] = SI.write(path, rep, accept, current_user(), is_canceled=feedback.isCanceled)
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        except SI.SoilImportError as exc:
            fail(str(exc))
        except Exception as exc:  # noqa: BLE001 — a database error in one sentence, the traceback in the log
            fail_plainly(exc, path, feedback)
        problems = custody.check_database(path)
        for p in problems:
            feedback.pushWarning(f"{p.sample_code}: {p.en} / {p.zh}")
        results["CUSTODY_PROBLEMS"] = len(problems)
        samples = len({int(k) for k in rep.cells.well}) if rep.cells is not None and len(rep.cells) else 0
        feedback.pushInfo(self.tr("{w} results of {s} samples written.").format(w=results["WRITTEN"], s=samples))
        return results
