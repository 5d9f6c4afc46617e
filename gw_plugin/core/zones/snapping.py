"""Snapping for drawing zones by hand: snap to the hydrogeological boundary layers (aquifer boundary, watershed,
river) and to the zone layers themselves.

Boundary layers are found by the custom property core/data/qgis_project.py sets on context layers
(``gw_plugin/context`` = river / rivers / watershed / aquifer_boundary), by an explicit custom property
``gw_plugin/snap_boundary`` = true on any layer, or by their name (河流, 流域, 含水层边界, river, watershed, aquifer
boundary). ``configure_snapping`` switches the project's snapping to the advanced (per-layer) mode with vertex and
segment snapping on those layers (and the zone layers) and, by default, off on the other layers.
"""

from __future__ import annotations

from qgis.core import QgsProject, QgsSnappingConfig, QgsTolerance, QgsVectorLayer

PROP_CONTEXT = "gw_plugin/context"
PROP_SNAP = "gw_plugin/snap_boundary"
BOUNDARY_KINDS = {"river": "river", "rivers": "river", "watershed": "watershed", "aquifer_boundary": "aquifer"}
NAME_KEYWORDS = (
    ("含水层边界", "aquifer"),
    ("aquifer", "aquifer"),
    ("流域", "watershed"),
    ("watershed", "watershed"),
    ("分水岭", "watershed"),
    ("河流", "river"),
    ("河道", "river"),
    ("river", "river"),
)
ZONE_TABLES = ("protection_zones", "recharge_zones")


def boundary_kind(layer) -> str:
    """'river', 'watershed', 'aquifer' or '' for a layer."""
    if not isinstance(layer, QgsVectorLayer):
        return ""
    prop = layer.customProperty(PROP_CONTEXT)
    if prop and str(prop) in BOUNDARY_KINDS:
        return BOUNDARY_KINDS[str(prop)]
    snap = layer.customProperty(PROP_SNAP)
    name = layer.name().lower()
    for key, kind in NAME_KEYWORDS:
        if key in name:
            return kind
    if snap in (True, "true", "1", 1):
        return "boundary"
    return ""


def boundary_layers(project: QgsProject) -> list:
    """The vector layers of ``project`` that are hydrogeological boundaries, in layer-tree order."""
    out = []
    for node in project.layerTreeRoot().findLayers():
        layer = node.layer()
        if boundary_kind(layer):
            out.append(layer)
    return out


def configure_snapping(
    project: QgsProject,
    layers: list | None = None,
    tolerance: float = 12.0,
    pixels: bool = True,
    include_zones: bool = True,
    exclusive: bool = True,
) -> QgsSnappingConfig:
    """Enable vertex + segment snapping on the boundary layers (default: ``boundary_layers(project)``) and, with
    ``include_zones``, on the gw_plugin zone layers; advanced mode; topological editing stays as it was. With
    ``exclusive`` snapping is switched off on every other vector layer (wells, sources … would otherwise catch
    the cursor). Returns the configuration now set on the project."""
    from ..data.qgis_project import PROP_TABLE

    targets = list(layers) if layers is not None else boundary_layers(project)
    if include_zones:
        for layer in project.mapLayers().values():
            if layer.customProperty(PROP_TABLE) in ZONE_TABLES and layer not in targets:
                targets.append(layer)
    config = QgsSnappingConfig(project.snappingConfig())
    config.setEnabled(True)
    config.setMode(QgsSnappingConfig.SnappingMode.AdvancedConfiguration)
    flags = QgsSnappingConfig.SnappingTypeFlag(QgsSnappingConfig.VertexFlag | QgsSnappingConfig.SegmentFlag)
    units = QgsTolerance.UnitType.Pixels if pixels else QgsTolerance.UnitType.ProjectUnits
    for layer in targets:
        settings = QgsSnappingConfig.IndividualLayerSettings(True, flags, float(tolerance), units, 0.0, 0.0)
        config.setIndividualLayerSettings(layer, settings)
    if exclusive:
        for layer in project.mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and layer not in targets:
                settings = QgsSnappingConfig.IndividualLayerSettings(config.individualLayerSettings(layer))
                settings.setEnabled(False)
                config.setIndividualLayerSettings(layer, settings)
    config.setIntersectionSnapping(True)
    project.setSnappingConfig(config)
    return project.snappingConfig()


def snapping_summary(project: QgsProject) -> list:
    """[(layer name, enabled, tolerance)] of the layers with individual snapping settings enabled."""
    config = project.snappingConfig()
    out = []
    for layer, s in config.individualLayerSettings().items():
        if s.enabled():
            out.append((layer.name(), True, s.tolerance()))
    return out
