"""The printable per-enterprise dossier and the inspection form to print before a visit (issue 16, item 6).

* :func:`gather` reads everything the bureau keeps on one pollution source (found by uuid, source code or unified
  social credit code): identity (county, park, closure and successor), roster entries with their versions and
  decisions, the dated workflow history (``inspections``, core/sources/history.py), its facilities, its own wells
  (``monitoring_wells.source_uuid``) with their latest GB/T 14848 class, the attachments of the source and of its
  records (photos embedded when they are image files inside ``attachments/``), and the open tasks: the deadlines of
  core/sources/deadlines.py not yet done and spot checks drawn but not yet checked.
* :func:`write_dossier_pdf` prints it; :func:`write_form_pdf` prints the inspection form: identity, facilities with
  a blank column, the last findings, blank fields to fill in the field and the checklist of the workflow inspected.

Both documents are in Chinese or English (``language`` "zh"/"en"); the PDF goes through core/data/reports.py
(QTextDocument onto QPdfWriter, CJK fonts). No widgets.
"""

from __future__ import annotations

import datetime as _dt
import html
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...toolbelt.i18n import tr
from ..data import attachments as A
from ..data import reports
from ..data import schema as S
from . import history as H
from .rosters import connect, county_names

TR_CONTEXT = "dossier"  # the translation context of this module's texts
KINDS = ("dossier", "form")
WORKFLOWS = tuple(H.WORKFLOW_FIELDS)
#: image files QTextDocument can draw (the attachments' other photo types are listed, not embedded)
EMBEDDED_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif"}
MAX_IMAGES = 24  # photos embedded in one dossier (the rest are listed)
LAST_FINDINGS = 5  # findings of the last visits shown on the form

