"""gwplugin:importledger — import a ledger (CSV/XLSX) of pollution sources, abandoned wells or monitoring wells, or
of records of the sources: roster lists, inspection ledgers, discharge permits."""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ....core.data import tabular
from ....core.sources import ledgers
from ...base import GwAlgorithm, fail
from ...import_params import add_import_parameters, log_issues, write_report

TABLES = ["pollution_sources", "abandoned_wells", "monitoring_wells", "roster_entries", "inspections", "permits"]


class ImportLedgerAlgorithm(GwAlgorithm):
    NAME = "importledger"
    DISPLAY = "Import ledger (sources, wells, rosters, inspections, permits)"
    GROUP_ID = "sources"
    GROUP = "Pollution sources"
    HELP = (
        "Imports a ledger from CSV (UTF-8 or GB18030/GBK) or XLSX. Columns are recognised from their Chinese or English "
        "headers (单位名称, 统一社会信用代码, 类别, 地址, 县区, 经度/纬度 or X/Y …). Coordinates may be decimal degrees, "
        "degree-minute-second or projected metres; rows without coordinates are placed at their county's centroid and "
        "flagged for field checking. Rows matching an existing record by unified social credit code or code are "
        "updated (the report lists each change) instead of duplicated. Nothing is written when a row has an error, "
        "unless ACCEPT_VALID is set."
        " Roster lists, inspection ledgers and discharge-permit lists name their source by unified social credit code, "
        "source code or exact name; an updated list updates the same roster version / the same inspection / the same "
        "permit number instead of duplicating it. Yes/no columns accept 是/否, 有/无, √/×, Y/N."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Ledger (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterEnum(
                "TABLE",
                self.tr("Ledger of"),
                [
                    self.tr("Pollution sources"),
                    self.tr("Abandoned wells"),
                    self.tr("Monitoring wells"),
                    self.tr("Roster list"),
                    self.tr("Inspection ledger"),
                    self.tr("Discharge permits"),
                ],
                False,
                0,
            )
        )
        self.addParameter(QgsProcessingParameterString("SHEET", self.tr("Worksheet (XLSX)"), "", False, True))
        add_import_parameters(self, self.tr("Report (issues and changes)"))
        for name, label in (("INSERTED", "Rows inserted"), ("UPDATED", "Rows updated"), ("ERRORS", "Rows with errors")):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "DATABASE", context)
        target = TABLES[self.parameterAsEnum(parameters, "TABLE", context)]
        try:
            table = tabular.read_table(path, sheet=self.parameterAsString(parameters, "SHEET", context) or None)
            mapping = ledgers.guess(table, target)
            feedback.pushInfo(self.tr("Columns: {m}").format(m=mapping.columns))
            rep = ledgers.validate(table, db, mapping)
        except (tabular.TableReadError, ValueError) as exc:
            fail(str(exc))
        feedback.pushInfo(rep.summary())
        log_issues(feedback, rep.issues)
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            write_report(report, rep.issues, rep.changes_text())
        try:
            ledgers.write(
                rep, db, self.parameterAsBool(parameters, "ACCEPT_VALID", context), QgsApplication.userLoginName()
            )
        except ledgers.LedgerRefusedError as exc:
            fail(str(exc))
        for line in rep.changes_text()[:200]:
            feedback.pushInfo(line)
        return {"INSERTED": rep.inserted, "UPDATED": rep.updated, "ERRORS": len(rep.bad_rows), "REPORT": report or None}
