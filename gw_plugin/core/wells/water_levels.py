"""Water levels (issue 18): import of level files (manual rounds and logger exports with many readings per well) into
the water_levels table, all or nothing, and the heads at wells for a date window that the flow field is drawn from.

A row gives a well, a time and a depth to water and/or a head. The head is computed as ground elevation − depth
where the file gives only the depth (and the well has a ground elevation); a head that contradicts the ground
elevation and depth by more than 0.05 m is an error. Nothing is written while any row has an error.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field

from ...toolbelt.i18n import tr
from ..data import sqlite_gpkg as SG
from ..data import tabular
from ..data.gpkg import open_database, utc_now
from ..data.ids import uuid7_batch

TR_CONTEXT = "gw_water_levels"  # the translation context of this module's texts

HEAD_TOLERANCE_M = 0.05  # head given beside depth and ground elevation: contradiction above this is an error
BATCH = 2000  # rows per INSERT batch; cancel is checked between batches

_DT = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$")


class LevelImportError(ValueError):
    """The import refused (the message says why); nothing was written."""


@dataclass
class LevelMapping:
    well: str = ""
    measured_at: str = ""
    depth: str = ""  # depth to water below ground (m)
    head: str = ""  # hydraulic head (m above datum)
    method: str = ""
    measured_by: str = ""


@dataclass
class LevelIssue:
    row: int  # 1-based file row, the header is row 1
    column: str
    message: str


@dataclass
class LevelReport:
    path: str
    rows_read: int = 0
    rows: list = field(default_factory=list)  # (well_uuid, measured_at ISO, depth, head, method, measured_by)
    issues: list = field(default_factory=list)
    written: int = 0

    @property
    def ok(self) -> bool:
        return not self.issues


def key(text) -> str:
    """A well code or name compared after NFKC and case folding ('ＪＣ－０２' = 'jc-02')."""
    return unicodedata.normalize("NFKC", str(text or "")).strip().casefold()


def parse_datetime(text) -> _dt.datetime | None:
    """'2024-06-15 08:30', '2024/6/15 8:30:00', '2024-06-15T08:30', '2024年6月15日', or an Excel serial
    ('45458.35'). None for anything else — trailing text and impossible times included."""
    if isinstance(text, _dt.datetime):
        return text
    t = unicodedata.normalize("NFKC", str(text or "")).strip()
    m = _DT.match(t)
    if m:
        y, mo, d, hh, mm, ss = (int(g) if g else 0 for g in m.groups())
        try:
            return _dt.datetime(y, mo, d, hh, mm, ss)
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(\.\d+)?", t):
        return _dt.datetime(1899, 12, 30) + _dt.timedelta(days=float(t))
    return None


def _number(text) -> float | None:
    t = unicodedata.normalize("NFKC", str(text or "")).strip()
    if not t:
        return None
    try:
        v = float(t)
    except ValueError:
        return math.nan
    return v if math.isfinite(v) else math.nan


def guess_mapping(headers: list) -> LevelMapping:
    """First guess from the headers: exact names first, then names containing a keyword; a column is given to one
    role only (水位埋深 is the depth, never also the head)."""
    norm = {h: key(h) for h in headers}
    used: set = set()

    def find(*names):
        for exact in (True, False):
            for n in names:
                for h, k in norm.items():
                    if h not in used and (k == n if exact else n in k):
                        used.add(h)
                        return h
        return ""

    well = find("监测井编号", "井编号", "点位编号", "well", "well_code")
    when = find("测量时间", "监测时间", "时间", "日期", "measured_at", "datetime", "date")
    depth = find("水位埋深", "埋深", "depth_to_water", "depth")
    head = find("水位标高", "地下水位", "水位", "head", "level")
    method = find("测量方法", "method")
    by = find("测量人", "measured_by", "observer")
    return LevelMapping(well, when, depth, head, method, by)


def _wells(con) -> dict:
    """key(code or name or any of source_codes) → (uuid, ground elevation). A name shared by two wells is left
    out (ambiguous)."""
    out: dict = {}
    names: dict = {}
    for u, code, name, aliases, ground in con.execute(
        "SELECT uuid, well_code, name_zh, source_codes, ground_elev_m FROM monitoring_wells"
    ):
        out[key(code)] = (u, ground)
        for a in re.split(r"[,;，；\s]+", aliases or ""):
            if a:
                out.setdefault(key(a), (u, ground))
        if name:
            names.setdefault(key(name), []).append((u, ground))
    for k, hits in names.items():
        if len(hits) == 1:
            out.setdefault(k, hits[0])
    out.pop("", None)
    return out


def validate(path_or_table, database: str, mapping: LevelMapping, now: _dt.datetime | None = None) -> LevelReport:
    """Read and check every row; nothing is written."""
    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    rep = LevelReport(table.path, rows_read=table.nrows)
    now = now or _dt.datetime.now()
    if not mapping.well or not mapping.measured_at or not (mapping.depth or mapping.head):
        missing = [
            n
            for n, v in ((tr(TR_CONTEXT, "well"), mapping.well), (tr(TR_CONTEXT, "time"), mapping.measured_at))
            if not v
        ]
        if not (mapping.depth or mapping.head):
            missing.append(tr(TR_CONTEXT, "depth to water or head"))
        raise LevelImportError(
            tr(TR_CONTEXT, "{path}: no column chosen for: {roles}").format(path=table.path, roles=", ".join(missing))
        )
    cols = {}
    for role in ("well", "measured_at", "depth", "head", "method", "measured_by"):
        name = getattr(mapping, role)
        cols[role] = table.column(name) if name else None
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        wells = _wells(con)
        seen = {
            (w, t[:19]) for w, t in con.execute("SELECT well_uuid, replace(measured_at, 'T', ' ') FROM water_levels")
        }
    finally:
        con.close()

    def cell(row, role):
        i = cols[role]
        return None if i is None or i >= len(row) else row[i]

    for n, row in enumerate(table.rows, start=2):
        bad = len(rep.issues)
        raw_well = cell(row, "well")
        well = wells.get(key(raw_well))
        if well is None:
            rep.issues.append(
                LevelIssue(n, mapping.well, tr(TR_CONTEXT, "unknown well {well}").format(well=repr(raw_well)))
            )
        when = parse_datetime(cell(row, "measured_at"))
        if when is None:
            rep.issues.append(
                LevelIssue(
                    n,
                    mapping.measured_at,
                    tr(TR_CONTEXT, "not a date and time: {text}").format(text=repr(cell(row, "measured_at"))),
                )
            )
        elif when > now:
            rep.issues.append(
                LevelIssue(
                    n,
                    mapping.measured_at,
                    tr(TR_CONTEXT, "in the future: {when}").format(when=f"{when:%Y-%m-%d %H:%M}"),
                )
            )
        depth = _number(cell(row, "depth"))
        head = _number(cell(row, "head"))
        for role, v in (("depth", depth), ("head", head)):
            if v is not None and math.isnan(v):
                rep.issues.append(
                    LevelIssue(
                        n,
                        getattr(mapping, role),
                        tr(TR_CONTEXT, "not a finite number: {text}").format(text=repr(cell(row, role))),
                    )
                )
        if depth is None and head is None:
            rep.issues.append(
                LevelIssue(n, mapping.depth or mapping.head, tr(TR_CONTEXT, "no depth to water and no head"))
            )
        if len(rep.issues) > bad:
            continue
        ground = well[1]
        if head is None and ground is not None:
            head = round(ground - depth, 3)
        elif head is not None and depth is not None and ground is not None:
            if abs(ground - depth - head) > HEAD_TOLERANCE_M:
                rep.issues.append(
                    LevelIssue(
                        n,
                        mapping.head,
                        tr(
                            TR_CONTEXT, "head {head} m contradicts ground elevation {ground} m − depth {depth} m"
                        ).format(head=f"{head:g}", ground=f"{ground:g}", depth=f"{depth:g}"),
                    )
                )
                continue
        stamp = when.strftime("%Y-%m-%d %H:%M:%S")
        if (well[0], stamp) in seen:
            rep.issues.append(
                LevelIssue(n, mapping.measured_at, tr(TR_CONTEXT, "this well has a level at this time already"))
            )
            continue
        seen.add((well[0], stamp))
        method = (str(cell(row, "method") or "").strip() or None) if cols["method"] is not None else None
        by = (str(cell(row, "measured_by") or "").strip() or None) if cols["measured_by"] is not None else None
        rep.rows.append((well[0], stamp.replace(" ", "T"), depth, head, method, by))
    return rep


def write(report: LevelReport, database: str, user: str = "", is_canceled=None, progress=None) -> LevelReport:
    """Write every row in one transaction, or nothing: refused while the report has issues; a cancel between
    batches rolls back and raises InterruptedError."""
    if report.issues:
        raise LevelImportError(tr(TR_CONTEXT, "{n} rows have errors: nothing was written").format(n=len(report.issues)))
    con = SG.open_db(database)
    try:
        county = dict(con.execute("SELECT uuid, county_code FROM monitoring_wells"))
        now, who = utc_now(), user or None
        uuids = uuid7_batch(len(report.rows))
        with SG.transaction(con):
            for start in range(0, len(report.rows), BATCH):
                if is_canceled and is_canceled():
                    raise InterruptedError(tr(TR_CONTEXT, "water-level import canceled: nothing was written"))
                chunk = report.rows[start : start + BATCH]
                con.executemany(
                    "INSERT INTO water_levels (uuid, county_code, well_uuid, measured_at, depth_to_water_m, head_m, "
                    "method, measured_by, created_at, created_by, updated_at, updated_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (u, county.get(r[0]) or "000000", *r, now, who, now, who)
                        for u, r in zip(uuids[start : start + BATCH], chunk)
                    ],
                )
                if progress:
                    progress(100.0 * min(start + BATCH, len(report.rows)) / max(len(report.rows), 1))
    finally:
        con.close()
    report.written = len(report.rows)
    return report


def heads_at_wells(
    database: str, date_from: str = "", date_to: str = "", aquifer_layer: str = "", method: str = "mean"
) -> list:
    """[(well_uuid, well_code, x, y, head, n_readings)] of wells with a head in [date_from, date_to] (ISO dates,
    empty = open), optionally in one aquifer layer. ``method`` "mean" averages the readings of the window, "latest"
    takes the newest. Heads missing in the table are computed from ground elevation and depth."""
    sql = (
        "SELECT w.uuid, w.well_code, ST_MinX(w.geom), ST_MinY(w.geom), "
        "COALESCE(l.head_m, w.ground_elev_m - l.depth_to_water_m) AS h, l.measured_at "
        "FROM water_levels l JOIN monitoring_wells w ON w.uuid = l.well_uuid "
        "WHERE w.geom IS NOT NULL AND (? = '' OR l.measured_at >= ?) AND (? = '' OR substr(l.measured_at, 1, 10) <= ?) "
        "AND (? = '' OR w.aquifer_layer = ?) ORDER BY w.uuid, l.measured_at"
    )
    con = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    SG.register_functions(con)
    try:
        rows = con.execute(sql, (date_from, date_from, date_to, date_to, aquifer_layer, aquifer_layer)).fetchall()
    finally:
        con.close()
    per: dict = {}
    for u, code, x, y, h, _t in rows:
        if h is None or x is None:
            continue
        per.setdefault(u, [code, x, y, []])[3].append(float(h))
    out = []
    for u, (code, x, y, hs) in per.items():
        value = hs[-1] if method == "latest" else sum(hs) / len(hs)
        out.append((u, code, float(x), float(y), value, len(hs)))
    return out
