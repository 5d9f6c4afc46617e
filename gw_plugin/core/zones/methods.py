"""Analytic protection-zone and capture-zone methods for drinking-water wells (pure numpy, no QGIS).

Methods (sources and caveats in ../shared/reference/README.md §2 and resources/reference/hj338_radius_table.csv):

- HJ 338 formula R = alpha * K * I * T / n (class I T = 100 d, class II T = 1000 d, alpha default 1.5);
- HJ 338 empirical radius table by aquifer medium (editable CSV, values marked verified/unverified);
- calculated fixed radius r = sqrt(Q * t / (pi * n * H)) (US EPA WHPA guidance, EPA-440/5-93-001);
- a well in uniform regional flow (Grubb 1993, Ground Water 31(1):27-32): steady capture zone from the exact
  dividing streamline and time-of-travel zones by backward particle tracking in the analytic velocity field;
- flow direction and gradient from water levels in three or more wells (least-squares plane).

Conventions: coordinates in metres of a projected CRS, time in days, Q in m3/d, K in m/d. Flow azimuth is in
degrees clockwise from north and gives the direction groundwater flows TOWARDS. Polygons are returned as closed
(N, 2) numpy rings (first vertex repeated at the end); polygons are built from them with shapely (toolbelt/geometry.py).

The particle tracer (``track``) is shared with core/zones/analytic_elements.py: it integrates all particles at once with a classic RK4
step whose length is chosen per particle from the local speed and velocity gradient, so that particles leaving a
well (where the speed is singular) and particles near a stagnation point (where it vanishes) both stay accurate.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np

#: HJ 338-2018 groundwater part (wording unverified, ../shared/reference/README.md §2): travel times of the zones.
HJ338_T_CLASS_I = 100.0  # d
HJ338_T_CLASS_II = 1000.0  # d
#: HJ 338 safety factor alpha, "commonly 1.5 (150 %)" (../shared/reference/README.md §2, unverified).
HJ338_ALPHA_DEFAULT = 1.5

#: HJ/T 338-2007 size threshold of a large groundwater source, m3/d (../shared/reference/README.md §2, "2007
#: text", unverified): for large sources the 100-d and 1000-d time-of-travel zones of a flow model are the
#: class I and class II zones.
LARGE_SOURCE_M3D = 50000.0

#: Vertices of circles (a 128-gon has 0.04 % less area than its circle).
CIRCLE_VERTICES = 128


class ZoneInputError(ValueError):
    """An input of a zone method is missing or outside its valid range (message meant for the user)."""


# ----------------------------------------------------------------------------------------------------------------
# Input checks
# ----------------------------------------------------------------------------------------------------------------
def require_positive(name: str, value) -> float:
    """``value`` as a finite float > 0; ZoneInputError naming ``name`` otherwise."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ZoneInputError(f"{name} must be a number, got {value!r}.") from None
    if not math.isfinite(v) or v <= 0:
        raise ZoneInputError(f"{name} must be greater than 0, got {value!r}.")
    return v


def require_porosity(value) -> float:
    """``value`` as a float in (0, 1]; ZoneInputError otherwise."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ZoneInputError(f"Porosity must be a number in (0, 1], got {value!r}.") from None
    if not (0 < v <= 1):
        raise ZoneInputError(f"Porosity must be in (0, 1], got {value!r}.")
    return v


# ----------------------------------------------------------------------------------------------------------------
# Geometry helpers
# ----------------------------------------------------------------------------------------------------------------
def circle(x: float, y: float, r: float, n: int = CIRCLE_VERTICES) -> np.ndarray:
    """Closed ring (n + 1, 2) approximating the circle of radius r around (x, y), counter-clockwise."""
    a = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
    ring = np.column_stack([x + r * np.cos(a), y + r * np.sin(a)])
    return np.vstack([ring, ring[:1]])


def close_ring(ring: np.ndarray) -> np.ndarray:
    ring = np.asarray(ring, dtype=float)
    if len(ring) and not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    return ring


def ring_area(ring: np.ndarray) -> float:
    """Signed shoelace area of a ring (positive when counter-clockwise)."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1]))


