"""The layered long-term monitoring-well list (issue 18 item 4; seed 004 三(四)1 分层地下水环境长期监测井清单) and the
national assessment points (国家考核点位) with their target class and a pass/fail per year.

``long_term_rows`` gives the wells flagged ``long_term`` grouped by aquifer layer; ``assessment_rows`` gives, per
assessment point and year, the year's class = the worst overall GB/T 14848-2017 class of that year's samples
(core/wells/classify: each sample's class is its worst indicator class; parallel samples are left out) against the
point's target class. ``write_longterm_xlsx`` writes both into one workbook: one sheet per aquifer layer, then the
assessment sheet, every text cell kept as text (core/data/reports.keep_text).

The column set follows the brief of issue 18 (the province's own template was not available: unverified).
Coordinates: X/Y in the database's projected CRS, longitude/latitude in CGCS2000 (EPSG:4490).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ...toolbelt import ogr as O
from ...toolbelt.i18n import tr
from ..data import gpkg, reports
from ..data import schema as S
from ..data import sqlite_gpkg as SG
from ..wells import classify

TR_CONTEXT = "gw_longterm_list"
GEOGRAPHIC_CRS = 4490  # CGCS2000 geographic, the national datum for published coordinates
NO_LAYER = "unknown"  # sheet of long-term wells without an aquifer layer
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ"}

LIST_HEADERS = [
    "序号",
    "监测井编号",
    "点位名称",
    "县区",
    "含水层位",
    "监测井类型",
    "井深（m）",
    "滤管顶/底深（m）",
    "X",
    "Y",
    "经度",
    "纬度",
    "权属部门",
    "国家考核点位",
    "考核目标类别",
]
LIST_WIDTHS = [6, 16, 24, 12, 14, 16, 9, 14, 13, 13, 12, 12, 14, 10, 10]
ASSESS_HEADERS = [
    "序号",
    "监测井编号",
    "点位名称",
    "县区",
    "含水层位",
    "考核目标类别",
    "年份",
    "样品数",
    "年度水质类别",
    "决定类别的指标",
    "是否达标",
]
ASSESS_WIDTHS = [6, 16, 24, 12, 14, 10, 8, 8, 10, 28, 10]


class LongTermListError(ValueError):
    """The list cannot be written (the message says why)."""


@dataclass
class YearResult:
    well_uuid: str
    well_code: str
    name: str
    county: str
    aquifer_layer: str
    target_class: int | None
    year: int
    samples: int
    year_class: int | None  # worst overall class of the year's samples; None when no sample could be classified
    governing: tuple  # the indicators that set the worst sample's class

    @property
    def passed(self) -> bool | None:
        """True when the year's class is no worse than the target; None without a target or a class."""
        if self.target_class is None or self.year_class is None:
            return None
        return self.year_class <= self.target_class


def _county_names(con) -> dict:
    try:
        return dict(con.execute("SELECT code, name_zh FROM admin_units WHERE level = 'county'"))
    except sqlite3.Error:
        return {}


def _label(codelist: str, code) -> str:
    if code in (None, ""):
        return ""
    return S.codelist(codelist).label(str(code), "zh")


def _fmt(v, digits: int = 2):
    return None if v is None else round(float(v), digits)


def long_term_rows(database: str) -> dict:
    """aquifer layer code → list rows (LIST_HEADERS order, 序号 from 1 in each layer), wells by code."""
    gpkg.open_database(database, upgrade=False)
    crs = gpkg.read_meta(database).get("crs", "EPSG:4547")
    xform = O.transformation(crs, GEOGRAPHIC_CRS)
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    SG.register_functions(con)
    try:
        counties = _county_names(con)
        rows = con.execute(
            "SELECT well_code, name_zh, county_code, aquifer_layer, well_type, depth_m, screen_top_m, "
            "screen_bottom_m, ST_MinX(geom), ST_MinY(geom), department, COALESCE(assessment_point, 0), target_class "
            "FROM monitoring_wells WHERE long_term = 1 ORDER BY COALESCE(aquifer_layer, ''), well_code"
        ).fetchall()
    finally:
        con.close()
    out: dict = {}
    for code, name, county, layer, wtype, depth, top, bottom, x, y, dept, assess, target in rows:
        lon = lat = None
        if x is not None and y is not None:
            if xform is None:
                lon, lat = x, y
            else:
                lon, lat, *_ = xform.TransformPoint(float(x), float(y))
        screen = "" if top is None and bottom is None else f"{'' if top is None else f'{top:g}'}/"
        if screen:
            screen += "" if bottom is None else f"{bottom:g}"
        group = out.setdefault(layer or NO_LAYER, [])
        group.append(
            [
                len(group) + 1,
                code,
                name or "",
                counties.get(county, county or ""),
                _label("aquifer_layer", layer),
                _label("well_type", wtype),
                _fmt(depth),
                screen,
                _fmt(x),
                _fmt(y),
                _fmt(lon, 6),
                _fmt(lat, 6),
                _label("department", dept),
                "是" if assess else "否",
                ROMAN.get(target, "") if target else "",
            ]
        )
    return out


