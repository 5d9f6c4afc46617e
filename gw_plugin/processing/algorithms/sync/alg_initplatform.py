"""gwplugin:initplatform — create or upgrade the city platform schema (PostGIS) from the declarative schema."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterString,
)

from ....core.data import schema as S
from ....core.sync import server_schema as P
from ...base import GwAlgorithm, fail

READ_SCOPES = ["all", "granted"]


class InitPlatformAlgorithm(GwAlgorithm):
    NAME = "initplatform"
    DISPLAY = "Initialise or upgrade the city platform"
    GROUP_ID = "sync"
    GROUP = "Sync"
    HELP = (
        "Creates (or additively upgrades) the schema 'gw' of the city's PostgreSQL/PostGIS supervision platform "
        "from the same declarative schema as the project GeoPackage: one table per layer with a global revision "
        "per row, tombstones for deletions, an audit change log, idempotent push records, attachment storage and "
        "row-level security by county (users change only the counties granted to them in gw.county_grants). "
        "PLATFORM is a libpq connection string or URI; 'service=name' and 'authcfg=id' (QGIS authentication "
        "database) are accepted. Run it as the database owner; it is safe to run again."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString("PLATFORM", self.tr("Platform connection (conninfo, URI, service, authcfg)"))
        )
        self.addParameter(
            QgsProcessingParameterCrs(
                "CRS", self.tr("CRS (CGCS2000 3-degree Gauss-Kruger)"), S.DEFAULT_CRS, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "READ_SCOPE",
                self.tr("Users may read"),
                [self.tr("all counties"), self.tr("only the counties granted to them")],
                defaultValue=0,
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("SCHEMA_VERSION", self.tr("Schema version")))
        self.addOutput(QgsProcessingOutputString("CRS_OUT", self.tr("Platform CRS")))

    def processAlgorithm(self, parameters, context, feedback):
        platform = self.parameterAsString(parameters, "PLATFORM", context)
        crs = self.parameterAsCrs(parameters, "CRS", context).authid() or S.DEFAULT_CRS
        scope = None
        if parameters.get("READ_SCOPE") is not None:
            scope = READ_SCOPES[self.parameterAsEnum(parameters, "READ_SCOPE", context)]
        try:
            info = P.initplatform(platform, crs, read_scope=scope)
        except P.PlatformError as exc:
            fail(str(exc))
        if info.created:
            msg = self.tr("Platform created: schema version {version}, {crs}, reading: {scope}")
        elif info.upgraded_from is not None:
            msg = self.tr("Platform upgraded to schema version {version} ({crs}, reading: {scope})")
        else:
            msg = self.tr("Platform is up to date: schema version {version}, {crs}, reading: {scope}")
        feedback.pushInfo(msg.format(version=info.schema_version, crs=info.crs, scope=info.read_scope))
        return {"SCHEMA_VERSION": info.schema_version, "CRS_OUT": info.crs}