def clip_halfplane(ring: np.ndarray, point, normal) -> np.ndarray:
    """Keep the part of a ring where (p - point) . normal >= 0 (Sutherland-Hodgman against one line)."""
    ring = close_ring(ring)
    p0 = np.asarray(point, float)
    nv = np.asarray(normal, float)
    d = (ring - p0) @ nv
    out = []
    for k in range(len(ring) - 1):
        a, b, da, db = ring[k], ring[k + 1], d[k], d[k + 1]
        if da >= 0:
            out.append(a)
        if (da >= 0) != (db >= 0):
            out.append(a + (b - a) * (da / (da - db)))
    if len(out) < 3:
        return np.zeros((0, 2))
    return close_ring(np.array(out))


def azimuth_unit(azimuth_deg: float) -> complex:
    """Unit vector (as complex east + i*north) of a direction given clockwise from north."""
    a = math.radians(azimuth_deg)
    return complex(math.sin(a), math.cos(a))


# ----------------------------------------------------------------------------------------------------------------
# HJ 338 formula, empirical table, fixed radius
# ----------------------------------------------------------------------------------------------------------------
def hj338_radius(k: float, gradient: float, travel_time: float, porosity: float, alpha: float = HJ338_ALPHA_DEFAULT):
    """HJ 338 class-I/II radius R = alpha * K * I * T / n (m), K in m/d, T in d (reference README §2)."""
    return (
        require_positive("Alpha", alpha)
        * require_positive("K", k)
        * require_positive("Gradient", gradient)
        * require_positive("Travel time", travel_time)
        / require_porosity(porosity)
    )


def cone_gradient(q: float, k: float, b: float, radius_of_influence: float, rw: float = 0.1) -> float:
    """Mean hydraulic gradient within the cone of depression of a pumping well: the Thiem drawdown at the well,
    s_w = Q ln(R / r_w) / (2 pi K B), over the distance R - r_w (confined flow; for a phreatic aquifer B is the
    saturated thickness). This is an estimate of HJ 338's I ("the gradient within the cone of depression",
    ../shared/reference/README.md §2, wording unverified); HJ 338 itself gives no such formula."""
    q = require_positive("Q", q)
    k = require_positive("K", k)
    b = require_positive("Thickness", b)
    r = require_positive("Radius of influence", radius_of_influence)
    rw = require_positive("Well radius", rw)
    if r <= rw:
        raise ZoneInputError(f"The radius of influence must exceed the well radius {rw:g} m, got {r:g} m.")
    return q * math.log(r / rw) / (2.0 * math.pi * k * b * (r - rw))


def fixed_radius(q: float, travel_time: float, porosity: float, h: float) -> float:
    """Calculated fixed radius r = sqrt(Q t / (pi n H)) (US EPA EPA-440/5-93-001), Q in m3/d, t in d, H in m."""
    return math.sqrt(
        require_positive("Q", q)
        * require_positive("Travel time", travel_time)
        / (math.pi * require_porosity(porosity) * require_positive("H", h))
    )


def zone_class_for_travel_time(travel_time: float) -> str:
    """HJ 338 zone class of a travel-time criterion: class I up to 100 d, class II beyond."""
    return "class_1" if travel_time <= HJ338_T_CLASS_I else "class_2"


@dataclass(frozen=True)
class RadiusRow:
    medium: str
    zh: str
    en: str
    zone_class: str
    radius_min_m: float
    radius_max_m: float
    radius_default_m: float
    status: str  # verified | unverified
    source: str


def radius_table_path() -> Path:
    from ...toolbelt.paths import resource

    return resource("reference", "hj338_radius_table.csv")


