"""Data behind the Sources dock (污染源): the pollution sources of a layer (edit buffer included) with their roster
memberships, the filter (category, county, roster membership, workflow status, text) applied both to the list and,
as an SQL subset string, to the map layer, and the Qt table model of the list.

Roster membership follows core/sources/rosters.py ``members``: a source is on a roster when its entry is accepted now or in
the roster's latest published version. The subset string expresses the same rule in SQL (GeoPackage attribute
filters run in SQLite), so the map shows exactly the sources of the list.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Optional

from qgis.core import QgsFeatureRequest
from qgis.PyQt.QtCore import QAbstractTableModel, Qt
from qgis.PyQt.QtGui import QBrush, QColor

from ...core.data import schema as S
from ...core.sources import rosters as R
from ...toolbelt.i18n import tr
from ...toolbelt.qt import null_to_none

TR_CONTEXT = "SourcesTableModel"  # the translation context of this module's texts

ATTRS = (
    "uuid",
    "source_code",
    "name_zh",
    "name_en",
    "uscc",
    "category",
    "county_code",
    "address",
    "leakage_status",
    "antiseepage_status",
    "self_monitoring_status",
    "risk_control_status",
    "needs_field_check",
)
WORKFLOW_FIELDS = ("leakage_status", "antiseepage_status", "self_monitoring_status", "risk_control_status")
ANY_ROSTER = "__any__"
NO_ROSTER = "__none__"


@dataclass
class SourceFilter:
    """Empty sets mean "no restriction". ``roster``: None, a roster code, ANY_ROSTER or NO_ROSTER."""

    categories: set = field(default_factory=set)
    counties: set = field(default_factory=set)
    roster: Optional[str] = None
    workflow_field: Optional[str] = None
    statuses: set = field(default_factory=set)  # of workflow_field; "" matches NULL
    text: str = ""

    def is_empty(self) -> bool:
        return not (
            self.categories or self.counties or self.roster or (self.workflow_field and self.statuses) or self.text
        )


def memberships(database: Optional[str]) -> dict:
    """{source uuid: set of roster codes} (accepted, or in the latest published version)."""
    out: dict = {}
    if not database:
        return out
    con = R.connect(database, readonly=True)
    try:
        for roster in R.ROSTERS:
            for u in R.members(con, [roster]):
                out.setdefault(u, set()).add(roster)
    except sqlite3.DatabaseError:
        return {}
    finally:
        con.close()
    return out


def read_sources(layer, database: Optional[str] = None) -> list:
    """Rows (dicts) of the sources layer — edit buffer included, no geometry — with ``fid`` and ``rosters``."""
    if layer is None:
        return []
    names = layer.fields().names()
    attrs = [a for a in ATTRS if a in names]
    req = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
    req.setSubsetOfAttributes(attrs, layer.fields())
    member = memberships(database)
    rows = []
    for f in layer.getFeatures(req):
        d = {a: null_to_none(f[a]) for a in attrs}
        d["fid"] = f.id()
        d["rosters"] = member.get(d.get("uuid"), set())
        rows.append(d)
    rows.sort(key=lambda d: (d.get("county_code") or "", d.get("source_code") or "", d["fid"]))
    return rows


def matches(row: dict, flt: SourceFilter) -> bool:
    if flt.categories and row.get("category") not in flt.categories:
        return False
    if flt.counties and row.get("county_code") not in flt.counties:
        return False
    if flt.roster == ANY_ROSTER and not row["rosters"]:
        return False
    if flt.roster == NO_ROSTER and row["rosters"]:
        return False
    if flt.roster not in (None, ANY_ROSTER, NO_ROSTER) and flt.roster not in row["rosters"]:
        return False
    if flt.workflow_field and flt.statuses and (row.get(flt.workflow_field) or "") not in flt.statuses:
        return False
    if flt.text:
        t = flt.text.strip().lower()
        hay = " ".join(str(row.get(k) or "") for k in ("source_code", "name_zh", "name_en", "uscc", "address"))
        if t not in hay.lower():
            return False
    return True


def _sql_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in sorted(values))


def _member_sql(rosters) -> str:
    """SQL: uuid is on one of ``rosters`` (accepted, or in that roster's latest published version)."""
    return (
        f"\"uuid\" IN (SELECT e.source_uuid FROM roster_entries e WHERE e.roster IN ({_sql_list(rosters)}) AND (e.status = 'accepted' "
        "OR (e.status = 'published' AND e.roster_version = (SELECT p.roster_version FROM roster_entries p "
        "WHERE p.roster = e.roster AND p.status = 'published' GROUP BY p.roster_version "
        "ORDER BY max(p.created_at) DESC, p.roster_version DESC LIMIT 1))))"
    )


def subset_sql(flt: SourceFilter) -> str:
    """The filter as a GeoPackage subset string ("" = no filter)."""
    parts = []
    if flt.categories:
        parts.append(f'"category" IN ({_sql_list(flt.categories)})')
    if flt.counties:
        parts.append(f'"county_code" IN ({_sql_list(flt.counties)})')
    if flt.roster == ANY_ROSTER:
        parts.append(_member_sql(R.ROSTERS))
    elif flt.roster == NO_ROSTER:
        parts.append("NOT " + _member_sql(R.ROSTERS))
    elif flt.roster:
        parts.append(_member_sql([flt.roster]))
    if flt.workflow_field and flt.statuses:
        q = '"' + flt.workflow_field.replace('"', "") + '"'
        vals = {s for s in flt.statuses if s}
        alts = []
        if vals:
            alts.append(f"{q} IN ({_sql_list(vals)})")
        if "" in flt.statuses:
            alts.append(f"{q} IS NULL OR {q} = ''")
        parts.append("(" + " OR ".join(alts) + ")")
    if flt.text:
        t = flt.text.strip().replace("'", "''").replace("%", "").replace("_", "")
        like = " OR ".join(f"\"{c}\" LIKE '%{t}%'" for c in ("source_code", "name_zh", "name_en", "uscc", "address"))
        parts.append(f"({like})")
    return " AND ".join(f"({p})" for p in parts)


class SourcesTableModel(QAbstractTableModel):
    """The filtered sources: code, name, category, county, roster memberships and the four workflow statuses."""

    COLUMNS = ("source_code", "name", "category", "county", "rosters") + WORKFLOW_FIELDS

    def __init__(self, parent=None, lang: str = "zh"):
        super().__init__(parent)
        self.lang = lang
        self.rows: list = []
        self.county_names: dict = {}

    def headers(self) -> list:
        return [
            tr(TR_CONTEXT, "Code"),
            tr(TR_CONTEXT, "Name"),
            tr(TR_CONTEXT, "Category"),
            tr(TR_CONTEXT, "County"),
            tr(TR_CONTEXT, "Rosters"),
            tr(TR_CONTEXT, "Leakage investigation"),
            tr(TR_CONTEXT, "Anti-seepage"),
            tr(TR_CONTEXT, "Self-monitoring"),
            tr(TR_CONTEXT, "Survey / risk control"),
        ]

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None) -> int:  # noqa: N802
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def text(self, row: dict, col: str) -> str:
        zh = self.lang.startswith("zh")
        if col == "name":
            return (row.get("name_zh") if zh else row.get("name_en")) or row.get("name_zh") or ""
        if col == "category":
            return S.codelist("source_category").label(row.get("category"), self.lang) if row.get("category") else ""
        if col == "county":
            code = row.get("county_code") or ""
            return self.county_names.get(code, code)
        if col == "rosters":
            cl = S.codelist("roster_kind")
            short = {"gw_key_discharge": ("排污", "GW-D"), "gw_key_supervised": ("监管", "GW-S"),
                     "soil_key_supervised": ("土壤", "Soil")}  # fmt: skip
            return "、".join(short.get(r, (cl.label(r, "zh"),))[0 if zh else -1] for r in sorted(row["rosters"]))
        if col in WORKFLOW_FIELDS:
            v = row.get(col)
            return S.codelist(col).label(v, self.lang) if v else ""
        return str(row.get(col) or "")

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row["fid"]
        if role == Qt.ItemDataRole.ForegroundRole and col == "category" and row.get("category"):
            code = S.codelist("source_category").by_code().get(row["category"])
            if code is not None and code.color:
                return QBrush(QColor(code.color))
        return None

    def row_of_fid(self, fid: int) -> int:
        for i, r in enumerate(self.rows):
            if r["fid"] == fid:
                return i
        return -1
