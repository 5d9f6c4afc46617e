"""Well fields as one flow field, rivers as they run, and HJ 338's inputs (issue 15): the zones of a field's wells
are the regions whose water ends in each well (checked by tracking random points forwards), they do not overlap,
their union is the field's zone, nothing lies beyond a river (straight or bending), and the HJ 338 formula's I is
the gradient within the cone of depression."""

from __future__ import annotations

import math

import numpy as np
import pytest
from shapely.geometry import LineString, Point
from shapely.prepared import prep

from gw_plugin.core.zones import analytic_elements as A
from gw_plugin.core.zones import field_zones as FZ
from gw_plugin.core.zones import methods as Z
from gw_plugin.core.zones import river as RV
from gw_plugin.core.zones import writer as W
from gw_plugin.toolbelt import geometry as G

# two wells 100 m apart across the flow (flow towards the east), Q 1000 m3/d each, K 10 m/d, B 20 m, i 0.001
TWO = dict(K=10.0, THICKNESS=20.0, GRADIENT=0.001, POROSITY=0.2, FLOW_AZIMUTH=90.0)


def two_wells():
    return [W.WellInput(f"w{k}", 500000.0, 3800000.0 + dy, "ws", None, f"W{k}", {"Q": 1000.0})
            for k, dy in enumerate((-50.0, 50.0))]  # fmt: skip


def width_across(geom, x: float) -> float:
    """Length of the north-south cut of ``geom`` at easting ``x``."""
    return LineString([(x, 3.0e6), (x, 4.6e6)]).intersection(geom).length


def half_width_up(q_total: float, q0: float, distance: float) -> float:
    """Half-width of the steady zone of one well of rate q_total ``distance`` up-gradient (Grubb 1993): on the
    dividing streamline x = x_s theta cot(theta) = -distance, y = x_s theta, x_s = Q / (2 pi Q0)."""
    xs = q_total / (2 * math.pi * q0)
    lo, hi = math.pi / 2, math.pi
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if xs * mid / math.tan(mid) > -distance else (lo, mid)
    return xs * 0.5 * (lo + hi)


@pytest.mark.parametrize("method", ["uniform_flow", "aem"])
def test_two_wells_across_the_flow_make_one_field(method):
    """The issue's case: 40 km up-gradient the field is as wide as one well of 2 Q (9,617 m), not two single-well
    zones side by side (5,003 m); far up-gradient the width tends to 2 Q / (K B i) = 10,000 m."""
    zones = W.compute_zones(method, two_wells(), dict(TWO, UPGRADIENT_LENGTH=40000.0, TRAVEL_TIMES="100,1000"))
    steady = [G.from_qgs(z.geometry) for z in zones if z.kind == "capture"]
    assert len(steady) == 2 and all(g.geom_type == "MultiPolygon" and g.is_valid for g in steady)
    assert {z.parameters["engine"] for z in zones} == {"superposition"}
    assert steady[0].intersection(steady[1]).area < 1e-6 * steady[0].area  # no overlap
    field = G.union(steady)
    assert field.area == pytest.approx(steady[0].area + steady[1].area, rel=1e-9)  # the union is the field's zone
    q0 = 10.0 * 20.0 * 0.001
    width = width_across(field, 500000.0 - 39990.0)
    assert width == pytest.approx(2 * half_width_up(2000.0, q0, 39990.0), rel=0.005)  # 9,617 m
    assert width > 9500.0  # the old well-by-well union was 5,003 m
    # each well's time-of-travel zone lies inside its own capture zone, the zones of the two wells apart
    tot = {(z.well_uuid, z.tot_days): G.from_qgs(z.geometry) for z in zones if z.kind == "time_of_travel"}
    assert len(tot) == 4
    for (uuid, _days), g in tot.items():
        own = steady[int(uuid[1])]
        assert g.difference(own).area < 1e-6 * g.area
    assert tot[("w0", 1000.0)].intersection(tot[("w1", 1000.0)]).area < 1e-6 * tot[("w0", 1000.0)].area
    # 100-day zone inside the 1000-day zone
    assert tot[("w0", 100.0)].difference(tot[("w0", 1000.0)]).area < 1e-6 * tot[("w0", 100.0)].area