def load_radius_table(path=None) -> list:
    """Rows of the editable empirical radius table (lines starting with '#' are comments)."""
    path = Path(path) if path else radius_table_path()
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
    rows = []
    for r in csv.DictReader(lines):
        rows.append(
            RadiusRow(
                r["medium"].strip(),
                r["medium_zh"].strip(),
                r["medium_en"].strip(),
                r["zone_class"].strip(),
                float(r["radius_min_m"]),
                float(r["radius_max_m"]),
                float(r["radius_default_m"]),
                r["status"].strip(),
                r["source"].strip(),
            )
        )
    return rows


def table_radius(medium: str, zone_class: str, table: Optional[list] = None) -> RadiusRow:
    """Row of the radius table for a medium (code, Chinese or English name, case-insensitive) and zone class."""
    table = table if table is not None else load_radius_table()
    key = str(medium or "").strip().lower()
    media = {r.medium for r in table}
    for r in table:
        if r.zone_class == zone_class and key in (r.medium.lower(), r.zh.lower(), r.en.lower()):
            return r
    raise ZoneInputError(f"Unknown aquifer medium {medium!r}; use one of: {', '.join(sorted(media))}.")


def table_range_warning(radius: float, medium: str, zone_class: str, table: Optional[list] = None) -> str:
    """A sentence when a formula radius is below the empirical table's range for ``medium`` (else "", also for a
    medium the table does not have, e.g. karst): with the regional gradient instead of the gradient in the cone of
    depression the HJ 338 formula gives radii of metres."""
    try:
        row = table_radius(medium, zone_class, table)
    except ZoneInputError:
        return ""
    if radius >= row.radius_min_m:
        return ""
    name = {"class_1": "class I", "class_2": "class II"}.get(zone_class, zone_class)
    return (
        f"The {name} radius {radius:,.1f} m is below the empirical range {row.radius_min_m:g}-{row.radius_max_m:g} m "
        f"for {row.en.lower()} ({row.status}): check that I is the gradient within the cone of depression, not the "
        "regional gradient."
    )


# ----------------------------------------------------------------------------------------------------------------
# Gradient from water levels
# ----------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GradientFit:
    gradient: float  # |grad h| (-)
    azimuth_deg: float  # direction of -grad h, clockwise from north (where groundwater flows to)
    a: float  # dh/dx (east)
    b: float  # dh/dy (north)
    c: float  # h at (x, y) = (0, 0)
    r2: float  # coefficient of determination (1.0 for exactly 3 wells)
    rmse: float  # root-mean-square residual (m)
    n: int  # number of wells used


def fit_gradient(x, y, h) -> GradientFit:
    """Least-squares plane h = a x + b y + c through water levels of >= 3 non-collinear wells."""
    x, y, h = (np.asarray(v, dtype=float).ravel() for v in (x, y, h))
    if not (len(x) == len(y) == len(h)):
        raise ZoneInputError("x, y and water levels must have the same length.")
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(h)
    x, y, h = x[ok], y[ok], h[ok]
    n = len(x)
    if n < 3:
        raise ZoneInputError(f"A plane fit needs water levels in at least 3 wells, got {n}.")
    xm, ym = x.mean(), y.mean()
    xy = np.column_stack([x - xm, y - ym])
    sv = np.linalg.svd(xy, compute_uv=False)
    if sv[0] == 0 or sv[1] / sv[0] < 1e-6:
        raise ZoneInputError("The wells are (nearly) on one line: the flow direction cannot be estimated.")
    A = np.column_stack([xy, np.ones(n)])
    coef, *_ = np.linalg.lstsq(A, h, rcond=None)
    a, b, c0 = (float(v) for v in coef)
    res = h - A @ coef
    ss_res = float(res @ res)
    ss_tot = float(((h - h.mean()) ** 2).sum())
    g = math.hypot(a, b)
    if g == 0 or ss_tot == 0:
        raise ZoneInputError("All water levels are equal: there is no gradient.")
    r2 = 1.0 - ss_res / ss_tot
    az = math.degrees(math.atan2(-a, -b)) % 360.0
    return GradientFit(g, az, a, b, c0 - a * xm - b * ym, r2, math.sqrt(ss_res / n), n)


