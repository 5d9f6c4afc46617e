"""gwplugin:importledger — import a ledger (CSV/XLSX) of pollution sources, abandoned wells or monitoring wells, or
of records of the sources: roster lists, inspection ledgers, discharge permits."""

from __future__ import annotations

import os

from qgis.core import (
    QgsApplication,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ....core.data import db_errors, tabular
from ....core.sources import ledgers
from ...base import GwAlgorithm, fail
from ...import_params import (
    add_header_row_parameter,
    add_import_parameters,
    fail_plainly,
    log_issues,
    preflight,
    read_table,
    write_report,
)

TABLES = [
    "pollution_sources",
    "abandoned_wells",
    "monitoring_wells",
    "roster_entries",
    "inspections",
    "permits",
    "sites",
]


class ImportLedgerAlgorithm(GwAlgorithm):
    NAME = "importledger"
    DISPLAY = "Import ledger (sources, wells, rosters, inspections, permits, sites)"
    GROUP_ID = "sources"
    GROUP = "Pollution sources"
    HELP = (
        "Imports a ledger from CSV (UTF-8, GB18030/GBK or UTF-16), XLSX or XLS; title and note rows above the header "
        "(as in the plugin's own exported rosters) are skipped, or HEADER_ROW names the header row. Columns are recognised from their Chinese or English "
        "headers (单位名称, 统一社会信用代码, 类别, 地址, 县区, 经度/纬度 or X/Y …). Coordinates may be decimal degrees, "
        "degree-minute-second or projected metres; rows without coordinates are placed at their county's centroid and "
        "flagged for field checking. Rows matching an existing record by unified social credit code or code are "
        "updated (the report lists each change) instead of duplicated. Nothing is written when a row has an error, "
        "unless ACCEPT_VALID is set."
        " Roster lists, inspection ledgers and discharge-permit lists name their source by unified social credit code, "
        "source code or exact name; an updated list updates the same roster version / the same inspection / the same "
        "permit number instead of duplicating it. Yes/no columns accept 是/否, 有/无, √/×, Y/N. Rows identical to "
        "another row of the file are reported as duplicates; cells with control characters are refused."
        " A site ledger (地块编号, 地块名称, 地块状态, 规划用地类别 1 or 2 …) matches existing sites by site code; a site's "
        "boundary cannot come from a table: a new site is written without one (the report says so) and an existing "
        "site keeps its boundary."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("INPUT", self.tr("Ledger (CSV, XLSX or XLS)")))
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
                    self.tr("Construction-land sites"),
                ],
                False,
                0,
            )
        )
        self.addParameter(QgsProcessingParameterString("SHEET", self.tr("Worksheet (XLSX/XLS)"), "", False, True))
        add_header_row_parameter(self)
        add_import_parameters(self, self.tr("Report (issues and changes)"))
        for name, label in (
            ("INSERTED", QT_TRANSLATE_NOOP("ImportLedgerAlgorithm", "Rows inserted")),
            ("UPDATED", QT_TRANSLATE_NOOP("ImportLedgerAlgorithm", "Rows updated")),
            ("ERRORS", QT_TRANSLATE_NOOP("ImportLedgerAlgorithm", "Rows with errors")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "INPUT", context)
        db = self.parameterAsFile(parameters, "DATABASE", context)
        target = TABLES[self.parameterAsEnum(parameters, "TABLE", context)]
        preflight(db, feedback)  # locked, read-only, damaged, newer: said before the file is read
        table = read_table(self, parameters, context, feedback, path)
        mapping = ledgers.guess(table, target)
        feedback.pushInfo(self.tr("Columns: {m}").format(m=mapping.columns))
        if not mapping.columns:
            fail(
                self.tr(
                    "No column of {file} was recognised for this ledger (headers in row {row}: {headers}). Check "
                    "the ledger type, or name the header row (HEADER_ROW)."
                ).format(file=os.path.basename(path), row=table.header_row, headers=", ".join(table.headers))
            )
        try:
            rep = ledgers.validate(table, db, mapping, is_canceled=feedback.isCanceled)
        except (tabular.TableReadError, ValueError) as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled while validating: nothing was written."))
        except Exception as exc:  # sqlite/GDAL errors and anything unforeseen: one sentence, detail at debug level
            fail_plainly(exc, db, feedback)
        feedback.setProgress(60)
        feedback.pushInfo(rep.summary())
        log_issues(feedback, rep.issues)
        report = self.parameterAsFileOutput(parameters, "REPORT", context)
        if report:
            write_report(report, rep.issues, rep.changes_text())
        if feedback.isCanceled():
            fail(self.tr("Canceled before writing: nothing was written."))
        try:
            ledgers.write(
                rep,
                db,
                self.parameterAsBool(parameters, "ACCEPT_VALID", context),
                QgsApplication.userLoginName(),
                is_canceled=feedback.isCanceled,
            )
        except ledgers.LedgerRefusedError as exc:
            fail(str(exc))
        except InterruptedError:
            fail(self.tr("Canceled while writing: the transaction was rolled back, nothing was written."))
        except db_errors.DatabaseProblemError as exc:
            fail(str(exc))
        except Exception as exc:  # sqlite/GDAL errors and anything unforeseen: one sentence, detail at debug level
            fail_plainly(exc, db, feedback)
        for line in rep.changes_text()[:200]:
            feedback.pushInfo(line)
        feedback.setProgress(100)
        return {"INSERTED": rep.inserted, "UPDATED": rep.updated, "ERRORS": len(rep.bad_rows), "REPORT": report or None}
