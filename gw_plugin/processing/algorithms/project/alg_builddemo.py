"""Processing algorithm "Build demo city": writes the deterministic demo city (core/demo/build.py) and a QGIS project.

The database, rasters and context layers are built in the algorithm's worker thread; the .qgz project is written
in postProcessAlgorithm (main thread), because it creates and styles map layers.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ....core.data import gpkg
from ....core.data import schema as S
from ....core.demo import build
from ...base import FeedbackBridge, GwAlgorithm


class BuildDemoAlgorithm(GwAlgorithm):
    NAME = "builddemo"
    DISPLAY = "Build demo city"
    GROUP_ID = "project"
    GROUP = "Project"
    HELP = (
        "Builds a fictional demo city (Huangze City, six counties on a Yellow-River-like alluvial plain) into the "
        "output folder: a project GeoPackage with monitoring wells, pollution sources, drinking-water sources, "
        "sites and five years of quarterly GB/T 14848-2017 samples; 100 m rasters for vulnerability assessment; "
        "context layers (river, urban areas, industrial parks); and a QGIS project (.qgz) that opens them all. "
        "The same seed always gives the same data. LANG: the language of the project's layer names, legends, forms "
        "and county labels (default: the language QGIS runs in)."
    )

    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    SEED = "SEED"
    CRS = "CRS"
    LANG = "LANG"
    #: LANG's choices: the plugin's language (QGIS's), Chinese, English
    LANGS = [None, "zh", "en"]
    DATABASE = "DATABASE"
    PROJECT = "PROJECT"

    def __init__(self):
        super().__init__()
        self._result = None
        self._project_path = None
        self._lang = None

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder")))
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Random seed"), QgsProcessingParameterNumber.Type.Integer, 42, False, 0
            )
        )
        self.addParameter(
            QgsProcessingParameterCrs(self.CRS, self.tr("Coordinate reference system"), S.DEFAULT_CRS, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.LANG,
                self.tr("Language of the project (layer names, legends, labels)"),
                options=[self.tr("The language QGIS runs in"), self.tr("Chinese"), self.tr("English")],
                defaultValue=0,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.DATABASE, self.tr("Demo database")))
        self.addOutput(QgsProcessingOutputFile(self.PROJECT, self.tr("Demo QGIS project")))

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        crs: QgsCoordinateReferenceSystem = self.parameterAsCrs(parameters, self.CRS, context)
        authid = crs.authid() if crs.isValid() else S.DEFAULT_CRS
        if not gpkg.crs_is_allowed(authid):
            raise QgsProcessingException(
                self.tr("{0} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).").format(authid)
            )
        self._lang = self.LANGS[self.parameterAsEnum(parameters, self.LANG, context)]
        bridge = FeedbackBridge(feedback)
        bridge.info(self.tr("Building the demo city (seed {0}, {1}) in {2}").format(seed, authid, folder))
        try:
            self._result = build.build_demo(
                folder, seed=seed, crs=authid, progress=bridge.progress, is_canceled=bridge.is_canceled
            )
        except build.DemoCanceled as exc:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from exc
        for table, count in sorted(self._result.counts.items()):
            bridge.info(f"{table}: {count}")
        self._project_path = os.path.join(os.path.dirname(self._result.database), "demo_city.qgz")
        return {self.DATABASE: self._result.database, self.PROJECT: self._project_path}

    def postProcessAlgorithm(self, context, feedback):
        if self._result is None:
            return {}
        res = self._result
        # the demo project as `make demo` writes it: per-aquifer class layers built, the city as start extent
        self._project_path = build.write_demo_project(os.path.dirname(res.database), lang=self._lang)
        return {self.DATABASE: res.database, self.PROJECT: self._project_path}