# ----------------------------------------------------------------------------------------------------------------
# Vectorised particle tracker
# ----------------------------------------------------------------------------------------------------------------
class Stop:
    """Ends particles: ``__call__(z_old, z_new, idx)`` returns (mask of stopped particles, corrected positions)."""

    def __call__(self, z_old, z_new, idx):  # pragma: no cover - interface
        raise NotImplementedError


class HalfPlaneStop(Stop):
    """Stops particle i when Re((z - origin_i) * conj(dir_i)) >= length_i; the end point is put on that line."""

    def __init__(self, origin, direction, length):
        self.origin = np.asarray(origin, complex)
        self.direction = np.asarray(direction, complex)
        self.length = np.asarray(length, float)

    def __call__(self, z_old, z_new, idx):
        o, d, L = (v[idx] if v.ndim else v for v in (self.origin, self.direction, self.length))
        s_new = ((z_new - o) * np.conj(d)).real
        hit = s_new >= L
        if hit.any():
            s_old = ((z_old - o) * np.conj(d)).real
            f = np.clip((L - s_old) / np.where(s_new != s_old, s_new - s_old, 1.0), 0.0, 1.0)
            z_new = np.where(hit, z_old + f * (z_new - z_old), z_new)
        return hit, z_new


class AnyStop(Stop):
    """A particle stops at the first of several stop conditions."""

    def __init__(self, *stops):
        self.stops = [s for s in stops if s is not None]

    def __call__(self, z_old, z_new, idx):
        hit = np.zeros(len(idx), bool)
        for s in self.stops:
            h, z = s(z_old, z_new, idx)
            z_new = np.where(h & ~hit, z, z_new)
            hit |= h
        return hit, z_new


class CanceledError(Exception):
    """Raised by the tracer when the caller's cancel callback returns True."""


@dataclass
class TrackResult:
    positions: np.ndarray  # (N, K) positions at the requested times, or (N, 1) end positions
    stopped: np.ndarray  # (N,) bool: ended by a stop condition
    stalled: np.ndarray  # (N,) bool: came to rest (stagnation point) before the end
    steps: int
    evaluations: int = 0
    paths: list = field(default_factory=list)  # per particle list of positions when record_paths