def test_far_up_gradient_the_width_tends_to_2q_over_kbi():
    f = A.WellField([0.0, 0.0], [-50.0, 50.0], [1000.0, 1000.0], 10.0, 20.0, 0.001, 0.2, 90.0, engine="superposition")
    field = G.union(f.capture_zones(400000.0))
    w = LineString([(-399000.0, -1e5), (-399000.0, 1e5)]).intersection(field).length
    assert 9800.0 < w < 10000.0


def forward_destinations(f, pts, up_length):
    """The well each point's water ends in (-1: past the field or into the river), tracked forwards."""
    fr = FZ._Frame(complex(f.zw.mean()), f.u)
    ws = FZ.WellStop(f.zw, np.full(len(f.zw), 1.0))
    stops = [ws, FZ.LineStop(fr.o, fr.u, float(fr.s(f.zw).max()) + 20000.0, 1.0)]
    if f.river is not None:
        stops.append(RV.RiverStop(f.river, f.wells_side))
    Z.track(f.velocity, pts, direction=1.0, stop=Z.AnyStop(*stops), ds_max=10.0, max_steps=40000, t_max=1e9)
    return np.array([ws.which.get(k, -1) for k in range(len(pts))])


def assert_zones_are_where_the_water_goes(f, zones, up_length, n=500, tolerance=0):
    field = G.union(zones)
    minx, miny, maxx, maxy = field.buffer(200.0).bounds
    rng = np.random.default_rng(7)
    pts = rng.uniform(minx, maxx, n) + 1j * rng.uniform(miny, maxy, n)
    fr = FZ._Frame(complex(f.zw.mean()), f.u)
    pts = pts[fr.s(pts) > float(fr.s(f.zw).min()) - up_length + 1.0]
    dest = forward_destinations(f, pts, up_length)
    shapes = [prep(z) for z in zones]
    inside = np.array([next((k for k, s in enumerate(shapes) if s.contains(Point(p.real, p.imag))), -1) for p in pts])
    assert (dest >= 0).sum() > 0.3 * len(pts)
    assert int((dest != inside).sum()) <= tolerance


def test_a_well_field_is_partitioned_by_where_its_water_goes():
    rng = np.random.default_rng(3)
    xs, ys, qs = rng.uniform(0, 3000, 6), rng.uniform(0, 3000, 6), rng.uniform(800, 2500, 6)
    f = A.WellField(xs, ys, qs, 20.0, 30.0, 0.001, 0.2, 30.0, engine="superposition")
    zones = f.capture_zones(2000.0)
    assert all(z.geom_type == "MultiPolygon" and z.is_valid and not z.is_empty for z in zones)
    for i in range(6):
        for j in range(i + 1, 6):
            assert zones[i].intersection(zones[j]).area < 1e-6 * min(zones[i].area, zones[j].area)
        assert zones[i].contains(Point(xs[i] + 5.0, ys[i]))  # each well lies in its own zone
    assert_zones_are_where_the_water_goes(f, zones, 2000.0)


def arc(radius=10000.0, apex=200.0, half_angle=0.9, n=200):
    """A river bending around wells at the origin: circle of ``radius``, apex ``apex`` m north of them."""
    th = np.linspace(-half_angle, half_angle, n)
    return np.column_stack([radius * np.sin(th), apex - radius + radius * np.cos(th)])


def beyond(line):
    """The region north of (beyond) the bending river."""
    return G.polygon(np.vstack([line, [[line[-1, 0], 1e6], [line[0, 0], 1e6]]]))


def test_a_curved_river_is_followed_and_nothing_lies_beyond_it():
    """Flow towards a river bending around two wells (10 km radius, apex 200 m down-gradient): with the old
    straight chord between the river's ends a quarter of the capture zone lay beyond the river."""
    line = arc()
    wells = [(0.0, -50.0), (0.0, 50.0)]
    river, note = RV.river_reach([line], wells, radius=8000.0)
    assert river is not None and not river.straight and note == ""
    f = A.WellField([0.0, 0.0], [-50.0, 50.0], [1000.0, 1000.0], 10.0, 20.0, 0.001, 0.2, 0.0, river=river,
                    engine="superposition")  # fmt: skip
    assert f.river_model == "line sinks"
    out = beyond(line)
    res = f.zones([100.0, 1000.0], 2000.0)
    assert res and all(r.geometry.is_valid and r.geometry.geom_type == "MultiPolygon" for r in res)
    for r in res:
        assert r.geometry.intersection(out).area == 0.0
    steady = [r.geometry for r in res if r.tot_days is None]
    assert_zones_are_where_the_water_goes(f, steady, 2000.0, n=400)
    # the old chord model: a large part of the field's zone beyond the real river
    chord = A.WellField([0.0, 0.0], [-50.0, 50.0], [1000.0, 1000.0], 10.0, 20.0, 0.001, 0.2, 0.0,
                        river=A.River(line[[0, -1]]), engine="superposition")  # fmt: skip
    old = G.union(chord.capture_zones(2000.0))
    assert old.intersection(out).area > 0.05 * old.area