#: the document's own words, (Chinese, English)
WORDS = {
    "dossier": ("污染源档案", "Pollution source dossier"),
    "form": ("现场检查表", "Inspection form"),
    "printed": ("打印日期", "Printed on"),
    "identity": ("基本信息", "Identity"),
    "source_code": ("污染源编号", "Source code"),
    "name": ("单位名称", "Name"),
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "category": ("类别", "Category"),
    "industry": ("行业", "Industry"),
    "scale": ("规模", "Scale"),
    "operating_status": ("运行状态", "Operating status"),
    "address": ("地址", "Address"),
    "county": ("所在县（市、区）", "County"),
    "park": ("所属园区", "Industrial park"),
    "closed_on": ("关闭日期", "Closed on"),
    "successor": ("承继单位", "Successor"),
    "statuses": ("当前状态", "Current status"),
    "rosters": ("名录及版本", "Rosters and versions"),
    "roster": ("名录", "Roster"),
    "status": ("状态", "Status"),
    "version": ("版本", "Version"),
    "decided_on": ("决定日期", "Decided on"),
    "decided_by": ("决定人", "Decided by"),
    "reason": ("理由", "Reason"),
    "history": ("工作流程记录", "Workflow history"),
    "date": ("日期", "Date"),
    "kind": ("类型", "Kind"),
    "workflow": ("工作流程", "Workflow"),
    "status_after": ("变更后状态", "Status after"),
    "year": ("年度", "Year"),
    "result": ("结论", "Result"),
    "inspector": ("检查人", "Inspector"),
    "findings": ("发现问题", "Findings"),
    "facilities": ("设施", "Facilities"),
    "facility_type": ("设施类型", "Facility type"),
    "underground": ("地下或半地下", "Underground"),
    "antiseepage": ("防渗改造", "Anti-seepage"),
    "leak_found": ("发现渗漏", "Leak found"),
    "wells": ("自有监测井及最新水质类别", "Own wells and their latest class"),
    "well_code": ("监测井编号", "Well code"),
    "well_status": ("井状态", "Well status"),
    "latest_class": ("最新水质类别", "Latest class"),
    "sampled_on": ("最新采样日期", "Latest sampling"),
    "governing": ("定类指标", "Governing indicators"),
    "attachments": ("照片及附件", "Photos and attachments"),
    "of_record": ("所属记录", "Record"),
    "caption": ("说明", "Caption"),
    "taken_at": ("拍摄/形成时间", "Taken at"),
    "file": ("文件", "File"),
    "tasks": ("待办事项及期限", "Open tasks and deadlines"),
    "task": ("事项", "Task"),
    "start": ("起算日期", "From"),
    "due": ("期限", "Due"),
    "state": ("状态", "State"),
    "open": ("未到期", "open"),
    "overdue": ("已逾期 {n} 天", "overdue by {n} days"),
    "pending_spot": ("抽查待现场核查（批次抽取于 {d}）", "Spot check drawn on {d}, not yet checked"),
    "none": ("无", "None"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "last_findings": ("以往检查发现的问题", "Findings of the last visits"),
    "check_column": ("本次检查情况", "Found this visit"),
    "to_fill": ("现场填写", "To fill in on site"),
    "blank_date": ("检查日期", "Date of the visit"),
    "blank_inspectors": ("检查人员", "Inspectors"),
    "blank_escort": ("企业陪同人员及电话", "Company escort and phone"),
    "blank_situation": ("现场情况", "Situation found"),
    "blank_problems": ("发现问题", "Problems found"),
    "blank_demands": ("整改要求及期限", "Rectification demanded and deadline"),
    "blank_signatures": ("检查人员签字：|企业负责人签字：", "Inspectors' signatures:|Company's signature:"),
    "checklist": ("检查要点：{w}", "Checklist: {w}"),
    "check": ("检查内容", "Item"),
    "answer_head": ("是／否／不适用", "Yes / No / N/A"),
    "answer": ("□是　□否　□不适用", "□ Yes  □ No  □ N/A"),
    "note": ("备注", "Note"),
}

#: the checklist of each workflow, drafted from the seeds' wording (seed 000 三(二)6 渗漏排查与防渗改造, seed 001
#: 二(一) 自行监测与隐患排查, seed 004 三(三) 详细调查与风险管控); NOT an official form — unverified against a bureau's
#: own inspection record sheet.
CHECKLISTS = {
    "leakage": (
        ("建立地下水污染渗漏排查台账", "A leakage-investigation ledger is kept"),
        ("储罐、管道、池体、堆场等设施逐一排查", "Every tank, pipeline, pond and yard was investigated"),
        ("地下或半地下设施开展防渗性能检测", "Underground facilities were tested for seepage"),
        ("现场无渗漏迹象（地面污染痕迹、异味、土壤变色）", "No sign of leakage on site (stains, odour, soil colour)"),
        ("渗漏排查报告已提交", "The investigation report was submitted"),
        ("发现的问题已制定整改方案并按期整改", "Problems found have a rectification plan kept to its deadlines"),
    ),
    "antiseepage": (
        ("有防渗改造方案", "There is an anti-seepage retrofit plan"),
        ("施工记录及验收材料齐全", "Works records and acceptance documents are complete"),
        ("防渗层完好，无破损、裂缝", "The seepage barrier is intact, no damage or cracks"),
        ("设置渗漏检测设施或监测井", "Leak detection or a monitoring well is in place"),
        ("改造后开展运行检查", "Operation is checked after the retrofit"),
    ),
    "self_monitoring": (
        ("自行监测方案包含地下水", "The self-monitoring plan includes groundwater"),
        ("监测井数量和位置符合方案（上游对照、下游监控）", "Wells as in the plan (up-gradient and down-gradient)"),
        ("按方案频次采样监测", "Sampled at the frequency of the plan"),
        ("检测报告齐全，检测单位具备资质", "Reports complete, laboratory accredited"),
        ("监测数据按要求公开", "Data published as required"),
        ("超标时已报告并排查原因", "Exceedances reported and their cause investigated"),
    ),
    "risk_control": (
        ("已开展详细调查并提交报告", "A detailed survey was carried out and reported"),
        ("已开展风险评估", "A risk assessment was carried out"),
        ("有风险管控或修复方案", "There is a risk-control or remediation plan"),
        ("管控措施已落实", "The control measures are in place"),
        ("已开展效果评估", "The effect was assessed"),
        ("管控期间持续开展地下水监测", "Groundwater is monitored during the control"),
    ),
}


def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


class DossierError(Exception):
    """The dossier cannot be made (message meant for the user)."""


@dataclass
class Dossier:
    source: dict
    county_name: str = ""
    park_name: str = ""
    successor_name: str = ""
    rosters: list = field(default_factory=list)  # roster_entries rows
    history: list = field(default_factory=list)  # inspections rows, oldest first
    facilities: list = field(default_factory=list)
    wells: list = field(default_factory=list)
    attachments: list = field(default_factory=list)  # rows + "record" (which record) + "image" (embeddable path)
    tasks: list = field(default_factory=list)  # (what, start, due, state, days overdue)
    as_of: str = ""


def _rows(con: sqlite3.Connection, sql: str, args: tuple = ()) -> list:
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(sql, args)]
    finally:
        con.row_factory = None


