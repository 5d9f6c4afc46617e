"""Shared by the import algorithms (lab results, ledgers): the common parameters, the issue log in the Processing
feedback and the CSV validation report."""

from __future__ import annotations

import csv

from qgis.core import QgsProcessingParameterBoolean, QgsProcessingParameterFileDestination


def add_import_parameters(alg, report_label: str) -> None:
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "ACCEPT_VALID", alg.tr("Import the valid rows even if some rows have errors"), False
        )
    )
    alg.addParameter(
        QgsProcessingParameterFileDestination(
            "REPORT", report_label, alg.tr("CSV files (*.csv)"), optional=True, createByDefault=False
        )
    )


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
    """CSV (UTF-8 with BOM, so Excel opens it) of every issue and, for ledgers, every change."""
    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow(["row", "column", "severity", "code", "message"])
        for i in issues:
            w.writerow([i.row, i.column, i.severity, i.code, i.message])
        for line in changes:
            w.writerow(["", "", "change", "updated", line])
