"""Headless export of official-style thematic maps (PDF and PNG) from the print-layout templates in resources/layouts.

One layout per call, loaded from gw_map_<A3|A4>_<landscape|portrait>.qpt (written by scripts/make_layouts.py) and
filled by item id: title, subtitle, map (layers, extent, round scale, CGCS2000 degree-minute graticule), north
arrow, legend (only the layers shown, under their names), numeric scale and scale bar, coordinate-system note,
notes, data sources and production date. Fixed labels (texts.py) are Chinese by default and English with
``lang="en"``; all text uses an installed CJK font (core/data/fonts.py) so Chinese is embedded in the PDF as real,
searchable text. The city overview map is in overview.py.

qgis.core only (no widgets); runs offscreen.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import tempfile
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsMapLayer,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QRectF, QSize, Qt
from qgis.PyQt.QtGui import QFont, QFontMetricsF
from qgis.PyQt.QtXml import QDomDocument

from ...toolbelt.paths import resource
from ..data.fonts import FontError, cjk_font_family
from .texts import crs_text, date_text, label_text, scale_text

PAPERS = ("A3", "A4")
ORIENTATIONS = ("landscape", "portrait")

#: Item ids a template must contain (filled at export time).
TEMPLATE_ITEM_IDS = (
    "title",
    "subtitle",
    "map",
    "legend",
    "north_arrow",
    "panel",
    "scale_text",
    "scalebar",
    "crs",
    "notes",
    "sources",
    "date",
)

NORTH_ARROW_SVG = "arrows/NorthArrow_04.svg"


class MapExportError(RuntimeError):
    """A map could not be laid out or written."""


def _with_family(font: QFont, family: str) -> QFont:
    f = QFont(font)
    f.setFamily(family)
    return f


def _label_font(label: QgsLayoutItemLabel) -> QFont:
    if hasattr(label, "textFormat"):  # QGIS >= 3.24
        fmt = label.textFormat()
        f = fmt.toQFont()
        f.setPointSizeF(fmt.size())
        return f
    return label.font()


def _set_label_family(label: QgsLayoutItemLabel, family: str) -> None:
    if hasattr(label, "setTextFormat"):
        fmt = label.textFormat()
        fmt.setFont(_with_family(fmt.font(), family))
        label.setTextFormat(fmt)
    else:
        label.setFont(_with_family(label.font(), family))


def _apply_font_family(layout: QgsPrintLayout, family: str) -> None:
    """Put every text of the layout in ``family`` (sizes and weights stay as the template has them)."""
    for item in layout.items():
        if isinstance(item, QgsLayoutItemLabel):
            _set_label_family(item, family)
        elif isinstance(item, QgsLayoutItemLegend):
            for style in (
                QgsLegendStyle.Title,
                QgsLegendStyle.Group,
                QgsLegendStyle.Subgroup,
                QgsLegendStyle.SymbolLabel,
            ):
                st = item.rstyle(style)
                if hasattr(st, "textFormat"):  # QGIS >= 3.30
                    fmt = st.textFormat()
                    fmt.setFont(_with_family(fmt.font(), family))
                    st.setTextFormat(fmt)
                else:
                    item.setStyleFont(style, _with_family(item.styleFont(style), family))
        elif isinstance(item, QgsLayoutItemScaleBar):
            fmt = item.textFormat()
            fmt.setFont(_with_family(fmt.font(), family))
            item.setTextFormat(fmt)
        elif isinstance(item, QgsLayoutItemMap):
            for grid in item.grids().asList():
                if hasattr(grid, "annotationTextFormat"):
                    fmt = grid.annotationTextFormat()
                    fmt.setFont(_with_family(fmt.font(), family))
                    grid.setAnnotationTextFormat(fmt)
                else:
                    grid.setAnnotationFont(_with_family(grid.annotationFont(), family))


def _text_height_mm(font: QFont, text: str, width_mm: float) -> float:
    """Height (mm) of ``text`` word-wrapped to ``width_mm`` in ``font`` (point size)."""
    f = QFont(font)
    # Measure in units of 0.1 mm, independent of any screen resolution: 1 pt = 25.4/72 mm.
    f.setPixelSize(max(1, round(font.pointSizeF() * 25.4 / 72 * 10)))
    fm = QFontMetricsF(f)
    rect = fm.boundingRect(QRectF(0, 0, width_mm * 10, 1e7), int(Qt.TextFlag.TextWordWrap), text)
    return rect.height() / 10 * 1.08


# -----------------------------------------------------------------------------------------------------------------
# Templates
# -----------------------------------------------------------------------------------------------------------------
def template_path(paper: str = "A3", orientation: str = "landscape") -> Path:
    paper = paper.upper()
    orientation = orientation.lower()
    if paper not in PAPERS or orientation not in ORIENTATIONS:
        raise ValueError(
            QCoreApplication.translate("MapExport", "Unknown paper/orientation {}/{}; use one of {} and {}.").format(
                paper, orientation, "/".join(PAPERS), "/".join(ORIENTATIONS)
            )
        )
    return resource("layouts", f"gw_map_{paper}_{orientation}.qpt")


def load_layout(project: QgsProject, paper: str = "A3", orientation: str = "landscape") -> QgsPrintLayout:
    """A new print layout of ``project`` made from the template of ``paper``/``orientation``."""
    path = template_path(paper, orientation)
    if not path.is_file():
        raise MapExportError(
            QCoreApplication.translate("MapExport", "Print-layout template {} is missing.").format(path)
        )
    doc = QDomDocument()
    ok = doc.setContent(path.read_text(encoding="utf-8"))
    if isinstance(ok, tuple):
        ok = ok[0]
    if not ok:
        raise MapExportError(
            QCoreApplication.translate("MapExport", "Print-layout template {} is not valid XML.").format(path)
        )
    layout = QgsPrintLayout(project)
    _items, loaded = layout.loadFromTemplate(doc, QgsReadWriteContext())
    if not loaded:
        raise MapExportError(
            QCoreApplication.translate("MapExport", "Print-layout template {} could not be loaded.").format(path)
        )
    layout.setName(path.stem)
    missing = [i for i in TEMPLATE_ITEM_IDS if layout.itemById(i) is None]
    if missing:
        raise MapExportError(
            QCoreApplication.translate("MapExport", "Template {} lacks the items {}.").format(
                path.name, ", ".join(missing)
            )
        )
    return layout


def _north_arrow_path() -> str:
    for base in QgsApplication.svgPaths():
        candidate = os.path.join(base, NORTH_ARROW_SVG)
        if os.path.isfile(candidate):
            return candidate
    # QGIS without its SVG library: draw a plain arrow with an "N".
    path = os.path.join(tempfile.gettempdir(), "gw_plugin_north_arrow.svg")
    if not os.path.isfile(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 60 100">'
                '<path d="M30 30 L55 98 L30 80 L5 98 Z" fill="#000"/>'
                '<text x="30" y="24" font-size="26" font-family="sans-serif" text-anchor="middle">N</text></svg>'
            )
    return path


# -----------------------------------------------------------------------------------------------------------------
# Map geometry
# -----------------------------------------------------------------------------------------------------------------
def nice_scale(scale: float) -> float:
    """The smallest "round" scale denominator >= ``scale`` (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k)."""
    if scale <= 0 or not math.isfinite(scale):
        return scale
    k = 10 ** math.floor(math.log10(scale))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * k >= scale * (1 - 1e-9):
            return m * k
    return 10 * k


# Graticule intervals in degrees: 10″ … 5°.
_GRID_STEPS = [s / 3600 for s in (10, 15, 20, 30)] + [m / 60 for m in (1, 2, 5, 10, 15, 20, 30)] + [1, 2, 5]


def grid_interval(width_deg: float, height_deg: float, max_lines: int = 6) -> float:
    """Graticule interval (degrees) giving at most ``max_lines`` lines across the longer side."""
    span = max(width_deg, height_deg)
    for step in _GRID_STEPS:
        if span / step <= max_lines:
            return step
    return _GRID_STEPS[-1]


def graticule_expression(geo_extent: QgsRectangle, step: float, corner: float = 0.04) -> str:
    """Annotation expression of the graticule: degree-minute(-second) labels with E/W/N/S, left blank for lines
    that meet the frame within ``corner`` (fraction of the span) of a corner, where labels would collide."""
    fn = "to_dm" if step >= 1 / 60 - 1e-12 else "to_dms"
    dx, dy = geo_extent.width() * corner, geo_extent.height() * corner
    x0, x1 = geo_extent.xMinimum() + dx, geo_extent.xMaximum() - dx
    y0, y1 = geo_extent.yMinimum() + dy, geo_extent.yMaximum() - dy
    label = (
        f"{fn}(abs(@grid_number), @grid_axis, 0) || CASE WHEN @grid_axis = 'x' "
        "THEN CASE WHEN @grid_number < 0 THEN 'W' ELSE 'E' END "
        "ELSE CASE WHEN @grid_number < 0 THEN 'S' ELSE 'N' END END"
    )
    return (
        f"CASE WHEN (@grid_axis = 'x' AND (@grid_number < {x0!r} OR @grid_number > {x1!r})) "
        f"OR (@grid_axis = 'y' AND (@grid_number < {y0!r} OR @grid_number > {y1!r})) THEN '' ELSE {label} END"
    )


def map_crs(project: QgsProject, layers) -> QgsCoordinateReferenceSystem:
    if project.crs().isValid():
        return project.crs()
    for layer in layers:
        if layer.crs().isValid():
            return layer.crs()
    return QgsCoordinateReferenceSystem("EPSG:4547")


def extent_in(layer: QgsMapLayer, crs, project: QgsProject) -> QgsRectangle:
    ext = layer.extent()
    if ext.isNull():
        return QgsRectangle()
    if layer.crs() != crs and layer.crs().isValid():
        ext = QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(ext)
    return ext


def union_extent(layers, crs, project: QgsProject) -> QgsRectangle:
    out = QgsRectangle()
    for layer in layers:
        if isinstance(layer, QgsVectorLayer):
            layer.updateExtents()
            if layer.featureCount() == 0:
                continue
        ext = extent_in(layer, crs, project)
        if ext.isNull():
            continue
        if out.isNull():
            out = QgsRectangle(ext)
        else:
            out.combineExtentWith(ext)
    return out


def with_margin(ext: QgsRectangle, fraction: float = 0.05, minimum: float = 500.0) -> QgsRectangle:
    dx = max(ext.width() * fraction, minimum if ext.width() == 0 else 0)
    dy = max(ext.height() * fraction, minimum if ext.height() == 0 else 0)
    return QgsRectangle(ext.xMinimum() - dx, ext.yMinimum() - dy, ext.xMaximum() + dx, ext.yMaximum() + dy)


def fit_extent(ext: QgsRectangle, ratio: float) -> QgsRectangle:
    """The smallest rectangle with width/height = ``ratio`` centred on ``ext`` that contains it."""
    w, h = ext.width(), ext.height()
    if w / ratio >= h:
        h = w / ratio
    else:
        w = h * ratio
    c = ext.center()
    return QgsRectangle(c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2)


# -----------------------------------------------------------------------------------------------------------------
# Filling the template
# -----------------------------------------------------------------------------------------------------------------
def _set_text(layout: QgsPrintLayout, item_id: str, text: str) -> QgsLayoutItemLabel:
    item = layout.itemById(item_id)
    item.setText(text)
    item.setVisibility(bool(text.strip()))
    return item


def _fill_legend(legend: QgsLayoutItemLegend, map_item: QgsLayoutItemMap, layers, lang: str) -> None:
    legend.setTitle(label_text("legend", lang))
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    root = legend.model().rootGroup()
    root.removeAllChildren()
    for layer in layers:
        node = root.addLayer(layer)
        node.setUseLayerName(True)
        _drop_band_name(legend, node, layer)
    legend.setLegendFilterByMapEnabled(True)
    legend.updateFilterByMap(False)
    legend.updateLegend()
    legend.adjustBoxSize()


def _drop_band_name(legend: QgsLayoutItemLegend, node, layer) -> None:
    """A raster's legend starts with the band's name ("Band 1 (Gray)", English whatever the map language): keep
    only its classes, under the layer's own (translated) name."""
    from qgis.core import QgsMapLayerLegendUtils, QgsRasterLayer, QgsSimpleLegendNode

    if not isinstance(layer, QgsRasterLayer):
        return
    nodes = legend.model().layerLegendNodes(node)
    keep = [i for i, n in enumerate(nodes) if not isinstance(n, QgsSimpleLegendNode)]
    if nodes and len(keep) < len(nodes):
        QgsMapLayerLegendUtils.setLegendNodeOrder(node, keep)
        legend.model().refreshLayerLegend(node)


