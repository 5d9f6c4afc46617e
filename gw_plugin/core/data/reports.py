"""Workbooks (openpyxl) and PDF reports (QTextDocument → QPdfWriter, no widgets) for rosters, indicators and tables.

Official roster layout (issue 4 item 3): a title row, a note row, then the columns 序号, 单位名称, 统一社会信用代码,
所在县（市、区）, 类别, 地址, 纳入理由. Indicator reports: a summary sheet for the city, one sheet per indicator by
county, and a sheet with each indicator's definition (numerator, denominator, target, deadline, seed section);
the PDF adds a bar chart per indicator drawn with matplotlib (Agg backend, imported lazily; without matplotlib the
PDF says so and carries the tables only).

Every text cell of a workbook or CSV the plugin writes is kept as text, never run as a formula (``safe_csv_cell``,
``keep_text``): a lab name or header "=cmd|' /C calc'!A0" read from a user's file stays harmless in the export.

PDF rendering needs a QGuiApplication (present in QGIS and in qgis_process); fonts: a CJK font such as
WenQuanYi Micro Hei must be installed for Chinese text.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import tempfile
from pathlib import Path
from typing import Optional, Sequence

from ...toolbelt.i18n import tr
from . import schema as S

TR_CONTEXT = "xlsx_report"  # the translation context of this module's texts

ROSTER_HEADERS = ["序号", "单位名称", "统一社会信用代码", "所在县（市、区）", "类别", "地址", "纳入理由"]
ROSTER_WIDTHS = [6, 36, 22, 16, 18, 36, 60]
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "SimHei", "Microsoft YaHei"]


def roster_title(roster: str, version: Optional[str] = None, city: str = "") -> str:
    label = S.codelist("roster_kind").label(roster, "zh")
    title = f"{city}{label}"
    if version:
        title += f"（{version}版）"
    return title


# ----------------------------------------------------------------------------------------------------------------
# Formula injection: text that a spreadsheet would run (OWASP, "CSV Injection": cells beginning with = + - @, tab, CR)
# ----------------------------------------------------------------------------------------------------------------
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_csv_cell(value):
    """``value`` for a CSV cell that Excel will not run: text beginning with = + - @ tab or CR gets a leading
    apostrophe (shown by Excel as the text itself); numbers and text that is a plain number ("-0.5") stay."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def keep_text(cell):
    """An openpyxl cell holding text stays text (openpyxl stores any string beginning with "=" as a formula)."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


def write_csv(path, headers: Sequence, rows) -> str:
    """A CSV (UTF-8 with BOM, so Excel opens it) whose text cells cannot run as formulas."""
    import csv

    with open(path, "w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow([safe_csv_cell(h) for h in headers])
        for r in rows:
            w.writerow([safe_csv_cell(v) for v in r])
    return str(path)


# ----------------------------------------------------------------------------------------------------------------
# openpyxl helpers
# ----------------------------------------------------------------------------------------------------------------
class XlsxUnavailableError(RuntimeError):
    """openpyxl is missing: XLSX export is disabled (PDF and CSV outputs still work)."""


def require_openpyxl():
    """The openpyxl module, or a clear error saying how to install it (it is optional: QGIS does not always ship it)."""
    try:
        import openpyxl
    except ImportError:
        from qgis.PyQt.QtCore import QCoreApplication

        raise XlsxUnavailableError(
            QCoreApplication.translate(
                "xlsx_report",
                "XLSX export needs the Python package openpyxl. Install it (OSGeo4W or Debian: python3-openpyxl; "
                "otherwise pip install openpyxl) or export PDF/CSV.",
            )
        ) from None
    return openpyxl


def _styles():
    require_openpyxl()
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "title": Font(name="SimSun", size=14, bold=True),
        "head": Font(name="SimHei", size=11, bold=True),
        "body": Font(name="SimSun", size=10),
        "fill": PatternFill("solid", fgColor="D9E1F2"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "wrap": Alignment(vertical="center", wrap_text=True),
    }


def _table_sheet(ws, title: str, note: str, headers: Sequence, rows: Sequence, widths: Optional[Sequence] = None):
    from openpyxl.utils import get_column_letter

    st = _styles()
    ncol = len(headers)
    keep_text(ws.cell(row=1, column=1, value=title)).font = st["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(row=1, column=1).alignment = st["center"]
    keep_text(ws.cell(row=2, column=1, value=note)).font = st["body"]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    for j, h in enumerate(headers, start=1):
        c = keep_text(ws.cell(row=3, column=j, value=h))
        c.font, c.fill, c.border, c.alignment = st["head"], st["fill"], st["border"], st["center"]
    for i, row in enumerate(rows, start=4):
        for j, v in enumerate(row, start=1):
            c = keep_text(ws.cell(row=i, column=j, value=v))
            c.font, c.border, c.alignment = st["body"], st["border"], st["wrap"]
    for j in range(1, ncol + 1):
        w = widths[j - 1] if widths and j - 1 < len(widths) else 16
        ws.column_dimensions[get_column_letter(j)].width = w
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1


def _safe_sheet_title(text: str, used: set) -> str:
    bad = "[]:*?/\\"
    t = "".join("_" if ch in bad else ch for ch in text)[:28] or "Sheet"
    base, k = t, 2
    while t in used:
        t = f"{base[:25]}_{k}"
        k += 1
    used.add(t)
    return t


def write_table_xlsx(path, title: str, headers: Sequence, rows: Sequence, note: str = "", sheet: str = "表") -> str:
    """A one-sheet workbook in the same layout (title, note, header row 3, data from row 4)."""
    require_openpyxl()
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    _table_sheet(ws, title, note, headers, rows)
    wb.save(str(path))
    return str(path)


def write_roster_xlsx(path, roster: str, rows: Sequence, version: Optional[str] = None, city: str = "") -> str:
    """The official roster listing (rows: roster_publication.RosterRow)."""
    require_openpyxl()
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = S.codelist("roster_kind").label(roster, "zh")[:31]
    note = "版本：{v}    生成日期：{d}    共{n}家".format(
        v=version or "当前已确认（未发布）", d=_dt.date.today().isoformat(), n=len(rows)
    )
    data = [[r.no, r.name, r.uscc, r.county, r.category, r.address, r.reason] for r in rows]
    _table_sheet(ws, roster_title(roster, version, city), note, ROSTER_HEADERS, data, ROSTER_WIDTHS)
    wb.save(str(path))
    return str(path)


# ----------------------------------------------------------------------------------------------------------------
# PDF through QTextDocument
# ----------------------------------------------------------------------------------------------------------------
def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


def html_table(headers: Sequence, rows: Sequence, widths: Optional[Sequence] = None) -> str:
    head = "".join(
        f'<th{f" width={widths[i]}%" if widths else ""} bgcolor="#d9e1f2">{_esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join("<tr>" + "".join(f"<td>{_esc(v)}</td>" for v in r) + "</tr>" for r in rows)
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def html_to_pdf(path, body_html: str, images: Optional[dict] = None, landscape: bool = True, title: str = "") -> str:
    """Render an HTML fragment to an A4 PDF. ``images``: {name: PNG path} referenced as <img src="name">."""
    from qgis.PyQt.QtCore import QMarginsF, QUrl
    from qgis.PyQt.QtGui import QFont, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle(title)
    writer.setCreator("gw_plugin")
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter
        )
    )
    doc = QTextDocument()
    font = QFont()
    if hasattr(font, "setFamilies"):
        font.setFamilies(CJK_FONTS)
    else:  # Qt < 5.13
        font.setFamily(CJK_FONTS[0])
    font.setPointSizeF(9)
    doc.setDefaultFont(font)
    for name, png in (images or {}).items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), QImage(str(png)))
    doc.setHtml(f'<html><head><meta charset="utf-8"></head><body>{body_html}</body></html>')
    # QTextDocument.print_ (PyQt5) / print (PyQt6) paginates onto the writer.
    printer = getattr(doc, "print_", None) or doc.print
    printer(writer)
    return str(path)


def write_roster_pdf(path, roster: str, rows: Sequence, version: Optional[str] = None, city: str = "") -> str:
    title = roster_title(roster, version, city)
    note = "版本：{v}　生成日期：{d}　共{n}家".format(
        v=_esc(version or "当前已确认（未发布）"), d=_dt.date.today().isoformat(), n=len(rows)
    )
    data = [[r.no, r.name, r.uscc, r.county, r.category, r.address, r.reason] for r in rows]
    body = f"<h2 align=center>{_esc(title)}</h2><p>{note}</p>" + html_table(
        ROSTER_HEADERS, data, [5, 16, 17, 9, 9, 16, 28]
    )
    return html_to_pdf(path, body, title=title)


# ----------------------------------------------------------------------------------------------------------------
# Indicator reports
# ----------------------------------------------------------------------------------------------------------------
STATUS_COLOURS = {"met": "#1a9641", "on_track": "#f4a700", "behind": "#d7191c", "no_data": "#9e9e9e"}

INDICATOR_HEADERS = [
    "指标",
    "范围",
    "分子",
    "分母",
    "完成值",
    "目标",
    "期限",
    "状态",
    "分子说明",
    "分母说明",
    "依据（方案条款）",
]


def _fmt_value(r) -> str:
    if r.value is None:
        return "—"
    return f"{r.value:.1f}%" if r.unit == "%" else f"{r.value:g}"


def _fmt_target(r) -> str:
    return f"{r.target:g}%" if r.unit == "%" else f"{r.target:g}"


def indicator_row(r) -> list:
    return [
        r.name_zh,
        r.area_name,
        r.numerator,
        r.denominator,
        _fmt_value(r),
        _fmt_target(r),
        r.deadline,
        r.status_zh,
        r.numerator_zh,
        r.denominator_zh,
        r.seed_ref,
    ]


def write_indicator_xlsx(path, report) -> str:
    """Workbook of an indicators.Report: 汇总 (city), one sheet per indicator by county, 指标说明."""
    require_openpyxl()
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    city_rows = [r for r in report.results if r.area_code == report.city_code]
    note = f"方案：{report.plan_name}　统计日期：{report.today}　状态：达标 / 按期推进 / 滞后 / 无数据"
    _table_sheet(
        ws,
        f"{report.plan_name} 指标完成情况",
        note,
        INDICATOR_HEADERS,
        [indicator_row(r) for r in city_rows],
        [30, 12, 8, 8, 10, 8, 12, 10, 36, 36, 40],
    )
    _colour_status(ws, 8, PatternFill)
    used = {"汇总", "指标说明"}
    for ind in report.indicators:
        rows = [r for r in report.results if r.indicator_id == ind.id]
        if not rows:
            continue
        sh = wb.create_sheet(_safe_sheet_title(ind.short_zh or ind.name_zh, used))
        _table_sheet(
            sh,
            ind.name_zh,
            f"分子：{ind.numerator_zh}；分母：{ind.denominator_zh}",
            INDICATOR_HEADERS,
            [indicator_row(r) for r in rows],
            [30, 12, 8, 8, 10, 8, 12, 10, 36, 36, 40],
        )
        _colour_status(sh, 8, PatternFill)
    defs = wb.create_sheet("指标说明")
    _table_sheet(
        defs,
        "指标说明",
        f"方案配置：{report.plan_source}",
        ["编号", "指标", "Indicator", "分子", "分母", "目标", "期限", "方案原文", "依据"],
        [
            [
                i.id,
                i.name_zh,
                i.name_en,
                i.numerator_zh,
                i.denominator_zh,
                _fmt_target(i),
                i.deadline,
                i.quote,
                i.seed_ref,
            ]
            for i in report.indicators
        ]
        + [
            [
                u.get("id", ""),
                u.get("name_zh", ""),
                u.get("name_en", ""),
                "—",
                "—",
                u.get("target", ""),
                u.get("deadline", ""),
                u.get("quote", ""),
                "数据不支持：" + u.get("why_zh", ""),
            ]
            for u in report.unsupported
        ],
        [22, 30, 30, 36, 36, 8, 12, 50, 30],
    )
    wb.save(str(path))
    return str(path)


def _colour_status(ws, col: int, PatternFill) -> None:
    zh_to_code = {"达标": "met", "按期推进": "on_track", "滞后": "behind", "无数据": "no_data"}
    for row in ws.iter_rows(min_row=4, min_col=col, max_col=col):
        for c in row:
            code = zh_to_code.get(c.value)
            if code:
                c.fill = PatternFill("solid", fgColor=STATUS_COLOURS[code].lstrip("#"))


def indicator_charts(report, folder) -> tuple:
    """One PNG bar chart per indicator (value by county and city, target line). Returns ({name: png}, note)."""
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        from matplotlib import font_manager
        from matplotlib import pyplot as plt
    except Exception as exc:  # noqa: BLE001 - any import failure means: no charts
        return {}, tr(TR_CONTEXT, "Charts are missing: matplotlib could not be loaded ({error}).").format(error=exc)
    have = {f.name for f in font_manager.fontManager.ttflist}
    fonts = [f for f in CJK_FONTS if f in have] + ["DejaVu Sans"]
    images = {}
    for k, ind in enumerate(report.indicators):
        rows = [r for r in report.results if r.indicator_id == ind.id]
        if not rows:
            continue
        labels = [r.area_name for r in rows]
        values = [r.value if r.value is not None else 0.0 for r in rows]
        colours = [STATUS_COLOURS[r.status] for r in rows]
        with matplotlib.rc_context(
            {"font.sans-serif": fonts, "font.family": "sans-serif", "axes.unicode_minus": False}
        ):
            fig, ax = plt.subplots(figsize=(7.5, 2.8), dpi=110)
            ax.bar(range(len(rows)), values, color=colours)
            ax.axhline(ind.target, color="#333333", linestyle="--", linewidth=1)
            ax.set_ylim(0, max([ind.target, *values]) * 1.2 or 1.0)
            ax.text(len(rows) - 0.5, ind.target, f" 目标 {_fmt_target(ind)}", va="bottom", ha="right", fontsize=8)
            ax.set_xticks(range(len(rows)))
            ax.set_xticklabels(labels, fontsize=8)
            ax.set_ylabel("%" if ind.unit == "%" else "", fontsize=8)
            ax.set_title(ind.name_zh, fontsize=9)
            for i, r in enumerate(rows):
                ax.text(i, values[i], _fmt_value(r), ha="center", va="bottom", fontsize=7)
            fig.tight_layout()
            png = os.path.join(str(folder), f"chart_{k}.png")
            fig.savefig(png)
            plt.close(fig)
        images[f"chart_{k}.png"] = png
    return images, ""


def write_indicator_pdf(path, report, charts: bool = True) -> str:
    """PDF: title, the city summary with traffic lights, then per indicator its chart and county table."""
    with tempfile.TemporaryDirectory() as tmp:
        images, note = indicator_charts(report, tmp) if charts else ({}, "")
        city_rows = [r for r in report.results if r.area_code == report.city_code]
        parts = [
            f"<h2 align=center>{_esc(report.plan_name)} 指标完成情况报告</h2>",
            f"<p>统计日期：{_esc(report.today)}　方案配置：{_esc(Path(report.plan_source).name)}</p>",
        ]
        if note:
            parts.append(f"<p><b>{_esc(note)}</b></p>")
        parts.append("<h3>汇总（全市）</h3>" + _status_table(city_rows))
        for k, ind in enumerate(report.indicators):
            rows = [r for r in report.results if r.indicator_id == ind.id]
            parts.append(f"<h3>{_esc(ind.name_zh)}</h3>")
            parts.append(
                f"<p>分子：{_esc(ind.numerator_zh)}；分母：{_esc(ind.denominator_zh)}；目标 {_esc(_fmt_target(ind))}，"
                f"期限 {_esc(ind.deadline)}；依据：{_esc(ind.seed_ref)}</p>"
            )
            if f"chart_{k}.png" in images:
                parts.append(f'<p><img src="chart_{k}.png" width="800"></p>')
            parts.append(_status_table(rows))
        if report.unsupported:
            parts.append("<h3>数据暂不支持的指标</h3>")
            parts.append(
                html_table(["指标", "原因"], [[u.get("name_zh", ""), u.get("why_zh", "")] for u in report.unsupported])
            )
        return html_to_pdf(path, "".join(parts), images, title=report.plan_name)


def _status_table(rows) -> str:
    head = "".join(
        f'<th bgcolor="#d9e1f2">{h}</th>' for h in ["指标", "范围", "分子", "分母", "完成值", "目标", "期限", "状态"]
    )
    body = []
    for r in rows:
        cells = [r.name_zh, r.area_name, r.numerator, r.denominator, _fmt_value(r), _fmt_target(r), r.deadline]
        tds = "".join(f"<td>{_esc(c)}</td>" for c in cells)
        body.append(f'<tr>{tds}<td bgcolor="{STATUS_COLOURS[r.status]}">{_esc(r.status_zh)}</td></tr>')
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr>{head}</tr>{"".join(body)}</table>'
