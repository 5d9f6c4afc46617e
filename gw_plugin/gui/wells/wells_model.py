"""The tree model of the Wells dock: aquifer layer → well type → status → wells, with counts, filtered in numpy.

``read_wells(layer)`` reads the attributes the dock needs ONCE (a GeoPackage layer: one read-only SQL query with the
layer's edit buffer laid over it; other layers: a QgsFeatureRequest without geometry and with only those fields) into a ``WellTable`` of numpy arrays (categories as integer codes, a
lower-case search text per well). ``WellsTreeModel`` (a plain QAbstractItemModel, no widgets) filters that table
with boolean masks and groups the remaining rows with one lexsort, so a refresh for 100,000 wells does not touch
QGIS again; well rows are created lazily by the view. Labels come from the schema's code lists (zh/en).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field

import numpy as np
from qgis.PyQt.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, Qt
from qgis.PyQt.QtGui import QBrush, QColor

from ...core.data import schema as S
from ...toolbelt.qt import null_to_none

#: Attributes read from the wells layer (the request asks for these only).
READ_FIELDS = (
    "uuid",
    "well_code",
    "name_zh",
    "name_en",
    "source_codes",
    "county_code",
    "well_type",
    "aquifer_layer",
    "status",
    "assessment_point",
    "latest_class",
)
LEVELS = ("aquifer_layer", "well_type", "status")  # grouping of the tree, top down
CODELIST_OF = {"aquifer_layer": "aquifer_layer", "well_type": "well_type", "status": "well_status"}
WELL_LEVEL = len(LEVELS)

_NO_INDEX = QModelIndex()  # default argument of the model methods (never modified)


def _int(flag) -> int:
    """An enum or flag as int on PyQt5 (int subclasses) and PyQt6 (enum members with .value)."""
    return int(getattr(flag, "value", flag))


FidsRole = _int(Qt.ItemDataRole.UserRole) + 1  # numpy array of the fids under an index
KeyRole = _int(Qt.ItemDataRole.UserRole) + 2  # the category code of a group row, the fid of a well row
_RIGHT = _int(Qt.AlignmentFlag.AlignRight) | _int(Qt.AlignmentFlag.AlignVCenter)


def _text(v) -> str:
    """'' for NULL (a null QVariant in Qt5, None in Qt6), else the value as stripped text."""
    if null_to_none(v) is None:
        return ""
    return str(v).strip()


def _int_or(v, default: int) -> int:
    if null_to_none(v) is None:
        return default
    try:
        return int(v)
    except (TypeError, ValueError):
        return default


def category_order(kind: str, values) -> list:
    """Values of a category in display order: code-list order, other codes alphabetically, '' (empty) last."""
    listed = S.codelist(CODELIST_OF[kind]).code_values() if kind in CODELIST_OF else []
    present = set(values)
    out = [c for c in listed if c in present]
    out += sorted(c for c in present if c and c not in listed)
    if "" in present:
        out.append("")
    return out


@dataclass
class WellTable:
    """The wells' attributes as arrays (row i = one well)."""

    fids: np.ndarray  # int64
    uuids: list
    codes: list  # well codes
    names: list
    search: list  # lower-case "code name_zh name_en aliases" per well
    categories: dict  # kind → (values list, int32 codes array); kinds: LEVELS + county_code
    assessment: np.ndarray  # int8: 1 yes, 0 no, -1 unknown
    latest_class: np.ndarray  # int8: 1..5, 0 = not classified
    code_rank: np.ndarray = field(default=None)  # rank of the well code (sort order inside a status)

    def __len__(self) -> int:
        return int(self.fids.size)

    def values(self, kind: str) -> list:
        return self.categories[kind][0]

    def row_of_fid(self) -> dict:
        return {int(f): i for i, f in enumerate(self.fids)}


def empty_table() -> WellTable:
    return table_from_rows([], [])


