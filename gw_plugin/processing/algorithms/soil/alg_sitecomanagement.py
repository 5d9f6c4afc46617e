"""gwplugin:sitecomanagement — soil–groundwater co-management of sites (seed 001 二(四)1) written back to the
project database: each site's groundwater exceedance derived from the monitoring wells inside or next to it
(core/soil/groundwater.py), then the co-management class of every site (core/sources/site_class.py) into
sites.co_management and co_management_reason."""

from __future__ import annotations

import sqlite3

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.soil import groundwater as GW
from ....core.sources import site_class
from ...base import GwAlgorithm
from ...params import current_user, database_parameter
from .soil_common import GROUP_ID, checked_database

OUT_FIELDS = (
    ("site_uuid", QVariant.String),
    ("site_code", QVariant.String),
    ("name_zh", QVariant.String),
    ("gw_exceedance", QVariant.String),
    ("gw_exceeding_pollutants", QVariant.String),
    ("gw_derived_from", QVariant.String),
    ("soil_exceedance", QVariant.String),
    ("co_management", QVariant.String),
    ("co_management_reason", QVariant.String),
)


class SiteCoManagementAlgorithm(GwAlgorithm):
    NAME = "sitecomanagement"
    DISPLAY = "Soil–groundwater co-management of sites"
    GROUP_ID = GROUP_ID
    GROUP = "Soil pilot area"
    HELP = (
        "Seed 001 二(四)1, written back to the sites of the project database. First, each site's groundwater "
        "exceedance is derived from the monitoring wells inside the site or within the distance given (a plugin "
        "default of 500 m, not from a standard): the latest sample of each well, a result exceeding when its "
        "GB/T 14848-2017 class is IV or V; the site is exceeding when one of its wells is, not exceeding when at "
        "least one well has a classified sample and none exceeds, unknown otherwise. The wells, distances, dates "
        "and classes are written to gw_derived_from. Then every site is classified by the co-management rule "
        "(soil not above the screening values but groundwater exceeding: contaminated site when the exceeding "
        "pollutant is a characteristic pollutant of the site, otherwise the groundwater key-zone control class; "
        "every other combination with its own outcome) into co_management and co_management_reason. Soil "
        "exceedance comes from 'Screen soil results' with the project database."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter())
        self.addParameter(
            QgsProcessingParameterNumber(
                "DISTANCE",
                self.tr("Wells up to this distance from the site count as next to it (m)"),
                QgsProcessingParameterNumber.Type.Double,
                GW.DEFAULT_DISTANCE_M,
                False,
                0.0,
                100000.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Sites and their co-management"), optional=True, createByDefault=False
            )
        )
        self.addOutput(QgsProcessingOutputNumber("SITES", self.tr("Sites written")))
        self.addOutput(QgsProcessingOutputNumber("GW_EXCEEDING", self.tr("Sites with groundwater exceeding")))

    def processAlgorithm(self, parameters, context, feedback):
        path = checked_database(self, parameters, context)
        distance = self.parameterAsDouble(parameters, "DISTANCE", context)
        user = current_user()
        derived = GW.derive(path, distance)
        GW.write_groundwater(path, derived, user)
        feedback.setProgress(50)
        counts = site_class.write_back(path, user)
        for outcome, n in sorted(counts.items()):
            feedback.pushInfo(f"{site_class.OUTCOMES[outcome][0]} / {site_class.OUTCOMES[outcome][1]}: {n}")
        results = {
            "SITES": sum(counts.values()),
            "GW_EXCEEDING": sum(1 for d in derived.values() if d.state == "exceeding"),
        }
        if parameters.get("OUTPUT"):
            fields = QgsFields()
            for name, kind in OUT_FIELDS:
                fields.append(QgsField(name, kind))
            sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                for row in con.execute(
                    "SELECT uuid, site_code, name_zh, gw_exceedance, gw_exceeding_pollutants, gw_derived_from, "
                    "soil_exceedance, co_management, co_management_reason FROM sites ORDER BY site_code"
                ):
                    f = QgsFeature(fields)
                    f.setAttributes(list(row))
                    sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            finally:
                con.close()
            results["OUTPUT"] = dest
        return results