def find_source(con: sqlite3.Connection, key: str) -> dict:
    """The ``pollution_sources`` row whose uuid, source code or credit code is ``key``."""
    k = (key or "").strip()
    if not k:
        raise DossierError(tr(TR_CONTEXT, "Give a source: its uuid, source code or credit code."))
    for sql, arg in (
        ("SELECT * FROM pollution_sources WHERE uuid = ?", k.lower()),
        ("SELECT * FROM pollution_sources WHERE source_code = ?", k),
        ("SELECT * FROM pollution_sources WHERE upper(uscc) = ?", k.upper()),
    ):
        rows = _rows(con, sql, (arg,))
        if len(rows) == 1:
            return rows[0]
        if len(rows) > 1:
            raise DossierError(
                tr(TR_CONTEXT, "{key} names {n} sources: give the source's uuid.").format(key=k, n=len(rows))
            )
    raise DossierError(
        tr(TR_CONTEXT, "No pollution source has the uuid, source code or credit code {key}.").format(key=k)
    )


def _image_path(database, file_path: str) -> Optional[str]:
    """The absolute path of an attachment that is an image file inside the attachments folder, else None."""
    if not file_path:
        return None
    p = A.resolve(database, file_path)
    folder = os.path.realpath(A.attachments_folder(database))
    real = os.path.realpath(p)
    if os.path.dirname(real) != folder or p.suffix.lower() not in EMBEDDED_SUFFIXES or not os.path.isfile(real):
        return None
    return real


def gather(database, key: str, as_of: Optional[_dt.date] = None) -> Dossier:
    """Everything the dossier and the form print about the source ``key`` (uuid, source code or credit code)."""
    from . import deadlines as DL

    as_of = as_of or _dt.date.today()
    if not Path(str(database)).is_file():
        raise DossierError(tr(TR_CONTEXT, "The database {path} does not exist.").format(path=database))
    con = connect(database, readonly=True)
    try:
        src = find_source(con, key)
        u = src["uuid"]
        names = {r[0]: r[1] for r in con.execute("SELECT uuid, name_zh FROM pollution_sources")}
        d = Dossier(source=src, as_of=as_of.isoformat())
        d.county_name = county_names(con).get(src.get("county_code"), src.get("county_code") or "")
        d.park_name = names.get(src.get("park_uuid"), "") if src.get("park_uuid") else ""
        d.successor_name = names.get(src.get("successor_uuid"), "") if src.get("successor_uuid") else ""
        d.rosters = _rows(
            con,
            "SELECT * FROM roster_entries WHERE source_uuid = ? ORDER BY roster, coalesce(decided_on, created_at), fid",
            (u,),
        )
        d.history = _rows(
            con, "SELECT * FROM inspections WHERE source_uuid = ? ORDER BY substr(inspected_on, 1, 10), fid", (u,)
        )
        d.facilities = _rows(con, "SELECT * FROM source_facilities WHERE source_uuid = ? ORDER BY fid", (u,))
        d.wells = _rows(con, "SELECT * FROM monitoring_wells WHERE source_uuid = ? ORDER BY well_code", (u,))
        parents = [("pollution_sources", u, "")]
        parents += [("inspections", r["uuid"], f"{(r.get('inspected_on') or '')[:10]}") for r in d.history]
        parents += [("source_facilities", r["uuid"], r.get("name_zh") or "") for r in d.facilities]
        parents += [("monitoring_wells", r["uuid"], r.get("well_code") or "") for r in d.wells]
        if H.columns(con, "hidden_dangers"):
            for r in _rows(con, "SELECT uuid, facility, description FROM hidden_dangers WHERE source_uuid = ?", (u,)):
                parents.append(("hidden_dangers", r["uuid"], r.get("facility") or r.get("description") or ""))
        for table, puuid, label in parents:
            for a in _rows(
                con,
                "SELECT * FROM attachments WHERE parent_table = ? AND parent_uuid = ? ORDER BY created_at, fid",
                (table, puuid),
            ):
                a["record"] = (table, label)
                a["image"] = _image_path(database, a.get("file_path"))
                d.attachments.append(a)
        from .spotcheck import pending_sources

        pending = u in pending_sources(con)
        drawn = con.execute(
            "SELECT max(substr(inspected_on, 1, 10)) FROM inspections WHERE kind = 'spot_check' AND source_uuid = ? "
            "AND (result IS NULL OR result = '')",
            (u,),
        ).fetchone()[0]
    finally:
        con.close()
    for t in DL.tasks(database, as_of):
        if t.source_uuid == u and t.state != "done":
            d.tasks.append((t.what_zh, t.start, t.due, t.state, t.days_overdue))
    if pending:
        d.tasks.append(("pending_spot", drawn or "", "", "open", 0))
    return d