_LEGEND_STYLES = (QgsLegendStyle.Title, QgsLegendStyle.Group, QgsLegendStyle.Subgroup, QgsLegendStyle.SymbolLabel)


def _fit_legend(legend: QgsLayoutItemLegend, max_height: float, max_width: float) -> None:
    """Make the legend fit in max_width x max_height (mm): the largest text first, then the fewest columns
    (1 to 3); text, symbols and spacing shrink together, down to half the template's size."""
    fonts = {style: QFont(legend.styleFont(style)) for style in _LEGEND_STYLES}
    symbol_w, symbol_h = legend.symbolWidth(), legend.symbolHeight()
    margin = legend.style(QgsLegendStyle.Symbol).margin(QgsLegendStyle.Top)
    legend.setColumnSpace(max(legend.columnSpace(), 5.0))
    legend.setSplitLayer(True)
    for factor in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        for style, font in fonts.items():
            f = QFont(font)
            f.setPointSizeF(font.pointSizeF() * factor)
            legend.setStyleFont(style, f)
        legend.setSymbolWidth(symbol_w * factor)
        legend.setSymbolHeight(symbol_h * factor)
        legend.setMaximumSymbolSize(max(symbol_h, 3.0) * factor)  # big point markers shrink too
        legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, margin * factor)
        for columns in (1, 2, 3):
            legend.setColumnCount(columns)
            legend.adjustBoxSize()
            size = legend.sizeWithUnits()
            if size.width() > max_width:
                break  # more columns only get wider
            if size.height() <= max_height:
                return


