"""Protection-zone and capture-zone methods (core/zones/methods.py, core/zones/analytic_elements.py): formulas, accuracy, plane fit, inputs."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest
from osgeo import ogr
from scipy.integrate import quad

from gw_plugin.core.zones import analytic_elements as A
from gw_plugin.core.zones import methods as Z
from gw_plugin.toolbelt import geometry as G

# Typical porous-aquifer well: Q 2000 m3/d, K 20 m/d, B 30 m, i 0.001, n 0.2 (x_s = 530.5 m).
WELL = dict(q=2000.0, k=20.0, b=30.0, gradient=0.001, porosity=0.2)


def well(**kw):
    p = dict(WELL, azimuth=30.0, x=512345.0, y=3812345.0, rw=0.15)
    p.update(kw)
    return Z.UniformFlowWell(**p)


def geom(ring):
    return ogr.CreateGeometryFromWkt(G.polygon(ring).wkt)


def rel_sym_diff(g1, g2) -> float:
    return g1.SymmetricDifference(g2).GetArea() / g1.GetArea()


# --------------------------------------------------------------------------------------------------------------
# HJ 338 formula, table, fixed radius
# --------------------------------------------------------------------------------------------------------------
def test_hj338_formula():
    # R = alpha K I T / n (HJ 338, ../shared/reference/README.md §2): 1.5 * 20 * 0.001 * 100 / 0.2 = 15 m
    assert Z.hj338_radius(20, 0.001, 100, 0.2) == pytest.approx(15.0)
    assert Z.hj338_radius(20, 0.001, Z.HJ338_T_CLASS_II, 0.2, alpha=1.0) == pytest.approx(100.0)
    assert Z.HJ338_T_CLASS_I == 100 and Z.HJ338_T_CLASS_II == 1000 and Z.HJ338_ALPHA_DEFAULT == 1.5
    assert Z.zone_class_for_travel_time(100) == "class_1"
    assert Z.zone_class_for_travel_time(1000) == "class_2"


def test_fixed_radius_formula():
    # r = sqrt(Q t / (pi n H)) (EPA-440/5-93-001): sqrt(1000 * 100 / (pi * 0.2 * 20)) = 89.206 m
    assert Z.fixed_radius(1000, 100, 0.2, 20) == pytest.approx(89.2062, rel=1e-5)


def test_circle_polygon_area():
    ring = Z.circle(100.0, 200.0, 50.0)
    assert len(ring) == Z.CIRCLE_VERTICES + 1 and np.array_equal(ring[0], ring[-1])
    assert Z.ring_area(ring) == pytest.approx(math.pi * 50.0**2, rel=1e-3)
    assert np.allclose(np.hypot(ring[:, 0] - 100, ring[:, 1] - 200), 50.0)


def test_radius_table_is_marked_and_usable():
    rows = Z.load_radius_table()
    assert len(rows) == 10
    for r in rows:
        assert r.status in ("verified", "unverified") and r.source
        assert r.radius_min_m <= r.radius_default_m <= r.radius_max_m
    # the file says in its header that the values are unverified
    text = Z.radius_table_path().read_text(encoding="utf-8")
    assert "UNVERIFIED" in text
    for medium in ("fine_sand", "medium_sand", "coarse_sand", "gravel", "cobble"):
        c1 = Z.table_radius(medium, "class_1", rows)
        c2 = Z.table_radius(medium, "class_2", rows)
        assert c2.radius_default_m > c1.radius_default_m
    assert Z.table_radius("中砂", "class_1", rows).medium == "medium_sand"
    assert Z.table_radius("Medium Sand", "class_1", rows).medium == "medium_sand"
    with pytest.raises(Z.ZoneInputError, match="Unknown aquifer medium"):
        Z.table_radius("clay", "class_1", rows)


def test_edited_radius_table_is_used(tmp_path):
    src = Z.radius_table_path().read_text(encoding="utf-8")
    path = tmp_path / "table.csv"
    path.write_text(src.replace("gravel,砾石,Gravel,class_1,200,500,500", "gravel,砾石,Gravel,class_1,200,500,321"))
    rows = Z.load_radius_table(path)
    assert Z.table_radius("gravel", "class_1", rows).radius_default_m == 321
    # the csv stays readable by a plain csv reader (comments first)
    lines = [ln for ln in src.splitlines() if not ln.startswith("#")]
    assert list(csv.DictReader(lines))[0]["medium"] == "fine_sand"


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: Z.hj338_radius(0, 0.001, 100, 0.2), "K must be greater than 0"),
        (lambda: Z.hj338_radius(-5, 0.001, 100, 0.2), "K must be greater than 0"),
        (lambda: Z.hj338_radius(10, 0.001, 100, 0.0), r"Porosity must be in \(0, 1\]"),
        (lambda: Z.hj338_radius(10, 0.001, 100, 1.5), r"Porosity must be in \(0, 1\]"),
        (lambda: Z.hj338_radius(10, 0.001, 100, "x"), "Porosity must be a number"),
        (lambda: Z.fixed_radius(1000, 100, 0.2, float("nan")), "H must be greater than 0"),
        (lambda: Z.UniformFlowWell(1000, 10, 20, 0.0, 0.2), "Gradient must be greater than 0"),
        (lambda: Z.UniformFlowWell(-1000, 10, 20, 0.001, 0.2), "Q must be greater than 0"),
        (lambda: A.WellField([0], [0], [1000], 10, 20, 0.001, 1.2, 0), "Porosity"),
    ],
)
def test_invalid_inputs(call, match):
    with pytest.raises(Z.ZoneInputError, match=match):
        call()


# --------------------------------------------------------------------------------------------------------------
# Well in uniform flow (Grubb 1993)
# --------------------------------------------------------------------------------------------------------------
def test_closed_forms_of_uniform_flow_well():
    w = well()
    q0 = 20 * 30 * 0.001
    assert w.stagnation_distance == pytest.approx(2000 / (2 * math.pi * q0))
    assert w.half_width_at_well == pytest.approx(2000 / (4 * q0))
    assert w.half_width_far == pytest.approx(2000 / (2 * q0))
    # the stagnation point is where the velocity vanishes, down-gradient (azimuth 30 deg: east-north-east)
    v, _ = w.velocity_local(np.array([w.stagnation_distance + 0j]))
    assert abs(v[0]) < 1e-12
    s = w.to_world(w.stagnation_distance)
    assert s.real > w.x and s.imag > w.y
    assert math.degrees(math.atan2(s.real - w.x, s.imag - w.y)) == pytest.approx(30.0)


def test_steady_capture_zone_geometry():
    w = well()
    L = 3000.0
    ring = w.capture_zone(L)
    zl = w.to_local(ring[:, 0] + 1j * ring[:, 1])
    # stagnation distance within 0.5 %
    assert zl.real.max() == pytest.approx(w.stagnation_distance, rel=0.005)
    # every vertex except the closing segment lies on the dividing streamline Psi = -Q0 y + Q theta / (2 pi) = 0
    on_curve = zl.real > -L + 1e-6
    psi = -w.q0 * zl.imag[on_curve] + w.q * np.angle(zl[on_curve]) / (2 * math.pi)
    assert np.abs(psi).max() < 1e-6 * w.q
    # half-width on the line through the well perpendicular to the flow, within 0.5 %
    hw = _half_width_at(zl, 0.0)
    assert hw == pytest.approx(w.half_width_at_well, rel=0.005)
    # far up-gradient (1000 x_s) the half-width tends to Q / (2 K B i), within 0.5 %
    far = 1000 * w.stagnation_distance
    zl2 = w.to_local(_c(w.capture_zone(far * 1.01)))
    assert _half_width_at(zl2, -far) == pytest.approx(w.half_width_far, rel=0.005)
    # the zone is closed at the up-gradient length
    assert zl.real.min() == pytest.approx(-L)


def _c(ring):
    return ring[:, 0] + 1j * ring[:, 1]


def _half_width_at(zl, x):
    """Largest |y| where the ring crosses the line x' = x (linear interpolation)."""
    ys = []
    for a, b in zip(zl[:-1], zl[1:]):
        if (a.real - x) * (b.real - x) <= 0 and a.real != b.real:
            f = (x - a.real) / (b.real - a.real)
            ys.append(abs(a.imag + f * (b.imag - a.imag)))
    return max(ys)


