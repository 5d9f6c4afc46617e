"""Turn a project GeoPackage into QGIS layers with styles, field widgets, constraints, forms and relations.

Everything is derived from the declarative schema (core/data/schema.py): field aliases and value maps in Chinese or
English, hard constraints for required fields / code formats / ranges / dates not in the future, default values
(uuid, timestamps, user), relation-reference widgets and child-table tabs, categorised styles coloured from the
code lists. Used by the plugin's "Open / create project database" action and by the demo project writer.
No widgets are created here (qgis.core only).
"""

from __future__ import annotations

import os

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsAttributeEditorRelation,
    QgsCategorizedSymbolRenderer,
    QgsCoordinateReferenceSystem,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsFillSymbol,
    QgsLayerTreeGroup,
    QgsLineSymbol,
    QgsMarkerSymbol,
    QgsProject,
    QgsRasterLayer,
    QgsRelation,
    QgsRelationContext,
    QgsRendererCategory,
    QgsSimpleMarkerSymbolLayerBase,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ...toolbelt.i18n import is_zh, pick
from . import gpkg
from . import schema as S
from .model import Field, Style, Table

GROUP_LABELS = {
    "wells": ("监测井与水质", "Wells and water quality"),
    "sources": ("污染源", "Pollution sources"),
    "zones": ("水源地与分区", "Water sources and zones"),
    "records": ("检查与附件", "Inspections and attachments"),
    "base": ("基础底图", "Base"),
}
GROUP_ORDER = ("wells", "sources", "zones", "records", "base")
ROOT_LABEL = ("地下水试验区", "Groundwater pilot zone")
RASTER_GROUP = ("栅格输入", "Raster inputs")

# Context layers (rivers, built-up areas, parks …) recognised by file name: names and simple styles.
CONTEXT_LAYERS = {
    "river": ("河流", "Rivers", "line", "#4a90d9"),
    "rivers": ("河流", "Rivers", "line", "#4a90d9"),
    "urban_areas": ("城镇建成区", "Built-up areas", "fill", "#d9d9d9"),
    "industrial_parks": ("工业园区", "Industrial parks", "fill", "#f4a582"),
    "watershed": ("流域边界", "Watershed boundary", "line", "#7b3294"),
    "aquifer_boundary": ("含水层边界", "Aquifer boundary", "line", "#8c510a"),
}
CONTEXT_GROUP = ("背景图层", "Context")

# Custom property that marks layers and groups created by gw_plugin (so the plugin can find and refresh them).
PROP_TABLE = "gw_plugin/table"
PROP_DATABASE = "gw_plugin/database"
PROJECT_VARIABLE = "gw_database"  # the project variable naming the project database (kept in .qgz files)

_SHAPES = {
    "circle": QgsSimpleMarkerSymbolLayerBase.Shape.Circle,
    "square": QgsSimpleMarkerSymbolLayerBase.Shape.Square,
    "star": QgsSimpleMarkerSymbolLayerBase.Shape.Star,
    "triangle": QgsSimpleMarkerSymbolLayerBase.Shape.Triangle,
    "cross": QgsSimpleMarkerSymbolLayerBase.Shape.Cross2,
    "diamond": QgsSimpleMarkerSymbolLayerBase.Shape.Diamond,
}


def layer_name(table: Table, lang: str = "zh") -> str:
    return table.zh if is_zh(lang) else table.en


# ---------------------------------------------------------------------------------------------------------------
# Symbols and renderers
# ---------------------------------------------------------------------------------------------------------------
def make_symbol(geometry: str, color: str, style: Style):
    c = QColor(color)
    if geometry == "Point":
        sym = QgsMarkerSymbol.createSimple(
            {"name": "circle", "color": c.name(), "outline_color": "#202020", "outline_width": "0.2"}
        )
        sym.setSize(style.size_mm)
        layer = sym.symbolLayer(0)
        layer.setShape(_SHAPES.get(style.shape, _SHAPES["circle"]))
        return sym
    if geometry == "MultiLineString":
        return QgsLineSymbol.createSimple({"color": c.name(), "width": "0.6"})
    fill = QColor(c)
    fill.setAlphaF(style.fill_opacity)
    outline = QColor(c).darker(140) if style.fill_opacity > 0 else QColor("#505050")
    sym = QgsFillSymbol.createSimple(
        {"color": fill.name(QColor.NameFormat.HexArgb), "outline_color": outline.name(), "outline_width": "0.35"}
    )
    return sym


