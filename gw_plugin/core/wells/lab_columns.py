"""First guess of a lab file's column mapping from its headers (Chinese or English), for the import dialog and
gwplugin:importsamples to start from."""

from __future__ import annotations

from ..data import tabular
from . import labvalues
from .lab_report import ColumnMapping


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
