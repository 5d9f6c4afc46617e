"""Flow field from heads (planar fit, head raster, contours, arrows) and the water-level import (issue 18).

Heads on an exact plane h = c + a·x + b·y give the gradient hypot(a, b) and a flow azimuth worked out by hand:
a = -0.002, b = +0.001 → flow vector -∇h = (+0.002 east, -0.001 north) → azimuth = atan2(0.002, -0.001)
= 180° - atan(2) = 116.565° clockwise from north; gradient = √5·10⁻³ = 0.0022361.
"""

from __future__ import annotations

import datetime as dt
import math
import sqlite3
import uuid

import numpy as np
import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg, tabular
from gw_plugin.core.wells import flowfield, water_levels
from gw_plugin.core.wells.water_levels import LevelImportError, LevelMapping

A, B, C = -0.002, 0.001, 120.0
X0, Y0 = 500_000.0, 3_850_000.0
AZIMUTH = 180.0 - math.degrees(math.atan(2.0))  # 116.565°
GRADIENT = math.sqrt(5.0) * 1e-3


def plane(x, y):
    return C + A * (np.asarray(x) - X0) + B * (np.asarray(y) - Y0)


def scattered(n=40, seed=3):
    rng = np.random.default_rng(seed)
    x = X0 + rng.uniform(0, 5000, n)
    y = Y0 + rng.uniform(0, 4000, n)
    return x, y, plane(x, y)


def test_plane_fit_gives_gradient_and_azimuth_to_one_percent():
    fit = flowfield.plane_fit(*scattered())
    assert fit.gradient == pytest.approx(GRADIENT, rel=0.01)
    assert fit.azimuth == pytest.approx(AZIMUTH, abs=0.01 * 360)
    assert fit.azimuth == pytest.approx(116.565, abs=0.01)
    assert fit.r2 == pytest.approx(1.0, abs=1e-9) and fit.n == 40


@pytest.mark.parametrize(
    "a,b,azimuth",
    [(0.0, -0.001, 0.0), (-0.001, 0.0, 90.0), (0.0, 0.001, 180.0), (0.001, 0.0, 270.0)],  # water flows down-head
)
def test_azimuth_points_where_the_water_flows(a, b, azimuth):
    x = np.array([0.0, 1000.0, 0.0, 1000.0])
    y = np.array([0.0, 0.0, 1000.0, 1000.0])
    fit = flowfield.plane_fit(x, y, 50 + a * x + b * y)
    assert fit.azimuth == pytest.approx(azimuth, abs=1e-6) or (azimuth == 0.0 and fit.azimuth == pytest.approx(360))


def test_noisy_heads_lower_r2():
    x, y, h = scattered()
    h = h + np.random.default_rng(1).normal(0, 3.0, h.size)
    fit = flowfield.plane_fit(x, y, h)
    resid = h - (fit.a * x + fit.b * y + fit.c)
    assert fit.r2 == pytest.approx(1 - (resid**2).sum() / ((h - h.mean()) ** 2).sum(), abs=1e-9)
    assert fit.r2 < 0.8


def test_too_few_or_collinear_wells_are_refused():
    with pytest.raises(flowfield.FlowFieldError, match="3 or more"):
        flowfield.plane_fit([0, 1], [0, 1], [5, 6])
    with pytest.raises(flowfield.FlowFieldError, match="one line"):
        flowfield.plane_fit([0, 1, 2, 3], [0, 2, 4, 6], [5, 6, 7, 8])
    with pytest.raises(flowfield.FlowFieldError, match="3 or more"):
        flowfield.plane_fit([0, 1, 2], [0, 1, math.nan], [1, 2, 3])  # NaN rows are dropped, not used


def test_head_grid_is_exact_on_a_plane_and_blank_outside_the_wells():
    x, y, h = scattered()
    grid = flowfield.head_grid(x, y, h, cell=100.0, extent=(X0 - 1000, Y0 - 1000, X0 + 6000, Y0 + 5000))
    gx, gy = grid.centres()
    inside = np.isfinite(grid.values)
    assert inside.sum() > 0.25 * grid.values.size  # the hull of wells scattered over 5 x 4 km in a 7 x 6 km grid
    assert np.allclose(grid.values[inside], plane(gx[inside], gy[inside]), atol=1e-9)
    assert not inside[0, 0] and not inside[-1, -1]  # the corners are outside the wells' hull: no extrapolation
    assert grid.geotransform() == (X0 - 1000, 100.0, 0.0, Y0 + 5000, 0.0, -100.0)


