"""Reading the tables labs and bureaus really send (core/data/tabular.py): real files from tests/data/tables (CSV in
GB18030 and UTF-8 with title rows, XLSX and XLS with title rows, merged two-row headers and a hidden first sheet),
and every way a file could lose data silently — each must be an error naming the line: mixed encodings, short and
long rows, duplicate headers, NUL bytes, binary data, damaged or password-protected workbooks."""

from __future__ import annotations

import codecs
import os
import zipfile

import numpy as np
import openpyxl
import pytest

from gw_plugin.core.data import tabular, tabular_text

TABLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "data", "tables")
LAB_HEADERS = ["监测井编号", "采样日期", "铅(mg/L)", "砷(μg/L)", "硝酸盐(以N计)(mg/L)", "pH", "备注"]
LAB_ROWS = [
    ["W1", "2023-05-12", "0.01L", "5", "12.5", "7.2", None],
    ["W2", "2023-05-13", "0.003", "ND", "3.25", "7.85", None],
]


@pytest.mark.parametrize("name", ["lab_merged_header.xlsx", "lab_merged_header.xls"])
def test_workbook_with_title_rows_merged_header_hidden_first_sheet(name):
    t = tabular.read_table(os.path.join(TABLES, name))
    assert t.sheet == "检测结果"  # the hidden first sheet is not chosen
    assert "模板" in t.sheets and t.hidden_sheets == ["模板"]
    assert t.headers == LAB_HEADERS  # group label 检测项目 left out, units joined to names
    assert t.rows == LAB_ROWS  # date cells as ISO text, numbers as shown
    assert (t.header_row, t.header_rows) == (3, 2)
    assert [t.row_number(k) for k in range(t.nrows)] == [5, 6]


def test_names_over_units_and_a_chosen_sheet_and_header_row():
    path = os.path.join(TABLES, "lab_merged_header.xlsx")
    t = tabular.read_table(path, sheet="单位")
    assert t.headers == ["井编号", "采样日期", "铅(mg/L)", "砷(μg/L)"]
    assert t.rows == [["W1", "2023-06-01", "0.004", "2"]]
    hidden = tabular.read_table(path, sheet="模板")  # chosen by name: read
    assert hidden.headers == ["旧模板"] and hidden.nrows == 0
    forced = tabular.read_table(path, sheet="检测结果", header_row=4)
    assert forced.headers[2:5] == ["铅(mg/L)", "砷(μg/L)", "硝酸盐(以N计)(mg/L)"]
    with pytest.raises(tabular.TableReadError, match="没有|no worksheet"):
        tabular.read_table(path, sheet="无此表")
    assert tabular.sheets_of(path) == [("模板", False), ("检测结果", True), ("单位", True)]


def test_csv_fixtures_gb18030_and_title_rows():
    gb = tabular.read_table(os.path.join(TABLES, "lab_long_gb18030.csv"))
    assert gb.encoding == "gb18030" and gb.headers == ["井编号", "采样日期", "指标", "检测值", "单位"]
    assert gb.columns[3] == ["12.5", "0.01L", "NA"]  # "NA" is text, never a missing value
    titled = tabular.read_table(os.path.join(TABLES, "lab_long_utf8_title.csv"))
    assert titled.header_row == 4 and titled.headers == gb.headers
    assert [titled.row_number(k) for k in range(titled.nrows)] == [5, 7]  # the blank line 6 is skipped, not renumbered


def _write(tmp_path, name, data: bytes) -> str:
    p = tmp_path / name
    p.write_bytes(data)
    return str(p)


def test_mixed_encodings_name_the_line(tmp_path):
    lines = ["井编号,指标,检测值", "W1,硝酸盐,1.5", "W2,铅,0.01"]
    mixed = "\n".join(lines[:2]).encode() + b"\n" + "W3,检测单位甲,2".encode("gbk") + b"\n"
    with pytest.raises(tabular.TableReadError, match="line 3"):
        tabular.read_table(_write(tmp_path, "a.csv", mixed))
    reverse = "\n".join(lines).encode("gbk") + b"\n" + "W4,砷,3".encode() + b"\n"
    with pytest.raises(tabular.TableReadError, match="line 4"):
        tabular.read_table(_write(tmp_path, "b.csv", reverse))
    with pytest.raises(tabular.TableReadError, match="line 2"):
        tabular.detect_encoding(b"a,b\n\xff\xfe\xfd,1\n")


