"""What every ledger import shares (core/sources/ledgers.py for located rows, ledgers_linked.py for records of a
source): the header spellings, the mapping and report objects, one cell-to-value conversion (codes, numbers, dates,
yes/no, credit codes), the checks of a row as text (control characters refused with the cell named, rows identical to
an earlier row of the file reported as duplicates) and the one OGR transaction that writes a report — after the
database check, with the real error in plain words when it fails."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from osgeo import ogr

from ...toolbelt.i18n import tr
from ..data import db_errors
from ..data import schema as S
from ..data.ids import uuid7_batch
from ..data.model import CodeList, Field
from ..wells.lab_dates import parse_date
from ..wells.lab_report import Issue
from ..wells.labvalues import normalise_text
from .credit_codes import validate_uscc

ogr.UseExceptions()
TR_CONTEXT = "ledgers"

#: header spellings → field (first match wins); compared after normalising and lower-casing
HEADER_SYNONYMS = {
    "name_zh": ("单位名称", "企业名称", "名称", "污染源名称", "监测井名称", "井名", "地块名称", "name"),
    "name_en": ("英文名称", "name_en", "english name"),
    "uscc": ("统一社会信用代码", "信用代码", "社会信用代码", "uscc"),
    "source_code": ("污染源编号", "源编号", "source code", "source_code"),
    "well_code": ("监测井编号", "井编号", "点位编号", "编号", "well code", "code"),
    "category": ("污染源类别", "类别", "行业类别", "category"),
    "industry": ("行业", "所属行业", "industry"),
    "scale": ("规模", "scale"),
    "address": ("地址", "详细地址", "address"),
    "operating_status": ("运行状态", "生产状态", "operating status"),
    "leakage_status": ("渗漏排查", "渗漏排查情况"),
    "antiseepage_status": ("防渗改造", "防渗改造情况"),
    "self_monitoring_status": ("自行监测", "自行监测情况"),
    "risk_control_status": ("风险管控", "详细调查与风险管控"),
    "kind": ("废弃井类型", "类型", "kind"),
    "depth_m": ("井深", "深度", "depth"),
    "risk_class": ("风险等级", "risk"),
    "sealing_status": ("封井状态", "封填情况", "sealing"),
    "sealed_on": ("封填日期", "封井日期"),
    "well_type": ("监测井类型", "井类型", "well type"),
    "aquifer_layer": ("含水层", "含水层位", "监测层位", "aquifer"),
    "status": ("状态", "status"),
    "department": ("权属部门", "所属部门", "department"),
    "county": ("县区", "区县", "所在县区", "县（市、区）", "所在县（市、区）", "行政区", "county"),
    "lon": ("经度", "longitude", "lon", "lng"),
    "lat": ("纬度", "latitude", "lat"),
    "x": ("x坐标", "x", "横坐标", "easting"),
    "y": ("y坐标", "y", "纵坐标", "northing"),
    "remarks": ("备注", "remarks", "note"),
    # sites (issue 19)
    "site_code": ("地块编号", "地块编码", "地块代码", "site code", "site_code"),
    "site_status": ("地块状态", "site status"),
    "land_use": ("用地类型", "现状用途", "土地用途", "land use"),
    "soil_exceedance": ("土壤超筛选值", "土壤是否超标", "土壤超标情况", "土壤超标"),
    "gw_exceedance": ("地下水超标", "地下水是否超标", "地下水超标情况"),
    "characteristic_pollutants": ("特征污染物", "characteristic pollutants"),
    "gw_exceeding_pollutants": ("地下水超标污染物", "地下水超标因子"),
    "area_m2": ("面积", "占地面积", "地块面积", "面积(m2)", "面积（m²）", "area"),
    "planned_land_class": ("规划用地类别", "用地类别", "land class"),
    "land_supply_ref": ("土地供应关联", "供地编号", "土地供应编号", "land supply"),
}

#: extra words users write for codes (beyond the code list's own labels)
CODE_SYNONYMS = {
    "source_category": {
        "化工": "chemical",
        "电镀": "electroplating",
        "工业园区": "industrial_park",
        "工业集聚区": "industrial_park",
        "尾矿": "tailings_pond",
        "矿山": "mining_area",
        "危废": "hazardous_waste",
        "危险废物": "hazardous_waste",
        "填埋场": "landfill",
        "垃圾场": "landfill",
        "加油站": "gas_station",
        "高尔夫": "golf_course",
        "养殖": "livestock_farm",
        "种植": "planting_area",
        "煤层气": "coalbed_methane",
        "老窑水": "old_kiln_water",
        "地热": "geothermal_well",
        "回注井": "reinjection_well",
    },
    "source_scale": {"大": "large", "中": "medium", "小": "small"},
    # exact words first: "不超标" contains "超标" (the substring match would read it as exceeding)
    "exceedance": {
        "是": "exceeding",
        "否": "not_exceeding",
        "不超标": "not_exceeding",
        "未超": "not_exceeding",
        "超筛选值": "exceeding",
        "未超筛选值": "not_exceeding",
        "不超筛选值": "not_exceeding",
        "未调查": "unknown",
        "不详": "unknown",
    },
}


@dataclass
class LedgerMapping:
    table: str = "pollution_sources"
    columns: dict = field(default_factory=dict)  # field name (or lon/lat/x/y/county) → column header


@dataclass
class LedgerRow:
    row: int
    values: dict
    x: float | None
    y: float | None
    placed_at_centroid: bool = False
    match_fid: int | None = None
    changes: dict = field(default_factory=dict)  # field → (old, new)


@dataclass
class LedgerReport:
    path: str
    table: str
    rows_read: int = 0
    rows: list = field(default_factory=list)
    issues: list = field(default_factory=list)
    bad_rows: set = field(default_factory=set)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def errors(self) -> list:
        return [i for i in self.issues if i.severity == "error"]

    def changes_text(self) -> list:
        out = []
        for r in self.rows:
            if r.match_fid is not None and r.changes:
                what = "; ".join(f"{k}: {o!r} → {n!r}" for k, (o, n) in r.changes.items())
                out.append(f"row {r.row}: {what}")
        return out

    def summary(self) -> str:
        new = sum(1 for r in self.rows if r.match_fid is None)
        upd = sum(1 for r in self.rows if r.match_fid is not None and r.changes)
        return (
            f"{self.rows_read} rows; {new} new, {upd} changed, "
            f"{sum(1 for r in self.rows if r.match_fid is not None and not r.changes)} unchanged; "
            f"{len(self.errors)} errors in {len(self.bad_rows)} rows; "
            f"{sum(1 for r in self.rows if r.placed_at_centroid)} placed at the county centroid"
        )


class LedgerRefusedError(Exception):
    pass


# ------------------------------------------------------------------------------------------------------------------
_DMS = re.compile(
    r"^\s*([-+]?\d+(?:\.\d+)?)\s*(?:°|度|:|\s)\s*(?:(\d+(?:\.\d+)?)\s*(?:'|′|分|:|\s)\s*)?"
    r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|秒)?\s*)?([NSEW东西南北])?\s*$",
    re.IGNORECASE,
)


def parse_angle(text) -> float | None:
    """Decimal degrees from '113.758', '113°45′30.5″E', '113度45分30.5秒', '113:45:30.5', '34 45 30 N'."""
    if text is None:
        return None
    t = normalise_text(text).replace("′′", '"').replace("′", "'").replace("’", "'").replace("”", '"')
    if not t:
        return None
    try:
        return float(t)
    except ValueError:
        pass
    m = _DMS.match(t)
    if not m:
        return None
    deg = float(m.group(1))
    minutes = float(m.group(2) or 0)
    seconds = float(m.group(3) or 0)
    if minutes >= 60 or seconds >= 60:
        return None
    value = abs(deg) + minutes / 60 + seconds / 3600
    hemi = (m.group(4) or "").upper()
    if deg < 0 or hemi in ("S", "W", "南", "西"):
        value = -value
    return value


def code_lookup(cl: CodeList) -> dict:
    look = {}
    for c in cl.codes:
        for k in (c.code, c.zh, c.en):
            look[normalise_text(k).lower()] = c.code
    for k, v in CODE_SYNONYMS.get(cl.name, {}).items():
        look[k] = v
    return look


def match_code(look: dict, text: str) -> str | None:
    t = normalise_text(text).lower()
    if t in look:
        return look[t]
    hits = {v for k, v in look.items() if len(k) >= 2 and (k in t)}
    return hits.pop() if len(hits) == 1 else None


#: yes/no as ledgers write them (是/否, 有/无, √/×, Y/N, true/false, 1/0)
_YES = {"是", "有", "√", "✓", "y", "yes", "true", "t", "1", "要求", "载明"}
_NO = {"否", "无", "×", "✗", "n", "no", "false", "f", "0", "未载明", "不要求"}


def parse_yes_no(text) -> bool | None:
    t = normalise_text(text).strip().lower()
    if t in _YES:
        return True
    if t in _NO:
        return False
    return None


class CellError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def cell_value(f: Field, text: str, lookups: dict, today):
    """The stored value of one ledger cell (non-empty ``text``) for field ``f``; _CellError says why it cannot be."""
    if f.codelist:
        code = match_code(lookups[f.name], text)
        if code is None:
            raise CellError("unknown_code", f"{text!r} is not a {S.codelist(f.codelist).en}")
        return code
    if f.type in ("real", "integer"):
        try:
            num = float(normalise_text(text).replace(",", ""))
        except ValueError:
            raise CellError("bad_number", f"{text!r} is not a number") from None
        if (f.minimum is not None and num < f.minimum) or (f.maximum is not None and num > f.maximum):
            raise CellError("out_of_range", f"{text} outside {f.minimum}–{f.maximum}")
        return int(num) if f.type == "integer" else num
    if f.type == "date":
        d = parse_date(text)
        if d is None:
            raise CellError("bad_date", f"{text!r} is not a date")
        if f.not_in_future and d > today:
            raise CellError("bad_date", f"{d.isoformat()} is in the future")
        return d.isoformat()
    if f.type == "boolean":
        yes = parse_yes_no(text)
        if yes is None:
            raise CellError("bad_value", f"{text!r} is neither yes (是) nor no (否)")
        return 1 if yes else 0
    if f.name == "uscc":
        good, message = validate_uscc(text)
        if not good:
            raise CellError("bad_uscc", f"{text!r}: {message}")
        return text.upper()
    return text


def refuse_if_errors(rep: LedgerReport, accept_valid_only: bool) -> None:
    if rep.errors and not accept_valid_only:
        raise LedgerRefusedError(
            f"{len(rep.errors)} errors in {len(rep.bad_rows)} rows: nothing was written. Fix the ledger, or accept "
            "importing only the valid rows."
        )


def write_features(
    rep: LedgerReport, database: str, user: str, fill_new, fill_changed=None, is_canceled=None
) -> LedgerReport:
    """Insert the report's new rows and apply the changes of its matched rows in ONE OGR transaction (OGR keeps
    the R-tree). ``fill_new(feature, row)`` completes a new feature; ``fill_changed(feature, row)`` handles what
    a plain attribute change does not (e.g. a moved position, stored under the pseudo-field "position").
    The database is checked first (locked, read-only, damaged …: DatabaseProblemError in plain words); a failure or
    ``is_canceled()`` while writing rolls everything back, and the real error is raised, never the rollback's."""
    db_errors.preflight(database, write=True)
    try:
        ds = ogr.Open(database, 1)
    except RuntimeError as exc:
        raise db_errors.problem(exc, database) from None
    if ds is None or ds.GetLayerByName(rep.table) is None:
        raise db_errors.DatabaseProblemError("not_project", db_errors.explain(RuntimeError("not a database"), database))
    try:
        lyr = ds.GetLayerByName(rep.table)
        try:
            ds.StartTransaction()
        except RuntimeError as exc:
            raise db_errors.problem(exc, database) from None
        try:
            new_rows = [r for r in rep.rows if r.match_fid is None]
            for n, (r, u) in enumerate(zip(new_rows, uuid7_batch(len(new_rows)))):
                if is_canceled is not None and n % 500 == 0 and is_canceled():
                    raise InterruptedError("ledger import canceled")
                f = ogr.Feature(lyr.GetLayerDefn())
                f["uuid"] = u
                for k, v in r.values.items():
                    f[k] = v
                f["created_by"] = f["updated_by"] = user or None
                fill_new(f, r)
                lyr.CreateFeature(f)
            updated = unchanged = 0
            for r in rep.rows:
                if r.match_fid is None:
                    continue
                if not r.changes:
                    unchanged += 1
                    continue
                f = lyr.GetFeature(r.match_fid)
                for k, (_old, new) in r.changes.items():
                    if k != "position":
                        f[k] = new
                if fill_changed is not None:
                    fill_changed(f, r)
                f["updated_by"] = user or None
                lyr.SetFeature(f)
                updated += 1
            ds.CommitTransaction()
        except BaseException as exc:
            try:
                ds.RollbackTransaction()
            except RuntimeError:
                pass  # the transaction is gone already: the real error below matters
            if isinstance(exc, RuntimeError) and db_errors.kind_of(exc):
                raise db_errors.problem(exc, database) from None
            raise
    finally:
        ds = None
    rep.inserted, rep.updated, rep.unchanged = len(new_rows), updated, unchanged
    return rep