def test_contours_lie_on_their_level_and_arrows_point_down_gradient():
    x, y, h = scattered(80)
    grid = flowfield.head_grid(x, y, h, cell=50.0)
    lines = flowfield.contours(grid, interval=1.0)
    levels = sorted({lv for lv, _ in lines})
    assert levels and all(float(lv).is_integer() for lv in levels)
    for level, pts in lines:
        p = np.array(pts)
        assert np.allclose(plane(p[:, 0], p[:, 1]), level, atol=0.06)  # within one 50 m cell of the plane's slope
    arrows = flowfield.arrows(grid, spacing=500.0)
    assert len(arrows) > 10
    for _x, _y, azimuth, g in arrows:
        assert azimuth == pytest.approx(AZIMUTH, abs=0.5) and g == pytest.approx(GRADIENT, rel=0.01)


def test_oversized_grid_is_refused_with_the_cell_count():
    x, y, h = scattered()
    with pytest.raises(flowfield.FlowFieldError, match="cells"):
        flowfield.head_grid(x, y, h, cell=0.01)


# -------------------------------------------------------------------------------------------------------- levels
@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "city.gpkg")
    gpkg.create_database(path)
    ds = ogr.Open(path, 1)
    lyr = ds.GetLayerByName("monitoring_wells")
    for code, name, xy, ground, layer in [
        ("JC-01", "东关井", (X0, Y0), 110.0, "phreatic"),
        ("JC-02", "西园井", (X0 + 2000, Y0), 108.0, "phreatic"),
        ("JC-03", "南站井", (X0, Y0 + 2000), None, "phreatic"),
        ("JC-04", "北岸井", (X0 + 2000, Y0 + 2000), 105.0, "deep_confined"),
    ]:
        f = ogr.Feature(lyr.GetLayerDefn())
        f["uuid"], f["well_code"], f["name_zh"], f["county_code"] = str(uuid.uuid4()), code, name, "419901"
        f["aquifer_layer"] = layer
        if ground is not None:
            f["ground_elev_m"] = ground
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({xy[0]} {xy[1]})"))
        lyr.CreateFeature(f)
    ds = None
    return path


MAPPING = LevelMapping(well="井编号", measured_at="测量时间", depth="水位埋深(m)", head="水位标高(m)", method="方法")
NOW = dt.datetime(2026, 11, 30, 12, 0)


def table(rows, headers=("井编号", "测量时间", "水位埋深(m)", "水位标高(m)", "方法")):
    return tabular.Table("levels.csv", list(headers), rows=[list(r) for r in rows])


def levels(db):
    con = sqlite3.connect(db)
    try:
        return con.execute(
            "SELECT w.well_code, l.measured_at, l.depth_to_water_m, l.head_m, l.method FROM water_levels l "
            "JOIN monitoring_wells w ON w.uuid = l.well_uuid ORDER BY w.well_code, l.measured_at"
        ).fetchall()
    finally:
        con.close()


def test_import_computes_heads_matches_codes_and_names_and_writes_once(db, validate):
    rep = water_levels.validate(
        table(
            [
                ("ＪＣ－０１", "2024-06-15 08:30", "12.40", "", "manual"),  # full-width code: NFKC + case folding
                ("jc-02", "2024/6/15 9:05:00", "", "96.10", "logger"),
                ("南站井", "2024年6月15日", "", "95.00", ""),  # by the well's name
                ("JC-01", "45458.5", "12.35", "97.65", "manual"),  # Excel serial 2024-06-15 12:00; head consistent
            ]
        ),
        db,
        MAPPING,
        now=NOW,
    )
    assert rep.ok, rep.issues
    water_levels.write(rep, db, user="tester")
    assert levels(db) == [
        ("JC-01", "2024-06-15T08:30:00", 12.4, 97.6, "manual"),
        ("JC-01", "2024-06-15T12:00:00", 12.35, 97.65, "manual"),
        ("JC-02", "2024-06-15T09:05:00", None, 96.1, "logger"),
        ("JC-03", "2024-06-15T00:00:00", None, 95.0, None),
    ]
    assert validate(db) == []
    again = water_levels.validate(table([("JC-01", "2024-06-15 08:30", "12.40", "", "")]), db, MAPPING, now=NOW)
    assert [i.message for i in again.issues] == ["this well has a level at this time already"]


