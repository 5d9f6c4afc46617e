"""Rivers of the analytic-element well field: the river reach next to the wells (one computation for the Processing
algorithm, the dock and the demo), its side and crossing test, and its representation in the flow model.

- ``river_reach(lines, wells_xy, ...)``: every line of a river layer (all features, all parts, merged where they
  join, through shapely) → the reach next to the wells as a ``River``, or None with a note when the river is too far
  from the wells to matter (the note says how far and why it was not used);
- ``River``: a polyline. A straight one (two vertices, or bends smaller than 1 % of the wells' distance) is
  modelled by image wells across it, exact for a straight river; a curved one by head-specified line sinks
  densified along the reach (``line_sinks``, solved here in numpy, timml's order-0 method), so the model follows
  the river's bends;
- ``River.side(z)``: signed distance from the polyline (left positive), with the ends extended along their end
  tangents so that "beyond the river" is defined everywhere; ``RiverStop`` ends particles that cross it;
- ``River.wells_side_polygon(z, extent)``: the half of the plane on the wells' side, used to clip zones so that
  nothing is ever drawn beyond the river.
"""

from __future__ import annotations

import math
from typing import Optional, Sequence

import numpy as np

from .methods import Stop, ZoneInputError

#: A bend is followed with line sinks when the reach strays from its chord by more than this share of the
#: wells' distance to the river (below it the chord's image wells are exact enough).
STRAIGHT_TOLERANCE = 0.01
#: The longest far ray of the extended polyline (m).
_FAR = 1.0e7


class River:
    """A river as a head-specified polyline (x, y vertices of its centre line, at least two distinct points)."""

    def __init__(self, xy, straight: Optional[bool] = None):
        self.xy = np.asarray(xy, float).reshape(-1, 2)
        if len(self.xy) >= 2:
            keep = np.r_[True, np.any(np.diff(self.xy, axis=0) != 0, axis=1)]
            self.xy = self.xy[keep]
        if len(self.xy) < 2 or np.allclose(self.xy[0], self.xy[-1]):
            raise ZoneInputError("The river needs a line with two distinct end points.")
        self.z = self.xy[:, 0] + 1j * self.xy[:, 1]
        chord = self.z[-1] - self.z[0]
        self._dir = chord / abs(chord)
        stray = float(np.abs(((self.z - self.z[0]) * np.conj(self._dir)).imag).max())
        self.stray = stray
        self.straight = stray <= 1e-9 * abs(chord) if straight is None else bool(straight)
        # the polyline extended along its end tangents (defines the sides everywhere)
        t0 = self.z[1] - self.z[0]
        t1 = self.z[-1] - self.z[-2]
        self._ext = np.concatenate([[self.z[0] - t0 / abs(t0) * _FAR], self.z, [self.z[-1] + t1 / abs(t1) * _FAR]])

    # the chord (image wells, seeds) ----------------------------------------------------------------------------
    @property
    def p0(self) -> complex:
        return complex(self.z[0])

    @property
    def direction(self) -> complex:
        """Unit vector of the chord from the first to the last vertex."""
        return self._dir

    def mirror(self, z) -> np.ndarray:
        """Mirror images across the chord."""
        d = self._dir
        return self.p0 + d * np.conj((np.asarray(z, complex) - self.p0) / d)

    def length(self) -> float:
        return float(np.abs(np.diff(self.z)).sum())

    # sides -----------------------------------------------------------------------------------------------------
    def side(self, z) -> np.ndarray:
        """Signed distance of points from the (extended) river polyline, positive to its left."""
        z = np.asarray(z, complex)
        shape = z.shape
        z = z.ravel()
        if self.straight:
            out = ((z - self.p0) * np.conj(self._dir)).imag
            return out.reshape(shape)
        a, b = self._ext[:-1], self._ext[1:]
        d = b - a
        dd = (d * np.conj(d)).real
        rel = z[:, None] - a[None, :]
        t = np.clip((rel * np.conj(d)).real / dd, 0.0, 1.0)
        dist = np.abs(rel - t * d)
        m = np.argmin(dist, axis=1)
        rows = np.arange(len(z))
        tm = t[rows, m]
        cross = (rel[rows, m] * np.conj(d[m])).imag / np.abs(d[m])
        # nearest point is a vertex: the side follows the bisector of the two segments meeting there
        at_vertex = (tm <= 0.0) & (m > 0) | (tm >= 1.0) & (m < len(d) - 1)
        if at_vertex.any():
            k = np.where(tm >= 1.0, m + 1, m)[at_vertex]
            u_in = d[k - 1] / np.abs(d[k - 1])
            u_out = d[k] / np.abs(d[k])
            tang = u_in + u_out
            tang = np.where(np.abs(tang) < 1e-12, u_out, tang)
            rv = z[at_vertex] - a[k]
            sign = np.sign((rv * np.conj(tang)).imag)
            cross[at_vertex] = sign * np.abs(rv)
        return cross.reshape(shape)

    def wells_side_polygon(self, wells_side: float, centre: complex, extent: float):
        """The region on the wells' side of the river within ``extent`` of ``centre`` (shapely polygon)."""
        from ...toolbelt import geometry as G

        r = max(float(extent), 1.0)
        ang = np.linspace(0, 2 * np.pi, 256, endpoint=False)
        ring = centre + r * np.exp(1j * ang)
        disk = G.polygon(np.column_stack([ring.real, ring.imag]))
        # a long polygon: the extended river line, closed by a big detour on the wells' side
        ext = self._ext.copy()
        ext[0] = self.z[0] + (ext[0] - self.z[0]) / _FAR * 4 * r
        ext[-1] = self.z[-1] + (ext[-1] - self.z[-1]) / _FAR * 4 * r
        t1 = (ext[-1] - ext[-2]) / abs(ext[-1] - ext[-2])
        t0 = (ext[1] - ext[0]) / abs(ext[1] - ext[0])
        left = 1j if wells_side > 0 else -1j
        far = 8 * r
        pts = np.concatenate([ext, [ext[-1] + t1 * left * far, ext[0] + t0 * left * far]])
        side = G.clean(G.polygon(np.column_stack([pts.real, pts.imag])))
        return G.intersection(side, disk)


