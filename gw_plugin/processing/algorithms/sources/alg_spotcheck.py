"""gwplugin:spotcheck — draw a spot-check batch of the leakage self-investigations (seed 000 三(二)6(1)) and record
it as spot_check inspections (core/sources/spotcheck.py)."""

from __future__ import annotations

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....core.data import schema as S
from ....core.sources import spotcheck as SC
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID, current_user, database_parameter

WORKFLOWS = ("leakage", "antiseepage", "self_monitoring", "risk_control")


class SpotCheckAlgorithm(GwAlgorithm):
    NAME = "spotcheck"
    DISPLAY = "Draw a leakage spot-check batch"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Seed 000 三(二)6(1): the bureau spot-checks at least 5% of the enterprises that carried out the leakage "
        "investigation, covering every source type. Population: sources whose leakage_status is self_investigated "
        "or report_received (self-investigation done, not yet verified; tick INCLUDE_SPOT_CHECKED to add the ones "
        "checked already). Size: at least SHARE % of the population rounded up, and at least one source of every "
        "category present even when that exceeds the share. The draw is reproducible from SEED (the same inventory "
        "and seed give the same batch). Unless PREVIEW is ticked, the batch is recorded as spot_check inspections "
        "(one per drawn source, linked to the batch recorded in spotcheck_batches); a batch id that exists already is refused, so a recorded "
        "batch is never replaced — give a new id to draw another batch (both are kept). Default batch id: "
        "SC-<date>-<seed>. Other record sets (RECORD_SET): sources by the status of any workflow (WORKFLOW, "
        "STATUSES comma-separated; defaults: leakage self_investigated,report_received; antiseepage done; "
        "self_monitoring partial,complete; risk_control plan_done,implemented), self-monitoring reports received "
        "(of YEAR when given), construction-land survey records (site surveys of phase 1 and 2, of YEAR when given, "
        "not drawn by gwplugin:surveyspotcheck); the stratum covered is the source category (the survey phase for "
        "surveys). A record drawn in an earlier batch whose check has no result yet is never drawn again."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterNumber(
                "SHARE",
                self.tr("Share to draw (%)"),
                QgsProcessingParameterNumber.Type.Double,
                SC.DEFAULT_SHARE_PERCENT,
                optional=True,
                minValue=0.01,
                maxValue=100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SEED",
                self.tr("Random seed (empty = new random seed, recorded)"),
                QgsProcessingParameterNumber.Type.Integer,
                None,
                optional=True,
                minValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterString("BATCH_ID", self.tr("Batch id"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                "COUNTIES", self.tr("Only these county codes (comma-separated)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "INCLUDE_SPOT_CHECKED", self.tr("Include sources already spot-checked"), False, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "PREVIEW", self.tr("Preview only (do not record the batch)"), False, optional=True
            )
        )
        self.addParameter(QgsProcessingParameterString("USER", self.tr("User"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Drawn sources"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "RECORD", self.tr("Batch record (JSON)"), self.tr("JSON (*.json)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "RECORD_SET",
                self.tr("Records to draw from"),
                [self.tr("Sources by workflow status"), self.tr("Self-monitoring reports"), self.tr("Survey records")],
                defaultValue=0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "WORKFLOW",
                self.tr("Workflow (sources)"),
                [self.tr("Leakage investigation"), self.tr("Anti-seepage retrofit"), self.tr("Self-monitoring"),
                 self.tr("Detailed survey / risk control")],
                defaultValue=0,
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterString(
                "STATUSES", self.tr("Statuses drawn from (comma-separated; empty = the default)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "YEAR",
                self.tr("Year (reports, surveys)"),
                QgsProcessingParameterNumber.Type.Integer,
                None,
                optional=True,
                minValue=1990,
                maxValue=2100,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        share = (
            self.parameterAsDouble(parameters, "SHARE", context)
            if parameters.get("SHARE") is not None
            else SC.DEFAULT_SHARE_PERCENT
        )
        seed = self.parameterAsInt(parameters, "SEED", context) if parameters.get("SEED") not in (None, "") else None
        if seed is None:
            import secrets

            seed = secrets.randbelow(2**31)
        batch_id = self.parameterAsString(parameters, "BATCH_ID", context) or SC.default_batch_id(seed)
        counties = [
            c.strip() for c in (self.parameterAsString(parameters, "COUNTIES", context) or "").split(",") if c.strip()
        ]
        record_set = (
            SC.RECORD_SETS[self.parameterAsEnum(parameters, "RECORD_SET", context)]
            if parameters.get("RECORD_SET") is not None
            else "sources"
        )
        workflow = (
            WORKFLOWS[self.parameterAsEnum(parameters, "WORKFLOW", context)]
            if parameters.get("WORKFLOW") is not None
            else "leakage"
        )
        given = [
            c.strip() for c in (self.parameterAsString(parameters, "STATUSES", context) or "").split(",") if c.strip()
        ]
        year = self.parameterAsInt(parameters, "YEAR", context) if parameters.get("YEAR") not in (None, "") else None
        statuses = tuple(given) or SC.DEFAULT_STATUSES[workflow]
        if workflow == "leakage" and self.parameterAsBool(parameters, "INCLUDE_SPOT_CHECKED", context):
            statuses = tuple(statuses) + (("spot_checked",) if "spot_checked" not in statuses else ())
        preview = self.parameterAsBool(parameters, "PREVIEW", context)
        user = self.parameterAsString(parameters, "USER", context) or current_user()
        try:
            population = None
            if record_set == "sources" and workflow != "leakage":
                population = SC.sources_population(path, workflow, statuses)
            elif record_set == "self_monitoring_reports":
                population = SC.self_monitoring_reports_population(
                    path, year, statuses=tuple(given) or SC.REPORT_STATUSES
                )
            elif record_set == "survey_records":
                population = SC.survey_records_population(path, tuple(given) or SC.SURVEY_PHASES, year)
            batch = SC.draw_batch(
                path,
                batch_id,
                share,
                seed,
                user,
                statuses if workflow == "leakage" else SC.ELIGIBLE_STATUSES,
                record=not preview,
                county_codes=counties or None,
                population=population,
            )
        except SC.SpotCheckError as exc:
            fail(str(exc))
        out = {
            "BATCH_ID": batch.batch_id,
            "SEED": batch.seed,
            "N_POPULATION": batch.population,
            "N_REQUIRED": batch.required,
            "N_DRAWN": len(batch.selected),
            "RECORDED": batch.recorded,
        }
        fields = QgsFields()
        names = ("batch_id", "source_uuid", "source_code", "name_zh", "category", "category_zh", "county_code",
                 "record_table", "record_uuid")  # fmt: skip
        for name in names:
            fields.append(QgsField(name, QVariant.Type.String))
        crs = QgsCoordinateReferenceSystem(gpkg.read_meta(path).get("crs", S.DEFAULT_CRS))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, crs)
        if sink is not None:
            cats = S.codelist("source_category")
            for s in batch.selected:
                f = QgsFeature(fields)
                f.setAttributes(
                    [
                        batch.batch_id,
                        s.get("source_uuid") or "",
                        s["source_code"],
                        s["name_zh"],
                        s["category"],
                        cats.label(s["category"], "zh"),
                        s["county_code"],
                        s.get("table", "pollution_sources"),
                        s["uuid"],
                    ]
                )
                if s["x"] == s["x"]:
                    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(s["x"], s["y"])))
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            out["OUTPUT"] = dest
        record = self.parameterAsFileOutput(parameters, "RECORD", context) if parameters.get("RECORD") else ""
        if record:
            with open(record, "w", encoding="utf-8") as fh:
                json.dump(batch.record(), fh, ensure_ascii=False, indent=2)
            out["RECORD"] = record
        feedback.pushInfo(
            self.tr(
                "Batch {id}: {k} of {n} sources drawn ({req} required by the share; {c} categories covered; seed {seed}){rec}"
            ).format(
                id=batch.batch_id,
                k=len(batch.selected),
                n=batch.population,
                req=batch.required,
                c=len(batch.categories),
                seed=batch.seed,
                rec="" if batch.recorded else self.tr(" — preview, not recorded"),
            )
        )
        return out
