"""The demo city's table builder (core/demo/): the seeded random streams, the rows of every table under
construction and the fixed stamps of every row. The steps that fill the rows live in pollution.py and wells.py,
the samples in samples.py; build.py runs them in order.
"""

from __future__ import annotations

import numpy as np

from ..data import schema as S
from . import names as N
from .geography import Geo
from .names import Namer
from .placement import Placer

FIXED_TIMESTAMP = "2024-12-31T00:00:00.000Z"
CREATED_BY = "demo"


def uuids(rng: np.random.Generator, n: int) -> list:
    """n version-4 UUIDs drawn from ``rng`` (reproducible, unlike uuid.uuid4)."""
    b = rng.integers(0, 256, size=(n, 16), dtype=np.uint8)
    b[:, 6] = (b[:, 6] & 0x0F) | 0x40
    b[:, 8] = (b[:, 8] & 0x3F) | 0x80
    h = b.tobytes().hex()
    return [f"{h[i : i + 8]}-{h[i + 8 : i + 12]}-{h[i + 12 : i + 16]}-{h[i + 16 : i + 20]}-{h[i + 20 : i + 32]}"
            for i in range(0, 32 * n, 32)]  # fmt: skip


def choice(rng: np.random.Generator, options, weights=None):
    p = None if weights is None else np.asarray(weights, float) / float(np.sum(weights))
    return options[int(rng.choice(len(options), p=p))]


class Builder:
    """The rows of every table under construction, with the seeded random streams the steps draw from."""

    def __init__(self, seed: int, geo: Geo, rasters: dict):
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
        self.place = Placer(geo, rasters, self.rng_place)
        self.names = Namer(self.rng_names)
        self.rows = {t.name: [] for t in S.TABLES}

    def uuid(self) -> str:
        return uuids(self.rng_uuid, 1)[0]

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
def add_admin_units(b: Builder):
    b.add("admin_units", b.geo.city_geom, county_code=N.CITY["code"], code=N.CITY["code"],
          name_zh=N.CITY["name_zh"], name_en=N.CITY["name_en"], level="city", parent_code=None)  # fmt: skip
    for meta, g in b.geo.counties:
        b.add("admin_units", g, county_code=meta["code"], code=meta["code"], name_zh=meta["name_zh"],
              name_en=meta["name_en"], level="county", parent_code=N.CITY["code"])  # fmt: skip
