"""One map layer per aquifer layer (分层位): a layer-tree group with a filtered copy of the monitoring_wells layer
for every aquifer code present in the data, consistently styled, and kept in sync as the data change.

Each layer reads the same GeoPackage table through a subset string (``"aquifer_layer" = 'phreatic'``), so it shows
saved data; its fields, form and attribute-table configuration are copied from the project's wells layer. Style:
a categorised renderer on ``latest_class`` coloured with wellquality.CLASS_COLORS (legend: classes I–V and
"not classified", so classes can be switched on and off in the legend), the marker shape set per well type by a
data-defined property (WELL_TYPE_SHAPES). Names come from the aquifer_layer code list (Chinese or English); codes
outside the list (the list is extensible) keep their code as name; wells with no aquifer layer get their own layer.

``sync_aquifer_layers`` adds a layer for a new code, removes the layer of a code no longer present and reloads the
others; ``AquiferLayerSync`` calls it after the wells layer commits. No widgets (qgis.core only).
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFeatureRequest,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsMarkerSymbol,
    QgsProject,
    QgsProperty,
    QgsReadWriteContext,
    QgsRendererCategory,
    QgsSymbolLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QObject
from qgis.PyQt.QtXml import QDomDocument

from ...toolbelt.i18n import is_zh, pick
from ...toolbelt.qt import null_to_none, single_shot_timer
from ..data import qgis_project
from ..data import schema as S
from ..data.qgis_project import PROP_DATABASE, PROP_TABLE, project_layers
from .quality import CLASS_COLORS, ROMAN

#: Custom property of the group (value: database path) and of each layer (value: the aquifer code, "" = none).
PROP_GROUP = "gw_plugin/aquifer_group"
PROP_AQUIFER = "gw_plugin/aquifer_layer"
GROUP_LABEL = ("监测井（按含水层位）", "Monitoring wells by aquifer layer")
NO_AQUIFER_LABEL = ("未填含水层位", "No aquifer layer")
UNCLASSIFIED_LABEL = ("未评价", "Not classified")
CLASS_LABEL = ("{roman}类", "Class {roman}")
WELLS_TABLE = "monitoring_wells"
FIELD = "aquifer_layer"

#: Marker shape of each well type (QgsSimpleMarkerSymbolLayerBase shape names); other values: circle.
WELL_TYPE_SHAPES = {
    "national_project": "circle",
    "eia_tracking": "triangle",
    "drinking_source": "star",
    "enterprise_land": "square",
    "status_survey": "diamond",
    "pollution_source": "pentagon",
    "assessment_point": "hexagon",
}
DEFAULT_SHAPE = "circle"
SYMBOL_SIZE_MM = 2.6

_COPIED_CATEGORIES = (
    QgsMapLayer.StyleCategory.Fields
    | QgsMapLayer.StyleCategory.Forms
    | QgsMapLayer.StyleCategory.AttributeTable
    | QgsMapLayer.StyleCategory.MapTips
    | QgsMapLayer.StyleCategory.Actions
)


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def subset_for(code: str) -> str:
    """The subset string of the layer of aquifer ``code`` ("" = wells without an aquifer layer)."""
    if not code:
        return f'"{FIELD}" IS NULL OR "{FIELD}" = \'\''
    return f'"{FIELD}" = {_sql_literal(code)}'


def layer_title(code: str, lang: str = "zh") -> str:
    """'监测井 — 浅层潜水' / 'Wells — Shallow phreatic'; unknown codes keep the code."""
    name = pick(NO_AQUIFER_LABEL, lang) if not code else S.codelist("aquifer_layer").label(code, lang)
    return f"{'监测井' if is_zh(lang) else 'Wells'} — {name}"


def order_codes(codes) -> list:
    """Codes in code-list order, then other codes alphabetically, then "" (no aquifer layer)."""
    listed = S.codelist("aquifer_layer").code_values()
    known = [c for c in listed if c in codes]
    extra = sorted(c for c in codes if c and c not in listed)
    return known + extra + ([""] if "" in codes else [])


def aquifer_codes(wells_layer: QgsVectorLayer, saved_only: bool = True) -> list:
    """Aquifer codes present in the wells (ordered by order_codes). ``saved_only``: read the data source (what the
    filtered layers show), not the layer's edit buffer."""
    idx = wells_layer.fields().indexOf(FIELD)
    if idx < 0:
        return []
    if saved_only:
        values = wells_layer.dataProvider().uniqueValues(idx)
    else:
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes([idx])
        values = {f.attributes()[idx] for f in wells_layer.getFeatures(request)}
    codes = set()
    for v in values:
        if null_to_none(v) is None:
            codes.add("")
        else:
            codes.add(str(v).strip())
    return order_codes(codes)