def table_from_rows(fids, rows) -> WellTable:
    """Build a WellTable from fids and attribute tuples in READ_FIELDS order."""
    n = len(fids)
    cols = list(zip(*rows)) if rows else [()] * len(READ_FIELDS)
    col = dict(zip(READ_FIELDS, cols))
    text = {
        k: [v if v.__class__ is str else _text(v) for v in col[k]]  # str values as they are (fast path)
        for k in READ_FIELDS
        if k not in ("assessment_point", "latest_class")
    }
    categories = {}
    for kind in (*LEVELS, "county_code"):
        vals = text[kind]
        order = category_order(kind, vals) if kind in CODELIST_OF else sorted(set(vals))
        lookup = {v: i for i, v in enumerate(order)}
        categories[kind] = (order, np.fromiter((lookup[v] for v in vals), dtype=np.int32, count=n))
    search = [
        f"{c}\x1f{a}\x1f{b}\x1f{d}".lower()
        for c, a, b, d in zip(text["well_code"], text["name_zh"], text["name_en"], text["source_codes"])
    ]
    assessment = np.fromiter(
        (
            v if v.__class__ is int else (int(v) if v.__class__ is bool else _int_or(v, -1))
            for v in col["assessment_point"]
        ),
        dtype=np.int8,
        count=n,
    )
    latest = np.fromiter(
        (v if v.__class__ is int else _int_or(v, 0) for v in col["latest_class"]), dtype=np.int8, count=n
    )
    codes = text["well_code"]
    rank = np.empty(n, dtype=np.int64)
    rank[np.argsort(np.array(codes, dtype=object), kind="stable")] = np.arange(n)
    return WellTable(
        np.asarray(fids, dtype=np.int64),
        text["uuid"],
        codes,
        text["name_zh"],
        search,
        categories,
        np.where(assessment > 0, 1, assessment).astype(np.int8),
        latest,
        rank,
    )


def read_wells(layer) -> WellTable:
    """Read the dock's attributes of every well of ``layer``, pending edits included, without geometry.

    A GeoPackage layer without a subset string is read with one read-only SQL query on its file, with the layer's
    edit buffer (added, changed and deleted features) laid over the result; any other layer, and any failure of
    that path, goes through read_wells_request. Both give the same table (tests check it)."""
    source = _gpkg_source(layer)
    if source is not None:
        try:
            return read_wells_sql(layer, *source)
        except (sqlite3.Error, KeyError):
            pass
    return read_wells_request(layer)


def read_wells_request(layer) -> WellTable:
    """read_wells through a QgsFeatureRequest (no geometry, only READ_FIELDS): works for every provider."""
    from qgis.core import QgsFeatureRequest

    fields = layer.fields()
    idx = [fields.indexOf(name) for name in READ_FIELDS]
    wanted = [i for i in idx if i >= 0]
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry).setSubsetOfAttributes(wanted)
    fids, rows = [], []
    for f in layer.getFeatures(request):
        fids.append(f.id())
        rows.append(tuple(None if i < 0 else f[i] for i in idx))
    return table_from_rows(fids, rows)


def _gpkg_source(layer):
    """(file path, table name) of an OGR GeoPackage layer without subset string, else None."""
    from qgis.core import QgsProviderRegistry

    if layer.providerType() != "ogr" or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path, table = parts.get("path") or "", parts.get("layerName") or ""
    if not path.lower().endswith(".gpkg") or not table or not os.path.isfile(path):
        return None
    return path, table


def read_wells_sql(layer, path: str, table: str) -> WellTable:
    """read_wells for a GeoPackage layer: one SQL query, then the layer's edit buffer on top."""
    cols = ", ".join('"' + c + '"' for c in READ_FIELDS)
    uri = "file:{}?mode=ro".format(path.replace("?", "%3f").replace("#", "%23"))
    con = sqlite3.connect(uri, uri=True)
    try:
        rows = con.execute(f'SELECT fid, {cols} FROM "{table}" ORDER BY fid').fetchall()
    finally:
        con.close()
    buffer = layer.editBuffer() if layer.isEditable() else None
    if buffer is not None and layer.isModified():
        fields = layer.fields()
        position = {fields.indexOf(name): k + 1 for k, name in enumerate(READ_FIELDS)}
        position.pop(-1, None)
        deleted = set(buffer.deletedFeatureIds())
        changed = buffer.changedAttributeValues()
        if deleted or changed:
            patched = []
            for r in rows:
                if r[0] in deleted:
                    continue
                change = changed.get(r[0])
                if change:
                    r = list(r)
                    for i, value in change.items():
                        k = position.get(i)
                        if k is not None:
                            r[k] = value
                    r = tuple(r)
                patched.append(r)
            rows = patched
        idx = [fields.indexOf(name) for name in READ_FIELDS]
        for fid, feature in sorted(buffer.addedFeatures().items(), key=lambda kv: -kv[0]):
            a = feature.attributes()
            rows.append((fid, *[a[i] if 0 <= i < len(a) else None for i in idx]))
    fids = [r[0] for r in rows]
    return table_from_rows(fids, [r[1:] for r in rows])


@dataclass
class WellFilter:
    """Empty / None = no restriction. ``assessment``: True = national assessment points only, False = others."""

    county: str = ""
    well_type: str = ""
    status: str = ""
    aquifer: str = ""
    assessment: bool | None = None
    text: str = ""

    def is_empty(self) -> bool:
        return not (self.county or self.well_type or self.status or self.aquifer or self.text) and (
            self.assessment is None
        )