def make_renderer(table: Table, lang: str = "zh"):
    st = table.style
    if st.kind != "categorized" or not st.field:
        return None
    fld = table.field(st.field)
    cl = S.codelist(fld.codelist)
    cats = []
    for code in cl.codes:
        sym = make_symbol(table.geometry, code.color or st.color, st)
        cats.append(QgsRendererCategory(code.code, sym, code.zh if is_zh(lang) else code.en))
    other = make_symbol(table.geometry, "#bdbdbd", st)
    cats.append(QgsRendererCategory(None, other, "其他" if is_zh(lang) else "Other"))
    return QgsCategorizedSymbolRenderer(st.field, cats)


def apply_style(layer: QgsVectorLayer, table: Table, lang: str = "zh") -> None:
    if not table.geometry:
        return
    renderer = make_renderer(table, lang)
    if renderer is None:
        from qgis.core import QgsSingleSymbolRenderer

        renderer = QgsSingleSymbolRenderer(make_symbol(table.geometry, table.style.color, table.style))
    layer.setRenderer(renderer)


# ---------------------------------------------------------------------------------------------------------------
# Fields: aliases, widgets, constraints, defaults
# ---------------------------------------------------------------------------------------------------------------
def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def constraint_expression(f: Field) -> str | None:
    """A QGIS expression that is true for an acceptable value of ``f`` (NULL is handled by the not-null flag)."""
    q = _quote(f.name)
    parts = []
    if f.pattern:
        parts.append(f"regexp_match({q}, '{f.pattern.replace(chr(92), chr(92) * 2)}')")
    if f.minimum is not None:
        parts.append(f"{q} >= {f.minimum:g}")
    if f.maximum is not None:
        parts.append(f"{q} <= {f.maximum:g}")
    if f.not_in_future:
        parts.append(f"to_date({q}) <= now()" if f.type == "date" else f"{q} <= now()")
    if f.codelist and not S.codelist(f.codelist).extensible:
        values = ", ".join("'" + v + "'" for v in S.codelist(f.codelist).code_values())
        parts.append(f"{q} IN ({values})")
    if not parts:
        return None
    return f"{q} IS NULL OR ({' AND '.join(parts)})"


def constraint_description(f: Field, lang: str = "zh") -> str:
    zh = is_zh(lang)
    bits = []
    if f.pattern:
        bits.append("格式不正确" if zh else "wrong format")
    if f.minimum is not None or f.maximum is not None:
        lo = "" if f.minimum is None else f"{f.minimum:g}"
        hi = "" if f.maximum is None else f"{f.maximum:g}"
        bits.append(f"取值范围 {lo}–{hi}" if zh else f"range {lo}–{hi}")
    if f.not_in_future:
        bits.append("日期不能晚于今天" if zh else "date must not be in the future")
    if f.codelist:
        bits.append("须为代码表中的值" if zh else "must be a value of the code list")
    return "；".join(bits) if zh else "; ".join(bits)


def widget_setup(f: Field, lang: str, relation_id: str | None = None) -> QgsEditorWidgetSetup:
    if f.hidden:
        return QgsEditorWidgetSetup("Hidden", {})
    if f.codelist:
        cl = S.codelist(f.codelist)
        items = [{(c.zh if is_zh(lang) else c.en): c.code} for c in cl.codes]
        return QgsEditorWidgetSetup("ValueMap", {"map": items})
    if relation_id:
        return QgsEditorWidgetSetup(
            "RelationReference",
            {
                "Relation": relation_id,
                "AllowNULL": True,
                "ShowForm": False,
                "OrderByValue": True,
                "ShowOpenFormButton": True,
                "MapIdentification": False,
                "ReadOnly": False,
            },
        )
    if f.type == "boolean":
        return QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 1})
    if f.type == "date":
        return QgsEditorWidgetSetup(
            "DateTime",
            {"field_format": "yyyy-MM-dd", "display_format": "yyyy-MM-dd", "calendar_popup": True, "allow_null": True},
        )
    if f.type == "datetime":
        return QgsEditorWidgetSetup(
            "DateTime",
            {
                "field_format": "yyyy-MM-ddTHH:mm:ss",
                "display_format": "yyyy-MM-dd HH:mm",
                "calendar_popup": True,
                "allow_null": True,
            },
        )
    if f.type in ("integer", "real"):
        cfg = {"AllowNull": True, "Style": "SpinBox", "Precision": 0 if f.type == "integer" else 2}
        cfg["Min"] = f.minimum if f.minimum is not None else -1e12
        cfg["Max"] = f.maximum if f.maximum is not None else 1e12
        cfg["Step"] = 1
        return QgsEditorWidgetSetup("Range", cfg)
    return QgsEditorWidgetSetup("TextEdit", {"IsMultiline": f.multiline, "UseHtml": False})


