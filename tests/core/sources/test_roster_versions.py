"""Roster versions (issue 16): an imported roster is a published version that needs its version name and never
changes; a new version is the previous one plus the accepted minus the removed entries; round trips through the
real ledger import (core/sources/ledgers.py) and the official XLSX listing, read back."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from openpyxl import load_workbook

from gw_plugin.core.data import reports, tabular
from gw_plugin.core.sources import ledgers, roster_publication, rosters

from .test_rosters import X0, Y0, add_features, add_rows, execute, make_project, source

ROSTER = "gw_key_supervised"
LABEL = "地下水污染重点监管单位名录"


@pytest.fixture
def city(tmp_path):
    path = make_project(tmp_path)
    rows = [source(n, "chemical", X0 + 100 * i, Y0) for i, n in enumerate(["甲化工", "乙化工", "丙化工", "丁化工"])]
    ids = add_features(path, "pollution_sources", rows)
    return path, {r["name_zh"]: (u, r["uscc"]) for r, u in zip(rows, ids)}


def _csv(folder, name, rows) -> str:
    p = folder / name
    with open(p, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return str(p)


def _import(path, file):
    rep = ledgers.validate_linked(file, str(path), ledgers.guess_linked_mapping(tabular.read_table(file), ROSTER_T))
    # validate_linked runs roster_publication.import_problems itself: its problems are the report's errors
    return rep, [(i.row, i.column, i.code, i.message) for i in rep.errors]


ROSTER_T = "roster_entries"


def _published(path, version):
    con = sqlite3.connect(str(path))
    try:
        return sorted(
            r[0]
            for r in con.execute(
                "SELECT p.name_zh FROM roster_entries e JOIN pollution_sources p ON p.uuid = e.source_uuid "
                "WHERE e.roster = ? AND e.status = 'published' AND e.roster_version = ?",
                (ROSTER, version),
            )
        )
    finally:
        con.close()


def test_imported_roster_then_versions(city, tmp_path):
    path, ids = city
    head = ["单位名称", "统一社会信用代码", "名录", "名录版本", "纳入理由"]
    # without a version the import is refused: the rows would be published rows of no version
    no_version = _csv(tmp_path, "nv.csv", [head, ["甲化工", ids["甲化工"][1], LABEL, "", "化工企业"]])
    _rep, problems = _import(path, no_version)
    assert [p[2] for p in problems] == ["missing_version"]
    # the 2023 list of two enterprises, imported as published version 2023
    file = _csv(
        tmp_path,
        "r2023.csv",
        [
            head,
            ["甲化工", ids["甲化工"][1], LABEL, "2023", "化工企业"],
            ["乙化工", ids["乙化工"][1], LABEL, "2023", "化工企业"],
        ],
    )
    rep, problems = _import(path, file)
    assert problems == []
    ledgers.write_linked(rep, str(path))
    assert _published(path, "2023") == ["乙化工", "甲化工"]
    con = sqlite3.connect(str(path))
    assert rosters.members(con, [ROSTER]) == {ids["甲化工"][0], ids["乙化工"][0]}
    con.close()
    assert len(roster_publication.roster_rows(str(path), ROSTER, "2023")) == 2
    # one new acceptance: version 2024 = the imported 2 + 1 (not 1)
    add_rows(path, "roster_entries", [{"source_uuid": ids["丙化工"][0], "roster": ROSTER, "status": "proposed"}])
    con = sqlite3.connect(str(path))
    (entry,) = con.execute("SELECT uuid FROM roster_entries WHERE status = 'proposed'").fetchone()
    con.close()
    roster_publication.decide(str(path), [entry], "accepted", "李工")
    assert roster_publication.publish(str(path), ROSTER, "2024", "李工") == 3
    assert _published(path, "2024") == ["丙化工", "乙化工", "甲化工"]
    # 乙 closed: removed (who, why) → version 2025 = 2024 − 乙
    with pytest.raises(rosters.RosterError):
        roster_publication.remove(str(path), ROSTER, [ids["乙化工"][0]], "李工", "")  # a reason is required
    roster_publication.remove(str(path), ROSTER, [ids["乙化工"][0]], "李工", "企业已关闭")
    assert roster_publication.publish(str(path), ROSTER, "2025", "李工") == 2
    assert _published(path, "2025") == ["丙化工", "甲化工"]
    assert _published(path, "2023") == ["乙化工", "甲化工"]  # earlier versions untouched
    # re-importing the same list changes nothing; a changed reason or an extra row in version 2023 is refused
    rep, problems = _import(path, file)
    assert problems == [] and all(not r.changes for r in rep.rows)
    changed = _csv(tmp_path, "c.csv", [head, ["甲化工", ids["甲化工"][1], LABEL, "2023", "化工企业（改）"]])
    assert [p[2] for p in _import(path, changed)[1]] == ["published_version"]
    extra = _csv(tmp_path, "e.csv", [head, ["丁化工", ids["丁化工"][1], LABEL, "2023", "化工企业"]])
    assert [p[2] for p in _import(path, extra)[1]] == ["published_version"]
    # the official listing of 2024 written and read back
    out = tmp_path / "r2024.xlsx"
    reports.write_roster_xlsx(out, ROSTER, roster_publication.roster_rows(str(path), ROSTER, "2024"), version="2024")
    body = [[c.value for c in r] for r in load_workbook(out).active.iter_rows(min_row=4)]
    assert sorted(r[1] for r in body) == ["丙化工", "乙化工", "甲化工"]
    assert {r[2] for r in body} == {ids[n][1] for n in ("甲化工", "乙化工", "丙化工")}


def test_closed_and_merged_members_parks_and_version_diff(city, tmp_path):
    from gw_plugin.core.sources import roster_review

    path, ids = city
    u = {n: v[0] for n, v in ids.items()}
    add_rows(
        path,
        "roster_entries",
        [{"source_uuid": u[n], "roster": ROSTER, "status": "accepted", "decided_on": "2023-02-01"} for n in u],
    )
    roster_publication.publish(str(path), ROSTER, "2023", "李工")
    # 乙 closed on 2024-03-31; 丙 merged into 甲 (its successor); 丁 still operating
    execute(
        path,
        f"UPDATE pollution_sources SET operating_status = 'closed', closed_on = '2024-03-31' WHERE uuid = '{u['乙化工']}'",
    )
    execute(path, f"UPDATE pollution_sources SET successor_uuid = '{u['甲化工']}' WHERE uuid = '{u['丙化工']}'")
    got = {f.name: f.why_zh for f in roster_review.flags(str(path), ROSTER)}
    assert got == {"乙化工": "已关闭（2024-03-31）", "丙化工": "已并入甲化工"}
    # acting on the flags: remove both, publish 2024, and the diff workbook lists the changes
    roster_publication.remove(str(path), ROSTER, [u["乙化工"], u["丙化工"]], "李工", "关闭/合并")
    roster_publication.publish(str(path), ROSTER, "2024", "李工")
    assert roster_review.flags(str(path), ROSTER) == []
    d = roster_review.diff(str(path), ROSTER, "2023", "2024")
    assert (len(d.added), len(d.removed), len(d.kept)) == (0, 2, 2)
    out = tmp_path / "diff.xlsx"
    roster_review.write_diff_xlsx(out, d, city="郑州市")
    ws = load_workbook(out).active
    assert "2023 → 2024" in ws["A1"].value and ws["A2"].value == "新增0个，移出2个，保留2个"
    body = [r for r in ws.iter_rows(min_row=4, values_only=True)]
    assert sorted((r[0], r[1]) for r in body) == [
        ("保留", "丁化工"),
        ("保留", "甲化工"),
        ("移出", "丙化工"),
        ("移出", "乙化工"),
    ]
    # parks: member enterprises recorded on each enterprise
    park = add_features(path, "pollution_sources", [source("化工园区", "industrial_park", X0, Y0 + 500)])[0]
    execute(path, f"UPDATE pollution_sources SET park_uuid = '{park}' WHERE uuid IN ('{u['甲化工']}', '{u['丁化工']}')")
    assert [m[1] for m in roster_review.park_members(str(path), park)] == ["丁化工", "甲化工"]
