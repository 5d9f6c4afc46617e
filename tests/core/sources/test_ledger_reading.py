"""Ledgers as bureaus really have them (issues 13 and 17): the plugin's own exported roster (title and note rows above
the header) imports back; rows identical to another row of the file are duplicates, not three inserts; a control
character is refused with its cell named; a locked or read-only database is said so in plain words before anything
is written (no AttributeError); row numbers are the file's rows."""

from __future__ import annotations

import sqlite3

import pytest

from gw_plugin.core.data import db_errors, reports, tabular
from gw_plugin.core.sources import ledgers
from gw_plugin.core.sources.roster_publication import RosterRow

from .test_ledgers import HEAD, _csv, _uscc
from .test_ledgers import db as db  # noqa: F401,PLC0414  (fixture: a city with two counties)


def _count(path, table="pollution_sources"):
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_exported_roster_reads_back_as_a_ledger(db, tmp_path):  # noqa: F811
    rows = [
        RosterRow(1, "甲化工有限公司", _uscc(1), "东县", "化工企业", "东路1号", "重点行业", "", ""),
        RosterRow(2, "乙电镀厂", _uscc(2), "西县", "电镀企业", "西路2号", "涉重金属", "", ""),
    ]
    path = reports.write_roster_xlsx(str(tmp_path / "roster.xlsx"), "key_units", rows, "2024", "黄泽市")
    table = tabular.read_table(path)
    assert table.header_row == 3 and table.headers[:3] == ["序号", "单位名称", "统一社会信用代码"]
    mapping = ledgers.guess(table, "pollution_sources")
    assert mapping.columns["name_zh"] == "单位名称" and mapping.columns["county"] == "所在县（市、区）"
    rep = ledgers.validate(table, db, mapping)
    assert rep.errors == [], rep.issues
    assert [r.row for r in rep.rows] == [4, 5]  # the rows of the workbook
    ledgers.write(rep, db)
    assert rep.inserted == 2 and _count(db) == 2


def test_identical_rows_are_duplicates_and_control_characters_refused(db, tmp_path):  # noqa: F811
    same = ["丙加油站", "", "加油站", "北路3号", "东县", "", ""]
    path = _csv(
        tmp_path,
        [
            HEAD,
            same,
            same,
            ["丁厂", "", "化工", "南路\x074号", "东县", "", ""],
            same,
            ["戊厂", "", "化工", "", "东县", "", ""],
        ],
    )
    table = tabular.read_table(path)
    rep = ledgers.validate(table, db, ledgers.guess(table, "pollution_sources"))
    by_row = {(i.row, i.code): i for i in rep.errors}
    assert set(by_row) == {(3, "duplicate"), (4, "control_character"), (5, "duplicate")}
    assert "2" in by_row[(3, "duplicate")].message and by_row[(4, "control_character")].column == "地址"
    assert "U+0007" in by_row[(4, "control_character")].message
    with pytest.raises(ledgers.LedgerRefusedError):
        ledgers.write(rep, db)
    assert _count(db) == 0
    ledgers.write(rep, db, accept_valid_only=True)
    assert rep.inserted == 2 and _count(db) == 2  # 丙 once, 戊


def test_locked_database_refused_in_plain_words_nothing_written(db, tmp_path):  # noqa: F811
    path = _csv(tmp_path, [HEAD, ["己化工", _uscc(5), "化工", "", "东县", "", ""]])
    table = tabular.read_table(path)
    rep = ledgers.validate(table, db, ledgers.guess(table, "pollution_sources"))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(db_errors.DatabaseProblemError) as err:
            ledgers.write(rep, db)
        assert err.value.kind == "locked" and "city.gpkg" in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _count(db) == 0


def test_cancel_while_writing_a_ledger_rolls_back(db, tmp_path):  # noqa: F811
    rows = [HEAD] + [[f"单位{k}", "", "化工", "", "东县", "", ""] for k in range(1200)]
    table = tabular.read_table(_csv(tmp_path, rows))
    rep = ledgers.validate(table, db, ledgers.guess(table, "pollution_sources"))
    calls = []

    def cancel_on_second_check():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(InterruptedError):
        ledgers.write(rep, db, is_canceled=cancel_on_second_check)
    assert _count(db) == 0
