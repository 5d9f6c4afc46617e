"""Capture and time-of-travel zones of a well field computed as one flow field (core/zones/analytic_elements.py):
each well's zone is the set of points whose water ends in that well, so the zones of a field never overlap and
their union is the field's zone.

Steady zones (``steady_zones``): all the water reaching the wells enters the model area through its inflow
boundary: the closing line ``UPGRADIENT_LENGTH`` up-gradient of the field's most up-gradient well (up-gradient
of every well the flow runs down-gradient, so it is crossed once) and, beside a river, the river reach. Along
that boundary the destination of the water (a well, or past the field) changes only at the dividing streamlines,
which run into stagnation points. So:

1. the stagnation points (zeros of W) are found, and from each the two inflow branches are traced backwards
   to the boundary (their ends split the boundary into intervals) and the two outflow branches forwards (into a
   well, past the field, or into another stagnation point: a saddle connection, followed on);
2. three seeds per interval are traced forwards to find where its water goes; an interval whose seeds disagree
   (a dividing streamline was missed) is searched by repeated splitting;
3. the zone of an interval is the polygon bounded by its two limiting streamlines (the inflow branch to the
   stagnation point, then the outflow branch on the interval's side, into the well) and the boundary between them;
   a well's zone is the union of its intervals' polygons, made valid (shapely), and nothing of it beyond a river.

Every path is traced with the vectorised RK4 tracer of core/zones/methods.py, all particles of a stage at once.

Time-of-travel zones (``tot_polygons``): a fan of particles leaves every well (all wells at once) from a small
radius reached in the exact radial travel time, is tracked backwards and recorded at the requested times; one
refinement round adds particles where the fan has opened; each ring is clipped to its well's steady zone.
"""

from __future__ import annotations

import math
from typing import Callable, Optional

import numpy as np

from ...toolbelt import geometry as G
from .methods import AnyStop, Stop, require_positive, track
from .river import RiverStop

#: Seeds per boundary interval (their destinations must agree).
SEEDS_PER_INTERVAL = 3
#: An interval whose seeds disagree is searched by splitting its brackets into SECTIONS parts, SECTION_ROUNDS
#: times (8^7: from a kilometre to a tenth of a millimetre).
SECTIONS = 8
SECTION_ROUNDS = 7
#: Depth of followed saddle connections.
MAX_CONNECTIONS = 6


class WellStop(Stop):
    """Ends particles that come within ``radius`` of a well; ``which[particle] = well``."""

    def __init__(self, zw, radius):
        self.zw = np.asarray(zw, complex)
        self.radius = np.asarray(radius, float)
        self.which: dict = {}

    def __call__(self, z_old, z_new, idx):
        d = np.abs(z_new[:, None] - self.zw[None, :])
        near = d < self.radius[None, :]
        hit = near.any(axis=1)
        for i, k in zip(idx[hit], np.argmax(near[hit], axis=1)):
            self.which[int(i)] = int(k)
        return hit, z_new


class PointStop(Stop):
    """Ends particles within ``radius`` of a stagnation point other than their own (``own[particle]``, -1 none)."""

    def __init__(self, points, radius, own):
        self.points = np.asarray(points, complex)
        self.radius = np.asarray(radius, float)
        self.own = np.asarray(own, int)
        self.which: dict = {}

    def __call__(self, z_old, z_new, idx):
        if not len(self.points):
            return np.zeros(len(idx), bool), z_new
        near = np.abs(z_new[:, None] - self.points[None, :]) < self.radius[None, :]
        near[np.arange(len(idx)), np.clip(self.own[idx], 0, None)] &= self.own[idx] < 0
        hit = near.any(axis=1)
        for i, m in zip(idx[hit], np.argmax(near[hit], axis=1)):
            self.which[int(i)] = int(m)
        return hit, z_new


class LineStop(Stop):
    """Ends particles whose along-flow coordinate passes ``limit`` (sense +1: down-gradient, -1: up-gradient);
    the end point is put on the line."""

    def __init__(self, origin: complex, u: complex, limit: float, sense: float):
        self.o, self.u, self.limit, self.sense = origin, u, limit, sense

    def __call__(self, z_old, z_new, idx):
        s_new = ((z_new - self.o) * np.conj(self.u)).real
        hit = (s_new - self.limit) * self.sense >= 0
        if hit.any():
            s_old = ((z_old - self.o) * np.conj(self.u)).real
            f = np.clip((self.limit - s_old) / np.where(s_new != s_old, s_new - s_old, 1.0), 0.0, 1.0)
            z_new = np.where(hit, z_old + f * (z_new - z_old), z_new)
        return hit, z_new


