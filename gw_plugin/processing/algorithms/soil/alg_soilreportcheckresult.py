"""gwplugin:soilreportcheckresult — record the outcome of one self-monitoring report spot check of a soil key supervised
unit drawn by gwplugin:soilreportspotcheck: the report's check result, the re-sampling result where the unit needs
re-sampling, and the findings (core/soil/key_units.py ``record_selfmon_result``)."""

from __future__ import annotations

import datetime as _dt

from qgis.core import (
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from ....core.soil import key_units as K
from ...base import GwAlgorithm, fail
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database, date_parameter

RESULTS = ("pass", "rectify", "fail")
RESAMPLE_RESULTS = (None, "consistent", "inconsistent")


class SoilReportCheckResultAlgorithm(GwAlgorithm):
    NAME = "soilreportcheckresult"
    DISPLAY = "Record a self-monitoring report spot check (soil key units)"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Records the outcome of the spot check of one unit's self-monitoring report, drawn in a batch by "
        "gwplugin:soilreportspotcheck: the result of checking the report (pass, to be rectified, fail), the date, "
        "the findings, and — for a unit marked for re-sampling (复核采样) — the re-sampling date and whether its "
        "results are consistent with the unit's own. A unit marked for re-sampling cannot be recorded without its "
        "re-sampling result."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(QgsProcessingParameterString("BATCH_ID", self.tr("Batch id")))
        self.addParameter(QgsProcessingParameterString("SOURCE_CODE", self.tr("Unit code")))
        self.addParameter(
            QgsProcessingParameterEnum(
                "RESULT",
                self.tr("Result of the report check"),
                [self.tr("Pass"), self.tr("To be rectified"), self.tr("Fail")],
                False,
                0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("CHECKED_ON", self.tr("Checked on (YYYY-MM-DD, empty = today)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "RESAMPLE_RESULT",
                self.tr("Re-sampling result"),
                [self.tr("No re-sampling"), self.tr("Consistent with the unit's data"), self.tr("Inconsistent")],
                False,
                0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("RESAMPLED_ON", self.tr("Re-sampled on (YYYY-MM-DD)"), optional=True)
        )
        self.addParameter(QgsProcessingParameterString("FINDINGS", self.tr("Findings"), multiLine=True, optional=True))
        self.addOutput(QgsProcessingOutputString("CHECK", self.tr("Spot check recorded")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)

        checked_on = date_parameter(self, parameters, context, "CHECKED_ON", _dt.date.today()).isoformat()
        resampled_on = date_parameter(self, parameters, context, "RESAMPLED_ON")
        resampled_on = resampled_on.isoformat() if resampled_on else None
        resample = RESAMPLE_RESULTS[self.parameterAsEnum(parameters, "RESAMPLE_RESULT", context)]
        try:
            check = K.selfmon_check_uuid(
                path,
                self.parameterAsString(parameters, "BATCH_ID", context).strip(),
                self.parameterAsString(parameters, "SOURCE_CODE", context),
            )
            K.record_selfmon_result(
                path,
                check,
                RESULTS[self.parameterAsEnum(parameters, "RESULT", context)],
                checked_on,
                resample,
                resampled_on,
                self.parameterAsString(parameters, "FINDINGS", context).strip(),
                current_user(),
            )
        except K.KeyUnitError as exc:
            fail(str(exc))
        feedback.pushInfo(self.tr("Spot check {c} recorded.").format(c=check))
        return {"CHECK": check}