def filter_rows(table: WellTable, flt: WellFilter) -> np.ndarray:
    """Row indices of ``table`` that pass ``flt`` (numpy masks; the text test only on rows left by the others)."""
    n = len(table)
    mask = np.ones(n, dtype=bool)
    for kind, value in (
        ("county_code", flt.county),
        ("well_type", flt.well_type),
        ("status", flt.status),
        ("aquifer_layer", flt.aquifer),
    ):
        if value:
            values, codes = table.categories[kind]
            if value not in values:
                return np.empty(0, dtype=np.int64)
            mask &= codes == values.index(value)
    if flt.assessment is not None:
        mask &= (table.assessment == 1) if flt.assessment else (table.assessment != 1)
    rows = np.flatnonzero(mask)
    needle = flt.text.strip().lower()
    if needle and rows.size:
        search = table.search
        hit = np.fromiter((needle in search[i] for i in rows.tolist()), dtype=bool, count=rows.size)
        rows = rows[hit]
    return rows


class Node:
    """A group row (aquifer layer, well type or status). ``rows``: table rows under it, in display order."""

    __slots__ = ("level", "key", "label", "parent", "children", "row", "rows")

    def __init__(self, level: int, key: str, label: str, parent, row: int, rows: np.ndarray):
        self.level = level
        self.key = key
        self.label = label
        self.parent = parent
        self.children: list = []
        self.row = row
        self.rows = rows


def code_label(kind: str, code: str, lang: str) -> str:
    if not code:
        return QCoreApplication.translate("WellsTreeModel", "(not set)")
    if kind in CODELIST_OF:
        return S.codelist(CODELIST_OF[kind]).label(code, lang)
    return code