def shape_expression() -> str:
    """Expression giving the marker shape name from "well_type"."""
    whens = " ".join(f"WHEN '{t}' THEN '{s}'" for t, s in WELL_TYPE_SHAPES.items())
    return f"CASE \"well_type\" {whens} ELSE '{DEFAULT_SHAPE}' END"


def class_symbol(gb_class) -> QgsMarkerSymbol:
    """Marker filled with the class colour; shape data-defined by well type."""
    symbol = QgsMarkerSymbol.createSimple(
        {
            "name": DEFAULT_SHAPE,
            "color": CLASS_COLORS[gb_class],
            "outline_color": "#303030",
            "outline_width": "0.25",
        }
    )
    symbol.setSize(SYMBOL_SIZE_MM)
    symbol.symbolLayer(0).setDataDefinedProperty(
        QgsSymbolLayer.Property.PropertyName, QgsProperty.fromExpression(shape_expression())
    )
    return symbol


def make_renderer(lang: str = "zh") -> QgsCategorizedSymbolRenderer:
    """Categories on latest_class: I–V in CLASS_COLORS and a grey 'not classified' for NULL."""
    categories = []
    for k in (1, 2, 3, 4, 5):
        label = pick(CLASS_LABEL, lang).format(roman=ROMAN[k])
        categories.append(QgsRendererCategory(k, class_symbol(k), label))
    categories.append(QgsRendererCategory(None, class_symbol(None), pick(UNCLASSIFIED_LABEL, lang)))
    return QgsCategorizedSymbolRenderer("latest_class", categories)


def find_group(project: QgsProject, database: str) -> QgsLayerTreeGroup | None:
    """The aquifer-layer group of ``database`` in ``project``'s layer tree, if built."""
    target = os.path.abspath(database)
    for group in project.layerTreeRoot().findGroups(True):
        if group.customProperty(PROP_GROUP) == target:
            return group
    return None


def aquifer_layers(project: QgsProject, database: str) -> dict:
    """code → layer of the aquifer-layer group of ``database`` (empty if not built)."""
    group = find_group(project, database)
    if group is None:
        return {}
    out = {}
    for node in group.findLayers():
        layer = node.layer()
        if layer is not None and layer.customProperty(PROP_AQUIFER) is not None:
            out[str(layer.customProperty(PROP_AQUIFER))] = layer
    return out


def _wells_layer(project: QgsProject, database: str | None) -> QgsVectorLayer:
    layer = project_layers(project, database).get(WELLS_TABLE)
    if layer is None:
        raise ValueError("the project has no monitoring_wells layer of a gw_plugin database")
    return layer


def _copy_configuration(source: QgsVectorLayer, target: QgsVectorLayer) -> None:
    doc = QDomDocument("qgis")
    source.exportNamedStyle(doc, QgsReadWriteContext(), _COPIED_CATEGORIES)
    target.importNamedStyle(doc, _COPIED_CATEGORIES)
    target.setDisplayExpression(source.displayExpression())


