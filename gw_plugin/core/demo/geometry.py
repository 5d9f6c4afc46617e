"""Plane geometry of the demo city (core/demo/): smooth noise fields, point-in-polygon tests and OGR shapes.

Everything works in model coordinates (metres of EPSG:4547, see geography.py) and knows nothing of a CRS.
"""

from __future__ import annotations

import math

import numpy as np
from osgeo import ogr

ogr.UseExceptions()


class Noise:
    """A smooth random field (sum of plane waves) with roughly zero mean and unit variance, evaluable anywhere."""

    def __init__(self, rng: np.random.Generator, lam_min: float, lam_max: float, n: int = 8):
        ang = rng.uniform(0, np.pi, n)
        k = 2 * np.pi / rng.uniform(lam_min, lam_max, n)
        self.kx, self.ky = k * np.cos(ang), k * np.sin(ang)
        self.phase = rng.uniform(0, 2 * np.pi, n)
        self.norm = math.sqrt(2.0 / n)

    def __call__(self, x, y):
        x = np.asarray(x, float)
        y = np.asarray(y, float)
        out = np.zeros(np.broadcast(x, y).shape)
        for kx, ky, ph in zip(self.kx, self.ky, self.phase):
            out += np.cos(kx * x + ky * y + ph)
        return out * self.norm


def smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def pip(x, y, rings) -> np.ndarray:
    """Even-odd point-in-polygon test of arrays x, y against a list of (n, 2) rings (holes included)."""
    x = np.atleast_1d(np.asarray(x, float)).ravel()
    y = np.atleast_1d(np.asarray(y, float)).ravel()
    inside = np.zeros(x.shape, bool)
    for ring in rings:
        a, b = ring[:, 0], ring[:, 1]
        c, d = np.roll(a, 1), np.roll(b, 1)
        keep = b != d
        a, b, c, d = a[keep], b[keep], c[keep], d[keep]
        slope = (c - a) / (d - b)
        for i in range(0, len(x), 2048):  # (points x edges) blocks
            xs, ys = x[i : i + 2048, None], y[i : i + 2048, None]
            crosses = ((b > ys) != (d > ys)) & (xs < slope * (ys - b) + a)
            inside[i : i + 2048] ^= (np.count_nonzero(crosses, axis=1) % 2).astype(bool)
    return inside


def rings_of(geom: ogr.Geometry) -> list:
    out = []
    name = geom.GetGeometryName()
    if name == "POLYGON":
        for i in range(geom.GetGeometryCount()):
            out.append(np.array(geom.GetGeometryRef(i).GetPoints())[:, :2])
    elif name in ("MULTIPOLYGON", "GEOMETRYCOLLECTION"):
        for i in range(geom.GetGeometryCount()):
            out.extend(rings_of(geom.GetGeometryRef(i)))
    return out


def polygon(coords) -> ogr.Geometry:
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in coords:
        ring.AddPoint_2D(float(x), float(y))
    ring.CloseRings()
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def multipolygon(geom: ogr.Geometry) -> ogr.Geometry:
    """Polygonal part of ``geom`` as a valid MultiPolygon."""
    if not geom.IsValid():
        geom = geom.MakeValid()
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    name = geom.GetGeometryName()
    if name == "POLYGON":
        out.AddGeometry(geom)
    elif name in ("MULTIPOLYGON", "GEOMETRYCOLLECTION"):
        for i in range(geom.GetGeometryCount()):
            part = geom.GetGeometryRef(i)
            if part.GetGeometryName() == "POLYGON" and part.GetArea() > 0:
                out.AddGeometry(part)
            elif part.GetGeometryName() == "MULTIPOLYGON":
                for j in range(part.GetGeometryCount()):
                    out.AddGeometry(part.GetGeometryRef(j))
    return out


def rect(cx: float, cy: float, w: float, h: float, angle_deg: float) -> ogr.Geometry:
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return polygon([(cx + px * ca - py * sa, cy + px * sa + py * ca) for px, py in pts])


def blob(cx, cy, rx, ry, rng, n=72, wiggle=0.08) -> ogr.Geometry:
    th = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = np.ones(n)
    for k in (2, 3, 5):
        r += rng.uniform(0.3, 1.0) * wiggle * np.cos(k * th + rng.uniform(0, 2 * np.pi))
    return polygon(zip(cx + rx * r * np.cos(th), cy + ry * r * np.sin(th)))


def point(x: float, y: float) -> ogr.Geometry:
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(float(x), float(y))
    return p