def test_closed_form_travel_times_match_quadrature():
    """The derivations in UniformFlowWell.travel_time_* checked against numeric integration of dx / v."""
    w = well()
    nb = w.porosity * w.b

    def speed_axis(x):
        return abs(w.q0 - w.q / (2 * math.pi * x)) / nb

    for L in (50.0, 400.0, 2500.0):
        num, _ = quad(lambda s: 1.0 / speed_axis(-s), 0, L, limit=200)
        assert w.travel_time_upgradient(L) == pytest.approx(num, rel=1e-8)
    for L in (50.0, 300.0, 500.0):
        num, _ = quad(lambda x: 1.0 / speed_axis(x), 0, L, limit=200)
        assert w.travel_time_downgradient(L) == pytest.approx(num, rel=1e-8)
    assert math.isinf(w.travel_time_downgradient(w.stagnation_distance))


@pytest.mark.parametrize("days", [10.0, 100.0, 1000.0, 5000.0])
def test_time_of_travel_extent_on_axis(days):
    w = well()
    (ring,) = w.tot_zones([days], upgradient_length=50000.0)
    zl = w.to_local(_c(ring))
    up = -zl.real.min()
    down = zl.real.max()
    # positions after `days` match the closed-form travel times within 1 %
    assert w.travel_time_upgradient(up) == pytest.approx(days, rel=0.01)
    assert w.travel_time_downgradient(down) == pytest.approx(days, rel=0.01)
    assert up == pytest.approx(w.distance_for_time(days, True), rel=0.01)
    assert down == pytest.approx(w.distance_for_time(days, False), rel=0.01)
    # the zone stays inside the steady capture zone
    cz = geom(w.capture_zone(50000.0))
    tot = geom(ring)
    assert tot.Difference(cz).GetArea() < 1e-3 * tot.GetArea()


