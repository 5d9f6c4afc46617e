"""gwplugin:surveyspotcheck — draw a batch of construction-land soil surveys for a quality spot check at seed 001's
shares (first-phase surveys ≥ 20 %, second-phase ≥ 30 %) with the sampler of the source spot checks
(core/sources/spotcheck.py ``draw``, one per county first) and record it in survey_checks (core/soil/survey_qc.py)."""

from __future__ import annotations

import datetime as _dt
import secrets

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import survey_qc as QC
from ....core.sources import spotcheck
from ...base import GwAlgorithm, fail
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database

PHASES = ("phase1_survey", "phase2_survey")
OUT_FIELDS = ("batch_id", "site_code", "name_zh", "county_code", "survey_phase", "started_on", "stage_uuid")


class SurveySpotCheckAlgorithm(GwAlgorithm):
    NAME = "surveyspotcheck"
    DISPLAY = "Draw survey quality spot checks (soil)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(二)1: the quality of construction-land soil surveys is spot-checked for at least 20 % of the "
        "sites with a first-phase survey and at least 30 % of those with a second-phase survey. The surveys of the "
        "phase (started in the year given, or all) that were not drawn before form the population; at least "
        "ceil(share × N) are drawn, one in every county first, reproducibly for a seed (the sampler of the source "
        "spot checks). The batch is recorded in survey_checks, one row per survey, for the findings of each check. "
        "A share below the seed's minimum is refused."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterEnum(
                "PHASE",
                self.tr("Survey phase"),
                [self.tr("First-phase surveys (≥ 20 %)"), self.tr("Second-phase surveys (≥ 30 %)")],
                False,
                0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SHARE",
                self.tr("Share to draw (%; empty: the seed's minimum)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                True,
                0.0,
                100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "YEAR",
                self.tr("Surveys started in the year (0: all)"),
                QgsProcessingParameterNumber.Type.Integer,
                0,
                True,
                0,
                2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SEED", self.tr("Random seed (0: a new one)"), QgsProcessingParameterNumber.Type.Integer, 0, True, 0
            )
        )
        self.addParameter(
            QgsProcessingParameterString("BATCH_ID", self.tr("Batch id (empty: a new one)"), "", False, True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Surveys drawn"), optional=True, createByDefault=False)
        )
        self.addOutput(QgsProcessingOutputNumber("POPULATION", self.tr("Surveys that could be drawn")))
        self.addOutput(QgsProcessingOutputNumber("DRAWN", self.tr("Surveys drawn")))
        self.addOutput(QgsProcessingOutputString("BATCH", self.tr("Batch id")))
        self.addOutput(QgsProcessingOutputNumber("SEED_USED", self.tr("Seed used")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        phase = PHASES[self.parameterAsEnum(parameters, "PHASE", context)]
        share = QC.MINIMUM_SHARES[phase]
        if parameters.get("SHARE") not in (None, ""):
            share = self.parameterAsDouble(parameters, "SHARE", context)
        try:
            QC.check_share(phase, share)
        except QC.SurveyCheckError as exc:
            fail(str(exc))
        year = self.parameterAsInt(parameters, "YEAR", context) or None
        seed = self.parameterAsInt(parameters, "SEED", context) or secrets.randbits(31)
        batch = self.parameterAsString(parameters, "BATCH_ID", context).strip()
        batch = batch or f"SQC-{_dt.date.today():%Y%m%d}-{seed % 100000:05d}"
        pop = QC.population(path, phase, year)
        if not pop:
            fail(self.tr("There is no survey of this phase to draw from."))
        picked = spotcheck.draw([r["stage_uuid"] for r in pop], [r["county_code"] for r in pop], share, seed)
        drawn = [pop[i] for i in picked]
        try:
            QC.record_batch(path, batch, phase, share, drawn, current_user())
        except QC.SurveyCheckError as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("{d} of {n} surveys drawn (at least {r} for {s} %), batch {b}, seed {seed}.").format(
                d=len(drawn), n=len(pop), r=QC.required(len(pop), share), s=f"{share:g}", b=batch, seed=seed
            )
        )
        results = {"POPULATION": len(pop), "DRAWN": len(drawn), "BATCH": batch, "SEED_USED": seed}
        if parameters.get("OUTPUT"):
            fields = QgsFields()
            for name in OUT_FIELDS:
                fields.append(QgsField(name, QVariant.String))
            sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
            for r in drawn:
                f = QgsFeature(fields)
                f.setAttributes(
                    [batch, r["site_code"], r["name_zh"], r["county_code"], phase, r["started_on"], r["stage_uuid"]]
                )
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT"] = dest
        return results