# The current time in UTC as a QGIS expression. now() is local time, and QGIS 3.22's OGR provider writes a
# date-time's wall clock without its zone, so forms stored local time where the GeoPackage (and the platform) mean
# UTC — 8 hours off in China. The offset of local time is the epoch of the local wall clock read as UTC minus the
# epoch of now; the result is a UTC date-time whose wall clock is UTC, right both for 3.22 (which drops the zone)
# and for later versions (which write it).
UTC_NOW = (
    "to_datetime(format_date(datetime_from_epoch(2 * epoch(now()) - epoch(to_datetime("
    "format_date(now(), 'yyyy-MM-ddTHH:mm:ss.zzz') || 'Z'))), 'yyyy-MM-ddTHH:mm:ss.zzz') || 'Z')"
)


def default_value(f: Field) -> QgsDefaultValue | None:
    if f.name == "uuid":
        return QgsDefaultValue("substr(uuid(), 2, 36)")  # QGIS 3.22's uuid() has braces; stored without
    if f.name == "created_at":
        return QgsDefaultValue(UTC_NOW)
    if f.name == "updated_at":
        return QgsDefaultValue(UTC_NOW, True)
    if f.name == "created_by":
        return QgsDefaultValue("@user_account_name")
    if f.name == "updated_by":
        return QgsDefaultValue("@user_account_name", True)
    if f.name == "county_code":
        return QgsDefaultValue("@gw_county_code")
    if f.default:
        return QgsDefaultValue(f.default)
    return None


def configure_fields(layer: QgsVectorLayer, table: Table, lang: str, relation_ids: dict) -> None:
    fields = layer.fields()
    for f in table.all_fields():
        idx = fields.indexOf(f.name)
        if idx < 0:
            continue
        layer.setFieldAlias(idx, f.label(lang))
        layer.setEditorWidgetSetup(idx, widget_setup(f, lang, relation_ids.get(f.name)))
        if f.required:
            layer.setFieldConstraint(
                idx,
                QgsFieldConstraints.Constraint.ConstraintNotNull,
                QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard,
            )
        expr = constraint_expression(f)
        if expr:
            layer.setConstraintExpression(idx, expr, constraint_description(f, lang))
            layer.setFieldConstraint(
                idx,
                QgsFieldConstraints.Constraint.ConstraintExpression,
                QgsFieldConstraints.ConstraintStrength.ConstraintStrengthHard,
            )
        dv = default_value(f)
        if dv is not None:
            layer.setDefaultValueDefinition(idx, dv)
        if f.readonly:
            cfg = layer.editFormConfig()
            cfg.setReadOnly(idx, True)
            layer.setEditFormConfig(cfg)
    fid = fields.indexOf("fid")
    if fid >= 0:
        layer.setEditorWidgetSetup(fid, QgsEditorWidgetSetup("Hidden", {}))