def assessment_rows(database: str, years: tuple | None = None) -> list:
    """[YearResult] of every national assessment point and every year it has samples (or only ``years``, a
    (first, last) pair), by well code then year.

    The year's class is the worst overall class of that year's samples. The national assessment rule may instead
    use annual mean concentrations (unverified: the rule's text was not available here)."""
    gpkg.open_database(database, upgrade=False)
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        counties = _county_names(con)
        wells = {
            u: (code, name or "", counties.get(county, county or ""), layer or "", target)
            for u, code, name, county, layer, target in con.execute(
                "SELECT uuid, well_code, name_zh, county_code, aquifer_layer, target_class FROM monitoring_wells "
                "WHERE assessment_point = 1"
            )
        }
        rows = con.execute(
            "SELECT s.well_uuid, s.uuid, substr(s.sampled_on, 1, 4), r.parameter, r.value_text, r.value_num, r.unit, "
            "COALESCE(r.below_detection, 0), r.detection_limit, r.qualifier, r.unit_as_written, r.basis_as_written "
            "FROM samples s JOIN monitoring_wells w ON w.uuid = s.well_uuid "
            "JOIN sample_results r ON r.sample_uuid = s.uuid "
            "WHERE w.assessment_point = 1 AND s.parallel_of IS NULL ORDER BY s.well_uuid, s.uuid"
        ).fetchall()
    finally:
        con.close()
    per_sample: dict = {}  # (well, year, sample) → accumulator
    for w, su, year, parameter, text, num, unit, nd, dl, mark, unit_w, basis in rows:
        if not (year or "").isdigit():
            continue
        if years and not (years[0] <= int(year) <= years[1]):
            continue
        if num is None and not nd:  # a word (无/有) or a value only as written (as core/wells/quality.py)
            result = classify.classify(parameter, text, unit_w or None, basis=basis or None)
        else:
            result = classify.classify(
                parameter, num, unit, below_detection=bool(nd), detection_limit=dl, qualifier=mark
            )
        per_sample.setdefault((w, int(year), su), classify.SampleAccumulator()).add(result)
    per_year: dict = {}  # (well, year) → [samples, worst class, governing]
    for (w, year, _su), acc in per_sample.items():
        r = acc.result()
        cell = per_year.setdefault((w, year), [0, None, ()])
        cell[0] += 1
        if r.gb_class is not None and (cell[1] is None or r.gb_class > cell[1]):
            cell[1], cell[2] = r.gb_class, tuple(r.governing)
    out = []
    for (w, year), (n, klass, governing) in per_year.items():
        code, name, county, layer, target = wells[w]
        out.append(YearResult(w, code, name, county, layer, target, year, n, klass, governing))
    out.sort(key=lambda r: (r.well_code, r.year))
    return out


def _sheet(ws, title: str, note: str, headers: list, rows: list, widths: list) -> None:
    """Title (row 1), note (row 2), headers (row 3), data from row 4; every cell through reports.keep_text."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    reports.keep_text(ws.cell(row=1, column=1, value=title)).font = Font(size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    reports.keep_text(ws.cell(row=2, column=1, value=note))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    for j, h in enumerate(headers, start=1):
        reports.keep_text(ws.cell(row=3, column=j, value=h)).font = Font(bold=True)
    for i, row in enumerate(rows, start=4):
        for j, v in enumerate(row, start=1):
            reports.keep_text(ws.cell(row=i, column=j, value=v))
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A4"


def _sheet_title(text: str, used: set) -> str:
    bad = "[]:*?/\\"
    t = "".join("_" if ch in bad else ch for ch in text)[:28] or "Sheet"
    base, k = t, 2
    while t in used:
        t = f"{base[:25]}_{k}"
        k += 1
    used.add(t)
    return t


def write_longterm_xlsx(path: str, database: str, city: str = "", years: tuple | None = None) -> dict:
    """The workbook: one sheet per aquifer layer with long-term wells (in the code list's order), then 国家考核点位.
    Returns {"wells": n, "layers": n, "assessment_rows": n, "failed": n}."""
    openpyxl = reports.require_openpyxl()
    layers = long_term_rows(database)
    assess = assessment_rows(database, years)
    if not layers and not assess:
        raise LongTermListError(
            tr(TR_CONTEXT, "No well is flagged as long-term or as a national assessment point: nothing to list.")
        )
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    used: set = set()
    order = {c: i for i, c in enumerate(S.codelist("aquifer_layer").code_values())}
    for layer in sorted(layers, key=lambda c: (order.get(c, len(order)), c)):
        label = _label("aquifer_layer", layer) if layer != NO_LAYER else "含水层位不明"
        ws = wb.create_sheet(_sheet_title(label, used))
        _sheet(
            ws,
            f"{city}分层地下水环境长期监测井清单（{label}）",
            f"坐标：X/Y 为 {gpkg.read_meta(database).get('crs', '')}，经纬度为 CGCS2000（EPSG:{GEOGRAPHIC_CRS}）。",
            LIST_HEADERS,
            layers[layer],
            LIST_WIDTHS,
        )
    rows = []
    for k, r in enumerate(assess, start=1):
        verdict = {True: "达标", False: "未达标", None: "无目标或无类别"}[r.passed]
        rows.append(
            [
                k,
                r.well_code,
                r.name,
                r.county,
                _label("aquifer_layer", r.aquifer_layer),
                ROMAN.get(r.target_class, "") if r.target_class else "",
                r.year,
                r.samples,
                ROMAN.get(r.year_class, "") if r.year_class else "",
                "、".join(r.governing),
                verdict,
            ]
        )
    ws = wb.create_sheet(_sheet_title("国家考核点位", used))
    _sheet(
        ws,
        f"{city}地下水国家考核点位年度达标情况",
        "年度水质类别取当年各样品综合类别（GB/T 14848-2017）中最差者；考核规则若按年均值评价，结果可能不同（未核实）。",
        ASSESS_HEADERS,
        rows,
        ASSESS_WIDTHS,
    )
    wb.save(str(path))
    return {
        "wells": sum(len(v) for v in layers.values()),
        "layers": len(layers),
        "assessment_rows": len(rows),
        "failed": sum(r.passed is False for r in assess),
    }
