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
        "SC-<date>-<seed>."
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
        statuses = SC.ELIGIBLE_STATUSES + (
            ("spot_checked",) if self.parameterAsBool(parameters, "INCLUDE_SPOT_CHECKED", context) else ()
        )
        preview = self.parameterAsBool(parameters, "PREVIEW", context)
        user = self.parameterAsString(parameters, "USER", context) or current_user()
        try:
            batch = SC.draw_batch(
                path, batch_id, share, seed, user, statuses, record=not preview, county_codes=counties or None
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
        for name in ("batch_id", "source_uuid", "source_code", "name_zh", "category", "category_zh", "county_code"):
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
                        s["uuid"],
                        s["source_code"],
                        s["name_zh"],
                        s["category"],
                        cats.label(s["category"], "zh"),
                        s["county_code"],
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
