"""Makes the workbook fixtures of tests/data/tables (committed; run again only to change them):
lab_merged_header.xlsx and lab_merged_header.xls — a lab report as Chinese labs send it: a title row and a note row,
a two-row header with merged cells (names above units, a merged group label), Excel date cells, a hidden first
sheet. XLS needs xlwt (not a dependency of the plugin: pip install --target /tmp/xlwt xlwt; PYTHONPATH=/tmp/xlwt).
Usage: python tests/data/tables/make_tables.py
"""

from __future__ import annotations

import datetime as dt
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TITLE = "黄泽市地下水环境监测报告（2023年第二季度）"
NOTE = "报告编号：HZ-2023-Q2；检测单位：黄泽市环境监测中心"
# (well, date, 铅 mg/L, 砷 μg/L, 硝酸盐 mg/L as N, pH)
ROWS = [
    ("W1", dt.datetime(2023, 5, 12), "0.01L", 5, 12.5, 7.2),
    ("W2", dt.datetime(2023, 5, 13), 0.003, "ND", 3.25, 7.85),
]


def make_xlsx(path):
    import openpyxl

    wb = openpyxl.Workbook()
    hidden = wb.active
    hidden.title = "模板"
    hidden["A1"] = "旧模板"
    hidden.sheet_state = "hidden"
    ws = wb.create_sheet("检测结果")
    ws["A1"] = TITLE
    ws.merge_cells("A1:G1")
    ws["A2"] = NOTE
    ws.merge_cells("A2:G2")
    ws["A3"], ws["B3"], ws["C3"], ws["F3"], ws["G3"] = "监测井编号", "采样日期", "检测项目", "pH", "备注"
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:E3")  # a group label over three named columns
    ws.merge_cells("F3:F4")
    ws.merge_cells("G3:G4")
    ws["C4"], ws["D4"], ws["E4"] = "铅(mg/L)", "砷(μg/L)", "硝酸盐(以N计)(mg/L)"
    for r, row in enumerate(ROWS, start=5):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
        ws.cell(r, 2).number_format = "yyyy-mm-dd"
    other = wb.create_sheet("单位")  # names over units, two rows, no group
    other.append(["井编号", "采样日期", "铅", "砷"])
    other.append([None, None, "mg/L", "μg/L"])
    other.append(["W1", dt.datetime(2023, 6, 1), 0.004, 2])
    wb.save(path)


def make_xls(path):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    hidden = wb.add_sheet("模板")
    hidden.write(0, 0, "旧模板")
    hidden.visibility = 1
    ws = wb.add_sheet("检测结果")
    ws.write_merge(0, 0, 0, 6, TITLE)
    ws.write_merge(1, 1, 0, 6, NOTE)
    ws.write_merge(2, 3, 0, 0, "监测井编号")
    ws.write_merge(2, 3, 1, 1, "采样日期")
    ws.write_merge(2, 2, 2, 4, "检测项目")
    ws.write_merge(2, 3, 5, 5, "pH")
    ws.write_merge(2, 3, 6, 6, "备注")
    for c, h in enumerate(("铅(mg/L)", "砷(μg/L)", "硝酸盐(以N计)(mg/L)"), start=2):
        ws.write(3, c, h)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, row in enumerate(ROWS, start=4):
        for c, v in enumerate(row):
            ws.write(r, c, v, date_style if c == 1 else xlwt.Style.default_style)
    wb.set_active_sheet(1)
    wb.save(path)


if __name__ == "__main__":
    make_xlsx(os.path.join(HERE, "lab_merged_header.xlsx"))
    try:
        make_xls(os.path.join(HERE, "lab_merged_header.xls"))
    except ImportError:
        print("xlwt missing: lab_merged_header.xls not made")
