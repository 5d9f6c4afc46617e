"""Parameter and grid helpers shared by several Processing algorithms (no algorithm imports another).

* the pollution-sources group and its DATABASE parameter, the current user (sources algorithms);
* the target grid (REFERENCE raster, or EXTENT + CELL_SIZE), raster paths, reading polygon layers onto a grid and
  running core functions with their errors turned into QgsProcessingException (zoning algorithms).
"""

from __future__ import annotations

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ..core.zoning import rasterblocks as rb
from ..toolbelt.i18n import tr
from .base import FeedbackBridge, fail

TR_CONTEXT = "DrasticAlgorithm"  # the translation context of this module's texts

# --------------------------------------------------------------------------------------------------------------
# Pollution sources algorithms
# --------------------------------------------------------------------------------------------------------------
SOURCES_GROUP_ID = "sources"
SOURCES_GROUP = "Pollution sources"


def current_user() -> str:
    return QgsApplication.userFullName() or QgsApplication.userLoginName() or ""


def database_parameter(tr=None) -> QgsProcessingParameterFile:
    """The DATABASE parameter shared by the sources algorithms (label translated in the GwAlgorithm context)."""
    return QgsProcessingParameterFile(
        "DATABASE",
        QCoreApplication.translate("GwAlgorithm", "Project database"),
        QgsProcessingParameterFile.Behavior.File,
        "gpkg",
    )


# --------------------------------------------------------------------------------------------------------------
# Target grid and layer reading of the zoning algorithms
# --------------------------------------------------------------------------------------------------------------
RESAMPLING = list(rb.RESAMPLING)


def add_grid_parameters(alg, reference_help: str) -> None:
    """REFERENCE raster, or EXTENT + CELL_SIZE (all optional) describing the target grid."""
    alg.addParameter(QgsProcessingParameterRasterLayer("REFERENCE", reference_help, optional=True))
    alg.addParameter(
        QgsProcessingParameterExtent(
            "EXTENT", tr(TR_CONTEXT, "Target extent (when there is no reference raster)"), optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "CELL_SIZE",
            tr(TR_CONTEXT, "Target cell size (m, with the extent)"),
            QgsProcessingParameterNumber.Type.Double,
            100.0,
            optional=True,
            minValue=0.0,
        )
    )


def raster_path(alg, parameters, name, context):
    """File path of a raster-layer parameter (without "|" options), None when not given."""
    layer = alg.parameterAsRasterLayer(parameters, name, context)
    if layer is None:
        return None
    return layer.dataProvider().dataSourceUri().split("|")[0]


def target_grid(alg, parameters, context, fallback_raster=None, fallback_crs=None):
    """The grid from REFERENCE, else EXTENT + CELL_SIZE, else ``fallback_raster``; None when none is given."""
    ref = raster_path(alg, parameters, "REFERENCE", context)
    if ref:
        return rb.Grid.from_raster(ref)
    if parameters.get("EXTENT"):
        crs = alg.parameterAsExtentCrs(parameters, "EXTENT", context)
        if not crs.isValid():
            crs = fallback_crs or QgsCoordinateReferenceSystem("EPSG:4547")
        ext = alg.parameterAsExtent(parameters, "EXTENT", context, crs)
        cell = alg.parameterAsDouble(parameters, "CELL_SIZE", context) or 100.0
        if crs.isGeographic():
            fail(tr(TR_CONTEXT, "The target extent must be in a projected CRS in metres (e.g. EPSG:4547)."))
        return rb.Grid.from_extent(ext.xMinimum(), ext.yMinimum(), ext.xMaximum(), ext.yMaximum(), cell, crs.toWkt())
    if fallback_raster:
        return rb.Grid.from_raster(fallback_raster)
    return None


def read_shapes(alg, parameters, name, context, fields, grid, feedback):
    """[(wkb, [values])] of a feature-source parameter in the grid CRS, or None when not given."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        return None
    return rb.source_shapes(source, fields, grid.crs_wkt, context.transformContext(), FeedbackBridge(feedback))


def run_core(func, *args, **kwargs):
    """Call a core function; turn its user errors and cancellation into QgsProcessingException."""
    try:
        return func(*args, **kwargs)
    except rb.Canceled:
        raise QgsProcessingException(tr(TR_CONTEXT, "Canceled.")) from None
    except (ValueError, OSError, RuntimeError) as exc:
        raise QgsProcessingException(str(exc)) from exc