def make_layer(wells_layer: QgsVectorLayer, code: str, lang: str = "zh") -> QgsVectorLayer:
    """A filtered, styled copy of ``wells_layer`` for aquifer ``code``."""
    layer = QgsVectorLayer(wells_layer.source(), layer_title(code, lang), wells_layer.providerType())
    if not layer.isValid():
        raise ValueError(f"cannot open {wells_layer.source()}")
    if not layer.setSubsetString(subset_for(code)):
        raise ValueError(f"subset string {subset_for(code)!r} rejected")
    _copy_configuration(wells_layer, layer)
    layer.setRenderer(make_renderer(lang))
    layer.setCustomProperty(PROP_AQUIFER, code)
    database = wells_layer.customProperty(PROP_DATABASE)
    if database:
        layer.setCustomProperty(PROP_DATABASE, database)
    return layer


def build_aquifer_layers(
    project: QgsProject | None = None, database: str | None = None, lang: str = "zh"
) -> QgsLayerTreeGroup:
    """Create (or bring up to date) the group with one layer per aquifer layer and return it.

    The group goes first into the layer-tree group that holds the wells layer. ``database``: which project
    database when several are loaded (default: the first one found)."""
    project = project or QgsProject.instance()
    wells = _wells_layer(project, database)
    database = qgis_project.layer_database(wells) or wells.customProperty(PROP_DATABASE)
    group = find_group(project, database)
    if group is None:
        root = project.layerTreeRoot()
        node = root.findLayer(wells.id())
        parent = node.parent() if node is not None and node.parent() is not None else root
        group = parent.insertGroup(0, pick(GROUP_LABEL, lang))
        group.setCustomProperty(PROP_GROUP, os.path.abspath(database))
    group.setCustomProperty("gw_plugin/lang", lang)
    sync_aquifer_layers(project, database, lang)
    return group


def sync_aquifer_layers(
    project: QgsProject | None = None, database: str | None = None, lang: str | None = None
) -> dict:
    """Bring the group in line with the data: a layer for each aquifer code present (added in code order), none
    for a code that disappeared; existing layers are reloaded and renamed. Does nothing (returns {}) when the group
    was not built. Returns {"added": [codes], "removed": [codes]}."""
    project = project or QgsProject.instance()
    wells = _wells_layer(project, database)
    database = qgis_project.layer_database(wells) or wells.customProperty(PROP_DATABASE)
    group = find_group(project, database)
    if group is None:
        return {}
    lang = lang or group.customProperty("gw_plugin/lang") or "zh"
    wanted = aquifer_codes(wells)
    present = aquifer_layers(project, database)
    removed = [c for c in present if c not in wanted]
    for code in removed:
        project.removeMapLayer(present.pop(code).id())
    added = []
    for position, code in enumerate(wanted):
        layer = present.get(code)
        if layer is None:
            layer = make_layer(wells, code, lang)
            project.addMapLayer(layer, False)
            group.insertLayer(position, layer)
            added.append(code)
        else:
            layer.setName(layer_title(code, lang))
            layer.reload()
            layer.triggerRepaint()
    return {"added": added, "removed": removed}


class AquiferLayerSync(QObject):
    """Keeps the aquifer-layer group of the project's wells layer in sync: after the wells layer commits (or on
    ``schedule()``), ``sync_aquifer_layers`` runs once (debounced)."""

    def __init__(self, project: QgsProject | None = None, parent: QObject | None = None, delay_ms: int = 100):
        super().__init__(parent)
        self.project = project or QgsProject.instance()
        self._layer = None
        self._timer = single_shot_timer(self, delay_ms, self.sync_now)

    def watch(self, wells_layer: QgsVectorLayer | None) -> None:
        if self._layer is not None:
            try:
                self._layer.afterCommitChanges.disconnect(self.schedule)
            except (TypeError, RuntimeError):
                pass
        self._layer = wells_layer
        if wells_layer is not None:
            wells_layer.afterCommitChanges.connect(self.schedule)

    def schedule(self, *args) -> None:
        self._timer.start()

    def sync_now(self) -> dict:
        layer = self._layer
        if layer is None:
            return {}
        try:
            database = layer.customProperty(PROP_DATABASE)
            if not layer.customProperty(PROP_TABLE) or find_group(self.project, database) is None:
                return {}
            return sync_aquifer_layers(self.project, database)
        except (RuntimeError, ValueError):  # the layer was removed meanwhile
            return {}
