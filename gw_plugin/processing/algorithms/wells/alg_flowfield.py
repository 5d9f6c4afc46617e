"""gwplugin:flowfield — the groundwater flow field from heads: contour lines, an optional head raster and flow arrows,
and the planar fit's GRADIENT, AZIMUTH (degrees clockwise from north, the direction the water flows towards) and R2.

Heads come from a point layer (INPUT + HEAD_FIELD) or from the project database's water levels (DATABASE, a date
window and an aquifer layer; the mean head of each well in the window)."""

from __future__ import annotations

from osgeo import gdal
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
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ....core.data import gpkg
from ....core.wells import flowfield, water_levels
from ...base import GwAlgorithm, fail


class FlowFieldAlgorithm(GwAlgorithm):
    NAME = "flowfield"
    DISPLAY = "Groundwater flow field (head contours, gradient, flow direction)"
    GROUP_ID = "wells"
    GROUP = "Wells and water quality"
    HELP = (
        "Draws the flow field from hydraulic heads at wells. Heads come from INPUT (a point layer) and HEAD_FIELD, or "
        "from the project DATABASE's water levels: the mean head of each well between DATE_FROM and DATE_TO "
        "(YYYY-MM-DD, empty = open), in AQUIFER_LAYER if given (heads missing in the table are ground elevation "
        "minus depth to water). A least-squares plane through the heads gives GRADIENT (m/m), AZIMUTH (degrees "
        "clockwise from north, the direction the water flows towards, i.e. down the head gradient) and R2 (how well "
        "a plane describes the heads: a low R2 means the regional gradient is not a good summary). Heads are "
        "interpolated linearly between the wells (no extrapolation beyond their convex hull) on a CELL_SIZE grid: "
        "OUTPUT gets contour lines every INTERVAL metres, OUTPUT_RASTER the head raster, OUTPUT_ARROWS flow arrows "
        "every ARROW_SPACING metres (field azimuth for a rotated arrow symbol). Coordinates must be in a projected CRS "
        "in metres."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "INPUT", self.tr("Heads at wells (point layer)"), [QgsProcessing.SourceType.TypeVectorPoint], None, True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                "HEAD_FIELD",
                self.tr("Head field (m)"),
                None,
                "INPUT",
                QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "DATABASE", self.tr("Project database (instead of a layer)"), extension="gpkg", optional=True
            )
        )
        self.addParameter(QgsProcessingParameterString("DATE_FROM", self.tr("From date (YYYY-MM-DD)"), "", False, True))
        self.addParameter(QgsProcessingParameterString("DATE_TO", self.tr("To date (YYYY-MM-DD)"), "", False, True))
        self.addParameter(QgsProcessingParameterString("AQUIFER_LAYER", self.tr("Aquifer layer code"), "", False, True))
        for name, label, default, minimum in (
            ("CELL_SIZE", self.tr("Cell size (m)"), 100.0, 1.0),
            ("INTERVAL", self.tr("Contour interval (m)"), 1.0, 0.001),
            ("ARROW_SPACING", self.tr("Arrow spacing (m)"), 1000.0, 1.0),
        ):
            self.addParameter(
                QgsProcessingParameterNumber(
                    name, label, QgsProcessingParameterNumber.Type.Double, default, False, minimum
                )
            )
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Head contours")))
        self.addParameter(
            QgsProcessingParameterRasterDestination("OUTPUT_RASTER", self.tr("Head raster"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                "OUTPUT_ARROWS", self.tr("Flow arrows"), QgsProcessing.SourceType.TypeVectorPoint, optional=True
            )
        )
        self.addOutput(QgsProcessingOutputNumber("GRADIENT", self.tr("Hydraulic gradient (m/m)")))
        self.addOutput(QgsProcessingOutputNumber("AZIMUTH", self.tr("Flow azimuth (degrees from north)")))
        self.addOutput(QgsProcessingOutputNumber("R2", self.tr("R² of the planar fit")))
        self.addOutput(QgsProcessingOutputNumber("N_WELLS", self.tr("Wells used")))

    def _heads(self, parameters, context):
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is not None:
            field = self.parameterAsString(parameters, "HEAD_FIELD", context)
            if not field:
                fail(self.tr("Choose the head field of the input layer."))
            xs, ys, hs = [], [], []
            for f in source.getFeatures():
                g, h = f.geometry(), f[field]
                if g is None or g.isEmpty() or h is None or h == "":
                    continue
                try:
                    h = float(h)
                except (TypeError, ValueError):
                    continue
                p = g.asPoint() if not g.isMultipart() else g.asMultiPoint()[0]
                xs.append(p.x())
                ys.append(p.y())
                hs.append(h)
            return xs, ys, hs, source.sourceCrs()
        db = self.parameterAsFile(parameters, "DATABASE", context)
        if not db:
            fail(self.tr("Give either a point layer with heads or the project database."))
        try:
            gpkg.open_database(db, upgrade=False)
        except gpkg.SchemaError as exc:
            fail(str(exc))
        rows = water_levels.heads_at_wells(
            db,
            self.parameterAsString(parameters, "DATE_FROM", context).strip(),
            self.parameterAsString(parameters, "DATE_TO", context).strip(),
            self.parameterAsString(parameters, "AQUIFER_LAYER", context).strip(),
        )
        crs = QgsCoordinateReferenceSystem(gpkg.read_meta(db).get("crs", "EPSG:4547"))
        return [r[2] for r in rows], [r[3] for r in rows], [r[4] for r in rows], crs

    def processAlgorithm(self, parameters, context, feedback):
        xs, ys, hs, crs = self._heads(parameters, context)
        if crs.isValid() and crs.isGeographic():
            fail(
                self.tr(
                    "The heads are in a geographic CRS ({crs}): reproject them to a projected CRS in metres."
                ).format(crs=crs.authid())
            )
        cell = self.parameterAsDouble(parameters, "CELL_SIZE", context)
        interval = self.parameterAsDouble(parameters, "INTERVAL", context)
        spacing = self.parameterAsDouble(parameters, "ARROW_SPACING", context)
        try:
            fit = flowfield.plane_fit(xs, ys, hs)
            feedback.setProgress(10)
            grid = flowfield.head_grid(xs, ys, hs, cell)
            feedback.setProgress(50)
            if feedback.isCanceled():
                return {}
            lines = flowfield.contours(grid, interval)
        except flowfield.FlowFieldError as exc:
            fail(str(exc))
        fields = QgsFields()
        fields.append(QgsField("head", QVariant.Double))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.LineString, crs)
        for level, pts in lines:
            f = QgsFeature(fields)
            f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in pts]))
            f.setAttributes([level])
            sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        results = {"OUTPUT": dest, "GRADIENT": fit.gradient, "AZIMUTH": fit.azimuth, "R2": fit.r2, "N_WELLS": fit.n}
        raster = self.parameterAsOutputLayer(parameters, "OUTPUT_RASTER", context)
        if raster:
            self._write_raster(raster, grid, crs)
            results["OUTPUT_RASTER"] = raster
        feedback.setProgress(80)
        afields = QgsFields()
        afields.append(QgsField("azimuth", QVariant.Double))
        afields.append(QgsField("gradient", QVariant.Double))
        asink, adest = self.parameterAsSink(parameters, "OUTPUT_ARROWS", context, afields, QgsWkbTypes.Type.Point, crs)
        if asink is not None:
            for x, y, azimuth, g in flowfield.arrows(grid, spacing):
                f = QgsFeature(afields)
                f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(x, y)))
                f.setAttributes([azimuth, g])
                asink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            results["OUTPUT_ARROWS"] = adest
        feedback.pushInfo(
            self.tr("{n} wells: gradient {g:.5f}, flow towards {a:.1f}° from north, R² {r:.3f}.").format(
                n=fit.n, g=fit.gradient, a=fit.azimuth, r=fit.r2
            )
        )
        feedback.setProgress(100)
        return results

    @staticmethod
    def _write_raster(path: str, grid, crs) -> None:
        import numpy as np

        rows, cols = grid.shape
        driver = gdal.GetDriverByName("GTiff")
        ds = driver.Create(path, cols, rows, 1, gdal.GDT_Float32, ["COMPRESS=DEFLATE"])
        if ds is None:
            fail(f"cannot write {path}")
        ds.SetGeoTransform(grid.geotransform())
        ds.SetProjection(crs.toWkt())
        band = ds.GetRasterBand(1)
        band.SetNoDataValue(flowfield.NODATA)
        band.WriteArray(np.where(np.isfinite(grid.values), grid.values, flowfield.NODATA).astype("float32"))
        ds = None