def track(
    velocity: Callable,
    z0,
    times=None,
    t0=None,
    direction: float = -1.0,
    stop: Optional[Stop] = None,
    ds_max=np.inf,
    c_grad: float = 0.15,
    max_steps: int = 20000,
    record_paths: bool = False,
    cancel: Optional[Callable] = None,
    progress: Optional[Callable] = None,
    t_max: float = np.inf,
) -> TrackResult:
    """Track particles z0 (complex, N) in ``velocity(z, idx) -> (v, g)`` (v = vx + i vy, g = |dv/dz|).

    ``direction`` -1 tracks backwards in time (towards where the water comes from). With ``times`` (K,) or (N, K)
    sorted, the positions at those times are returned (t0 (N,) is each particle's start time, e.g. the time the
    water needs from the well axis to the start radius); without, particles run until ``stop`` ends them (or
    they stall, pass t_max or max_steps) and the end positions are returned. The step of each particle is
    dt = min(ds_max / |v|, c_grad / g, time to its next output) and RK4 is used for every step.
    """
    z = np.array(z0, dtype=complex).ravel()
    n = len(z)
    timed = times is not None
    if timed:
        tt = np.asarray(times, float)
        tt = np.broadcast_to(tt, (n, tt.shape[-1])) if tt.ndim == 1 else tt
        k_out = tt.shape[1]
    else:
        tt = np.full((n, 1), np.inf)
        k_out = 1
    out = np.empty((n, k_out), complex)
    t = np.zeros(n) if t0 is None else np.broadcast_to(np.asarray(t0, float), (n,)).copy()
    kk = np.zeros(n, int)
    if timed:  # outputs already passed at the start time
        while True:
            due = (kk < k_out) & (tt[np.arange(n), np.minimum(kk, k_out - 1)] <= t)
            if not due.any():
                break
            out[due, kk[due]] = z[due]
            kk[due] += 1
    ds_max = np.broadcast_to(np.asarray(ds_max, float), (n,))
    active = np.nonzero(kk < k_out)[0]
    stopped = np.zeros(n, bool)
    stalled = np.zeros(n, bool)
    rec_idx, rec_z = ([np.arange(n)], [z.copy()]) if record_paths else (None, None)
    steps = evals = 0
    last_move = np.zeros(n)
    while active.size and steps < max_steps:
        steps += 1
        if cancel is not None and steps % 20 == 0 and cancel():
            raise CanceledError()
        idx = active
        zi = z[idx]
        v1, g = velocity(zi, idx)
        speed = np.abs(v1)
        with np.errstate(divide="ignore", invalid="ignore"):
            dt = np.minimum(ds_max[idx] / speed, c_grad / g)
        t_next = tt[idx, kk[idx]]
        if timed:
            dt = np.minimum(dt, t_next - t[idx])
        dt = np.where(np.isfinite(dt), dt, 0.0)
        h = direction * dt
        k1 = v1
        k2, _ = velocity(zi + 0.5 * h * k1, idx)
        k3, _ = velocity(zi + 0.5 * h * k2, idx)
        k4, _ = velocity(zi + h * k3, idx)
        evals += 4 * len(idx)
        zn = zi + h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
        bad = ~np.isfinite(zn)
        zn = np.where(bad, zi, zn)
        t[idx] += dt
        ended = np.zeros(len(idx), bool)
        if stop is not None:
            hit, zn = stop(zi, zn, idx)
            ended |= hit
            stopped[idx[hit]] = True
        z[idx] = zn
        if record_paths:
            rec_idx.append(idx)
            rec_z.append(zn)
        # stall: no measurable movement (stagnation point or zero velocity)
        moved = np.abs(zn - zi)
        scale = np.maximum(np.abs(zn), 1.0)
        last_move[idx] = np.where(moved <= 1e-12 * scale, last_move[idx] + 1, 0)
        st = (last_move[idx] >= 50) | bad | (t[idx] > t_max)  # t_max: creeping towards a stagnation point
        stalled[idx[st & ~ended]] = True
        ended |= st
        if timed:
            reached = (t[idx] >= t_next * (1 - 1e-12)) & ~ended
            while reached.any():
                j = idx[reached]
                out[j, kk[j]] = z[j]
                kk[j] += 1
                more = kk[j] < k_out
                reached_idx = np.nonzero(reached)[0]
                reached[:] = False
                sel = reached_idx[more]
                if sel.size:
                    tn = tt[idx[sel], kk[idx[sel]]]
                    reached[sel] = t[idx[sel]] >= tn * (1 - 1e-12)
            done = kk[idx] >= k_out
        else:
            done = np.zeros(len(idx), bool)
        finished = ended | done
        if finished.any():
            fin = idx[finished]
            # stopped/stalled particles keep their position for all remaining output times
            for j in fin:
                if kk[j] < k_out:
                    out[j, kk[j] :] = z[j]
                    kk[j] = k_out
            active = idx[~finished]
        if progress is not None and steps % 50 == 0:
            progress(1.0 - active.size / max(n, 1))
    if active.size:  # max_steps reached
        for j in active:
            out[j, kk[j] :] = z[j]
    paths = []
    if record_paths:
        all_idx = np.concatenate(rec_idx)
        all_z = np.concatenate(rec_z)
        order = np.argsort(all_idx, kind="stable")
        counts = np.bincount(all_idx, minlength=n)
        paths = np.split(all_z[order], np.cumsum(counts)[:-1])
    return TrackResult(out, stopped, stalled, steps, evals, paths)


