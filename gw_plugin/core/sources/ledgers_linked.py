"""Ledgers of records that belong to a pollution source — roster lists, inspection ledgers, discharge permits: each
row names its source by unified social credit code, source code or exact name; an updated list updates the same
roster version / inspection / permit instead of duplicating it (core/sources/ledgers.py is the entry point)."""

from __future__ import annotations

import sqlite3

from osgeo import ogr

from ..data import schema as S
from ..data import tabular
from ..data.gpkg import open_database
from ..wells.lab_report import Issue
from ..wells.labvalues import normalise_text
from . import roster_publication
from .ledger_common import (
    HEADER_SYNONYMS,
    CellError,
    LedgerMapping,
    LedgerReport,
    LedgerRow,
    cell_value,
    code_lookup,
    refuse_if_errors,
    row_checks,
    write_features,
)

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
    "inspections": ("kind", "inspected_on", "facility_type"),  # several facilities of a source on one day
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
            hit = next((h for h, n in norm.items() if n == normalise_text(sp).lower() and h not in cols.values()), None)
            if hit:
                cols[fname] = hit
                break
    return LedgerMapping(target, cols)


def validate_linked(path_or_table, database: str, mapping: LedgerMapping, today=None, is_canceled=None) -> LedgerReport:
    """Check a roster list or inspection ledger: every row must name a known source (unified social credit code,
    source code or exact name) and valid codes and dates. Nothing is written."""
    import datetime as _dt

    if mapping.table not in LINKED_TABLES:
        raise ValueError(f"{mapping.table} is not a roster or inspection ledger")
    table = path_or_table if isinstance(path_or_table, tabular.Table) else tabular.read_table(path_or_table)
    open_database(database, upgrade=False)
    today = today or _dt.date.today()
    target = S.table(mapping.table)
    rep = LedgerReport(table.path, mapping.table, rows_read=table.nrows)
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
    lookups = {f.name: code_lookup(S.codelist(f.codelist)) for f in target.fields if f.codelist}
    seen: dict = {}

    def err(row, column, code, message):
        rep.issues.append(Issue(row, column, "error", code, message))
        rep.bad_rows.add(row)

    rejected = row_checks(table, sorted(col.values()))
    for k, r in enumerate(table.rows):
        rowno = table.row_number(k)
        if is_canceled is not None and k % 1000 == 0 and is_canceled():
            raise InterruptedError("ledger validation canceled")
        if k in rejected:
            rep.issues.append(rejected[k])
            rep.bad_rows.add(rowno)
            continue
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
                values[f.name] = cell_value(f, text, lookups, today)
            except CellError as exc:
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
    if mapping.table == "roster_entries" and rep.rows:
        # an imported list is a published version: it needs its version and may not change a published one (issue 16)
        for rowno, column, code, message in roster_publication.import_problems(rep.rows, database):
            err(rowno, mapping.columns.get(column, column), code, message)
        rep.rows = [r for r in rep.rows if r.row not in rep.bad_rows]
    return rep


def write_linked(
    rep: LedgerReport, database: str, accept_valid_only: bool = False, user: str = "", is_canceled=None
) -> LedgerReport:
    """Insert or update the rows of a roster list / inspection ledger in ONE transaction (through OGR; inspections
    are placed at their source's position)."""
    refuse_if_errors(rep, accept_valid_only)
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

    return write_features(rep, database, user, fill_new, None, is_canceled)
