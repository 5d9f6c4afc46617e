"""Year-end indicator snapshots and the comparison of two dates side by side (issue 16).

A bureau reports the year's figures each February (seed 002). Because the indicators are computed from the dated
history (core/sources/indicators.py), any year can be recomputed; the figures REPORTED for a year are nevertheless
kept: :func:`store_snapshot` writes a report into ``indicator_snapshots`` (one row per indicator and area; a plan's
snapshot of a date is written once, like a published roster version), :func:`load_snapshot` reads it back as a
report, :func:`year_end` gives the stored snapshot of 31 December or computes (and optionally stores) it.

:func:`comparison_rows` pairs two reports indicator by indicator and area by area; :func:`add_comparison_sheet` adds
them to the workbook written by core/data/reports.py ``write_indicator_xlsx`` as the sheet 年度对比 (two dates side by
side and the change). No widgets, no QGIS: sqlite3 and openpyxl.
"""

from __future__ import annotations

import datetime as _dt
import uuid as _uuid
from typing import Optional

from ...toolbelt.i18n import tr
from ..data.gpkg import utc_now
from ..data.sqlite_gpkg import register_functions
from . import history as H
from . import indicators as I
from .rosters import connect

TR_CONTEXT = "indicators"  # the translation context of this module's texts
TABLE = "indicator_snapshots"


class SnapshotError(Exception):
    """A snapshot cannot be stored or read (message meant for the user)."""


def _require_table(con) -> None:
    if not H.columns(con, TABLE):
        raise SnapshotError(
            tr(TR_CONTEXT, "This project database has no indicator snapshot table; upgrade the database first.")
        )


def _county(code: str) -> str:
    code = str(code or "")
    return code if len(code) == 6 and code.isdigit() else "000000"