# ----------------------------------------------------------------------------------------------------------------
# Well in uniform regional flow (Grubb 1993)
# ----------------------------------------------------------------------------------------------------------------
@dataclass
class UniformFlowWell:
    """A fully penetrating well pumping Q (m3/d) in uniform regional flow.

    q: pumping rate (m3/d, > 0 = extraction); k: hydraulic conductivity (m/d); b: saturated thickness (m);
    gradient: regional hydraulic gradient (-); porosity: effective porosity (-); azimuth: direction the regional
    flow goes towards (degrees clockwise from north); x, y: well position; rw: well radius (m).

    Local frame: origin at the well, x' along the flow (down-gradient), y' 90 degrees to its left. Complex
    potential Omega = -Q0 z' + Q/(2 pi) ln z', Q0 = K B i; discharge W = Qx' - i Qy' = -dOmega/dz' =
    Q0 - Q/(2 pi z'); stream function Psi = -Q0 y' + Q theta/(2 pi). The stagnation point is at
    x_s = Q/(2 pi Q0) down-gradient; the dividing streamline Psi = 0 is y' = Q theta/(2 pi Q0), i.e. in polar
    form r = x_s theta / sin(theta), giving the half-width Q/(4 Q0) at x' = 0 and Q/(2 Q0) far up-gradient.
    """

    q: float
    k: float
    b: float
    gradient: float
    porosity: float
    azimuth: float = 0.0
    x: float = 0.0
    y: float = 0.0
    rw: float = 0.1

    def __post_init__(self):
        self.q = require_positive("Q", self.q)
        self.k = require_positive("K", self.k)
        self.b = require_positive("Thickness", self.b)
        self.gradient = require_positive("Gradient", self.gradient)
        self.porosity = require_porosity(self.porosity)
        self.rw = require_positive("Well radius", self.rw)
        try:
            self.azimuth = float(self.azimuth) % 360.0
        except (TypeError, ValueError):
            raise ZoneInputError(f"Flow azimuth must be a number, got {self.azimuth!r}.") from None

    # closed forms -------------------------------------------------------------------------------------------
    @property
    def q0(self) -> float:
        """Regional Darcy discharge per unit width K B i (m2/d)."""
        return self.k * self.b * self.gradient

    @property
    def stagnation_distance(self) -> float:
        return self.q / (2.0 * math.pi * self.q0)

    @property
    def half_width_at_well(self) -> float:
        return self.q / (4.0 * self.q0)

    @property
    def half_width_far(self) -> float:
        return self.q / (2.0 * self.q0)

    @property
    def unit(self) -> complex:
        return azimuth_unit(self.azimuth)

    @property
    def origin(self) -> complex:
        return complex(self.x, self.y)

    def to_world(self, z_local) -> np.ndarray:
        return self.origin + self.unit * np.asarray(z_local, complex)

    def to_local(self, z_world) -> np.ndarray:
        return (np.asarray(z_world, complex) - self.origin) / self.unit

    def travel_time_upgradient(self, distance: float) -> float:
        """Time water needs from `distance` up-gradient of the well (on the axis) to the well (d).

        On the axis y' = 0 the velocity is along x': v = (Q0 - Q/(2 pi x')) / (n B). Up-gradient, with
        s = -x' > 0: ds/dt = -(Q0 + Q/(2 pi s)) / (n B), so
          t(L) = n B * int_0^L ds / (Q0 + Q/(2 pi s)) = (n B / Q0) * int_0^L s / (s + x_s) ds
               = (n B / Q0) * [L - x_s ln(1 + L / x_s)].
        (Without regional flow this tends to pi n B L^2 / Q, the radial-flow time.)
        """
        L = float(distance)
        xs = self.stagnation_distance
        return self.porosity * self.b / self.q0 * (L - xs * math.log1p(L / xs))

    def travel_time_downgradient(self, distance: float) -> float:
        """Time water needs from `distance` (< x_s) down-gradient of the well (on the axis) to the well (d).

        Down-gradient, 0 < x' < x_s: dx'/dt = (Q0 - Q/(2 pi x')) / (n B) < 0, so
          t(L) = n B * int_0^L dx / (Q/(2 pi x) - Q0) = (n B / Q0) * int_0^L x / (x_s - x) dx
               = (n B / Q0) * [-L - x_s ln(1 - L / x_s)]   (infinite at the stagnation point L = x_s).
        """
        L = float(distance)
        xs = self.stagnation_distance
        if L >= xs:
            return math.inf
        return self.porosity * self.b / self.q0 * (-L - xs * math.log1p(-L / xs))

    def distance_for_time(self, t: float, upgradient: bool = True) -> float:
        """Inverse of the travel-time formulas (bisection to 1e-12 relative)."""
        f = self.travel_time_upgradient if upgradient else self.travel_time_downgradient
        lo, hi = 0.0, self.stagnation_distance * (1 - 1e-15)
        if upgradient:
            hi = self.stagnation_distance
            while f(hi) < t:
                hi *= 2.0
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if f(mid) < t:
                lo = mid
            else:
                hi = mid
            if hi - lo <= 1e-12 * hi:
                break
        return 0.5 * (lo + hi)

    # velocity field -----------------------------------------------------------------------------------------
    def velocity_local(self, z):
        """Seepage velocity (complex vx' + i vy', m/d) and |dv/dz| in the local frame."""
        z = np.asarray(z, complex)
        nb = self.porosity * self.b
        w = self.q0 - self.q / (2 * math.pi * z)
        g = np.abs(self.q / (2 * math.pi * z * z)) / nb
        return np.conj(w) / nb, g

    # zones --------------------------------------------------------------------------------------------------
    def capture_zone_local(self, upgradient_length: float, n: int = 721) -> np.ndarray:
        """Closed ring of the steady capture zone in the local frame, closed at x' = -upgradient_length.

        Exact dividing streamline r = x_s theta / sin(theta), theta in (-theta_L, theta_L) where
        x'(theta_L) = x_s theta_L cot(theta_L) = -L; vertices are spaced evenly along theta, then the ring is
        closed by the straight segment x' = -L.
        """
        L = require_positive("Up-gradient length", upgradient_length)
        xs = self.stagnation_distance
        lo, hi = math.pi / 2, math.pi
        for _ in range(200):  # x(theta) decreases monotonically from 0 at pi/2 to -inf at pi
            mid = 0.5 * (lo + hi)
            if xs * mid / math.tan(mid) > -L:
                lo = mid
            else:
                hi = mid
        th_l = 0.5 * (lo + hi)
        # spacing denser towards the far ends where r grows fastest
        u = np.linspace(-1.0, 1.0, n)
        th = th_l * np.sin(0.5 * np.pi * u)
        with np.errstate(invalid="ignore", divide="ignore"):
            r = np.where(th == 0, xs, xs * th / np.sin(th))
        ring = np.column_stack([r * np.cos(th), r * np.sin(th)])
        ring[0, 0] = ring[-1, 0] = -L
        return close_ring(ring)

    def capture_zone(self, upgradient_length: float, n: int = 721) -> np.ndarray:
        """Steady capture zone ring in world coordinates (see capture_zone_local)."""
        loc = self.capture_zone_local(upgradient_length, n)
        zw = self.to_world(loc[:, 0] + 1j * loc[:, 1])
        return np.column_stack([zw.real, zw.imag])

    def tot_zones(self, days: Sequence[float], upgradient_length: Optional[float] = None, particles: int = 360):
        """Time-of-travel rings (world coordinates) for each time in `days` (see tot_zones_batch)."""
        return tot_zones_batch([self], days, upgradient_length, particles)[0]


