"""gwplugin:sourceload — pollution-source load raster from the pollution_sources inventory (core/zoning/source_load.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
)

from ....core.zoning import config as ZCFG
from ....core.zoning import source_load as SL
from ...base import FeedbackBridge, GwAlgorithm, fail
from ...params import add_grid_parameters, read_shapes, run_core, target_grid

DECAYS = ["exponential", "linear"]
SOURCE_FIELDS = ("category", "scale", "antiseepage_status", "operating_status")


class SourceLoadAlgorithm(GwAlgorithm):
    NAME = "sourceload"
    DISPLAY = "Pollution-source load"
    GROUP_ID = "zoning"
    GROUP = "Zoning"
    HELP = (
        "Load raster from the pollution-source inventory (table pollution_sources: category, scale, "
        "antiseepage_status, operating_status). Hazard of a source = category score x scale factor x "
        "operating-status factor, x the retrofit factor when its anti-seepage retrofit is done or its effect "
        "assessed. All scores are DEFAULTS in resources/reference/zoning_defaults.json (source_load); pass an "
        "edited copy as CONFIG. Each hazard is spread with an exponential (exp(-d/L) up to the radius) or linear "
        "(1 - d/R) distance decay and summed; d is measured between cell centres (sources snap to their cell). "
        "Polygon sources (parks, mines, farmland) keep their footprint: "
        "the full hazard on every cell of it, decaying from its edge. With a BOUNDARY layer (aquifer or watershed "
        "units) a source's load stays inside its unit instead of ending only at the radius. The target grid is the "
        "reference raster, or the extent and cell size. Computed by FFT convolution in row "
        "blocks: 100,000 sources on 10 million cells take seconds, with bounded memory."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "SOURCES",
                self.tr("Pollution sources (pollution_sources)"),
                [QgsProcessing.SourceType.TypeVectorAnyGeometry],
            )
        )
        add_grid_parameters(self, self.tr("Reference raster for the target grid (e.g. the DRASTIC index)"))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BOUNDARY",
                self.tr("Boundary layer: aquifer or watershed units a source's load does not cross"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "DECAY",
                self.tr("Distance decay"),
                options=[self.tr("exponential"), self.tr("linear")],  # DECAYS, translated
                defaultValue=0,
            )
        )
        # Optional numbers fall back to the configuration (a value of 0 or less also means "from CONFIG").
        self.addParameter(
            QgsProcessingParameterNumber(
                "RADIUS",
                self.tr("Decay radius (m; empty = configuration, default 2000)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "DECAY_LENGTH",
                self.tr("Exponential decay length L (m; empty = configuration, default 500)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                optional=True,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "RETROFIT_FACTOR",
                self.tr("Factor for completed anti-seepage retrofit (empty = configuration, default 0.5)"),
                QgsProcessingParameterNumber.Type.Double,
                None,
                optional=True,
                minValue=0.0,
                maxValue=1.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "CONFIG", self.tr("Scores and parameters (JSON, edited copy)"), extension="json", optional=True
            )
        )
        self.addParameter(QgsProcessingParameterRasterDestination("OUTPUT", self.tr("Source load")))

    def processAlgorithm(self, parameters, context, feedback):
        overrides = {"source_load": {"decay": DECAYS[self.parameterAsEnum(parameters, "DECAY", context)]}}
        for name, key in (
            ("RADIUS", "radius_m"),
            ("DECAY_LENGTH", "decay_length_m"),
            ("RETROFIT_FACTOR", "retrofit_factor"),
        ):
            if parameters.get(name) not in (None, ""):
                overrides["source_load"][key] = self.parameterAsDouble(parameters, name, context)
        cfg = run_core(ZCFG.load_config, self.parameterAsFile(parameters, "CONFIG", context) or None, overrides)
        sl = cfg["source_load"]
        source = self.parameterAsSource(parameters, "SOURCES", context)
        if source is None:
            fail(self.tr("Choose the pollution-source layer."))
        grid = run_core(target_grid, self, parameters, context, None, source.sourceCrs())
        if grid is None:
            fail(self.tr("Give a reference raster, or an extent and a cell size."))
        names = [f.name() for f in source.fields()]
        fields = [f if f in names else "" for f in SOURCE_FIELDS]
        missing = [f for f in SOURCE_FIELDS if f not in names]
        if missing:
            feedback.pushWarning(
                self.tr("The layer lacks {m}; their default factors apply.").format(m=", ".join(missing))
            )
        shapes = run_core(read_shapes, self, parameters, "SOURCES", context, fields, grid, feedback)
        records = [dict(zip(SOURCE_FIELDS, values)) for _w, values in shapes]
        xs, ys, idx = SL.points_from_shapes(shapes, polygons_as_centroids=False)
        all_hazards = SL.hazard_scores(records, cfg) if records else []
        hazards = all_hazards[idx] if len(idx) else []
        polygons = [(w, float(all_hazards[i])) for w, i in SL.polygon_shapes(shapes)]
        boundary = run_core(read_shapes, self, parameters, "BOUNDARY", context, [], grid, feedback) or []
        retro = sum(1 for r in records if (r.get("antiseepage_status") or "") in set(sl["retrofit_done_statuses"]))
        feedback.pushInfo(
            self.tr("{n} sources, {r} with a completed anti-seepage retrofit (hazard x {f:g}).").format(
                n=len(records), r=retro, f=sl["retrofit_factor"]
            )
        )
        if sl.get("is_default"):
            feedback.pushInfo(self.tr("Hazard scores are DEFAULTS (zoning_defaults.json, source_load); edit them."))
        out = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        res = run_core(
            SL.run_sourceload,
            xs,
            ys,
            hazards,
            grid,
            out,
            decay=sl["decay"],
            radius_m=float(sl["radius_m"]),
            decay_length_m=float(sl["decay_length_m"]),
            feedback=FeedbackBridge(feedback),
            polygons=polygons,
            boundary=[w for w, _v in boundary],
        )
        return {"OUTPUT": out, "SOURCES_USED": res.sources_used, "MAX_LOAD": res.max_load}
