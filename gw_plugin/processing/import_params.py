"""Shared by the import algorithms (lab results, ledgers): the common parameters (valid rows only, report, header
row), reading the file with progress, the database check before any work, the issue log in the Processing
feedback and the CSV validation report (text cells neutralised against formula injection).

Every failure reaches the user as one sentence (QgsProcessingException); the technical detail goes to the log at
debug level only."""

from __future__ import annotations

import traceback

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
)

from ..core.data import db_errors, reports, tabular
from ..toolbelt.i18n import tr
from .base import fail

TR_CONTEXT = "ImportParams"


def add_import_parameters(alg, report_label: str) -> None:
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "ACCEPT_VALID", tr(TR_CONTEXT, "Import the valid rows even if some rows have errors"), False
        )
    )
    alg.addParameter(
        QgsProcessingParameterFileDestination(
            "REPORT", report_label, tr(TR_CONTEXT, "CSV files (*.csv)"), optional=True, createByDefault=False
        )
    )


def add_header_row_parameter(alg) -> None:
    alg.addParameter(
        QgsProcessingParameterNumber(
            "HEADER_ROW",
            tr(TR_CONTEXT, "Header row (the row holding the column names; 0 = found automatically)"),
            QgsProcessingParameterNumber.Type.Integer,
            0,
            True,
            0,
            100000,
        )
    )


def debug(feedback, text: str) -> None:
    if feedback is not None:
        feedback.pushDebugInfo(text)


def read_table(alg, parameters, context, feedback, path: str, share: float = 10.0) -> tabular.Table:
    """The input table (worksheet and header row from the parameters), with progress over the first ``share``
    percent; a file that cannot be read fails with its one sentence."""
    sheet = alg.parameterAsString(parameters, "SHEET", context) or None
    header_row = alg.parameterAsInt(parameters, "HEADER_ROW", context) if parameters.get("HEADER_ROW") else None
    try:
        table = tabular.read_table(
            path,
            sheet=sheet,
            header_row=header_row or None,
            progress=lambda p: feedback.setProgress(p * share / 100.0),
            is_canceled=feedback.isCanceled,
        )
    except tabular.TableReadError as exc:
        fail(str(exc))
    except InterruptedError:
        fail(tr(TR_CONTEXT, "Canceled while reading the file: nothing was written."))
    note = tabular.pandas_missing_message()
    if note:
        feedback.pushWarning(note)
    if table.hidden_sheets or len(table.sheets) > 1:
        feedback.pushInfo(
            tr(TR_CONTEXT, "Worksheet read: {sheet} (the workbook has: {sheets}; hidden: {hidden}).").format(
                sheet=table.sheet, sheets=", ".join(table.sheets), hidden=", ".join(table.hidden_sheets) or "-"
            )
        )
    feedback.pushInfo(
        tr(TR_CONTEXT, "{rows} rows, header in row {row}: {headers}").format(
            rows=table.nrows, row=table.header_row, headers=", ".join(table.headers)
        )
    )
    return table


def preflight(database: str, feedback=None) -> None:
    """Fail now, in plain words, when the database is locked, read-only, damaged, not a GeoPackage or newer."""
    try:
        db_errors.preflight(database, write=True)
    except db_errors.DatabaseProblemError as exc:
        fail(str(exc))


def fail_plainly(exc: BaseException, database: str, feedback=None):
    """Fail with one sentence for ``exc``; the traceback goes to the log at debug level only."""
    debug(feedback, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    fail(db_errors.explain(exc, database))


def log_issues(feedback, issues, limit: int = 200) -> None:
    for issue in issues[:limit]:
        line = f"row {issue.row} [{issue.column}] {issue.severity} {issue.code}: {issue.message}"
        if issue.severity == "error":
            feedback.reportError(line)
        else:
            feedback.pushWarning(line)
    if len(issues) > limit:
        feedback.pushWarning(f"… {len(issues) - limit} more issues in the report")


def write_report(path: str, issues, changes=()) -> None:
    """CSV (UTF-8 with BOM, so Excel opens it) of every issue and, for ledgers, every change; a header or value
    from the user's file that looks like a formula is written as text."""
    rows = [[i.row, i.column, i.severity, i.code, i.message] for i in issues]
    rows += [["", "", "change", "updated", line] for line in changes]
    reports.write_csv(path, ["row", "column", "severity", "code", "message"], rows)
