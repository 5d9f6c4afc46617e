"""gwplugin:zoning — groundwater pollution prevention zones (2019 or 2023 scheme) from vulnerability, source load,
function value and pollution status; polygons shaped like zoning_units, county area statistics, and an
all-or-nothing append to a project GeoPackage (core/zoning/overlay.py, store.py)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.zoning import config as ZCFG
from ....core.zoning import drastic as DR
from ....core.zoning import overlay as ZN
from ....core.zoning import rasterblocks as rb
from ....core.zoning import store as ZST
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import RESAMPLING, raster_path, read_shapes, run_core

SCHEMES = ["2019", "2023"]


def project_crs_wkt(context) -> str:
    """The project's CRS as WKT when it is projected (a vulnerability raster in degrees is put on it), else ""."""
    project = context.project()
    crs = project.crs() if project is not None else None
    if crs is None or not crs.isValid() or crs.isGeographic():
        return ""
    return crs.toWkt()


MAJORITY = [0, 3, 5, 7]
LANGS = ["zh", "en", "both"]
POLLUTION_KINDS = ["assessment", "quality_class"]


def zone_fields() -> QgsFields:
    """Fields of the OUTPUT layer: the data fields of zoning_units (plus county_code)."""
    fields = QgsFields()
    fields.append(QgsField("county_code", QVariant.String))
    fields.append(QgsField("scheme", QVariant.String))
    fields.append(QgsField("zone_class", QVariant.String))
    fields.append(QgsField("version", QVariant.String))
    for name in ZCFG.SCORE_NAMES:
        fields.append(QgsField(name, QVariant.Double))
    fields.append(QgsField("area_km2", QVariant.Double))
    fields.append(QgsField("requirements", QVariant.String))
    return fields


def stats_fields() -> QgsFields:
    fields = QgsFields()
    for name in ("county_code", "county_name", "scheme", "zone_class", "zone_zh", "zone_en"):
        fields.append(QgsField(name, QVariant.String))
    fields.append(QgsField("area_km2", QVariant.Double))
    fields.append(QgsField("share_pct", QVariant.Double))
    return fields