def store_snapshot(path, plan: I.Plan, report: I.Report, user: str) -> int:
    """Store every figure of ``report`` (of ``plan``) as the snapshot of its date; refused when that plan already has
    a snapshot of that date. Returns the number of rows written."""
    if not (user or "").strip():
        raise SnapshotError(tr(TR_CONTEXT, "Storing a snapshot needs the name of the user who stores it."))
    con = connect(path)
    register_functions(con)
    try:
        _require_table(con)
        if con.execute(
            f"SELECT 1 FROM {TABLE} WHERE plan_id = ? AND as_of = ? LIMIT 1", (plan.id, report.today)
        ).fetchone():
            raise SnapshotError(
                tr(TR_CONTEXT, "The snapshot of {plan} as of {date} is stored already.").format(
                    plan=plan.id, date=report.today
                )
            )
        now = utc_now()
        rows = [
            (str(_uuid.uuid4()), _county(r.area_code), now, user, now, user,
             plan.id, report.today, r.indicator_id, r.area_code, r.area_name, r.numerator, r.denominator, r.value,
             r.target, r.status)
            for r in report.results
        ]  # fmt: skip
        with con:
            con.executemany(
                f"INSERT INTO {TABLE} (uuid, county_code, created_at, created_by, updated_at, updated_by, plan_id, "
                "as_of, indicator_id, area_code, area_name, numerator, denominator, value, target, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)
    finally:
        con.close()


def snapshot_dates(path, plan_id: str) -> list:
    """Dates of the stored snapshots of a plan, oldest first."""
    con = connect(path, readonly=True)
    try:
        if not H.columns(con, TABLE):
            return []
        return [
            r[0]
            for r in con.execute(f"SELECT DISTINCT as_of FROM {TABLE} WHERE plan_id = ? ORDER BY as_of", (plan_id,))
        ]
    finally:
        con.close()


def compare_report(path, plan: I.Plan, as_of: _dt.date) -> I.Report:
    """The figures of ``plan`` as of ``as_of`` for a comparison: the stored snapshot when there is one, else computed
    from the history."""
    return load_snapshot(path, plan, as_of) or I.compute(path, plan, as_of)


def load_snapshot(path, plan: I.Plan, as_of: _dt.date) -> Optional[I.Report]:
    """The stored snapshot of ``plan`` as of ``as_of`` as a report (None when there is none). Indicators the plan no
    longer has are left out; the texts come from the plan."""
    con = connect(path, readonly=True)
    try:
        if not H.columns(con, TABLE):
            return None
        rows = con.execute(
            f"SELECT indicator_id, area_code, area_name, numerator, denominator, value, target, status FROM {TABLE} "
            "WHERE plan_id = ? AND as_of = ? ORDER BY fid",
            (plan.id, as_of.isoformat()),
        ).fetchall()
    finally:
        con.close()
    if not rows:
        return None
    by_id = {i.id: i for i in plan.indicators}
    report = I.Report(
        plan.name_zh, plan.source, as_of.isoformat(), plan.city_code, plan.indicators, unsupported=plan.unsupported
    )
    for iid, area, name, num, den, value, target, status in rows:
        ind = by_id.get(iid)
        if ind is None:
            continue
        expected = I.status_of(value, target, ind.deadline, plan.start, as_of)[1]
        report.results.append(
            I.IndicatorResult(
                iid, ind.name_zh, ind.name_en, area, name or area, int(num or 0), den, value, ind.unit, target,
                ind.deadline, expected, status, ind.numerator_zh, ind.denominator_zh, ind.seed_ref,
            )
        )  # fmt: skip
    return report


def year_end(path, plan: I.Plan, year: int, store: bool = False, user: str = "") -> I.Report:
    """The figures of 31 December of ``year``: the stored snapshot, else computed from the history (and stored when
    ``store``)."""
    day = _dt.date(int(year), 12, 31)
    stored = load_snapshot(path, plan, day)
    if stored is not None:
        return stored
    report = I.compute(path, plan, day)
    if store:
        store_snapshot(path, plan, report, user)
    return report


# ----------------------------------------------------------------------------------------------------------------
# Two dates side by side
# ----------------------------------------------------------------------------------------------------------------
COMPARISON_HEADERS = ["指标", "范围", "分子", "分母", "完成值", "状态", "分子", "分母", "完成值", "状态", "变化"]


def _value_text(r) -> str:
    if r is None or r.value is None:
        return "—"
    return f"{r.value:.1f}%" if r.unit == "%" else f"{r.value:g}"


def comparison_rows(before: I.Report, after: I.Report) -> list:
    """[indicator, area, numerator, denominator, value, status (before), the same (after), change] for every
    indicator and area of ``after`` (an area missing before shows dashes)."""
    old = {(r.indicator_id, r.area_code): r for r in before.results}
    out = []
    for r in after.results:
        b = old.get((r.indicator_id, r.area_code))
        if b is not None and b.value is not None and r.value is not None:
            d = r.value - b.value
            change = (f"{d:+.1f}" + (" 个百分点" if r.unit == "%" else "")) if d else "0"
        else:
            change = "—"
        out.append(
            [
                r.name_zh, r.area_name,
                b.numerator if b else "—", (b.denominator if b and b.denominator is not None else "—"),
                _value_text(b), b.status_zh if b else "—",
                r.numerator, "—" if r.denominator is None else r.denominator, _value_text(r), r.status_zh,
                change,
            ]
        )  # fmt: skip
    return out


def add_comparison_sheet(xlsx_path, before: I.Report, after: I.Report) -> str:
    """Add the sheet 年度对比 (two dates side by side) to a workbook written by ``write_indicator_xlsx``."""
    from ..data import reports

    reports.require_openpyxl()
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment, Font

    wb = load_workbook(str(xlsx_path))
    ws = wb.create_sheet("年度对比", 1)
    ws.append([f"{after.plan_name} 指标对比：{before.today} 与 {after.today}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["", "", before.today, "", "", "", after.today, "", "", "", ""])
    ws.merge_cells(start_row=2, start_column=3, end_row=2, end_column=6)
    ws.merge_cells(start_row=2, start_column=7, end_row=2, end_column=10)
    ws.append(COMPARISON_HEADERS)
    for cell in list(ws[2]) + list(ws[3]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in comparison_rows(before, after):
        ws.append(row)
    for col, width in zip("ABCDEFGHIJK", [30, 14, 8, 8, 10, 10, 8, 8, 10, 10, 14]):
        ws.column_dimensions[col].width = width
    wb.save(str(xlsx_path))
    return str(xlsx_path)
