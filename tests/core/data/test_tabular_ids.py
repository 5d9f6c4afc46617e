"""Reading tables fast and bulk identifiers: the plain-CSV fast path of core/data/tabular.py gives exactly what the csv
module gives (and steps aside for quotes and ragged lines); version-7 UUID batches are valid, distinct, increasing,
and blocks aligned for SQL-side generation differ only in their last hex digits."""

from __future__ import annotations

import csv
import io
import sqlite3
import uuid

import pytest

from gw_plugin.core.data import ids, tabular, tabular_text
from gw_plugin.core.wells import lab_write


def _by_csv_module(text: str, delimiter: str) -> tuple:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    headers = next(reader)
    rows = [r for r in reader if any(r)]
    return headers, rows


@pytest.mark.parametrize(
    "text,delimiter",
    [
        ("井编号,日期,指标\r\nW1,2023-01-02,硝酸盐\r\nW2,2023-01-03,pH\r\n", ","),
        ("a;b;c\nx;;z\n\n;;\ny;2;\n\n\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("only,header\n", ","),
        ("a,b\n 1 , 2 \n3,4", ","),  # no final newline; spaces kept as written
    ],
)
def test_plain_split_equals_csv_module(text, delimiter):
    got = tabular_text.split_plain(text.replace("\r\n", "\n"), delimiter)
    assert got is not None
    headers, columns = got
    want_headers, want_rows = _by_csv_module(text, delimiter)
    assert headers == want_headers
    table = tabular.Table("x", headers, columns=columns)
    assert table.rows == want_rows
    assert table.nrows == len(want_rows)


@pytest.mark.parametrize(
    "text",
    [
        'a,b\n"1,5",2\n',  # a quoted delimiter
        "a,b\n1,2,3\n4\n",  # ragged lines
        "a,b\r1,2\r",  # old Mac line ends
    ],
)
def test_plain_split_steps_aside(text):
    assert tabular_text.split_plain(text, ",") is None


def test_read_csv_both_paths_same_table(tmp_path):
    plain = tmp_path / "plain.csv"
    quoted = tmp_path / "quoted.csv"
    rows = [["井编号", "指标", "检测值"], ["W1", "硝酸盐", "1.5"], ["W2", "pH", "7.1"], ["", "", ""]]
    plain.write_bytes(("\r\n".join(",".join(r) for r in rows) + "\r\n").encode("gb18030"))
    with open(quoted, "w", encoding="gb18030", newline="") as fh:
        csv.writer(fh, quoting=csv.QUOTE_ALL).writerows(rows)
    a, b = tabular.read_csv(str(plain)), tabular.read_csv(str(quoted))
    assert a.encoding == b.encoding == "gb18030"
    assert a.headers == b.headers and a.rows == b.rows == [r for r in rows[1:] if any(r)]
    assert a.columns == b.columns == [["W1", "W2"], ["硝酸盐", "pH"], ["1.5", "7.1"]]


def test_uuid7_batch_valid_distinct_increasing():
    batch = ids.uuid7_batch(5000)
    assert len(set(batch)) == 5000 and batch == sorted(batch)
    for u in batch[:50] + batch[-50:]:
        parsed = uuid.UUID(u)
        assert parsed.version == 7 and parsed.variant == uuid.RFC_4122 and str(parsed) == u


def test_uuid7_blocks_for_sql():
    prefix, start = ids.uuid7_counter(10_000, align=256)
    assert start % 256 == 0
    block = ids.uuid7_from(prefix, start + 256)
    for j in (0, 1, 17, 255):
        u = ids.uuid7_from(prefix, start + 256 + j)
        assert u[:-2] == block[:-2] and u[-2:] == f"{j:02x}"
        assert uuid.UUID(u).version == 7


def test_insert_many_with_an_old_sqlite_parameter_limit(tmp_path, monkeypatch):
    # SQLite before 3.32 allows 999 bound parameters: the importer then writes blocks of 16 rows (one hex digit);
    # the values are made in chunks of 32 rows here (two blocks), so several chunks and a partial last block are written
    monkeypatch.setattr(lab_write, "CHUNK_ROWS", 32)
    asked = []
    con = sqlite3.connect(str(tmp_path / "x.sqlite"), isolation_level=None)
    con.execute("CREATE TABLE t (uuid TEXT UNIQUE, a TEXT, b REAL, created_by TEXT, created_at TEXT)")
    con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)
    digits = lab_write._block_digits(con, 13)
    assert digits == 1
    rows = [(f"v{i}", i / 4) for i in range(16 * 7 + 5)]
    prefix, start = ids.uuid7_counter(len(rows), align=16)
    flat = [x for r in rows for x in r]
    lab_write._insert_many(
        con,
        "t",
        ("a", "b"),
        lambda a, b: asked.append((a, b)) or flat[2 * a : 2 * b],
        len(rows),
        (("created_by", "测试"), ("created_at", "2026-11-23T00:00:00.000Z")),
        digits,
        uuids=lambda b: ids.uuid7_from(prefix, start + 16 * b)[:-1],
    )
    got = con.execute("SELECT uuid, a, b, created_by, created_at FROM t ORDER BY rowid").fetchall()
    assert [(a, b) for _, a, b, _, _ in got] == rows
    assert [u for u, *_ in got] == [ids.uuid7_from(prefix, start + k) for k in range(len(rows))]
    assert {(c, t) for *_, c, t in got} == {("测试", "2026-11-23T00:00:00.000Z")}
    assert asked == [(0, 32), (32, 64), (64, 96), (96, 117)]