class ZoningAlgorithm(GwAlgorithm):
    NAME = "zoning"
    DISPLAY = "Pollution prevention zoning"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "Divides the city into groundwater pollution prevention zones. 2019 scheme (环办土壤函〔2019〕770号): "
        "protection / prevention-control / treatment zones; 2023 scheme (重点区划定技术指南, 2023): "
        "protection-type areas (the protection and recharge zones given, directly), control-type areas (from "
        "function value x pollution risk, risk = vulnerability x source load) and the general area. Each input is "
        "cut into low/medium/high by two breaks (editable here or in CONFIG) and combined with editable matrices; the pollution "
        "status (the grade of a pollution assessment against background values from gwplugin:pollutionstatus, or "
        "the GB/T 14848 water-quality class, which is not a pollution assessment) can force treatment (2019) or "
        "control-type (2023). Every break and matrix is a DEFAULT in "
        "resources/reference/zoning_defaults.json (the guides' tables were not available): pass an edited copy as "
        "CONFIG. Cells inside the city without inputs take the nearest zone (reported). A majority filter smooths "
        "the zone raster, gdal.SieveFilter removes patches below the minimum mapping unit (protection and recharge "
        "zones are never smoothed or sieved: they are cut in as the exact polygons given), gdal.Polygonize makes "
        "polygons that share edges exactly (no gaps, no overlaps), clipped to the city boundary from the "
        "administrative units (level 'city', else all units). OUTPUT: zones with mean scores, area and management "
        "requirements; COUNTY_STATS: area by county and zone class. With a project GeoPackage the zones are "
        "appended to its zoning_units table in one transaction."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer("VULNERABILITY", self.tr("Vulnerability (DRASTIC index)")))
        self.addParameter(QgsProcessingParameterRasterLayer("SOURCE_LOAD", self.tr("Pollution-source load")))
        self.addParameter(QgsProcessingParameterRasterLayer("FUNCTION_VALUE", self.tr("Function value")))
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "POLLUTION",
                self.tr("Current pollution status (gwplugin:pollutionstatus: pollution grade or quality class)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "POLLUTION_KIND",
                self.tr("The pollution status raster holds"),
                options=[
                    self.tr("pollution grade 1-6 (pollution assessment against background values)"),
                    self.tr("water-quality class 1-5 (GB/T 14848; not a pollution assessment)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "SCHEME",
                self.tr("Scheme"),
                options=[  # SCHEMES, translated
                    self.tr("2019 guide (protection / prevention-control / treatment zones)"),
                    self.tr("2023 guide (protection-type / control-type / general area)"),
                ],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "ADMIN_UNITS",
                self.tr("Administrative units (admin_units: city boundary and counties)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
            )
        )
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "PROTECTION_ZONES",
                self.tr("Protection zones (become protection / protection-type zones)"),
                poly,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "RECHARGE_ZONES",
                self.tr("Recharge zones (become protection / protection-type zones)"),
                poly,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "CONFIG", self.tr("Breaks, matrices, requirements (JSON, edited copy)"), extension="json", optional=True
            )
        )
        for name, label in (
            ("VULNERABILITY_BREAKS", self.tr("Vulnerability breaks low/medium/high (empty = configuration, 120,160)")),
            ("LOAD_BREAKS", self.tr("Source-load breaks (empty = configuration, 2,6)")),
            ("VALUE_BREAKS", self.tr("Function-value breaks (empty = configuration, 4,7)")),
            ("POLLUTION_BREAKS", self.tr("Pollution-status breaks (empty = configuration, 3.5,4.5)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            QgsProcessingParameterNumber(
                "MMU",
                self.tr("Minimum mapping unit (km2; empty = configuration, default 0.5)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "MAJORITY",
                self.tr("Majority filter before polygonising (cells)"),
                options=[self.tr("off"), "3 x 3", "5 x 5", "7 x 7"],
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "RESAMPLING",
                self.tr("Resampling onto the vulnerability grid"),
                options=[self.tr("nearest neighbour"), self.tr("bilinear"), self.tr("average"), self.tr("mode")],
                defaultValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterString("VERSION", self.tr("Version label"), optional=True))
        self.addParameter(
            QgsProcessingParameterEnum(
                "LANGUAGE",
                self.tr("Language of the requirements text"),
                options=[self.tr("Chinese"), self.tr("English"), self.tr("Chinese and English")],  # LANGS
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "GPKG", self.tr("Project GeoPackage to append zoning_units to"), extension="gpkg", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Zones"), QgsProcessing.SourceType.TypeVectorPolygon)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "COUNTY_STATS", self.tr("Zone area by county"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                "OUTPUT_RASTER", self.tr("Zone raster"), optional=True, createByDefault=False
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        breaks = {}
        for name, key in (
            ("VULNERABILITY_BREAKS", "vulnerability"),
            ("LOAD_BREAKS", "source_load"),
            ("VALUE_BREAKS", "function_value"),
            ("POLLUTION_BREAKS", "pollution_status"),
        ):
            text = self.parameterAsString(parameters, name, context)
            if text and text.strip():
                values = run_core(DR.parse_numbers, text)
                if len(values) != 2:
                    fail(self.tr("{n}: give two numbers, e.g. 120,160.").format(n=name))
                breaks[key] = values
        overrides = {"zoning": {"breaks": breaks}} if breaks else None
        cfg = run_core(ZCFG.load_config, self.parameterAsFile(parameters, "CONFIG", context) or None, overrides)
        vul = raster_path(self, parameters, "VULNERABILITY", context)
        load = raster_path(self, parameters, "SOURCE_LOAD", context)
        value = raster_path(self, parameters, "FUNCTION_VALUE", context)
        pollution = raster_path(self, parameters, "POLLUTION", context)
        grid = run_core(rb.Grid.from_raster, vul, project_crs_wkt(context))
        scheme = SCHEMES[self.parameterAsEnum(parameters, "SCHEME", context)]
        admin = self.parameterAsSource(parameters, "ADMIN_UNITS", context)
        names = [f.name() for f in admin.fields()]
        afields = [f if f in names else "" for f in ("code", "level", "name_zh")]
        units = run_core(read_shapes, self, parameters, "ADMIN_UNITS", context, afields, grid, feedback)
        city = [w for w, v in units if v[1] == "city"]
        city_code = next((str(v[0]) for w, v in units if v[1] == "city" and v[0]), "")
        counties = [(w, v[0], v[2]) for w, v in units if v[1] == "county"]
        if not city:
            city = [w for w, _v in units]
            feedback.pushInfo(self.tr("No admin unit has level 'city': the city is the union of all units."))
        if not counties:
            counties = [(w, v[0], v[2]) for w, v in units if v[1] != "city"]
        protection = []
        rank = {"class_1": 0, "class_2": 1, "quasi": 2}
        for name in ("PROTECTION_ZONES", "RECHARGE_ZONES"):
            source = self.parameterAsSource(parameters, name, context)
            field = "zone_class" if source is not None and "zone_class" in source.fields().names() else ""
            shapes = run_core(read_shapes, self, parameters, name, context, [field], grid, feedback)
            if shapes:  # class I first: where zones overlap, the stricter one keeps the area (protection.py)
                protection += [w for w, v in sorted(shapes, key=lambda s: rank.get(s[1][0] or "", 3))]
        mmu = self.parameterAsDouble(parameters, "MMU", context) if parameters.get("MMU") not in (None, "") else None
        raster_out = self.parameterAsOutputLayer(parameters, "OUTPUT_RASTER", context) or None
        res = run_core(
            ZN.run_zoning,
            vul,
            load,
            value,
            pollution,
            scheme=scheme,
            city=city,
            counties=counties,
            protection=protection,
            cfg=cfg,
            grid=grid,
            resampling=RESAMPLING[self.parameterAsEnum(parameters, "RESAMPLING", context)],
            mmu_km2=mmu,
            majority=MAJORITY[self.parameterAsEnum(parameters, "MAJORITY", context)],
            version=self.parameterAsString(parameters, "VERSION", context),
            lang=LANGS[self.parameterAsEnum(parameters, "LANGUAGE", context)],
            class_path=raster_out,
            city_code=city_code,
            feedback=FeedbackBridge(feedback),
            pollution_kind=POLLUTION_KINDS[self.parameterAsEnum(parameters, "POLLUTION_KIND", context)],
        )
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt) if grid.crs_wkt else admin.sourceCrs()
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, zone_fields(), QgsWkbTypes.Type.MultiPolygon, crs
        )
        for f in res.features:
            if feedback.isCanceled():
                break
            feat = QgsFeature(zone_fields())
            geom = QgsGeometry()
            geom.fromWkb(f.wkb)
            feat.setGeometry(geom)
            feat.setAttributes(
                [f.county_code, f.scheme, f.zone_class, f.version]
                + [f.scores.get(n) for n in ZCFG.SCORE_NAMES]
                + [f.area_km2, f.requirements]
            )
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        ssink, sdest = self.parameterAsSink(
            parameters, "COUNTY_STATS", context, stats_fields(), QgsWkbTypes.Type.NoGeometry, crs
        )
        for row in res.county_stats:
            feat = QgsFeature(stats_fields())
            feat.setAttributes([row[k] for k in stats_fields().names()])
            ssink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        result = {"OUTPUT": dest, "COUNTY_STATS": sdest, "ZONES": len(res.features)}
        gpkg = self.parameterAsFile(parameters, "GPKG", context)
        if gpkg:
            if not all(f.county_code for f in res.features):
                fail(self.tr("Some zones have no county code: give admin units with codes (level city/county)."))
            n = run_core(ZST.append_zoning_units, gpkg, res.features, grid.crs_wkt, "gwplugin:zoning")
            feedback.pushInfo(self.tr("Appended {n} zones to zoning_units of {p}.").format(n=n, p=gpkg))
            result["APPENDED"] = n
        if raster_out:
            result["OUTPUT_RASTER"] = raster_out
        return result
