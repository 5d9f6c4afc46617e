"""gwplugin:longtermlist — the layered long-term monitoring-well list (one XLSX sheet per aquifer layer) and the
national assessment points with their target class and a pass/fail per year (core/network/longterm.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ....core.data import gpkg, reports
from ....core.network import longterm
from ...base import GwAlgorithm, fail


class LongTermListAlgorithm(GwAlgorithm):
    NAME = "longtermlist"
    DISPLAY = "Layered long-term monitoring-well list (XLSX)"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Writes the wells flagged as long-term monitoring wells to an XLSX workbook with one sheet per aquifer layer "
        "(code, name, county, aquifer layer, well type, depth, screen top/bottom, X/Y in the database CRS, longitude "
        "and latitude in CGCS2000 EPSG:4490, owning department, national assessment point, target class), and a "
        "sheet of the national assessment points with, for each year from YEAR_FROM to YEAR_TO (0 = every year), the "
        "year's class (the worst overall GB/T 14848-2017 class of that year's samples; parallel samples left out) "
        "and whether it meets the target class. The national rule may use annual means instead: unverified."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("CITY", self.tr("City name for the titles"), "", False, True))
        for name, label in (
            ("YEAR_FROM", self.tr("First year (0 = all)")),
            ("YEAR_TO", self.tr("Last year (0 = all)")),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(name, label, QgsProcessingParameterNumber.Type.Integer, 0, False, 0, 9999)
            )
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", self.tr("Workbook"), self.tr("Excel workbooks (*.xlsx)"))
        )
        self.addOutput(QgsProcessingOutputNumber("WELLS", self.tr("Long-term wells listed")))
        self.addOutput(QgsProcessingOutputNumber("ASSESSMENT_ROWS", self.tr("Assessment point-years")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", self.tr("Point-years that miss their target")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        try:
            gpkg.open_database(db, upgrade=False)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        out = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not out.lower().endswith(".xlsx"):
            out += ".xlsx"
        first = self.parameterAsInt(parameters, "YEAR_FROM", context)
        last = self.parameterAsInt(parameters, "YEAR_TO", context)
        years = None if not first and not last else (first or 0, last or 9999)
        try:
            summary = longterm.write_longterm_xlsx(
                out, db, self.parameterAsString(parameters, "CITY", context).strip(), years
            )
        except (longterm.LongTermListError, reports.XlsxUnavailableError) as exc:
            fail(str(exc))
        except OSError as exc:
            fail(self.tr("The workbook could not be written: {error}").format(error=exc))
        feedback.pushInfo(
            self.tr(
                "{w} long-term wells in {l} aquifer layers; {a} assessment point-years, {f} miss their target."
            ).format(w=summary["wells"], l=summary["layers"], a=summary["assessment_rows"], f=summary["failed"])
        )
        return {
            "OUTPUT": out,
            "WELLS": summary["wells"],
            "ASSESSMENT_ROWS": summary["assessment_rows"],
            "FAILED": summary["failed"],
        }
