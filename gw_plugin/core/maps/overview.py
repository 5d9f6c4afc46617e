"""The city overview map and the thematic styles of the map products: which gw_plugin table a layer shows,
categorised renderers for wells (aquifer layer), pollution sources (category) and drinking-water sources (type),
the overview extent (admin_units + margin), and ``export_overview`` writing overview_<lang>.pdf/.png through
layout.py. qgis.core only (no widgets); runs offscreen.
"""

from __future__ import annotations

import datetime as _dt
import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsProject,
    QgsProviderRegistry,
    QgsRectangle,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication

from ...toolbelt.i18n import is_zh
from ..data import schema as S
from .layout import MapExportError, export_map, extent_in, layers_for, map_crs, union_extent, with_margin
from .texts import label_text

PROP_TABLE = "gw_plugin/table"  # custom property set on gw_plugin layers (core/data/qgis_project.py)

# Overview map: which field classifies which table, with the marker shape and size (mm).
_OVERVIEW_THEMES = {
    "monitoring_wells": ("aquifer_layer", "circle", 2.6),
    "pollution_sources": ("category", "square", 2.6),
    "drinking_water_sources": ("source_type", "star", 4.2),
}


def table_of(layer: QgsMapLayer) -> str | None:
    """The gw_plugin table a layer shows (custom property, else the GeoPackage layer name of an OGR source)."""
    table = layer.customProperty(PROP_TABLE)
    if table:
        return str(table)
    if isinstance(layer, QgsVectorLayer) and layer.providerType() == "ogr":
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        name = parts.get("layerName")
        if name in S.TABLES_BY_NAME:
            return name
    for t in S.TABLES:
        if layer.name() in (t.zh, t.en):
            return t.name
    return None


def thematic_renderer(table_name: str, lang: str = "zh") -> QgsCategorizedSymbolRenderer | None:
    """Categorised renderer of the overview map for wells (aquifer layer), sources (category), water sources."""
    if table_name not in _OVERVIEW_THEMES:
        return None
    field, shape, size = _OVERVIEW_THEMES[table_name]
    cl = S.codelist(S.table(table_name).field(field).codelist)

    def symbol(color: str) -> QgsMarkerSymbol:
        return QgsMarkerSymbol.createSimple(
            {"name": shape, "color": color, "size": str(size), "outline_color": "#303030", "outline_width": "0.2"}
        )

    cats = [QgsRendererCategory(c.code, symbol(c.color or "#3a7dc9"), c.zh if is_zh(lang) else c.en) for c in cl.codes]
    cats.append(QgsRendererCategory(None, symbol("#bdbdbd"), label_text("other", lang)))
    return QgsCategorizedSymbolRenderer(field, cats)


def _admin_layer(project: QgsProject):
    for layer in project.mapLayers().values():
        if table_of(layer) == "admin_units" and layer.isValid():
            return layer
    return None


def overview_extent(project: QgsProject, crs: QgsCoordinateReferenceSystem, layers) -> QgsRectangle:
    """Full extent of the admin_units layer (else of ``layers``) in ``crs`` with a 4 % margin."""
    extent = QgsRectangle()
    admin = _admin_layer(project)
    if admin is not None:
        admin.updateExtents()
        if admin.featureCount() > 0:
            extent = extent_in(admin, crs, project)
    if extent.isNull():
        extent = union_extent(layers, crs, project)
    if extent.isNull():
        raise MapExportError(
            QCoreApplication.translate(
                "MapExport", "The project's layers have no features, so the overview map has no extent."
            )
        )
    return with_margin(extent, 0.04)


def _source_files(layers) -> list:
    names = []
    for layer in layers:
        path = layer.source().split("|")[0]
        base = os.path.basename(path)
        if base and os.path.isfile(path) and base not in names:
            names.append(base)
    return names


def export_overview(
    project: QgsProject,
    out_dir: str,
    *,
    lang: str = "zh",
    city_name: str = "",
    paper: str = "A3",
    orientation: str = "landscape",
    dpi: int = 200,
    date: _dt.date | None = None,
) -> dict:
    """Export the city overview map to ``out_dir``/overview_<lang>.pdf and .png.

    Uses the layers visible in the project's layer tree; wells are shown by aquifer layer, pollution sources by
    category and drinking-water sources by type (on copies of the layers: the project is not changed), with
    labels and, for lang="en", layer names in English. Extent: the admin_units layer (else all layers) + 4 %.
    """
    visible = layers_for(project, None)
    if not visible:
        raise MapExportError(QCoreApplication.translate("MapExport", "The project has no visible map layer."))
    from ..data import qgis_project as QP

    shown = []
    for layer in visible:
        table = table_of(layer)
        context = layer.customProperty("gw_plugin/context")
        renderer = thematic_renderer(table, lang) if table else None
        relabel = not is_zh(lang) and (table is not None or context in QP.CONTEXT_LAYERS)
        if renderer is None and not relabel:
            shown.append(layer)
            continue
        copy = layer.clone()
        if renderer is None and table is not None and S.table(table).geometry:
            renderer = QP.make_renderer(S.table(table), lang)  # the schema's style with labels in ``lang``
        if renderer is not None:
            copy.setRenderer(renderer)
        if table is not None and not is_zh(lang):
            copy.setName(S.table(table).en)
            if table == "admin_units":
                QP.label_counties(copy, lang)
        elif context in QP.CONTEXT_LAYERS and not is_zh(lang):
            copy.setName(QP.CONTEXT_LAYERS[context][1])
        shown.append(copy)

    extent = overview_extent(project, map_crs(project, shown), shown)
    city = city_name.strip()
    title = label_text("overview_title", lang).format(city=(city if is_zh(lang) or not city else city + " "))
    files = _source_files(visible)
    sources = (
        label_text("project_db", lang).format("、".join(files) if is_zh(lang) else ", ".join(files)) if files else ""
    )
    os.makedirs(out_dir, exist_ok=True)
    return export_map(
        project,
        os.path.join(out_dir, f"overview_{lang}.pdf"),
        os.path.join(out_dir, f"overview_{lang}.png"),
        title=title,
        subtitle=label_text("overview_subtitle", lang),
        layers=shown,
        extent=extent,
        paper=paper,
        orientation=orientation,
        lang=lang,
        notes=label_text("overview_notes", lang),
        data_sources=sources,
        dpi=dpi,
        date=date,
    )
