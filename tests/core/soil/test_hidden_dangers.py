"""The hidden-danger investigation and rectification ledger of the soil key supervised units on a real project
GeoPackage: listing dates from the roster, the one-year deadline (29 February too), the status of every unit as of a
date, the rectification ledger's states, "回头看" candidates and batches, and the refusals."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from gw_plugin.core.data import gpkg
from gw_plugin.core.data.sqlite_gpkg import open_db
from gw_plugin.core.soil import hidden_dangers as HD

TODAY = dt.date(2025, 6, 30)
# code, listed on (None: not on the soil roster), site exceeding
UNITS = [
    ("E1", "2023-03-01", False),  # investigated 2023-12-01: on time
    ("E2", "2023-03-01", True),  # investigated 2024-05-01: late; its site's groundwater exceeds
    ("E3", "2024-02-29", False),  # deadline 2025-02-28, started, not finished: overdue
    ("E4", "2025-01-10", False),  # deadline 2026-01-10, not started
    ("E5", "2024-09-01", False),  # started 2025-01-01: in progress
    ("E6", None, False),  # not on the roster
]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    con = open_db(path)
    ids = {}
    site = str(uuid.uuid4())
    con.execute(
        "INSERT INTO sites (uuid, county_code, site_code, name_zh, gw_exceedance) VALUES (?,?,?,?,?)",
        (site, "419901", "DK-1", "厂区", "exceeding"),
    )
    for code, listed, exceeding in UNITS:
        ids[code] = str(uuid.uuid4())
        con.execute(
            "INSERT INTO pollution_sources (uuid, county_code, source_code, name_zh, category, site_uuid) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (ids[code], "419901", code, f"企业{code}", "electroplating", site if exceeding else None),
        )
        if listed:
            con.execute(
                "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on, roster_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (str(uuid.uuid4()), "419901", ids[code], "soil_key_supervised", "published", listed, "2023"),
            )
    # E1 is on the groundwater roster too: only the soil roster counts
    con.execute(
        "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status, decided_on) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (str(uuid.uuid4()), "419901", ids["E6"], "gw_key_supervised", "accepted", "2022-01-01"),
    )
    con.close()
    HD.record_investigation(path, ids["E1"], "initial", "2023-10-01", "2023-12-01", organisation="排查公司")
    HD.record_investigation(path, ids["E2"], "initial", "2024-01-01", "2024-05-01")
    HD.record_investigation(path, ids["E3"], "initial", "2024-10-01")
    HD.record_investigation(path, ids["E5"], "initial", "2025-01-01")
    return path, ids


def test_one_year_after():
    assert HD.one_year_after(dt.date(2023, 3, 1)) == dt.date(2024, 3, 1)
    assert HD.one_year_after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)


def test_status_of_every_unit(db):
    path, ids = db
    status = {u.source_code: u for u in HD.investigation_status(path, TODAY)}
    assert set(status) == {"E1", "E2", "E3", "E4", "E5"}
    assert {c: u.status for c, u in status.items()} == {
        "E1": "on_time",
        "E2": "late",
        "E3": "overdue",
        "E4": "not_started",
        "E5": "in_progress",
    }
    assert status["E3"].deadline == dt.date(2025, 2, 28) and status["E4"].deadline == dt.date(2026, 1, 10)
    # as of a later date E4 and E5 are overdue too
    later = {u.source_code: u.status for u in HD.investigation_status(path, dt.date(2026, 2, 1))}
    assert later["E4"] == "overdue" and later["E5"] == "overdue"


def test_rectification_ledger_and_lookback(db):
    path, ids = db
    con = open_db(path)
    inv = dict(con.execute("SELECT source_uuid, uuid FROM hd_investigations WHERE kind = 'initial'"))
    con.close()
    d1 = HD.add_danger(path, inv[ids["E1"]], "储罐区地面防渗层破损", "2023-11-01", "major", "2024-06-30", "储罐区")
    d2 = HD.add_danger(path, inv[ids["E1"]], "危废暂存间无围堰", "2023-11-01", "general", "2025-12-31")
    d3 = HD.add_danger(path, inv[ids["E2"]], "电镀槽下方地面裂缝", "2024-04-01", "major", "2024-12-31")
    HD.rectify(path, d1, "2024-05-01", "2024-06-01")
    states = {r["uuid"]: r["state"] for r in HD.ledger(path, TODAY)}
    assert states == {d1: "verified", d2: "open", d3: "overdue"}
    status = {u.source_code: u for u in HD.investigation_status(path, TODAY)}
    assert (status["E1"].open_dangers, status["E1"].overdue_dangers) == (1, 0)
    assert (status["E2"].open_dangers, status["E2"].overdue_dangers) == (1, 1)
    HD.rectify(path, d2, "2025-03-01")
    assert {r["uuid"]: r["state"] for r in HD.ledger(path, TODAY)}[d2] == "rectified"
    # look-back candidates: E1 (investigated, all rectified) and E2 (investigated, site exceeding)
    cands = dict(HD.lookback_candidates(path))
    assert cands == {ids["E1"]: ("investigated", "rectified"), ids["E2"]: ("investigated", "exceeding")}
    made = HD.record_lookback(path, "HK-2025-1", list(cands), "2025-05-01")
    assert len(made) == 2 and HD.lookback_candidates(path) == []
    with pytest.raises(HD.HiddenDangerError, match="recorded already"):
        HD.record_lookback(path, "HK-2025-1", [ids["E3"]], "2025-05-01")


def test_refusals(db):
    path, ids = db
    with pytest.raises(HD.HiddenDangerError, match="kind"):
        HD.record_investigation(path, ids["E4"], "audit", "2025-01-01")
    with pytest.raises(HD.HiddenDangerError, match="before it starts"):
        HD.record_investigation(path, ids["E4"], "initial", "2025-03-01", "2025-02-01")
    with pytest.raises(HD.HiddenDangerError, match="no pollution source"):
        HD.record_investigation(path, str(uuid.uuid4()), "initial", "2025-03-01")
    with pytest.raises(HD.HiddenDangerError, match="no investigation"):
        HD.add_danger(path, str(uuid.uuid4()), "x", "2025-01-01")
    with pytest.raises(HD.HiddenDangerError, match="Describe"):
        HD.add_danger(path, str(uuid.uuid4()), "  ", "2025-01-01")
    with pytest.raises(HD.HiddenDangerError, match="no hidden danger"):
        HD.rectify(path, str(uuid.uuid4()), "2025-01-01")
    with pytest.raises(HD.HiddenDangerError, match="not a date"):
        HD.rectify(path, str(uuid.uuid4()), "soon")
