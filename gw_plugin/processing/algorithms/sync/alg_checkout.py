"""gwplugin:checkout — a new project GeoPackage with chosen counties' data from the platform, to edit offline."""

from __future__ import annotations

import os

from qgis.core import (
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ....core.sync import checkout as CO
from ...base import GwAlgorithm, fail


class CheckoutAlgorithm(GwAlgorithm):
    NAME = "checkout"
    DISPLAY = "Check out counties from the platform"
    GROUP_ID = "sync"
    GROUP = "Sync"
    HELP = (
        "Creates a new project GeoPackage holding the data of the chosen counties (6-digit codes separated by "
        "commas) from the city platform, plus the administrative units of every county as read-only context, "
        "with change tracking installed so that every edit made offline (in QGIS, the field calculator or any "
        "OGR client) is synced later by 'Sync with the platform'. A styled QGIS project with forms is written "
        "beside it (same name, .qgz)."
    )

    def __init__(self):
        super().__init__()
        self._output = None
        self._results = {}

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString("PLATFORM", self.tr("Platform connection (conninfo, URI, service, authcfg)"))
        )
        self.addParameter(QgsProcessingParameterString("COUNTIES", self.tr("County codes (comma separated)")))
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", self.tr("Project database"), self.tr("GeoPackage (*.gpkg)"))
        )
        self.addParameter(QgsProcessingParameterBoolean("OVERWRITE", self.tr("Overwrite an existing file"), False))
        self.addParameter(QgsProcessingParameterBoolean("PROJECT", self.tr("Write a styled QGIS project"), True))
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Features checked out")))
        self.addOutput(QgsProcessingOutputFile("PROJECT_FILE", self.tr("QGIS project")))

    def processAlgorithm(self, parameters, context, feedback):
        platform = self.parameterAsString(parameters, "PLATFORM", context)
        counties = self.parameterAsString(parameters, "COUNTIES", context)
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        try:
            res = CO.checkout(
                platform, counties, path, overwrite=self.parameterAsBool(parameters, "OVERWRITE", context)
            )
        except CO.CheckoutError as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("Checked out {rows} features of counties {counties} at platform revision {rev} into {path}").format(
                rows=res.rows, counties=", ".join(res.counties), rev=res.server_rev, path=res.path
            )
        )
        self._output = res.path if self.parameterAsBool(parameters, "PROJECT", context) else None
        self._results = {"OUTPUT": res.path, "ROWS": res.rows, "PROJECT_FILE": None}
        return dict(self._results)

    def postProcessAlgorithm(self, context, feedback):
        # QGIS 3.22 replaces the results of processAlgorithm by those returned here: return them all
        if not self._output:
            return dict(self._results)
        from ....core.data import qgis_project

        qgz = os.path.splitext(self._output)[0] + ".qgz"
        try:
            qgis_project.write_project(self._output, qgz, title=os.path.basename(self._output))
        except Exception as exc:  # the data is checked out; a project problem must not hide that
            feedback.reportError(self.tr("The QGIS project could not be written: {error}").format(error=exc))
            return dict(self._results)
        feedback.pushInfo(self.tr("QGIS project: {path}").format(path=qgz))
        return {**self._results, "PROJECT_FILE": qgz}
