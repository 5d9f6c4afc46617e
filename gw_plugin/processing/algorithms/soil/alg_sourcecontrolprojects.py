"""gwplugin:sourcecontrolprojects — the source-control projects ledger of seed 001 二(一)3 (推进 3-5 家……试点开展土壤污染
源头管控项目) with each project's status and whether it counts for the seed's target as of a date, the number of
enterprises counted and the target from the shipped plan (core/soil/key_units.py ``source_control_ledger``; the
count is the indicator's, core/sources/indicators.py)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import key_units as K
from ....core.sources import indicators
from ...base import GwAlgorithm
from ...params import database_parameter
from .soil_common import GROUP_ID, checked_database, date_parameter

#: the shipped plan of seed 001 and its indicator holding the target (3 enterprises: the lower bound of "3-5 家")
PLAN_ID, INDICATOR_ID = "zhengzhou_soil_2022", "zs_source_control_projects"
FIELDS = (
    ("source_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("county_code", QVariant.String),
    ("project", QVariant.String),
    ("programme", QVariant.String),
    ("status", QVariant.String),
    ("started_on", QVariant.String),
    ("finished_on", QVariant.String),
    ("investment_10k_yuan", QVariant.Double),
    ("counted", QVariant.Int),
    ("uuid", QVariant.String),
)


def seed_target() -> float:
    """The target of the shipped plan's source-control indicator."""
    plan = indicators.load_plan(PLAN_ID)
    return next(i.target for i in plan.indicators if i.id == INDICATOR_ID)


class SourceControlProjectsAlgorithm(GwAlgorithm):
    NAME = "sourcecontrolprojects"
    DISPLAY = "Source-control projects ledger (soil)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(一)3: 3 to 5 polluting enterprises (electroplating, aluminium rolling, chemicals …) carry out "
        "soil-pollution source-control pilot projects. The ledger lists every source-control project with its "
        "enterprise, programme, status (planned, in progress, completed, accepted), dates and investment. A "
        "project counts for the target as of the date given when it is in progress, completed or accepted and "
        "started (or finished) by then — as the indicator of the shipped plan zhengzhou_soil_2022 counts it; the "
        "output gives the enterprises counted, the target (the plan's, 3: the lower bound of 3 to 5) and whether it "
        "is met."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterString("AS_OF", self.tr("As of (YYYY-MM-DD, empty = today)"), optional=True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Source-control projects")))
        self.addOutput(QgsProcessingOutputNumber("PROJECTS", self.tr("Projects")))
        self.addOutput(QgsProcessingOutputNumber("ENTERPRISES", self.tr("Enterprises counted for the target")))
        self.addOutput(QgsProcessingOutputNumber("TARGET", self.tr("Target (enterprises)")))
        self.addOutput(QgsProcessingOutputNumber("TARGET_MET", self.tr("Target met (1 yes, 0 no)")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        as_of = date_parameter(self, parameters, context, "AS_OF", _dt.date.today())
        rows = K.source_control_ledger(path, as_of)
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        for r in rows:
            f = QgsFeature(fields)
            f.setAttributes([int(bool(r[n])) if n == "counted" else r[n] for n, _ in FIELDS])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        enterprises = len({r["source_uuid"] for r in rows if r["counted"]})
        target = seed_target()
        feedback.pushInfo(
            self.tr("{p} projects; {e} enterprises counted as of {d} (target {t}).").format(
                p=len(rows), e=enterprises, d=as_of.isoformat(), t=f"{target:g}"
            )
        )
        return {
            "OUTPUT": dest,
            "PROJECTS": len(rows),
            "ENTERPRISES": enterprises,
            "TARGET": target,
            "TARGET_MET": 1 if enterprises >= target else 0,
        }
