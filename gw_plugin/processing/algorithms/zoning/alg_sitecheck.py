"""gwplugin:sitecheck — site check (选址核查) of points or proposed project polygons against one version of the
groundwater pollution prevention zoning: the zone(s) each site falls in, the share of its area, and the management
requirements that apply (core/zoning/site_check.py)."""

from __future__ import annotations

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterPoint,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.zoning import compare as ZC
from ....core.zoning import site_check as SC
from ...base import GwAlgorithm, fail

LANGS = ["zh", "en"]


def result_fields() -> QgsFields:
    fields = QgsFields()
    fields.append(QgsField("site_fid", QVariant.LongLong))
    for name in ("kind", "scheme", "version", "zone_class", "zone_label"):
        fields.append(QgsField(name, QVariant.String))
    for name in ("site_area_km2", "area_km2", "share_pct"):
        fields.append(QgsField(name, QVariant.Double))
    fields.append(QgsField("county_codes", QVariant.String))
    fields.append(QgsField("requirements", QVariant.String))
    # the drinking-water protection zones (protection_zones) the site lies in, class I first: their rules prevail
    fields.append(QgsField("protection_zones", QVariant.String))
    return fields


class SiteCheckAlgorithm(GwAlgorithm):
    NAME = "sitecheck"
    DISPLAY = "Site check against the zoning"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "For each feature of SITES (points or proposed project polygons; tick 'selected features only' to check a "
        "selection) or for the POINT, finds the pollution prevention zone(s) of one version of zoning_units it "
        "falls in (VERSION: 'scheme:version' or the label; empty = the newest), with the area and share of a "
        "polygon in each zone, and the management requirements of the zone class (the zoning_units text, else "
        "the editable defaults of zoning_defaults.json). The drinking-water protection zones of the database "
        "(protection_zones) are consulted too: a site in a class I, class II or quasi-protection zone is reported "
        "with that zone and the prohibitions of the Water Pollution Prevention and Control Law, which prevail over "
        "the zoning (column protection_zones). OUTPUT: one row per site and zone; REPORT: the text."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile("DATABASE", self.tr("Project database (GeoPackage)"), extension="gpkg")
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "SITES",
                self.tr("Sites (points or project polygons)"),
                [QgsProcessing.SourceType.TypeVectorPoint, QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterPoint("POINT", self.tr("Or a point"), optional=True))
        self.addParameter(
            QgsProcessingParameterString("VERSION", self.tr("Zoning version (empty = the newest)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "LANG",
                self.tr("Language of the report"),
                options=[self.tr("Chinese"), self.tr("English")],  # LANGS, translated
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT", self.tr("Site check"), QgsProcessing.SourceType.TypeVector, optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        lang = LANGS[self.parameterAsEnum(parameters, "LANG", context)]
        try:
            scheme, version = ZC.resolve_version(db, self.parameterAsString(parameters, "VERSION", context), 0)
        except (ValueError, OSError, RuntimeError) as exc:
            fail(str(exc))
        sites = []
        source = self.parameterAsSource(parameters, "SITES", context)
        if source is not None:
            wkt = source.sourceCrs().toWkt()
            for f in source.getFeatures():
                if f.hasGeometry():
                    sites.append((f.id(), bytes(f.geometry().asWkb()), wkt))
        if parameters.get("POINT") not in (None, ""):
            crs = self.parameterAsPointCrs(parameters, "POINT", context)
            pt = self.parameterAsPoint(parameters, "POINT", context, crs)
            sites.append((-1, (pt.x(), pt.y()), crs.toWkt() if crs.isValid() else ""))
        if not sites:
            fail(self.tr("Give sites or a point."))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, result_fields(), QgsWkbTypes.Type.NoGeometry)
        reports = []
        in_protection = 0
        for k, (fid, geom, wkt) in enumerate(sites):
            if feedback.isCanceled():
                break
            try:
                res = SC.check_site(db, geom, wkt, scheme, version, lang)
            except (ValueError, OSError, RuntimeError) as exc:
                fail(str(exc))
            reports.append((f"#{fid} " if fid >= 0 else "") + res.report(lang))
            in_protection += 1 if res.protection else 0
            for z in res.zones:
                if sink is None:
                    break
                feat = QgsFeature(result_fields())
                feat.setAttributes(
                    [
                        fid,
                        res.kind,
                        scheme,
                        version,
                        z.zone_class,
                        z.label,
                        res.site_area_km2,
                        z.area_km2,
                        z.share_pct,
                        ",".join(z.county_codes),
                        z.requirements,
                        ",".join(p.zone_class for p in res.protection),
                    ]  # fmt: skip
                )
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (k + 1) / len(sites))
        report = "\n\n".join(reports)
        feedback.pushInfo(report)
        result = {
            "REPORT": report,
            "SITES": len(sites),
            "SCHEME": scheme,
            "VERSION": version,
            "IN_PROTECTION_ZONES": in_protection,
        }
        if sink is not None:
            result["OUTPUT"] = dest
        return result
