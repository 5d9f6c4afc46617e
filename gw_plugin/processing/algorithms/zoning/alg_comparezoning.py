"""gwplugin:comparezoning — compare two versions of zoning_units: the area of each zone class in both versions and
its change, and a layer of the polygons that changed class ("from class -> to class", with areas)
(core/zoning/compare.py)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.zoning import compare as ZC
from ...base import GwAlgorithm, fail


def change_fields() -> QgsFields:
    fields = QgsFields()
    for name in ("from_class", "to_class", "change_zh", "change_en"):
        fields.append(QgsField(name, QVariant.String))
    fields.append(QgsField("area_km2", QVariant.Double))
    fields.append(QgsField("county_codes", QVariant.String))
    return fields


def table_fields() -> QgsFields:
    fields = QgsFields()
    for name in ("zone_class", "zone_zh", "zone_en"):
        fields.append(QgsField(name, QVariant.String))
    for name in ("area_a_km2", "area_b_km2", "change_km2"):
        fields.append(QgsField(name, QVariant.Double))
    return fields


class CompareZoningAlgorithm(GwAlgorithm):
    NAME = "comparezoning"
    DISPLAY = "Compare two zoning versions"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "Compares two versions of the zoning_units table (a version = scheme and version label written by "
        "gwplugin:zoning). VERSION_A and VERSION_B are 'scheme:version' or the version label; empty = the newest "
        "other version of B's scheme (A) and the newest (B) version. Only versions of the same scheme are compared "
        "class by class: a 2019 and a 2023 version need CLASS_MAP, each class of A mapped to a class of B's scheme "
        "(e.g. protection:protection_type, prevention:control_type, treatment:control_type); an area whose classes "
        "correspond counts as unchanged. Version B may come from another project database (DATABASE_B). "
        "OUTPUT: one polygon per connected area whose class changed, with from_class, to_class, area (km2) and the "
        "counties it lies in (largest share first); "
        "areas zoned in only one version count as changes from or to 'not zoned'. TABLE: per zone class the area "
        "in A, in B and the change (km2)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile("DATABASE", self.tr("Project database (GeoPackage)"), extension="gpkg")
        )
        self.addParameter(
            QgsProcessingParameterString(
                "VERSION_A",
                self.tr("Version A (scheme:version; empty = the newest other version of B's scheme)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "VERSION_B", self.tr("Version B (scheme:version; empty = newest)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "DATABASE_B", self.tr("Database of version B (empty = the same)"), extension="gpkg", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CLASS_MAP",
                self.tr("Class mapping A -> B for versions of different schemes (e.g. protection:protection_type)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Zoning changes"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "TABLE", self.tr("Area by zone class"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        db_b = self.parameterAsFile(parameters, "DATABASE_B", context) or db
        try:
            b = ZC.resolve_version(db_b, self.parameterAsString(parameters, "VERSION_B", context), 0)
            text_a = self.parameterAsString(parameters, "VERSION_A", context)
            if text_a.strip():
                a = ZC.resolve_version(db, text_a)
            else:
                a = ZC.previous_version(db, b, same_file=db_b == db)
            class_map = ZC.parse_class_map(self.parameterAsString(parameters, "CLASS_MAP", context))
            res = ZC.compare_versions(db, a, b, gpkg_b=db_b, class_map=class_map)
        except (ValueError, OSError, RuntimeError) as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("{a} -> {b}: {c:.3f} km2 changed class, {u:.3f} km2 unchanged.").format(
                a=":".join(a), b=":".join(b), c=res.changed_km2, u=res.unchanged_km2
            )
        )
        crs = QgsCoordinateReferenceSystem.fromWkt(res.crs_wkt)
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, change_fields(), QgsWkbTypes.Type.MultiPolygon, crs
        )
        for p in res.parts:
            feat = QgsFeature(change_fields())
            geom = QgsGeometry()
            geom.fromWkb(p.wkb)
            geom.convertToMultiType()
            feat.setGeometry(geom)
            feat.setAttributes(
                [
                    p.from_class,
                    p.to_class,
                    ZC.change_label(p.from_class, p.to_class, "zh"),
                    ZC.change_label(p.from_class, p.to_class, "en"),
                    p.area_km2,
                    ",".join(p.county_codes),
                ]
            )
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        result = {
            "OUTPUT": dest,
            "VERSION_A": ":".join(a),
            "VERSION_B": ":".join(b),
            "CHANGED_KM2": res.changed_km2,
            "UNCHANGED_KM2": res.unchanged_km2,
        }
        tsink, tdest = self.parameterAsSink(
            parameters, "TABLE", context, table_fields(), QgsWkbTypes.Type.NoGeometry, crs
        )
        if tsink is not None:
            for row in res.table:
                feat = QgsFeature(table_fields())
                c = row["zone_class"]
                feat.setAttributes(
                    [
                        c,
                        ZC.class_label(c, "zh"),
                        ZC.class_label(c, "en"),
                        row["area_a_km2"],
                        row["area_b_km2"],
                        row["change_km2"],
                    ]  # fmt: skip
                )
                tsink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            result["TABLE"] = tdest
        return result