def configure_form(layer: QgsVectorLayer, table: Table, lang: str, child_relations: list) -> None:
    """Drag-and-drop form: a tab with the table's own fields, one tab per child table, a record-info tab."""
    zh = is_zh(lang)
    cfg = layer.editFormConfig()
    cfg.setLayout(QgsEditFormConfig.EditorLayout.TabLayout)
    cfg.clearTabs()
    root = cfg.invisibleRootContainer()
    fields = layer.fields()
    main = QgsAttributeEditorContainer("基本信息" if zh else "General", root)
    main.setIsGroupBox(False)
    main.setColumnCount(1)
    for f in table.fields:
        if fields.indexOf(f.name) >= 0 and not f.hidden:
            main.addChildElement(QgsAttributeEditorField(f.name, fields.indexOf(f.name), main))
    county = fields.indexOf("county_code")
    main.addChildElement(QgsAttributeEditorField("county_code", county, main))
    cfg.addTab(main)
    for rel, child_table in child_relations:
        tab = QgsAttributeEditorContainer(layer_name(child_table, lang), root)
        tab.setIsGroupBox(False)
        tab.addChildElement(QgsAttributeEditorRelation(rel, tab))
        cfg.addTab(tab)
    info = QgsAttributeEditorContainer("记录信息" if zh else "Record", root)
    info.setIsGroupBox(False)
    for name in ("uuid", "created_at", "created_by", "updated_at", "updated_by"):
        idx = fields.indexOf(name)
        if idx >= 0:
            info.addChildElement(QgsAttributeEditorField(name, idx, info))
    cfg.addTab(info)
    layer.setEditFormConfig(cfg)


# ---------------------------------------------------------------------------------------------------------------
# Loading into a project
# ---------------------------------------------------------------------------------------------------------------
def open_layer(gpkg_path: str, table: Table, lang: str = "zh") -> QgsVectorLayer:
    uri = f"{gpkg_path}|layername={table.name}"
    layer = QgsVectorLayer(uri, layer_name(table, lang), "ogr")
    layer.setCustomProperty(PROP_TABLE, table.name)
    layer.setCustomProperty(PROP_DATABASE, os.path.abspath(gpkg_path))
    return layer


def _relation_id(child: str, field: str) -> str:
    return f"gw_{child}_{field}"


def load_into_project(
    gpkg_path: str, project: QgsProject | None = None, lang: str = "zh", upgrade: bool = True
) -> QgsLayerTreeGroup:
    """Add every table of the project GeoPackage as a configured layer, grouped, into ``project``.

    The file is checked (and an older schema upgraded after a backup) first; a newer schema raises
    gpkg.NewerSchemaError. Returns the layer-tree group that holds the layers.
    """
    project = project or QgsProject.instance()
    gpkg_path = os.path.abspath(gpkg_path)
    info = gpkg.open_database(gpkg_path, upgrade=upgrade)
    layers = {}
    for table in S.TABLES:
        layer = open_layer(gpkg_path, table, lang)
        if not layer.isValid():
            raise gpkg.SchemaError(f"{gpkg_path}: table {table.name} could not be opened as a layer.")
        layers[table.name] = layer
    project.addMapLayers(list(layers.values()), False)

    # Relations first (relation-reference widgets and child tabs need their ids).
    rel_manager = project.relationManager()
    relation_ids = {t.name: {} for t in S.TABLES}
    children = {t.name: [] for t in S.TABLES}
    for table in S.TABLES:
        for field_name, parent in table.relations():
            rel = QgsRelation(QgsRelationContext(project))
            rel.setId(_relation_id(table.name, field_name) + "_" + layers[table.name].id()[-8:])
            rel.setName(f"{layer_name(S.table(parent), lang)} → {layer_name(table, lang)}")
            rel.setReferencingLayer(layers[table.name].id())
            rel.setReferencedLayer(layers[parent].id())
            rel.addFieldPair(field_name, "uuid")
            rel.setStrength(QgsRelation.RelationStrength.Association)
            if not rel.isValid():
                raise gpkg.SchemaError(f"relation {rel.id()} between {table.name} and {parent} is invalid")
            rel_manager.addRelation(rel)
            relation_ids[table.name][field_name] = rel.id()
            children[parent].append((rel, table))

    for table in S.TABLES:
        layer = layers[table.name]
        configure_fields(layer, table, lang, relation_ids[table.name])
        configure_form(layer, table, lang, children[table.name])
        layer.setDisplayExpression(
            _quote(table.display) if table.display in [f.name for f in table.all_fields()] else table.display
        )
        apply_style(layer, table, lang)
        if table.name == "admin_units":
            label_counties(layer, lang)
        elif table.geometry == "Point":
            make_label_obstacle(layer)

    root = project.layerTreeRoot()
    name = f"{pick(ROOT_LABEL, lang)} — {os.path.splitext(os.path.basename(gpkg_path))[0]}"
    group = root.insertGroup(0, name)
    group.setCustomProperty(PROP_DATABASE, gpkg_path)
    for key in GROUP_ORDER:
        tables = [t for t in S.TABLES if t.group == key]
        sub = group.addGroup(pick(GROUP_LABELS[key], lang))
        # geometry layers first, attribute tables after them
        for t in sorted(tables, key=lambda t: t.geometry is None):
            node = sub.addLayer(layers[t.name])
            if t.geometry is None:
                node.setItemVisibilityChecked(False)
    if project.crs() is None or not project.crs().isValid():
        project.setCrs(QgsCoordinateReferenceSystem(info.crs))
    set_database_variable(project, gpkg_path)
    return group