def isochrone_table(
    t_star_max: float, particles: int = 360, t_star_min: float = 1e-6, per_decade: int = 200, cancel=None
):
    """Backward-tracked fan of one well in the dimensionless uniform-flow field, recorded at log-spaced times.

    Units: length x_s = Q/(2 pi Q0), time tau = n B x_s / Q0; then dz*/dt* = conj(1 - 1/z*) for every well.
    The fan starts at radius r0* (far inside any well radius of interest) at t0* = r0*^2 / 2, the exact radial
    travel time from the axis (pi n B r^2 / Q in dimensional form). Returns (times (K,), positions (P, K)).
    """
    t_star_min = min(t_star_min, t_star_max / 10.0)
    r0 = min(1e-4, 0.01 * math.sqrt(2.0 * t_star_min))
    t0 = 0.5 * r0 * r0
    n_t = max(int(per_decade * math.log10(t_star_max / t_star_min)) + 2, 10)
    times = np.geomspace(t_star_min, t_star_max * (1 + 1e-9), n_t)
    ang = np.linspace(0.0, 2 * np.pi, particles, endpoint=False)

    def vel(z, idx):
        inv = 1.0 / z
        return np.conj(1.0 - inv), np.abs(inv * inv)

    res = track(vel, r0 * np.exp(1j * ang), times=times, t0=t0, cancel=cancel)
    return times, res.positions