#: C0 control characters and DEL; tab, line feed and carriage return may stand in a cell (multi-line addresses)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_character(text) -> str:
    """'' when ``text`` has no control character, else its code point as U+XXXX."""
    m = _CONTROL.search(text) if isinstance(text, str) else None
    return f"U+{ord(m.group()):04X}" if m else ""


def row_checks(table, columns) -> dict:
    """Issues that reject a whole row before its values are read, by data row index: a control character in a cell
    of the ``columns`` used (the cell named), or a row identical to an earlier row of the file."""
    out: dict = {}
    seen: dict = {}
    headers = table.headers
    for k, r in enumerate(table.rows):
        rowno = table.row_number(k)
        key = tuple(unicodedata.normalize("NFKC", str(c)).strip() if c not in (None, "") else "" for c in r)
        if key in seen:
            out[k] = Issue(
                rowno,
                "",
                "error",
                "duplicate",
                tr(TR_CONTEXT, "row {row} is identical to row {first}: it is left out").format(
                    row=rowno, first=seen[key]
                ),
            )
            continue
        seen[key] = rowno
        for i in columns:
            bad = control_character(r[i]) if i < len(r) else ""
            if bad:
                out[k] = Issue(
                    rowno,
                    headers[i],
                    "error",
                    "control_character",
                    tr(TR_CONTEXT, "the cell in column “{column}” contains a control character ({char})").format(
                        column=headers[i], char=bad
                    ),
                )
                break
    return out
