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
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ....core.data import tabular
from ....core.wells import lab_columns, lab_import, quality
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...import_params import (
    add_header_row_parameter,
    add_import_parameters,
    fail_plainly,
    log_issues,
    preflight,
    read_table,
    write_report,
)

LAYOUTS = ["long", "wide"]
ROLE_PARAMS = {"well": "WELL_FIELD", "date": "DATE_FIELD", "parameter": "PARAMETER_FIELD", "value": "VALUE_FIELD"}


class ImportSamplesAlgorithm(GwAlgorithm):
    NAME = "importsamples"
    DISPLAY = "Import lab results"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Imports lab results from CSV (UTF-8, GB18030/GBK or UTF-16, detected per file), XLSX or XLS (the first "
        "visible worksheet unless SHEET names one; title rows above the header are skipped, or HEADER_ROW names the "
        "header row; names and units in merged header cells are joined, e.g. 铅(mg/L)). Long layout: one row "
        "per value with well, date, parameter, value and unit columns. Wide layout: one row per sample and one column "
        "per parameter (unit in the header, e.g. 硝酸盐(mg/L), else the standard's unit). Column names left empty are "
        "guessed from the headers. Every row is validated first (unknown wells or parameters, unreadable or impossible "
        "values, unit mismatches, duplicates, dates in the future); with any error nothing is written unless "
        "ACCEPT_VALID is set, and then rows with errors are left out entirely. The validation report is written as CSV. "
        "The database is checked first (locked, read-only, damaged, newer schema); Cancel is honoured while writing "
        "too (the transaction is rolled back); afterwards the wells' current classes are updated."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Lab file (CSV, XLSX or XLS)")))
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterEnum("LAYOUT", self.tr("Layout"), [self.tr("Long"), self.tr("Wide")], False, 0, True)
        )
        self.addParameter(QgsProcessingParameterString("SHEET", self.tr("Worksheet (XLSX/XLS)"), "", False, True))
        add_header_row_parameter(self)
        for name, label in (
            ("WELL_FIELD", QT_TRANSLATE_NOOP("ImportSamplesAlgorithm", "Well code column")),
            ("DATE_FIELD", QT_TRANSLATE_NOOP("ImportSamplesAlgorithm", "Sampling date column")),
            ("PARAMETER_FIELD", QT_TRANSLATE_NOOP("ImportSamplesAlgorithm", "Parameter column (long layout)")),
            ("VALUE_FIELD", QT_TRANSLATE_NOOP("ImportSamplesAlgorithm", "Value column (long layout)")),
            ("UNIT_FIELD", QT_TRANSLATE_NOOP("ImportSamplesAlgorithm", "Unit column (long layout)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, self.tr(label), "", False, True))
        add_import_parameters(self, self.tr("Validation report"))
        self.addOutput(QgsProcessingOutputNumber("SAMPLES", self.tr("New samples")))
        self.addOutput(QgsProcessingOutputNumber("RESULTS", self.tr("Results written")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Rows with errors")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "DATABASE", context)
        preflight(db, feedback)  # locked, read-only, damaged, newer: said before the file is read
        table = read_table(self, parameters, context, feedback, path)
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
        missing = lab_columns.missing_roles(mapping)
        if missing:
            fail(
                self.tr(
                    "The column mapping is incomplete: no column for {roles} among the headers {headers} (row {row}). "
                    "Name the columns ({params}) or the header row (HEADER_ROW)."
                ).format(
                    roles=", ".join(missing),
                    headers=", ".join(table.headers),
                    row=table.header_row,
                    params=", ".join(ROLE_PARAMS[r] for r in missing),
                )
            )
        feedback.pushInfo(self.tr("Column mapping: {m}").format(m=mapping.to_json()))
        bridge = FeedbackBridge(feedback)
        try:
            rep = lab_import.validate(
                table,
                db,
                mapping,
                progress=lambda p: bridge.progress(10 + p * 0.6),
                is_canceled=bridge.is_canceled,
                release_table=True,  # the table is not used after validation: its cells go before the write
            )
        except (tabular.TableReadError, ValueError) as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled while validating: nothing was written."))
        except Exception as exc:  # sqlite/GDAL errors and anything unforeseen: one sentence, detail at debug level
            fail_plainly(exc, db, feedback)
        feedback.pushInfo(rep.summary())
        log_issues(feedback, rep.issues)
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report_path:
            write_report(report_path, rep.issues)
        accept = self.parameterAsBool(parameters, "ACCEPT_VALID", context)
        try:
            lab_import.write(
                rep,
                db,
                accept_valid_only=accept,
                user=QgsApplication.userLoginName(),
                progress=lambda p: bridge.progress(71 + p * 0.24),  # the write: 71–95 %
                is_canceled=bridge.is_canceled,
            )
        except lab_import.ImportRefusedError as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled while writing: the transaction was rolled back, nothing was written."))
        except Exception as exc:  # sqlite/GDAL errors and anything unforeseen: one sentence, detail at debug level
            fail_plainly(exc, db, feedback)
        feedback.pushInfo(
            self.tr("Written: {s} new samples, {r} results.").format(s=rep.written_samples, r=rep.written_results)
        )
        if rep.written_results and hasattr(quality, "update_current_class"):
            feedback.pushInfo(
                self.tr("Current water-quality class updated for {n} wells.").format(n=quality.update_current_class(db))
            )
        feedback.setProgress(100)
        return {
            "SAMPLES": rep.written_samples,
            "RESULTS": rep.written_results,
            "ERRORS": len(rep.errors),
            "REPORT": report_path or None,
        }
