"""The raster map products of the zoning that authors hand in beside the zoning map: the vulnerability map (DRASTIC
index in the DRASTIC classes), the pollution-source load map, the groundwater function-value map and the pollution
status map (grades of the pollution assessment, or the GB/T 14848 class when that option was used). Each is a
styled copy of a raster (the project is not changed) with the city and county boundaries and rivers, laid out by
products.export_product on the A3/A4 templates in Chinese or English.

The raster is the one given, else the project's layer of that overlay of the zoning panel (custom property
``gw_plugin/zoning_overlay``), else a project raster whose file is named as the steps name them.
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsColorRampShader,
    QgsPalettedRasterRenderer,
    QgsProject,
    QgsRasterBandStats,
    QgsRasterLayer,
    QgsRasterShader,
    QgsSingleBandPseudoColorRenderer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QColor

from ..zoning import pollution_status as PS
from . import layout as ME
from .texts import label_text

RASTER_MAPS = ("vulnerability", "source_load", "function_value", "pollution_status")
#: Overlay key of the zoning panel (gui/zoning) and file stems the steps write, per product.
OVERLAY_KEYS = {"vulnerability": "vulnerability", "source_load": "load", "function_value": "value",
                "pollution_status": "pollution"}  # fmt: skip
FILE_STEMS = {
    "vulnerability": ("drastic_index", "vulnerability", "drastic"),
    "source_load": ("source_load", "sourceload", "load"),
    "function_value": ("function_value", "functionvalue", "value"),
    "pollution_status": ("pollution_status", "pollutionstatus", "pollution"),
}
PROP_OVERLAY = "gw_plugin/zoning_overlay"
#: DRASTIC index classes of the vulnerability map: the DEFAULT class breaks of drastic_ratings.json (100, 120,
#: 140, 160), very low to very high, green to red.
DRASTIC_CLASSES = ((100.0, "#1a9641"), (120.0, "#a6d96a"), (140.0, "#ffffbf"), (160.0, "#fdae61"), (None, "#d7191c"))
CLASS_NAMES = {
    "zh": ("极低（<100）", "低（100–120）", "中（120–140）", "高（140–160）", "极高（≥160）"),
    "en": ("Very low (<100)", "Low (100–120)", "Medium (120–140)", "High (140–160)", "Very high (≥160)"),
}
RAMPS = {"source_load": ("#fff5eb", "#fd8d3c", "#7f2704"), "function_value": ("#f7fbff", "#6baed6", "#08306b")}
GRADE_COLORS = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027", "#7f0000")
QUALITY_COLORS = ("#2b83ba", "#abdda4", "#ffffbf", "#fdae61", "#d7191c")
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def find_raster(project: QgsProject, product: str):
    """The project's raster of ``product`` (the zoning panel's overlay, else a file named as the steps write it)."""
    key = OVERLAY_KEYS[product]
    rasters = [lyr for lyr in project.mapLayers().values() if isinstance(lyr, QgsRasterLayer) and lyr.isValid()]
    for layer in rasters:
        if layer.customProperty(PROP_OVERLAY) == key:
            return layer.source()
    for layer in rasters:
        stem = os.path.splitext(os.path.basename(layer.source()))[0].lower()
        if stem in FILE_STEMS[product]:
            return layer.source()
    return ""


def _stats(layer: QgsRasterLayer) -> tuple:
    s = layer.dataProvider().bandStatistics(1, QgsRasterBandStats.Stats.Min | QgsRasterBandStats.Stats.Max)
    lo, hi = s.minimumValue, s.maximumValue
    return lo, (hi if hi > lo else lo + 1)


def _pseudocolor(layer: QgsRasterLayer, items: list, discrete: bool) -> None:
    ramp = QgsColorRampShader(items[0].value, items[-1].value if items[-1].value != float("inf") else items[-2].value)
    ramp.setColorRampType(QgsColorRampShader.Type.Discrete if discrete else QgsColorRampShader.Type.Interpolated)
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader)
    layer.setRenderer(renderer)


def style(layer: QgsRasterLayer, product: str, lang: str, kind: str = "assessment") -> None:
    """The product's symbology: DRASTIC classes, a ramp between min and max, or the pollution grades/classes."""
    zh = lang.startswith("zh")
    if product == "vulnerability":
        names = CLASS_NAMES["zh" if zh else "en"]
        items = [
            QgsColorRampShader.ColorRampItem(b if b is not None else float("inf"), QColor(c), n)
            for (b, c), n in zip(DRASTIC_CLASSES, names)
        ]
        _pseudocolor(layer, items, True)
    elif product in RAMPS:
        lo, hi = _stats(layer)
        colors = RAMPS[product]
        items = [
            QgsColorRampShader.ColorRampItem(lo + (hi - lo) * i / 2, QColor(c), f"{lo + (hi - lo) * i / 2:.3g}")
            for i, c in enumerate(colors)
        ]
        _pseudocolor(layer, items, False)
    else:
        colors = GRADE_COLORS if kind == "assessment" else QUALITY_COLORS
        classes = []
        for i, c in enumerate(colors, start=1):
            if kind == "assessment":
                label = f"{ROMAN[i - 1]} {PS.grade_label(i, 'zh' if zh else 'en')}"
            else:
                label = f"{ROMAN[i - 1]}类" if zh else f"Class {ROMAN[i - 1]}"
            classes.append(QgsPalettedRasterRenderer.Class(i, QColor(c), label))
        layer.setRenderer(QgsPalettedRasterRenderer(layer.dataProvider(), 1, classes))
    layer.setOpacity(1.0)  # a thematic map of its own: the class colours exactly as in the legend


def raster_layer(path: str, product: str, lang: str, kind: str = "assessment") -> QgsRasterLayer:
    if not path:
        raise ME.MapExportError(
            QCoreApplication.translate(
                "ExportMap", "No raster for this map: give RASTER, or run the step in the zoning panel first."
            )
        )
    layer = QgsRasterLayer(path, label_text(f"{product}_layer", lang), "gdal")
    if not layer.isValid():
        raise ME.MapExportError(QCoreApplication.translate("ExportMap", "Cannot open the raster {p}.").format(p=path))
    style(layer, product, lang, kind)
    return layer


def texts(product: str, lang: str, kind: str = "assessment") -> tuple:
    """(title with {city}, subtitle, notes) of a raster map product."""
    if product == "pollution_status":
        notes = label_text("pollution_notes_quality" if kind == "quality_class" else "pollution_notes", lang)
    else:
        notes = label_text(f"{product}_notes", lang)
    return label_text(f"{product}_title", lang), label_text(f"{product}_subtitle", lang), notes