def _mm(item) -> QRectF:
    pos = item.positionWithUnits()
    size = item.sizeWithUnits()
    return QRectF(pos.x(), pos.y(), size.width(), size.height())


def _set_label_size(label: QgsLayoutItemLabel, factor: float) -> None:
    if hasattr(label, "setTextFormat"):
        fmt = label.textFormat()
        fmt.setSize(fmt.size() * factor)
        label.setTextFormat(fmt)
    else:
        f = QFont(label.font())
        f.setPointSizeF(f.pointSizeF() * factor)
        label.setFont(f)


_INFO_ITEMS = ("date", "sources", "notes", "crs", "scalebar", "scale_text")  # bottom-up


def _stack_info(layout: QgsPrintLayout, bottom: float, gap: float) -> tuple:
    """Place the visible information items bottom-up from ``bottom``; return (top, leftmost x)."""
    left = None
    for item_id in _INFO_ITEMS:
        item = layout.itemById(item_id)
        if not item.isVisible():
            continue
        r = _mm(item)
        if isinstance(item, QgsLayoutItemLabel):
            height = _text_height_mm(_label_font(item), item.currentText(), r.width() - 2 * item.marginX())
            height += 2 * item.marginY()
            item.attemptResize(QgsLayoutSize(r.width(), height, QgsUnitTypes.LayoutMillimeters))
        else:
            item.update()  # a scale bar resizes itself to its segments and labels
            height = _mm(item).height()
        bottom -= height
        item.attemptMove(QgsLayoutPoint(r.x(), bottom, QgsUnitTypes.LayoutMillimeters))
        bottom -= gap
        left = r.x() if left is None else min(left, r.x())
    return bottom + gap, left


