"""gwplugin:createdatabase — a new, empty project GeoPackage with the full schema in a CGCS2000 GK CRS."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFileDestination,
)

from ....core.data import gpkg
from ....core.data import schema as S
from ...base import GwAlgorithm, fail


class CreateDatabaseAlgorithm(GwAlgorithm):
    NAME = "createdatabase"
    DISPLAY = "Create project database"
    GROUP_ID = "project"
    GROUP = "Project"
    HELP = (
        "Creates an empty project GeoPackage with every table, code list and constraint of the gw_plugin schema. "
        "Coordinates are stored in a projected CGCS2000 3-degree Gauss-Kruger CRS (default EPSG:4547, central "
        "meridian 114E). An existing file is only replaced when OVERWRITE is set."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFileDestination("OUTPUT", self.tr("Project database"), self.tr("GeoPackage (*.gpkg)"))
        )
        # Optional with a default: QGIS 3.22 rejects a missing CRS value even when a default is set.
        self.addParameter(
            QgsProcessingParameterCrs(
                "CRS", self.tr("CRS (CGCS2000 3-degree Gauss-Kruger)"), S.DEFAULT_CRS, optional=True
            )
        )
        self.addParameter(QgsProcessingParameterBoolean("OVERWRITE", self.tr("Overwrite an existing file"), False))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        crs: QgsCoordinateReferenceSystem = self.parameterAsCrs(parameters, "CRS", context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(S.DEFAULT_CRS)
        overwrite = self.parameterAsBool(parameters, "OVERWRITE", context)
        if not path.lower().endswith(".gpkg"):
            path += ".gpkg"
        try:
            info = gpkg.create_database(path, crs.authid(), overwrite=overwrite)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("Created {path} (schema version {version}, {crs})").format(
                path=info.path, version=info.schema_version, crs=info.crs
            )
        )
        return {"OUTPUT": info.path}
