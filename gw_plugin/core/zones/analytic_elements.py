"""Multi-well analytic-element model of a well field: one flow field for all its wells (numpy; timml optional).

The field is a single confined aquifer (K, thickness B, porosity n) with uniform regional flow (gradient i towards
an azimuth), any number of pumping wells and optionally a river (core/zones/river.py) as a head-specified line.

Engines (``WellField.engine`` says which one ran):

- ``superposition`` (built in, always available): complex discharge W = Qx - i Qy of the uniform flow plus every
  well, W = Q0 conj(u) - sum_k Q_k / (2 pi (z - z_k)). A straight river is a line of constant head represented by
  the method of images (each well mirrored across it with the opposite rate, exact for a straight river); a
  curved river by head-specified line sinks densified along the reach next to the wells, their strengths solved
  here (river.line_sinks, timml's order-0 method), W = -sum kk_m ln((z - z1_m)/(z - z2_m)).
- ``timml`` (when ``import timml`` works): ModelMaq + Uflow + Well + RiverString solved by timml; the tracer
  evaluates the solved model in numpy (wells as point sinks, the river segments as line sinks with timml's
  strengths), checked against timml's own disvec in tests/core/zones/test_methods.py.
  Install with ``pip install timml==6.9.0`` (needs numpy < 2 beside Debian's GDAL, see ENGINEERING.md).

The zones (steady capture and time of travel, one per well, disjoint, their union the field's zone) are built in
core/zones/field_zones.py from this field: stagnation points, separatrices and particle fans.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from .methods import ZoneInputError, azimuth_unit, require_porosity, require_positive
from .river import River, RiverStop, densify, line_sinks

__all__ = ["River", "RiverStop", "WellField", "ZoneResult", "timml_available", "TIMML_INSTALL_HINT"]


def timml_available() -> bool:
    try:
        import timml  # noqa: F401
    except Exception:
        return False
    return True


TIMML_INSTALL_HINT = (
    "timml is not installed: the built-in superposition engine (wells + uniform flow; a river as image wells when "
    "straight, as head-specified line sinks when curved) was used. To use timml install it into QGIS's Python: "
    "python3 -m pip install timml==6.9.0"
)


@dataclass
class ZoneResult:
    well: int
    tot_days: Optional[float]  # None for the steady capture zone
    geometry: object  # shapely MultiPolygon, valid
    area: float

    @property
    def wkt(self) -> str:
        return self.geometry.wkt


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
        self.river_input = river  # the river as given (self.river becomes the line sinks' polyline)
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
        # point singularities: wells, and their images across the river's chord (seeds for a curved river)
        zs, cs = [self.zw], [self.q / (2 * math.pi)]
        if river is not None:
            zs.append(river.mirror(self.zw))
            cs.append(-self.q / (2 * math.pi))
        self.zs = np.concatenate(zs)
        self.cs = np.concatenate(cs)
        self._poly = (self.zs, self.cs)  # seeds of the stagnation-point polynomial
        self.wu = self.q0 * np.conj(self.u)  # W of the uniform flow
        self._segs = None  # line sinks (z1, z2, kk)
        want = engine
        if engine == "auto":
            want = "timml" if timml_available() else "superposition"
        self.engine = "superposition"
        if want == "timml":
            if not timml_available():
                raise ZoneInputError(TIMML_INSTALL_HINT)
            self._build_timml()
            self.engine = "timml"
        elif want != "superposition":
            raise ZoneInputError(f"Unknown engine {engine!r}.")
        elif river is not None and not river.straight:
            n = len(self.zw)
            self._segs = line_sinks(river, self.zw, self.q, self.u, self._reference_point())
            self.zs, self.cs = self.zs[:n], self.cs[:n]  # the line sinks replace the image wells
            # the model's river is the line sinks' polyline: sides, stops and clipping use the same line
            z1, z2, _ = self._segs
            self.river = River(np.column_stack([np.r_[z1.real, z2[-1].real], np.r_[z1.imag, z2[-1].imag]]))
        self.river_model = None if river is None else ("line sinks" if self._segs is not None else "image wells")
        self._abs_cs = np.abs(self.cs)
        self._seg_len = np.abs(self._segs[1] - self._segs[0]) if self._segs is not None else None

    def _reference_point(self) -> complex:
        """Where the regional head is kept: up-gradient of the field by half the river reach."""
        dist = 0.5 * self.river.length() if self.river is not None else 1e5
        return complex(self.zw.mean() - self.u * max(dist, 1000.0))

    # ---------------------------------------------------------------------------------------------------------
    # discharge and velocity
    # ---------------------------------------------------------------------------------------------------------
    def discharge(self, z) -> tuple:
        """W = Qx - i Qy (m2/d) and dW/dz at points z (any shape)."""
        z = np.asarray(z, complex)
        inv = np.conj(z[..., None] - self.zs)
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
        """Seepage velocity v = conj(W)/(n B) and a bound of |dv/dz| (for the step length) at points z (1-D).

        Real arithmetic over the point singularities (about three times faster than complex division); the
        bound sum |c_k| / r_k^2 is what the tracer needs near wells and never smaller than |dv/dz|."""
        z = np.asarray(z, complex).ravel()
        dx = z.real[:, None] - self.zs.real[None, :]
        dy = z.imag[:, None] - self.zs.imag[None, :]
        inv = dx * dx
        inv += dy * dy
        np.divide(1.0, inv, out=inv)
        sx = (dx * inv) @ self.cs
        sy = (dy * inv) @ self.cs
        g = inv @ self._abs_cs
        v = (np.conj(self.wu) - sx) - 1j * sy  # conj(W): W = wu - (sx - i sy)
        if self._segs is not None:
            # ln((z - z1)/(z - z2)) = ln|a|/|b| + i arg(a conj(b)) in real arithmetic (no complex division or
            # log); |1/a - 1/b| = |z2 - z1| / (|a| |b|) for the step bound
            z1, z2, kk = self._segs
            ax = z.real[:, None] - z1.real
            ay = z.imag[:, None] - z1.imag
            bx = z.real[:, None] - z2.real
            by = z.imag[:, None] - z2.imag
            ra = ax * ax + ay * ay
            rb = bx * bx + by * by
            lg = 0.5 * np.log(ra / rb)
            th = np.arctan2(ay * bx - ax * by, ax * bx + ay * by)
            kr, ki = kk.real, kk.imag
            wr = lg @ kr - th @ ki
            wi = lg @ ki + th @ kr
            v = v - (wr - 1j * wi)  # conj of W_ls = wr + i wi
            g = g + (self._seg_len / np.sqrt(ra * rb)) @ np.abs(kk)
        return v / self.nb, g / self.nb

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
            pts = densify(self.river, self.zw) - o
            xy = np.column_stack([pts.real, pts.imag])
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
        # each river segment as a line sink of uniform strength sigma (timml order 0):
        #   W = -sigma / (2 pi e) * ln((z - z1) / (z - z2)),  e = (z2 - z1) / |z2 - z1|
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

    # ---------------------------------------------------------------------------------------------------------
    # stagnation points
    # ---------------------------------------------------------------------------------------------------------
    def scale(self) -> np.ndarray:
        """Per-well length scale: the stagnation distance of the well alone, Q / (2 pi K B i)."""
        return self.q / (2 * math.pi * self.q0)

    def stagnation_points(self) -> np.ndarray:
        """Zeros of W in the aquifer (on the wells' side of the river, outside the wells).

        Seeds: the roots of W(z) prod(z - z_k) for the point singularities (exact without line sinks), and
        points around every well at 0.5, 1 and 2 stagnation distances; all polished at once by Newton on W."""
        pzs, pcs = self._poly
        c0 = pzs.mean()
        scale = max(float(np.abs(pzs - c0).max()), float(self.q.max() / self.q0), 1.0)
        zeta = (pzs - c0) / scale
        ck = pcs / scale
        poly = self.wu * np.poly(zeta)
        for k in range(len(zeta)):
            others = np.delete(zeta, k)
            pk = np.poly(others) if len(others) else np.array([1.0])
            poly = poly - np.concatenate([[0.0], ck[k] * pk])
        seeds = [np.roots(poly) * scale + c0]
        if self._segs is not None or len(self.zw) > 1:
            ring = np.exp(1j * np.linspace(0, 2 * np.pi, 8, endpoint=False)) * self.u
            for f in (0.5, 1.0, 2.0):
                seeds.append((self.zw[:, None] + f * self.scale()[:, None] * ring[None, :]).ravel())
        if self._segs is not None:  # where a curved river turns from gaining to losing: just off its line
            z1, z2, _ = self._segs
            mid = 0.5 * (z1 + z2)
            normal = 1j * (z2 - z1) / np.abs(z2 - z1)
            off = mid + normal * 1e-3 * np.abs(z2 - z1)
            flip = self.river.side(off) * self.wells_side < 0
            seeds.append(np.where(flip, mid - normal * 1e-3 * np.abs(z2 - z1), off))
        z = np.concatenate(seeds).astype(complex)
        for _ in range(60):
            w, dw = self.discharge(z)
            step = np.where(dw != 0, -w / np.where(dw != 0, dw, 1.0), 0.0)
            lim = 0.5 * np.abs(z[:, None] - self.zw[None, :]).min(axis=1)
            big = np.abs(step) > lim
            step = np.where(big, step / np.maximum(np.abs(step), 1e-300) * lim, step)
            z = z + step
            if np.all(np.abs(step) < 1e-10 * scale):
                break
        w, _ = self.discharge(z)
        good = []
        ok = np.isfinite(z) & (np.abs(w) <= 1e-6 * abs(self.wu))
        for zz in z[ok]:
            if np.min(np.abs(self.zw - zz)) < self.rw:
                continue
            # on the river line itself (where a reach turns from gaining to losing) the point is kept: its
            # dividing streamline bounds the water the wells draw from the river
            if self.river is not None and self.river.side(np.array([zz]))[0] * self.wells_side < -1e-6 * scale:
                continue
            if all(abs(zz - g) > 1e-6 * scale for g in good):
                good.append(complex(zz))
        return np.array(good, complex)

    def directions(self, s: complex) -> tuple:
        """Unit directions (from s) of the inflow and the outflow branches at the stagnation point s: the
        branches lie along +- each."""
        _, dw = self.discharge(np.array([s]))
        alpha = np.angle(dw[0])
        return np.exp(1j * (-alpha / 2 + np.pi / 2)), np.exp(1j * (-alpha / 2))

    # ---------------------------------------------------------------------------------------------------------
    # zones
    # ---------------------------------------------------------------------------------------------------------
    def capture_zones(self, upgradient_length: float, cancel=None, progress=None) -> list:
        """Steady capture zone of every well (shapely MultiPolygons): disjoint, their union the field's zone,
        closed ``upgradient_length`` up-gradient of the field's most up-gradient well."""
        from .field_zones import steady_zones

        return steady_zones(self, upgradient_length, cancel=cancel, progress=progress)

    def zones(
        self,
        days: Sequence[float],
        upgradient_length: float,
        particles: int = 48,
        cancel: Optional[Callable] = None,
        progress: Optional[Callable] = None,
    ) -> list:
        """Steady capture zone and time-of-travel zones (each clipped to its well's steady zone) of every well."""
        from .field_zones import tot_polygons

        prog = progress or (lambda p: None)
        steady = self.capture_zones(upgradient_length, cancel=cancel, progress=lambda p: prog(0.5 * p))
        out = [ZoneResult(wi, None, g, g.area) for wi, g in enumerate(steady)]
        days = sorted(float(d) for d in days)
        if days:
            tot = tot_polygons(self, days, steady, particles, cancel=cancel, progress=lambda p: prog(0.5 + 0.5 * p))
            for wi, per_day in enumerate(tot):
                for d, g in zip(days, per_day):
                    if not g.is_empty:
                        out.append(ZoneResult(wi, d, g, g.area))
        prog(1.0)
        return out