def _layout_panel(layout: QgsPrintLayout) -> None:
    """Stack the visible information items bottom-up inside the panel (long notes get smaller text) and fit the
    legend above or beside them."""
    panel = _mm(layout.itemById("panel"))
    pad, gap = 3.0, 1.6
    legend = layout.itemById("legend")
    lr = _mm(legend)
    for _ in range(6):
        top, info_left = _stack_info(layout, panel.bottom() - pad, gap)
        shares_column = info_left is not None and info_left < lr.x() + 20
        # beside the legend: the panel's height; under it: leave the legend at least a third of the panel
        room = panel.top() + pad + (panel.height() / 3 if shares_column else 0)
        if top >= room:
            break
        for item_id in ("notes", "sources", "crs"):
            _set_label_size(layout.itemById(item_id), 0.9)
    # A legend measures itself only after it was painted once (QGIS knows the DPI then): paint it into a
    # small throw-away image.
    QgsLayoutExporter(layout).renderRegionToImage(legend.sceneBoundingRect(), QSize(64, 64), 72)
    limit = (top - gap) if shares_column else panel.bottom() - pad
    right = info_left - pad if (info_left is not None and not shares_column) else panel.right() - pad
    _fit_legend(legend, limit - lr.y(), right - lr.x())


def layers_for(project: QgsProject, layers) -> list:
    if layers is None:
        nodes = project.layerTreeRoot().findLayers()
        layers = [n.layer() for n in nodes if n.isVisible() and n.layer() is not None]
    return [lyr for lyr in layers if lyr is not None and lyr.isValid() and (lyr.isSpatial())]


