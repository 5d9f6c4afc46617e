"""Trend tests for water-quality time series: Mann–Kendall (with tie correction) and Sen's slope.

Pure numpy. The test statistic, its variance with the tie correction and the normal approximation with continuity
correction follow Mann (1945), Kendall (1975) and Gilbert (1987, "Statistical Methods for Environmental Pollution
Monitoring", §16.4); Sen's slope is Sen (1968), the median of all pairwise slopes. The tests cross-check against
scipy.stats.kendalltau / theilslopes.

Non-detects (:func:`censored_trend`): every value of a series below the highest detection limit of its non-detects
is censored at that limit — non-detects and detected values below it alike become one tie below it (Helsel 2012,
"Statistics for Censored Environmental Data Using Minitab and R", 2nd ed., §12: re-censoring at the highest
reporting limit, so that a falling or rising detection limit cannot make a trend). Censored values enter Sen's
slope at half the limit. A series with more than ``max_censored`` (default half) of its values censored is reported
as "insufficient data", never as a trend.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

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
    n_censored: int = 0  # values censored at ``censor_level`` (non-detects and detects below it)
    censor_level: float = float("nan")  # the highest detection limit of the series' non-detects


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


#: largest share of censored values a series may have and still be tested: a choice of this plugin (a series mostly
#: below its highest detection limit has too few ranks to test; no standard fixes the share), editable
MAX_CENSORED = 0.5


def censored_trend(
    times,
    values,
    below_detection,
    detection_limits,
    alpha: float = 0.05,
    min_n: int = 4,
    max_censored: float = MAX_CENSORED,
) -> TrendResult:
    """Mann–Kendall and Sen's slope of a series with non-detects, censored at the highest detection limit (see the
    module docstring). ``values`` are NaN (or anything) for non-detects; ``detection_limits`` NaN where unknown (a
    non-detect without a limit is censored at the highest known one, or at 0 when none is known)."""
    t = np.asarray(times, dtype=float)
    x = np.asarray(values, dtype=float).copy()
    nd = np.asarray(below_detection, dtype=bool)
    dl = np.asarray(detection_limits, dtype=float)
    keep = ~np.isnan(t) & (nd | ~np.isnan(x))
    t, x, nd, dl = t[keep], x[keep], nd[keep], dl[keep]
    known = dl[nd & ~np.isnan(dl)]
    level = float(known.max()) if known.size else (0.0 if nd.any() else float("nan"))
    censored = nd.copy()
    if nd.any():
        censored |= x < level
        x[censored] = level / 2.0  # one tie below the limit
    n, n_cens = int(x.size), int(censored.sum())
    if n and n_cens > max_censored * n:
        return TrendResult(
            n, 0, 0.0, 0.0, 1.0, 0.0, float("nan"), float("nan"), "insufficient data", False, n_cens, level
        )
    r = mann_kendall(t, x, alpha=alpha, min_n=min_n)
    return replace(r, n_censored=n_cens, censor_level=level)
