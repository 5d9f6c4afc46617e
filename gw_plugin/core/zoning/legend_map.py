"""Geology legends → DRASTIC classes: the mapping table a zoning author edits as XLSX.

Geological and soil maps carry legends in their own words (粉质黏土, 砂卵砾石, 中粗砂 …), not the names of the DRASTIC
rating tables. For the class-rated factors (A aquifer media, S soil media, I impact of the vadose zone):

- ``legend_rows``: one row per distinct legend of a polygon layer, with the DRASTIC class it maps to — from the
  mapping table when the author gave one, else the rating table's own names, else a SUGGESTION (a table of common
  Chinese legend words, then a character similarity) marked as such for the author to check;
- ``write_mapping_xlsx`` / ``read_mapping_xlsx``: the table as a workbook (one sheet per factor, the classes of the
  rating table on a second sheet); the author edits the class column (or types a rating 1-10) and imports it back;
- ``rate_shapes``: polygons [(wkb, legend)] → [(wkb, rating)] through the mapping, with the legends still unmapped
  (nodata) and a suggestion for each, so no legend silently becomes nodata.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Optional, Sequence

from ...toolbelt.i18n import tr
from .drastic import DrasticError, Rater, match_class

TR_CONTEXT = "gw_rasterblocks"  # the translation context of the zoning texts (as core/zoning/rasterblocks.py)

CLASS_FACTORS = ("A", "S", "I")

#: Common words of Chinese geological / soil legends → DRASTIC class key per factor (A, S, I). The plugin
#: authors' reading of the terms, offered only as suggestions that the author confirms in the table.
HINTS = (
    (
        ("砂卵砾石", "卵砾石", "砂砾石", "砂砾", "卵石", "砾石", "砾岩"),
        {"A": "sand_gravel", "S": "gravel", "I": "sand_gravel"},
    ),
    (
        ("粉细砂", "细砂", "中砂", "粗砂", "中粗砂", "砂层", "粉砂"),
        {"A": "sand_gravel", "S": "sand", "I": "sand_gravel"},
    ),
    (("粉质黏土", "亚黏土", "黏土", "淤泥"), {"S": "clay_loam", "I": "silt_clay"}),
    (("粉土", "亚砂土", "黄土"), {"S": "silty_loam", "I": "silt_clay"}),
    (("岩溶", "溶洞"), {"A": "karst_limestone", "I": "karst_limestone"}),
    (("灰岩", "白云岩", "碳酸盐岩"), {"A": "massive_limestone", "I": "limestone"}),
    (("砂岩",), {"A": "massive_sandstone", "I": "sandstone"}),
    (("页岩", "泥岩"), {"A": "massive_shale", "I": "shale"}),
    (("花岗岩", "片麻岩", "变质岩", "火成岩", "闪长岩"), {"A": "metamorphic_igneous", "I": "metamorphic_igneous"}),
    (("玄武岩",), {"A": "basalt", "I": "basalt"}),
    (("壤土",), {"S": "loam"}),
    (("砂壤土", "砂质壤土"), {"S": "sandy_loam"}),
)
#: Variant characters written in legends (粘 is the older form of 黏).
VARIANTS = str.maketrans({"粘": "黏", "　": " "})
MIN_SIMILARITY = 0.5


@dataclass
class LegendRow:
    legend: str
    count: int
    class_key: str  # "" when unmapped
    rating: Optional[float]
    how: str  # "mapping" | "table" | "suggested" | ""
    score: float = 0.0


def _norm(text) -> str:
    return str(text or "").strip().translate(VARIANTS)


def _by_key(spec: dict) -> dict:
    return {c["key"]: c for c in spec["classes"]}


def suggest(factor: str, spec: dict, legend: str):
    """(class dict, similarity 0-1) the legend most likely means, or (None, 0)."""
    text = _norm(legend)
    if not text:
        return None, 0.0
    classes = _by_key(spec)
    best = None
    for words, keys in HINTS:  # the longest matching word wins (砂卵砾石 before 砾石)
        for w in words:
            if w in text and factor in keys and keys[factor] in classes and (best is None or len(w) > best[0]):
                best = (len(w), classes[keys[factor]])
    if best is not None:
        return best[1], 1.0 if best[0] == len(text) else 0.8
    score, found = 0.0, None
    for c in spec["classes"]:
        for label in (c.get("zh", ""), c.get("en", ""), c.get("key", "").replace("_", " ")):
            s = difflib.SequenceMatcher(None, text.lower(), _norm(label).lower()).ratio()
            if s > score:
                score, found = s, c
    return (found, score) if score >= MIN_SIMILARITY else (None, score)


def legend_rows(factor: str, spec: dict, legends: Sequence, mapping: Optional[dict] = None) -> list:
    """One LegendRow per distinct legend of ``legends`` (most frequent first)."""
    rater = Rater(factor, spec)
    classes = _by_key(spec)
    counts: dict = {}
    for v in legends:
        key = _norm(v)
        if key:
            counts[key] = counts.get(key, 0) + 1
    mapping = {_norm(k): v for k, v in (mapping or {}).items()}
    rows = []
    for legend, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if legend in mapping:
            key, rating = _resolve(spec, mapping[legend])
            rows.append(LegendRow(legend, n, key, rating, "mapping" if rating is not None else "", 1.0))
            continue
        r = rater.rate_value(legend)
        if r is not None:
            c = match_class(spec, legend) or {}
            rows.append(LegendRow(legend, n, c.get("key", ""), r, "table", 1.0))
            continue
        c, score = suggest(factor, spec, legend)
        if c is not None and c["key"] in classes:
            rows.append(LegendRow(legend, n, c["key"], float(c["rating"]), "suggested", score))
        else:
            rows.append(LegendRow(legend, n, "", None, "", score))
    return rows


def _resolve(spec: dict, value):
    """(class key, rating) of a mapping entry: a class key / name, or a rating 1-10."""
    if value is None or str(value).strip() == "":
        return "", None
    try:
        r = float(value)
    except (TypeError, ValueError):
        r = None
    if r is not None:
        if not 1 <= r <= 10:
            raise DrasticError(tr(TR_CONTEXT, "A rating in the legend table must be 1-10, not {r:g}.").format(r=r))
        return "", r
    text = _norm(value)
    c = _by_key(spec).get(text) or match_class(spec, text)
    if c is None:
        raise DrasticError(
            tr(TR_CONTEXT, "'{v}' in the legend table is no class of the rating table (see the classes sheet).").format(
                v=text
            )
        )
    return c["key"], float(c["rating"])


def rate_shapes(factor: str, spec: dict, shapes: Sequence, mapping: Optional[dict] = None):
    """([(wkb, rating)], [LegendRow of the unmapped legends]) — suggestions are NOT applied here: only the mapping
    table and the rating table's own names rate a polygon."""
    rows = {r.legend: r for r in legend_rows(factor, spec, [v for _w, v in shapes], mapping)}
    rated, unmapped = [], {}
    for wkb, v in shapes:
        row = rows.get(_norm(v))
        if row is not None and row.how in ("mapping", "table"):
            rated.append((wkb, row.rating))
        elif row is not None:
            unmapped[row.legend] = row
    return rated, list(unmapped.values())


