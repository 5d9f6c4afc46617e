"""gwplugin:updatewellquality — write each well's latest GB/T 14848-2017 class into the project database."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterFile, QgsProcessingParameterNumber

from ....core.data import gpkg
from ....core.wells import quality
from ...base import FeedbackBridge, GwAlgorithm, fail


class UpdateWellQualityAlgorithm(GwAlgorithm):
    NAME = "updatewellquality"
    DISPLAY = "Update latest water-quality class of wells"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Gives every monitoring well its current GB/T 14848-2017 class from each indicator's latest value within a "
        "window of WINDOW_DAYS days (default 365) ending at the well's latest sample: the worst single-indicator "
        "class of those values (§6.3). A visit that measured only pH does not hide the class V nitrate of the "
        "previous quarter. Parallel samples do not enter; non-detects known only as '≤ class k' never worsen the "
        "class. Writes latest_class, latest_sampled_on, latest_governing (the indicators that set the class) and "
        "latest_n_indicators (how many indicators it rests on) into monitoring_wells, in one transaction. The wells "
        "dock, the well forms and the per-aquifer layers show these values."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterNumber(
                "WINDOW_DAYS",
                self.tr("Window of each indicator's latest value (days before the latest sample)"),
                QgsProcessingParameterNumber.Type.Integer,
                quality.DEFAULT_WINDOW_DAYS,
                False,
                0,
                36600,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("WELLS", self.tr("Wells classified")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        try:
            gpkg.open_database(db)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        bridge = FeedbackBridge(feedback)
        try:
            window = self.parameterAsInt(parameters, "WINDOW_DAYS", context)
            n = quality.update_current_class(db, window, bridge.progress, bridge.is_canceled)
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        feedback.pushInfo(self.tr("{n} wells classified.").format(n=n))
        return {"WELLS": n}
