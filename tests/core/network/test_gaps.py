"""Monitoring-network gaps (issue 18) on a hand-built project with known gaps.

Flow runs towards the east (azimuth 90°). Source A has a well of the layer 600 m east of it (in its 1,000 m, ±45°
cone): covered. Source B has a well 600 m NORTH of it (outside the cone) and one 600 m east in ANOTHER aquifer layer:
a gap, with the suggestion 500 m east of B. Source C is only proposed for the roster: not checked. Recharge zone Z1
has a well 300 m east of its east edge (in the swept strip): covered; zone Z2 has none: a gap. The county (10 × 10 km
= 100 km²) holds 3 wells of the layer; at one well per 25 km² it needs 4: a gap; at one per 50 km² it does not.
"""

from __future__ import annotations

import sqlite3
import uuid

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.network import gaps

X0, Y0 = 500_000.0, 3_850_000.0
LAYER = "phreatic"


def _add(ds, table, geom_wkt, **values):
    lyr = ds.GetLayerByName(table)
    f = ogr.Feature(lyr.GetLayerDefn())
    f["uuid"] = values.pop("uuid", str(uuid.uuid4()))
    f["county_code"] = values.pop("county_code", "419901")
    for k, v in values.items():
        f[k] = v
    f.SetGeometry(ogr.CreateGeometryFromWkt(geom_wkt))
    assert lyr.CreateFeature(f) == 0
    return f["uuid"]


def _square(x, y, size):
    return f"MULTIPOLYGON ((({x} {y}, {x + size} {y}, {x + size} {y + size}, {x} {y + size}, {x} {y})))"


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    _add(ds, "admin_units", _square(X0, Y0, 10_000), code="419901", name_zh="试验县", level="county")
    ids = {}
    for name, (x, y) in {"A": (X0 + 1000, Y0 + 1000), "B": (X0 + 5000, Y0 + 5000), "C": (X0 + 8000, Y0 + 2000)}.items():
        ids[name] = _add(ds, "pollution_sources", f"POINT ({x} {y})", source_code=name, name_zh=f"企业{name}",
                         category="industrial")  # fmt: skip
    for code, (x, y), layer in [
        ("W-A", (X0 + 1600, Y0 + 1000), LAYER),  # east of A: covers A
        ("W-B-north", (X0 + 5000, Y0 + 5600), LAYER),  # north of B: outside the cone
        ("W-B-deep", (X0 + 5600, Y0 + 5000), "deep_confined"),  # east of B but another layer
        ("W-Z1", (X0 + 2300, Y0 + 8500), LAYER),  # 300 m east of zone Z1's east edge
    ]:
        _add(ds, "monitoring_wells", f"POINT ({x} {y})", well_code=code, aquifer_layer=layer, well_type="regional",
             status="active")  # fmt: skip
    z1 = _add(ds, "recharge_zones", _square(X0 + 1000, Y0 + 8000, 1000), kind="recharge")
    z2 = _add(ds, "recharge_zones", _square(X0 + 7000, Y0 + 7000, 1000), kind="recharge")
    _add(ds, "recharge_zones", _square(X0 + 7000, Y0 + 500, 500), kind="capture")  # automatic polygon: not checked
    ds = None
    con = sqlite3.connect(path)
    for name, status in (("A", "published"), ("B", "accepted"), ("C", "proposed")):
        con.execute(
            "INSERT INTO roster_entries (uuid, county_code, source_uuid, roster, status) VALUES (?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), "419901", ids[name], "gw_key_supervised", status),
        )
    con.commit()
    con.close()
    return path, ids, z1, z2


def test_known_gaps_with_reasons_and_suggested_locations(db):
    path, ids, z1, z2 = db
    rep = gaps.find_gaps(path, LAYER, distance=1000, half_angle=45, azimuth=90.0, km2_per_well=25.0)
    assert rep.checked == {"source": 2, "recharge_zone": 2, "county": 1}
    assert rep.wells == 3  # the deep well is another layer
    by = {(g.kind, g.ref_uuid): g for g in rep.gaps}
    assert set(by) == {("source", ids["B"]), ("recharge_zone", z2), ("county", "419901")}
    b = by[("source", ids["B"])]
    assert b.suggested == pytest.approx((X0 + 5500, Y0 + 5000))
    assert "1000 m down-gradient" in b.reason and "90°" in b.reason and b.name == "企业B"
    zone = by[("recharge_zone", z2)]
    assert zone.suggested[0] == pytest.approx(X0 + 8000 + 500) and Y0 + 7000 <= zone.suggested[1] <= Y0 + 8000
    county = by[("county", "419901")]
    assert "3 phreatic wells for 100 km²" in county.reason and "needs 4" in county.reason
    x, y = county.suggested
    assert X0 <= x <= X0 + 10_000 and Y0 <= y <= Y0 + 10_000
    nearest = min(((x - wx) ** 2 + (y - wy) ** 2) ** 0.5 for wx, wy in [(X0 + 1600, Y0 + 1000),
                  (X0 + 5000, Y0 + 5600), (X0 + 2300, Y0 + 8500)])  # fmt: skip
    assert nearest > 4000  # the emptiest part of the county


def test_a_lower_density_target_or_another_direction_changes_the_answer(db):
    path, ids, _z1, z2 = db
    rep = gaps.find_gaps(path, LAYER, azimuth=90.0, km2_per_well=50.0)
    assert {g.kind for g in rep.gaps} == {"source", "recharge_zone"}
    north = gaps.find_gaps(path, LAYER, azimuth=0.0)  # flow to the north: B's northern well covers it, A's does not
    assert {(g.kind, g.ref_uuid) for g in north.gaps if g.kind == "source"} == {("source", ids["A"])}


def test_without_azimuth_the_heads_give_the_direction_or_a_clear_error(db):
    path, *_ = db
    with pytest.raises(gaps.NetworkGapError, match="Give the flow azimuth"):
        gaps.find_gaps(path, LAYER)
    con = sqlite3.connect(path)
    wells = con.execute("SELECT uuid FROM monitoring_wells WHERE aquifer_layer = ?", (LAYER,)).fetchall()
    for (u,), head in zip(wells, (100.0, 98.0, 99.0)):
        con.execute(
            "INSERT INTO water_levels (uuid, county_code, well_uuid, measured_at, head_m) VALUES (?, ?, ?, ?, ?)",
            (str(uuid.uuid4()), "419901", u, "2024-06-15T08:00:00", head),
        )
    con.commit()
    con.close()
    rep = gaps.find_gaps(path, LAYER)
    assert 0 <= rep.azimuth < 360 and "3 heads" in rep.azimuth_source
