"""The zoning dock's overlays (分区图层): the layers the zoning steps add to the project in one group of the layer tree
(custom property ``gw_plugin/zoning_overlay``), their styles, the zoning_units layer of one version and the change
layer of a comparison. Names follow the plugin's language (zh/en pairs)."""

from __future__ import annotations

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsColorRampShader,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsProject,
    QgsRasterBandStats,
    QgsRasterLayer,
    QgsRasterShader,
    QgsRendererCategory,
    QgsSingleBandPseudoColorRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ...toolbelt.i18n import pick, tr

TR_CONTEXT = "ZoningPanel"

#: Overlay keys (custom property PROP_OVERLAY of the layers in the overlay group), with names in both languages.
OVERLAYS = {
    "vulnerability": ("地下水脆弱性（DRASTIC）", "Vulnerability (DRASTIC)"),
    "load": ("污染源荷载", "Pollution-source load"),
    "value": ("地下水功能价值", "Groundwater function value"),
    "pollution": ("地下水污染现状", "Pollution status"),
    "zoning": ("地下水污染防治分区", "Pollution prevention zones"),
    "changes": ("分区变化", "Zoning changes"),
}
#: Overlays from top to bottom in the layer tree.
TOP_ORDER = ("changes", "zoning", "pollution", "value", "load", "vulnerability")
STEP_OVERLAY = {
    "drastic": "vulnerability",
    "sourceload": "load",
    "functionvalue": "value",
    "pollutionstatus": "pollution",
    "zoning": "zoning",
}
GROUP_LABEL = ("分区图层", "Zoning overlays")
PROP_GROUP = "gw_plugin/zoning_overlays"
PROP_OVERLAY = "gw_plugin/zoning_overlay"
#: Colour ramps (low -> high) of the raster overlays.
RAMPS = {
    "vulnerability": ("#1a9641", "#ffffbf", "#d7191c"),
    "load": ("#fff5eb", "#fd8d3c", "#7f2704"),
    "value": ("#f7fbff", "#6baed6", "#08306b"),
}


def overlay_group(project: QgsProject, lang: str = "zh", create: bool = True) -> QgsLayerTreeGroup | None:
    root = project.layerTreeRoot()
    for group in root.findGroups(True):
        if group.customProperty(PROP_GROUP):
            return group
    if not create:
        return None
    group = root.insertGroup(0, pick(GROUP_LABEL, lang))
    group.setCustomProperty(PROP_GROUP, True)
    return group


def overlay_layer(project: QgsProject, key: str):
    for layer in project.mapLayers().values():
        if layer.customProperty(PROP_OVERLAY) == key:
            return layer
    return None


def add_overlay(project: QgsProject, key: str, layer, lang: str = "zh"):
    """Put ``layer`` into the overlay group as overlay ``key`` (replacing an earlier one), visible."""
    old = overlay_layer(project, key)
    if old is not None:
        project.removeMapLayer(old.id())
    layer.setCustomProperty(PROP_OVERLAY, key)
    group = overlay_group(project, lang)
    project.addMapLayer(layer, False)
    top = TOP_ORDER.index(key)
    pos = 0
    for node in group.findLayers():
        other = node.layer().customProperty(PROP_OVERLAY) if node.layer() is not None else None
        if other in TOP_ORDER and TOP_ORDER.index(other) < top:
            pos += 1
    group.insertLayer(pos, layer)
    return layer


def style_raster(layer: QgsRasterLayer, key: str, lang: str = "zh", kind: str = "assessment") -> None:
    """Pseudocolour ramp (RAMPS[key]) between the band's minimum and maximum; the pollution status in its grades."""
    if key == "pollution":
        from ...core.maps import raster_products as RP

        RP.style(layer, "pollution_status", lang, kind)
        layer.setOpacity(0.8)
        return
    provider = layer.dataProvider()
    stats = provider.bandStatistics(1, QgsRasterBandStats.Stats.Min | QgsRasterBandStats.Stats.Max)
    lo, hi = stats.minimumValue, stats.maximumValue
    if not hi > lo:
        hi = lo + 1
    colors = RAMPS.get(key, RAMPS["vulnerability"])
    ramp = QgsColorRampShader(lo, hi)
    ramp.setColorRampType(QgsColorRampShader.Type.Interpolated)
    ramp.setColorRampItemList(
        [
            QgsColorRampShader.ColorRampItem(
                lo + (hi - lo) * i / (len(colors) - 1), QColor(c), f"{lo + (hi - lo) * i / (len(colors) - 1):.4g}"
            )
            for i, c in enumerate(colors)
        ]
    )
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    renderer = QgsSingleBandPseudoColorRenderer(provider, 1, shader)
    renderer.setClassificationMin(lo)
    renderer.setClassificationMax(hi)
    layer.setRenderer(renderer)
    layer.setOpacity(0.8)


def zoning_layer(database: str, scheme: str, version: str, lang: str = "zh") -> QgsVectorLayer:
    """zoning_units of one version, styled by zone class (schema colours)."""
    from ...core.maps.products import zone_renderer
    from ...core.zoning import compare as ZC

    scheme_label = tr(TR_CONTEXT, "{name} — {version}").format(
        name=pick(OVERLAYS["zoning"], lang), version=version or "-"
    )
    layer = QgsVectorLayer(f"{database}|layername=zoning_units", scheme_label, "ogr")
    layer.setSubsetString(ZC.version_filter(scheme, version))
    layer.setRenderer(zone_renderer(scheme, lang))
    layer.setOpacity(0.75)
    return layer


def change_layer(path: str, res, lang: str = "zh") -> QgsVectorLayer:
    """The change layer written by zoning_compare, one category per transition (fill: the new class's colour,
    outline: the old class's colour)."""
    from ...core.data import schema as S
    from ...core.zoning import compare as ZC

    colors = {c.code: c.color or "#bdbdbd" for c in S.codelist("zone_class").codes}
    name = f"{pick(OVERLAYS['changes'], lang)} {res.a[1]} → {res.b[1]}"
    layer = QgsVectorLayer(f"{path}|layername=zoning_changes", name, "ogr")
    cats = []
    for t in res.transitions:
        fill = QColor(colors.get(t["to_class"], "#ffffff"))
        sym = QgsFillSymbol.createSimple(
            {
                "color": fill.name(),
                "outline_color": QColor(colors.get(t["from_class"], "#000000")).darker(150).name(),
                "outline_width": "0.6",
            }
        )
        value = f"{t['from_class']}>{t['to_class']}"
        cats.append(QgsRendererCategory(value, sym, f"{ZC.change_label(t['from_class'], t['to_class'], lang)}"))
    layer.setRenderer(QgsCategorizedSymbolRenderer('"from_class" || \'>\' || "to_class"', cats))
    return layer
