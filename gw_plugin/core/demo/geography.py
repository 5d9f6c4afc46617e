"""The demo city's landscape (core/demo/): outline, counties, river, hills, karst, towns and industrial parks.

:class:`Geo` is drawn from the seed in model coordinates (EPSG:4547 metres) and also defines the 100 m raster grid
that rasters.py fills and that point attributes are sampled from.
"""

from __future__ import annotations

import math

import numpy as np
from osgeo import ogr, osr

from ...toolbelt.ogr import transformation
from . import names as N
from .geometry import Noise, blob, multipolygon, pip, point, polygon, rect, rings_of, smoothstep

ogr.UseExceptions()
osr.UseExceptions()

MODEL_CRS = "EPSG:4547"
CELL_SIZE = 100.0


class Geo:
    """The city's landscape in model coordinates (EPSG:4547 metres): outline, counties, river, hills, towns."""

    def __init__(self, seed: int):
        ss = np.random.SeedSequence([seed, 1])
        rng = np.random.default_rng(ss)
        lon = 113.95 + rng.uniform(-0.05, 0.05)
        lat = 34.72 + rng.uniform(-0.04, 0.04)
        # CGCS2000 geographic (EPSG:4490) to the model's CGCS2000 GK zone (EPSG:4547)
        cx, cy, _ = transformation(4490, 4547, skip_same=False).TransformPoint(lon, lat)
        # Round the centre to whole metres so the geometry does not depend on PROJ's last digits.
        self.cx, self.cy = float(round(cx)), float(round(cy))
        self.center_lonlat = (lon, lat)

        # City outline: a lumpy ellipse 60 x 42 km.
        th = np.linspace(0, 2 * np.pi, 240, endpoint=False)
        r = np.ones_like(th)
        for k in range(2, 7):
            r += rng.uniform(0.015, 0.06) / math.sqrt(k - 1) * np.cos(k * th + rng.uniform(0, 2 * np.pi))
        r += 0.006 * np.cos(23 * th + rng.uniform(0, 2 * np.pi))
        self.a, self.b = 30000.0, 22000.0
        outline = np.column_stack([self.cx + self.a * r * np.cos(th), self.cy + self.b * r * np.sin(th)])
        outline = np.round(outline, 2)
        self.outline_geom = polygon(outline)

        # Noise fields shared by rasters and point attributes.
        self.n_hill = Noise(rng, 8000, 20000)
        self.n_karst = Noise(rng, 6000, 14000)
        self.n_dtw = Noise(rng, 5000, 15000)
        self.n_soil = Noise(rng, 3000, 9000)
        self.n_small = Noise(rng, 1500, 4000, n=10)
        self.n_k = Noise(rng, 4000, 10000)

        # River: flows west -> east across the northern third, meandering.
        xs = np.arange(self.cx - 45000, self.cx + 45001, 200.0)
        lam1, lam2 = rng.uniform(14000, 18000), rng.uniform(5000, 7000)
        ph1, ph2 = rng.uniform(0, 2 * np.pi, 2)
        y0 = self.cy + rng.uniform(10000, 11000)
        ys = y0 + 1400 * np.sin(2 * np.pi * xs / lam1 + ph1) + 600 * np.sin(2 * np.pi * xs / lam2 + ph2)
        ys += 250 * self.n_small(xs, np.full_like(xs, y0))
        self.river = np.round(np.column_stack([xs, ys]), 2)
        self.river_geom = ogr.Geometry(ogr.wkbLineString)
        for x, y in self.river:
            self.river_geom.AddPoint_2D(float(x), float(y))
        self.river_half_width = 350.0

        # Counties: Voronoi cells of six jittered seeds, with wiggled shared boundaries, clipped by the outline.
        base = [(0, 0), (1000, 16500), (-20000, 3000), (19000, 1000), (2000, -14000), (-16000, -12000)]
        self.seeds = np.array(
            [(self.cx + dx + rng.uniform(-1500, 1500), self.cy + dy + rng.uniform(-1500, 1500)) for dx, dy in base]
        )
        self.counties = self._counties(seed)
        union = self.counties[0][1].Clone()
        for _, g in self.counties[1:]:
            union = union.Union(g)
        self.city_geom = multipolygon(union)
        self.city_rings = rings_of(self.city_geom)
        self.county_rings = [(meta, rings_of(g)) for meta, g in self.counties]

        # Towns and parks.
        self.urban = []
        core = blob(self.cx + 1000, self.cy + 500, 7500, 5500, rng)
        self.urban.append((f"{N.COUNTIES[0]['name_zh']}中心城区", f"{N.COUNTIES[0]['name_en']} urban core", core))
        self.seats = [(self.cx + 1000, self.cy + 500)]
        for i, meta in enumerate(N.COUNTIES[1:], start=1):
            sx, sy = self.seeds[i]
            if i == 1:  # north bank: keep the county town off the river
                sy = max(sy, self.river_y(sx) + 3500)
            rad = rng.uniform(1600, 2300)
            self.urban.append(
                (f"{meta['short_zh']}县城", f"{meta['short_en']} county town", blob(sx, sy, rad, rad * 0.8, rng))
            )
            self.seats.append((sx, sy))
        ang = rng.uniform(-15, 15)
        self.chem_center = (self.cx + 13500 + rng.uniform(-800, 800), self.cy + 4000 + rng.uniform(-600, 600))
        self.ep_center = (self.cx + 5000 + rng.uniform(-800, 800), self.cy - 8500 + rng.uniform(-600, 600))
        self.parks = [
            ("chemical", "黄泽东原化工园区", "Huangze Dongyuan Chemical Park", rect(*self.chem_center, 3400, 2200, ang)),
            ("electroplating", "南田电镀工业集聚区", "Nantian Electroplating Cluster", rect(*self.ep_center, 1500, 1100, -ang)),
        ]  # fmt: skip
        outline_rings = rings_of(self.outline_geom)
        for i in (0, 1, 2, 4, 5):
            meta = N.COUNTIES[i]
            sx, sy = self.seats[i]
            for _ in range(100):  # a spot inside the city, on the county town's side of the river
                a = rng.uniform(0, 2 * np.pi)
                dist = 9000 if i == 0 else 3500
                px, py = sx + dist * math.cos(a), sy + dist * math.sin(a)
                ry = float(self.river_y(px))
                side_ok = py > ry + 2500 if i == 1 else py < ry - 2500
                if side_ok and pip([px], [py], outline_rings)[0] and (i == 5 or float(self.hill(px, py)) < 0.3):
                    break
            self.parks.append(("general", f"{meta['short_zh']}产业集聚区", f"{meta['short_en']} Industrial Cluster",
                               rect(px, py, rng.uniform(1200, 2000), rng.uniform(900, 1400), rng.uniform(-30, 30))))  # fmt: skip
        self.grid = None  # set by rasters()

    # -- landscape functions (vectorised over model coordinates) --
    def river_y(self, x):
        return np.interp(x, self.river[:, 0], self.river[:, 1])

    def hill(self, x, y):
        """0 on the alluvial plain .. 1 in the south-western hills."""
        u = ((self.cx - np.asarray(x)) * 0.70 + (self.cy - np.asarray(y)) * 0.71) / 1000.0
        return smoothstep((u + 2.0 * self.n_hill(x, y) - 13.0) / 8.0)

    def karst(self, x, y):
        return self.n_karst(x, y) > -0.1

    def elevation(self, x, y):
        dx = (np.asarray(x) - self.cx) / 1000.0
        dy = (np.asarray(y) - self.cy) / 1000.0
        h = self.hill(x, y)
        return (
            96.0 - 0.32 * dx - 0.12 * dy + 380.0 * h**1.5 * (0.85 + 0.15 * self.n_small(x, y)) + 2.5 * self.n_dtw(x, y)
        )

    def county_of(self, x, y) -> list:
        """County code of each point (nearest county for points on a boundary)."""
        x = np.atleast_1d(np.asarray(x, float))
        y = np.atleast_1d(np.asarray(y, float))
        codes = np.full(x.shape, "", dtype=object)
        for meta, rings in self.county_rings:
            m = (codes == "") & pip(x, y, rings)
            codes[m] = meta["code"]
        for i in np.nonzero(codes == "")[0]:
            p = point(x[i], y[i])
            codes[i] = min(self.counties, key=lambda c: c[1].Distance(p))[0]["code"]
        return list(codes)

    def _counties(self, seed: int) -> list:
        from scipy.spatial import Voronoi

        far = 400000.0
        pts = np.vstack([self.seeds, [[self.cx - far, self.cy], [self.cx + far, self.cy], [self.cx, self.cy - far],
                                      [self.cx, self.cy + far]]])  # fmt: skip
        vor = Voronoi(pts)
        edge_cache = {}

        def edge(i, j):
            key = (min(i, j), max(i, j))
            if key not in edge_cache:
                p, q = vor.vertices[key[0]], vor.vertices[key[1]]
                length = float(np.hypot(*(q - p)))
                n = max(2, int(length / 600))
                t = np.linspace(0, 1, n + 1)
                er = np.random.default_rng([seed, 2, key[0], key[1]])
                normal = np.array([-(q - p)[1], (q - p)[0]]) / max(length, 1.0)
                off = np.zeros_like(t)
                for k in (1, 2, 3, 5):
                    off += er.uniform(-1, 1) / k * np.sin(k * np.pi * t)
                off *= min(0.05 * length, 1500.0)
                line = p[None, :] + t[:, None] * (q - p)[None, :] + off[:, None] * normal[None, :]
                edge_cache[key] = np.round(line, 2)
            line = edge_cache[key]
            return line if i == key[0] else line[::-1]

        out = []
        for k, meta in enumerate(N.COUNTIES):
            region = vor.regions[vor.point_region[k]]
            coords = []
            for a, b in zip(region, region[1:] + region[:1]):
                coords.extend(edge(a, b)[:-1])
            cell = polygon(coords)
            if not cell.IsValid():  # wiggle too strong for this cell: fall back to straight edges
                cell = polygon([vor.vertices[v] for v in region])
            out.append((meta, multipolygon(cell.Intersection(self.outline_geom))))
        return out

    # -- grid --
    def make_grid(self):
        minx, maxx, miny, maxy = self.city_geom.GetEnvelope()
        x0 = math.floor(minx / CELL_SIZE) * CELL_SIZE
        y1 = math.ceil(maxy / CELL_SIZE) * CELL_SIZE
        nx = int(math.ceil((maxx - x0) / CELL_SIZE))
        ny = int(math.ceil((y1 - miny) / CELL_SIZE))
        self.grid = (x0, y1, nx, ny)
        return self.grid

    def sample_raster(self, arr, x, y):
        x0, y1, nx, ny = self.grid
        c = np.clip(((np.asarray(x) - x0) // CELL_SIZE).astype(int), 0, nx - 1)
        r = np.clip(((y1 - np.asarray(y)) // CELL_SIZE).astype(int), 0, ny - 1)
        return arr[r, c]
