"""gwplugin:sourcesinzones — the pollution sources inside any polygon zones (protection zones, recharge zones,
capture zones…), by the source categories seed 000 三(三)9(2) names, with the distance to the water-source well
(core/sources/zone_listing.py sources_in_zones); optional Excel export."""

from __future__ import annotations

import math

from qgis.core import (
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import reports
from ....core.sources import rosters as R
from ....core.sources import zone_listing as ZL
from ....core.sources.qgs_rings import qgs_geometry_rings
from ....toolbelt.qt import null_to_none
from ...base import GwAlgorithm, fail
from ...params import SOURCES_GROUP, SOURCES_GROUP_ID

XLSX_HEADERS = [
    "分区",
    "分区名称",
    "污染源编号",
    "单位名称",
    "统一社会信用代码",
    "类别",
    "方案类别（000 三(三)9(2)）",
    "县级行政区划代码",
    "水源井编号",
    "距水源井距离（m）",
    "水源井依据",
]


class SourcesInZonesAlgorithm(GwAlgorithm):
    NAME = "sourcesinzones"
    DISPLAY = "Pollution sources inside zones"
    GROUP_ID = SOURCES_GROUP_ID
    GROUP = SOURCES_GROUP
    HELP = (
        "Lists the pollution sources inside each polygon of ZONES (any layer: protection zones, recharge zones, "
        "capture zones), one row per zone and source, with the source category and the group seed 000 三(三)9(2) "
        "names (industrial enterprises, industrial clusters, hazardous-waste sites, landfills, mining areas, "
        "tailings ponds, gas stations, golf courses, large livestock farms, large planting areas). Sources of other "
        "categories are listed only with ALL_CATEGORIES. Distances are in metres whatever the CRS (ellipsoidal on a "
        "geographic CRS). Distance to the water-source well: the nearest "
        "drinking_source well linked to the zone's water_source_uuid (field of the zone layer) when there is one, "
        "else the nearest drinking_source well. Layers in other CRSs are transformed to the zones' CRS."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource("ZONES", self.tr("Zones"), [QgsProcessing.SourceType.TypeVectorPolygon])
        )
        self.addParameter(
            QgsProcessingParameterField(
                "ZONE_NAME", self.tr("Zone name field"), parentLayerParameterName="ZONES", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "SOURCES", self.tr("Pollution sources"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "WELLS", self.tr("Monitoring wells"), [QgsProcessing.SourceType.TypeVectorPoint], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                "ALL_CATEGORIES", self.tr("Include categories the plan does not name"), False, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Sources in zones"), QgsProcessing.SourceType.TypeVectorPoint
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "XLSX", self.tr("Excel workbook"), self.tr("Excel (*.xlsx)"), optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        zones_src = self.parameterAsSource(parameters, "ZONES", context)
        sources = self.parameterAsSource(parameters, "SOURCES", context)
        wells_src = self.parameterAsSource(parameters, "WELLS", context) if parameters.get("WELLS") else None
        name_field = self.parameterAsString(parameters, "ZONE_NAME", context)
        all_cats = self.parameterAsBool(parameters, "ALL_CATEGORIES", context)
        crs = zones_src.sourceCrs()
        if "category" not in sources.fields().names():
            fail(self.tr("The sources layer needs a 'category' field (pollution_sources)."))
        zfields = zones_src.fields().names()
        zones = []
        for f in zones_src.getFeatures():
            zid = null_to_none(f["uuid"]) if "uuid" in zfields else None
            ws = null_to_none(f["water_source_uuid"]) if "water_source_uuid" in zfields else None
            name = null_to_none(f[name_field]) if name_field else None
            zones.append(
                ZL.Zone(str(zid or f.id()), "" if name is None else str(name), ws, qgs_geometry_rings(f.geometry()))
            )
        req = QgsFeatureRequest().setDestinationCrs(crs, context.transformContext())
        rows, xs, ys = [], [], []
        snames = sources.fields().names()
        for f in sources.getFeatures(req):
            rows.append({n: null_to_none(f[n]) for n in R.SOURCE_COLUMNS if n in snames})
            g = f.geometry()
            p = (
                g.asPoint()
                if (g and not g.isEmpty() and not g.isMultipart())
                else (g.centroid().asPoint() if g and not g.isEmpty() else None)
            )
            xs.append(p.x() if p else math.nan)
            ys.append(p.y() if p else math.nan)
        src = R.source_arrays_from_rows(rows, xs, ys)
        wells = []
        if wells_src is not None:
            wnames = wells_src.fields().names()
            for f in wells_src.getFeatures(req):
                if "well_type" in wnames and null_to_none(f["well_type"]) != "drinking_source":
                    continue
                g = f.geometry()
                if not g or g.isEmpty():
                    continue
                p = g.asPoint() if not g.isMultipart() else g.centroid().asPoint()
                wells.append(
                    ZL.Well(
                        str(null_to_none(f["uuid"]) if "uuid" in wnames else f.id()),
                        str(null_to_none(f["well_code"]) if "well_code" in wnames else f.id()),
                        null_to_none(f["water_source_uuid"]) if "water_source_uuid" in wnames else None,
                        p.x(),
                        p.y(),
                    )
                )
        listing = ZL.sources_in_zones(zones, src, wells, all_categories=all_cats)
        _distances_in_metres(listing, src, wells, crs, context)
        fields = QgsFields()
        for n in ZL.ZONE_LISTING_FIELDS:
            fields.append(QgsField(n, QVariant.Type.Double if n == "well_distance_m" else QVariant.Type.String))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.Point, crs)
        index = {u: k for k, u in enumerate(src["uuid"])}
        for row in listing:
            f = QgsFeature(fields)
            f.setAttributes([row[n] for n in ZL.ZONE_LISTING_FIELDS])
            k = index[row["source_uuid"]]
            f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(src.x[k]), float(src.y[k]))))
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        out = {"OUTPUT": dest, "N_ROWS": len(listing)}
        if parameters.get("XLSX"):
            path = self.parameterAsFileOutput(parameters, "XLSX", context)
            data = [
                [
                    r["zone_id"],
                    r["zone_name"],
                    r["source_code"],
                    r["name_zh"],
                    r["uscc"],
                    r["category_zh"],
                    r["plan_group_zh"],
                    r["county_code"],
                    r["well_code"],
                    r["well_distance_m"],
                    {"linked": "所属水源地水源井", "nearest": "最近水源井", "": "无水源井"}[r["well_basis"]],
                ]
                for r in listing
            ]
            out["XLSX"] = reports.write_table_xlsx(
                path,
                "分区内污染源清单",
                XLSX_HEADERS,
                data,
                note=f"共{len(listing)}条（000 三(三)9(2)）",
                sheet="分区内污染源",
            )
        feedback.pushInfo(self.tr("{n} sources listed in {z} zones").format(n=len(listing), z=len(zones)))
        return out


def _distances_in_metres(listing: list, src, wells: list, crs, context) -> None:
    """``well_distance_m`` in metres whatever the CRS (issue 16): ellipsoidal on a geographic CRS (the planar
    distance there is in degrees), converted when a projected CRS has other units; metric projected CRSs keep the
    planar distance of core/sources/zone_listing.py."""
    metric = crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters
    if metric and not crs.isGeographic():
        return
    da = QgsDistanceArea()
    da.setSourceCrs(crs, context.transformContext())
    da.setEllipsoid(
        context.ellipsoid() if context.ellipsoid() not in ("", "NONE") else (crs.ellipsoidAcronym() or "EPSG:7019")
    )
    where = {w.uuid: QgsPointXY(w.x, w.y) for w in wells}
    index = {u: k for k, u in enumerate(src["uuid"])}
    for row in listing:
        w = where.get(row["well_uuid"])
        if w is None:
            continue
        k = index[row["source_uuid"]]
        length = da.measureLine(QgsPointXY(float(src.x[k]), float(src.y[k])), w)
        metres = da.convertLengthMeasurement(length, QgsUnitTypes.DistanceUnit.DistanceMeters)
        row["well_distance_m"] = round(float(metres), 1)
