"""gwplugin:drastic — DRASTIC vulnerability index and classes from seven factor inputs (core/zoning/drastic.py).

Each factor is a raw raster, an already rated raster (1-10) or a polygon layer with a field (raw value, class
code/name or rating); geology legends go through an editable legend → class table (core/zoning/legend_map.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from ....core.zoning import drastic as DR
from ....core.zoning import legend_map as LM
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import RESAMPLING, add_grid_parameters, raster_path, read_shapes, run_core, target_grid

#: Parameter stems of the seven factors in DRASTIC order.
FACTOR_PARAMS = {
    "D": "DEPTH",
    "R": "RECHARGE",
    "A": "AQUIFER",
    "S": "SOIL",
    "T": "SLOPE",
    "I": "VADOSE",
    "C": "CONDUCTIVITY",
}
WEIGHT_SETS = ["standard", "pesticide", "custom"]
CLASS_RESAMPLING = ["nearest", "mode"]


def factor_labels() -> dict:
    """Translated labels of the seven factors (literals, so that pylupdate finds them)."""
    return {
        "D": QCoreApplication.translate("DrasticAlgorithm", "D: depth to water (m)"),
        "R": QCoreApplication.translate("DrasticAlgorithm", "R: net recharge (mm/a)"),
        "A": QCoreApplication.translate("DrasticAlgorithm", "A: aquifer media (class code)"),
        "S": QCoreApplication.translate("DrasticAlgorithm", "S: soil media (class code)"),
        "T": QCoreApplication.translate("DrasticAlgorithm", "T: topography, slope (%)"),
        "I": QCoreApplication.translate("DrasticAlgorithm", "I: impact of the vadose zone (class code)"),
        "C": QCoreApplication.translate("DrasticAlgorithm", "C: hydraulic conductivity (m/d)"),
    }


class DrasticAlgorithm(GwAlgorithm):
    NAME = "drastic"
    DISPLAY = "DRASTIC vulnerability"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "DRASTIC intrinsic vulnerability (Aller et al. 1987, EPA/600/2-85/018): index = sum of rating x weight over "
        "Depth to water, net Recharge, Aquifer media, Soil media, Topography (slope), Impact of the vadose zone and "
        "hydraulic Conductivity. Each factor is a raster of raw values (rated with the rating table), a raster that "
        "is already rated (1-10, tick 'already rated'), or a polygon layer with a field holding the raw value, the "
        "class code/name or (ticked) the rating. Rating tables: resources/reference/drastic_ratings.json or your "
        "edited copy (RATING_TABLE). Range bands are [lower, upper): a value equal to a band limit gets the rating "
        "of the band starting there (depth 1.52 m -> 9). Weights: standard 5,4,3,2,1,5,3; pesticide 5,4,3,5,3,4,2; "
        "or custom (seven numbers in D,R,A,S,T,I,C order). All rasters are aligned onto the target grid (the "
        "reference raster, else the first factor raster) with the chosen resampling, reported in the log; a "
        "nodata cell in any factor gives a nodata index. Outputs: index (Float32, nodata -9999), classes (Byte, "
        "default breaks 100,120,140,160 are DEFAULTS, editable) and, with karst polygons, a karst flag raster; "
        "optionally karst cells get class 9 in the class raster. Aquifer, soil and vadose polygons whose legend is "
        "not a name of the rating table (粉质黏土, 砂卵砾石 ...) are rated through LEGEND_TABLE, an XLSX the "
        "author edits: write it with OUTPUT_LEGEND_TABLE (unmapped legends come with a suggestion marked "
        "'SUGGESTED, check'), correct it and pass it back; unmapped legends are nodata and listed in the log. "
        "SLOPE_UNIT: percent (DRASTIC's bands) or degrees (QGIS's slope tool; the bands are converted)."
    )

    def resampling_labels(self, methods) -> list:
        """Translated names of GDAL resampling methods, in the order of ``methods`` (the values stay the indices)."""
        names = {
            "nearest": self.tr("nearest neighbour"),
            "bilinear": self.tr("bilinear"),
            "average": self.tr("average"),
            "mode": self.tr("mode (most frequent value)"),
        }
        return [names.get(m, m) for m in methods]

    def initAlgorithm(self, config=None):
        labels = factor_labels()
        for fac in DR.FACTORS:
            stem = FACTOR_PARAMS[fac]
            label = labels[fac]
            self.addParameter(
                QgsProcessingParameterRasterLayer(f"{stem}_RASTER", label + self.tr(" - raster"), optional=True)
            )
            self.addParameter(
                QgsProcessingParameterFeatureSource(
                    f"{stem}_POLYGONS",
                    label + self.tr(" - polygons"),
                    [QgsProcessing.SourceType.TypeVectorPolygon],
                    optional=True,
                )
            )
            self.addParameter(
                QgsProcessingParameterField(
                    f"{stem}_FIELD",
                    label + self.tr(" - polygon field"),
                    parentLayerParameterName=f"{stem}_POLYGONS",
                    optional=True,
                )
            )
            self.addParameter(
                QgsProcessingParameterBoolean(f"{stem}_RATED", label + self.tr(" - already rated (1-10)"), False)
            )
        self.addParameter(
            QgsProcessingParameterEnum(
                "SLOPE_UNIT",
                self.tr("Unit of the slope (T) input"),
                options=[self.tr("percent"), self.tr("degrees (QGIS slope tool)")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "LEGEND_TABLE",
                self.tr("Legend → DRASTIC class table (XLSX, edited) for aquifer, soil and vadose polygons"),
                extension="xlsx",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "WEIGHTS",
                self.tr("Weights"),
                options=[self.tr("standard"), self.tr("pesticide"), self.tr("custom")],  # WEIGHT_SETS, translated
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CUSTOM_WEIGHTS", self.tr("Custom weights D,R,A,S,T,I,C"), "5,4,3,2,1,5,3", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "RATING_TABLE", self.tr("Rating table (JSON, edited copy)"), extension="json", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "BREAKS", self.tr("Class breaks (DEFAULT 100,120,140,160)"), "100,120,140,160", optional=True
            )
        )
        add_grid_parameters(self, self.tr("Reference raster for the target grid (else the first factor raster)"))
        self.addParameter(
            QgsProcessingParameterEnum(
                "RESAMPLING",
                self.tr("Resampling of raw continuous rasters"),
                options=self.resampling_labels(RESAMPLING),
                defaultValue=1,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "CLASS_RESAMPLING",
                self.tr("Resampling of class-coded and rated rasters"),
                options=self.resampling_labels(CLASS_RESAMPLING),
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "KARST", self.tr("Karst areas"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(QgsProcessingParameterBoolean("KARST_CLASS", self.tr("Give karst cells class 9"), False))
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", self.tr("DRASTIC index")))
        self.addParameter(
            QgsProcessingParameterRasterDestination("OUTPUT_CLASSES", self.tr("DRASTIC classes"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterRasterDestination(
                "OUTPUT_KARST", self.tr("Karst flag"), optional=True, createByDefault=False
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_LEGEND_TABLE",
                self.tr("Legend table to check and edit (XLSX, with suggestions for unmapped legends)"),
                "XLSX (*.xlsx)",
                optional=True,
                createByDefault=False,
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        table_path = self.parameterAsFile(parameters, "RATING_TABLE", context)
        tables = run_core(DR.load_tables, table_path or None)
        choice = WEIGHT_SETS[self.parameterAsEnum(parameters, "WEIGHTS", context)]
        weights = choice
        if choice == "custom":
            weights = run_core(DR.parse_numbers, self.parameterAsString(parameters, "CUSTOM_WEIGHTS", context))
        breaks = run_core(DR.parse_numbers, self.parameterAsString(parameters, "BREAKS", context))
        rasters = {}
        for fac in DR.FACTORS:
            rasters[fac] = raster_path(self, parameters, f"{FACTOR_PARAMS[fac]}_RASTER", context)
        first = next((rasters[f] for f in DR.FACTORS if rasters[f]), None)
        grid = run_core(target_grid, self, parameters, context, first)
        if grid is None:
            fail(self.tr("Give at least one factor raster, a reference raster, or an extent and cell size."))
        legend_path = self.parameterAsFile(parameters, "LEGEND_TABLE", context)
        mapping = run_core(LM.read_mapping_xlsx, legend_path) if legend_path else {}
        legend_rows = {}
        inputs = {}
        for fac in DR.FACTORS:
            stem = FACTOR_PARAMS[fac]
            rated = self.parameterAsBool(parameters, f"{stem}_RATED", context)
            if rasters[fac]:
                inputs[fac] = DR.FactorInput(fac, raster=rasters[fac], rated=rated)
                continue
            fld = self.parameterAsString(parameters, f"{stem}_FIELD", context)
            shapes = run_core(read_shapes, self, parameters, f"{stem}_POLYGONS", context, [fld], grid, feedback)
            if shapes is None:
                fail(self.tr("Factor {f}: give a raster or a polygon layer.").format(f=factor_labels()[fac]))
            if not fld:
                fail(self.tr("Factor {f}: choose the polygon field.").format(f=factor_labels()[fac]))
            pairs = [(w, v[0]) for w, v in shapes]
            if fac in LM.CLASS_FACTORS and not rated:
                spec = tables["factors"][fac]
                legend_rows[fac] = run_core(LM.legend_rows, fac, spec, [v for _w, v in pairs], mapping.get(fac))
                pairs, unmapped = run_core(LM.rate_shapes, fac, spec, pairs, mapping.get(fac))
                rated = True
                for row in unmapped:
                    hint = (
                        self.tr("suggestion: {k} (rating {r:g})").format(k=row.class_key, r=row.rating)
                        if row.class_key
                        else self.tr("no suggestion")
                    )
                    feedback.pushWarning(
                        self.tr(
                            "{f}: legend '{l}' ({n} polygons) is not in the legend table: nodata; {h}. Write the "
                            "legend table, check it and pass it as LEGEND_TABLE."
                        ).format(f=fac, l=row.legend, n=row.count, h=hint)
                    )
            inputs[fac] = DR.FactorInput(fac, shapes=pairs, rated=rated)
        legend_out = self.parameterAsFileOutput(parameters, "OUTPUT_LEGEND_TABLE", context)
        if legend_out and legend_rows:
            run_core(LM.write_mapping_xlsx, legend_out, tables, legend_rows)
        karst = run_core(read_shapes, self, parameters, "KARST", context, [], grid, feedback)
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        out_cls = self.parameterAsOutputLayer(parameters, "OUTPUT_CLASSES", context) or None
        out_karst = self.parameterAsOutputLayer(parameters, "OUTPUT_KARST", context) or None
        res = run_core(
            DR.run_drastic,
            inputs,
            out,
            out_cls,
            weights=weights,
            breaks=breaks or None,
            tables=tables,
            grid=grid,
            resampling=RESAMPLING[self.parameterAsEnum(parameters, "RESAMPLING", context)],
            class_resampling=CLASS_RESAMPLING[self.parameterAsEnum(parameters, "CLASS_RESAMPLING", context)],
            karst_shapes=[(w, None) for w, _v in karst] if karst else None,
            karst_path=out_karst if karst else None,
            karst_class=self.parameterAsBool(parameters, "KARST_CLASS", context),
            feedback=FeedbackBridge(feedback),
            slope_unit=DR.SLOPE_UNITS[self.parameterAsEnum(parameters, "SLOPE_UNIT", context)],
        )
        result = {
            "OUTPUT": out,
            "VALID_CELLS": res.valid_cells,
            "NODATA_CELLS": res.nodata_cells,
            "INDEX_MIN": res.index_min,
            "INDEX_MAX": res.index_max,
        }
        if out_cls:
            result["OUTPUT_CLASSES"] = out_cls
        if res.karst_path:
            result["OUTPUT_KARST"] = res.karst_path
        if legend_out and legend_rows:
            result["OUTPUT_LEGEND_TABLE"] = legend_out
        return result
