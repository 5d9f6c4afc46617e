"""gwplugin:demolitionrecords — the demolition (拆除) records of the soil key supervised units checked against the rules
(core/soil/key_units.py ``demolition_records``): a pollution-prevention plan with its emergency measures filed before
the works (Soil Pollution Prevention and Control Law, Art. 22), a summary report after them, the documents kept with
the record."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import key_units as K
from ....toolbelt.i18n import is_zh, ui_language
from ...base import GwAlgorithm
from ...params import database_parameter
from .soil_common import GROUP_ID, checked_database

FIELDS = (
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("facility", QVariant.String),
    ("plan_filed_on", QVariant.String),
    ("started_on", QVariant.String),
    ("finished_on", QVariant.String),
    ("summary_filed_on", QVariant.String),
    ("documents", QVariant.Int),
    ("problem_codes", QVariant.String),
    ("problems", QVariant.String),
    ("uuid", QVariant.String),
)


class DemolitionRecordsAlgorithm(GwAlgorithm):
    NAME = "demolitionrecords"
    DISPLAY = "Demolition records of soil key units"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(三)2 tracks the pollution prevention of demolitions (拆除活动污染防治) at the soil key "
        "supervised units. A unit that demolishes facilities, equipment, buildings or structures draws up a "
        "soil-pollution-prevention work plan including emergency measures and files it before the works (Soil "
        "Pollution Prevention and Control Law, Art. 22). Every demolition record is listed with what is wrong: "
        "no_plan (works started without a filed plan), plan_after_start (the plan filed after the works started), "
        "no_summary (finished without a summary report), summary_before_finish (the report predates the end of the "
        "works), no_documents (a plan or report filed but no document — the plan with its measures, the report — "
        "kept with the record as an attachment). The summary report rule is the plugin's reading of the "
        "management practice; verify it against the local rules."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterBoolean("PROBLEMS_ONLY", self.tr("Only records with a problem"), defaultValue=False)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Demolition records")))
        self.addOutput(QgsProcessingOutputNumber("RECORDS", self.tr("Demolition records")))
        self.addOutput(QgsProcessingOutputNumber("WITH_PROBLEMS", self.tr("Records with a problem")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        rows = K.demolition_records(path)
        only = self.parameterAsBool(parameters, "PROBLEMS_ONLY", context)
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        zh = is_zh(ui_language())
        for r in rows:
            if only and not r["problems"]:
                continue
            f = QgsFeature(fields)
            f.setAttributes(
                [
                    r["source_code"],
                    r["name_zh"],
                    r["county_code"],
                    r["facility"],
                    r["plan_filed_on"],
                    r["started_on"],
                    r["finished_on"],
                    r["summary_filed_on"],
                    r["documents"],
                    ", ".join(p.code for p in r["problems"]) or None,
                    ("；" if zh else "; ").join(p.zh if zh else p.en for p in r["problems"]) or None,
                    r["uuid"],
                ]
            )
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        bad = sum(1 for r in rows if r["problems"])
        feedback.pushInfo(self.tr("{n} demolition records, {b} with a problem.").format(n=len(rows), b=bad))
        return {"OUTPUT": dest, "RECORDS": len(rows), "WITH_PROBLEMS": bad}
