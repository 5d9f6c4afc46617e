"""Multi-well analytic-element model of a well field: capture zones and time-of-travel zones (numpy; timml optional).

The field is a single confined aquifer (K, thickness B, porosity n) with uniform regional flow (gradient i towards
an azimuth), any number of pumping wells and optionally a river treated as a head-specified straight line.

Engines (``WellField.engine`` says which one ran):

- ``superposition`` (built in, always available): complex discharge W = Qx - i Qy of the uniform flow plus every
  well, W = Q0 conj(u) - sum_k Q_k / (2 pi (z - z_k)); a straight river is a line of constant head, represented
  by the method of images (each well mirrored across the river with the opposite rate).
- ``timml`` (when ``import timml`` works): ModelMaq + Uflow + Well + RiverString (a head-specified line along the
  river polyline) is solved by timml; because timml's own point evaluation is slow (~50 us a point per element)
  and its path-line tracer took minutes for 20 wells (../shared/ENGINEERING.md), the tracer evaluates the solved
  model in numpy: the wells as point sinks and every river segment as a line sink with timml's solved strength
  (checked against timml's own disvec in tests/core/zones/test_methods.py).
  Install with ``pip install timml==6.9.0`` (needs numpy < 2 beside Debian's GDAL, see ENGINEERING.md).

timml details: the model is built in local coordinates (origin on the river), the river polyline is densified
(segments half the distance to the nearest well) with the regional head at every vertex, and a reference
head on the regional plane fixes timml's free constant; then timml and the image wells agree within ~2 % near the
wells (tests/core/zones/test_methods.py).

Zones: stagnation points are the zeros of W (roots of a polynomial, polished by Newton). The steady zone of each
well comes from a fan of particles tracked backwards with the vectorised RK4 tracer of core/zones/methods.py until they
pass the up-gradient length or reach the river; where neighbouring particles end far apart the fan straddles a
dividing streamline (from a stagnation point) and is refined there, and the zone is the union of the ribbons
between neighbouring path lines, which also handles interfering wells that share stagnation points; the exact
dividing streamlines (inflow branches of each stagnation point traced backwards, joined to the outflow branch
that enters the well) are inserted into the fan. Time-of-travel zones are the positions of backward-tracked
particle fans from every well at once at the requested times, clipped to the well's steady zone (OGR geometry).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from ...toolbelt.ogr import polygon_parts
from .methods import (
    AnyStop,
    HalfPlaneStop,
    Stop,
    ZoneInputError,
    azimuth_unit,
    require_porosity,
    require_positive,
    ring_to_wkt,
    track,
)


def timml_available() -> bool:
    try:
        import timml  # noqa: F401
    except Exception:
        return False
    return True


TIMML_INSTALL_HINT = (
    "timml is not installed: the built-in superposition engine (wells + uniform flow + image wells for a straight "
    "river) was used. To use timml install it into QGIS's Python: python3 -m pip install timml==6.9.0"
)


@dataclass
class River:
    """A river as a head-specified line: vertices (x, y) of its centre line. The image engine uses the straight
    line through the first and last vertex; timml uses the polyline."""

    xy: np.ndarray

    def __post_init__(self):
        self.xy = np.asarray(self.xy, float).reshape(-1, 2)
        if len(self.xy) < 2 or np.allclose(self.xy[0], self.xy[-1]):
            raise ZoneInputError("The river needs a line with two distinct end points.")

    @property
    def p0(self) -> complex:
        return complex(*self.xy[0])

    @property
    def direction(self) -> complex:
        d = complex(*self.xy[-1]) - self.p0
        return d / abs(d)

    def side(self, z) -> np.ndarray:
        """Signed distance of points from the straight river line (positive to its left)."""
        return ((np.asarray(z, complex) - self.p0) * np.conj(self.direction)).imag

    def mirror(self, z) -> np.ndarray:
        d = self.direction
        return self.p0 + d * np.conj((np.asarray(z, complex) - self.p0) / d)


class RiverStop(Stop):
    """Ends particles that cross the river line (on the far side from the wells); the end point is on the line."""

    def __init__(self, river: River, wells_side: float):
        self.river = river
        self.sign = 1.0 if wells_side >= 0 else -1.0

    def __call__(self, z_old, z_new, idx):
        s_new = self.river.side(z_new) * self.sign
        hit = s_new <= 0
        if hit.any():
            s_old = self.river.side(z_old) * self.sign
            f = np.clip(s_old / np.where(s_old != s_new, s_old - s_new, 1.0), 0.0, 1.0)
            z_new = np.where(hit, z_old + f * (z_new - z_old), z_new)
        return hit, z_new


class WellStop(Stop):
    """Ends (forward-tracked) particles that reach a well; ``which`` records the well index."""

    def __init__(self, zw, radius):
        self.zw = np.asarray(zw, complex)
        self.radius = np.asarray(radius, float)
        self.which = {}

    def __call__(self, z_old, z_new, idx):
        d = np.abs(z_new[:, None] - self.zw[None, :])
        near = d < self.radius[None, :]
        hit = near.any(axis=1)
        for i, k in zip(idx[hit], np.argmax(near[hit], axis=1)):
            self.which[int(i)] = int(k)
        return hit, z_new


def _thin(path: np.ndarray, keep: int = 120) -> np.ndarray:
    """At most ``keep`` vertices of a path, always with its first and last one."""
    if len(path) <= keep:
        return path
    idx = np.unique(np.linspace(0, len(path) - 1, keep).round().astype(int))
    return path[idx]


def _polygon_wkb(pts: np.ndarray) -> bytes:
    """Little-endian WKB of a polygon with one closed ring given as complex points (no Python loop)."""
    xy = np.empty((len(pts), 2))
    xy[:, 0], xy[:, 1] = pts.real, pts.imag
    header = np.array([1], np.uint8).tobytes() + np.array([3, 1, len(pts)], np.uint32).tobytes()
    return header + xy.astype("<f8").tobytes()


@dataclass
class ZoneResult:
    well: int
    tot_days: Optional[float]  # None for the steady capture zone
    wkt: str
    area: float


class WellField:
    """Wells (x, y, q arrays; q > 0 extraction, m3/d) in uniform flow, optionally beside a river."""

    def __init__(
        self,
        x,
        y,
        q,
        k: float,
        thickness: float,
        gradient: float,
        porosity: float,
        azimuth: float,
        rw: float = 0.1,
        river: Optional[River] = None,
        engine: str = "auto",
    ):
        self.zw = np.asarray(x, float).ravel() + 1j * np.asarray(y, float).ravel()
        self.q = np.asarray(q, float).ravel()
        if len(self.zw) == 0 or len(self.q) != len(self.zw):
            raise ZoneInputError("Give one pumping rate per well (and at least one well).")
        for qq in self.q:
            require_positive("Q", qq)
        self.k = require_positive("K", k)
        self.b = require_positive("Thickness", thickness)
        self.i = require_positive("Gradient", gradient)
        self.n = require_porosity(porosity)
        self.azimuth = float(azimuth) % 360.0
        self.rw = require_positive("Well radius", rw)
        self.river = river
        self.u = azimuth_unit(self.azimuth)
        self.q0 = self.k * self.b * self.i
        self.nb = self.n * self.b
        if river is not None:
            sides = river.side(self.zw)
            if np.any(sides == 0) or (np.any(sides > 0) and np.any(sides < 0)):
                raise ZoneInputError("All wells must lie on the same side of the river.")
            self.wells_side = float(np.sign(sides[0]))
        else:
            self.wells_side = 0.0
        # singularities: wells, and their images across a straight river
        zs, cs = [self.zw], [self.q / (2 * math.pi)]
        if river is not None:
            zs.append(river.mirror(self.zw))
            cs.append(-self.q / (2 * math.pi))
        self.zs = np.concatenate(zs)
        self.cs = np.concatenate(cs)
        self.wu = self.q0 * np.conj(self.u)  # W of the uniform flow
        want = engine
        if engine == "auto":
            want = "timml" if timml_available() else "superposition"
        self.engine = "superposition"
        self._segs = None  # timml river: line-sink segments (z1, z2, sigma / (2 pi e))
        self._poly = (self.zs, self.cs)  # point singularities seeding the stagnation-point polynomial
        if want == "timml":
            if not timml_available():
                raise ZoneInputError(TIMML_INSTALL_HINT)
            self._build_timml()
            self.engine = "timml"
        elif want != "superposition":
            raise ZoneInputError(f"Unknown engine {engine!r}.")

    # ---------------------------------------------------------------------------------------------------------
    # discharge and velocity
    # ---------------------------------------------------------------------------------------------------------
    def discharge(self, z) -> tuple:
        """W = Qx - i Qy (m2/d) and dW/dz at points z (superposition; timml adds its interpolated remainder)."""
        z = np.asarray(z, complex)
        inv = np.conj(z[..., None] - self.zs)  # 1/d = conj(d)/|d|^2, ~15 % faster than complex division
        inv /= inv.real**2 + inv.imag**2
        w = self.wu - inv @ self.cs
        dw = (inv * inv) @ self.cs
        if self._segs is not None:
            z1, z2, kk = self._segs
            a = z[..., None] - z1
            b = z[..., None] - z2
            w = w - np.log(a / b) @ kk
            dw = dw - (1.0 / a - 1.0 / b) @ kk
        return w, dw

    def velocity(self, z, idx=None):
        w, dw = self.discharge(z)
        return np.conj(w) / self.nb, np.abs(dw) / self.nb

    # ---------------------------------------------------------------------------------------------------------
    # timml engine
    # ---------------------------------------------------------------------------------------------------------
    def _build_timml(self) -> None:
        import timml

        ml = timml.ModelMaq(kaq=self.k, z=[self.b, 0.0], npor=self.n)
        # timml works in local coordinates (origin on the river or at the wells): its uniform flow is relative
        # to (0, 0), and real projected coordinates (~1e6 m) would make the river carry an absurd constant head
        o = self.river.p0 if self.river is not None else self.zw.mean()
        self._origin = o
        # timml's Uflow angle is counter-clockwise from the x axis; our azimuth is clockwise from north
        timml.Uflow(ml, slope=self.i, angle=90.0 - self.azimuth)
        for zz, qq in zip(self.zw - o, self.q):
            timml.Well(ml, zz.real, zz.imag, Qw=float(qq), rw=self.rw)
        if self.river is not None:
            # river head = the regional head along it, so the river only answers the wells (like the images)
            xy = self._densified_river() - [o.real, o.imag]
            hls = -self.i * (xy[:, 0] * self.u.real + xy[:, 1] * self.u.imag)
            self._river_elements = [timml.RiverString(ml, xy=[tuple(p) for p in xy], hls=hls)]
            # the regional head far up-gradient fixes timml's free constant (else the river absorbs the wells'
            # logarithmic far field and injects a spurious flow); half the river length away, on the regional plane
            dist = 0.5 * float(np.sum(np.hypot(*np.diff(xy, axis=0).T)))
            far = self.zw.mean() - o - self.u * dist
            h_far = -self.i * (far.real * self.u.real + far.imag * self.u.imag)
            timml.Constant(ml, xr=far.real, yr=far.imag, hr=float(h_far))
        else:
            far = -self.u * 1e5  # reference head far up-gradient
            timml.Constant(ml, xr=far.real, yr=far.imag, hr=0.0)
            self._river_elements = []
        ml.solve(silent=True)
        self.timml_model = ml
        # timml solved the river strengths; the tracer evaluates the same field in numpy: wells as point sinks,
        # each river segment as a line sink of uniform strength sigma (timml order 0):
        #   W = -sigma / (2 pi e) * ln((z - z1) / (z - z2)),  e = (z2 - z1) / |z2 - z1|
        # (the principal logarithm puts the branch cut exactly on the segment)
        if self._river_elements:
            z1, z2, kk = [], [], []
            for e in self._river_elements:
                zz = np.asarray(e.x) + 1j * np.asarray(e.y) + o
                ev = (zz[1:] - zz[:-1]) / np.abs(zz[1:] - zz[:-1])
                z1.append(zz[:-1])
                z2.append(zz[1:])
                kk.append(np.asarray(e.parameters)[:, 0] / (2 * math.pi * ev))
            self._segs = (np.concatenate(z1), np.concatenate(z2), np.concatenate(kk))
            n = len(self.zw)
            self.zs, self.cs = self.zs[:n], self.cs[:n]  # the river replaces the image wells

    def _densified_river(self) -> np.ndarray:
        """River vertices spaced at half the distance to the nearest well (20 m .. 5 km): timml's line sinks
        enforce the head at one point per segment, so a long straight river needs several segments."""
        pts = [self.river.xy[0]]
        for a, b in zip(self.river.xy[:-1], self.river.xy[1:]):
            seg = np.hypot(*(b - a))
            t = 0.0
            while True:
                p = a + (b - a) * t
                d = float(np.min(np.abs(self.zw - complex(*p))))
                t += float(np.clip(0.5 * d, 20.0, 5000.0)) / seg
                if t >= 1.0:
                    break
                pts.append(a + (b - a) * t)
            pts.append(b)
        return np.array(pts)

    # ---------------------------------------------------------------------------------------------------------
    # stagnation points
    # ---------------------------------------------------------------------------------------------------------
    def stagnation_points(self) -> np.ndarray:
        """Zeros of W in the aquifer: roots of W(z) prod(z - z_k) (scaled), polished by Newton on W."""
        pzs, pcs = self._poly  # with timml's river the image wells give the seeds, Newton uses the real field
        c0 = pzs.mean()
        scale = max(float(np.abs(pzs - c0).max()), float(self.q.max() / self.q0), 1.0)
        zeta = (pzs - c0) / scale
        # W(z) = A - sum c_k / (z - z_k);  in zeta: A - sum (c_k/scale) / (zeta - zeta_k)
        a = self.wu
        ck = pcs / scale
        poly = a * np.poly(zeta)
        for k in range(len(zeta)):
            others = np.delete(zeta, k)
            pk = np.poly(others) if len(others) else np.array([1.0])
            poly = poly - np.concatenate([[0.0], ck[k] * pk])
        roots = np.roots(poly) * scale + c0
        good = []
        for r in roots:
            z = complex(r)
            for _ in range(50):
                w, dw = self.discharge(np.array([z]))
                if dw[0] == 0:
                    break
                step = -w[0] / dw[0]
                # dW/dz of W = A - sum c/(z-zk) is + sum c/(z-zk)^2
                z = z + step
                if abs(step) < 1e-10 * scale:
                    break
            w, _ = self.discharge(np.array([z]))
            if abs(w[0]) > 1e-6 * abs(self.wu):
                continue
            if np.min(np.abs(self.zw - z)) < self.rw:
                continue
            if self.river is not None and self.river.side(z) * self.wells_side <= 0:
                continue
            if all(abs(z - g) > 1e-6 * scale for g in good):
                good.append(z)
        return np.array(good, complex)

    def _directions(self, s: complex):
        """Unit directions of inflow (into s, forward) and outflow at a stagnation point."""
        _, dw = self.discharge(np.array([s]))
        alpha = np.angle(dw[0])
        return np.exp(1j * (-alpha / 2 + np.pi / 2)), np.exp(1j * (-alpha / 2))

    # ---------------------------------------------------------------------------------------------------------
    # zones
    # ---------------------------------------------------------------------------------------------------------
    def _scale(self) -> np.ndarray:
        """Per-well length scale: the stagnation distance of the well alone."""
        return self.q / (2 * math.pi * self.q0)

    def _t_max(self, L: float) -> float:
        """Travel-time cap of steady path lines: 20 times the regional travel time over the zone's length; a
        particle still travelling then is creeping towards a stagnation point (e.g. where a river turns from
        losing to gaining) and is ended there."""
        return 20.0 * max(L, float(self._scale().max())) * self.nb / self.q0

    def _stops(self, owner, upgradient_length: float) -> Stop:
        L = np.broadcast_to(float(upgradient_length), np.shape(owner)).astype(float)
        up = HalfPlaneStop(self.zw[owner], -self.u * np.ones(len(owner)), L)
        if self.river is not None:
            return AnyStop(RiverStop(self.river, self.wells_side), up)
        return up

    def capture_zones(
        self,
        upgradient_length: float,
        particles: int = 72,
        refine: int = 4,
        cancel: Optional[Callable] = None,
        progress: Optional[Callable] = None,
    ) -> list:
        """Steady capture zone of every well as an OGR polygon geometry.

        A fan of particles leaves every well and is tracked backwards (all wells at once) until it is closed
        up-gradient (UPGRADIENT_LENGTH from its well along the flow), reaches the river or stalls. Where the end
        points of neighbouring particles are far apart the fan straddles a dividing streamline, and particles
        are added there by splitting the angle in four (``refine`` rounds), so the paths next to the stagnation
        points hug the dividing streamlines. The zone is the union of the ribbons between neighbouring paths
        (path i, its end, the end of path i+1, path i+1 backwards); this also gives the right shape where
        wells share stagnation points (interfering wells).
        """
        from osgeo import gdal, ogr

        gdal.PushErrorHandler("CPLQuietErrorHandler")  # GEOS warnings about ribbons repaired by Buffer(0)
        try:
            return self._capture_zones(ogr, upgradient_length, particles, refine, cancel, progress)
        finally:
            gdal.PopErrorHandler()

    def _capture_zones(self, ogr, upgradient_length, particles, refine, cancel, progress) -> list:
        L = require_positive("Up-gradient length", upgradient_length)
        nw = len(self.zw)
        ds_w = np.maximum(self._scale(), L) / 80.0
        angles = [np.linspace(0, 2 * np.pi, particles, endpoint=False) for _ in range(nw)]
        paths = [dict() for _ in range(nw)]  # angle -> path (complex array)

        def run(new):
            """new: list of (well, angle); tracks them all at once and stores their paths."""
            if not new:
                return
            owner = np.array([w for w, _ in new])
            ang = np.array([a for _, a in new])
            z0 = self.zw[owner] + self.rw * np.exp(1j * ang)
            res = track(
                self.velocity,
                z0,
                direction=-1.0,
                stop=self._stops(owner, L),
                ds_max=ds_w[owner],
                record_paths=True,
                max_steps=20000,
                cancel=cancel,
                t_max=self._t_max(L),
            )
            for (w, a), pth in zip(new, res.paths):
                paths[w][a] = pth

        run([(w, a) for w in range(nw) for a in angles[w]])
        for rnd in range(refine):
            if progress:
                progress(0.8 * (rnd + 1) / (refine + 1))
            new = []
            for w in range(nw):
                a_sorted = np.array(sorted(paths[w]))
                ends = np.array([paths[w][a][-1] for a in a_sorted])
                gaps = np.abs(np.roll(ends, -1) - ends)
                da = (np.roll(a_sorted, -1) - a_sorted) % (2 * np.pi)
                limit = 4.0 * float(np.median(gaps)) + 1e-9
                for k in np.nonzero((gaps > limit) & (da > 1e-7))[0]:
                    for frac in (0.25, 0.5, 0.75):  # 4-way split: fewer (slow, small) tracking rounds
                        new.append((w, float((a_sorted[k] + frac * da[k]) % (2 * np.pi))))
            if not new:
                break
            run(new)
        self._add_dividing_streamlines(paths, L, ds_w, cancel)
        zones = []
        for w in range(nw):
            a_sorted = sorted(paths[w])
            ribbons = ogr.Geometry(ogr.wkbMultiPolygon)
            for k, a in enumerate(a_sorted):
                p1 = paths[w][a]
                p2 = paths[w][a_sorted[(k + 1) % len(a_sorted)]]
                pts = np.concatenate([[self.zw[w]], _thin(p1), _thin(p2)[::-1], [self.zw[w]]])
                g = ogr.CreateGeometryFromWkb(_polygon_wkb(pts))
                if not g.IsValid():
                    g = g.Buffer(0)
                for i in range(g.GetGeometryCount()) if g.GetGeometryType() == ogr.wkbMultiPolygon else [None]:
                    ribbons.AddGeometry(g if i is None else g.GetGeometryRef(i))
            zone = ribbons.UnionCascaded()
            zones.append(zone)
        if progress:
            progress(1.0)
        return zones

    def _add_dividing_streamlines(self, paths, L, ds_w, cancel) -> None:
        """Insert the exact limit paths through every stagnation point into the wells' fans.

        From each stagnation point S the two outflow branches are tracked forwards (into a well, or away), the two
        inflow branches backwards (the dividing streamlines, up to the closing line of that well or the river).
        For an outflow branch arriving at well w at angle theta, the paths "well -> S -> inflow branch" are put into
        w's fan just beside theta, each on the side whose fan neighbour ends nearer to it; the ribbon between the
        two then has the dividing streamlines themselves as its edges.
        """
        stag = self.stagnation_points()
        self.last_stagnation_points = stag
        if not len(stag):
            return
        nw = len(self.zw)
        scale = float(self._scale().min())
        eps = 1e-6 * scale
        dirs = [self._directions(sp) for sp in stag]
        d_in = np.array([d[0] for d in dirs])
        d_out = np.array([d[1] for d in dirs])
        ns = len(stag)
        ws = WellStop(self.zw, np.full(nw, max(2 * self.rw, 1e-3 * scale)))
        stop = AnyStop(ws, RiverStop(self.river, self.wells_side) if self.river is not None else None)
        starts = np.concatenate([stag + eps * d_out, stag - eps * d_out])
        fw = track(
            self.velocity,
            starts,
            direction=1.0,
            stop=stop,
            ds_max=float(ds_w.min()),
            record_paths=True,
            max_steps=5000,
            cancel=cancel,
        )
        arrivals = []  # (stagnation index, well, forward path S -> well)
        for j, w in ws.which.items():
            arrivals.append((j % ns, w, np.concatenate([[stag[j % ns]], fw.paths[j]])))
        if not arrivals:
            return
        pairs = sorted({(si, w) for si, w, _ in arrivals})
        bstart, bowner, bkey = [], [], []
        for si, w in pairs:
            for sgn in (1.0, -1.0):
                bstart.append(stag[si] + sgn * eps * d_in[si])
                bowner.append(w)
                bkey.append((si, w, sgn))
        bowner = np.array(bowner)
        bw = track(
            self.velocity,
            np.array(bstart),
            direction=-1.0,
            stop=self._stops(bowner, L),
            ds_max=ds_w[bowner],
            record_paths=True,
            max_steps=20000,
            cancel=cancel,
            t_max=self._t_max(L),
        )
        branch = {}
        for k, key in enumerate(bkey):
            if not bw.stopped[k]:  # only branches that really reach the closing line or the river
                continue
            others = np.delete(stag, key[0])
            if len(others) and np.min(np.abs(bw.paths[k][:, None] - others[None, :])) < 0.01 * scale:
                continue  # runs into another stagnation point: which way it leaves is decided by round-off
            branch[key] = np.concatenate([[stag[key[0]]], bw.paths[k]])
        for si, w, fpath in arrivals:
            bp, bm = branch.get((si, w, 1.0)), branch.get((si, w, -1.0))
            if bp is None or bm is None or not paths[w]:
                continue
            theta = float(np.angle(fpath[-1] - self.zw[w]) % (2 * np.pi))
            keys = np.array(sorted(paths[w]))
            k_hi = int(np.searchsorted(keys, theta)) % len(keys)
            end_hi = paths[w][keys[k_hi]][-1]  # fan neighbour counter-clockwise of theta
            if abs(bp[-1] - end_hi) > abs(bm[-1] - end_hi):
                bp, bm = bm, bp
            lead = fpath[::-1]  # well -> S
            d = 1e-9
            paths[w][(theta + d) % (2 * np.pi)] = np.concatenate([lead, bp[1:]])
            paths[w][(theta - d) % (2 * np.pi)] = np.concatenate([lead, bm[1:]])

    def tot_zones(
        self,
        days: Sequence[float],
        particles: int = 360,
        cancel: Optional[Callable] = None,
        progress: Optional[Callable] = None,
        steps_per_zone: int = 80,
    ) -> np.ndarray:
        """Positions (nw, particles, len(days)) of backward-tracked fans from every well at the given times."""
        days = np.sort(np.asarray([require_positive("Travel time", d) for d in days], float))
        nw = len(self.zw)
        ang = np.linspace(0, 2 * np.pi, particles, endpoint=False)
        z0 = (self.zw[:, None] + self.rw * np.exp(1j * ang)[None, :]).ravel()
        t0 = np.repeat(math.pi * self.nb * self.rw**2 / self.q, particles)
        r_rad = np.sqrt(self.q * days[-1] / (math.pi * self.nb))
        v_reg = self.q0 / self.nb
        extent = np.maximum(r_rad, np.minimum(v_reg * days[-1], 10 * r_rad))
        ds = np.repeat(extent / steps_per_zone, particles)
        stop = RiverStop(self.river, self.wells_side) if self.river is not None else None
        res = track(self.velocity, z0, times=days, t0=t0, stop=stop, ds_max=ds, cancel=cancel, progress=progress)
        return res.positions.reshape(nw, particles, len(days))

    def zones(
        self,
        days: Sequence[float],
        upgradient_length: float,
        particles: int = 360,
        cancel: Optional[Callable] = None,
        progress: Optional[Callable] = None,
    ) -> list:
        """Steady capture zone and time-of-travel zones (clipped to it) of every well as ZoneResult (WKT)."""
        from osgeo import ogr

        prog = progress or (lambda p: None)
        steady = self.capture_zones(
            upgradient_length, cancel=cancel, progress=lambda p: prog(0.4 * p) if progress else None
        )
        out = []
        steady_geoms = []
        for wi, g in enumerate(steady):
            steady_geoms.append(g)
            out.append(ZoneResult(wi, None, g.ExportToWkt(), g.GetArea()))
        days = sorted(float(d) for d in days)
        if days:
            pos = self.tot_zones(
                days, particles, cancel=cancel, progress=lambda p: prog(0.4 + 0.6 * p) if progress else None
            )
            for wi in range(len(self.zw)):
                for k, d in enumerate(days):
                    pts = pos[wi, :, k]
                    g = ogr.CreateGeometryFromWkt(ring_to_wkt(np.column_stack([pts.real, pts.imag])))
                    if not g.IsValid():
                        g = g.Buffer(0)
                    g = polygon_parts(g.Intersection(steady_geoms[wi]))
                    if g is None or g.IsEmpty():
                        continue
                    out.append(ZoneResult(wi, d, g.ExportToWkt(), g.GetArea()))
        return out