# -- printing ----------------------------------------------------------------------------------------------------
def _w(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return zh if lang == "zh" else en


def _label(codelist: str, code, lang: str) -> str:
    if code in (None, ""):
        return ""
    try:
        return S.codelist(codelist).label(str(code), lang)
    except KeyError:
        return str(code)


def _status_label(workflow, code, lang: str) -> str:
    name = H.WORKFLOW_FIELDS.get(workflow or "")
    return _label(name, code, lang) if name else ("" if code is None else str(code))


def _yes_no(v, lang: str) -> str:
    return "" if v is None else _w("yes" if v else "no", lang)


def _identity(d: Dossier, lang: str) -> str:
    s = d.source
    name = s.get("name_zh") or ""
    if lang != "zh" and s.get("name_en"):
        name = f"{s['name_en']} ({name})"
    pairs = [
        ("source_code", s.get("source_code")),
        ("name", name),
        ("uscc", s.get("uscc")),
        ("category", _label("source_category", s.get("category"), lang)),
        ("industry", s.get("industry")),
        ("scale", _label("source_scale", s.get("scale"), lang)),
        ("operating_status", _label("operating_status", s.get("operating_status"), lang)),
        ("address", s.get("address")),
        ("county", d.county_name),
        ("park", d.park_name),
        ("closed_on", (s.get("closed_on") or "")[:10]),
        ("successor", d.successor_name),
    ]
    rows = "".join(
        f"<tr><td width=28% bgcolor='#eef2f8'>{_esc(_w(k, lang))}</td><td>{_esc(v)}</td></tr>"
        for k, v in pairs
        if v not in (None, "")
    )
    return f"<h3>{_w('identity', lang)}</h3><table border=1 cellspacing=0 cellpadding=3 width=100%>{rows}</table>"


def _statuses(d: Dossier, lang: str) -> str:
    s = d.source
    rows = [
        [_label("source_workflow", wf, lang), _label(fname, s.get(fname), lang)]
        for wf, fname in H.WORKFLOW_FIELDS.items()
        if s.get(fname)
    ]
    if not rows:
        return ""
    return f"<h3>{_w('statuses', lang)}</h3>" + _table([_w("workflow", lang), _w("status", lang)], rows, [40, 60])


def _table(headers: list, rows: list, widths=None, nowrap: tuple = ()) -> str:
    """A bordered table; the columns in ``nowrap`` (dates, codes) are never broken across lines."""
    head = "".join(
        f'<th{f" width={widths[i]}%" if widths else ""} bgcolor="#d9e1f2">{_esc(h)}</th>' for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="white-space:nowrap">{_esc(v)}</td>' if i in nowrap else f"<td>{_esc(v)}</td>"
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _section(title: str, headers: list, rows: list, lang: str, widths=None, nowrap: tuple = ()) -> str:
    body = _table(headers, rows, widths, nowrap) if rows else f"<p>{_w('none', lang)}</p>"
    return f"<h3>{_esc(title)}</h3>{body}"


def _history_rows(rows: list, lang: str) -> list:
    return [
        [
            (r.get("inspected_on") or "")[:10],
            _label("inspection_kind", r.get("kind"), lang),
            _label("source_workflow", r.get("workflow"), lang),
            _status_label(r.get("workflow"), r.get("status_after"), lang),
            r.get("period_year") or "",
            _label("inspection_result", r.get("result"), lang),
            r.get("inspector") or "",
            r.get("findings") or "",
        ]
        for r in rows
    ]


def _facility_rows(d: Dossier, lang: str, blank: bool = False) -> list:
    return [
        [
            _label("facility_type", f.get("facility_type"), lang),
            f.get("name_zh") or "",
            _yes_no(f.get("underground"), lang),
            _label("antiseepage_status", f.get("antiseepage_status"), lang),
            "" if blank else _yes_no(f.get("leak_found"), lang),
        ]
        for f in d.facilities
    ]


def _task_rows(d: Dossier, lang: str) -> list:
    out = []
    for what, start, due, state, late in d.tasks:
        if what == "pending_spot":
            what = _w("pending_spot", lang).format(d=start)
        label = _w("overdue", lang).format(n=late) if state == "overdue" else _w("open", lang)
        out.append([what, start, due, label])
    return out


def _title(d: Dossier, kind: str, lang: str) -> str:
    s = d.source
    return f"{s.get('name_zh') or ''} {_w(kind, lang)}"


def dossier_html(d: Dossier, lang: str = "zh") -> tuple:
    """(HTML body, {image name: path}) of the dossier."""
    w = lambda k: _w(k, lang)  # noqa: E731
    parts = [
        f"<h2 align=center>{_esc(_title(d, 'dossier', lang))}</h2>",
        f"<p>{w('printed')}{'：' if lang == 'zh' else ': '}{_esc(d.as_of)}</p>",
        _identity(d, lang),
        _statuses(d, lang),
    ]
    roster_rows = [
        [
            _label("roster_kind", r.get("roster"), lang),
            _label("roster_status", r.get("status"), lang),
            r.get("roster_version") or "",
            (r.get("decided_on") or "")[:10],
            r.get("decided_by") or "",
            r.get("reason") or "",
        ]
        for r in d.rosters
    ]
    parts.append(
        _section(
            w("rosters"),
            [w("roster"), w("status"), w("version"), w("decided_on"), w("decided_by"), w("reason")],
            roster_rows,
            lang,
            [20, 10, 12, 12, 10, 36],
            (2, 3),
        )
    )
    parts.append(
        _section(
            w("history"),
            [w("date"), w("kind"), w("workflow"), w("status_after"), w("year"), w("result"), w("inspector"),
             w("findings")],
            _history_rows(d.history, lang),
            lang,
            [10, 10, 11, 12, 6, 7, 9, 35],
            (0, 4),
        )
    )  # fmt: skip
    parts.append(
        _section(
            w("facilities"),
            [w("facility_type"), w("name"), w("underground"), w("antiseepage"), w("leak_found")],
            _facility_rows(d, lang),
            lang,
        )
    )
    well_rows = [
        [
            r.get("well_code") or "",
            r.get("name_zh") or "",
            _label("well_status", r.get("status"), lang),
            r.get("latest_class") or "",
            (r.get("latest_sampled_on") or "")[:10],
            r.get("latest_governing") or "",
        ]
        for r in d.wells
    ]
    parts.append(
        _section(
            w("wells"),
            [w("well_code"), w("name"), w("well_status"), w("latest_class"), w("sampled_on"), w("governing")],
            well_rows,
            lang,
            None,
            (0, 3, 4),
        )
    )
    att_rows, images = [], {}
    for a in d.attachments:
        table, label = a["record"]
        t = S.TABLES_BY_NAME.get(table)
        record = (t.zh if lang == "zh" else t.en) if t else table
        att_rows.append(
            [f"{record} {label}".strip(), _label("attachment_kind", a.get("kind"), lang), a.get("caption") or "",
             (a.get("taken_at") or "")[:16], a.get("file_path") or ""]
        )  # fmt: skip
    parts.append(
        _section(
            w("attachments"),
            [w("of_record"), w("kind"), w("caption"), w("taken_at"), w("file")],
            att_rows,
            lang,
            [20, 10, 25, 15, 30],
        )
    )
    for a in [a for a in d.attachments if a["image"]][:MAX_IMAGES]:
        name = f"att{len(images)}"
        images[name] = a["image"]
        caption = _esc(a.get("caption") or os.path.basename(a.get("file_path") or ""))
        parts.append(f'<p><img src="{name}" width="420"><br>{caption}</p>')
    parts.append(
        _section(
            w("tasks"),
            [w("task"), w("start"), w("due"), w("state")],
            _task_rows(d, lang),
            lang,
            [52, 14, 14, 20],
            (1, 2),
        )
    )
    return "".join(parts), images


def choose_workflow(d: Dossier, workflow: Optional[str] = None) -> str:
    """The workflow a form checks: the one asked, else the workflow of the source's latest step, else leakage."""
    if workflow:
        if workflow not in CHECKLISTS:
            raise DossierError(tr(TR_CONTEXT, "Unknown workflow {w}.").format(w=workflow))
        return workflow
    steps = [r.get("workflow") for r in d.history if r.get("workflow") in CHECKLISTS]
    return steps[-1] if steps else "leakage"


def form_html(d: Dossier, lang: str = "zh", workflow: Optional[str] = None) -> str:
    """HTML body of the inspection form for the workflow inspected."""
    w = lambda k: _w(k, lang)  # noqa: E731
    wf = choose_workflow(d, workflow)
    parts = [
        f"<h2 align=center>{_esc(_title(d, 'form', lang))}</h2>",
        f"<p>{w('printed')}{'：' if lang == 'zh' else ': '}{_esc(d.as_of)}</p>",
        _identity(d, lang),
        _statuses(d, lang),
        _section(
            w("facilities"),
            [w("facility_type"), w("name"), w("underground"), w("antiseepage"), w("check_column")],
            _facility_rows(d, lang, blank=True),
            lang,
            [16, 24, 10, 16, 34],
        ),
    ]
    found = [r for r in d.history if (r.get("findings") or "").strip()][-LAST_FINDINGS:]
    parts.append(
        _section(
            w("last_findings"),
            [w("date"), w("kind"), w("result"), w("findings")],
            [r[:2] + r[5:6] + r[7:8] for r in _history_rows(found, lang)],
            lang,
            [12, 14, 10, 64],
            (0,),
        )
    )
    tasks = _task_rows(d, lang)
    if tasks:
        parts.append(
            _section(w("tasks"), [w("task"), w("start"), w("due"), w("state")], tasks, lang, [52, 14, 14, 20], (1, 2))
        )
    items = [[i, zh if lang == "zh" else en, w("answer"), ""] for i, (zh, en) in enumerate(CHECKLISTS[wf], 1)]
    parts.append(
        _section(
            w("checklist").format(w=_label("source_workflow", wf, lang)),
            ["#", w("check"), w("answer_head"), w("note")],
            items,
            lang,
            [5, 52, 20, 23],
            (2,),
        )
    )
    blanks = "".join(
        f"<tr><td width=24% bgcolor='#eef2f8'>{_esc(w(k))}</td><td>&nbsp;{'<br>' * lines}</td></tr>"
        for k, lines in (("blank_date", 1), ("blank_inspectors", 1), ("blank_escort", 1), ("blank_situation", 6),
                         ("blank_problems", 6), ("blank_demands", 4))
    )  # fmt: skip
    sign = "".join(f"<td width=50%>{_esc(text)}<br><br><br></td>" for text in w("blank_signatures").split("|"))
    parts.append(
        f"<h3>{w('to_fill')}</h3><table border=1 cellspacing=0 cellpadding=4 width=100%>{blanks}</table>"
        f"<p></p><table cellspacing=0 cellpadding=4 width=100%><tr>{sign}</tr></table>"
    )
    return "".join(parts)


def _language(language: str) -> str:
    return "zh" if str(language or "zh").lower().startswith("zh") else "en"


def write_dossier_pdf(pdf_path, database, key: str, language: str = "zh", as_of: Optional[_dt.date] = None) -> str:
    """Print the dossier of the source ``key`` to ``pdf_path`` (A4 landscape: the history is wide)."""
    lang = _language(language)
    d = gather(database, key, as_of)
    body, images = dossier_html(d, lang)
    return reports.html_to_pdf(pdf_path, body, images, landscape=True, title=_title(d, "dossier", lang))


def write_form_pdf(
    pdf_path, database, key: str, language: str = "zh", workflow: Optional[str] = None, as_of=None
) -> str:
    """Print the inspection form of the source ``key`` for ``workflow`` (default: its latest) to ``pdf_path``
    (A4 portrait)."""
    lang = _language(language)
    d = gather(database, key, as_of)
    return reports.html_to_pdf(pdf_path, form_html(d, lang, workflow), landscape=False, title=_title(d, "form", lang))


def write_pdf(pdf_path, database, key: str, kind: str = "dossier", language: str = "zh", workflow=None) -> str:
    """The dossier or the inspection form (``kind``)."""
    if kind not in KINDS:
        raise DossierError(tr(TR_CONTEXT, "Unknown document kind {k}: dossier or form.").format(k=kind))
    if kind == "dossier":
        return write_dossier_pdf(pdf_path, database, key, language)
    return write_form_pdf(pdf_path, database, key, language, workflow)