class _Frame:
    """Along-flow (s) and lateral (p, left positive) coordinates of the field."""

    def __init__(self, o: complex, u: complex):
        self.o, self.u = o, u

    def s(self, z):
        return ((np.asarray(z, complex) - self.o) * np.conj(self.u)).real

    def p(self, z):
        return ((np.asarray(z, complex) - self.o) * np.conj(self.u)).imag

    def world(self, s, p):
        return self.o + self.u * (np.asarray(s, float) + 1j * np.asarray(p, float))


class _Piece:
    """A polyline of the inflow boundary with arc-length parameters; ``offset`` moves seeds off a river."""

    def __init__(self, z: np.ndarray, normal_sign: float = 0.0, offset: float = 0.0):
        self.z = np.asarray(z, complex)
        self.cum = np.r_[0.0, np.cumsum(np.abs(np.diff(self.z)))]
        self.length = float(self.cum[-1])
        self.normal_sign = normal_sign
        self.offset = offset

    def project(self, z) -> tuple:
        """(parameter, distance) of the nearest point of the piece to each of z."""
        z = np.asarray(z, complex).ravel()
        a, b = self.z[:-1], self.z[1:]
        d = b - a
        dd = np.maximum((d * np.conj(d)).real, 1e-300)
        rel = z[:, None] - a[None, :]
        t = np.clip((rel * np.conj(d)).real / dd, 0.0, 1.0)
        dist = np.abs(rel - t * d)
        m = np.argmin(dist, axis=1)
        rows = np.arange(len(z))
        return self.cum[m] + t[rows, m] * np.abs(d[m]), dist[rows, m]

    def at(self, s) -> np.ndarray:
        s = np.clip(np.asarray(s, float), 0.0, self.length)
        m = np.clip(np.searchsorted(self.cum, s, side="right") - 1, 0, len(self.z) - 2)
        seg = self.z[m + 1] - self.z[m]
        f = (s - self.cum[m]) / np.maximum(np.abs(seg), 1e-300)
        pt = self.z[m] + f * seg
        if self.offset:
            pt = pt + self.normal_sign * 1j * seg / np.maximum(np.abs(seg), 1e-300) * self.offset
        return pt

    def tangent(self, s) -> np.ndarray:
        m = np.clip(np.searchsorted(self.cum, np.asarray(s, float), side="right") - 1, 0, len(self.z) - 2)
        seg = self.z[m + 1] - self.z[m]
        return seg / np.maximum(np.abs(seg), 1e-300)

    def between(self, s_hi: float, s_lo: float) -> np.ndarray:
        """The piece's vertices strictly between s_hi and s_lo, from s_hi down to s_lo."""
        inside = (self.cum > s_lo) & (self.cum < s_hi)
        return self.z[inside][::-1]


