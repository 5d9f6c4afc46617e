"""The deterministic demo city: a fictional prefecture-level city on a Yellow-River-like alluvial plain.

``build_demo(folder, seed)`` writes, from nothing but a seed,

- ``folder/demo_city.gpkg``: a project GeoPackage (core/data/gpkg.py) filled with six counties that tile the city, a few
  hundred monitoring wells of every type and several aquifer layers, drinking-water sources with their production
  wells, pollution sources of every category (a chemical park, an electroplating cluster, landfills, mines in the
  south-western hills ...), sites, abandoned wells, inspections, roster entries and five years (2020-2024) of
  quarterly GB/T 14848-2017 samples with realistic distributions and plumes. Protection zones, recharge zones and
  zoning units stay empty: later tools compute them.
- ``folder/rasters/*.tif``: 100 m GeoTIFF inputs for vulnerability work (depth to water, net recharge, slope,
  aquifer / soil / vadose media, hydraulic conductivity, land use) with nodata outside the city, and
  ``folder/rasters/classes.json`` describing the class codes.
- ``folder/context/*.gpkg``: context layers the schema has no table for: the river (a meandering line), the urban
  areas and the industrial parks.

Same seed, same bytes in every table (uuids come from the seeded generator, timestamps are fixed); another seed
gives another city. Everything is built in a staging folder and moved into place at the end, so a failed or
canceled run leaves nothing half-written. The geography is modelled in EPSG:4547 (CGCS2000 / 3-degree GK CM
114E) around 113.95E 34.72N and transformed when another CGCS2000 Gauss-Kruger CRS is asked for.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np
from osgeo import gdal, ogr, osr

from ...toolbelt.paths import resource
from ..data import gpkg
from ..data import schema as S
from ..sources import credit_codes as codes
from . import names as N

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

DATABASE_NAME = "demo_city.gpkg"
MODEL_CRS = "EPSG:4547"
FIXED_TIMESTAMP = "2024-12-31T00:00:00.000Z"
CREATED_BY = "demo"
CELL_SIZE = 100.0
YEARS = (2020, 2021, 2022, 2023, 2024)
FLOAT_NODATA = -9999.0
CLASS_NODATA = 255

#: Land-use class codes of rasters/land_use.tif (also used to decide where farms, parks and wells go).
FARMLAND, URBAN, INDUSTRIAL, WATER, FOREST = 1, 2, 3, 4, 5

#: Class codes of the media rasters. ``drastic`` names the matching category of Aller et al. (1987),
#: EPA/600/2-85/018, so that a later DRASTIC tool can map codes to its (editable) rating tables.
RASTER_CLASSES = {
    "land_use": {
        FARMLAND: ("耕地", "Farmland", None),
        URBAN: ("城镇建设用地", "Urban", None),
        INDUSTRIAL: ("工业用地", "Industrial", None),
        WATER: ("水域", "Water", None),
        FOREST: ("林地", "Forest", None),
    },
    "aquifer_media": {
        1: ("砂卵砾石", "Sand and gravel", "Sand and Gravel"),
        2: ("中细砂", "Medium-fine sand", "Sand and Gravel"),
        3: ("粉细砂夹粉土", "Silty fine sand with silt", "Glacial Till"),
        4: ("岩溶灰岩", "Karst limestone", "Karst Limestone"),
        5: ("层状砂页岩裂隙岩", "Bedded sandstone and shale (fissured)", "Bedded Sandstone, Limestone and Shale"),
    },
    "soil_media": {
        1: ("砂土", "Sand", "Sand"),
        2: ("砂壤土", "Sandy loam", "Sandy Loam"),
        3: ("壤土", "Loam", "Loam"),
        4: ("粉质壤土", "Silty loam", "Silty Loam"),
        5: ("黏壤土", "Clay loam", "Clay Loam"),
        6: ("薄层或无土壤", "Thin or absent", "Thin or Absent"),
    },
    "vadose_media": {
        1: ("砂砾石", "Sand and gravel", "Sand and Gravel"),
        2: ("含粉黏粒砂砾", "Sand and gravel with significant silt and clay", "Sand and Gravel w/ sig. Silt and Clay"),
        3: ("粉土、黏土", "Silt and clay", "Silt/Clay"),
        4: ("岩溶灰岩", "Karst limestone", "Karst Limestone"),
        5: ("层状砂页岩", "Bedded sandstone and shale", "Bedded Limestone, Sandstone, Shale"),
    },
}
RASTER_UNITS = {
    "depth_to_water_m": "m",
    "net_recharge_mm": "mm/a",
    "slope_pct": "%",
    "hydraulic_conductivity_md": "m/d",
}
RASTER_NAMES = (
    "depth_to_water_m",
    "net_recharge_mm",
    "slope_pct",
    "aquifer_media",
    "soil_media",
    "vadose_media",
    "hydraulic_conductivity_md",
    "land_use",
)

Progress = Optional[Callable[[float], None]]
Canceled = Optional[Callable[[], bool]]


class DemoCanceled(Exception):  # noqa: N818 (name given by the issue)
    """The demo build was canceled; nothing was written to the destination folder."""


@dataclass
class DemoResult:
    database: str
    rasters: dict
    counts: dict
    city: dict
    context: dict = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------------------------
# Unified social credit codes
# ---------------------------------------------------------------------------------------------------------------
def make_uscc(authority_and_kind: str, county_code: str, rng: np.random.Generator) -> str:
    """A valid unified social credit code drawn from ``rng``.

    GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: registration authority + organisation kind (e.g. "91"
    market regulation / enterprise, "92" individual business, "93" farmers' cooperative, "12" public institution),
    the six-digit division code, a nine-character GB 11714-1997 organisation code (eight body characters and its
    own check character) and the check character C18 = 31 - (sum(Ci * 3^(i-1) mod 31) mod 31), 31 -> 0, over
    the 31-character set without I, O, Z, S, V. Both check characters come from core/sources/credit_codes.py.
    """
    body = "".join(str(d) for d in rng.integers(0, 10, 8))
    first17 = authority_and_kind + county_code + body + codes.org_code_check_char(body)
    return first17 + codes.uscc_check_char(first17)


# ---------------------------------------------------------------------------------------------------------------
# GB/T 14848-2017 reference table
# ---------------------------------------------------------------------------------------------------------------
def read_gbt14848(path: str | None = None) -> dict:
    """indicator_cn -> row dict of the plugin's copy of the GB/T 14848-2017 table (comment lines skipped)."""
    path = str(path or resource("reference", "gbt14848_2017.csv"))
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {row["indicator_cn"]: row for row in csv.DictReader(lines)}


# (median, well spread, sample spread (log), detection limit, significant digits, method)
# Detection limits are typical of the cited methods; they are demo data, not a reference.
_PARAMS = {
    "pH": (7.55, 0.18, 0.12, None, 3, "HJ 1147-2020 电极法"),
    "总硬度": (330.0, 0.25, 0.06, 5.0, 3, "GB/T 7477-1987 EDTA滴定法"),
    "溶解性总固体": (620.0, 0.22, 0.06, 4.0, 3, "GB/T 5750.4-2006 称量法"),
    "硫酸盐": (110.0, 0.35, 0.08, 0.018, 3, "HJ 84-2016 离子色谱法"),
    "氯化物": (70.0, 0.40, 0.08, 0.007, 3, "HJ 84-2016 离子色谱法"),
    "铁": (0.06, 0.90, 0.35, 0.01, 2, "HJ 700-2014 ICP-MS"),
    "锰": (0.02, 1.00, 0.35, 0.001, 2, "HJ 700-2014 ICP-MS"),
    "耗氧量": (1.1, 0.35, 0.15, 0.5, 2, "GB/T 11892-1989 高锰酸盐指数"),
    "氨氮": (0.07, 0.80, 0.35, 0.025, 2, "HJ 535-2009 纳氏试剂分光光度法"),
    "亚硝酸盐": (0.008, 1.00, 0.45, 0.003, 2, "HJ 84-2016 离子色谱法"),
    "硝酸盐": (4.0, 0.55, 0.15, 0.016, 3, "HJ 84-2016 离子色谱法"),
    "氟化物": (0.55, 0.35, 0.10, 0.006, 2, "HJ 84-2016 离子色谱法"),
    "砷": (0.0012, 0.80, 0.25, 0.0003, 2, "HJ 694-2014 原子荧光法"),
    "铬（六价）": (0.002, 0.60, 0.35, 0.004, 2, "GB/T 7467-1987 二苯碳酰二肼分光光度法"),
    "钠": (85.0, 0.40, 0.08, 0.03, 3, "HJ 776-2015 ICP-OES"),
    "菌落总数": (18.0, 0.90, 0.60, 1.0, 2, "HJ 1000-2018 平皿计数法"),
    "汞": (0.00003, 0.70, 0.40, 0.00004, 2, "HJ 694-2014 原子荧光法"),
    "镉": (0.00006, 0.80, 0.40, 0.00005, 2, "HJ 700-2014 ICP-MS"),
    "铅": (0.0015, 0.90, 0.40, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "锌": (0.015, 1.00, 0.40, 0.001, 2, "HJ 700-2014 ICP-MS"),
    "镍": (0.0018, 0.80, 0.35, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "铜": (0.0025, 0.80, 0.35, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "挥发性酚类": (0.0002, 0.70, 0.40, 0.0003, 2, "HJ 503-2009 4-氨基安替比林分光光度法"),
    "氰化物": (0.0008, 0.70, 0.40, 0.002, 2, "HJ 484-2009 容量法和分光光度法"),
    "三氯甲烷": (0.5, 1.00, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "四氯化碳": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "苯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "甲苯": (0.15, 0.60, 0.40, 0.3, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "三氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "四氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "1,2-二氯乙烷": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "氯乙烯": (0.1, 0.60, 0.40, 0.5, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "1,1-二氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "二氯甲烷": (0.15, 0.60, 0.40, 0.5, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
}
#: Measured in every sample.
_CORE = ("pH", "总硬度", "溶解性总固体", "硫酸盐", "氯化物", "铁", "锰", "耗氧量", "氨氮", "亚硝酸盐", "硝酸盐",
         "氟化物", "砷", "铬（六价）", "钠", "菌落总数")  # fmt: skip
#: Once a year (twice at wells watching pollution sources).
_METALS = ("汞", "镉", "铅", "锌", "镍", "铜", "挥发性酚类", "氰化物")
#: Once a year (twice at wells watching pollution sources).
_VOCS = (
    "三氯甲烷",
    "四氯化碳",
    "苯",
    "甲苯",
    "三氯乙烯",
    "四氯乙烯",
    "1,2-二氯乙烷",
    "氯乙烯",
    "1,1-二氯乙烯",
    "二氯甲烷",
)
_SOURCE_WATCH_TYPES = ("eia_tracking", "enterprise_land", "pollution_source")


# ---------------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------------
class _Run:
    """Progress and cancellation for one build."""

    def __init__(self, progress: Progress, is_canceled: Canceled):
        self._progress = progress
        self._is_canceled = is_canceled

    def step(self, percent: float, check: bool = True) -> None:
        if check:
            self.check()
        if self._progress is not None:
            self._progress(float(max(0.0, min(100.0, percent))))

    def check(self) -> None:
        if self._is_canceled is not None and self._is_canceled():
            raise DemoCanceled("The demo build was canceled; nothing was written.")


def _uuids(rng: np.random.Generator, n: int) -> list:
    """n version-4 UUIDs drawn from ``rng`` (reproducible, unlike uuid.uuid4)."""
    b = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    b[:, 6] = (b[:, 6] & 0x0F) | 0x40
    b[:, 8] = (b[:, 8] & 0x3F) | 0x80
    h = b.tobytes().hex()
    return [f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, 32 * n, 32)]  # fmt: skip


def _choice(rng: np.random.Generator, options, weights=None):
    p = None if weights is None else np.asarray(weights, float) / float(np.sum(weights))
    return options[int(rng.choice(len(options), p=p))]


def _fmt(v: float, sig: int) -> str:
    """A value with ``sig`` significant digits, written the way laboratories write it (no exponent)."""
    if v <= 0:
        return "0"
    d = max(0, min(7, sig - 1 - int(math.floor(math.log10(v)))))
    return f"{v:.{d}f}"


def _fmt_dl(v: float) -> str:
    return f"{v:.7f}".rstrip("0").rstrip(".")


class _Noise:
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


def _smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def _pip(x, y, rings) -> np.ndarray:
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


def _rings(geom: ogr.Geometry) -> list:
    out = []
    name = geom.GetGeometryName()
    if name == "POLYGON":
        for i in range(geom.GetGeometryCount()):
            out.append(np.array(geom.GetGeometryRef(i).GetPoints())[:, :2])
    elif name in ("MULTIPOLYGON", "GEOMETRYCOLLECTION"):
        for i in range(geom.GetGeometryCount()):
            out.extend(_rings(geom.GetGeometryRef(i)))
    return out


def _polygon(coords) -> ogr.Geometry:
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in coords:
        ring.AddPoint_2D(float(x), float(y))
    ring.CloseRings()
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def _multi(geom: ogr.Geometry) -> ogr.Geometry:
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


def _rect(cx: float, cy: float, w: float, h: float, angle_deg: float) -> ogr.Geometry:
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return _polygon([(cx + px * ca - py * sa, cy + px * sa + py * ca) for px, py in pts])


def _blob(cx, cy, rx, ry, rng, n=72, wiggle=0.08) -> ogr.Geometry:
    th = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = np.ones(n)
    for k in (2, 3, 5):
        r += rng.uniform(0.3, 1.0) * wiggle * np.cos(k * th + rng.uniform(0, 2 * np.pi))
    return _polygon(zip(cx + rx * r * np.cos(th), cy + ry * r * np.sin(th)))


def _point(x: float, y: float) -> ogr.Geometry:
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(float(x), float(y))
    return p


# ---------------------------------------------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------------------------------------------
class _Geo:
    """The city's landscape in model coordinates (EPSG:4547 metres): outline, counties, river, hills, towns."""

    def __init__(self, seed: int):
        ss = np.random.SeedSequence([seed, 1])
        rng = np.random.default_rng(ss)
        srs_ll = osr.SpatialReference()
        srs_ll.ImportFromEPSG(4490)  # CGCS2000 geographic
        srs_ll.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        srs_m = osr.SpatialReference()
        srs_m.ImportFromEPSG(4547)
        srs_m.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        lon = 113.95 + rng.uniform(-0.05, 0.05)
        lat = 34.72 + rng.uniform(-0.04, 0.04)
        cx, cy, _ = osr.CoordinateTransformation(srs_ll, srs_m).TransformPoint(lon, lat)
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
        self.outline_geom = _polygon(outline)

        # Noise fields shared by rasters and point attributes.
        self.n_hill = _Noise(rng, 8000, 20000)
        self.n_karst = _Noise(rng, 6000, 14000)
        self.n_dtw = _Noise(rng, 5000, 15000)
        self.n_soil = _Noise(rng, 3000, 9000)
        self.n_small = _Noise(rng, 1500, 4000, n=10)
        self.n_k = _Noise(rng, 4000, 10000)

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
        self.city_geom = _multi(union)
        self.city_rings = _rings(self.city_geom)
        self.county_rings = [(meta, _rings(g)) for meta, g in self.counties]

        # Towns and parks.
        self.urban = []
        core = _blob(self.cx + 1000, self.cy + 500, 7500, 5500, rng)
        self.urban.append((f"{N.COUNTIES[0]['name_zh']}中心城区", f"{N.COUNTIES[0]['name_en']} urban core", core))
        self.seats = [(self.cx + 1000, self.cy + 500)]
        for i, meta in enumerate(N.COUNTIES[1:], start=1):
            sx, sy = self.seeds[i]
            if i == 1:  # north bank: keep the county town off the river
                sy = max(sy, self._river_y(sx) + 3500)
            rad = rng.uniform(1600, 2300)
            self.urban.append(
                (f"{meta['short_zh']}县城", f"{meta['short_en']} county town", _blob(sx, sy, rad, rad * 0.8, rng))
            )
            self.seats.append((sx, sy))
        ang = rng.uniform(-15, 15)
        self.chem_center = (self.cx + 13500 + rng.uniform(-800, 800), self.cy + 4000 + rng.uniform(-600, 600))
        self.ep_center = (self.cx + 5000 + rng.uniform(-800, 800), self.cy - 8500 + rng.uniform(-600, 600))
        self.parks = [
            ("chemical", "黄泽东原化工园区", "Huangze Dongyuan Chemical Park", _rect(*self.chem_center, 3400, 2200, ang)),
            ("electroplating", "南田电镀工业集聚区", "Nantian Electroplating Cluster", _rect(*self.ep_center, 1500, 1100, -ang)),
        ]  # fmt: skip
        outline_rings = _rings(self.outline_geom)
        for i in (0, 1, 2, 4, 5):
            meta = N.COUNTIES[i]
            sx, sy = self.seats[i]
            for _ in range(100):  # a spot inside the city, on the county town's side of the river
                a = rng.uniform(0, 2 * np.pi)
                dist = 9000 if i == 0 else 3500
                px, py = sx + dist * math.cos(a), sy + dist * math.sin(a)
                ry = float(self._river_y(px))
                side_ok = py > ry + 2500 if i == 1 else py < ry - 2500
                if side_ok and _pip([px], [py], outline_rings)[0] and (i == 5 or float(self.hill(px, py)) < 0.3):
                    break
            self.parks.append(("general", f"{meta['short_zh']}产业集聚区", f"{meta['short_en']} Industrial Cluster",
                               _rect(px, py, rng.uniform(1200, 2000), rng.uniform(900, 1400), rng.uniform(-30, 30))))  # fmt: skip
        self.grid = None  # set by rasters()

    # -- landscape functions (vectorised over model coordinates) --
    def _river_y(self, x):
        return np.interp(x, self.river[:, 0], self.river[:, 1])

    def hill(self, x, y):
        """0 on the alluvial plain .. 1 in the south-western hills."""
        u = ((self.cx - np.asarray(x)) * 0.70 + (self.cy - np.asarray(y)) * 0.71) / 1000.0
        return _smoothstep((u + 2.0 * self.n_hill(x, y) - 13.0) / 8.0)

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
            m = (codes == "") & _pip(x, y, rings)
            codes[m] = meta["code"]
        for i in np.nonzero(codes == "")[0]:
            p = _point(x[i], y[i])
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
            cell = _polygon(coords)
            if not cell.IsValid():  # wiggle too strong for this cell: fall back to straight edges
                cell = _polygon([vor.vertices[v] for v in region])
            out.append((meta, _multi(cell.Intersection(self.outline_geom))))
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


def _mem_layer(geoms, srs):
    drv = ogr.GetDriverByName("Memory")
    ds = drv.CreateDataSource("mem")
    lyr = ds.CreateLayer("l", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for g, v in geoms:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("v", int(v))
        lyr.CreateFeature(f)
    return ds, lyr


def _rasterize(geo: _Geo, geoms_values, srs, all_touched=False) -> np.ndarray:
    x0, y1, nx, ny = geo.grid
    rds = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Int16)
    rds.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
    rds.SetProjection(srs.ExportToWkt())
    ds, lyr = _mem_layer(geoms_values, srs)
    opts = ["ATTRIBUTE=v"] + (["ALL_TOUCHED=TRUE"] if all_touched else [])
    gdal.RasterizeLayer(rds, [1], lyr, options=opts)
    arr = rds.GetRasterBand(1).ReadAsArray()
    del ds, lyr  # the memory layer had to live until here
    return arr


def _model_rasters(geo: _Geo, srs) -> dict:
    """The eight raster fields on the model grid (EPSG:4547) plus the city mask and distance to the river."""
    x0, y1, nx, ny = geo.make_grid()
    xs = x0 + CELL_SIZE * (np.arange(nx) + 0.5)
    ys = y1 - CELL_SIZE * (np.arange(ny) + 0.5)
    X, Y = np.meshgrid(xs, ys)
    inside = _rasterize(geo, [(geo.city_geom, 1)], srs) == 1

    # Distance to the river (GDAL proximity on the rasterised line), metres.
    rds = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Byte)
    rds.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
    rds.SetProjection(srs.ExportToWkt())
    ds, lyr = _mem_layer([(geo.river_geom, 1)], srs)
    gdal.RasterizeLayer(rds, [1], lyr, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    prox = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Float32)
    prox.SetGeoTransform(rds.GetGeoTransform())
    prox.SetProjection(rds.GetProjection())
    gdal.ComputeProximity(rds.GetRasterBand(1), prox.GetRasterBand(1), ["VALUES=1", "DISTUNITS=GEO"])
    d_river = prox.GetRasterBand(1).ReadAsArray().astype(np.float64)
    del ds, lyr

    hill = geo.hill(X, Y)
    karst = geo.karst(X, Y)
    elev = geo.elevation(X, Y)
    gy, gx = np.gradient(elev, CELL_SIZE)
    slope = np.hypot(gx, gy) * 100.0
    n_soil = geo.n_soil(X, Y)
    n_small = geo.n_small(X, Y)

    # Land use.
    lu = np.full((ny, nx), FARMLAND, np.uint8)
    lu[(hill > 0.55) & (0.6 * geo.n_small(X * 1.7, Y * 1.3) + 0.8 * n_soil > -0.5)] = FOREST
    urban = _rasterize(geo, [(g, 1) for _, _, g in geo.urban], srs) == 1
    lu[urban] = URBAN
    parks = _rasterize(geo, [(g, 1) for _, _, _, g in geo.parks], srs) == 1
    lu[parks] = INDUSTRIAL
    lu[d_river <= geo.river_half_width] = WATER

    # Aquifer media: coarse deposits along the river, finer away from it; limestone / sandstone in the hills.
    aq = np.where(d_river + 2500 * n_soil < 5000, 1, np.where(d_river + 3000 * n_soil < 16000, 2, 3)).astype(np.uint8)
    aq[hill > 0.5] = np.where(karst[hill > 0.5], 4, 5)
    # Soil media.
    soil = np.select(
        [d_river + 1500 * n_small < 2500, d_river + 2000 * n_soil < 7000, n_soil > 0.6, n_soil < -0.7],
        [1, 2, 5, 3],
        default=4,
    ).astype(np.uint8)
    soil[hill > 0.6] = np.where(n_small[hill > 0.6] > 0.0, 6, 5)
    # Vadose-zone media follows the aquifer with more silt and clay away from the river.
    vad = np.where(aq == 1, 1, np.where(aq == 2, 2, 3)).astype(np.uint8)
    vad[aq == 4] = 4
    vad[aq == 5] = 5

    # Depth to water (m): shallow by the river, a cone of depression under the city, deep in the hills.
    r_core = np.hypot(X - geo.seats[0][0], Y - geo.seats[0][1])
    dtw = 3.0 + 14.0 * (1 - np.exp(-d_river / 6000.0)) + 22.0 * np.exp(-((r_core / 9000.0) ** 2))
    dtw += 2.5 * geo.n_dtw(X, Y) + 90.0 * hill**1.3 * (1 + 0.2 * n_small)
    dtw = np.clip(dtw, 1.0, None)
    # Net recharge (mm/a) from soil and land use (annual precipitation about 640 mm).
    rech_soil = np.choose(soil - 1, [190.0, 160.0, 120.0, 105.0, 75.0, 90.0])
    rech = rech_soil * np.where(lu == URBAN, 0.35, np.where(lu == INDUSTRIAL, 0.45, 1.0))
    rech = np.where(aq == 4, 170.0, rech) * (1 + 0.08 * n_small)
    rech[lu == WATER] = 220.0
    # Hydraulic conductivity (m/d) from the aquifer medium.
    k_base = np.choose(aq - 1, [70.0, 22.0, 4.0, 35.0, 1.5])
    kval = k_base * np.exp(0.35 * geo.n_k(X, Y))

    fields = {
        "depth_to_water_m": dtw,
        "net_recharge_mm": rech,
        "slope_pct": slope,
        "aquifer_media": aq,
        "soil_media": soil,
        "vadose_media": vad,
        "hydraulic_conductivity_md": kval,
        "land_use": lu,
    }
    out = {}
    for name, arr in fields.items():
        if name in RASTER_CLASSES:
            a = arr.astype(np.uint8)
            a[~inside] = CLASS_NODATA
        else:
            a = np.round(arr, 2).astype(np.float32)
            a[~inside] = FLOAT_NODATA
        out[name] = a
    out["_inside"] = inside
    out["_d_river"] = d_river
    return out


def _write_rasters(geo: _Geo, arrays: dict, folder: str, crs: str) -> dict:
    os.makedirs(folder, exist_ok=True)
    x0, y1, nx, ny = geo.grid
    srs = osr.SpatialReference()
    srs.SetFromUserInput(MODEL_CRS)
    paths = {}
    for name in RASTER_NAMES:
        arr = arrays[name]
        is_class = name in RASTER_CLASSES
        dtype = gdal.GDT_Byte if is_class else gdal.GDT_Float32
        nodata = CLASS_NODATA if is_class else FLOAT_NODATA
        path = os.path.join(folder, f"{name}.tif")
        opts = ["COMPRESS=DEFLATE", "TILED=YES", "PREDICTOR=2" if is_class else "PREDICTOR=3"]
        mem = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, dtype)
        mem.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
        mem.SetProjection(srs.ExportToWkt())
        band = mem.GetRasterBand(1)
        band.SetNoDataValue(nodata)
        band.WriteArray(arr)
        band.SetDescription(name)
        if not is_class:
            band.SetUnitType(RASTER_UNITS[name])
        if crs.upper() == MODEL_CRS:
            gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=opts)
        else:
            gdal.Warp(
                path,
                mem,
                dstSRS=crs,
                xRes=CELL_SIZE,
                yRes=CELL_SIZE,
                targetAlignedPixels=True,
                resampleAlg="near" if is_class else "bilinear",
                srcNodata=nodata,
                dstNodata=nodata,
                creationOptions=opts,
            )
        mem = None
        paths[name] = path
    classes = {
        name: {
            str(code): {"zh": zh, "en": en, **({"drastic_category": d} if d else {})}
            for code, (zh, en, d) in sorted(table.items())
        }
        for name, table in RASTER_CLASSES.items()
    }
    meta = {
        "cell_size_m": CELL_SIZE,
        "crs": crs.upper(),
        "nodata": {"class_rasters": CLASS_NODATA, "float_rasters": FLOAT_NODATA},
        "units": RASTER_UNITS,
        "classes": classes,
        "source": "gw_plugin demo city (fictional, generated); DRASTIC categories after Aller et al. 1987, "
        "EPA/600/2-85/018",
    }
    with open(os.path.join(folder, "classes.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=2, sort_keys=True)
    return paths


# ---------------------------------------------------------------------------------------------------------------
# Point placement
# ---------------------------------------------------------------------------------------------------------------
class _Placer:
    def __init__(self, geo: _Geo, rasters: dict, rng: np.random.Generator):
        self.geo = geo
        self.r = rasters
        self.rng = rng

    def lu(self, x, y):
        return self.geo.sample_raster(self.r["land_use"], x, y)

    def inside(self, x, y):
        return _pip(x, y, self.geo.city_rings) & (self.lu(x, y) != WATER)

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
        rings = _rings(geom)
        return self.uniform(n, where=lambda x, y: _pip(x, y, rings), box=geom.GetEnvelope())


# ---------------------------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------------------------
class _Namer:
    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.used = set()

    def _pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def village(self):
        s, f = self._pick(N.SURNAMES), self._pick(N.VILLAGE_SUFFIXES)
        return s[0] + f[0], s[1] + f[1]

    def firm(self):
        """A company word of two characters not used before, with its pinyin (恒达, Hengda)."""
        for _ in range(10000):
            a, b = self._pick(N.FIRM_CHARS), self._pick(N.FIRM_CHARS)
            zh = a[0] + b[0]
            if a[0] == b[0] or zh in self.used:
                continue
            self.used.add(zh)
            sep = "'" if b[1][0] in "aeo" else ""  # pinyin apostrophe before a syllable starting with a, e, o
            return zh, a[1].capitalize() + sep + b[1]
        raise RuntimeError("demo: ran out of company names")

    def person(self):
        return self._pick(N.SURNAMES)[0] + self._pick(N.GIVEN_NAMES)

    def address(self, county_code: str, village_zh: str | None = None):
        meta = _county_meta(county_code)
        road = self._pick(N.ROADS)[0]
        v = village_zh or self.village()[0]
        return f"{N.CITY['name_zh']}{meta['name_zh']}{v}村{road}{int(self.rng.integers(1, 300))}号"


def _county_meta(code: str) -> dict:
    for meta in N.COUNTIES:
        if meta["code"] == code:
            return meta
    raise KeyError(code)


# ---------------------------------------------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------------------------------------------
_CATEGORY_NAMES = {
    # category: (zh suffix, en suffix, industry (GB/T 4754-2017 wording), USCC authority+kind)
    "chemical": ("化工有限公司", "Chemical Co., Ltd.", "化学原料和化学制品制造业", "91"),
    "electroplating": ("电镀有限公司", "Electroplating Co., Ltd.", "金属表面处理及热处理加工", "91"),
    "industrial_park": ("", "", "产业园区管理", "12"),
    "tailings_pond": ("尾矿库", "Tailings Pond", "有色金属矿采选业", "91"),
    "mining_area": ("铝土矿区", "Bauxite Mine", "有色金属矿采选业", "91"),
    "hazardous_waste": ("危险废物处置中心", "Hazardous Waste Disposal Centre", "危险废物治理", "91"),
    "landfill": ("生活垃圾填埋场", "Municipal Solid Waste Landfill", "环境卫生管理", "12"),
    "gas_station": ("加油站", "Gas Station", "机动车燃油零售", "91"),
    "golf_course": ("高尔夫球场", "Golf Course", "体育场地设施管理", "91"),
    "livestock_farm": ("牧业养殖场", "Livestock Farm", "牲畜饲养", "92"),
    "planting_area": ("蔬菜种植基地", "Vegetable Growing Base", "蔬菜种植", "93"),
    "coalbed_methane": ("煤层气井场", "Coal-bed Methane Field", "天然气开采", "91"),
    "old_kiln_water": ("废弃煤窑", "Abandoned Coal Kiln", "煤炭开采和洗选业", ""),
    "geothermal_well": ("地热井", "Geothermal Well", "地热能开发利用", "91"),
    "reinjection_well": ("采出水回注井", "Produced-water Reinjection Well", "石油开采", "91"),
    "other": ("皮革制品有限公司", "Leather Products Co., Ltd.", "皮革鞣制加工", "91"),
}
_FIRM_CATEGORIES = ("chemical", "electroplating", "hazardous_waste", "golf_course", "livestock_farm", "other")
_KEY_CATEGORIES = ("chemical", "electroplating", "industrial_park", "tailings_pond", "hazardous_waste", "landfill",
                   "mining_area")  # fmt: skip


class _Builder:
    def __init__(self, seed: int, geo: _Geo, rasters: dict):
        self.seed = seed
        self.geo = geo
        self.r = rasters
        self.ss = np.random.SeedSequence([seed, 3])
        children = self.ss.spawn(12)
        self.rng_place = np.random.default_rng(children[0])
        self.rng_attr = np.random.default_rng(children[1])
        self.rng_uuid = np.random.default_rng(children[2])
        self.rng_names = np.random.default_rng(children[3])
        self.rng_samples = np.random.default_rng(children[4])
        self.rng_uscc = np.random.default_rng(children[5])
        self.place = _Placer(geo, rasters, self.rng_place)
        self.names = _Namer(self.rng_names)
        self.rows = {t.name: [] for t in S.TABLES}

    def uuid(self) -> str:
        return _uuids(self.rng_uuid, 1)[0]

    def county(self, x, y) -> str:
        return self.geo.county_of([x], [y])[0]

    def add(self, table: str, geom, **values) -> dict:
        row = {"uuid": self.uuid(), "geom": geom, **values}
        if "county_code" not in row:
            c = geom.Centroid() if geom.GetGeometryName() != "POINT" else geom
            row["county_code"] = self.county(c.GetX(), c.GetY())
        self.rows[table].append(row)
        return row

    # -- admin units --
    def admin_units(self):
        self.add("admin_units", self.geo.city_geom, county_code=N.CITY["code"], code=N.CITY["code"],
                 name_zh=N.CITY["name_zh"], name_en=N.CITY["name_en"], level="city", parent_code=None)  # fmt: skip
        for meta, g in self.geo.counties:
            self.add("admin_units", g, county_code=meta["code"], code=meta["code"], name_zh=meta["name_zh"],
                     name_en=meta["name_en"], level="county", parent_code=N.CITY["code"])  # fmt: skip

    # -- pollution sources --
    def pollution_sources(self):
        rng = self.rng_attr
        geo, pl = self.geo, self.place
        farm = lambda x, y: pl.lu(x, y) == FARMLAND  # noqa: E731
        plain = lambda x, y: (geo.hill(x, y) < 0.2) & (pl.lu(x, y) != URBAN)  # noqa: E731
        hills = lambda x, y: geo.hill(x, y) > 0.6  # noqa: E731
        urban = lambda x, y: pl.lu(x, y) == URBAN  # noqa: E731
        north = lambda x, y: (np.asarray(y) > geo._river_y(x) + 1500) & (pl.lu(x, y) == FARMLAND)  # noqa: E731
        chem_park = self.geo.parks[0][3]
        ep_park = self.geo.parks[1][3]
        plan = []  # (category, points, extra)
        for kind, zh, en, g in self.geo.parks:
            c = g.Centroid()
            plan.append(("industrial_park", np.array([[c.GetX(), c.GetY()]]), {"name": (zh, en), "park": kind}))
        plan += [
            ("chemical", pl.in_geom(24, chem_park), {"in_park": True}),
            ("chemical", pl.uniform(4, where=urban), {"old_urban": True}),
            ("chemical", pl.uniform(3, where=plain), {}),
            ("electroplating", pl.in_geom(14, ep_park), {"in_park": True}),
            ("electroplating", pl.uniform(3, where=urban), {"old_urban": True}),
            ("tailings_pond", pl.uniform(5, where=hills), {}),
            ("mining_area", pl.uniform(6, where=hills), {}),
            ("hazardous_waste", pl.near(2, *self.geo.chem_center, 1900, 2600, where=farm), {}),
            ("hazardous_waste", pl.uniform(1, where=hills), {}),
            ("gas_station", pl.uniform(30, where=urban), {}),
            ("gas_station", pl.uniform(22, where=plain), {}),
            ("golf_course", pl.near(2, *self.geo.seats[0], 7000, 9500, where=farm), {}),
            ("livestock_farm", pl.uniform(34, where=farm), {}),
            ("planting_area", pl.uniform(20, where=farm), {}),
            ("coalbed_methane", pl.uniform(3, where=hills), {}),
            ("old_kiln_water", pl.uniform(7, where=hills), {}),
            ("geothermal_well", pl.uniform(8, where=urban), {}),
            ("reinjection_well", pl.uniform(4, where=north), {}),
            ("other", pl.uniform(12, where=lambda x, y: pl.lu(x, y) != FOREST), {}),
        ]
        # Landfills: one per county, on farmland 4-8 km from the county town.
        for i, meta in enumerate(N.COUNTIES):
            sx, sy = self.geo.seats[i]
            code = meta["code"]
            p = pl.near(
                1, sx, sy, 4000, 8000, where=lambda x, y, c=code: farm(x, y) & (np.array(geo.county_of(x, y)) == c)
            )
            plan.append(("landfill", p, {"county": meta}))
        counters = {}
        for cat, pts, extra in plan:
            for x, y in pts:
                counters[cat] = counters.get(cat, 0) + 1
                self._source(cat, float(x), float(y), counters[cat], extra, rng)

    def _source(self, cat, x, y, n, extra, rng):
        cc = self.county(x, y)
        cmeta = _county_meta(cc)
        suffix_zh, suffix_en, industry, authority = _CATEGORY_NAMES[cat]
        village_zh, village_en = self.names.village()
        if cat == "industrial_park":
            name_zh, name_en = extra["name"]
        elif cat in _FIRM_CATEGORIES:
            w_zh, w_en = self.names.firm()
            if cat == "other":
                suffix_zh, suffix_en, industry = _choice(rng, [
                    ("皮革制品有限公司", "Leather Products Co., Ltd.", "皮革鞣制加工"),
                    ("纺织印染有限公司", "Textile Dyeing Co., Ltd.", "纺织业"),
                    ("造纸有限公司", "Paper Co., Ltd.", "造纸和纸制品业"),
                    ("金属制品有限公司", "Metal Products Co., Ltd.", "金属制品业"),
                    ("汽车维修有限公司", "Auto Repair Co., Ltd.", "汽车修理与维护"),
                ])  # fmt: skip
            name_zh, name_en = f"{N.CITY['short_zh']}{w_zh}{suffix_zh}", f"{N.CITY['short_en']} {w_en} {suffix_en}"
        elif cat == "landfill":
            name_zh, name_en = f"{cmeta['name_zh']}{suffix_zh}", f"{cmeta['name_en']} {suffix_en}"
        else:
            name_zh, name_en = f"{village_zh}{suffix_zh}", f"{village_en} {suffix_en}"
        key = cat in _KEY_CATEGORIES
        if extra.get("old_urban"):
            op = "closed"
        elif cat == "old_kiln_water":
            op = "closed"
        elif cat in ("mining_area", "tailings_pond", "coalbed_methane"):
            op = _choice(rng, ["operating", "suspended", "closed"], [5, 2, 3])
        else:
            op = _choice(rng, ["operating", "suspended", "closed", "planned"], [86, 7, 4, 3])
        if key:
            leak = _choice(rng, ["not_started", "planned", "self_investigated", "report_received", "spot_checked"],
                           [1, 2, 3, 3, 2])  # fmt: skip
            selfmon = _choice(rng, ["required", "partial", "complete"], [2, 3, 5])
        else:
            leak = _choice(rng, ["not_started", "planned", "self_investigated", "report_received"], [5, 2, 2, 1])
            selfmon = _choice(rng, ["not_required", "required", "partial", "complete"], [5, 1, 2, 2])
        if leak in ("report_received", "spot_checked"):
            anti = _choice(rng, ["not_needed", "needed", "planned", "done", "assessed"], [2, 2, 2, 3, 1])
        elif leak == "not_started":
            anti = None
        else:
            anti = _choice(rng, ["not_needed", "needed", "planned"], [3, 2, 1])
        if op == "closed" and cat in ("chemical", "electroplating", "other"):
            risk = _choice(rng, ["survey_needed", "survey_done", "plan_done", "implemented"], [1, 2, 2, 2])
        elif key:
            risk = _choice(rng, ["not_required", "survey_needed", "survey_done"], [6, 2, 1])
        else:
            risk = "not_required"
        fixed_scale = {"gas_station": "small", "industrial_park": "large", "planting_area": "large"}
        if cat in fixed_scale:
            scale = fixed_scale[cat]
        elif cat == "livestock_farm":
            scale = _choice(rng, ["large", "medium"], [1, 3])
        else:
            scale = _choice(rng, ["large", "medium", "small"], [2, 5, 3])
        uscc = make_uscc(authority, cc, self.rng_uscc) if authority else None
        code = f"WR{cc}{S.codelist('source_category').code_values().index(cat) + 1:02d}{n:03d}"
        remarks = None
        if op == "closed" and extra.get("old_urban"):
            remarks = "城区老厂，已关闭搬迁，原址待开发利用。"
        elif cat == "old_kiln_water":
            remarks = "历史小煤窑，权属不明。"
        row = self.add(
            "pollution_sources",
            _point(x, y),
            county_code=cc,
            source_code=code,
            name_zh=name_zh,
            name_en=name_en,
            uscc=uscc,
            category=cat,
            industry=industry,
            scale=scale,
            operating_status=op,
            address=self.names.address(cc, village_zh),
            leakage_status=leak,
            antiseepage_status=anti,
            self_monitoring_status=selfmon,
            risk_control_status=risk,
            site_uuid=None,
            needs_field_check=int(rng.random() < 0.06),
            remarks=remarks,
        )
        row["_extra"] = extra

    # -- sites --
    def sites(self):
        rng = self.rng_attr
        srcs = self.rows["pollution_sources"]
        chosen = [s for s in srcs if s["_extra"].get("old_urban")]
        chosen += [s for s in srcs if s["category"] == "chemical" and s["_extra"].get("in_park")][:5]
        chosen += [s for s in srcs if s["category"] == "electroplating" and s["_extra"].get("in_park")][:2]
        chosen += [s for s in srcs if s["category"] in ("landfill", "hazardous_waste")][:2]
        pollutants = {
            "chemical": ("三氯乙烯、四氯乙烯、1,2-二氯乙烷、苯", "三氯乙烯、1,2-二氯乙烷"),
            "electroplating": ("六价铬、镍、铜、锌、氰化物", "铬（六价）、镍"),
            "other": ("铬、石油烃", "铬（六价）"),
            "landfill": ("氨氮、氯化物、耗氧量", "氨氮"),
            "hazardous_waste": ("重金属、挥发性有机物", "三氯乙烯"),
        }
        for i, src in enumerate(chosen, start=1):
            p = src["geom"]
            w, h = rng.uniform(120, 320), rng.uniform(90, 260)
            poly = _rect(p.GetX(), p.GetY(), w, h, rng.uniform(-40, 40))
            closed = src["operating_status"] == "closed"
            if closed:
                status = _choice(rng, ["closed", "redeveloping", "remediated"], [5, 2, 1])
                soil = "exceeding"
                gw = _choice(rng, ["exceeding", "not_exceeding"], [3, 1])
            else:
                status = "operating"
                soil = _choice(rng, ["unknown", "not_exceeding", "exceeding"], [2, 3, 1])
                gw = _choice(rng, ["unknown", "not_exceeding", "exceeding"], [2, 2, 1])
            char, gwp = pollutants.get(src["category"], ("重金属", ""))
            row = self.add(
                "sites",
                _multi(poly),
                county_code=src["county_code"],
                site_code=f"DK{src['county_code']}{i:03d}",
                name_zh=f"{src['name_zh']}地块",
                name_en=f"{src['name_en']} site",
                site_status=status,
                land_use="工业用地" if status == "operating" else _choice(rng, ["工业用地", "居住用地", "公园绿地"]),
                soil_exceedance=soil,
                gw_exceedance=gw,
                characteristic_pollutants=char,
                gw_exceeding_pollutants=gwp if gw == "exceeding" else None,
                area_m2=None,  # set after the transformation to the output CRS
            )
            src["site_uuid"] = row["uuid"]

    # -- drinking water sources and wells --
    def water_sources(self):
        rng = self.rng_attr
        geo, pl = self.geo, self.place
        not_urban = lambda x, y: ~np.isin(pl.lu(x, y), (URBAN, INDUSTRIAL))  # noqa: E731
        plan = []
        # 1. riverside source on the south bank north of the urban core (city level).
        rx = geo.seats[0][0] + rng.uniform(-3000, 3000)
        ry = float(geo._river_y(rx)) - rng.uniform(900, 1300)
        plan.append(("riverside", "city", "porous", "phreatic", "北郊傍河水源地", "Northern Riverside Source", (rx, ry),
                     "phreatic", 10, (2500, 4500)))  # fmt: skip
        # 2. western well field of the city (city level, confined).
        wx, wy = geo.seats[0][0] - 11000 + rng.uniform(-1500, 1500), geo.seats[0][1] + rng.uniform(-2000, 2000)
        plan.append(("well_field", "city", "porous", "confined", "西郊水源地", "Western Suburb Well Field", (wx, wy),
                     "shallow_confined", 10, (2000, 4000)))  # fmt: skip
        # 3-6. county well fields; 7. karst source in the hills.
        for i in (1, 2, 3, 4):
            sx, sy = geo.seats[i]
            ang = rng.uniform(0, 2 * np.pi)
            cx_, cy_ = sx + 3500 * math.cos(ang), sy + 3500 * math.sin(ang)
            meta = N.COUNTIES[i]
            layer = "phreatic" if i == 1 else "shallow_confined"
            plan.append(("well_field", "county", "porous", "phreatic" if layer == "phreatic" else "confined",
                         f"{meta['short_zh']}县城水源地", f"{meta['short_en']} County Well Field", (cx_, cy_), layer, 6,
                         (1000, 2500)))  # fmt: skip
        hx, hy = pl.near(1, *geo.seats[5], 2500, 7000, where=lambda x, y: geo.hill(x, y) > 0.5)[0]
        plan.append(("karst_spring", "county", "karst", "confined", "西岭岩溶水源地", "Xiling Karst Source", (hx, hy),
                     "karst", 5, (1500, 3500)))  # fmt: skip
        for k, (stype, level, medium, burial, zh_tail, en_tail, (x, y), layer, nwells, qrange) in enumerate(plan, 1):
            if stype == "riverside":
                # a line of wells parallel to the river bank
                xs = x + np.linspace(-2200, 2200, nwells)
                ys = geo._river_y(xs) - (float(geo._river_y(x)) - y) + rng.normal(0, 60, nwells)
                pts = np.round(np.column_stack([xs, ys]), 2)
            else:
                where = (lambda a, b: geo.hill(a, b) > 0.4) if layer == "karst" else not_urban
                pts = pl.near(nwells, x, y, 300, 1600, where=where)
            cc = self.county(float(pts[:, 0].mean()), float(pts[:, 1].mean()))
            prefix = N.CITY["name_zh"] if level == "city" else ""
            prefix_en = N.CITY["name_en"].replace(" City", "") + " " if level == "city" else ""
            rates = np.round(rng.uniform(*qrange, nwells), -1)
            abstraction = float(rates.sum())
            src = self.add(
                "drinking_water_sources",
                _point(float(pts[:, 0].mean()), float(pts[:, 1].mean())),
                county_code=cc,
                source_code=f"SY{cc}{k:02d}",
                name_zh=f"{prefix}{zh_tail}",
                name_en=f"{prefix_en}{en_tail}",
                source_type=stype,
                level=level,
                aquifer_medium=medium,
                burial=burial,
                capacity_m3d=float(np.round(abstraction * rng.uniform(1.15, 1.5), -2)),
                abstraction_m3d=abstraction,
                population=int(round(abstraction / 0.16, -2)),  # about 160 L per person and day
                remarks=None,
            )
            for j, ((px, py), q) in enumerate(zip(pts, rates), start=1):
                self._well("drinking_source", float(px), float(py), layer=layer, status="active",
                           source=src, pumping=float(q), serial=j, name_tail=(f"{j}号开采井", f"production well {j}"))  # fmt: skip
            # one observation well up-gradient (west) of the field
            ox, oy = pl.near(1, float(pts[:, 0].mean()) - 1500, float(pts[:, 1].mean()), 0, 500)[0]
            self._well("drinking_source", float(ox), float(oy), layer=layer, status="active", source=src,
                       pumping=None, serial=nwells + 1, name_tail=("水源地监测井", "source monitoring well"))  # fmt: skip

    def monitoring_wells(self):
        rng = self.rng_attr
        pl = self.place
        # National project wells (layered), assessment points and status survey wells: spread over the city.
        for x, y in pl.uniform(62):
            self._well("national_project", x, y, layer=None)
        for x, y in pl.uniform(18):
            self._well("assessment_point", x, y, layer=None)
        for x, y in pl.uniform(70):
            self._well("status_survey", x, y, layer="phreatic_mostly")
        # Wells watching pollution sources, down-gradient (east) of them.
        srcs = self.rows["pollution_sources"]
        per_cat = {
            "chemical": [("pollution_source", 1, 80, 500), ("enterprise_land", 1, 30, 200), ("eia_tracking", 0.4, 200, 900)],
            "electroplating": [("pollution_source", 1, 60, 450), ("enterprise_land", 1, 30, 200)],
            "landfill": [("pollution_source", 3, 150, 700), ("eia_tracking", 1, 300, 1000)],
            "hazardous_waste": [("pollution_source", 2, 100, 500), ("eia_tracking", 1, 200, 800)],
            "tailings_pond": [("pollution_source", 1, 100, 600)],
            "gas_station": [("pollution_source", 0.2, 20, 120)],
            "livestock_farm": [("pollution_source", 0.25, 50, 300)],
            "industrial_park": [("eia_tracking", 3, 800, 2500)],
            "other": [("enterprise_land", 0.5, 30, 200)],
            "mining_area": [("eia_tracking", 1, 300, 1500)],
        }  # fmt: skip
        for src in srcs:
            for wtype, count, r0, r1 in per_cat.get(src["category"], []):
                n = int(count) + int(rng.random() < (count - int(count)))
                if n == 0:
                    continue
                p = src["geom"]
                for x, y in pl.near(n, p.GetX(), p.GetY(), r0, r1, east_bias=1.0):
                    self._well(wtype, x, y, layer="source_watch", near=src)

    def _well(self, wtype, x, y, layer=None, status=None, source=None, pumping=None, serial=None, near=None,
              name_tail=None):  # fmt: skip
        rng = self.rng_attr
        geo = self.geo
        x, y = float(x), float(y)
        cc = self.county(x, y)
        hill = float(geo.hill(x, y))
        in_hills = hill > 0.5
        if layer in (None, "phreatic_mostly", "source_watch"):
            if in_hills:
                layer = "karst" if bool(geo.karst(x, y)) else "fissure"
            elif layer == "phreatic_mostly":
                layer = _choice(rng, ["phreatic", "shallow_confined"], [8, 2])
            elif layer == "source_watch":
                layer = _choice(rng, ["phreatic", "shallow_confined"], [9, 1])
            else:
                layer = _choice(rng, ["phreatic", "shallow_confined", "deep_confined"], [5, 3, 2])
        # Depths (m): phreatic 10-60, confined 80-300 (middle-deep 80-200, deep 200-300), karst / fissure in the hills.
        depth = {
            "phreatic": rng.uniform(15, 60),
            "shallow_confined": rng.uniform(80, 200),
            "deep_confined": rng.uniform(200, 300),
            "karst": rng.uniform(150, 450),
            "fissure": rng.uniform(60, 220),
        }[layer]
        if layer == "phreatic" and wtype in ("pollution_source", "enterprise_land"):
            depth = rng.uniform(12, 35)
        depth = round(float(depth), 1)
        screen_top = round(depth * (0.35 if layer == "phreatic" else 0.6), 1)
        screen_bottom = round(depth - rng.uniform(1, 5), 1)
        elev = round(float(geo.elevation(x, y)), 2)
        if status is None:
            status = _choice(rng, ["active", "damaged", "suspended", "planned", "abandoned"], [86, 5, 4, 3, 2])
        built = None
        if status != "planned":
            year = int(rng.choice([2006, 2010, 2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023],
                                  p=[0.05, 0.1, 0.15, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03]))  # fmt: skip
            if wtype == "national_project":
                year = int(rng.choice([2018, 2019]))  # the national project's wells were completed 2018-2019
            built = f"{year}-{int(rng.integers(3, 12)):02d}-{int(rng.integers(1, 28)):02d}"
        department = {
            "national_project": _choice(rng, ["natural_resources", "water_resources"]),
            "eia_tracking": "enterprise",
            "drinking_source": _choice(rng, ["water_resources", "housing"], [1, 2]),
            "enterprise_land": _choice(rng, ["ecology", "enterprise"], [2, 1]),
            "status_survey": "ecology",
            "pollution_source": "enterprise",
            "assessment_point": "ecology",
        }[wtype]
        prefix = {"national_project": "GJ", "eia_tracking": "HP", "drinking_source": "SY", "enterprise_land": "QY",
                  "status_survey": "DC", "pollution_source": "WR", "assessment_point": "KH"}[wtype]  # fmt: skip
        n = sum(1 for w in self.rows["monitoring_wells"] if w["county_code"] == cc and w["well_type"] == wtype) + 1
        code = f"{cc}{prefix}{n:03d}"
        kind_zh, kind_en = {
            "national_project": ("国家地下水监测工程监测井", "national monitoring well"),
            "eia_tracking": ("环评跟踪监测井", "EIA tracking well"),
            "drinking_source": ("水源井", "source well"),
            "enterprise_land": ("企业用地调查监测井", "enterprise-land survey well"),
            "status_survey": ("调查评估监测井", "status survey well"),
            "pollution_source": ("污染源监测井", "pollution-source well"),
            "assessment_point": ("国家考核点位", "national assessment point"),
        }[wtype]
        if source is not None:
            name_zh, name_en = f"{source['name_zh']}{name_tail[0]}", f"{source['name_en']} {name_tail[1]}"
        elif near is not None:
            name_zh, name_en = f"{near['name_zh']}{kind_zh}{n}号", f"{near['name_en']} {kind_en} No. {n}"
        else:
            v_zh, v_en = self.names.village()
            name_zh, name_en = f"{v_zh}{kind_zh}", f"{v_en} {kind_en}"
        assess = wtype == "assessment_point" or (wtype == "national_project" and rng.random() < 0.2)
        codes = None
        if wtype == "national_project":
            codes = f"自然资源部门: 41{int(rng.integers(10**8, 10**9))}\n水利部门: {int(rng.integers(10**9, 10**10))}"
        elif assess:
            codes = f"考核点位: HN{int(rng.integers(100, 999))}"
        row = self.add(
            "monitoring_wells",
            _point(x, y),
            county_code=cc,
            well_code=code,
            name_zh=name_zh,
            name_en=name_en,
            well_type=wtype,
            aquifer_layer=layer,
            status=status,
            department=department,
            depth_m=depth,
            screen_top_m=screen_top,
            screen_bottom_m=screen_bottom,
            ground_elev_m=elev,
            built_date=built,
            water_source_uuid=source["uuid"] if source is not None else None,
            pumping_rate_m3d=pumping,
            source_codes=codes,
            assessment_point=int(assess),
            remarks=None if status != "damaged" else "井口保护装置损坏，待修复。",
        )
        row["_near"] = near
        return row

    # -- abandoned wells, inspections, rosters --
    def abandoned_wells(self):
        rng = self.rng_attr
        geo, pl = self.geo, self.place
        plan = [
            ("mine_shaft", pl.uniform(12, where=lambda x, y: geo.hill(x, y) > 0.6), (80, 420)),
            ("borehole", pl.uniform(8), (50, 300)),
            ("water_well", pl.uniform(16, where=lambda x, y: pl.lu(x, y) == FARMLAND), (20, 150)),
            ("geothermal", pl.uniform(4, where=lambda x, y: pl.lu(x, y) == URBAN), (800, 1800)),
        ]
        names = {"mine_shaft": ("废弃矿井", "abandoned mine shaft"), "borehole": ("废弃钻孔", "abandoned borehole"),
                 "water_well": ("废弃机井", "abandoned water well"), "geothermal": ("废弃地热井", "abandoned geothermal well")}  # fmt: skip
        n = 0
        for kind, pts, (d0, d1) in plan:
            for x, y in pts:
                n += 1
                v_zh, v_en = self.names.village()
                seal = _choice(rng, ["not_sealed", "planned", "sealed", "verified"], [3, 3, 3, 2])
                sealed_on = None
                if seal in ("sealed", "verified"):
                    sealed_on = (
                        f"{int(rng.integers(2019, 2025))}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}"
                    )
                risk = (
                    "high"
                    if kind == "mine_shaft" and seal == "not_sealed"
                    else _choice(rng, ["high", "medium", "low"], [1, 2, 3])
                )
                self.add(
                    "abandoned_wells",
                    _point(x, y),
                    well_code=f"FQ{self.county(x, y)}{n:03d}",
                    name_zh=f"{v_zh}{names[kind][0]}",
                    name_en=f"{v_en} {names[kind][1]}",
                    kind=kind,
                    depth_m=round(float(rng.uniform(d0, d1)), 1),
                    risk_class=risk,
                    sealing_status=seal,
                    sealed_on=sealed_on,
                    remarks=None,
                )

    def inspections(self):
        rng = self.rng_attr
        srcs = [s for s in self.rows["pollution_sources"] if s["category"] in _KEY_CATEGORIES]
        idx = rng.choice(len(srcs), size=min(24, len(srcs)), replace=False)
        findings = {
            "ok": None,
            "issue": ["储罐区地面防渗层破损", "事故应急池未做防渗", "地下管线无泄漏检测", "监测井井口未加锁"],
            "serious": ["渗滤液调节池渗漏", "危废暂存间地面开裂并有渗漏痕迹"],
        }
        for i in sorted(int(j) for j in idx):
            s = srcs[i]
            p = s["geom"]
            result = _choice(rng, ["ok", "issue", "serious"], [5, 4, 1])
            self.add(
                "inspections",
                _point(p.GetX() + rng.uniform(-40, 40), p.GetY() + rng.uniform(-40, 40)),
                county_code=s["county_code"],
                source_uuid=s["uuid"],
                well_uuid=None,
                kind=_choice(rng, ["visit", "leakage_investigation", "spot_check"], [3, 2, 2]),
                inspected_on=f"{int(rng.integers(2023, 2025))}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}",
                inspector=f"{self.names.person()}、{self.names.person()}",
                facility_type=_choice(rng, ["tank", "pond", "pipeline", "storage_yard", "landfill_cell", "other"]),
                result=result,
                findings=None if result == "ok" else _choice(rng, findings[result]),
            )
        wells = [w for w in self.rows["monitoring_wells"] if w["status"] in ("damaged", "active")]
        for i in sorted(int(j) for j in rng.choice(len(wells), size=8, replace=False)):
            w = wells[i]
            p = w["geom"]
            damaged = w["status"] == "damaged"
            self.add(
                "inspections",
                _point(p.GetX(), p.GetY()),
                county_code=w["county_code"],
                source_uuid=None,
                well_uuid=w["uuid"],
                kind="well_check",
                inspected_on=f"2024-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}",
                inspector=self.names.person(),
                facility_type=None,
                result="issue" if damaged else "ok",
                findings="井口保护装置损坏" if damaged else None,
            )

    def rosters(self):
        rng = self.rng_attr
        for s in self.rows["pollution_sources"]:
            cat = s["category"]
            if cat not in _KEY_CATEGORIES or cat == "industrial_park" or s["operating_status"] == "planned":
                continue
            rosters = ["gw_key_supervised"]
            if cat in ("chemical", "electroplating") and s["scale"] != "small":
                rosters.append("gw_key_discharge")
            if cat in ("chemical", "electroplating", "hazardous_waste") and rng.random() < 0.6:
                rosters.append("soil_key_supervised")
            for roster in rosters:
                status = _choice(rng, ["proposed", "accepted", "rejected", "published"], [2, 3, 1, 6])
                self.rows["roster_entries"].append(
                    {
                        "uuid": self.uuid(),
                        "county_code": s["county_code"],
                        "source_uuid": s["uuid"],
                        "roster": roster,
                        "status": status,
                        "reason": {
                            "chemical": "化学原料和化学制品制造企业，涉及有毒有害物质",
                            "electroplating": "电镀企业，涉重金属排放",
                            "landfill": "生活垃圾填埋场",
                            "hazardous_waste": "危险废物处置场所",
                            "tailings_pond": "尾矿库",
                            "mining_area": "矿山开采区",
                        }[cat],
                        "decided_on": None if status == "proposed" else f"2024-{int(rng.integers(1, 12)):02d}-15",
                        "decided_by": None if status == "proposed" else f"{N.CITY['name_zh']}生态环境局",
                        "roster_version": "2024",
                    }
                )


# ---------------------------------------------------------------------------------------------------------------
# Water quality
# ---------------------------------------------------------------------------------------------------------------
def _samples(b: _Builder, ref: dict, run: _Run):
    """Quarterly samples 2020-2024 of every sampled well and their results (lists of tuples for sqlite3)."""
    rng = b.rng_samples
    geo = b.geo
    wells = [w for w in b.rows["monitoring_wells"] if w["status"] != "planned"]
    nw = len(wells)
    wx = np.array([w["geom"].GetX() for w in wells])
    wy = np.array([w["geom"].GetY() for w in wells])
    layer = np.array([w["aquifer_layer"] for w in wells])
    lu = b.place.lu(wx, wy)
    phreatic = layer == "phreatic"
    confined = np.isin(layer, ("shallow_confined", "deep_confined"))
    hills = np.isin(layer, ("karst", "fissure"))
    # How strongly a plume at the surface reaches the screen: phreatic fully, confined barely.
    reach = np.select([phreatic, layer == "shallow_confined", layer == "deep_confined"], [1.0, 0.08, 0.01], 0.3)

    def dist_to(cats=None, points=None):
        if points is None:
            pts = [(s["geom"].GetX(), s["geom"].GetY()) for s in b.rows["pollution_sources"] if s["category"] in cats]
            points = np.array(pts) if pts else np.array([[1e12, 1e12]])
        d = np.hypot(wx[:, None] - points[None, :, 0], wy[:, None] - points[None, :, 1])
        return d.min(axis=1)

    d_chem = dist_to(points=np.array([b.geo.chem_center]))
    d_chem_src = dist_to(("chemical",))
    d_chem = np.minimum(d_chem, d_chem_src + 600)
    d_ep = np.minimum(dist_to(points=np.array([b.geo.ep_center])), dist_to(("electroplating",)) + 300)
    d_lf = dist_to(("landfill", "hazardous_waste"))
    d_gas = dist_to(("gas_station",))
    d_farm = dist_to(("livestock_farm",))
    d_tail = dist_to(("tailings_pond", "mining_area"))
    d_river = geo.sample_raster(b.r["_d_river"], wx, wy)
    farmland = lu == FARMLAND
    # Quarter grid: 2020Q1 .. 2024Q4, from the quarter after construction; abandoned / suspended wells stop early.
    quarters = [(y, q) for y in YEARS for q in (1, 2, 3, 4)]
    start = np.zeros(nw, int)
    stop = np.full(nw, len(quarters), int)
    for i, w in enumerate(wells):
        if w["built_date"]:
            by, bm = int(w["built_date"][:4]), int(w["built_date"][5:7])
            start[i] = max(0, (by - 2020) * 4 + (bm - 1) // 3 + 1)
        if w["status"] in ("abandoned", "suspended"):
            stop[i] = int(rng.integers(4, 16))
    wi, qi = [], []
    for i in range(nw):
        for k in range(start[i], stop[i]):
            wi.append(i)
            qi.append(k)
    wi = np.array(wi)
    qi = np.array(qi)
    ns = len(wi)
    t = qi / 4.0  # years since 2020-01
    quarter = qi % 4 + 1
    sample_uuids = _uuids(b.rng_uuid, ns)
    # Each well is contracted to one laboratory per year.
    lab_of = rng.integers(0, len(N.LABS), size=(nw, len(YEARS)))
    lab = lab_of[wi, qi // 4]
    month = np.array([2, 5, 8, 11])[quarter - 1]
    day = rng.integers(3, 26, ns)
    samples = []
    for k in range(ns):
        w = wells[wi[k]]
        y, q = quarters[qi[k]]
        depth = w["screen_top_m"] + 1.0 if w["screen_top_m"] is not None else None
        samples.append((
            sample_uuids[k], w["county_code"], FIXED_TIMESTAMP, CREATED_BY, FIXED_TIMESTAMP, CREATED_BY,
            w["uuid"], f"{w['well_code']}-{y}Q{q}", f"{y}-{month[k]:02d}-{day[k]:02d}", N.LABS[lab[k]][0],
            round(depth, 1) if depth is not None else None, None,
        ))  # fmt: skip
    run.step(70)

    watch = np.isin(np.array([w["well_type"] for w in wells]), _SOURCE_WATCH_TYPES)[wi]
    # Well-level random effects (one per parameter and well) and sample noise.
    results_cols = []
    for pname in _CORE + _METALS + _VOCS:
        run.check()
        median, s_well, s_sample, dl, sig, method = _PARAMS[pname]
        if pname in _CORE:
            sel = np.ones(ns, bool)
        elif pname in _METALS:
            sel = (watch & np.isin(quarter, (2, 4))) | (quarter == 4)
        else:
            sel = (watch & np.isin(quarter, (1, 3))) | (quarter == 3)
        idx = np.nonzero(sel)[0]
        w_eff = rng.normal(0, 1, nw)
        noise = rng.normal(0, 1, ns)
        W = wi[idx]
        tt = t[idx]
        qq = quarter[idx]
        if pname == "pH":
            base = 7.55 + np.select([phreatic, confined, hills], [-0.05, 0.1, 0.15], 0.0)
            v = base[W] + s_well * w_eff[W] + s_sample * noise[idx]
            v = np.where(rng.random(len(idx)) < 0.995, np.clip(v, 6.8, 8.4), v)
        else:
            lm = np.full(nw, math.log(median))
            lm += (
                np.select([confined, hills], [-0.25, 0.0], 0.0)
                if pname in ("总硬度", "溶解性总固体", "钠", "氯化物")
                else 0.0
            )
            if pname in ("铁", "锰"):
                lm += np.where(confined, 0.9, 0.0)  # reducing conditions in the confined aquifers
            if pname == "总硬度":
                lm += np.where(layer == "karst", 0.2, 0.0)
            if pname == "氟化物":
                lm += np.where((d_river < 8000) & ~hills, 0.35, 0.0)  # high-fluoride belt along the old river course
            if pname == "砷":
                lm += np.where(layer == "deep_confined", 0.7, 0.0)
            if pname == "硝酸盐":
                lm = np.log(np.select(
                    [phreatic & farmland, phreatic & (lu == URBAN), phreatic, hills, layer == "shallow_confined"],
                    [9.0, 6.0, 4.0, 3.5, 1.8], 1.0))  # fmt: skip
                lm += np.where(d_river < 1500, -0.8, 0.0)  # river water dilutes the bank-side wells
            if pname == "氨氮":
                lm += np.where(phreatic & (lu == URBAN), 0.5, 0.0)
            if pname == "三氯甲烷":
                lm += np.where(np.isin(lu, (URBAN, INDUSTRIAL)), 0.8, 0.0)
            mu = lm[W] + s_well * w_eff[W] + s_sample * noise[idx]
            if pname == "硝酸盐":
                # Rising nitrate under farmland (fertiliser), higher after the summer rains.
                mu += np.where(phreatic[W] & farmland[W], 0.065 * tt, 0.01 * tt) + np.where(qq == 3, 0.08, 0.0)
            v = np.exp(mu)
            v = v + _plumes(pname, W, tt, rng, reach, d_chem, d_ep, d_lf, d_gas, d_farm, d_tail)
        unit = ref[pname]["unit"]
        results_cols.append((pname, idx, v, dl, sig, method, unit))
    run.step(80)

    # Assemble rows, ordered like a laboratory report: sample by sample, parameters in a fixed order.
    n_res = sum(len(c[1]) for c in results_cols)
    res_uuids = _uuids(b.rng_uuid, n_res)
    keyed = []
    county = [w["county_code"] for w in wells]
    for p_order, (pname, idx, v, dl, sig, method, unit) in enumerate(results_cols):
        for j, val in zip(idx.tolist(), v.tolist()):
            if pname == "pH":
                text = f"{val:.2f}"
                row = (text, float(text), 0, None)
            elif dl is not None and val < dl:
                style = N.LABS[lab[j]][1]
                row = (style.format(dl=_fmt_dl(dl)), None, 1, dl)
            else:
                text = _fmt(val, 3 if val >= 1 else sig) if pname != "菌落总数" else str(int(round(val)))
                row = (text, float(text), 0, dl)
            keyed.append((j, p_order, county[wi[j]], sample_uuids[j], pname, row, unit, method))
    keyed.sort(key=lambda r: (r[0], r[1]))
    rows = [
        (uuid, cc, FIXED_TIMESTAMP, CREATED_BY, FIXED_TIMESTAMP, CREATED_BY, su, pname, row[0], row[1], unit, row[2],
         row[3], method)
        for uuid, (_, _, cc, su, pname, row, unit, method) in zip(res_uuids, keyed)
    ]  # fmt: skip
    return samples, rows


def _plumes(pname, W, tt, rng, reach, d_chem, d_ep, d_lf, d_gas, d_farm, d_tail):
    """Concentrations added by pollution sources (same unit as the parameter), decaying with distance.

    Time (``tt``, years since 2020) tells two stories for trend tools: the solvent plume of the chemical park
    slowly grows, and Cr(VI) from electroplating falls after the anti-seepage retrofits of mid-2022."""
    n = len(W)
    jitter = np.exp(rng.normal(0, 0.35, n))
    r = reach[W]
    add = np.zeros(n)

    def plume(c0, d, length):
        return c0 * np.exp(-d[W] / length) * r * jitter

    chem = {"三氯乙烯": 160.0, "四氯乙烯": 60.0, "1,2-二氯乙烷": 45.0, "氯乙烯": 9.0, "1,1-二氯乙烯": 14.0,
            "二氯甲烷": 30.0, "苯": 9.0, "甲苯": 45.0, "三氯甲烷": 25.0, "四氯化碳": 3.5, "挥发性酚类": 0.015}  # fmt: skip
    if pname in chem:
        add += plume(chem[pname], d_chem, 1000.0) * np.exp(0.05 * tt)
    ep = {"铬（六价）": 0.25, "镍": 0.09, "铜": 0.25, "锌": 0.6, "氰化物": 0.04, "镉": 0.004}
    if pname in ep:
        add += plume(ep[pname], d_ep, 700.0) * np.exp(-0.3 * np.clip(tt - 2.5, 0.0, None))
    lf = {"氨氮": 4.5, "氯化物": 260.0, "耗氧量": 5.0, "硫酸盐": 120.0, "总硬度": 180.0, "溶解性总固体": 700.0,
          "钠": 140.0, "菌落总数": 300.0, "铁": 0.8, "锰": 0.6}  # fmt: skip
    if pname in lf:
        add += plume(lf[pname], d_lf, 700.0)
    gas = {"苯": 7.0, "甲苯": 20.0}
    if pname in gas:
        add += plume(gas[pname], d_gas, 250.0)
    farm = {"氨氮": 1.2, "硝酸盐": 12.0, "菌落总数": 400.0}
    if pname in farm:
        add += plume(farm[pname], d_farm, 400.0)
    tail = {"铅": 0.03, "镉": 0.004, "锌": 0.5, "砷": 0.02, "硫酸盐": 200.0}
    if pname in tail:
        add += plume(tail[pname], d_tail, 800.0)
    return add


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------
_OGR_TABLES = ("admin_units", "drinking_water_sources", "sites", "pollution_sources", "monitoring_wells",
               "abandoned_wells", "inspections")  # fmt: skip


def _write_ogr_tables(path: str, b: _Builder, ct) -> None:
    ds = gdal.OpenEx(path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    try:
        ds.StartTransaction()
        for name in _OGR_TABLES:
            t = S.table(name)
            lyr = ds.GetLayerByName(name)
            defn = lyr.GetLayerDefn()
            fnames = [f.name for f in t.all_fields()]
            for row in b.rows[name]:
                feat = ogr.Feature(defn)
                g = row["geom"].Clone()
                if ct is not None:
                    g.Transform(ct)
                if name == "sites":
                    row["area_m2"] = round(g.GetArea(), 1)
                feat.SetGeometry(g)
                vals = dict(row)
                vals.update(created_at=FIXED_TIMESTAMP, updated_at=FIXED_TIMESTAMP, created_by=CREATED_BY,
                            updated_by=CREATED_BY)  # fmt: skip
                for fname in fnames:
                    v = vals.get(fname)
                    if v is None:
                        feat.SetFieldNull(fname)
                    else:
                        feat.SetField(fname, v)
                lyr.CreateFeature(feat)
        ds.CommitTransaction()
    finally:
        ds = None


def _insert(con: sqlite3.Connection, table: str, rows) -> None:
    """Bulk insert into an attribute table. Its plain indexes and OGR's per-row feature-count trigger are dropped
    for the insert and recreated from their own SQL afterwards (4x faster); the count is then set once."""
    saved = con.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL AND "
        "((type = 'index' AND name LIKE 'idx_%') OR (type = 'trigger' AND name LIKE 'trigger_insert_feature_count_%'))",
        (table,),
    ).fetchall()
    for kind, name, _ in saved:
        con.execute(f'DROP {kind.upper()} "{name}"')
    cols = [f.name for f in S.table(table).all_fields()]
    sql = f'INSERT INTO "{table}" ({", ".join(cols)}) VALUES ({", ".join("?" * len(cols))})'
    con.executemany(sql, rows)
    for _, _, ddl in saved:
        con.execute(ddl)
    if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'").fetchone():
        con.execute(
            f'UPDATE gpkg_ogr_contents SET feature_count = (SELECT count(*) FROM "{table}") '
            "WHERE lower(table_name) = lower(?)",
            (table,),
        )


def _write_context(folder: str, geo: _Geo, crs: str, ct) -> dict:
    os.makedirs(folder, exist_ok=True)
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    paths = {}
    layers = {
        "river": (ogr.wkbLineString, [(N.RIVER["name_zh"], N.RIVER["name_en"], "river", geo.river_geom)]),
        "urban_areas": (ogr.wkbPolygon, [(zh, en, "urban", g) for zh, en, g in geo.urban]),
        "industrial_parks": (ogr.wkbPolygon, [(zh, en, kind, g) for kind, zh, en, g in geo.parks]),
    }
    for name, (gtype, feats) in layers.items():
        path = os.path.join(folder, f"{name}.gpkg")
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
        lyr = ds.CreateLayer(name, srs, gtype, options=["FID=fid", "GEOMETRY_NAME=geom"])
        for fname in ("name_zh", "name_en", "kind"):
            lyr.CreateField(ogr.FieldDefn(fname, ogr.OFTString))
        ds.StartTransaction()
        for zh, en, kind, g in feats:
            f = ogr.Feature(lyr.GetLayerDefn())
            g = g.Clone()
            if ct is not None:
                g.Transform(ct)
            f.SetGeometry(g)
            f.SetField("name_zh", zh)
            f.SetField("name_en", en)
            f.SetField("kind", kind)
            lyr.CreateFeature(f)
        ds.CommitTransaction()
        ds = None
        paths[name] = path
    return paths


# ---------------------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------------------
def build_demo(
    folder: str,
    seed: int = 42,
    crs: str = S.DEFAULT_CRS,
    progress: Progress = None,
    is_canceled: Canceled = None,
) -> DemoResult:
    """Build the demo city into ``folder`` (created if needed; earlier demo files there are replaced).

    ``progress`` receives percentages 0-100; when ``is_canceled()`` turns true the build stops with
    :class:`DemoCanceled` and the folder is left as it was.
    """
    if not gpkg.crs_is_allowed(crs):
        raise gpkg.SchemaError(f"{crs} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).")
    crs = crs.upper()
    run = _Run(progress, is_canceled)
    run.step(0)
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    stage = os.path.join(folder, f".demo_build_{os.getpid()}")
    if os.path.exists(stage):
        shutil.rmtree(stage)
    os.makedirs(stage)
    try:
        result = _build(stage, folder, int(seed), crs, run)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    shutil.rmtree(stage, ignore_errors=True)
    run.step(100, check=False)  # the files are in place: too late to cancel
    return result


def _build(stage: str, folder: str, seed: int, crs: str, run: _Run) -> DemoResult:
    model_srs = osr.SpatialReference()
    model_srs.SetFromUserInput(MODEL_CRS)
    model_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = None
    if crs != MODEL_CRS:
        out_srs = osr.SpatialReference()
        out_srs.SetFromUserInput(crs)
        out_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        ct = osr.CoordinateTransformation(model_srs, out_srs)

    geo = _Geo(seed)
    run.step(5)
    arrays = _model_rasters(geo, model_srs)
    run.step(15)
    b = _Builder(seed, geo, arrays)
    b.admin_units()
    b.pollution_sources()
    run.step(25)
    b.sites()
    b.water_sources()
    b.monitoring_wells()
    run.step(40)
    b.abandoned_wells()
    b.inspections()
    b.rosters()
    run.step(45)
    ref = read_gbt14848()
    samples, results = _samples(b, ref, run)
    run.step(85)

    db_stage = os.path.join(stage, DATABASE_NAME)
    gpkg.create_database(db_stage, crs=crs)
    _write_ogr_tables(db_stage, b, ct)
    run.check()
    con = sqlite3.connect(db_stage)
    try:
        # The file is a private staging copy until it is moved into place: no need for a rollback journal.
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-200000")
        with con:
            _insert(con, "samples", samples)
            _insert(con, "sample_results", results)
            roster_rows = []
            for r in b.rows["roster_entries"]:
                r = dict(r, created_at=FIXED_TIMESTAMP, updated_at=FIXED_TIMESTAMP, created_by=CREATED_BY,
                         updated_by=CREATED_BY)  # fmt: skip
                roster_rows.append(tuple(r.get(f.name) for f in S.table("roster_entries").all_fields()))
            _insert(con, "roster_entries", roster_rows)
            for key, value in (("created_at", FIXED_TIMESTAMP), ("demo_seed", seed), ("demo_city", N.CITY["name_en"])):
                if (
                    con.execute(f'UPDATE "{gpkg.META_TABLE}" SET value = ? WHERE key = ?', (str(value), key)).rowcount
                    == 0
                ):
                    con.execute(f'INSERT INTO "{gpkg.META_TABLE}" (key, value) VALUES (?, ?)', (key, str(value)))
        counts = {t.name: con.execute(f'SELECT count(*) FROM "{t.name}"').fetchone()[0] for t in S.TABLES}
    finally:
        con.close()
    run.step(92)
    raster_paths = _write_rasters(geo, arrays, os.path.join(stage, "rasters"), crs)
    context_paths = _write_context(os.path.join(stage, "context"), geo, crs, ct)
    run.step(97)

    # Move into place: rasters and context first, the database last (its presence means "complete"). No
    # cancellation check from here on: the last one was in run.step(97).
    final_rasters, final_context = {}, {}
    for sub, staged, final in (("rasters", raster_paths, final_rasters), ("context", context_paths, final_context)):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
        for name, p in staged.items():
            dest = os.path.join(folder, sub, os.path.basename(p))
            os.replace(p, dest)
            final[name] = dest
    os.replace(os.path.join(stage, "rasters", "classes.json"), os.path.join(folder, "rasters", "classes.json"))
    database = os.path.join(folder, DATABASE_NAME)
    os.replace(db_stage, database)
    city = {
        "code": N.CITY["code"],
        "name_zh": N.CITY["name_zh"],
        "name_en": N.CITY["name_en"],
        "county_codes": [c["code"] for c in N.COUNTIES],
        "counties": [{k: c[k] for k in ("code", "name_zh", "name_en")} for c in N.COUNTIES],
        "center_lonlat": [round(v, 5) for v in geo.center_lonlat],
        "crs": crs,
        "seed": seed,
    }
    return DemoResult(database=database, rasters=final_rasters, counts=counts, city=city, context=final_context)
