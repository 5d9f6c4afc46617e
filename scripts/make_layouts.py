"""Generate the print-layout templates resources/layouts/gw_map_<paper>_<orientation>.qpt (A3/A4, landscape/portrait).

The templates hold the fixed design of an official thematic map: title and subtitle, map frame with a CGCS2000
(EPSG:4490) degree-minute graticule, north arrow, a side (landscape) or bottom (portrait) panel with legend, numeric
scale, scale bar, coordinate-system note, notes, data sources and production date. Texts are placeholders; the
items are filled by id at export time by gw_plugin.core.maps.layout, which also picks an installed CJK font.

Run from the repository root after changing the design, then commit the .qpt files:
    QT_QPA_PLATFORM=offscreen python3 scripts/make_layouts.py
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "resources" / "layouts"

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsFillSymbol,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemMapGrid,
    QgsLayoutItemPicture,
    QgsLayoutItemPolyline,
    QgsLayoutItemScaleBar,
    QgsLayoutItemShape,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLegendStyle,
    QgsLineSymbol,
    QgsPrintLayout,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsScaleBarSettings,
    QgsTextFormat,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import QPointF, Qt  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont, QPolygonF  # noqa: E402

#: Family written into the templates; gw_plugin.core.maps.layout replaces it by the first installed CJK font.
TEMPLATE_FONT = "WenQuanYi Micro Hei"
#: North arrow shipped with QGIS (found through QgsApplication.svgPaths() on every platform).
NORTH_ARROW_SVG = "arrows/NorthArrow_04.svg"

# ISO 216 paper sizes in millimetres (short side, long side).
PAPERS = {"A3": (297.0, 420.0), "A4": (210.0, 297.0)}
ORIENTATIONS = ("landscape", "portrait")


@dataclass(frozen=True)
class Design:
    """Sizes (mm / pt) that differ between A3 and A4."""

    margin: float
    title_pt: float
    subtitle_pt: float
    text_pt: float
    small_pt: float
    grid_space: float  # room for graticule annotations around the map frame
    panel_w: float  # landscape side panel width
    panel_h: float  # portrait bottom panel height
    arrow_w: float


DESIGNS = {
    "A3": Design(10, 26, 14, 10, 8.5, 10, 84, 78, 13),
    "A4": Design(8, 19, 11, 8, 7, 8, 64, 64, 9.5),
}


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont(TEMPLATE_FONT)
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def _set_label_font(label: QgsLayoutItemLabel, font: QFont) -> None:
    if hasattr(label, "setTextFormat"):  # QGIS >= 3.24
        fmt = QgsTextFormat.fromQFont(font)
        fmt.setColor(QColor(0, 0, 0))
        label.setTextFormat(fmt)
    else:
        label.setFont(font)


def _label(layout, item_id, text, x, y, w, h, font, halign=Qt.AlignmentFlag.AlignLeft, valign=None):
    label = QgsLayoutItemLabel(layout)
    label.setId(item_id)
    label.setText(text)
    _set_label_font(label, font)
    label.setHAlign(halign)
    label.setVAlign(valign or Qt.AlignmentFlag.AlignTop)
    label.setMarginX(0.8)
    label.setMarginY(0.5)
    label.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    label.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(label)
    return label


def _rect(layout, item_id, x, y, w, h, width_mm):
    shape = QgsLayoutItemShape(layout)
    shape.setShapeType(QgsLayoutItemShape.Rectangle)
    shape.setId(item_id)
    shape.setSymbol(
        QgsFillSymbol.createSimple(
            {"style": "no", "outline_color": "0,0,0,255", "outline_width": str(width_mm), "joinstyle": "miter"}
        )
    )
    shape.attemptMove(QgsLayoutPoint(x, y, QgsUnitTypes.LayoutMillimeters))
    shape.attemptResize(QgsLayoutSize(w, h, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(shape)
    return shape


def build_layout(paper: str, orientation: str, project: QgsProject | None = None) -> QgsPrintLayout:
    """Build the layout of one paper size and orientation (what the .qpt template stores)."""
    d = DESIGNS[paper]
    short, long_ = PAPERS[paper]
    W, H = (long_, short) if orientation == "landscape" else (short, long_)
    layout = QgsPrintLayout(project or QgsProject.instance())
    layout.initializeDefaults()
    layout.setName(f"gw_map_{paper}_{orientation}")
    layout.pageCollection().page(0).setPageSize(QgsLayoutSize(W, H, QgsUnitTypes.LayoutMillimeters))
    m = d.margin
    inner_w = W - 2 * m

    # Neat line around everything (double line: thick outer, thin inner, as on printed official maps).
    _rect(layout, "border", m, m, inner_w, H - 2 * m, 0.7)
    _rect(layout, "border_inner", m + 1.2, m + 1.2, inner_w - 2.4, H - 2 * m - 2.4, 0.2)

    title_h = d.title_pt * 0.55
    sub_h = d.subtitle_pt * 0.5
    y = m + 4
    _label(
        layout,
        "title",
        "[title]",
        m + 4,
        y,
        inner_w - 8,
        title_h,
        _font(d.title_pt, True),
        Qt.AlignmentFlag.AlignHCenter,
    )
    y += title_h + 0.5
    _label(
        layout,
        "subtitle",
        "[subtitle]",
        m + 4,
        y,
        inner_w - 8,
        sub_h,
        _font(d.subtitle_pt),
        Qt.AlignmentFlag.AlignHCenter,
    )
    y += sub_h

    g = d.grid_space
    map_top = y + g
    bottom = H - m - 3  # inside the inner neat line
    gap = 4.0
    if orientation == "landscape":
        panel_x = W - m - 3 - d.panel_w
        map_x, map_w = m + 3 + g, panel_x - gap - g - (m + 3 + g)
        map_h = bottom - g - map_top
        panel = (panel_x, map_top, d.panel_w, map_h)
    else:
        map_x, map_w = m + 3 + g, inner_w - 6 - 2 * g
        panel_y = bottom - d.panel_h
        map_h = panel_y - gap - g - map_top
        panel = (m + 3, panel_y, inner_w - 6, d.panel_h)

    map_item = QgsLayoutItemMap(layout)
    map_item.setId("map")
    map_item.attemptMove(QgsLayoutPoint(map_x, map_top, QgsUnitTypes.LayoutMillimeters))
    map_item.attemptResize(QgsLayoutSize(map_w, map_h, QgsUnitTypes.LayoutMillimeters))
    map_item.setFrameEnabled(True)
    map_item.setFrameStrokeWidth(QgsLayoutMeasurement(0.35, QgsUnitTypes.LayoutMillimeters))
    map_item.setCrs(QgsCoordinateReferenceSystem("EPSG:4547"))
    # Placeholder view (about Zhengzhou) so the template holds a valid extent; replaced at export time.
    cx, cy, half_h = 465000.0, 3845000.0, 25000.0
    half_w = half_h * map_w / map_h  # same ratio as the frame, else setExtent resizes the item
    map_item.setExtent(QgsRectangle(cx - half_w, cy - half_h, cx + half_w, cy + half_h))
    layout.addLayoutItem(map_item)

    grid = QgsLayoutItemMapGrid("cgcs2000_grid", map_item)
    grid.setCrs(QgsCoordinateReferenceSystem("EPSG:4490"))  # CGCS2000 geographic
    grid.setUnits(QgsLayoutItemMapGrid.MapUnit)
    grid.setIntervalX(0.1)  # replaced at export time from the extent
    grid.setIntervalY(0.1)
    grid.setStyle(QgsLayoutItemMapGrid.Solid)
    grid.setLineSymbol(QgsLineSymbol.createSimple({"color": "110,110,110,150", "width": "0.12", "line_style": "dash"}))
    grid.setFrameStyle(QgsLayoutItemMapGrid.ExteriorTicks)
    grid.setFrameWidth(2.0)
    grid.setFramePenSize(0.35)
    grid.setAnnotationEnabled(True)
    grid.setAnnotationFormat(QgsLayoutItemMapGrid.DegreeMinute)
    grid.setAnnotationPrecision(0)
    grid.setAnnotationFrameDistance(0.8)
    fmt = QgsTextFormat.fromQFont(_font(d.small_pt))
    fmt.setColor(QColor(0, 0, 0))
    if hasattr(grid, "setAnnotationTextFormat"):
        grid.setAnnotationTextFormat(fmt)
    else:
        grid.setAnnotationFont(_font(d.small_pt))
    for side, direction in (
        (QgsLayoutItemMapGrid.Left, QgsLayoutItemMapGrid.VerticalDescending),
        (QgsLayoutItemMapGrid.Right, QgsLayoutItemMapGrid.Vertical),
        (QgsLayoutItemMapGrid.Top, QgsLayoutItemMapGrid.Horizontal),
        (QgsLayoutItemMapGrid.Bottom, QgsLayoutItemMapGrid.Horizontal),
    ):
        grid.setAnnotationPosition(QgsLayoutItemMapGrid.OutsideMapFrame, side)
        grid.setAnnotationDirection(direction, side)
        grid.setAnnotationDisplay(QgsLayoutItemMapGrid.ShowAll, side)
    # Longitudes on top/bottom, latitudes on left/right, never mixed at the corners.
    grid.setAnnotationDisplay(QgsLayoutItemMapGrid.LongitudeOnly, QgsLayoutItemMapGrid.Top)
    grid.setAnnotationDisplay(QgsLayoutItemMapGrid.LongitudeOnly, QgsLayoutItemMapGrid.Bottom)
    grid.setAnnotationDisplay(QgsLayoutItemMapGrid.LatitudeOnly, QgsLayoutItemMapGrid.Left)
    grid.setAnnotationDisplay(QgsLayoutItemMapGrid.LatitudeOnly, QgsLayoutItemMapGrid.Right)
    map_item.grids().addGrid(grid)

    arrow = QgsLayoutItemPicture(layout)
    arrow.setId("north_arrow")
    arrow.setPicturePath(str(Path(QgsApplication.pkgDataPath()) / "svg" / NORTH_ARROW_SVG))
    arrow.setSvgFillColor(QColor(0, 0, 0))
    arrow.setSvgStrokeColor(QColor(0, 0, 0))
    arrow.setResizeMode(QgsLayoutItemPicture.Zoom)
    arrow.setNorthMode(QgsLayoutItemPicture.GridNorth)
    aw, ah = d.arrow_w, d.arrow_w * 1.6
    arrow.attemptMove(QgsLayoutPoint(map_x + map_w - aw - 4, map_top + 4, QgsUnitTypes.LayoutMillimeters))
    arrow.attemptResize(QgsLayoutSize(aw, ah, QgsUnitTypes.LayoutMillimeters))
    arrow.setBackgroundEnabled(False)
    layout.addLayoutItem(arrow)

    px, py, pw, ph = panel
    _rect(layout, "panel", px, py, pw, ph, 0.25)
    pad = 3.0
    if orientation == "landscape":
        legend_box = (px + pad, py + pad, pw - 2 * pad)
        info_x, info_w = px + pad, pw - 2 * pad
    else:
        lw = pw * 0.56
        legend_box = (px + pad, py + pad, lw - 2 * pad)
        info_x, info_w = px + lw + pad, pw - lw - 2 * pad
        divider = QgsLayoutItemPolyline(QPolygonF([QPointF(px + lw, py), QPointF(px + lw, py + ph)]), layout)
        divider.setId("panel_divider")
        divider.setSymbol(QgsLineSymbol.createSimple({"color": "0,0,0,255", "width": "0.2"}))
        layout.addLayoutItem(divider)

    legend = QgsLayoutItemLegend(layout)
    legend.setId("legend")
    legend.setTitle("[legend]")
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    legend.setResizeToContents(True)
    legend.setFrameEnabled(False)
    legend.setBackgroundEnabled(False)
    legend.setSymbolWidth(d.text_pt * 0.8)
    legend.setSymbolHeight(d.text_pt * 0.45)
    legend.setWrapString("\n")
    for style, size, bold in (
        # Regular weight: the CJK fonts have no bold face and synthetic bold smudges small characters.
        (QgsLegendStyle.Title, d.text_pt + 3.5, False),
        (QgsLegendStyle.Group, d.text_pt + 0.5, False),
        (QgsLegendStyle.Subgroup, d.text_pt + 0.5, False),
        (QgsLegendStyle.SymbolLabel, d.text_pt - 0.5, False),
    ):
        legend.setStyleFont(style, _font(size, bold))
    legend.rstyle(QgsLegendStyle.Title).setMargin(QgsLegendStyle.Bottom, 2.5)
    legend.rstyle(QgsLegendStyle.Subgroup).setMargin(QgsLegendStyle.Top, 2.0)
    legend.rstyle(QgsLegendStyle.Symbol).setMargin(QgsLegendStyle.Top, 1.2)
    legend.attemptMove(QgsLayoutPoint(legend_box[0], legend_box[1], QgsUnitTypes.LayoutMillimeters))
    legend.attemptResize(QgsLayoutSize(legend_box[2], 20, QgsUnitTypes.LayoutMillimeters))
    layout.addLayoutItem(legend)

    # Information block, stacked bottom-up inside the panel at export time (positions here are the defaults).
    t = d.text_pt
    rows = [
        ("scale_text", "[scale]", 1.9 * t * 0.42, _font(t + 1)),
        ("scalebar", None, 2.3 * t * 0.42 + 4, None),
        ("crs", "[crs]", 2.6 * d.small_pt * 0.42, _font(d.small_pt)),
        ("notes", "[notes]", 6 * t * 0.42, _font(t - 0.5)),
        ("sources", "[sources]", 3 * t * 0.42, _font(t - 0.5)),
        ("date", "[date]", 1.6 * t * 0.42, _font(t - 0.5)),
    ]
    y = py + ph - pad - sum(r[2] + 1.5 for r in rows)
    for item_id, text, h, font in rows:
        if item_id == "scalebar":
            bar = QgsLayoutItemScaleBar(layout)
            bar.setId("scalebar")
            bar.setStyle("Single Box")
            bar.setLinkedMap(map_item)
            bar.setUnits(QgsUnitTypes.DistanceKilometers)
            bar.setUnitLabel("km")
            bar.setNumberOfSegments(4)
            bar.setNumberOfSegmentsLeft(0)
            bar.setSegmentSizeMode(QgsScaleBarSettings.SegmentSizeFitWidth)
            bar.setMinimumBarWidth(info_w * 0.5)  # whole bar, mm
            bar.setMaximumBarWidth(info_w * 0.72)
            bar.setHeight(1.6 if paper == "A4" else 2.0)
            bar.setLabelBarSpace(1.2)
            bar.setBoxContentSpace(0.5)
            bar.setLineSymbol(QgsLineSymbol.createSimple({"color": "0,0,0,255", "width": "0.25"}))
            bar.setTextFormat(QgsTextFormat.fromQFont(_font(d.small_pt)))
            bar.setBackgroundEnabled(False)
            bar.setFrameEnabled(False)
            bar.attemptMove(QgsLayoutPoint(info_x, y, QgsUnitTypes.LayoutMillimeters))
            layout.addLayoutItem(bar)
        else:
            _label(layout, item_id, text, info_x, y, info_w, h, font)
        y += h + 1.5
    return layout


def template_path(paper: str, orientation: str) -> Path:
    return OUT_DIR / f"gw_map_{paper}_{orientation}.qpt"


def write_templates(out_dir: Path = OUT_DIR) -> list:
    """Write the four templates; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    project = QgsProject()
    written = []
    for paper in PAPERS:
        for orientation in ORIENTATIONS:
            layout = build_layout(paper, orientation, project)
            path = out_dir / f"gw_map_{paper}_{orientation}.qpt"
            if not layout.saveAsTemplate(str(path), QgsReadWriteContext()):
                raise OSError(f"cannot write {path}")
            written.append(path)
    return written


def main() -> int:
    app = QgsApplication([], False)
    app.initQgis()
    for path in write_templates():
        print(path.relative_to(ROOT))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