class RiverStop(Stop):
    """Ends particles that cross the river (to the far side from the wells); the end point is put on the river."""

    def __init__(self, river: River, wells_side: float, margin=0.0):
        self.river = river
        self.sign = 1.0 if wells_side >= 0 else -1.0
        # > 0: also end particles creeping towards the river within this distance (a number, or one per particle)
        self.margin = np.asarray(margin, float)

    def __call__(self, z_old, z_new, idx):
        margin = self.margin[idx] if self.margin.ndim else self.margin
        s_new = self.river.side(z_new) * self.sign - margin
        hit = s_new <= 0
        if hit.any():
            s_old = self.river.side(z_old) * self.sign - margin
            f = np.clip(s_old / np.where(s_old != s_new, s_old - s_new, 1.0), 0.0, 1.0)
            z_new = np.where(hit, z_old + f * (z_new - z_old), z_new)
        return hit, z_new


# ----------------------------------------------------------------------------------------------------------------
# Head-specified line sinks (a curved river), solved in numpy
# ----------------------------------------------------------------------------------------------------------------
def densify(river: River, zw: np.ndarray, max_segments: int = 120) -> np.ndarray:
    """The river resampled with segments a quarter of their distance to the nearest well long (10 m .. 5 km), at
    most ``max_segments``: a line sink enforces the head at one point, so the segments near the wells are short
    and the far ones long. The vertices are placed at equal steps of the integral of that density along the
    river (smooth, and symmetric for a symmetric river); the river's own vertices are not kept."""
    z = river.z
    cum = np.r_[0.0, np.cumsum(np.abs(np.diff(z)))]
    total = float(cum[-1])
    s = np.linspace(0.0, total, 4001)
    m = np.clip(np.searchsorted(cum, s, side="right") - 1, 0, len(z) - 2)
    pts = z[m] + (s - cum[m]) / np.maximum(cum[m + 1] - cum[m], 1e-300) * (z[m + 1] - z[m])
    d = np.abs(pts[:, None] - zw[None, :]).min(axis=1)
    density = 1.0 / np.clip(0.25 * d, 10.0, 5000.0)
    n_cum = np.r_[0.0, np.cumsum(0.5 * (density[1:] + density[:-1]) * np.diff(s))]
    n_seg = int(np.clip(math.ceil(n_cum[-1]), 1, max_segments))
    s_v = np.interp(np.linspace(0.0, n_cum[-1], n_seg + 1), n_cum, s)
    m = np.clip(np.searchsorted(cum, s_v, side="right") - 1, 0, len(z) - 2)
    out = z[m] + (s_v - cum[m]) / np.maximum(cum[m + 1] - cum[m], 1e-300) * (z[m + 1] - z[m])
    out[0], out[-1] = z[0], z[-1]
    return out


