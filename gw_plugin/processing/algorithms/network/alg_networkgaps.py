"""gwplugin:networkgaps — gaps in the monitoring network of one aquifer layer: key sources and recharge zones with no
well down-gradient, counties below the plan's well density; each gap with its reason and a suggested location."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....core.network import gaps
from ....toolbelt import geometry as G
from ...base import FeedbackBridge, GwAlgorithm, fail

FIELDS = (
    ("kind", QVariant.String),
    ("ref_uuid", QVariant.String),
    ("name", QVariant.String),
    ("county_code", QVariant.String),
    ("aquifer_layer", QVariant.String),
    ("reason", QVariant.String),
)


class NetworkGapsAlgorithm(GwAlgorithm):
    NAME = "networkgaps"
    DISPLAY = "Monitoring-network gaps"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Finds where the monitoring network of one aquifer layer falls short of the plans (a network covering the "
        "region, every recharge zone and every key source). A key source (accepted or published on a groundwater "
        "roster) needs an active well of the layer within DISTANCE metres down-gradient, inside HALF_ANGLE degrees "
        "either side of the flow direction; a delineated recharge zone (recharge area or spring domain) needs a well "
        "inside it or within DISTANCE down-gradient of it; with KM2_PER_WELL, every county needs one well of the layer "
        "per that many km². The flow direction is AZIMUTH (degrees clockwise from north, towards which the water "
        "flows) or, when empty, the planar fit of the layer's heads between DATE_FROM and DATE_TO. OUTPUT has one "
        "point per gap at a suggested well location with the reason; OUTPUT_AREAS the zones and counties with gaps."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterString("AQUIFER_LAYER", self.tr("Aquifer layer code"), "phreatic"))
        self.addParameter(
            QgsProcessingParameterNumber(
                "DISTANCE",
                self.tr("Down-gradient distance (m)"),
                QgsProcessingParameterNumber.Type.Double,
                1000.0,
                False,
                1.0,
            )  # fmt: skip
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "HALF_ANGLE",
                self.tr("Half-angle of the down-gradient cone (degrees)"),
                QgsProcessingParameterNumber.Type.Double,
                45.0,
                False,
                1.0,
                89.0,
            )  # fmt: skip
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "AZIMUTH",
                self.tr("Flow azimuth (degrees from north; empty = from the heads)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                True,
                0.0,
                360.0,
            )  # fmt: skip
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "KM2_PER_WELL",
                self.tr("Density: km² per well (empty = no density check)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                True,
                0.01,
            )  # fmt: skip
        )
        self.addParameter(
            QgsProcessingParameterString("DATE_FROM", self.tr("Heads from (YYYY-MM-DD)"), "", False, True)
        )
        self.addParameter(QgsProcessingParameterString("DATE_TO", self.tr("Heads to (YYYY-MM-DD)"), "", False, True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Gaps (suggested well locations)"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT_AREAS",
                self.tr("Zones and counties with gaps"),
                QgsProcessing.SourceType.TypeVectorPolygon,
                optional=True,
            )  # fmt: skip
        )
        self.addOutput(QgsProcessingOutputNumber("GAPS", self.tr("Gaps")))
        self.addOutput(QgsProcessingOutputNumber("AZIMUTH_USED", self.tr("Flow azimuth used (degrees)")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        try:
            gpkg.open_database(db, upgrade=False)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        azimuth = parameters.get("AZIMUTH")
        azimuth = None if azimuth in (None, "") else self.parameterAsDouble(parameters, "AZIMUTH", context)
        density = parameters.get("KM2_PER_WELL")
        density = None if density in (None, "") else self.parameterAsDouble(parameters, "KM2_PER_WELL", context)
        layer = self.parameterAsString(parameters, "AQUIFER_LAYER", context).strip()
        try:
            rep = gaps.find_gaps(
                db,
                layer,
                distance=self.parameterAsDouble(parameters, "DISTANCE", context),
                half_angle=self.parameterAsDouble(parameters, "HALF_ANGLE", context),
                azimuth=azimuth,
                km2_per_well=density,
                date_from=self.parameterAsString(parameters, "DATE_FROM", context).strip(),
                date_to=self.parameterAsString(parameters, "DATE_TO", context).strip(),
                is_canceled=FeedbackBridge(feedback).is_canceled,
            )
        except (gaps.NetworkGapError, G.GeometryUnavailable) as exc:
            fail(str(exc))
        except InterruptedError as exc:
            fail(str(exc))
        crs = QgsCoordinateReferenceSystem(gpkg.read_meta(db).get("crs", "EPSG:4547"))
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, crs)
        asink, adest = self.parameterAsSink(
            parameters, "OUTPUT_AREAS", context, fields, QgsWkbTypes.Type.MultiPolygon, crs
        )
        for gap in rep.gaps:
            attrs = [gap.kind, gap.ref_uuid, gap.name, gap.county_code, layer, gap.reason]
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*gap.suggested)))
            f.setAttributes(attrs)
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            if asink is not None and gap.area_wkb:
                a = QgsFeature(fields)
                g = QgsGeometry()
                g.fromWkb(gap.area_wkb)
                a.setGeometry(g)
                a.setAttributes(attrs)
                asink.addFeature(a, QgsFeatureSink.Flag.FastInsert)
        feedback.pushInfo(
            self.tr(
                "{layer}: {wells} wells; flow towards {az:.0f}° ({how}); {n} gaps "
                "({s} of {S} key sources, {z} of {Z} recharge zones, {c} of {C} counties)."
            ).format(
                layer=layer,
                wells=rep.wells,
                az=rep.azimuth,
                how=rep.azimuth_source,
                n=len(rep.gaps),
                s=sum(g.kind == "source" for g in rep.gaps),
                S=rep.checked["source"],
                z=sum(g.kind == "recharge_zone" for g in rep.gaps),
                Z=rep.checked["recharge_zone"],
                c=sum(g.kind == "county" for g in rep.gaps),
                C=rep.checked["county"],
            )
        )
        out = {"OUTPUT": dest, "GAPS": len(rep.gaps), "AZIMUTH_USED": rep.azimuth}
        if asink is not None:
            out["OUTPUT_AREAS"] = adest
        return out
