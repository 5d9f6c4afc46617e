"""The demo city's water levels (issue 18): quarterly manual rounds 2022–2024 at every active well and daily logger
readings in 2024 at three phreatic wells, from a head field that falls towards the river (so the flow field points at
it), with a seasonal swing (lowest before the summer rains) and a little measurement noise.

Its own random stream (seed, 18): adding the levels leaves every other table of the demo unchanged.
"""

from __future__ import annotations

import datetime as _dt

import numpy as np

from ..data import schema as S
from .builder import CREATED_BY, FIXED_TIMESTAMP, Builder, uuids

GRADIENT = 0.0015  # towards the river, m/m: a plausible gradient for an alluvial plain (demo value, not data)
DEEP_OFFSET_M = 5.0  # deeper layers stand lower (pumping of the deep aquifers)
MIN_DEPTH_M = 1.5  # the water table stays at least this far below ground
QUARTERS = [_dt.date(y, m, 15) for y in (2022, 2023, 2024) for m in (3, 6, 9, 12)]
LOGGER_WELLS = 3


def _season(day: _dt.date) -> float:
    """−1 … +1 over the year: lowest in early June, highest in early December."""
    t = (day.timetuple().tm_yday - 152) / 365.25
    return -np.cos(2 * np.pi * t)


def make_levels(b: Builder, seed: int) -> list:
    """Rows for the water_levels table (tuples in the table's field order)."""
    rng = np.random.default_rng([seed, 18])
    geo = b.geo
    wells = [w for w in b.rows["monitoring_wells"] if w.get("status") == "active" and w.get("ground_elev_m")]
    readings = []  # (well row, datetime, head, method)
    for w in wells:
        x, y = w["geom"].GetX(), w["geom"].GetY()
        ry = float(geo.river_y(x))
        river_level = float(geo.elevation(x, ry)) - 2.0
        deep = w.get("aquifer_layer") in ("shallow_confined", "deep_confined")
        base = river_level + GRADIENT * abs(y - ry) - (DEEP_OFFSET_M if deep else 0.0)
        base = min(base, float(w["ground_elev_m"]) - MIN_DEPTH_M - 1.0)
        amplitude = 0.3 if deep else 0.8
        for day in QUARTERS:
            h = base + amplitude * _season(day) + rng.normal(0, 0.05)
            readings.append((w, _dt.datetime.combine(day, _dt.time(9, 0)), h, "manual"))
    shallow = [w for w in wells if w.get("aquifer_layer") == "phreatic"][:LOGGER_WELLS]
    for w in shallow:
        first = next(r for r in readings if r[0] is w)
        base = first[2] - 0.8 * _season(first[1].date())
        day = _dt.date(2024, 1, 1)
        while day.year == 2024:
            readings.append((w, _dt.datetime.combine(day, _dt.time(8, 0)), base + 0.8 * _season(day)
                             + rng.normal(0, 0.02), "logger"))  # fmt: skip
            day += _dt.timedelta(days=1)
    ids = uuids(rng, len(readings))
    names = [f.name for f in S.table("water_levels").all_fields()]
    rows = []
    for u, (w, when, head, method) in zip(ids, readings):
        ground = float(w["ground_elev_m"])
        head = round(min(head, ground - MIN_DEPTH_M), 2)
        row = {
            "uuid": u,
            "county_code": w["county_code"],
            "created_at": FIXED_TIMESTAMP,
            "created_by": CREATED_BY,
            "updated_at": FIXED_TIMESTAMP,
            "updated_by": CREATED_BY,
            "well_uuid": w["uuid"],
            "measured_at": when.isoformat(),
            "depth_to_water_m": round(ground - head, 2),
            "head_m": head,
            "method": method,
            "measured_by": "市地下水监测站" if method == "manual" else None,
        }
        rows.append(tuple(row.get(n) for n in names))
    return rows