def _pieces(wf, fr: _Frame, s_close: float, s_down: float, p_lo: float, p_hi: float, eps: float) -> list:
    """The inflow boundary: the closing line (on the wells' side of a river) and the river reach downstream of it."""
    line = fr.world([s_close, s_close], [p_lo, p_hi])
    if wf.river is None:
        return [_Piece(line)]
    from shapely.geometry import LineString

    extent = float(np.hypot(max(abs(p_lo), abs(p_hi)), max(abs(s_close), abs(s_down)))) * 2 + 1.0
    side_poly = wf.river.wells_side_polygon(wf.wells_side, fr.o, extent)
    pieces = []
    cut = LineString(np.column_stack([line.real, line.imag])).intersection(side_poly)
    for g in getattr(cut, "geoms", [cut]):
        if g.geom_type == "LineString" and g.length > 0:
            c = np.asarray(g.coords)
            pieces.append(_Piece(c[:, 0] + 1j * c[:, 1]))
    box = fr.world([s_close, s_down, s_down, s_close, s_close], [p_lo, p_lo, p_hi, p_hi, p_lo])
    rz = wf.river.z
    dense = [rz[:1]]
    for a, b in zip(rz[:-1], rz[1:]):
        k = max(int(math.ceil(abs(b - a) / max(eps * 1e4, 1.0))), 1)
        dense.append(a + (b - a) * np.linspace(0, 1, k + 1)[1:])
    rz = np.concatenate(dense)
    riv = LineString(np.column_stack([rz.real, rz.imag])).intersection(G.polygon(np.column_stack([box.real, box.imag])))
    for g in getattr(riv, "geoms", [riv]):
        if g.geom_type == "LineString" and g.length > 0:
            c = np.asarray(g.coords)
            zc = c[:, 0] + 1j * c[:, 1]
            # seeds start just on the wells' side: the normal to the left of the piece, signed to the wells
            mid = zc[len(zc) // 2] if len(zc) > 2 else 0.5 * (zc[0] + zc[-1])
            tan = (zc[-1] - zc[0]) / max(abs(zc[-1] - zc[0]), 1e-300)
            probe = mid + 1j * tan * eps * 10
            sign = 1.0 if wf.river.side(np.array([probe]))[0] * wf.wells_side > 0 else -1.0
            pieces.append(_Piece(zc, sign, eps))
    return pieces


def steady_zones(wf, upgradient_length: float, cancel: Optional[Callable] = None, progress=None) -> list:
    """The steady capture zone of every well of ``wf`` as a valid shapely MultiPolygon (see the module docstring)."""
    G.require()
    L = require_positive("Up-gradient length", upgradient_length)
    prog = progress or (lambda f: None)
    nw = len(wf.zw)
    fr = _Frame(complex(wf.zw.mean()), wf.u)
    scale = wf.scale()
    xs_tot = float(wf.q.sum() / (2 * math.pi * wf.q0))
    width = float(wf.q.sum() / wf.q0)
    stag = wf.stagnation_points()
    wf.last_stagnation_points = stag
    s_w = fr.s(wf.zw)
    s_close = float(s_w.min()) - L
    s_down = max(float(s_w.max()), float(fr.s(stag).max()) if len(stag) else -np.inf) + max(0.5 * xs_tot, 50.0)
    p_w = fr.p(wf.zw)
    p_lo, p_hi = float(p_w.min()) - 1.2 * width - 10.0, float(p_w.max()) + 1.2 * width + 10.0
    span = float(np.abs(wf.zw - wf.zw.mean()).max()) if nw > 1 else 0.0
    ds = (L + span + xs_tot) / 90.0
    t_max = 20.0 * (L + span + xs_tot) * wf.nb / wf.q0
    near_d = np.full(nw, np.inf)
    if nw > 1:
        dd = np.abs(wf.zw[:, None] - wf.zw[None, :])
        np.fill_diagonal(dd, np.inf)
        near_d = dd.min(axis=1)
    r_cap = np.maximum(np.minimum(0.02 * scale, 0.1 * near_d), 2.0 * wf.rw)
    eps = 1e-6 * float(scale.min())
    pieces = _pieces(wf, fr, s_close, s_down, p_lo, p_hi, eps)
    ns = len(stag)
    st_r = np.array([0.01 * float(scale[np.argmin(np.abs(wf.zw - sp))]) for sp in stag]) if ns else np.zeros(0)

    r_margin = 2e-3 * float(scale.min())  # a dividing streamline creeping into the river ends this close to it

    def river_stop(margin=None):
        return RiverStop(wf.river, wf.wells_side, 0.0 if margin is None else margin) if wf.river is not None else None

    # 1. branches of the stagnation points --------------------------------------------------------------------
    d_in, d_out = np.zeros(ns, complex), np.zeros(ns, complex)
    for j, sp in enumerate(stag):
        d_in[j], d_out[j] = wf.directions(sp)
    sgn = np.tile([1.0, -1.0], ns)
    sid = np.repeat(np.arange(ns), 2)
    in_paths, in_end = [], []
    out_paths, out_end = {}, {}
    if ns:
        e_start = 1e-3 * st_r[sid]  # 1e-5 stagnation distances from the point, along the branch
        pstop = PointStop(stag, st_r, sid)
        z_start = stag[sid] + sgn * e_start * d_in[sid]
        margin = None
        if wf.river is not None:  # not for branches that start on the river (a point where it turns losing)
            margin = np.minimum(r_margin, 0.5 * np.abs(wf.river.side(z_start)))
        stop = AnyStop(LineStop(fr.o, fr.u, s_close, -1.0), river_stop(margin), pstop)
        res = track(wf.velocity, z_start, direction=-1.0, stop=stop, ds_max=ds,
                    record_paths=True, max_steps=6000, cancel=cancel, t_max=t_max)  # fmt: skip
        for b in range(2 * ns):
            pth = res.paths[b]
            if b in pstop.which:
                in_end.append(("stag", pstop.which[b]))
            elif res.stopped[b]:
                in_end.append(("boundary", None))
            else:
                in_end.append(("none", None))
            in_paths.append(pth)
        prog(0.3)
        wstop = WellStop(wf.zw, r_cap)
        pstop2 = PointStop(stag, st_r, sid)
        stop = AnyStop(wstop, pstop2, LineStop(fr.o, fr.u, s_down, 1.0), river_stop())
        res = track(wf.velocity, stag[sid] + sgn * e_start * d_out[sid], direction=1.0, stop=stop, ds_max=ds,
                    record_paths=True, max_steps=6000, cancel=cancel, t_max=t_max)  # fmt: skip
        for b in range(2 * ns):
            key = (int(sid[b]), float(sgn[b]))
            out_paths[key] = res.paths[b]
            if b in wstop.which:
                out_end[key] = ("well", wstop.which[b])
            elif b in pstop2.which:
                out_end[key] = ("stag", pstop2.which[b])
            else:
                out_end[key] = ("away", None)
    prog(0.45)

    def compose(b: int, left: bool):
        """Forward path from the boundary end of inflow branch b through its stagnation point onwards on the
        given side; (path, destination well or -1)."""
        j = int(sid[b])
        path = [in_paths[b][::-1], [stag[j]]]
        arrive = -sgn[b] * d_in[j]
        for _ in range(MAX_CONNECTIONS):
            o = d_out[j] if ((d_out[j] * np.conj(arrive)).imag > 0) == left else -d_out[j]
            key = (j, 1.0 if abs(o - d_out[j]) < 1e-9 else -1.0)
            path.append(out_paths[key])
            kind, where = out_end[key]
            if kind == "well":
                path.append([wf.zw[where]])
                return np.concatenate(path), where
            if kind != "stag":
                return np.concatenate(path), -1
            last = out_paths[key]
            arrive = (stag[where] - last[-2]) if len(last) > 1 else d_in[where]
            arrive = arrive / max(abs(arrive), 1e-300)
            path.append([stag[where]])
            j = where
        return np.concatenate(path), -1

    # 2. cuts on the boundary and their intervals ---------------------------------------------------------------
    cuts = []  # per piece: list of [param, kind, data]
    for pc in pieces:
        cuts.append([[0.0, "end", None], [pc.length, "end", None]])
    for b in range(len(in_paths)):
        if in_end[b][0] != "boundary":
            continue
        end = in_paths[b][-1]
        best = min(range(len(pieces)), key=lambda i: pieces[i].project([end])[1][0])
        par, dist = pieces[best].project([end])
        if dist[0] <= max(2.0 * r_margin, 1e-6 * L, 10 * eps):
            cuts[best].append([float(par[0]), "sep", b])
    intervals = []  # (piece, lo cut, hi cut)
    for i, pc in enumerate(pieces):
        cs = sorted(cuts[i], key=lambda c: c[0])
        for lo, hi in zip(cs[:-1], cs[1:]):
            if hi[0] - lo[0] > 1e-9 * max(pc.length, 1.0):
                intervals.append([i, lo, hi])
    fr_seed = (np.arange(SEEDS_PER_INTERVAL) + 0.5) / SEEDS_PER_INTERVAL
    seed_z, ends_z, end_slot = [], [], {}
    for m, (i, lo, hi) in enumerate(intervals):
        seed_z.append(pieces[i].at(lo[0] + fr_seed * (hi[0] - lo[0])))
        for side, cut in ((0, lo), (1, hi)):
            if cut[1] == "end":  # a piece's end is no dividing streamline: its own path bounds the interval
                end_slot[(m, side)] = len(ends_z)
                ends_z.append(pieces[i].at(np.array([cut[0]])))
    if not intervals:
        return [G.empty() for _ in range(nw)]

    def forward(z0):
        ws = WellStop(wf.zw, r_cap)
        st = AnyStop(ws, LineStop(fr.o, fr.u, s_down, 1.0), river_stop())
        r = track(wf.velocity, z0, direction=1.0, stop=st, ds_max=ds, record_paths=True, max_steps=8000,
                  cancel=cancel, t_max=t_max)  # fmt: skip
        dest = np.array([ws.which.get(k, -1) for k in range(len(z0))])
        paths = [np.concatenate([p, [wf.zw[d]]]) if d >= 0 else p for p, d in zip(r.paths, dest)]
        return dest, paths

    z_all = np.concatenate(seed_z + ends_z)
    dest_all, path_all = forward(z_all)
    n_int = len(intervals)
    k_seed = SEEDS_PER_INTERVAL * n_int
    seed_dest = dest_all[:k_seed].reshape(n_int, SEEDS_PER_INTERVAL)
    end_paths = [
        tuple(path_all[k_seed + end_slot[(m, side)]] if (m, side) in end_slot else None for side in (0, 1))
        for m in range(n_int)
    ]
    prog(0.7)

    # 3. polygons ----------------------------------------------------------------------------------------------
    polys: list = [[] for _ in range(nw)]
    todo = []  # (piece, lo param, hi param, dest lo, dest hi) pieces of intervals to bisect

    def bound(pc, cut, dest, upper_side: bool, end_path):
        """The limiting path at a cut for the interval on its upper (True) or lower side."""
        if cut[1] == "sep":
            b = cut[2]
            v, _ = wf.velocity(np.array([in_paths[b][-1]]))
            t_b = complex(pc.tangent(np.array([cut[0]]))[0])
            left = ((t_b if upper_side else -t_b) * np.conj(v[0])).imag > 0
            path, d = compose(b, bool(left))
            if d == dest:
                return path
            return None
        return end_path if end_path is not None and len(end_path) and np.isclose(end_path[-1], wf.zw[dest]) else None

    for m, (i, lo, hi) in enumerate(intervals):
        pc = pieces[i]
        ds_m = seed_dest[m]
        if np.all(ds_m == ds_m[0]):
            d = int(ds_m[0])
            if d < 0:
                continue
            p_lo_path = bound(pc, lo, d, True, end_paths[m][0])
            p_hi_path = bound(pc, hi, d, False, end_paths[m][1])
            if p_lo_path is None or p_hi_path is None:
                todo.append((i, lo[0], hi[0], m))
                continue
            ring = np.concatenate([p_lo_path, p_hi_path[::-1], pc.between(hi[0], lo[0])])
            polys[d].append(ring)
        else:
            todo.append((i, lo[0], hi[0], m))
    if todo:
        _bisect_intervals(todo, pieces, forward, polys)
    prog(0.9)
    zones = [G.multipolygon([np.column_stack([r.real, r.imag]) for r in rings]) for rings in polys]
    zones = _disjoint(zones)
    if wf.river is not None:  # nothing beyond the model's river line nor beyond the river as given
        extent = float(np.abs(np.array([p_lo, p_hi, L + span + xs_tot])).max()) * 3
        for riv in {id(r): r for r in (wf.river, getattr(wf, "river_input", None)) if r is not None}.values():
            side_sign = float(np.sign(riv.side(wf.zw[:1])[0]))
            side = riv.wells_side_polygon(side_sign, fr.o, extent)
            zones = [G.intersection(z, side) for z in zones]
    prog(1.0)
    return zones


def _bisect_intervals(todo, pieces, forward, polys) -> None:
    """Intervals whose seeds disagree or whose limiting streamlines were not found: dense seeds, then bisection
    between neighbours with different destinations; each run of one destination becomes a polygon bounded by the
    paths of its outermost seeds (an approximation of the dividing streamline within the bisection tolerance)."""
    dense = 24
    params, owners = [], []
    for t, (_i, a, b, _m) in enumerate(todo):
        params.append(np.linspace(a, b, dense))
        owners.append(np.full(dense, t))
    params = np.concatenate(params)
    owners = np.concatenate(owners)
    z0 = np.concatenate([pieces[todo[t][0]].at(params[owners == t]) for t in range(len(todo))])
    dest, paths = forward(z0)
    pts = [list(zip(params[owners == t], dest[owners == t], [paths[k] for k in np.nonzero(owners == t)[0]]))
           for t in range(len(todo))]  # fmt: skip
    for _ in range(SECTION_ROUNDS):  # each round splits every bracket into SECTIONS parts, all at once
        new = []
        for t, lst in enumerate(pts):
            for k in range(len(lst) - 1):
                (pa, da, _), (pb, db, _) = lst[k], lst[k + 1]
                if da != db and pb - pa > 1e-7 * max(pieces[todo[t][0]].length, 1.0):
                    new += [(t, pa + (pb - pa) * f / SECTIONS) for f in range(1, SECTIONS)]
        if not new or len(new) > 2000:
            break
        z0 = np.array([pieces[todo[t][0]].at(np.array([p]))[0] for t, p in new])
        dn, pn = forward(z0)
        for (t, p), d, path in zip(new, dn, pn):
            pts[t].append((p, int(d), path))
        for lst in pts:
            lst.sort(key=lambda e: e[0])
    for t, lst in enumerate(pts):
        pc = pieces[todo[t][0]]
        k = 0
        while k < len(lst):
            j = k
            while j + 1 < len(lst) and lst[j + 1][1] == lst[k][1]:
                j += 1
            d = lst[k][1]
            if d >= 0 and j > k:
                ring = np.concatenate([lst[k][2], lst[j][2][::-1], pc.between(lst[j][0], lst[k][0])])
                polys[d].append(ring)
            k = j + 1


def _disjoint(zones: list) -> list:
    """Remove from each zone what earlier zones already cover (numerical slivers along shared streamlines)."""
    out = []
    covered = None
    for z in zones:
        if covered is not None and not z.is_empty and z.intersects(covered):
            inter = z.intersection(covered).area
            if inter > 0:
                z = G.difference(z, covered)
        out.append(z)
        if not z.is_empty:
            covered = z if covered is None else covered.union(z)
    return out


# ----------------------------------------------------------------------------------------------------------------
# Time of travel
# ----------------------------------------------------------------------------------------------------------------
def tot_polygons(wf, days, steady: list, particles: int = 48, cancel=None, progress=None) -> list:
    """Time-of-travel polygons [well][day] (valid MultiPolygons), each clipped to its well's steady zone."""
    G.require()
    days = np.sort(np.asarray([require_positive("Travel time", d) for d in days], float))
    nw = len(wf.zw)
    r_rad = np.sqrt(wf.q * days[0] / (math.pi * wf.nb))
    near_d = np.full(nw, np.inf)
    if nw > 1:
        dd = np.abs(wf.zw[:, None] - wf.zw[None, :])
        np.fill_diagonal(dd, np.inf)
        near_d = dd.min(axis=1)
    if wf.river is not None:
        near_d = np.minimum(near_d, 2.0 * np.abs(wf.river.side(wf.zw)))
    r0 = np.maximum(np.minimum.reduce([0.02 * wf.scale(), 0.05 * near_d, 0.2 * r_rad]), wf.rw)
    t0 = math.pi * wf.nb * r0**2 / wf.q
    r_max = np.sqrt(wf.q * days[-1] / (math.pi * wf.nb))
    v_reg = wf.q0 / wf.nb
    extent = np.maximum(r_max, np.minimum(v_reg * days[-1], 10 * r_max))
    stop = RiverStop(wf.river, wf.wells_side) if wf.river is not None else None

    def run(owner, ang):
        z0 = wf.zw[owner] + r0[owner] * np.exp(1j * ang)
        res = track(wf.velocity, z0, times=days, t0=t0[owner], stop=stop, ds_max=extent[owner] / 40.0,
                    cancel=cancel)  # fmt: skip
        return res.positions

    ang = np.tile(np.linspace(0, 2 * np.pi, particles, endpoint=False), nw)
    owner = np.repeat(np.arange(nw), particles)
    pos = run(owner, ang)
    if progress:
        progress(0.6)
    # one refinement round: a particle between neighbours that ended far apart (relative to the ring)
    add_o, add_a = [], []
    for w in range(nw):
        last = pos[owner == w, -1]
        gaps = np.abs(np.roll(last, -1) - last)
        limit = 3.0 * float(np.median(gaps)) + 1e-9
        for k in np.nonzero(gaps > limit)[0]:
            a0 = ang[owner == w][k]
            step = 2 * np.pi / particles
            for f in (0.25, 0.5, 0.75):
                add_o.append(w)
                add_a.append(a0 + f * step)
    if add_o:
        add_o, add_a = np.array(add_o), np.array(add_a)
        pos2 = run(add_o, add_a)
        owner = np.concatenate([owner, add_o])
        ang = np.concatenate([ang, add_a])
        pos = np.concatenate([pos, pos2])
    out = []
    for w in range(nw):
        sel = np.nonzero(owner == w)[0]
        sel = sel[np.argsort(ang[sel], kind="stable")]
        per_day = []
        for k in range(len(days)):
            z = pos[sel, k]
            ring = G.clean(G.polygon(np.column_stack([z.real, z.imag])))
            if per_day:  # water that arrives within a shorter time also arrives within a longer one
                ring = G.union([ring, per_day[-1]])
            per_day.append(G.intersection(ring, steady[w]) if not steady[w].is_empty else ring)
        out.append(per_day)
    if progress:
        progress(1.0)
    return out