def test_river_layers_with_several_features_are_merged_and_far_rivers_reported():
    line = arc()
    parts = [line[120:], line[:61][::-1], line[60:121]]  # three features, one digitised the other way
    merged = RV.merged_lines(parts)
    assert len(merged) == 1 and LineString(merged[0]).length == pytest.approx(LineString(line).length, rel=1e-9)
    r1, _ = RV.river_reach(parts, [(0.0, -50.0)], radius=8000.0)
    r2, _ = RV.river_reach([line], [(0.0, -50.0)], radius=8000.0)
    assert LineString(r1.xy).hausdorff_distance(LineString(r2.xy)) < 1e-6
    far, note = RV.river_reach([line + [0.0, 60000.0]], [(0.0, -50.0)], radius=8000.0)
    assert far is None and "was not used" in note and "57,007 m" in note  # its ends are nearest
    # through compute_zones: the note is recorded with every zone
    params = dict(TWO, FLOW_AZIMUTH=0.0, UPGRADIENT_LENGTH=2000.0, TRAVEL_TIMES="")
    wells = [W.WellInput("a", 0.0, -50.0, "ws", None, "A", {"Q": 1000.0})]
    river, note = W.river_for_field([line + [0.0, 60000.0]], [(0.0, -50.0)], W.full_parameters("aem", params))
    zones = W.compute_zones("aem", wells, params, river=river, river_note=note)
    assert river is None and zones and all(z.parameters["river_note"] == note for z in zones)


def test_wells_on_both_sides_of_a_river_are_refused():
    with pytest.raises(Z.ZoneInputError, match="both sides"):
        RV.river_reach([arc()], [(0.0, -50.0), (0.0, 500.0)], radius=8000.0)


def test_line_sinks_of_a_straight_river_match_the_image_wells():
    """The built-in head-specified line sinks reproduce the exact image-well solution near the wells."""
    xy = [(-20000.0, 400.0), (-5000.0, 400.0), (20000.0, 400.0)]
    curved = A.River(xy, straight=False)
    args = ([0.0, 2000.0], [0.0, 0.0], [2000.0, 3000.0], 10.0, 20.0, 0.001, 0.2, 0.0)
    fl = A.WellField(*args, river=curved, engine="superposition")
    fi = A.WellField(*args, river=A.River(xy), engine="superposition")
    assert fl.river_model == "line sinks" and fi.river_model == "image wells"
    pts = np.array([0 - 1000j, 1000 - 2000j, 500 + 200j, -1000 - 500j, 2000 + 300j])
    wl, _ = fl.discharge(pts)
    wi, _ = fi.discharge(pts)
    assert np.all(np.abs(wl - wi) < 0.03 * np.abs(wi))


# --------------------------------------------------------------------------------------------------------------
# HJ 338
# --------------------------------------------------------------------------------------------------------------
def test_cone_gradient_is_the_thiem_mean_gradient():
    # Q 2000 m3/d, K 20 m/d, B 30 m, R 500 m, rw 0.1 m: s_w = 2000 ln(5000) / (2 pi 600) = 4.5183 m over 499.9 m
    i = Z.cone_gradient(2000.0, 20.0, 30.0, 500.0)
    assert i == pytest.approx(2000.0 * math.log(5000.0) / (2 * math.pi * 20.0 * 30.0) / 499.9, rel=1e-12)
    assert i == pytest.approx(0.0090384, rel=1e-4)
    with pytest.raises(Z.ZoneInputError):
        Z.cone_gradient(2000.0, 20.0, 30.0, 0.05)