def tot_zones_batch(
    wells: Sequence[UniformFlowWell],
    days: Sequence[float],
    upgradient_length: Optional[float] = None,
    particles: int = 360,
    cancel: Optional[Callable] = None,
    progress: Optional[Callable] = None,
) -> list:
    """Time-of-travel rings of many single wells in uniform flow from one vectorised particle run.

    In units of x_s (length) and tau = n B x_s / Q0 (time) every well has the same velocity field
    dz*/dt* = conj(1 - 1/z*), so one fan of `particles` is tracked backwards once (isochrone_table, RK4,
    positions recorded 200 times per decade of time) and the zone of each well and time T is the fan at
    T* = T / tau (linear interpolation in log time between recorded positions), scaled by x_s, rotated to the
    flow direction and clipped to x' >= -upgradient_length. Returns, per well, one closed ring per time.
    """
    days = [require_positive("Travel time", d) for d in days]
    if not wells or not days:
        return [[] for _ in wells]
    if upgradient_length is not None:
        upgradient_length = require_positive("Up-gradient length", upgradient_length)
    xs = np.array([w.stagnation_distance for w in wells])
    tau = np.array([w.porosity * w.b * w.stagnation_distance / w.q0 for w in wells])
    t_star = np.asarray(days, float)[None, :] / tau[:, None]  # (m, K)
    times, pos = isochrone_table(float(t_star.max()), particles, min(1e-6, float(t_star.min()) / 10), cancel=cancel)
    if progress is not None:
        progress(0.5)
    lt = np.log(times)
    out = []
    for i, w in enumerate(wells):
        rings = []
        for k in range(len(days)):
            x = math.log(t_star[i, k])
            j = int(np.clip(np.searchsorted(lt, x) - 1, 0, len(lt) - 2))
            f = (x - lt[j]) / (lt[j + 1] - lt[j])
            zl = (pos[:, j] * (1 - f) + pos[:, j + 1] * f) * xs[i]
            ring = np.column_stack([zl.real, zl.imag])
            if upgradient_length is not None and zl.real.min() < -upgradient_length:
                ring = clip_halfplane(ring, (-upgradient_length, 0.0), (1.0, 0.0))
            else:
                ring = close_ring(ring)
            zw = w.to_world(ring[:, 0] + 1j * ring[:, 1]) if len(ring) else np.zeros(0, complex)
            rings.append(np.column_stack([zw.real, zw.imag]))
        out.append(rings)
        if cancel is not None and i % 100 == 0 and cancel():
            raise CanceledError()
    return out