class WellsTreeModel(QAbstractItemModel):
    """Aquifer layer → well type → status → wells, with the number of (filtered) wells of each group."""

    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.table = empty_table()
        self.filter = WellFilter()
        self.visible_rows = np.empty(0, dtype=np.int64)
        self.root = Node(-1, "", "", None, 0, self.visible_rows)
        self._nodes: list = [self.root]  # keeps every node alive (indexes hold raw pointers)
        self._leaf_of_fid: dict | None = None
        self.class_colors: dict = {}

    # -- data in --------------------------------------------------------------------------------------------------

    def set_table(self, table: WellTable) -> None:
        self.table = table
        self.rebuild()

    def set_filter(self, flt: WellFilter) -> None:
        self.filter = flt
        self.rebuild()

    def rebuild(self) -> None:
        """Filter and regroup (the only work done when a filter changes)."""
        self.beginResetModel()
        t = self.table
        rows = filter_rows(t, self.filter)
        keys = [t.categories[k][1][rows] for k in LEVELS]
        order = np.lexsort((t.code_rank[rows], keys[2], keys[1], keys[0])) if rows.size else rows
        rows = rows[order]
        keys = [k[order] for k in keys]
        self.visible_rows = rows
        root = Node(-1, "", "", None, 0, rows)
        nodes = [root]
        if rows.size:
            combined = np.stack(keys, axis=1)
            change = np.flatnonzero(np.any(combined[1:] != combined[:-1], axis=1)) + 1
            starts = np.concatenate(([0], change))
            ends = np.concatenate((change, [rows.size]))
            current = [None, None, None]
            for s, e in zip(starts.tolist(), ends.tolist()):
                parent = root
                for level, kind in enumerate(LEVELS):
                    value = t.categories[kind][0][int(keys[level][s])]
                    node = current[level]
                    if node is None or node.key != value or node.parent is not parent:
                        node = Node(
                            level, value, code_label(kind, value, self.lang), parent, len(parent.children), None
                        )
                        node.rows = []
                        parent.children.append(node)
                        nodes.append(node)
                        current[level] = node
                        for deeper in range(level + 1, len(LEVELS)):
                            current[deeper] = None
                    node.rows.append((s, e))
                    parent = node
            for node in nodes[1:]:
                node.rows = np.concatenate([rows[s:e] for s, e in node.rows])
        self.root = root
        self._nodes = nodes
        self._leaf_of_fid = None
        self.endResetModel()

    # -- queries ----------------------------------------------------------------------------------------------

    def node(self, index: QModelIndex):
        """The group Node of a group index; None for a well row or the root."""
        if not index.isValid():
            return None
        parent = index.internalPointer()
        if parent.level == WELL_LEVEL - 1:
            return None
        return parent.children[index.row()]

    def table_row(self, index: QModelIndex) -> int | None:
        """Table row of a well index (None for groups)."""
        if not index.isValid():
            return None
        parent = index.internalPointer()
        if parent.level != WELL_LEVEL - 1:
            return None
        return int(parent.rows[index.row()])

    def fids(self, index: QModelIndex) -> np.ndarray:
        """Fids of the wells under ``index`` (one for a well row; all visible wells for the root)."""
        if not index.isValid():
            return self.table.fids[self.visible_rows]
        row = self.table_row(index)
        if row is not None:
            return self.table.fids[[row]]
        return self.table.fids[self.node(index).rows]

    def fid_index(self, fid: int) -> QModelIndex:
        """The well row of ``fid`` (invalid when filtered out or unknown)."""
        if self._leaf_of_fid is None:
            lookup = {}
            for node in self._nodes:
                if node.level == WELL_LEVEL - 1:
                    for i, f in enumerate(self.table.fids[node.rows].tolist()):
                        lookup[f] = (node, i)
            self._leaf_of_fid = lookup
        hit = self._leaf_of_fid.get(int(fid))
        if hit is None:
            return QModelIndex()
        node, row = hit
        return self.createIndex(row, 0, node)

    def group_index(self, *keys: str) -> QModelIndex:
        """Index of the group with the given codes (aquifer[, type[, status]]); invalid when absent."""
        node, index = self.root, QModelIndex()
        for key in keys:
            child = next((c for c in node.children if c.key == key), None)
            if child is None:
                return QModelIndex()
            index = self.createIndex(child.row, 0, node)
            node = child
        return index

    def counts(self) -> dict:
        """(aquifer, type, status) → number of visible wells, for tests and reports."""
        out = {}
        for a in self.root.children:
            for t in a.children:
                for s in t.children:
                    out[(a.key, t.key, s.key)] = int(s.rows.size)
        return out

    def group_path(self, index: QModelIndex) -> tuple:
        """Codes from the top down to a group index (for restoring expanded rows after a reload)."""
        node = self.node(index)
        path = []
        while node is not None and node.level >= 0:
            path.append(node.key)
            node = node.parent
        return tuple(reversed(path))

    # -- QAbstractItemModel ------------------------------------------------------------------------------------

    def _children_count(self, node) -> int:
        if node.level == WELL_LEVEL - 1:
            return int(node.rows.size)
        return len(node.children)

    def index(self, row: int, column: int, parent: QModelIndex = _NO_INDEX) -> QModelIndex:
        if parent.isValid():
            pnode = self.node(parent)
            if pnode is None:  # wells have no children
                return QModelIndex()
        else:
            pnode = self.root
        if row < 0 or column < 0 or column >= 2 or row >= self._children_count(pnode):
            return QModelIndex()
        return self.createIndex(row, column, pnode)

    def parent(self, index: QModelIndex = _NO_INDEX) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        pnode = index.internalPointer()
        if pnode is None or pnode.level < 0:
            return QModelIndex()
        return self.createIndex(pnode.row, 0, pnode.parent)

    def rowCount(self, parent: QModelIndex = _NO_INDEX) -> int:
        if parent.column() > 0:
            return 0
        if not parent.isValid():
            return len(self.root.children)
        node = self.node(parent)
        return 0 if node is None else self._children_count(node)

    def columnCount(self, parent: QModelIndex = _NO_INDEX) -> int:
        return 2

    def hasChildren(self, parent: QModelIndex = _NO_INDEX) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("WellsTreeModel", "Wells")
                if section == 0
                else QCoreApplication.translate("WellsTreeModel", "Count")
            )
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.table_row(index)
        if row is not None:
            t = self.table
            if role == Qt.ItemDataRole.DisplayRole:
                if index.column() == 0:
                    return f"{t.codes[row]}  {t.names[row]}".strip()
                klass = int(t.latest_class[row])
                return ("I", "II", "III", "IV", "V")[klass - 1] if klass else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return t.uuids[row]
            if role == Qt.ItemDataRole.DecorationRole and index.column() == 1:
                color = self.class_colors.get(int(t.latest_class[row]) or None)
                return QColor(color) if color else None
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and t.latest_class[row] >= 4:
                return QBrush(QColor("#b2182b"))
            if role == FidsRole:
                return self.table.fids[[row]]
            if role == KeyRole:
                return int(t.fids[row])
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return node.label if index.column() == 0 else f"{node.rows.size:,}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.key
        if role == FidsRole:
            return self.table.fids[node.rows]
        if role == KeyRole:
            return node.key
        return None
