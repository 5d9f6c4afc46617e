"""Groundwater pollution prevention zoning: drinking-water protection zones kept as exact vector polygons.

Protection (and recharge) zones are legal boundaries. They are NOT burnt into the zone raster, where the majority
filter and the minimum mapping unit would smooth or sieve them away (a class I circle of 50 m radius on a 30 m grid
is a handful of cells). Instead the raster zoning is computed everywhere, polygonised, and then:

- ``protection_pieces``: the protection polygons, repaired, clipped to the city and made disjoint in the order given
  (class I first: a class II polygon that contains its class I keeps only the ring), so each piece keeps the edges
  of its own legal boundary;
- ``cut_features``: every raster zone polygon minus the union of the pieces;
- ``protection_features``: one zone feature per piece, of the scheme's protection class, with the mean scores of the
  cells whose centre lies in it (the cell holding a point of the piece when no centre does).

The union of the cut raster zones and the pieces is the city again: no gap, no overlap.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from osgeo import gdal

from ...toolbelt import geometry as G
from . import rasterblocks as rb
from .config import SCORE_NAMES, requirements_text
from .vectorize import ZoneFeature


def protection_pieces(protection: Sequence, city_wkb: bytes) -> list:
    """Disjoint shapely (Multi)Polygons of the protection polygons inside the city, in the order given."""
    G.require()
    city = G.from_wkb(city_wkb)
    taken = None
    out = []
    for wkb in protection:
        if wkb is None:
            continue
        piece = G.intersection(G.from_wkb(bytes(wkb)), city)
        if taken is not None:
            piece = G.difference(piece, taken)
        if piece.is_empty or piece.area <= 0:
            continue
        out.append(piece)
        taken = piece if taken is None else G.union([taken, piece])
    return out


def cut_features(features: list, pieces: Sequence) -> list:
    """The zone features minus the union of the protection pieces (features left empty are dropped)."""
    if not pieces:
        return features
    union = G.union(pieces)
    hit = G.prepared(union)
    out = []
    for f in features:
        geom = G.from_wkb(f.wkb)
        if hit.intersects(geom):
            geom = G.difference(geom, union)
            if geom.is_empty or geom.area <= 0:
                continue
            f.wkb = G.multipolygon_wkb(geom)
            f.area_km2 = geom.area / 1e6
            f.region = -abs(f.region) if f.region else f.region  # no longer the whole region: county by geometry
        out.append(f)
    return out


def zonal_means(pieces: Sequence, inputs: dict, g: rb.Grid, block_rows: int = rb.BLOCK_ROWS) -> list:
    """[{score name: mean or None}] of each piece: the cells whose centre lies in it, else the cell of a point in
    it (a piece smaller than a cell still gets the values under it)."""
    n = len(pieces)
    ds = rb.rasterize_shapes(
        [(G.multipolygon_wkb(p), i + 1) for i, p in enumerate(pieces)], g, "", gdal.GDT_Int32, None
    )
    band = ds.GetRasterBand(1)
    sums = {k: np.zeros(n + 1) for k in inputs}
    cnts = {k: np.zeros(n + 1) for k in inputs}
    for yoff, rows in rb.blocks(g, block_rows):
        ids = band.ReadAsArray(0, yoff, g.cols, rows).ravel()
        if not ids.any():
            continue
        ids = ids.astype(np.intp)
        for name, a in inputs.items():
            vals, ok = a.read(yoff, rows)
            okr = ok.ravel()
            sums[name] += np.bincount(ids, weights=np.where(okr, vals.ravel(), 0), minlength=n + 1)
            cnts[name] += np.bincount(ids, weights=okr, minlength=n + 1)
    ds = None
    out = []
    for i, piece in enumerate(pieces, start=1):
        scores = {}
        for name in SCORE_NAMES:
            if name not in inputs:
                scores[name] = None
            elif cnts[name][i] > 0:
                scores[name] = float(sums[name][i] / cnts[name][i])
            else:
                p = piece.representative_point()
                row, col = g.cell_of([p.x], [p.y])
                r, c = int(row[0]), int(col[0])
                scores[name] = None
                if 0 <= r < g.rows and 0 <= c < g.cols:
                    vals, ok = inputs[name].read(r, 1)
                    if ok[0, c]:
                        scores[name] = float(vals[0, c])
        out.append(scores)
    return out


def protection_features(
    pieces: Sequence, inputs: dict, g: rb.Grid, cfg: dict, scheme: str, version: str, lang: str, block_rows: int
) -> list:
    """One ZoneFeature of the scheme's protection class per piece (region 0: county found by geometry)."""
    if not pieces:
        return []
    zone = cfg["zoning"]["schemes"][scheme]["protection_polygons_class"]
    means = zonal_means(pieces, inputs, g, block_rows)
    return [
        ZoneFeature(
            G.multipolygon_wkb(p),
            zone,
            scheme,
            version,
            scores,
            p.area / 1e6,
            requirements_text(cfg, zone, lang),
            cells=0,
            region=0,
        )
        for p, scores in zip(pieces, means)
    ]