def test_utf16_with_bom_is_read(tmp_path):
    text = "井编号\t指标\t检测值\r\nW1\t硝酸盐\t1.5\r\n"
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        t = tabular.read_table(_write(tmp_path, f"u{enc}.txt", bom + text.encode(enc)))
        assert (
            t.encoding == "utf-16" and t.headers == ["井编号", "指标", "检测值"] and t.rows == [["W1", "硝酸盐", "1.5"]]
        )


@pytest.mark.parametrize(
    "body,line",
    [
        ("a,b,c\n1,2,3\n4,5\n", "3"),  # short
        ("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", "4"),  # long
        ('a,b,c\n1,"2,5",3\n4,5\n', "3"),  # short, with quotes (csv module check)
    ],
)
def test_short_or_long_row_is_an_error_naming_the_line(tmp_path, body, line):
    with pytest.raises(tabular.TableReadError, match=rf"\b{line}\b"):
        tabular.read_table(_write(tmp_path, "r.csv", body.encode()))


def test_duplicate_headers_nul_and_binary_are_refused(tmp_path):
    with pytest.raises(tabular.TableReadError, match="“检测值”"):
        tabular.read_table(_write(tmp_path, "d.csv", "井编号,检测值,检测值\nW1,1,2\n".encode()))
    with pytest.raises(tabular.TableReadError, match="line 2.*NUL"):
        tabular.read_table(_write(tmp_path, "n.csv", b"a,b\nx\x00y,1\n"))
    rng = np.random.default_rng(7)
    with pytest.raises(tabular.TableReadError) as err:
        tabular.read_table(_write(tmp_path, "bin.csv", rng.integers(0, 256, 5000, dtype=np.uint8).tobytes()))
    assert "Traceback" not in str(err.value) and "bin.csv" in str(err.value)
    with pytest.raises(tabular.TableReadError, match="empty|空"):
        tabular.read_table(_write(tmp_path, "e.csv", b"\n\n"))


def test_damaged_and_protected_workbooks(tmp_path):
    with pytest.raises(tabular.TableReadError, match="x.xlsx"):
        tabular.read_table(_write(tmp_path, "x.xlsx", b"PK\x03\x04" + b"\x00" * 200))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    with pytest.raises(tabular.TableReadError, match="password|密码"):
        tabular.read_table(_write(tmp_path, "p.xlsx", ole))
    with pytest.raises(tabular.TableReadError, match="y.xls"):
        tabular.read_table(_write(tmp_path, "y.xls", ole))
    good = open(os.path.join(TABLES, "lab_merged_header.xlsx"), "rb").read()
    with pytest.raises(tabular.TableReadError, match="t.xlsx"):
        tabular.read_table(_write(tmp_path, "t.xlsx", good[: len(good) // 2]))


def test_only_hidden_sheets_are_not_read_silently(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "a"
    wb.create_sheet("v")["A1"] = "b"
    wb["v"].sheet_state = "hidden"
    src = str(tmp_path / "src.xlsx")
    wb.save(src)
    path = str(tmp_path / "h.xlsx")  # every sheet hidden (openpyxl refuses to write that: edit the XML)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'state="visible"', b'state="hidden"')
            zout.writestr(item, data)
    with pytest.raises(tabular.TableReadError, match="hidden|隐藏"):
        tabular.read_table(path)
    assert tabular.read_table(path, sheet="v").headers == ["b"]


def test_same_table_without_pandas_and_progress_cancel(tmp_path, monkeypatch):
    rows = ["井编号,采样日期,指标,检测值"] + [f"W{k},2023-01-01,pH,{k % 14}" for k in range(5000)]
    path = _write(tmp_path, "big.csv", ("\n".join(rows) + "\n").encode())
    seen = []
    with_pd = tabular.read_table(path, progress=seen.append)
    assert seen and seen[-1] == pytest.approx(100.0) and seen == sorted(seen)
    with pytest.raises(InterruptedError):
        tabular.read_table(path, is_canceled=lambda: True)
    assert tabular.pandas_missing_message() == ""
    monkeypatch.setattr(tabular_text, "pandas_module", lambda: None)  # a QGIS without pandas
    without = tabular.read_table(path)
    assert without.headers == with_pd.headers and without.columns == with_pd.columns
    assert "apt install python3-pandas" in tabular.pandas_missing_message()
    xl = tabular.read_table(os.path.join(TABLES, "lab_merged_header.xlsx"))  # openpyxl alone
    assert xl.headers == LAB_HEADERS and xl.rows == LAB_ROWS
