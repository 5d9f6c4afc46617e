"""First guess of a lab file's column mapping from its headers (Chinese or English), for the import dialog and
gwplugin:importsamples to start from. An exact header match wins over a header that only contains a known word
(单位 is the unit, not 检测单位; 监测井编号 is the well, not 监测井类型), and no column serves two roles."""

from __future__ import annotations

from ..data import tabular
from . import labvalues
from .lab_report import ColumnMapping

#: role → (exact spellings, words a header may contain, words that rule a header out); compared lower-cased
ROLES = {
    "well": (
        (
            "井编号",
            "监测井编号",
            "点位编号",
            "监测点位编号",
            "监测点编号",
            "井号",
            "站号",
            "监测井",
            "点位",
            "well",
            "well code",
            "well_code",
            "well id",
        ),
        ("井编号", "点位编号", "监测井", "点位", "well"),
        ("类型", "名称", "type", "name", "深", "层", "坐标"),
    ),
    "date": (
        ("采样日期", "采样时间", "日期", "监测日期", "date", "sampling date", "sampled on", "sample date"),
        ("采样日期", "采样时间", "日期", "date"),
        ("报告", "分析", "检测日期", "report", "analys"),
    ),
    "parameter": (
        ("指标", "检测项目", "监测项目", "项目", "参数", "分析项目", "parameter", "analyte", "determinand"),
        ("指标", "项目", "参数", "parameter", "analyte"),
        ("单位", "编号", "unit"),
    ),
    "value": (
        ("检测值", "检测结果", "结果", "测定值", "数值", "监测值", "value", "result"),
        ("检测值", "结果", "测定值", "数值", "value", "result"),
        ("单位", "评价", "类别", "unit", "class"),
    ),
    "unit": (
        ("单位", "计量单位", "unit", "units"),
        ("单位", "unit"),
        ("检测单位", "送检单位", "采样单位", "委托单位", "单位名称", "监测单位", "分析单位"),
    ),
    "sample_code": (
        ("样品编号", "样品号", "实验室样品编号", "sample", "sample code", "sample id", "sample_code"),
        ("样品编号", "sample"),
        (),
    ),
    "lab": (
        ("检测单位", "实验室", "检测机构", "分析单位", "监测单位", "lab", "laboratory"),
        ("检测单位", "实验室", "检测机构", "lab"),
        (),
    ),
}


def guess_roles(headers: list) -> dict:
    """role → header: exact matches first (for every role), then headers containing a role's word."""
    norm = {h: labvalues.normalise_text(h).lower().strip() for h in headers}
    taken: dict = {}
    for role, (exact, _contains, _exclude) in ROLES.items():
        for sp in exact:
            hit = next((h for h in headers if norm[h] == sp and h not in taken.values()), None)
            if hit is not None:
                taken[role] = hit
                break
    for role, (_exact, contains, exclude) in ROLES.items():
        if role in taken:
            continue
        for sp in contains:
            hit = next(
                (
                    h
                    for h in headers
                    if sp in norm[h] and h not in taken.values() and not any(x in norm[h] for x in exclude)
                ),
                None,
            )
            if hit is not None:
                taken[role] = hit
                break
    return taken


def guess_mapping(table: tabular.Table) -> ColumnMapping:
    """A first guess of the mapping from the headers (Chinese or English), for the dialog to start from."""
    roles = guess_roles(table.headers)
    recognised = sum(1 for h in table.headers if labvalues.recognise_parameter(h))
    layout = "wide" if recognised >= 2 and not ("parameter" in roles and "value" in roles) else "long"
    long_only = layout == "long"
    return ColumnMapping(
        layout=layout,
        well=roles.get("well", ""),
        date=roles.get("date", ""),
        parameter=roles.get("parameter", "") if long_only else "",
        value=roles.get("value", "") if long_only else "",
        unit=roles.get("unit", "") if long_only else "",
        sample_code=roles.get("sample_code", ""),
        lab=roles.get("lab", ""),
        sheet=table.sheet or "",
        header_row=table.header_row if table.header_row != 1 else 0,
    )


def missing_roles(mapping: ColumnMapping) -> list:
    """The roles a mapping still needs before a file can be validated (well, date; long: parameter, value)."""
    need = ["well", "date"] + (["parameter", "value"] if mapping.layout == "long" else [])
    return [r for r in need if not getattr(mapping, r)]