def test_formula_radius_below_the_table_is_warned_and_the_cone_gradient_used():
    well = [W.WellInput("a", 0.0, 0.0, "ws", None, "A", {"Q": 2000.0})]
    # the trap of the issue: the regional gradient 0.001 gives 7.5 m / 75 m beside 50-100 m / 500-1000 m
    zones = W.compute_zones("hj338_formula", well, {"GRADIENT": 0.001, "MEDIUM": "medium_sand"})
    assert [round(z.parameters["wells"][0]["radius_m"], 1) for z in zones] == [7.5, 75.0]
    assert all(z.warnings and "cone of depression" in z.warnings[0] for z in zones)
    assert "50-100 m" in zones[0].warnings[0] and "500-1000 m" in zones[1].warnings[0]
    # I from the radius of influence: R = 1.5 * 10 * I * T / 0.2 with I = the Thiem mean gradient (Q, K, B = 20 m)
    zones = W.compute_zones("hj338_formula", well, {"RADIUS_OF_INFLUENCE": 300.0, "MEDIUM": "medium_sand"})
    i = Z.cone_gradient(2000.0, 10.0, 20.0, 300.0)
    assert zones[0].parameters["wells"][0]["gradient"] == pytest.approx(i)
    assert zones[0].parameters["wells"][0]["radius_m"] == pytest.approx(1.5 * 10.0 * i * 100.0 / 0.2, abs=1e-3)
    assert zones[0].warnings == [] and zones[0].geometry.area() == pytest.approx(
        math.pi * (1.5 * 10.0 * i * 100.0 / 0.2) ** 2, rel=1e-3
    )


def test_large_source_time_of_travel_zones_as_class_one_and_two():
    wells = [W.WellInput(f"w{k}", 0.0, 300.0 * k, "big", "410101", f"W{k}", {"Q": 30000.0}) for k in range(2)]
    params = dict(K=50.0, THICKNESS=40.0, GRADIENT=0.002, POROSITY=0.25, FLOW_AZIMUTH=90.0, UPGRADIENT_LENGTH=5000.0,
                  TRAVEL_TIMES="")  # fmt: skip
    zones = W.compute_zones("uniform_flow", wells, params, protection=True)
    prot = {z.zone_class: z for z in zones if z.table == "protection_zones"}
    assert set(prot) == {"class_1", "class_2"}
    tot = {d: G.union(G.from_qgs(z.geometry) for z in zones if z.tot_days == d) for d in (100.0, 1000.0)}
    for cls, d in (("class_1", 100.0), ("class_2", 1000.0)):
        g = G.from_qgs(prot[cls].geometry)
        assert g.symmetric_difference(tot[d]).area < 1e-6 * g.area
        assert prot[cls].water_source_uuid == "big" and prot[cls].parameters["travel_time_d"] == d
        assert prot[cls].warnings == []  # 60,000 m3/d: a large source
    small = W.compute_zones("uniform_flow", wells[:1], dict(params), protection=True)
    warned = [z for z in small if z.table == "protection_zones"]
    assert warned and "less than the 50,000" in warned[0].warnings[0]


def test_a_riverside_field_draws_from_the_river_only_where_it_does():
    """Wells between the closing line and a straight river (image wells): part of their water comes from the river,
    where it turns from gaining to losing; every zone is where its water goes, nothing beyond the river."""
    rng = np.random.default_rng(11)
    xs, ys, qs = rng.uniform(0, 4000, 8), rng.uniform(0, 3000, 8), rng.uniform(1500, 3000, 8)
    river = A.River([(-20000.0, 3500.0), (30000.0, 3500.0)])
    f = A.WellField(xs, ys, qs, 20.0, 30.0, 0.001, 0.2, 0.0, river=river, engine="superposition")
    assert f.river_model == "image wells"
    zones = f.capture_zones(2000.0)
    assert all(z.is_valid and z.bounds[3] <= 3500.0 + 1e-6 for z in zones if not z.is_empty)
    on_river = [sp for sp in f.last_stagnation_points if abs(sp.imag - 3500.0) < 1e-3]
    assert on_river  # the river turns from gaining to losing beside the field
    assert_zones_are_where_the_water_goes(f, zones, 2000.0, n=500)