def test_time_of_travel_radial_limit():
    """With almost no regional flow the zone is the fixed-radius circle r = sqrt(Q t / (pi n B))."""
    w = well(gradient=1e-7)
    (ring,) = w.tot_zones([365.0])
    r = Z.fixed_radius(w.q, 365.0, w.porosity, w.b)
    assert Z.ring_area(ring) == pytest.approx(math.pi * r * r, rel=0.01)


def test_time_of_travel_clipped_up_gradient():
    w = well()
    (ring,) = w.tot_zones([5000.0], upgradient_length=500.0)
    zl = w.to_local(_c(ring))
    assert zl.real.min() == pytest.approx(-500.0, abs=1e-6)


def test_tracker_cancel():
    w = well()
    with pytest.raises(Z.CanceledError):
        Z.tot_zones_batch([w], [1000.0], cancel=lambda: True)


# --------------------------------------------------------------------------------------------------------------
# Gradient from water levels
# --------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [3, 12])
def test_plane_fit_exact(n):
    rng = np.random.default_rng(n)
    x = rng.uniform(0, 2000, n) + 500000
    y = rng.uniform(0, 2000, n) + 3800000
    # water level falling towards azimuth 120 deg with gradient 0.002
    az, g = math.radians(120.0), 0.002
    h = 50.0 - g * ((x - 500000) * math.sin(az) + (y - 3800000) * math.cos(az))
    fit = Z.fit_gradient(x, y, h)
    assert fit.gradient == pytest.approx(g, rel=1e-9)
    assert fit.azimuth_deg == pytest.approx(120.0, abs=1e-7)
    assert fit.r2 == pytest.approx(1.0) and fit.rmse < 1e-9 and fit.n == n


