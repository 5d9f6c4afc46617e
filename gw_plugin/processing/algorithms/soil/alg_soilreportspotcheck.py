"""gwplugin:soilreportspotcheck — draw a batch of the soil key supervised units' self-monitoring reports of a year for a
spot check (seed 001 二(一)2(3): 探索建立自行监测质量监管和报告抽查制度……对土壤污染隐患较大或周边调查发现土壤或地下水
超标的企业开展复核采样检查) with the sampler of the source spot checks (core/sources/spotcheck.py ``draw``), record it
in selfmon_checks with the units that need re-sampling and why (core/soil/key_units.py); a unit's report of a year is
never drawn twice."""

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
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import key_units as K
from ....core.sources import spotcheck
from ....toolbelt.i18n import pick, ui_language
from ...base import GwAlgorithm, fail
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database

STRATA = ("category", "county_code")
OUT_FIELDS = (
    ("batch_id", QVariant.String),
    ("year", QVariant.Int),
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("category", QVariant.String),
    ("listed_on", QVariant.String),
    ("resample_required", QVariant.Int),
    ("resample_reason", QVariant.String),
    ("source_uuid", QVariant.String),
)


class SoilReportSpotCheckAlgorithm(GwAlgorithm):
    NAME = "soilreportspotcheck"
    DISPLAY = "Draw self-monitoring report spot checks (soil key units)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(一)2(3): the bureau spot-checks the self-monitoring of the soil key supervised units and "
        "re-samples (复核采样) the units with a large soil-pollution hidden danger or whose surroundings show soil or "
        "groundwater exceeding. The population is the units on the soil key supervised units roster, listed by the "
        "end of the report year, whose report of that year was not drawn before: a report is never drawn twice "
        "within a year. At least ceil(share × N) units are drawn, one of every industry category (or county) "
        "first, reproducibly for a seed — the sampler of the source spot checks. The seed gives no share for these "
        "checks: the default 5 % is the source spot checks' minimum (seed 000 三(二)6(1)); set your own. With "
        "'every unit needing re-sampling' those units are added to the batch beyond the share. Each unit drawn is "
        "recorded in selfmon_checks; re-sampling is marked with its reason (a major hidden danger not rectified, "
        "its site exceeding, soil above the screening values at its surrounding points). The findings of each check "
        "are recorded with gwplugin:soilreportcheckresult."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterNumber(
                "YEAR",
                self.tr("Report year (0: last year)"),
                QgsProcessingParameterNumber.Type.Integer,
                0,
                True,
                0,
                2100,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "SHARE",
                self.tr("Share to draw (%)"),
                QgsProcessingParameterNumber.Type.Double,
                spotcheck.DEFAULT_SHARE_PERCENT,
                False,
                0.0,
                100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "STRATA",
                self.tr("One of every … first"),
                [self.tr("Industry category"), self.tr("County")],
                False,
                0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "ALL_RESAMPLE", self.tr("Also draw every unit needing re-sampling"), defaultValue=False
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
            QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Reports drawn"), optional=True, createByDefault=False)
        )
        self.addOutput(QgsProcessingOutputNumber("POPULATION", self.tr("Reports that could be drawn")))
        self.addOutput(QgsProcessingOutputNumber("DRAWN", self.tr("Reports drawn")))
        self.addOutput(QgsProcessingOutputNumber("RESAMPLE", self.tr("Units to re-sample")))
        self.addOutput(QgsProcessingOutputString("BATCH", self.tr("Batch id")))
        self.addOutput(QgsProcessingOutputNumber("SEED_USED", self.tr("Seed used")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        year = self.parameterAsInt(parameters, "YEAR", context) or _dt.date.today().year - 1
        share = self.parameterAsDouble(parameters, "SHARE", context)
        strata = STRATA[self.parameterAsEnum(parameters, "STRATA", context)]
        seed = self.parameterAsInt(parameters, "SEED", context) or secrets.randbits(31)
        batch = self.parameterAsString(parameters, "BATCH_ID", context).strip()
        batch = batch or f"ZXJC-{year}-{seed % 100000:05d}"
        pop = K.selfmon_population(path, year)
        if not pop:
            fail(
                self.tr("No unit on the soil key supervised units roster has a report of {y} left to draw.").format(
                    y=year
                )
            )
        try:
            picked = spotcheck.draw([r["source_uuid"] for r in pop], [r[strata] for r in pop], share, seed)
        except spotcheck.SpotCheckError as exc:
            fail(str(exc))
        if self.parameterAsBool(parameters, "ALL_RESAMPLE", context):
            picked = sorted(set(picked) | {i for i, r in enumerate(pop) if r["resample_reason"]})
        drawn = [pop[i] for i in picked]
        try:
            K.record_selfmon_batch(path, batch, year, [r["source_uuid"] for r in drawn], current_user())
        except K.KeyUnitError as exc:
            fail(str(exc))
        resample = sum(1 for r in drawn if r["resample_reason"])
        feedback.pushInfo(
            self.tr(
                "{d} of {n} reports of {y} drawn (at least {r} for {s} %), {m} to re-sample; batch {b}, seed {seed}."
            ).format(
                d=len(drawn),
                n=len(pop),
                y=year,
                r=spotcheck.sample_size(len(pop), share),
                s=f"{share:g}",
                m=resample,
                b=batch,
                seed=seed,
            )
        )
        results = {
            "POPULATION": len(pop),
            "DRAWN": len(drawn),
            "RESAMPLE": resample,
            "BATCH": batch,
            "SEED_USED": seed,
        }
        if parameters.get("OUTPUT"):
            fields = QgsFields()
            for name, kind in OUT_FIELDS:
                fields.append(QgsField(name, kind))
            sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
            lang = ui_language()
            for r in drawn:
                f = QgsFeature(fields)
                reason = r["resample_reason"]
                f.setAttributes(
                    [
                        batch,
                        year,
                        r["source_code"],
                        r["name_zh"],
                        r["county_code"],
                        r["category"],
                        r["listed_on"],
                        1 if reason else 0,
                        pick(reason, lang) if reason else None,
                        r["source_uuid"],
                    ]
                )
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT"] = dest
        return results