# --------------------------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------------------------
HEADERS = (
    "图例 legend",
    "DRASTIC 类别 class",
    "评分 rating (when no class)",
    "来源 source",
    "相似度 similarity",
    "图斑数 polygons",
)
HOW_TEXT = {
    "mapping": "对照表 mapping table",
    "table": "评分表名称 rating-table name",
    "suggested": "建议，请核对 SUGGESTED, check",
    "": "未对应 unmapped",
}


def write_mapping_xlsx(path: str, tables: dict, rows_by_factor: dict) -> str:
    """The mapping table as a workbook: one sheet per factor (A, S, I) with the rows, and a sheet of the classes."""
    from ..data.reports import require_openpyxl

    openpyxl = require_openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for factor, rows in rows_by_factor.items():
        ws = wb.create_sheet(factor)
        ws.append(list(HEADERS))
        for r in rows:
            ws.append([r.legend, r.class_key, r.rating, HOW_TEXT.get(r.how, r.how), round(r.score, 2), r.count])
        for col, width in zip("ABCDEF", (28, 28, 10, 26, 12, 10)):
            ws.column_dimensions[col].width = width
    ws = wb.create_sheet("classes 类别")
    ws.append(["factor", "class", "中文", "English", "rating"])
    for factor in CLASS_FACTORS:
        for c in tables["factors"][factor]["classes"]:
            ws.append([factor, c["key"], c.get("zh", ""), c.get("en", ""), c["rating"]])
    wb.save(str(path))
    return str(path)


def read_mapping_xlsx(path: str) -> dict:
    """{factor: {legend: class key or rating}} from an edited mapping workbook (rows without a class are left out)."""
    from ..data.reports import require_openpyxl

    openpyxl = require_openpyxl()
    wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    out = {}
    try:
        for factor in CLASS_FACTORS:
            if factor not in wb.sheetnames:
                continue
            entries = {}
            for i, row in enumerate(wb[factor].iter_rows(values_only=True)):
                if i == 0 or not row or row[0] in (None, ""):
                    continue
                cls = row[1] if len(row) > 1 else None
                rating = row[2] if len(row) > 2 else None
                value = cls if cls not in (None, "") else rating
                if value not in (None, ""):
                    entries[_norm(row[0])] = value
            out[factor] = entries
    finally:
        wb.close()
    if not out:
        raise DrasticError(tr(TR_CONTEXT, "{p} has no sheet named A, S or I.").format(p=path))
    return out