def test_plane_fit_noisy():
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 3000, 40)
    y = rng.uniform(0, 3000, 40)
    h = 30.0 + 0.001 * x - 0.0005 * y + rng.normal(0, 0.05, 40)  # flows towards -grad h = (-0.001, 0.0005)
    fit = Z.fit_gradient(x, y, h)
    expected_az = math.degrees(math.atan2(-0.001, 0.0005)) % 360
    assert fit.azimuth_deg == pytest.approx(expected_az, abs=3.0)
    assert fit.gradient == pytest.approx(math.hypot(0.001, 0.0005), rel=0.05)
    assert 0.9 < fit.r2 < 1.0
    assert fit.rmse == pytest.approx(0.05, rel=0.35)


def test_plane_fit_refuses_bad_input():
    with pytest.raises(Z.ZoneInputError, match="at least 3 wells"):
        Z.fit_gradient([0, 1], [0, 1], [1, 2])
    with pytest.raises(Z.ZoneInputError, match="one line"):
        Z.fit_gradient([0, 100, 200, 300], [0, 50, 100, 150], [10, 9, 8, 7])
    with pytest.raises(Z.ZoneInputError, match="no gradient"):
        Z.fit_gradient([0, 100, 0], [0, 0, 100], [5, 5, 5])
    with pytest.raises(Z.ZoneInputError, match="at least 3"):
        Z.fit_gradient([0, 100, 0], [0, 0, 100], [5, float("nan"), 5])


# --------------------------------------------------------------------------------------------------------------
# Multi-well analytic-element model
# --------------------------------------------------------------------------------------------------------------
def test_aem_one_well_matches_analytic_zone():
    w = well()
    f = A.WellField([w.x], [w.y], [w.q], w.k, w.b, w.gradient, w.porosity, w.azimuth, rw=w.rw, engine="superposition")
    assert f.engine == "superposition"
    (s,) = f.stagnation_points()
    assert abs(s - w.to_world(w.stagnation_distance)) < 0.005 * w.stagnation_distance
    res = f.zones([100.0, 1000.0], 3000.0)
    steady = [r for r in res if r.tot_days is None]
    assert len(steady) == 1
    assert rel_sym_diff(geom(w.capture_zone(3000.0)), ogr.CreateGeometryFromWkt(steady[0].wkt)) < 0.02
    analytic = dict(zip([100.0, 1000.0], w.tot_zones([100.0, 1000.0], 3000.0)))
    for r in res:
        if r.tot_days is not None:
            assert rel_sym_diff(geom(analytic[r.tot_days]), ogr.CreateGeometryFromWkt(r.wkt)) < 0.02


def test_aem_wells_far_apart_are_independent():
    w1 = well(azimuth=90.0, x=500000.0, y=3800000.0)
    w2 = well(azimuth=90.0, x=500000.0, y=3860000.0, q=1200.0)  # 60 km apart across the flow
    f = A.WellField([w1.x, w2.x], [w1.y, w2.y], [w1.q, w2.q], w1.k, w1.b, w1.gradient, w1.porosity, 90.0)
    res = f.zones([365.0], 2500.0)
    assert len(res) == 4
    for r in res:
        single = (w1, w2)[r.well]
        ref = single.capture_zone(2500.0) if r.tot_days is None else single.tot_zones([365.0], 2500.0)[0]
        assert rel_sym_diff(geom(ref), ogr.CreateGeometryFromWkt(r.wkt)) < 0.02


def test_aem_interfering_wells_share_the_flow():
    """Two close wells side by side: each zone is narrower than alone, together about as wide as one well of 2Q."""
    w = well(azimuth=0.0, x=0.0, y=0.0)
    f = A.WellField([-300.0, 300.0], [0.0, 0.0], [2000.0, 2000.0], w.k, w.b, w.gradient, w.porosity, 0.0)
    g = f.capture_zones(4000.0)
    assert all(z.geom_type == "MultiPolygon" and z.is_valid for z in g)
    assert g[0].intersection(g[1]).area < 1e-6 * g[0].area  # one flow field: the zones do not overlap
    union = ogr.CreateGeometryFromWkt(G.union(g).wkt)
    twice = Z.UniformFlowWell(4000.0, w.k, w.b, w.gradient, w.porosity, 0.0, 0.0, 0.0)
    assert rel_sym_diff(geom(twice.capture_zone(4000.0)), union) < 0.05


