"""gwplugin:functionvalue — groundwater function-value score raster from drinking-water source protection and
recharge zones, abstraction and water-quality class (core/zoning/function_value.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterRasterLayer,
)

from ....core.zoning import config as ZCFG
from ....core.zoning import function_value as FV
from ....core.zoning import source_load as SL
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import add_grid_parameters, raster_path, read_shapes, run_core, target_grid


def _field_or_empty(source, name: str) -> str:
    return name if source is not None and source.fields().lookupField(name) >= 0 else ""


class FunctionValueAlgorithm(GwAlgorithm):
    NAME = "functionvalue"
    DISPLAY = "Groundwater function value"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "Function-value score (1-10) of groundwater. Protection zones (protection_zones.zone_class: class_1, "
        "class_2, quasi) and recharge zones (recharge_zones.kind) are scored and multiplied by an abstraction "
        "factor of their drinking-water source (drinking_water_sources.abstraction_m3d, linked by "
        "water_source_uuid); the highest covering zone wins; cells outside every zone get the outside score. With "
        "a water-quality input (a raster of GB/T 14848 classes 1-5, or points with a class field: 1-5 or I-V) the "
        "value is zone weight x zone score + quality weight x quality score where the quality is known. All scores "
        "and weights are DEFAULTS in resources/reference/zoning_defaults.json (function_value); pass an edited "
        "copy as CONFIG. Zones are rasterised with gdal.Rasterize (cells whose centre is inside)."
    )

    def initAlgorithm(self, config=None):
        poly = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "PROTECTION_ZONES", self.tr("Protection zones (protection_zones)"), poly, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "RECHARGE_ZONES", self.tr("Recharge zones (recharge_zones)"), poly, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "WATER_SOURCES",
                self.tr("Drinking-water sources (drinking_water_sources, for abstraction)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "QUALITY_RASTER", self.tr("Water-quality class raster (GB/T 14848 class 1-5)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "QUALITY_POINTS",
                self.tr("Water-quality points"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "QUALITY_FIELD",
                self.tr("Quality class field (1-5 or I-V)"),
                parentLayerParameterName="QUALITY_POINTS",
                optional=True,
            )
        )
        add_grid_parameters(self, self.tr("Reference raster for the target grid (e.g. the DRASTIC index)"))
        self.addParameter(
            QgsProcessingParameterFile(
                "CONFIG", self.tr("Scores and parameters (JSON, edited copy)"), extension="json", optional=True
            )
        )
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", self.tr("Function value")))

    def processAlgorithm(self, parameters, context, feedback):
        cfg = run_core(ZCFG.load_config, self.parameterAsFile(parameters, "CONFIG", context) or None)
        prot_src = self.parameterAsSource(parameters, "PROTECTION_ZONES", context)
        rech_src = self.parameterAsSource(parameters, "RECHARGE_ZONES", context)
        if prot_src is None and rech_src is None:
            fail(self.tr("Give protection zones and/or recharge zones."))
        crs = (prot_src or rech_src).sourceCrs()
        grid = run_core(target_grid, self, parameters, context, None, crs)
        if grid is None:
            fail(self.tr("Give a reference raster, or an extent and a cell size."))
        protection, recharge = [], []
        if prot_src is not None:
            fields = [_field_or_empty(prot_src, "zone_class"), _field_or_empty(prot_src, "water_source_uuid")]
            if not fields[0]:
                fail(self.tr("The protection-zone layer has no zone_class field."))
            for w, v in run_core(read_shapes, self, parameters, "PROTECTION_ZONES", context, fields, grid, feedback):
                protection.append((w, v[0], v[1]))
        if rech_src is not None:
            fields = [_field_or_empty(rech_src, "kind"), _field_or_empty(rech_src, "water_source_uuid")]
            if not fields[0]:
                fail(self.tr("The recharge-zone layer has no kind field."))
            for w, v in run_core(read_shapes, self, parameters, "RECHARGE_ZONES", context, fields, grid, feedback):
                recharge.append((w, v[0], v[1]))
        abstraction = {}
        ws_src = self.parameterAsSource(parameters, "WATER_SOURCES", context)
        if ws_src is not None:
            fields = [_field_or_empty(ws_src, "uuid"), _field_or_empty(ws_src, "abstraction_m3d")]
            if not all(fields):
                fail(self.tr("The drinking-water source layer needs the fields uuid and abstraction_m3d."))
            for _w, v in run_core(read_shapes, self, parameters, "WATER_SOURCES", context, fields, grid, feedback):
                if v[0]:
                    abstraction[str(v[0])] = v[1]
            feedback.pushInfo(self.tr("Abstraction known for {n} drinking-water sources.").format(n=len(abstraction)))
        quality_points = None
        qfield = self.parameterAsString(parameters, "QUALITY_FIELD", context)
        if self.parameterAsSource(parameters, "QUALITY_POINTS", context) is not None:
            if not qfield:
                fail(self.tr("Choose the quality class field of the water-quality points."))
            shapes = run_core(read_shapes, self, parameters, "QUALITY_POINTS", context, [qfield], grid, feedback)
            xs, ys, idx = SL.points_from_shapes(shapes)
            quality_points = [(x, y, shapes[i][1][0]) for x, y, i in zip(xs, ys, idx)]
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        res = run_core(
            FV.run_functionvalue,
            grid,
            out,
            protection,
            recharge,
            abstraction,
            quality_raster=raster_path(self, parameters, "QUALITY_RASTER", context),
            quality_points=quality_points,
            cfg=cfg,
            feedback=FeedbackBridge(feedback),
        )
        return {"OUTPUT": out, "ZONES_USED": res.zones_used}