def _unit_potential(z: np.ndarray, z1: np.ndarray, z2: np.ndarray) -> np.ndarray:
    """Discharge potential (per unit strength) of uniform line sinks z1→z2 at points z: (len(z), len(z1)).

    In the segment's frame Z = (z - z1)/e, e = (z2 - z1)/|z2 - z1|, length L:
    Phi = Re[Z ln Z - (Z - L) ln(Z - L)] / (2 pi) - L / (2 pi); continuous across the branch cuts because the
    imaginary part of each log is multiplied by Im Z, which vanishes on them."""
    e = (z2 - z1) / np.abs(z2 - z1)
    L = np.abs(z2 - z1)
    Z = (z[:, None] - z1[None, :]) / e[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(Z == 0, 0.0, Z * np.log(np.where(Z == 0, 1.0, Z)))
        ZL = Z - L[None, :]
        b = np.where(ZL == 0, 0.0, ZL * np.log(np.where(ZL == 0, 1.0, ZL)))
    return ((a - b).real - L[None, :]) / (2 * math.pi)


def line_sinks(river: River, zw: np.ndarray, q: np.ndarray, u: complex, reference: complex) -> tuple:
    """Strengths of head-specified line sinks along ``river`` beside wells ``zw`` (rates ``q``), the river head
    equal to the regional head (so the river only answers the wells), and the regional head kept at ``reference``
    (far up-gradient), which fixes the free constant. Returns (z1, z2, kk) with kk = sigma / (2 pi e): the
    discharge of a segment is W = -kk ln((z - z1)/(z - z2))."""
    pts = densify(river, zw)
    z1, z2 = pts[:-1], pts[1:]
    zc = 0.5 * (z1 + z2)
    m = len(z1)
    ctrl = np.concatenate([zc, [reference]])
    A = np.zeros((m + 1, m + 1))
    A[:, :m] = _unit_potential(ctrl, z1, z2)
    A[:, m] = 1.0
    rhs = -(np.log(np.abs(ctrl[:, None] - zw[None, :])) @ (q / (2 * math.pi)))
    sigma = np.linalg.solve(A, rhs)[:m]
    e = (z2 - z1) / np.abs(z2 - z1)
    return z1, z2, sigma / (2 * math.pi * e)


# ----------------------------------------------------------------------------------------------------------------
# The reach next to the wells
# ----------------------------------------------------------------------------------------------------------------
def merged_lines(lines: Sequence) -> list:
    """Every line (sequences of (x, y)) merged where lines share end points (shapely linemerge): a river digitised
    as several features or parts becomes one polyline. Returns (N, 2) arrays."""
    from shapely.geometry import LineString, MultiLineString
    from shapely.ops import linemerge

    from ...toolbelt import geometry as G

    G.require()
    parts = [LineString(np.asarray(p, float)[:, :2]) for p in lines if len(p) >= 2]
    parts = [p for p in parts if p.length > 0]
    if not parts:
        return []
    merged = linemerge(MultiLineString(parts)) if len(parts) > 1 else parts[0]
    geoms = merged.geoms if hasattr(merged, "geoms") else [merged]
    return [np.asarray(g.coords, float)[:, :2] for g in geoms if g.length > 0]


def river_reach(lines: Sequence, wells_xy, radius: float, relevance: Optional[float] = None) -> tuple:
    """(River or None, note) for the river lines nearest to the wells.

    ``lines``: every line of the river layer in the wells' CRS (several features and parts are merged).
    ``radius``: how far around the field the flow model must follow the river (the closing length plus the
    field's size and its capture width); the reach is the connected part of the nearest merged line within
    that distance of the wells. ``relevance``: a river farther than this from every well does not change the
    zones: None is returned with a note saying so (default: ``radius``). A reach that strays from its chord by
    less than STRAIGHT_TOLERANCE of the wells' distance is modelled as straight (image wells)."""
    from shapely.geometry import LineString, MultiPoint

    pts = np.asarray(wells_xy, float).reshape(-1, 2)
    merged = merged_lines(lines)
    if not merged or not len(pts):
        return None, ""
    field = MultiPoint([tuple(p) for p in pts])
    cands = [LineString(m) for m in merged]
    dists = [c.distance(field) for c in cands]
    k = int(np.argmin(dists))
    dist = float(dists[k])
    relevance = float(radius if relevance is None else relevance)
    if dist > relevance:
        return None, (
            f"The river is {dist:,.0f} m from the nearest well, farther than {relevance:,.0f} m (the zones' reach): "
            "it does not change the zones and was not used."
        )
    line = cands[k]
    hull = field.convex_hull.buffer(radius + dist, 64)
    near = line.intersection(hull)
    pieces = [g for g in getattr(near, "geoms", [near]) if g.geom_type == "LineString" and g.length > 0]
    if not pieces:
        return None, ""
    piece = min(pieces, key=lambda g: g.distance(field))
    xy = np.asarray(piece.coords, float)[:, :2]
    if len(xy) < 2:
        return None, ""
    river = River(xy)
    zp = pts[:, 0] + 1j * pts[:, 1]
    s = river.side(zp)
    if np.any(s == 0) or (np.any(s > 0) and np.any(s < 0)):
        raise ZoneInputError("The wells lie on both sides of the river: compute each side on its own.")
    if not river.straight and river.stray <= STRAIGHT_TOLERANCE * max(dist, 1.0):
        chord = River(xy[[0, -1]])
        sc = chord.side(zp)
        if np.all(sc > 0) or np.all(sc < 0):
            river = chord
    return river, ""