def test_aem_river_bounds_the_zones():
    """A well 200 m from a river (image well): nothing of its zones lies beyond the river line."""
    river = A.River([(-5000.0, 200.0), (5000.0, 200.0)])  # river along y = 200, flow towards the river (north)
    f = A.WellField([0.0], [0.0], [3000.0], 20.0, 30.0, 0.001, 0.2, 0.0, river=river, engine="superposition")
    # image well: the well's drawdown vanishes on the river line, so W's normal component there is 2x the image's
    zline = np.linspace(-3000, 3000, 7) + 200j
    w_wells = -(1 / (zline[:, None] - f.zs)) @ f.cs
    assert np.allclose(w_wells.real, 0.0, atol=1e-12)  # W = Qx - iQy: Qx from the wells is 0 along the river
    res = f.zones([100.0, 1000.0], 2000.0)
    assert res
    for r in res:
        g = ogr.CreateGeometryFromWkt(r.wkt)
        env = g.GetEnvelope()
        assert env[3] <= 200.0 + 1e-6
    # the long time-of-travel zone reaches the river (riverbank filtration)
    big = max((r for r in res if r.tot_days == 1000.0), key=lambda r: r.area)
    assert ogr.CreateGeometryFromWkt(big.wkt).GetEnvelope()[3] == pytest.approx(200.0, abs=1.0)


def test_aem_engine_choice_without_timml():
    if A.timml_available():
        pytest.skip("timml installed here")
    f = A.WellField([0.0], [0.0], [1000.0], 10, 20, 0.001, 0.2, 0)
    assert f.engine == "superposition"
    with pytest.raises(Z.ZoneInputError, match="pip install timml"):
        A.WellField([0.0], [0.0], [1000.0], 10, 20, 0.001, 0.2, 0, engine="timml")


def test_aem_timml_engine_matches_superposition():
    pytest.importorskip("timml")
    w = well(x=0.0, y=0.0)
    ft = A.WellField([0.0], [0.0], [w.q], w.k, w.b, w.gradient, w.porosity, w.azimuth, engine="timml")
    assert ft.engine == "timml"
    rt = ft.zones([1000.0], 3000.0)
    assert rel_sym_diff(geom(w.capture_zone(3000.0)), ogr.CreateGeometryFromWkt(rt[0].wkt)) < 0.02


def test_aem_timml_river_matches_image_wells():
    """timml's head-specified river (finite, densified) and the image-well river give the same discharge near
    the wells within 3 %, in real projected coordinates."""
    pytest.importorskip("timml")
    river = A.River([(440000.0, 3850400.0), (470000.0, 3850400.0)])
    args = ([450000.0, 452000.0], [3850000.0, 3850000.0], [2000.0, 3000.0], 10, 20, 0.001, 0.2, 0.0)
    ft = A.WellField(*args, river=river, engine="timml")
    fs = A.WellField(*args, river=river, engine="superposition")
    pts = np.array([450000 + 3849000j, 451000 + 3848000j, 450500 + 3850200j, 449000 + 3849500j])
    wt, _ = ft.discharge(pts)
    ws, _ = fs.discharge(pts)
    assert np.all(np.abs(wt - ws) < 0.03 * np.abs(ws))


def test_aem_timml_line_sinks_match_timml_disvec():
    """The numpy evaluation of timml's solved model equals timml's own discharge (riverside well field)."""
    pytest.importorskip("timml")
    river = A.River([(440000.0, 3850400.0), (445000.0, 3850300.0), (470000.0, 3850500.0)])
    f = A.WellField(
        [450000.0, 452000.0], [3850000.0, 3850000.0], [2000.0, 3000.0], 10, 20, 0.001, 0.2, 10.0, river=river
    )
    assert f.engine == "timml"
    o = f._origin
    for p in (450000 + 3849000j, 451000 + 3848000j, 450500 + 3850200j, 460000 + 3845000j):
        qx, qy = f.timml_model.disvec((p - o).real, (p - o).imag)
        w, _ = f.discharge(np.array([p]))
        assert abs(w[0] - complex(qx[0], -qy[0])) < 1e-6 * abs(w[0])
