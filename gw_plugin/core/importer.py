"""Import of lab results (long or wide tables) into a project GeoPackage: map columns, validate everything and
report before anything is written, then write in ONE transaction — all rows, or (only when the user explicitly
accepts) all valid rows. Never a half-written file.

Long format: one row per value (well, date, parameter, value, unit). Wide format: one row per sample and one column
per parameter (units from the header, e.g. "硝酸盐(mg/L)", or the standard's unit). Parameters are recognised by the
standard's Chinese name, English name or symbol (core/labvalues.py), values keep the lab's notation in value_text
with non-detects flagged, and numbers are converted to the standard's unit.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from . import gb14848, labvalues, tabular
from .gpkg import bulk_load, open_database
from .ids import uuid7_batch

MAX_DATE_AGE_YEARS = 80


@dataclass
class ColumnMapping:
    """Which columns hold what. A preset is this object as JSON (saved by the GUI in QgsSettings)."""

    layout: str = "long"  # "long" | "wide"
    well: str = ""
    date: str = ""
    parameter: str = ""  # long only
    value: str = ""  # long only
    unit: str = ""  # long only, optional
    sample_code: str = ""  # optional
    lab: str = ""  # optional
    ignore: list = field(default_factory=list)  # wide: columns that are not parameters

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ColumnMapping:
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Issue:
    row: int  # 1-based row number in the file, counting the header as row 1
    column: str
    severity: str  # "error" | "warning"
    code: str
    message: str


class Record(NamedTuple):
    row: int
    well_uuid: str
    date: str
    sample_code: str
    lab: str
    parameter: str
    value_text: str
    value_num: float | None
    unit: str
    below_detection: bool
    detection_limit: float | None


@dataclass
class ImportReport:
    path: str
    rows_read: int = 0
    records: list = field(default_factory=list)  # valid Records
    issues: list = field(default_factory=list)
    bad_rows: set = field(default_factory=set)
    encoding: str = ""
    parameters: dict = field(default_factory=dict)  # column or spelling → indicator key
    written_samples: int = 0
    written_results: int = 0

    @property
    def errors(self) -> list:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list:
        return [i for i in self.issues if i.severity == "warning"]

    def summary(self) -> str:
        return (
            f"{self.rows_read} rows read ({self.encoding}); {len(self.records)} valid values; "
            f"{len(self.errors)} errors in {len(self.bad_rows)} rows; {len(self.warnings)} warnings"
        )

    def issues_by_code(self) -> dict:
        out: dict = {}
        for i in self.issues:
            out[i.code] = out.get(i.code, 0) + 1
        return out


_record = Record._make  # builds the tuple without the keyword-argument __new__ (hot path)


class ImportRefusedError(Exception):
    """Raised when writing is refused (errors present and valid-only import not accepted)."""


# ----------------------------------------------------------------------------------------------------------------
_DATE_RES = [
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?.*$"), (1, 2, 3)),
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), (1, 2, 3)),
]
EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(text) -> _dt.date | None:
    if text is None:
        return None
    if isinstance(text, _dt.datetime):
        return text.date()
    if isinstance(text, _dt.date):
        return text
    t = labvalues.normalise_text(text)
    for rx, (y, m, d) in _DATE_RES:
        mt = rx.match(t)
        if mt:
            try:
                return _dt.date(int(mt.group(y)), int(mt.group(m)), int(mt.group(d)))
            except ValueError:
                return None
    if re.fullmatch(r"\d{5}(\.\d+)?", t):  # an Excel serial day number
        return EXCEL_EPOCH + _dt.timedelta(days=int(float(t)))
    return None


_UNIT_IN_HEADER = re.compile(r"[（(]\s*([^()（）]*?/[^()（）]*?)\s*[)）]\s*$")


def header_unit(header: str) -> str:
    """'mg/L' from '硝酸盐(mg/L)' or '硝酸盐（以N计）（mg/L）'; '' when the header names no unit."""
    m = _UNIT_IN_HEADER.search(labvalues.normalise_text(header))
    return m.group(1) if m else ""


def well_index(path: str) -> dict:
    """well code (and every code in source_codes) → well uuid, and the city's extent for coordinate checks."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        idx = {}
        for u, code, aliases in con.execute("SELECT uuid, well_code, source_codes FROM monitoring_wells"):
            if code:
                idx[str(code).strip()] = u
            for a in re.split(r"[,;，；\s]+", aliases or ""):
                if a:
                    idx.setdefault(a.strip(), u)
        return idx
    finally:
        con.close()