def open_context_layer(path: str, lang: str = "zh") -> QgsVectorLayer:
    """A context layer (river, built-up area …) named and styled when its file name is known."""
    base = os.path.splitext(os.path.basename(path))[0]
    known = CONTEXT_LAYERS.get(base)
    lyr = QgsVectorLayer(path, pick(known[:2], lang) if known else base, "ogr")
    if known and lyr.isValid():
        from qgis.core import QgsSingleSymbolRenderer

        if known[2] == "line":
            sym = QgsLineSymbol.createSimple({"color": known[3], "width": "0.8"})
        else:
            fill = QColor(known[3])
            fill.setAlphaF(0.5)
            sym = QgsFillSymbol.createSimple(
                {
                    "color": fill.name(QColor.NameFormat.HexArgb),
                    "outline_color": QColor(known[3]).darker(130).name(),
                    "outline_width": "0.2",
                }
            )
        lyr.setRenderer(QgsSingleSymbolRenderer(sym))
        lyr.setCustomProperty("gw_plugin/context", base)
    return lyr


COUNTY_LABEL_WRAP = 9  # characters per line of a county label (wraps the English "<Name> County" into two lines)


def label_counties(layer: QgsVectorLayer, lang: str = "zh") -> None:
    """Label the county polygons of admin_units with their names (the city row is not labelled)."""
    from qgis.core import QgsPalLayerSettings, QgsTextBufferSettings, QgsTextFormat, QgsVectorLayerSimpleLabeling

    settings = QgsPalLayerSettings()
    settings.fieldName = f'CASE WHEN "level" = \'county\' THEN "{"name_zh" if is_zh(lang) else "name_en"}" END'
    settings.isExpression = True
    fmt = QgsTextFormat()
    try:  # an installed font that can write Chinese (the default family may be missing on the machine)
        from qgis.PyQt.QtGui import QFont

        from .fonts import FontError, cjk_font_family

        fmt.setFont(QFont(cjk_font_family()))
    except (ImportError, FontError):
        pass
    fmt.setSize(11)
    fmt.setColor(QColor("#333333"))
    buf = QgsTextBufferSettings()
    buf.setEnabled(True)
    buf.setSize(0.8)
    buf.setColor(QColor("#ffffff"))
    fmt.setBuffer(buf)
    settings.setFormat(fmt)
    # Not at the centroid of the county's visible part (QGIS's default), which is the middle of the view, where a
    # well or source zoomed to is: placed anywhere inside the polygon, away from the wells and sources (they are
    # label obstacles, make_label_obstacle), so the name stays in view and the feature uncovered.
    settings.placement = QgsPalLayerSettings.Placement.Horizontal
    settings.centroidWhole = True
    settings.centroidInside = True
    settings.priority = 3  # below the default 5: the county name gives way first
    # English names ("Dongyuan County") are four times as wide as Chinese ones (东原县): on one line, one of the demo's
    # six fitted in a 1366x768 window's map (800x450 px) where four Chinese ones did. Wrapped at a word boundary past 9 characters (QGIS's autoWrapLength) and centred,
    # they take about the Chinese names' width; the Chinese names (3-5 characters) are not affected.
    settings.autoWrapLength = COUNTY_LABEL_WRAP
    settings.useMaxLineLengthForAutoWrap = True
    settings.multilineAlign = QgsPalLayerSettings.MultiLineAlign.MultiCenter
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def make_label_obstacle(layer: QgsVectorLayer) -> None:
    """Make a point layer's features obstacles for other layers' labels (the county names) without labelling the
    layer itself (QgsPalLayerSettings.drawLabels = False); a layer that has labels of its own is left alone."""
    from qgis.core import QgsLabelObstacleSettings, QgsPalLayerSettings, QgsVectorLayerSimpleLabeling

    if layer.labelsEnabled() and layer.labeling() is not None:
        return
    settings = QgsPalLayerSettings()
    settings.drawLabels = False
    settings.fieldName = "''"
    settings.isExpression = True
    obstacle = QgsLabelObstacleSettings()
    obstacle.setIsObstacle(True)
    obstacle.setFactor(2.0)  # the strongest: labels avoid the points wherever they can (QGIS's scale 0–2)
    settings.setObstacleSettings(obstacle)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def admin_unit_names(database: str, lang: str = "zh", level: str | None = None) -> dict:
    """admin unit code → its name in ``lang``: the English name (admin_units.name_en) where the row has one and
    ``lang`` is not Chinese, else the Chinese name; only the units of ``level`` ('city', 'county') when given; {} when
    the database cannot be read. The panels name counties and the city with it, as the county labels on the map do."""
    import sqlite3

    english = not is_zh(lang)
    try:
        con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT code, name_zh, name_en FROM admin_units WHERE code IS NOT NULL AND (? IS NULL OR level = ?)",
                (level, level),
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return {}
    return {code: ((en or "").strip() if english and (en or "").strip() else zh) or code for code, zh, en in rows}


