"""Trend tests for water-quality time series: Mann–Kendall (with tie correction) and Sen's slope.

Pure numpy. The test statistic, its variance with the tie correction and the normal approximation with continuity
correction follow Mann (1945), Kendall (1975) and Gilbert (1987, "Statistical Methods for Environmental Pollution
Monitoring", §16.4); Sen's slope is Sen (1968), the median of all pairwise slopes. The tests cross-check against
scipy.stats.kendalltau / theilslopes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class TrendResult:
    n: int
    s: int  # Mann–Kendall S
    var_s: float
    z: float
    p_value: float  # two-sided
    tau: float  # Kendall's tau-a = S / (n(n-1)/2)
    sen_slope: float  # units per year when times are given in days
    intercept: float
    trend: str  # "increasing" | "decreasing" | "no trend" | "insufficient data"
    significant: bool


def _norm_sf(z: float) -> float:
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def mann_kendall(times, values, alpha: float = 0.05, min_n: int = 4) -> TrendResult:
    """Mann–Kendall test and Sen's slope for ``values`` observed at ``times`` (days; slope reported per year).

    NaN values are dropped. With fewer than ``min_n`` values the result says "insufficient data".
    """
    t = np.asarray(times, dtype=float)
    x = np.asarray(values, dtype=float)
    ok = ~(np.isnan(t) | np.isnan(x))
    t, x = t[ok], x[ok]
    order = np.argsort(t, kind="stable")
    t, x = t[order], x[order]
    n = int(x.size)
    if n < max(min_n, 2):
        return TrendResult(n, 0, 0.0, 0.0, 1.0, 0.0, float("nan"), float("nan"), "insufficient data", False)
    i, j = np.triu_indices(n, k=1)
    dx = x[j] - x[i]
    s = int(np.sign(dx).sum())
    # variance with the correction for tied values (Gilbert 1987, eq. 16.4)
    _, counts = np.unique(x, return_counts=True)
    ties = counts[counts > 1]
    var_s = (n * (n - 1) * (2 * n + 5) - float(np.sum(ties * (ties - 1) * (2 * ties + 5)))) / 18.0
    if var_s <= 0:
        z = 0.0
    elif s > 0:
        z = (s - 1) / math.sqrt(var_s)
    elif s < 0:
        z = (s + 1) / math.sqrt(var_s)
    else:
        z = 0.0
    p = min(1.0, 2.0 * _norm_sf(abs(z)))
    dt = (t[j] - t[i]) / DAYS_PER_YEAR
    valid = dt != 0
    slopes = dx[valid] / dt[valid]
    slope = float(np.median(slopes)) if slopes.size else float("nan")
    years = t / DAYS_PER_YEAR
    intercept = float(np.median(x - slope * years)) if slopes.size else float("nan")
    significant = p < alpha
    if not significant:
        trend = "no trend"
    else:
        trend = "increasing" if s > 0 else "decreasing"
    tau = s / (n * (n - 1) / 2.0)
    return TrendResult(n, s, var_s, z, p, tau, slope, intercept, trend, significant)
