"""Import of the bureau's existing ledgers (pollution sources, abandoned wells, monitoring wells) from CSV/XLSX into
the project GeoPackage: column mapping, validation report before writing, one transaction.

- Coordinates: CGCS2000/WGS84 longitude/latitude in decimal degrees or degree-minute-second (113°45'30.5", 113度45分
  30.5秒, 113:45:30.5), or projected metres in the project CRS; geographic input is transformed.
- Rows without coordinates are placed at their county's centroid and flagged for field checking
  (``needs_field_check`` where the table has it, otherwise a note in remarks).
- Re-importing an updated ledger UPDATES the matching rows — by unified social credit code or by the table's code
  field — instead of duplicating them, and the report lists what changed (field: old → new).
- Code-list columns accept the code, its Chinese or English label, or a known synonym.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from osgeo import ogr

from ...toolbelt.ogr import transformation
from ..data import schema as S
from ..data import tabular
from ..data.gpkg import open_database
from ..data.ids import uuid7_batch
from ..data.model import CodeList, Field
from ..wells.lab_import import Issue, parse_date
from ..wells.labvalues import normalise_text
from .credit_codes import validate_uscc

ogr.UseExceptions()

#: header spellings → field (first match wins); compared after normalising and lower-casing
HEADER_SYNONYMS = {
    "name_zh": ("单位名称", "企业名称", "名称", "污染源名称", "监测井名称", "井名", "name"),
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
    "county": ("县区", "区县", "所在县区", "县（市、区）", "行政区", "county"),
    "lon": ("经度", "longitude", "lon", "lng"),
    "lat": ("纬度", "latitude", "lat"),
    "x": ("x坐标", "x", "横坐标", "easting"),
    "y": ("y坐标", "y", "纵坐标", "northing"),
    "remarks": ("备注", "remarks", "note"),
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
}

KEY_FIELDS = {
    "pollution_sources": ("uscc", "source_code"),
    "abandoned_wells": ("well_code",),
    "monitoring_wells": ("well_code",),
}
CODE_FIELD = {"pollution_sources": "source_code", "abandoned_wells": "well_code", "monitoring_wells": "well_code"}


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


def guess_mapping(table: tabular.Table, target: str) -> LedgerMapping:
    fields = {f.name for f in S.table(target).all_fields()} | {"lon", "lat", "x", "y", "county"}
    cols: dict = {}
    norm = {h: normalise_text(h).lower() for h in table.headers}
    for fname, spellings in HEADER_SYNONYMS.items():
        if fname not in fields or fname in cols:
            continue
        for sp in spellings:
            hit = next((h for h, n in norm.items() if n == sp.lower() and h not in cols.values()), None)
            if hit:
                cols[fname] = hit
                break
    return LedgerMapping(target, cols)


def _code_lookup(cl: CodeList) -> dict:
    look = {}
    for c in cl.codes:
        for k in (c.code, c.zh, c.en):
            look[normalise_text(k).lower()] = c.code
    for k, v in CODE_SYNONYMS.get(cl.name, {}).items():
        look[k] = v
    return look


def _match_code(look: dict, text: str) -> str | None:
    t = normalise_text(text).lower()
    if t in look:
        return look[t]
    hits = {v for k, v in look.items() if len(k) >= 2 and (k in t)}
    return hits.pop() if len(hits) == 1 else None


def _counties(path: str) -> tuple:
    """(code → (name_zh, name_en, centroid x, centroid y, geometry)), via OGR."""
    ds = ogr.Open(path)
    out = {}
    lyr = ds.GetLayerByName("admin_units")
    for f in lyr:
        if f.GetField("level") != "county":
            continue
        g = f.GetGeometryRef()
        c = g.Centroid() if g is not None else None
        out[f.GetField("code")] = (
            f.GetField("name_zh"),
            f.GetField("name_en"),
            c.GetX() if c else None,
            c.GetY() if c else None,
            g.Clone() if g is not None else None,
        )
    ds = None
    return out


def _transformer(path: str):
    crs = dict(sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT key, value FROM gw_meta")).get(
        "crs", S.DEFAULT_CRS
    )
    # CGCS2000 geographic (EPSG:4490); WGS84 differs by centimetres, below ledger precision
    return transformation(4490, crs, skip_same=False)


def _existing(path: str, table: str) -> tuple:
    keys = KEY_FIELDS[table]
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cols = [f.name for f in S.table(table).fields]
        rows = con.execute(f'SELECT fid, {", ".join(chr(34) + c + chr(34) for c in cols)} FROM "{table}"').fetchall()
    finally:
        con.close()
    index = {k: {} for k in keys}
    values = {}
    for r in rows:
        rec = dict(zip(cols, r[1:]))
        values[r[0]] = rec
        for k in keys:
            if rec.get(k):
                index[k][str(rec[k]).strip().upper() if k == "uscc" else str(rec[k]).strip()] = r[0]
    return index, values


def _positions(path: str, table: str) -> dict:
    ds = ogr.Open(path)
    try:
        out = {}
        for f in ds.GetLayerByName(table):
            g = f.GetGeometryRef()
            if g is not None and not g.IsEmpty():
                out[f.GetFID()] = (g.GetX(), g.GetY())
        return out
    finally:
        ds = None


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


class _CellError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _cell_value(f: Field, text: str, lookups: dict, today):
    """The stored value of one ledger cell (non-empty ``text``) for field ``f``; _CellError says why it cannot be."""
    if f.codelist:
        code = _match_code(lookups[f.name], text)
        if code is None:
            raise _CellError("unknown_code", f"{text!r} is not a {S.codelist(f.codelist).en}")
        return code
    if f.type in ("real", "integer"):
        try:
            num = float(normalise_text(text).replace(",", ""))
        except ValueError:
            raise _CellError("bad_number", f"{text!r} is not a number") from None
        if (f.minimum is not None and num < f.minimum) or (f.maximum is not None and num > f.maximum):
            raise _CellError("out_of_range", f"{text} outside {f.minimum}–{f.maximum}")
        return int(num) if f.type == "integer" else num
    if f.type == "date":
        d = parse_date(text)
        if d is None:
            raise _CellError("bad_date", f"{text!r} is not a date")
        if f.not_in_future and d > today:
            raise _CellError("bad_date", f"{d.isoformat()} is in the future")
        return d.isoformat()
    if f.type == "boolean":
        yes = parse_yes_no(text)
        if yes is None:
            raise _CellError("bad_value", f"{text!r} is neither yes (是) nor no (否)")
        return 1 if yes else 0
    if f.name == "uscc":
        good, message = validate_uscc(text)
        if not good:
            raise _CellError("bad_uscc", f"{text!r}: {message}")
        return text.upper()
    return text


def validate_ledger(path_or_table, database: str, mapping: LedgerMapping, today=None) -> LedgerReport:
    """Check every row; nothing is written."""
    import datetime as _dt

    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    target = S.table(mapping.table)
    rep = LedgerReport(table.path, mapping.table, rows_read=len(table.rows))
    counties = _counties(database)
    county_by_name = {}
    for code, (zh, en, *_rest) in counties.items():
        for k in (code, zh, en):
            if k:
                county_by_name[normalise_text(k).lower()] = code
    tr = _transformer(database)
    index, existing = _existing(database, mapping.table)
    positions = _positions(database, mapping.table)
    col = {f: table.column(h) for f, h in mapping.columns.items() if h}
    lookups = {f.name: _code_lookup(S.codelist(f.codelist)) for f in target.fields if f.codelist}
    seen: dict = {}

    def err(row, column, code, message):
        rep.issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    def warn(row, column, code, message):
        rep.issues.append(Issue(row, column, "warning", code, message))

    for k, r in enumerate(table.rows):
        rowno = k + 2
        values = {}
        ok = True
        for f in target.fields:
            if f.name not in col:
                continue
            raw = r[col[f.name]]
            if raw is None or str(raw).strip() == "":
                continue
            try:
                values[f.name] = _cell_value(f, str(raw).strip(), lookups, today)
            except _CellError as exc:
                err(rowno, mapping.columns[f.name], exc.code, str(exc))
                ok = False
        missing = [f.name for f in target.fields if f.required and f.name not in values and f.name != "county_code"]
        # the code field may be generated; a name is needed
        for m in missing:
            if m == CODE_FIELD.get(mapping.table):
                continue
            err(rowno, m, "missing", f"required field {m} is empty")
            ok = False
        # county
        county = None
        if "county" in col and r[col["county"]]:
            county = county_by_name.get(normalise_text(str(r[col["county"]])).lower())
            if county is None:
                err(rowno, mapping.columns["county"], "unknown_county", f"{r[col['county']]!r} is not a county here")
                ok = False
        # coordinates
        x = y = None
        if "lon" in col and "lat" in col and (r[col["lon"]] or r[col["lat"]]):
            lon, lat = parse_angle(r[col["lon"]]), parse_angle(r[col["lat"]])
            if lon is None or lat is None or not (73 <= lon <= 136 and 3 <= lat <= 54):
                err(
                    rowno,
                    mapping.columns["lon"],
                    "bad_coordinates",
                    f"{r[col['lon']]!r}, {r[col['lat']]!r} are not longitude/latitude in China",
                )
                ok = False
            else:
                x, y, _ = tr.TransformPoint(lon, lat)
        elif "x" in col and "y" in col and (r[col["x"]] or r[col["y"]]):
            try:
                x, y = float(normalise_text(r[col["x"]])), float(normalise_text(r[col["y"]]))
            except (TypeError, ValueError):
                err(rowno, mapping.columns["x"], "bad_coordinates", "X/Y are not numbers")
                ok = False
        if x is not None and ok:
            pt = ogr.CreateGeometryFromWkt(f"POINT ({x} {y})")
            inside = [c for c, v in counties.items() if v[4] is not None and v[4].Contains(pt)]
            if not inside:
                err(
                    rowno,
                    mapping.columns.get("lon") or mapping.columns.get("x"),
                    "outside_city",
                    "the point lies outside the city's counties",
                )
                ok = False
            elif county is None:
                county = inside[0]
            elif county not in inside:
                warn(
                    rowno,
                    mapping.columns.get("county", ""),
                    "county_mismatch",
                    f"the point lies in {inside[0]}, the ledger says {county}",
                )
        placed = False
        if x is None and ok:
            if county is None or counties[county][2] is None:
                err(rowno, "", "no_location", "neither coordinates nor a county to place the row")
                ok = False
            else:
                x, y, placed = counties[county][2], counties[county][3], True
                warn(rowno, "", "placed_at_centroid", "no coordinates: placed at the county centroid for field check")
        if not ok:
            continue
        values["county_code"] = county
        # match an existing row
        match = None
        for key in KEY_FIELDS[mapping.table]:
            v = values.get(key)
            if v:
                match = index[key].get(str(v).strip().upper() if key == "uscc" else str(v).strip())
                if match is not None:
                    break
        dup_key = tuple(values.get(k) for k in KEY_FIELDS[mapping.table])
        if any(dup_key):
            if dup_key in seen:
                err(rowno, "", "duplicate", f"same unit as row {seen[dup_key]}")
                continue
            seen[dup_key] = rowno
        lr = LedgerRow(rowno, values, x, y, placed, match)
        if match is not None:
            old = existing[match]
            lr.changes = {
                k: (old.get(k), v)
                for k, v in values.items()
                if k in old
                and old.get(k) != v
                and not (isinstance(v, float) and old.get(k) is not None and abs(old[k] - v) < 1e-9)
            }
            if not placed:
                ox, oy = positions.get(match, (None, None))
                if ox is None or abs(ox - x) > 0.5 or abs(oy - y) > 0.5 or old.get("needs_field_check"):
                    lr.changes["position"] = (None if ox is None else f"{ox:.1f}, {oy:.1f}", f"{x:.1f}, {y:.1f}")
        rep.rows.append(lr)
    return rep


def _refuse_if_errors(rep: LedgerReport, accept_valid_only: bool) -> None:
    if rep.errors and not accept_valid_only:
        raise LedgerRefusedError(
            f"{len(rep.errors)} errors in {len(rep.bad_rows)} rows: nothing was written. Fix the ledger, or accept "
            "importing only the valid rows."
        )


def _write(rep: LedgerReport, database: str, user: str, fill_new, fill_changed=None) -> LedgerReport:
    """Insert the report's new rows and apply the changes of its matched rows in ONE OGR transaction (OGR keeps
    the R-tree). ``fill_new(feature, row)`` completes a new feature; ``fill_changed(feature, row)`` handles what
    a plain attribute change does not (e.g. a moved position, stored under the pseudo-field "position")."""
    ds = ogr.Open(database, 1)
    try:
        lyr = ds.GetLayerByName(rep.table)
        ds.StartTransaction()
        try:
            new_rows = [r for r in rep.rows if r.match_fid is None]
            for r, u in zip(new_rows, uuid7_batch(len(new_rows))):
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
        except BaseException:
            ds.RollbackTransaction()
            raise
    finally:
        ds = None
    rep.inserted, rep.updated, rep.unchanged = len(new_rows), updated, unchanged
    return rep


def write_ledger(rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "") -> LedgerReport:
    """Insert new rows and update matched ones in ONE transaction (through OGR, which keeps the R-tree)."""
    _refuse_if_errors(rep, accept_valid_only)
    target = S.table(rep.table)
    has_flag = "needs_field_check" in {f.name for f in target.fields}
    code_field = CODE_FIELD.get(rep.table)

    def fill_new(f, r):
        if code_field and not r.values.get(code_field):
            f[code_field] = f"{r.values['county_code']}-{f['uuid'][-8:]}"
        if has_flag:
            f["needs_field_check"] = 1 if r.placed_at_centroid else 0
        elif r.placed_at_centroid:
            f["remarks"] = ((r.values.get("remarks") or "") + " [位置取县区中心，待现场核实]").strip()
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({r.x} {r.y})"))

    def fill_changed(f, r):
        if "position" in r.changes:  # a real position replaces the old one
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({r.x} {r.y})"))
            if has_flag:
                f["needs_field_check"] = 0

    return _write(rep, database, user, fill_new, fill_changed)


# ------------------------------------------------------------------------------------------------------------------
# Ledgers of records that belong to a pollution source: roster lists and inspection ledgers
# ------------------------------------------------------------------------------------------------------------------
LINKED_TABLES = ("roster_entries", "inspections", "permits")
LINKED_SYNONYMS = {
    "roster": ("名录", "名录类型", "名录名称", "roster"),
    "status": ("状态", "名录状态", "status"),
    "reason": ("纳入理由", "理由", "原因", "reason"),
    "decided_on": ("决定日期", "纳入日期", "发布日期", "decided on"),
    "decided_by": ("决定人", "decided by"),
    "roster_version": ("名录版本", "版本", "年度", "version"),
    "kind": ("检查类型", "类型", "kind"),
    "inspected_on": ("检查日期", "排查日期", "日期", "date"),
    "inspector": ("检查人", "排查人", "inspector"),
    "facility_type": ("设施类型", "facility"),
    "result": ("结论", "检查结论", "result"),
    "permit_no": ("许可证编号", "排污许可证编号", "许可证号", "证书编号", "permit no", "permit number"),
    "issued_on": ("发证日期", "核发日期", "许可日期", "issued on"),
    "valid_until": ("有效期至", "有效期限", "到期日期", "截止日期", "valid until"),
    "gw_self_monitoring": (
        "载明地下水自行监测要求",
        "地下水自行监测要求",
        "地下水自行监测",
        "groundwater self-monitoring",
    ),
    "hidden_danger_investigation": ("载明隐患排查要求", "隐患排查要求", "隐患排查", "hidden-danger investigation"),
    "gw_obligations": ("地下水污染防治义务", "防治义务", "地下水义务", "groundwater obligations"),
    "findings": ("发现问题", "问题", "排查情况", "findings"),
}
#: how a linked row is recognised again when an updated ledger is imported
LINKED_KEYS = {
    "roster_entries": ("roster", "roster_version"),
    "inspections": ("kind", "inspected_on"),
    "permits": ("permit_no",),
}


def guess_linked_mapping(table: tabular.Table, target: str) -> LedgerMapping:
    cols: dict = {}
    norm = {h: normalise_text(h).lower() for h in table.headers}
    for fname, spellings in list(LINKED_SYNONYMS.items()) + [
        (k, HEADER_SYNONYMS[k]) for k in ("uscc", "source_code", "name_zh")
    ]:
        if fname in cols or (
            fname not in ("uscc", "source_code", "name_zh") and fname not in {f.name for f in S.table(target).fields}
        ):
            continue
        for sp in spellings:
            hit = next((h for h, n in norm.items() if n == sp.lower() and h not in cols.values()), None)
            if hit:
                cols[fname] = hit
                break
    return LedgerMapping(target, cols)


def validate_linked(path_or_table, database: str, mapping: LedgerMapping, today=None) -> LedgerReport:
    """Check a roster list or inspection ledger: every row must name a known source (unified social credit code,
    source code or exact name) and valid codes and dates. Nothing is written."""
    import datetime as _dt

    if mapping.table not in LINKED_TABLES:
        raise ValueError(f"{mapping.table} is not a roster or inspection ledger")
    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    target = S.table(mapping.table)
    rep = LedgerReport(table.path, mapping.table, rows_read=len(table.rows))
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        src = con.execute("SELECT uuid, uscc, source_code, name_zh, county_code FROM pollution_sources").fetchall()
        key_cols = LINKED_KEYS[mapping.table]
        existing = {
            (r[0], *r[1:-1]): r[-1]
            for r in con.execute(
                f'SELECT source_uuid, {", ".join(key_cols)}, fid FROM "{mapping.table}"'  # noqa: S608 - fixed names
            )
        }
        old_values = {}
        for r in con.execute(f'SELECT fid, {", ".join(f.name for f in target.fields)} FROM "{mapping.table}"'):
            old_values[r[0]] = dict(zip([f.name for f in target.fields], r[1:]))
    finally:
        con.close()
    by_uscc = {str(u).upper(): (uu, c) for uu, u, _s, _n, c in src if u}
    by_code = {str(s): (uu, c) for uu, _u, s, _n, c in src if s}
    names: dict = {}
    for uu, _u, _s, n, c in src:
        if n:
            names.setdefault(n, []).append((uu, c))
    col = {f: table.column(h) for f, h in mapping.columns.items() if h}
    lookups = {f.name: _code_lookup(S.codelist(f.codelist)) for f in target.fields if f.codelist}
    seen: dict = {}

    def err(row, column, code, message):
        rep.issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    for k, r in enumerate(table.rows):
        rowno = k + 2
        cell = {f: (str(r[i]).strip() if r[i] not in (None, "") else "") for f, i in col.items()}
        hit = None
        if cell.get("uscc"):
            hit = by_uscc.get(cell["uscc"].upper())
        if hit is None and cell.get("source_code"):
            hit = by_code.get(cell["source_code"])
        if hit is None and cell.get("name_zh"):
            candidates = names.get(cell["name_zh"], [])
            hit = candidates[0] if len(candidates) == 1 else None
        if hit is None:
            err(
                rowno,
                mapping.columns.get("uscc") or mapping.columns.get("name_zh", ""),
                "unknown_source",
                "no pollution source in the database matches this row (credit code, source code or name)",
            )
            continue
        values = {"source_uuid": hit[0]}
        ok = True
        for f in target.fields:
            text = cell.get(f.name, "")
            if not text or f.name == "source_uuid":
                continue
            try:
                values[f.name] = _cell_value(f, text, lookups, today)
            except _CellError as exc:
                err(rowno, mapping.columns[f.name], exc.code, str(exc))
                ok = False
        if mapping.table == "roster_entries":
            values.setdefault("status", "published")
        for f in target.fields:
            if f.required and f.name not in values:
                err(rowno, mapping.columns.get(f.name, f.name), "missing", f"required field {f.name} is empty")
                ok = False
        if not ok:
            continue
        key = (values["source_uuid"], *[values.get(c) for c in key_cols])
        if key in seen:
            err(rowno, "", "duplicate", f"same record as row {seen[key]}")
            continue
        seen[key] = rowno
        values["county_code"] = hit[1]
        match = existing.get(key)
        lr = LedgerRow(rowno, values, None, None, False, match)
        if match is not None:
            old = old_values[match]
            lr.changes = {k2: (old.get(k2), v) for k2, v in values.items() if k2 in old and old.get(k2) != v}
        rep.rows.append(lr)
    return rep


def write_linked(rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "") -> LedgerReport:
    """Insert or update the rows of a roster list / inspection ledger in ONE transaction (through OGR; inspections
    are placed at their source's position)."""
    _refuse_if_errors(rep, accept_valid_only)
    positions = {}
    if S.table(rep.table).geometry:
        ds0 = ogr.Open(database)
        for f in ds0.GetLayerByName("pollution_sources"):
            g = f.GetGeometryRef()
            if g is not None and not g.IsEmpty():
                positions[f.GetField("uuid")] = (g.GetX(), g.GetY())
        ds0 = None

    def fill_new(f, r):
        pos = positions.get(r.values["source_uuid"])
        if pos is not None:
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({pos[0]} {pos[1]})"))

    return _write(rep, database, user, fill_new)


# ------------------------------------------------------------------------------------------------------------------
# One entry point for every kind of ledger (the Processing algorithm and the dialog use these)
# ------------------------------------------------------------------------------------------------------------------
TARGETS = tuple(KEY_FIELDS) + LINKED_TABLES  # every table a ledger can be imported into


def is_linked(target: str) -> bool:
    """Records of a pollution source (roster list, inspection ledger, permits), named by credit code, source code or
    name, rather than located features."""
    return target in LINKED_TABLES


def guess(table: tabular.Table, target: str) -> LedgerMapping:
    return (guess_linked_mapping if is_linked(target) else guess_mapping)(table, target)


def validate(path_or_table, database: str, mapping: LedgerMapping, today=None) -> LedgerReport:
    return (validate_linked if is_linked(mapping.table) else validate_ledger)(path_or_table, database, mapping, today)


def write(rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "") -> LedgerReport:
    return (write_linked if is_linked(rep.table) else write_ledger)(rep, database, accept_valid_only, user)