def layer_database(layer) -> str | None:
    """The GeoPackage a layer reads, from its data source (what QGIS resolved when the project was read: after the
    project folder was copied or moved, the copy) — not from a path stored in the project."""
    try:
        source = layer.source()
    except (AttributeError, RuntimeError):
        return None
    path = source.split("|")[0].strip()
    return os.path.abspath(path) if path else None


def _stored_database(project: QgsProject) -> str | None:
    """The project variable as a path: written relative to the project file, resolved against it."""
    from qgis.core import QgsExpressionContextUtils

    value = QgsExpressionContextUtils.projectScope(project).variable(PROJECT_VARIABLE)
    if not value:
        return None
    value = str(value)
    if not os.path.isabs(value):
        value = project.pathResolver().readPath(value) if project.fileName() else value
    return os.path.abspath(value)


def project_database(project: QgsProject) -> str | None:
    """The project database ``project`` uses: the GeoPackage its gw_plugin layers read (the one the project variable
    names when several are loaded), else the project variable; None when the project has none."""
    found = []
    for layer in project.mapLayers().values():
        if layer.customProperty(PROP_TABLE):
            path = layer_database(layer)
            if path and path not in found:
                found.append(path)
    stored = _stored_database(project)
    if stored in found or not found:
        return stored
    if stored:  # the project was moved: the variable names the old place of one of the files
        same_name = [p for p in found if os.path.basename(p) == os.path.basename(stored)]
        if same_name:
            return same_name[0]
    return found[0]


def project_layers(project: QgsProject, gpkg_path: str | None = None) -> dict:
    """The gw_plugin layers of ``project`` by table name (optionally of one database, compared by the file each
    layer reads)."""
    found = {}
    target = os.path.abspath(gpkg_path) if gpkg_path else None
    for layer in project.mapLayers().values():
        table = layer.customProperty(PROP_TABLE)
        if table and (target is None or layer_database(layer) == target):
            found[table] = layer
    return found


def follow_moved_databases(project: QgsProject) -> dict:
    """After a project was read: where a path the plugin stored (layer and group properties, the project variable)
    still names the old place of a database that the layers now read elsewhere (the project folder was copied or
    moved), store the new place. Returns {old path: new path}; nothing is changed when nothing moved.

    QGIS writes layer sources relative to the project file (relative-path mode) and resolves them on reading; the
    plugin's own properties are plain text, so they are brought in line here."""
    from qgis.core import QgsExpressionContextUtils

    moved, read = {}, []
    for layer in project.mapLayers().values():
        stored = layer.customProperty(PROP_DATABASE)
        actual = layer_database(layer) if layer.customProperty(PROP_TABLE) else None
        if actual and actual not in read:
            read.append(actual)
        if stored and actual and os.path.abspath(str(stored)) != actual:
            moved[os.path.abspath(str(stored))] = actual
    if moved:
        for layer in project.mapLayers().values():
            _retarget(layer, moved)

        def walk(group):
            _retarget(group, moved)
            for child in group.children():
                if isinstance(child, QgsLayerTreeGroup):
                    walk(child)

        walk(project.layerTreeRoot())
    value = QgsExpressionContextUtils.projectScope(project).variable(PROJECT_VARIABLE)
    if value and os.path.isabs(str(value)) and read and os.path.abspath(str(value)) not in read:
        old = os.path.abspath(str(value))
        new = moved.get(old) or next((p for p in read if os.path.basename(p) == os.path.basename(old)), read[0])
        set_database_variable(project, new)
        moved[old] = new
    return moved


