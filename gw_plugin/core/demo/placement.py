"""Random placement of the demo city's points (core/demo/): uniform in the city, near a spot or inside a shape,
never in the river."""

from __future__ import annotations

import numpy as np
from osgeo import ogr

from .geography import Geo
from .geometry import pip, rings_of
from .rasters import WATER


class Placer:
    """Draws points inside the city (outside the river) from the placement stream of the builder."""

    def __init__(self, geo: Geo, rasters: dict, rng: np.random.Generator):
        self.geo = geo
        self.r = rasters
        self.rng = rng

    def lu(self, x, y):
        return self.geo.sample_raster(self.r["land_use"], x, y)

    def inside(self, x, y):
        return pip(x, y, self.geo.city_rings) & (self.lu(x, y) != WATER)

    def uniform(self, n: int, where=None, box=None) -> np.ndarray:
        """n points inside the city (and ``where(x, y)``), uniform over ``box`` (default the city envelope)."""
        minx, maxx, miny, maxy = box or self.geo.city_geom.GetEnvelope()
        got = []
        total = 0
        for _ in range(200):
            x = self.rng.uniform(minx, maxx, max(64, 4 * n))
            y = self.rng.uniform(miny, maxy, max(64, 4 * n))
            ok = self.inside(x, y)
            if where is not None:
                ok &= where(x, y)
            got.append(np.column_stack([x[ok], y[ok]]))
            total += int(ok.sum())
            if total >= n:
                break
        pts = np.vstack(got)[:n]
        if len(pts) < n:
            raise RuntimeError("demo: could not place points")
        return np.round(pts, 2)

    def near(self, n: int, x0: float, y0: float, r_min: float, r_max: float, where=None, east_bias=0.0):
        """n points at r_min..r_max from (x0, y0), optionally biased eastwards (down the groundwater gradient)."""
        got = []
        total = 0
        for _ in range(200):
            m = max(16, 4 * n)
            ang = self.rng.normal(0, 0.9, m) if east_bias else self.rng.uniform(0, 2 * np.pi, m)
            rad = self.rng.uniform(r_min, r_max, m)
            x, y = x0 + rad * np.cos(ang), y0 + rad * np.sin(ang)
            ok = self.inside(x, y)
            if where is not None:
                ok &= where(x, y)
            got.append(np.column_stack([x[ok], y[ok]]))
            total += int(ok.sum())
            if total >= n:
                break
        pts = np.vstack(got)[:n]
        if len(pts) < n:
            raise RuntimeError("demo: could not place points near a source")
        return np.round(pts, 2)

    def in_geom(self, n: int, geom: ogr.Geometry):
        rings = rings_of(geom)
        return self.uniform(n, where=lambda x, y: pip(x, y, rings), box=geom.GetEnvelope())
