"""The self-monitoring status of a year derived from the samples of an enterprise's own wells (issue 16, item 3)."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from gw_plugin.core.sources import history as H
from gw_plugin.core.sources import rosters
from gw_plugin.core.sources import self_monitoring as SM

from .test_rosters import X0, Y0, add_features, add_rows, make_project, source


@pytest.fixture
def city(tmp_path):
    path = make_project(tmp_path)
    rows = [source("甲化工", "chemical", X0, Y0), source("乙电镀", "electroplating", X0 + 500, Y0),
            source("丙无井", "chemical", X0 + 900, Y0)]  # fmt: skip
    a, b, _c = add_features(path, "pollution_sources", rows)
    w = add_features(
        path,
        "monitoring_wells",
        [
            {"well_code": code, "name_zh": code, "well_type": "pollution_source", "aquifer_layer": "phreatic",
             "status": "active", "source_uuid": owner, "wkt": f"POINT({X0 + k} {Y0 + 30})"}
            for k, (code, owner) in enumerate([("WA1", a), ("WA2", a), ("WB1", b), ("W-nobody", None)])
        ],
    )  # fmt: skip
    add_rows(
        path,
        "samples",
        [
            {"well_uuid": w[0], "sample_code": "A1-1", "sampled_on": "2023-03-10"},
            {"well_uuid": w[0], "sample_code": "A1-1P", "sampled_on": "2023-03-10"},  # parallel: same round
            {"well_uuid": w[0], "sample_code": "A1-2", "sampled_on": "2023-09-20"},
            {"well_uuid": w[1], "sample_code": "A2-1", "sampled_on": "2023-03-11"},
            {"well_uuid": w[2], "sample_code": "B1-1", "sampled_on": "2022-05-01"},  # last year only
            {"well_uuid": w[3], "sample_code": "N-1", "sampled_on": "2023-05-01"},
        ],
    )
    return path, a, b


def test_status_of_a_year_from_the_samples(city):
    path, a, b = city
    twice = {s.source_uuid: s for s in SM.derive(path, 2023, frequency=2)}
    assert set(twice) == {a, b}  # the source without an own well gets no derived status
    assert twice[a].status == "partial" and twice[a].rounds == {"WA1": 2, "WA2": 1}
    assert twice[b].status == "required" and twice[b].last_sample is None
    once = {s.source_uuid: s for s in SM.derive(path, 2023)}
    assert once[a].status == "complete" and once[a].last_sample == "2023-09-20"
    assert {s.source_uuid: s.status for s in SM.derive(path, 2022)} == {a: "required", b: "complete"}
    with pytest.raises(rosters.RosterError):
        SM.derive(path, 2023, frequency=0)


def test_recorded_as_dated_steps(city):
    path, a, b = city
    with pytest.raises(rosters.RosterError):
        SM.record(path, 2023, user="")
    assert SM.record(path, 2023, user="统计员") == 1  # a complete; b nothing received (not written)
    assert SM.record(path, 2023, user="统计员") == 0  # recorded already
    con = sqlite3.connect(str(path))
    h = H.read_history(con)
    row = con.execute(
        "SELECT inspected_on, workflow, status_after, period_year FROM inspections WHERE source_uuid = ?", (a,)
    ).fetchone()
    con.close()
    assert row == ("2023-09-20", "self_monitoring", "complete", 2023)
    assert h.self_monitoring(a, 2023, dt.date(2023, 12, 31)) == "complete"
    assert h.self_monitoring(a, 2023, dt.date(2023, 9, 19)) is None  # not known before the last sample
    assert h.self_monitoring(b, 2023, dt.date(2023, 12, 31)) is None