def _retarget(obj, moved: dict) -> None:
    """Every gw_plugin/* custom property of ``obj`` naming an old database path names the new one."""
    keys = obj.customPropertyKeys() if hasattr(obj, "customPropertyKeys") else obj.customProperties()  # layer, node
    for key in keys:
        if not str(key).startswith("gw_plugin/"):
            continue
        value = obj.customProperty(key)
        if isinstance(value, str) and value and os.path.abspath(value) in moved:
            obj.setCustomProperty(key, moved[os.path.abspath(value)])


def set_database_variable(project: QgsProject, gpkg_path: str) -> None:
    """Name the project database in the project variable, relative to the project file when the project has one
    (and keeps relative paths), so a copied project folder names its own copy."""
    from qgis.core import QgsExpressionContextUtils

    value = os.path.abspath(gpkg_path)
    if project.fileName():
        value = project.pathResolver().writePath(value)  # relative unless the project keeps absolute paths
    QgsExpressionContextUtils.setProjectVariable(project, PROJECT_VARIABLE, value)


def save_default_styles(gpkg_path: str, project: QgsProject, lang: str = "zh") -> None:
    """Store each layer's style and form in the GeoPackage (layer_styles) as its default, so the file opened
    on its own, e.g. on a field laptop, shows the same styles and forms."""
    for layer in project_layers(project, gpkg_path).values():
        layer.saveStyleToDatabase(f"gw_plugin_{lang}", f"gw_plugin default style ({lang})", True, "")


def write_project(
    database_path: str,
    qgz_path: str,
    lang: str = "zh",
    extra_rasters: dict | None = None,
    context_layers: list | None = None,
    title: str = "",
    prepare=None,
) -> str:
    """Write a .qgz with the database's layers (styled, with forms), optional rasters and context layers.

    ``prepare(project)``, when given, runs once every layer is loaded and the start extent (the counties) is set,
    before the file is written: what a higher room adds (core/demo/build.py: the per-aquifer class layers)."""
    project = QgsProject()
    project.setCrs(QgsCoordinateReferenceSystem(gpkg.read_meta(database_path).get("crs", S.DEFAULT_CRS)))
    group = load_into_project(database_path, project, lang)
    if context_layers:
        ctx = group.addGroup(pick(CONTEXT_GROUP, lang))
        for path in context_layers:
            lyr = open_context_layer(path, lang)
            if lyr.isValid():
                project.addMapLayer(lyr, False)
                ctx.addLayer(lyr)
    if extra_rasters:
        rg = group.addGroup(pick(RASTER_GROUP, lang))
        rg.setItemVisibilityChecked(False)
        for name, path in sorted(extra_rasters.items()):
            rl = QgsRasterLayer(path, name)
            if rl.isValid():
                project.addMapLayer(rl, False)
                rg.addLayer(rl).setItemVisibilityChecked(False)
    admin = project_layers(project, database_path).get("admin_units")
    if admin is not None and admin.featureCount() > 0:  # the city's counties as start extent
        from qgis.core import QgsReferencedRectangle

        extent = admin.extent()
        extent.scale(1.05)
        project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(extent, admin.crs()))
    if prepare is not None:  # after the extent: a hook that reloads layers leaves their feature counts unknown (-1)
        prepare(project)
    project.setTitle(title or os.path.splitext(os.path.basename(database_path))[0])
    project.writeEntryBool("Paths", "/Absolute", False)  # layer sources relative to the project file
    project.setFileName(os.path.abspath(qgz_path))
    set_database_variable(project, database_path)  # relative too: a copied folder names its own database
    if not project.write(qgz_path):
        raise OSError(f"could not write {qgz_path}: {project.error()}")
    return qgz_path
