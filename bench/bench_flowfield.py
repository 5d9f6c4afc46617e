"""Benchmark of the flow field (issue 18): head contours and a head raster for 1,000 wells on a 100 m grid of the
demo city (a 60 x 42 km ellipse) in <= 2 s. The figure is also printed as a ratio to a baseline measured in the same
run: GDAL's own linear grid interpolation (gdal.Grid, algorithm "linear") of the same wells onto the same grid, the
tool a user would otherwise reach for.

Run:  PYTHONPATH=. .venv/bin/python bench/bench_flowfield.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gw_plugin.core.wells import flowfield  # noqa: E402

LIMIT_S = 2.0  # issue 18: contours and a head raster for 1,000 wells on a 100 m grid in <= 2 s
W, H, CELL, N = 60_000.0, 42_000.0, 100.0, 1000


def wells(seed=7):
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, W, N)
    y = rng.uniform(0, H, N)
    h = 120.0 - 0.0015 * x + 0.0005 * y + 3.0 * np.sin(x / 7000.0) + rng.normal(0, 0.3, N)
    return x, y, h


def ours(x, y, h):
    fit = flowfield.plane_fit(x, y, h)
    grid = flowfield.head_grid(x, y, h, CELL, extent=(0.0, 0.0, W, H))
    lines = flowfield.contours(grid, 1.0)
    arrows = flowfield.arrows(grid, 2000.0)
    return fit, grid, lines, arrows


def gdal_linear(x, y, h):
    src = gdal.GetDriverByName("Memory").Create("pts", 0, 0, 0, gdal.GDT_Unknown)  # a vector gdal.Dataset
    lyr = src.CreateLayer("pts", geom_type=ogr.wkbPoint25D)
    for xi, yi, hi in zip(x, y, h):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT Z ({xi} {yi} {hi})"))
        lyr.CreateFeature(f)
    opts = gdal.GridOptions(
        format="MEM",
        outputBounds=[0.0, H, W, 0.0],
        width=int(W / CELL),
        height=int(H / CELL),
        algorithm="linear:nodata=-9999",
        outputType=gdal.GDT_Float64,
    )
    ds = gdal.Grid("", src, options=opts)
    return ds.GetRasterBand(1).ReadAsArray()


def best_of(fn, *args, repeat=3):
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> int:
    x, y, h = wells()
    base, ref = best_of(gdal_linear, x, y, h)
    t, (fit, grid, lines, arrows) = best_of(ours, x, y, h)
    finite = np.isfinite(grid.values)
    agree = np.nanmax(np.abs(np.where(finite, grid.values, 0) - np.where(finite, ref, 0)))
    print(f"{N} wells, {grid.shape[1]} x {grid.shape[0]} cells of {CELL:g} m; {len(lines)} contour lines, "
          f"{len(arrows)} arrows; gradient {fit.gradient:.5f}, azimuth {fit.azimuth:.1f}°, R² {fit.r2:.3f}")  # fmt: skip
    verdict = "OK" if t <= LIMIT_S else f"SLOWER THAN {LIMIT_S:g} s"
    print(f"flow field (fit + head raster + contours + arrows)  {t:7.3f} s = {t / base:5.2f} x gdal.Grid linear "
          f"({base:.3f} s)  {verdict}")  # fmt: skip
    print(f"largest difference to gdal.Grid linear inside the hull: {agree:.2e} m")
    return 0 if t <= LIMIT_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
