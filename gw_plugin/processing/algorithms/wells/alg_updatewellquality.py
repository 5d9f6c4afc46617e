"""gwplugin:updatewellquality — write each well's latest GB/T 14848-2017 class into the project database."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterFile

from ....core.data import gpkg
from ....core.wells import quality
from ...base import FeedbackBridge, GwAlgorithm, fail


class UpdateWellQualityAlgorithm(GwAlgorithm):
    NAME = "updatewellquality"
    DISPLAY = "Update latest water-quality class of wells"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Classifies the most recent sample of every monitoring well by GB/T 14848-2017 (worst single-indicator class, "
        "§6.3) and writes latest_class, latest_sampled_on and latest_governing into monitoring_wells, in one "
        "transaction. The wells dock, the well forms and the per-aquifer layers show these values."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addOutput(QgsProcessingOutputNumber("WELLS", self.tr("Wells classified")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        try:
            gpkg.open_database(db)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        bridge = FeedbackBridge(feedback)
        try:
            n = quality.update_wells(db, bridge.progress, bridge.is_canceled)
        except InterruptedError:
            fail(self.tr("Canceled: nothing was written."))
        feedback.pushInfo(self.tr("{n} wells classified.").format(n=n))
        return {"WELLS": n}
