"""Malformed input files for the fuzz suite: valid lab and ledger tables (CSV and XLSX) damaged in the ways real files
are — flipped, inserted and deleted bytes, truncation, NUL and control characters, a line in another encoding, a
cell too many or too few, stray quotes, duplicate headers, UTF-16, title rows, formulas, random binary — each a
deterministic function of a seed so that a failure can be replayed. Also the one check every importer must pass:
``run_import`` returns "written" (and the database holds exactly what the report wrote) or "refused" (one clear
sentence, the database file unchanged, byte for byte); anything else is raised."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3

import numpy as np

from gw_plugin.core.data import db_errors, tabular
from gw_plugin.core.sources import ledgers
from gw_plugin.core.wells import lab_columns, lab_import

LAB_LONG = [
    ["井编号", "采样日期", "指标", "检测值", "单位"],
    ["W1", "2023-03-15", "硝酸盐（以N计）", "12.5", "mg/L"],
    ["W1", "2023-03-15", "铅", "0.01L", "mg/L"],
    ["W2", "2023年6月15日", "砷", "5", "μg/L"],
    ["W2", "2023/06/15", "pH", "7.35", ""],
    ["W3", "2023-06-15", "三氯乙烯", "ND", "μg/L"],
]
LAB_WIDE = [
    ["点位", "日期", "硝酸盐(mg/L)", "pH", "铅(mg/L)", "备注"],
    ["W1", "2024-01-05", "4.2", "7.0", "0.002", "x"],
    ["W2", "2024-01-06", "3.1", "6.8", "<0.001", ""],
    ["W3", "2024-01-07", "9.9", "7.4", "ND", "复测"],
]
LEDGER = [
    ["单位名称", "统一社会信用代码", "污染源类别", "地址", "县区", "经度", "纬度"],
    ["甲化工有限公司", "", "化工企业", "东路1号", "东县", "", ""],
    ["乙电镀厂", "", "电镀", "西路2号", "西县", "", ""],
    ["丙加油站", "", "加油站", "北路3号", "东县", "", ""],
]
BASES = {"lab_long": LAB_LONG, "lab_wide": LAB_WIDE, "ledger": LEDGER}
NASTY = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u202e",
    "\ufeff",
    "=cmd|' /C calc'!A0",
    "+1",
    "@SUM(A1)",
    '"',
    "\r",
    "\t",
    "inf",
    "1e999",
    "-0.01L",
    "<-1",
    "NaN",
    "2024-06-15T25:61",
    "9" * 401,
    "𠮷",
    "ＪＣ－０２",
    "",
    " ",
    "NA",
]
CLEAN_ERRORS = (
    tabular.TableReadError,
    db_errors.DatabaseProblemError,
    lab_import.ImportRefusedError,
    ledgers.LedgerRefusedError,
    ValueError,
)


def csv_bytes(rows, encoding="utf-8", delimiter=",", newline="\n") -> bytes:
    return (newline.join(delimiter.join(r) for r in rows) + newline).encode(encoding, "replace")


#: damage no importer may accept: a line in another encoding, a cell too many or too few, a duplicate header, binary
MUST_REFUSE = {3, 4, 5, 6}


def damage_kind(seed: int) -> int:
    return int(np.random.default_rng(seed).integers(0, 16))


def mutate(rows, seed: int) -> tuple:
    """(file name suffix, bytes) of one damaged version of ``rows``; ``damage_kind(seed)`` says which damage."""
    rng = np.random.default_rng(seed)
    rows = [list(r) for r in rows]
    kind = int(rng.integers(0, 16))
    enc = ["utf-8", "gb18030", "utf-8-sig"][int(rng.integers(0, 3))]
    if kind == 0:  # flipped bytes
        data = bytearray(csv_bytes(rows, enc))
        for _ in range(int(rng.integers(1, 6))):
            k = int(rng.integers(0, len(data)))
            data[k] ^= int(rng.integers(1, 256))
        return ".csv", bytes(data)
    if kind == 1:  # truncated
        data = csv_bytes(rows, enc)
        return ".csv", data[: int(rng.integers(0, len(data)))]
    if kind == 2:  # a nasty cell
        r, c = int(rng.integers(0, len(rows))), int(rng.integers(0, len(rows[0])))
        rows[r][c] = NASTY[int(rng.integers(0, len(NASTY)))] + rows[r][c] * int(rng.integers(0, 2))
        return ".csv", csv_bytes(rows, enc)
    if kind == 3:  # a line in another encoding
        data = csv_bytes(rows[:-1], "utf-8") + csv_bytes(rows[-1:], "gbk")
        return ".csv", data if rng.random() < 0.5 else csv_bytes(rows[:-1], "gbk") + csv_bytes(rows[-1:], "utf-8")
    if kind == 4:  # a cell too many or too few
        r = int(rng.integers(1, len(rows)))
        rows[r] = rows[r][:-1] if rng.random() < 0.5 else rows[r] + ["x"]
        return ".csv", csv_bytes(rows, enc)
    if kind == 5:  # duplicate header
        rows[0][-1] = rows[0][0]
        return ".csv", csv_bytes(rows, enc)
    if kind == 6:  # random binary
        return ".csv", rng.integers(0, 256, int(rng.integers(1, 3000)), dtype=np.uint8).tobytes()
    if kind == 7:  # UTF-16 with BOM, tabs (Excel's "Unicode text")
        return ".txt", b"\xff\xfe" + csv_bytes(rows, "utf-16-le", "\t", "\r\n")
    if kind == 8:  # title rows above the header
        return ".csv", csv_bytes([["某某报告"], ["说明：第二季度"], [""]] + rows, enc)
    if kind == 9:  # stray quotes
        r = int(rng.integers(0, len(rows)))
        rows[r][int(rng.integers(0, len(rows[r])))] += '"'
        return ".csv", csv_bytes(rows, enc)
    if kind == 10:  # inserted bytes
        data = bytearray(csv_bytes(rows, enc))
        k = int(rng.integers(0, len(data)))
        data[k:k] = rng.integers(0, 256, int(rng.integers(1, 8)), dtype=np.uint8).tobytes()
        return ".csv", bytes(data)
    if kind == 11:  # other delimiters and line ends
        d = [";", "\t", "|"][int(rng.integers(0, 3))]
        return ".csv", csv_bytes(rows, enc, d, "\r\n" if rng.random() < 0.5 else "\n")
    if kind == 12:  # an XLSX with nasty cells
        return ".xlsx", xlsx_bytes(rows, rng)
    if kind == 13:  # a damaged XLSX
        data = bytearray(xlsx_bytes(rows, rng))
        if rng.random() < 0.5:
            return ".xlsx", bytes(data[: int(rng.integers(0, len(data)))])
        for _ in range(int(rng.integers(1, 20))):
            data[int(rng.integers(0, len(data)))] ^= 0xFF
        return ".xlsx", bytes(data)
    if kind == 14:  # values out of every range
        for r in rows[1:]:
            r[-2 if len(r) > 4 else 2] = NASTY[int(rng.integers(12, 19))]
        return ".csv", csv_bytes(rows, enc)
    # header only, or empty
    return ".csv", csv_bytes(rows[:1], enc) if rng.random() < 0.5 else b""


def xlsx_bytes(rows, rng) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    if rng.random() < 0.3:
        ws.title = "隐藏"
        ws["A1"] = "old"
        ws.sheet_state = "hidden"
        ws = wb.create_sheet("数据")
        wb.active = 1
    for r in rows:
        ws.append([_cell(v, rng) for v in r])
    if rng.random() < 0.3:
        ws.insert_rows(1)
        ws["A1"] = "标题"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v, rng):
    p = rng.random()
    if p < 0.05:
        return "=1/0"
    if p < 0.1 and v[:4].isdigit() and "-" in v:
        try:
            return dt.datetime.strptime(v, "%Y-%m-%d")
        except ValueError:
            return v
    if p < 0.15:
        try:
            return float(v)
        except ValueError:
            return v
    return v


def digest(path) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _count(db, table) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    finally:
        con.close()


def run_import(path, db, kind: str) -> str:
    """Import ``path`` as a lab file ("lab_*") or a ledger; "written" or "refused", else an assertion fails."""
    before = digest(db)
    table_name = "pollution_sources" if kind == "ledger" else "sample_results"
    count = _count(db, table_name)
    try:
        table = tabular.read_table(path)
        if kind == "ledger":
            mapping = ledgers.guess(table, "pollution_sources")
            if not mapping.columns:
                raise ValueError("no column recognised")
            rep = ledgers.validate(table, db, mapping)
            ledgers.write(rep, db)
            written = rep.inserted
        else:
            mapping = lab_columns.guess_mapping(table)
            if lab_columns.missing_roles(mapping):
                raise ValueError("the column mapping is incomplete")
            rep = lab_import.validate(table, db, mapping)
            lab_import.write(rep, db)
            written = rep.written_results
    except CLEAN_ERRORS as exc:
        text = str(exc)
        assert text and "Traceback" not in text and len(text) < 2000, (path, text)
        assert digest(db) == before, f"{path}: database changed on error {text!r}"
        return "refused"
    assert _count(db, table_name) == count + written, path
    return "written"
