"""gwplugin:pollutionstatus — the current pollution status for the zoning from a pollution assessment of the
monitoring wells against background values (core/zoning/pollution_status.py), or the water-quality class as an
option labelled as such."""

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
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.zoning import pollution_status as PS
from ....core.zoning import rasterblocks as rb
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import add_grid_parameters, database_parameter, read_shapes, run_core, target_grid

KINDS = ["assessment", "quality_class"]
#: Indicators offered by default: the usual anthropogenic ones of GB/T 14848-2017 table 1 (the user chooses).
DEFAULT_INDICATORS = "硝酸盐,亚硝酸盐,氨氮,耗氧量,氯化物,硫酸盐"


def well_fields() -> QgsFields:
    fields = QgsFields()
    fields.append(QgsField("well_code", QVariant.String))
    fields.append(QgsField("pollution_index", QVariant.Double))
    fields.append(QgsField("grade", QVariant.Int))
    fields.append(QgsField("grade_zh", QVariant.String))
    fields.append(QgsField("grade_en", QVariant.String))
    fields.append(QgsField("worst_indicator", QVariant.String))
    fields.append(QgsField("quality_class", QVariant.Int))
    return fields


class PollutionStatusAlgorithm(GwAlgorithm):
    NAME = "pollutionstatus"
    DISPLAY = "Pollution status (pollution assessment)"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "The current pollution status input of the zoning. ASSESSMENT (default): for each monitoring well and each "
        "chosen indicator, P = (C - C0) / C_III with C the latest measured value, C0 the background value and C_III "
        "the GB/T 14848-2017 class III limit; the well's index is the largest P, graded I (unpolluted, P <= 0) to "
        "VI (P > 1.5) after DD2008-01 (not verified against the text). Background values: a table (CSV/XLSX, "
        "columns indicator and value), or the upper percentile of the values measured in a reference area. "
        "QUALITY CLASS: the worst GB/T 14848 class of the chosen indicators: this is the water-quality class, not "
        "a pollution assessment (natural class IV water counts as polluted). Each cell takes the nearest well "
        "within the radius. Pass the raster to gwplugin:zoning as POLLUTION with the matching POLLUTION_KIND."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(database_parameter(self.tr))
        self.addParameter(
            QgsProcessingParameterString(
                "INDICATORS", self.tr("Indicators (comma-separated GB/T 14848 names)"), DEFAULT_INDICATORS
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "KIND",
                self.tr("Pollution status from"),
                options=[
                    self.tr("pollution assessment against background values"),
                    self.tr("water-quality class (GB/T 14848; not a pollution assessment)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "BACKGROUND", self.tr("Background values (CSV/XLSX: indicator, value)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "REFERENCE_AREA",
                self.tr("Reference area for background values (upper percentile of its wells)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "PERCENTILE",
                self.tr("Background percentile of the reference area"),
                QgsProcessingParameterNumber.Type.Double,
                PS.DEFAULT_PERCENTILE,
                minValue=50.0,
                maxValue=100.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("AQUIFER_LAYER", self.tr("Aquifer layer (empty = all wells)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "RADIUS",
                self.tr("Radius of a well's influence (m)"),
                QgsProcessingParameterNumber.Type.Double,
                5000.0,
                minValue=0.0,
            )
        )
        add_grid_parameters(self, self.tr("Reference raster for the target grid (e.g. the DRASTIC index)"))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", self.tr("Pollution status")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "WELLS", self.tr("Assessed wells"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "DATABASE", context)
        grid = run_core(target_grid, self, parameters, context)
        if grid is None:
            fail(self.tr("Give a reference raster, or an extent and a cell size."))
        kind = KINDS[self.parameterAsEnum(parameters, "KIND", context)]
        indicators = [s.strip() for s in self.parameterAsString(parameters, "INDICATORS", context).split(",")]
        indicators = [s for s in indicators if s]
        samples = run_core(
            PS.well_samples, db, grid.crs_wkt, self.parameterAsString(parameters, "AQUIFER_LAYER", context) or ""
        )
        if not samples:
            fail(self.tr("No monitoring well has sample results."))
        bg_path = self.parameterAsFile(parameters, "BACKGROUND", context)
        if bg_path:
            background = run_core(PS.read_background_table, bg_path)
            feedback.pushInfo(self.tr("Background values from {p}.").format(p=bg_path))
        else:
            area = run_core(read_shapes, self, parameters, "REFERENCE_AREA", context, [], grid, feedback)
            if not area and kind == "assessment":
                fail(self.tr("Give a table of background values or a reference area."))
            background = {}
            if area:
                union = rb.union_wkb([w for w, _v in area])
                pct = self.parameterAsDouble(parameters, "PERCENTILE", context)
                background = run_core(PS.background_from_reference, samples, indicators, union.ExportToWkb(), pct, True)
                skipped = [k for k in indicators if PS.CL.resolve(k) is None or PS.CL.resolve(k).key not in background]
                if skipped:
                    feedback.pushWarning(
                        self.tr("No well of the reference area measured {k}: not assessed.").format(
                            k=", ".join(skipped)
                        )
                    )
                    indicators = [k for k in indicators if k not in skipped]
                feedback.pushInfo(
                    self.tr("Background values = {p:g}th percentile of the reference area: {v}.").format(
                        p=pct, v=", ".join(f"{k} {v:.4g}" for k, v in background.items())
                    )
                )
        if kind == "quality_class" and not background:
            background = {k: 0.0 for k in indicators}  # the class needs no background
        wells = run_core(PS.assess, samples, indicators, background)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        res = run_core(
            PS.run_pollution_status,
            wells,
            grid,
            out,
            self.parameterAsDouble(parameters, "RADIUS", context),
            kind,
            feedback=FeedbackBridge(feedback),
        )
        result = {"OUTPUT": out, "WELLS_USED": res.wells, "KIND": kind}
        crs = QgsCoordinateReferenceSystem.fromWkt(grid.crs_wkt)
        sink, dest = self.parameterAsSink(parameters, "WELLS", context, well_fields(), QgsWkbTypes.Type.Point, crs)
        if sink is not None:
            for w in wells:
                feat = QgsFeature(well_fields())
                feat.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(w.x, w.y)))
                feat.setAttributes(
                    [w.name, w.index, w.grade, PS.grade_label(w.grade, "zh"), PS.grade_label(w.grade, "en"),
                     w.worst, w.quality_class]
                )  # fmt: skip
                sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            result["WELLS"] = dest
        return result