@pytest.mark.parametrize(
    "row,column,words",
    [
        (("JC-09", "2024-06-15", "3", "", ""), "井编号", "unknown well"),
        (("JC-01", "2024-06-15 garbage", "3", "", ""), "测量时间", "not a date"),
        (("JC-01", "2024-06-15T25:61", "3", "", ""), "测量时间", "not a date"),
        (("JC-01", "2027-01-01", "3", "", ""), "测量时间", "future"),
        (("JC-01", "2024-06-15", "inf", "", ""), "水位埋深(m)", "finite"),
        (("JC-01", "2024-06-15", "", "", ""), "水位埋深(m)", "no depth"),
        (("JC-01", "2024-06-15", "12.4", "99.0", ""), "水位标高(m)", "contradicts"),
    ],
)
def test_bad_rows_are_errors_and_nothing_is_written(db, row, column, words):
    good = ("JC-02", "2024-06-16", "10", "", "")
    rep = water_levels.validate(table([good, row]), db, MAPPING, now=NOW)
    assert len(rep.issues) == 1 and rep.issues[0].row == 3 and rep.issues[0].column == column
    assert words in rep.issues[0].message
    with pytest.raises(LevelImportError):
        water_levels.write(rep, db)
    assert levels(db) == []


def test_a_missing_role_is_named_and_cancel_writes_nothing(db):
    with pytest.raises(LevelImportError, match="depth to water or head"):
        water_levels.validate(table([]), db, LevelMapping(well="井编号", measured_at="测量时间"), now=NOW)
    rows = [
        ("JC-01", (dt.datetime(2020, 1, 1) + dt.timedelta(hours=k)).isoformat(), "12.0", "", "") for k in range(5000)
    ]
    rep = water_levels.validate(table(rows), db, MAPPING, now=NOW)
    assert rep.ok
    calls = []
    with pytest.raises(InterruptedError):
        water_levels.write(rep, db, is_canceled=lambda: bool(calls.append(1)) or len(calls) > 2)
    assert levels(db) == []  # two batches were inserted and rolled back


def test_guess_mapping_prefers_exact_headers():
    m = water_levels.guess_mapping(["监测井编号", "监测井类型", "测量时间", "水位埋深", "水位标高", "测量人"])
    assert (m.well, m.measured_at, m.depth, m.head, m.measured_by) == (
        "监测井编号",
        "测量时间",
        "水位埋深",
        "水位标高",
        "测量人",
    )
    only_depth = water_levels.guess_mapping(["井编号", "测量时间", "水位埋深(m)"])
    assert (only_depth.depth, only_depth.head) == ("水位埋深(m)", "")


def test_heads_for_a_window_and_layer_feed_the_plane_fit(db):
    rows = []
    for code, x, y in [("JC-01", X0, Y0), ("JC-02", X0 + 2000, Y0), ("JC-03", X0, Y0 + 2000)]:
        h = float(plane(x, y))
        for day, delta in (("2024-03-01", -0.5), ("2024-09-01", +0.5), ("2025-03-01", +5.0)):
            rows.append((code, day, "", f"{h + delta:.3f}", ""))
    rows.append(("JC-04", "2024-03-01", "", "80.0", ""))  # another aquifer layer: left out
    rep = water_levels.validate(table(rows), db, MAPPING, now=NOW)
    assert rep.ok, rep.issues
    water_levels.write(rep, db)
    heads = water_levels.heads_at_wells(db, "2024-01-01", "2024-12-31", "phreatic")
    assert sorted((code, n) for _, code, _, _, _, n in heads) == [("JC-01", 2), ("JC-02", 2), ("JC-03", 2)]
    fit = flowfield.plane_fit([r[2] for r in heads], [r[3] for r in heads], [r[4] for r in heads])
    assert fit.gradient == pytest.approx(GRADIENT, rel=0.01) and fit.azimuth == pytest.approx(AZIMUTH, abs=0.1)
    latest = {r[1]: r[4] for r in water_levels.heads_at_wells(db, "", "", "phreatic", method="latest")}
    assert latest["JC-01"] == pytest.approx(float(plane(X0, Y0)) + 5.0)
