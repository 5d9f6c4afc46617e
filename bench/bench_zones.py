"""Benchmark of the zone methods (issues 5 and 15): 1,000 analytic zones <= 2 s; a 20-well analytic-element field
computed as one flow field with its steady, 100 d and 1000 d zones <= 1 s (issue 15; the well-by-well ribbon
tracer took 3.5-7.3 s). Each figure is also printed as a ratio to a baseline measured in the same run: a bare
numpy evaluation of the same number of vertices / velocity evaluations, so that runs on machines of different
speed can be compared.

Run:  PYTHONPATH=. .venv/bin/python bench/bench_zones.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gw_plugin.core.zones import analytic_elements as A  # noqa: E402
from gw_plugin.core.zones import methods as Z  # noqa: E402
from gw_plugin.core.zones import river as RV  # noqa: E402
from gw_plugin.toolbelt import geometry as G  # noqa: E402


def timed(fn, repeat: int = 1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def line(name, seconds, baseline, limit=None):
    verdict = ""
    if limit is not None:
        verdict = "  OK" if seconds <= limit else f"  SLOWER THAN {limit:g} s"
    print(f"{name:58s} {seconds:8.3f} s  = {seconds / baseline:8.1f} x baseline ({baseline * 1000:.2f} ms){verdict}")


def main() -> int:
    rng = np.random.default_rng(42)
    n = 1000
    x = rng.uniform(400000, 500000, n)
    y = rng.uniform(3800000, 3900000, n)
    q = rng.uniform(500, 5000, n)
    k = rng.uniform(5, 50, n)
    wells = [Z.UniformFlowWell(q[i], k[i], 30.0, 0.001, 0.2, 30.0, x[i], y[i], 0.15) for i in range(n)]
    print(f"numpy {np.__version__}; {n} wells")

    # 1. analytic zones ------------------------------------------------------------------------------------------
    n_vert = 721
    base_vert, _ = timed(lambda: np.sin(np.linspace(0, 1, n * n_vert)) * np.cos(np.linspace(0, 1, n * n_vert)), 3)
    t_circ, _ = timed(lambda: [Z.circle(w.x, w.y, Z.hj338_radius(w.k, 0.001, 100, 0.2)) for w in wells], 3)
    t_cz, rings = timed(lambda: [w.capture_zone(3000.0) for w in wells], 3)
    t_wkb, _ = timed(lambda: [G.multipolygon_wkb(G.polygon(r)) for r in rings], 3)
    line("1000 HJ 338 circles (128 vertices)", t_circ, base_vert, 2.0)
    line("1000 steady capture zones (uniform flow, 721 vertices)", t_cz, base_vert, 2.0)
    line("  + their valid MultiPolygon WKB (shapely, what the writers store)", t_wkb, base_vert)
    t_tot, _ = timed(lambda: Z.tot_zones_batch(wells, [100.0, 1000.0], 3000.0))
    # baseline: the same number of velocity evaluations as a bare numpy expression
    counter = {"n": 0}
    orig = Z.track

    def counting_track(*a, **kw):
        res = orig(*a, **kw)
        counter["n"] += res.evaluations
        return res

    Z.track = counting_track
    try:
        Z.tot_zones_batch(wells, [100.0, 1000.0], 3000.0)
    finally:
        Z.track = orig
    zz = rng.uniform(1, 2, counter["n"]) + 1j * rng.uniform(1, 2, counter["n"])
    base_v, _ = timed(lambda: (np.conj(1.0 - 1.0 / zz), np.abs(1.0 / zz**2)))
    line(f"1000 x (100 d + 1000 d) ToT zones, 360 particles ({counter['n'] / 1e6:.1f} M evals)", t_tot, base_v, 2.0)

    # 2. 20-well analytic-element field --------------------------------------------------------------------------
    xs = rng.uniform(0, 8000, 20)
    ys = rng.uniform(0, 8000, 20)
    qs = rng.uniform(1000, 3000, 20)
    field = A.WellField(xs, ys, qs, 20.0, 30.0, 0.001, 0.2, 30.0, rw=0.15, engine="superposition")
    evals = {"n": 0}
    vel = field.velocity

    def counting_velocity(z, idx=None):
        evals["n"] += len(z)
        return vel(z, idx)

    t_field, res = timed(lambda: field.zones([100.0, 1000.0], 3000.0), 3)
    field.velocity = counting_velocity
    field.zones([100.0, 1000.0], 3000.0)
    field.velocity = vel
    pts = rng.uniform(0, 8000, evals["n"]) + 1j * rng.uniform(0, 8000, evals["n"])

    def bare():
        for chunk in np.array_split(pts, max(1, len(pts) // 2000)):
            vel(chunk)

    base_f, _ = timed(bare)
    steady = [r.geometry for r in res if r.tot_days is None]
    overlap = sum(steady[i].intersection(steady[j]).area for i in range(20) for j in range(i + 1, 20))
    line(
        f"20-well field as one flow field: steady + 100 d + 1000 d ({len(res)} zones, {evals['n'] / 1e6:.2f} M evals)",
        t_field,
        base_f,
        1.0,
    )
    print(f"{'':58s} overlap between the wells' zones: {overlap:.3g} m² (valid: {all(g.is_valid for g in steady)})")
    river = A.River([(-20000.0, 9000.0), (30000.0, 9000.0)])  # 1-9 km north of the wells, flow towards it
    th = np.linspace(-0.9, 0.9, 200)
    bend = np.column_stack([4000 + 15000 * np.sin(th), 9000 - 15000 + 15000 * np.cos(th)])
    curved, _ = RV.river_reach([bend], np.column_stack([xs, ys]), radius=12000.0)
    engines = ["superposition"] + (["timml"] if A.timml_available() else [])
    for engine in engines:
        for label, riv in (("straight river, image wells", river), ("bending river, line sinks", curved)):

            def riverside(e=engine, riv=riv):
                f = A.WellField(xs, ys, qs, 20.0, 30.0, 0.001, 0.2, 0.0, rw=0.15, river=riv, engine=e)
                return f.zones([100.0, 1000.0], 3000.0)

            t_r, _ = timed(riverside)
            line(f"20-well riverside field ({engine}, {label}, incl. solve)", t_r, base_f)
    if not A.timml_available():
        print("timml not installed: timml engine not timed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