def prepare_layout(
    project: QgsProject,
    *,
    title: str,
    subtitle: str = "",
    layers: list | None = None,
    extent: QgsRectangle | None = None,
    paper: str = "A3",
    orientation: str = "landscape",
    lang: str = "zh",
    notes: str = "",
    data_sources: str = "",
    date: _dt.date | None = None,
) -> QgsPrintLayout:
    """The filled print layout that export_map writes (see there for the arguments); e.g. to open it in the
    layout designer after adding it to ``project.layoutManager()``. The layout refers to ``layers`` without
    owning them: keep layers that are not in the project alive as long as the layout is used."""
    layers = layers_for(project, layers)
    if not layers:
        raise MapExportError(QCoreApplication.translate("MapExport", "There is no visible map layer to export."))
    layout = load_layout(project, paper, orientation)
    try:
        family = cjk_font_family()
    except FontError as exc:
        raise MapExportError(str(exc)) from exc
    _apply_font_family(layout, family)

    crs = map_crs(project, layers)
    map_item = layout.itemById("map")
    map_item.setCrs(crs)
    map_item.setLayers(layers)
    map_item.setKeepLayerSet(True)
    if extent is None or extent.isNull():
        extent = union_extent(layers, crs, project)
        if extent.isNull():
            raise MapExportError(
                QCoreApplication.translate(
                    "MapExport", "The layers to export have no features, so the map has no extent."
                )
            )
        extent = with_margin(extent)
    size = map_item.sizeWithUnits()
    map_item.setExtent(fit_extent(extent, size.width() / size.height()))  # keeps the template's frame size
    map_item.setScale(nice_scale(map_item.scale()))

    geo = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4490"), project)
    geo_ext = geo.transformBoundingBox(map_item.extent())
    step = grid_interval(geo_ext.width(), geo_ext.height())
    for grid in map_item.grids().asList():
        grid.setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))
        grid.setIntervalX(step)
        grid.setIntervalY(step)
        grid.setAnnotationFormat(QgsLayoutItemMapGrid.CustomFormat)
        grid.setAnnotationExpression(graticule_expression(geo_ext, step))

    arrow = layout.itemById("north_arrow")
    if not os.path.isfile(arrow.picturePath()):
        arrow.setPicturePath(_north_arrow_path())
    arrow.setLinkedMap(map_item)
    arrow.setNorthMode(QgsLayoutItemPicture.GridNorth)

    _set_text(layout, "title", title)
    _set_text(layout, "subtitle", subtitle)
    _set_text(layout, "scale_text", scale_text(map_item.scale(), lang))
    _set_text(layout, "crs", crs_text(crs, lang) + "\n" + label_text("grid", lang))
    _set_text(layout, "notes", label_text("notes", lang).format(notes.strip()) if notes.strip() else "")
    _set_text(
        layout, "sources", label_text("sources", lang).format(data_sources.strip()) if data_sources.strip() else ""
    )
    _set_text(layout, "date", date_text(date or _dt.date.today(), lang))

    bar = layout.itemById("scalebar")
    bar.setLinkedMap(map_item)
    metres = map_item.scale() <= 20000
    bar.setUnits(QgsUnitTypes.DistanceMeters if metres else QgsUnitTypes.DistanceKilometers)
    bar.setUnitLabel(label_text("m" if metres else "km", lang))
    bar.update()

    _fill_legend(layout.itemById("legend"), map_item, layers, lang)
    _layout_panel(layout)
    layout.refresh()

    return layout