def _existing_keys(path: str) -> tuple:
    """(well, date) → sample uuid and (sample uuid, parameter) pairs already in the database."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        samples = {(w, d[:10]): u for u, w, d in con.execute("SELECT uuid, well_uuid, sampled_on FROM samples")}
        results = set(con.execute("SELECT sample_uuid, parameter FROM sample_results"))
        return samples, results
    finally:
        con.close()


def validate(
    path_or_table, database: str, mapping: ColumnMapping, today: _dt.date | None = None, progress=None, is_canceled=None
) -> ImportReport:
    """Read and check every row; nothing is written. The report lists every issue with its row."""
    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    rep = ImportReport(table.path, rows_read=len(table.rows), encoding=table.encoding)
    wells = well_index(database)
    existing_samples, existing_results = _existing_keys(database)

    def col(name: str, required: bool) -> int | None:
        if not name:
            if required:
                raise tabular.TableReadError("the column mapping is incomplete")
            return None
        return table.column(name)

    c_well, c_date = col(mapping.well, True), col(mapping.date, True)
    c_code, c_lab = col(mapping.sample_code, False), col(mapping.lab, False)
    if mapping.layout == "long":
        c_par, c_val = col(mapping.parameter, True), col(mapping.value, True)
        c_unit = col(mapping.unit, False)
        value_columns = None
    elif mapping.layout == "wide":
        used = {mapping.well, mapping.date, mapping.sample_code, mapping.lab, *mapping.ignore}
        value_columns = []
        for i, h in enumerate(table.headers):
            if h in used:
                continue
            key = labvalues.recognise_parameter(h)
            if key is None:
                rep.issues.append(Issue(1, h, "warning", "column_ignored", f"column {h!r} is not a known parameter"))
                continue
            rep.parameters[h] = key
            value_columns.append((i, h, key, header_unit(h)))
        if not value_columns:
            raise tabular.TableReadError("no column of the table is a known GB/T 14848 parameter")
    else:
        raise ValueError(f"unknown layout {mapping.layout!r}")

    param_cache: dict = {}
    date_cache: dict = {}

    def date_verdict(raw):
        d = parse_date(raw)
        if d is None:
            return None, ("bad_date", f"{raw!r} is not a date")
        if d > today:
            return None, ("future_date", f"{d.isoformat()} is in the future")
        if d < oldest:
            return None, ("bad_date", f"{d.isoformat()} is implausibly old")
        return d.isoformat(), None

    seen: dict = {}
    oldest = today.replace(year=today.year - MAX_DATE_AGE_YEARS)

    def err(row, column, code, message):
        rep.issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    factor_cache: dict = {}

    def factor_for(pkey, unit):
        if not unit:
            return 1.0
        f = factor_cache.get((pkey, unit))
        if f is None:
            f = labvalues.conversion_factor(pkey, unit) if unit else 1.0
            factor_cache[(pkey, unit)] = f
        return f

    def check_value(rowno, colname, well_u, date_s, code, lab, pkey, raw, unit):
        ind = gb14848.indicator(pkey)
        nd, dl = False, None
        try:  # fast path: a plain number
            num = float(raw)
            if num != num or num in (float("inf"), float("-inf")):
                raise ValueError
            written_unit = None
        except (TypeError, ValueError):
            lv = labvalues.parse_lab_value(raw)
            if lv.qualifier == "missing":
                if value_columns is None:
                    err(rowno, colname, "missing_value", "no value")
                return
            if lv.qualifier == "invalid":
                err(rowno, colname, "bad_value", f"{raw!r}: {lv.note}")
                return
            if lv.qualifier == "text":
                if ind.kind != gb14848.TEXT:
                    err(rowno, colname, "bad_value", f"{raw!r} is text but {pkey} needs a number")
                    return
                num = None
            else:
                num = lv.value_num
            nd, dl, written_unit = bool(lv.below_detection), lv.detection_limit, lv.unit
        if ind.kind == gb14848.TEXT and num is not None:
            err(rowno, colname, "bad_value", f"{raw!r}: {pkey} is judged by a word (无/有), not a number")
            return
        if ind.kind != gb14848.TEXT:
            try:
                factor = factor_for(pkey, unit or written_unit or "")
            except labvalues.UnitError as exc:
                err(rowno, colname, "unit", str(exc))
                return
            if factor != 1.0:
                if num is not None:
                    num *= factor
                if dl is not None:
                    dl *= factor
            if num is not None:
                if pkey == "pH":
                    if not 0 <= num <= 14:
                        err(rowno, colname, "impossible", f"pH {raw!r} outside 0–14")
                        return
                elif num < 0:
                    err(rowno, colname, "impossible", f"{raw!r}: a concentration cannot be negative")
                    return
        key = (well_u, date_s, pkey)
        if key in seen:
            err(rowno, colname, "duplicate", f"{pkey} at this well and date already given in row {seen[key]}")
            return
        seen[key] = rowno
        su = existing_samples.get((well_u, date_s))
        if su is not None and (su, pkey) in existing_results:
            err(rowno, colname, "duplicate_in_database", f"{pkey} at this well and date is already in the database")
            return
        records_append(
            _record(
                (
                    rowno,
                    well_u,
                    date_s,
                    code,
                    lab,
                    pkey,
                    str(raw).strip(),
                    num,
                    "" if ind.kind == gb14848.TEXT else ind.unit,
                    nd,
                    dl,
                )
            )
        )

    records_append = rep.records.append
    n = len(table.rows)
    for k, r in enumerate(table.rows):
        rowno = k + 2
        if is_canceled and k % 5000 == 0 and is_canceled():
            raise InterruptedError("import validation canceled")
        if progress and k % 20000 == 0:
            progress(100.0 * k / max(n, 1))
        wcode = (r[c_well] or "").strip()
        well_u = wells.get(wcode)
        if well_u is None:
            err(rowno, mapping.well, "unknown_well", f"well {wcode!r} is not in the database" if wcode else "no well")
            continue
        draw = r[c_date]
        verdict = date_cache.get(draw)
        if verdict is None:
            verdict = date_cache[draw] = date_verdict(draw)
        date_s, problem = verdict
        if problem:
            err(rowno, mapping.date, problem[0], problem[1])
            continue
        code = (r[c_code] or "") if c_code is not None else ""
        lab = (r[c_lab] or "") if c_lab is not None else ""
        if value_columns is None:
            praw = r[c_par]
            pkey = param_cache.get(praw, "?")
            if pkey == "?":
                pkey = labvalues.recognise_parameter(praw)
                param_cache[praw] = pkey
                if pkey:
                    rep.parameters[str(praw)] = pkey
            if pkey is None:
                err(rowno, mapping.parameter, "unknown_parameter", f"parameter {praw!r} is not in GB/T 14848-2017")
                continue
            unit = (r[c_unit] or "").strip() if c_unit is not None else ""
            check_value(rowno, mapping.value, well_u, date_s, code, lab, pkey, r[c_val], unit)
        else:
            for i, h, pkey, unit in value_columns:
                check_value(rowno, h, well_u, date_s, code, lab, pkey, r[i], unit)
    if progress:
        progress(100.0)
    return rep


def write(report: ImportReport, database: str, accept_valid_only: bool = False, user: str = "") -> ImportReport:
    """Write the report's valid values in one transaction. With errors present this refuses unless
    ``accept_valid_only`` (then every row with an error is left out entirely)."""
    if report.errors and not accept_valid_only:
        raise ImportRefusedError(
            f"{len(report.errors)} errors in {len(report.bad_rows)} rows: nothing was written. Fix the file, or "
            "accept importing only the valid rows."
        )
    records = [r for r in report.records if r.row not in report.bad_rows]
    existing_samples, _ = _existing_keys(database)
    con = sqlite3.connect(database, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        county = dict(con.execute("SELECT uuid, county_code FROM monitoring_wells"))
        keys = []
        sample_of: dict = {}
        for r in records:
            key = (r.well_uuid, r.date)
            if key not in sample_of:
                sample_of[key] = existing_samples.get(key)
                if sample_of[key] is None:
                    keys.append((key, r))
        new_ids = uuid7_batch(len(keys))
        new_samples = []
        for ((well_u, date_s), r), su in zip(keys, new_ids):
            sample_of[(well_u, date_s)] = su
            code = r.sample_code or f"{date_s}-{well_u[:8]}"
            new_samples.append(
                (su, county.get(well_u) or "000000", well_u, code, date_s, r.lab or None, user or None, user or None)
            )
        result_ids = uuid7_batch(len(records))
        big = len(records) > 20000
        with bulk_load(con, ["samples", "sample_results"] if big else []):
            con.executemany(
                "INSERT INTO samples (uuid, county_code, well_uuid, sample_code, sampled_on, lab, created_by, "
                "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new_samples,
            )
            u = user or None
            # one timestamp for the whole import, bound as a value: the column DEFAULT would run strftime twice a row
            now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            rows = (
                (
                    rid,
                    county.get(r.well_uuid) or "000000",
                    sample_of[(r.well_uuid, r.date)],
                    r.parameter,
                    r.value_text,
                    r.value_num,
                    r.unit or None,
                    1 if r.below_detection else 0,
                    r.detection_limit,
                    u,
                    u,
                    now,
                    now,
                )
                for rid, r in zip(result_ids, records)
            )
            con.executemany(
                "INSERT INTO sample_results (uuid, county_code, sample_uuid, parameter, value_text, value_num, unit, "
                "below_detection, detection_limit, created_by, updated_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.close()
    report.written_samples = len(new_samples)
    report.written_results = len(records)
    return report


def import_results(
    path: str,
    database: str,
    mapping: ColumnMapping,
    accept_valid_only: bool = False,
    user: str = "",
    progress=None,
    is_canceled=None,
) -> ImportReport:
    rep = validate(path, database, mapping, progress=progress, is_canceled=is_canceled)
    return write(rep, database, accept_valid_only, user)


def guess_mapping(table: tabular.Table) -> ColumnMapping:
    """A first guess of the mapping from the headers (Chinese or English), for the dialog to start from."""

    def find(*names):
        for h in table.headers:
            n = labvalues.normalise_text(h).lower()
            if any(x in n for x in names):
                return h
        return ""

    well = find("井编号", "监测井", "点位编号", "点位", "well", "站号")
    date = find("采样日期", "采样时间", "日期", "date")
    par = find("指标", "项目", "参数", "parameter", "analyte")
    val = find("检测值", "结果", "测定值", "数值", "value", "result")
    unit = find("单位", "unit")
    recognised = sum(1 for h in table.headers if labvalues.recognise_parameter(h))
    layout = "wide" if recognised >= 2 and not (par and val) else "long"
    return ColumnMapping(
        layout=layout,
        well=well,
        date=date,
        parameter=par if layout == "long" else "",
        value=val if layout == "long" else "",
        unit=unit if layout == "long" else "",
        sample_code=find("样品编号", "sample"),
        lab=find("检测单位", "实验室", "lab"),
    )
