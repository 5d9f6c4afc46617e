"""The project database's real problems in plain words (core/data/db_errors.py), checked before any import starts,
and never masked by a failed ROLLBACK (core/data/sqlite_gpkg.transaction); every CSV/XLSX the plugin writes keeps a
formula-like text as text (core/data/reports.py). Real GeoPackages, real locks, a real non-root user for read-only."""

from __future__ import annotations

import csv
import os
import shutil
import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from gw_plugin.core.data import db_errors, gpkg, reports
from gw_plugin.core.data import sqlite_gpkg as SG

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    return path


def _kind(path, write=True):
    with pytest.raises(db_errors.DatabaseProblemError) as err:
        db_errors.preflight(path, write=write)
    assert "Traceback" not in str(err.value) and os.path.basename(path) in str(err.value)
    return err.value.kind


def test_a_good_database_passes(db):
    db_errors.preflight(db, write=True)
    db_errors.preflight(db, write=False)


def test_damaged_truncated_zeroed_and_foreign_files(db, tmp_path):
    data = open(db, "rb").read()
    truncated = tmp_path / "truncated.gpkg"
    truncated.write_bytes(data[: len(data) // 3])
    assert _kind(str(truncated)) in ("damaged", "not_gpkg")
    zeroed = tmp_path / "zeroed.gpkg"
    zeroed.write_bytes(b"\x00" * len(data))
    assert _kind(str(zeroed)) == "damaged"
    flipped = bytearray(data)
    for k in range(4096 * 3 + 100, len(flipped), 4096):  # a byte in every page after the first three
        flipped[k] ^= 0xFF
    (tmp_path / "flipped.gpkg").write_bytes(bytes(flipped))
    assert _kind(str(tmp_path / "flipped.gpkg")) in ("damaged", "not_gpkg", "not_project")
    (tmp_path / "text.gpkg").write_text("hello", encoding="utf-8")
    assert _kind(str(tmp_path / "text.gpkg")) == "not_gpkg"
    plain = tmp_path / "plain.sqlite"
    sqlite3.connect(plain).execute("CREATE TABLE t (a)").connection.close()
    assert _kind(str(plain)) == "not_gpkg"
    assert _kind(str(tmp_path / "missing.gpkg")) == "missing"


def test_newer_schema_and_not_a_project(db, tmp_path):
    newer = str(tmp_path / "newer.gpkg")
    shutil.copy(db, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE gw_meta SET value = '999' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    assert _kind(newer) == "newer"
    foreign = str(tmp_path / "foreign.gpkg")
    shutil.copy(db, foreign)
    con = sqlite3.connect(foreign)
    con.execute("DROP TABLE gw_meta")
    con.commit()
    con.close()
    assert _kind(foreign) == "not_project"


def test_locked_database_is_said_so_and_gpkg_meta_too(db):
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert _kind(db) == "locked"
        with pytest.raises(gpkg.SchemaError) as err:  # was "is not a gw_plugin project database"
            gpkg.read_meta(db)
        assert "locked" in str(err.value) or "锁" in str(err.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_read_only_file_for_a_user_without_write_access(db, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = str(folder / "city.gpkg")
    shutil.copy(db, path)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    os.chmod(tmp_path, 0o755)
    script = (
        f"import sys; sys.path.insert(0, {ROOT!r})\n"
        "from gw_plugin.core.data import db_errors\n"
        f"try:\n    db_errors.preflight({path!r}, write=True)\nexcept db_errors.DatabaseProblemError as e:\n"
        "    print(e.kind); print(e)\n"
    )
    cmd = [sys.executable, "-c", script]
    if os.geteuid() == 0:  # root writes anywhere: check as an ordinary user
        if not shutil.which("setpriv"):
            pytest.skip("setpriv is needed to drop root")
        for p in (str(tmp_path), *[str(q) for q in list(tmp_path.parents)[:4]]):
            os.chmod(p, os.stat(p).st_mode | 0o005)
        cmd = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]
    out = subprocess.run(
        cmd, capture_output=True, text=True, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    )
    lines = out.stdout.strip().splitlines()
    assert lines and lines[0] == "readonly", (out.stdout, out.stderr)
    os.chmod(folder, 0o755)


def test_transaction_raises_the_real_error_not_the_rollback(db):
    con = SG.open_db(db)
    try:
        with pytest.raises(ValueError, match="the real one"):
            with SG.transaction(con):
                con.execute("ROLLBACK")  # the transaction is gone (as after SQLITE_FULL or an I/O error)
                raise ValueError("the real one")
        assert not con.in_transaction
        con.execute(f"PRAGMA max_page_count = {con.execute('PRAGMA page_count').fetchone()[0]}")
        with pytest.raises(sqlite3.Error, match="full"):  # "database or disk is full", never "cannot rollback"
            with SG.transaction(con):
                con.execute("CREATE TABLE big (x)")
                con.executemany("INSERT INTO big VALUES (?)", ((b"x" * 4000,) for _ in range(100)))
        assert "big" not in {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    finally:
        con.close()
    assert db_errors.kind_of(sqlite3.OperationalError("database or disk is full")) == "full"
    assert "full" in db_errors.explain(sqlite3.OperationalError("database or disk is full"), db)


def test_formula_like_text_stays_text_in_csv_and_xlsx(tmp_path):
    evil = "=cmd|' /C calc'!A0"
    path = str(tmp_path / "r.csv")
    reports.write_csv(path, ["row", evil], [[2, "+1+2"], [3, "-0.5"], [4, "@SUM(A1)"], [5, "\tx"], [6, "plain"]])
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["row", "'" + evil]
    assert [r[1] for r in rows[1:]] == ["'+1+2", "-0.5", "'@SUM(A1)", "'\tx", "plain"]
    xlsx = str(tmp_path / "t.xlsx")
    reports.write_table_xlsx(xlsx, "标题", ["名称", evil], [["=1+1", 3]])
    ws = openpyxl.load_workbook(xlsx).active
    assert ws.cell(3, 2).value == evil and ws.cell(3, 2).data_type == "s"
    assert ws.cell(4, 1).value == "=1+1" and ws.cell(4, 1).data_type == "s"