def export_map(
    project: QgsProject,
    pdf_path: str | None,
    png_path: str | None,
    *,
    title: str,
    subtitle: str = "",
    layers: list | None = None,
    extent: QgsRectangle | None = None,
    paper: str = "A3",
    orientation: str = "landscape",
    lang: str = "zh",
    notes: str = "",
    data_sources: str = "",
    dpi: int = 200,
    date: _dt.date | None = None,
) -> dict:
    """Lay out one map from the template of ``paper``/``orientation`` and write it as PDF and/or PNG.

    ``layers`` are drawn top first (as in the layer tree; default: the visible layers of the project's layer
    tree); only they appear in the legend, under their layer names. ``extent`` is in the project CRS (default:
    all layers with a 5 % margin); the map is drawn at the next round scale that shows all of it. ``date`` is the
    production date (default: today). Returns {"pdf": path, "png": path} for the files written.
    Raises MapExportError when the layout cannot be built or a file cannot be written.
    """
    if not pdf_path and not png_path:
        raise ValueError(QCoreApplication.translate("MapExport", "Give a PDF path, a PNG path or both."))
    layout = prepare_layout(
        project,
        title=title,
        subtitle=subtitle,
        layers=layers,
        extent=extent,
        paper=paper,
        orientation=orientation,
        lang=lang,
        notes=notes,
        data_sources=data_sources,
        date=date,
    )
    written = {}
    exporter = QgsLayoutExporter(layout)
    if pdf_path:
        os.makedirs(os.path.dirname(os.path.abspath(pdf_path)), exist_ok=True)
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = dpi
        settings.forceVectorOutput = True  # vectors stay vectors
        settings.rasterizeWholeImage = False
        settings.textRenderFormat = _always_text()  # text stays text: searchable, fonts embedded
        settings.appendGeoreference = True
        settings.exportMetadata = True
        result = exporter.exportToPdf(pdf_path, settings)
        if result != QgsLayoutExporter.Success or not os.path.isfile(pdf_path):
            raise MapExportError(_export_error(exporter, result, pdf_path))
        written["pdf"] = pdf_path
    if png_path:
        os.makedirs(os.path.dirname(os.path.abspath(png_path)), exist_ok=True)
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = dpi
        settings.generateWorldFile = False
        settings.exportMetadata = True
        result = exporter.exportToImage(png_path, settings)
        if result != QgsLayoutExporter.Success or not os.path.isfile(png_path):
            raise MapExportError(_export_error(exporter, result, png_path))
        written["png"] = png_path
    return written


def _always_text():
    if hasattr(Qgis, "TextRenderFormat"):
        return Qgis.TextRenderFormat.AlwaysText
    from qgis.core import QgsRenderContext

    return QgsRenderContext.TextFormatAlwaysText


def _export_error(exporter: QgsLayoutExporter, result, path: str) -> str:
    detail = exporter.errorMessage() if hasattr(exporter, "errorMessage") else ""
    if not detail and result == QgsLayoutExporter.FileError:
        detail = QCoreApplication.translate(
            "MapExport", "the file could not be written (is it open in another program, or the folder read-only?)"
        )
    return QCoreApplication.translate("MapExport", "Exporting the map to {} failed (code {}): {}").format(
        path, int(result), detail or exporter.errorFile()
    )
