"""Mann–Kendall / Sen's slope against scipy and hand-worked cases; nitrate hazard quotients by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from gw_plugin.core.wells import health_risk as hr
from gw_plugin.core.wells.trend import mann_kendall


def test_hand_worked_small_series():
    # x = 1, 3, 2, 4 at yearly steps: pairs (i<j) signs: +,+,+,-,+,+ → S = 4; var = 4·3·13/18 = 8.667
    days = np.arange(4) * 365.25
    r = mann_kendall(days, [1, 3, 2, 4])
    assert r.s == 4
    assert r.var_s == pytest.approx(4 * 3 * 13 / 18)
    assert r.z == pytest.approx(3 / math.sqrt(4 * 3 * 13 / 18))
    # pairwise slopes per year: 2, 0.5, 1, -1, 0.5, 2 → median 0.75
    assert r.sen_slope == pytest.approx(0.75)
    assert r.trend == "no trend"  # n = 4 cannot reach p < 0.05


def test_ties_variance_and_scipy_agreement():
    scipy_stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(3)
    for _ in range(20):
        n = int(rng.integers(8, 40))
        x = np.round(rng.normal(size=n) + np.linspace(0, rng.normal(), n), 1)  # rounding creates ties
        days = np.sort(rng.choice(np.arange(4000), size=n, replace=False)).astype(float)
        r = mann_kendall(days, x)
        tau_b, p = scipy_stats.kendalltau(days, x, method="asymptotic")
        # without continuity correction MK's Z equals scipy's tau-b based normal test when times are distinct
        z_nocc = r.s / math.sqrt(r.var_s) if r.var_s else 0.0
        p_nocc = math.erfc(abs(z_nocc) / math.sqrt(2))
        assert p_nocc == pytest.approx(p, rel=1e-6, abs=1e-12)
        ts = scipy_stats.theilslopes(x, days / 365.25)
        assert r.sen_slope == pytest.approx(ts[0], rel=1e-9, abs=1e-12)


def test_detects_a_rising_nitrate_trend():
    days = np.arange(20) * 91.3  # quarterly, 5 years
    x = 8 + 1.2 * days / 365.25 + np.random.default_rng(1).normal(0, 0.3, 20)
    r = mann_kendall(days, x)
    assert r.trend == "increasing" and r.significant and r.p_value < 0.001
    assert r.sen_slope == pytest.approx(1.2, abs=0.15)
    flat = mann_kendall(days, np.full(20, 5.0))
    assert flat.s == 0 and flat.trend == "no trend" and flat.sen_slope == 0


def test_insufficient_and_nan():
    r = mann_kendall([0, 1, 2], [1, 2, 3])
    assert r.trend == "insufficient data"
    r = mann_kendall([0, 365, 730, 1095, 1460], [1, np.nan, 2, 3, 4])
    assert r.n == 4


def test_nitrate_hazard_quotient_by_hand():
    # adult: CDI = 20·1.0·350·24 / (61.8·24·365) = 0.31031 mg/kg/d; HQ = CDI / 1.6
    cdi = 20 * 1.0 * 350 * 24 / (61.8 * 24 * 365)
    assert hr.chronic_daily_intake(20, hr.ADULT) == pytest.approx(cdi)
    assert hr.hazard_quotient(20, hr.ADULT) == pytest.approx(cdi / 1.6)
    # child: 20·0.7·350·6/(19.2·6·365) → HQ ≈ 0.437
    child = 20 * 0.7 * 350 * 6 / (19.2 * 6 * 365) / 1.6
    assert hr.hazard_quotient(20, hr.CHILD) == pytest.approx(child)
    assert hr.risk_level(hr.hazard_quotient(50, hr.CHILD)) == "unacceptable"
    assert hr.risk_level(hr.hazard_quotient(10, hr.ADULT)) == "acceptable"
    with pytest.raises(ValueError):
        hr.hazard_quotient(-1, hr.ADULT)
    custom = hr.Exposure("worker", 70, 2.0, 250, 25)
    assert custom.averaging_time_d == 25 * 365


def test_rising_detection_limits_make_no_trend():
    from gw_plugin.core.wells.trend import censored_trend

    # 12 quarterly non-detects whose detection limit rose from 0.05 to 0.5: at DL/2 Mann–Kendall saw a significant
    # rise (issue 12, p = 0.005); censored at the highest limit all twelve tie → not a trend but "insufficient data"
    days = np.arange(12) * 91.3
    dl = np.linspace(0.05, 0.5, 12)
    naive = mann_kendall(days, dl / 2)
    assert naive.trend == "increasing" and naive.p_value < 0.01  # what the old code reported
    r = censored_trend(days, np.full(12, np.nan), np.ones(12, bool), dl)
    assert r.trend == "insufficient data" and not r.significant
    assert (r.n_censored, r.censor_level) == (12, 0.5)


def test_censoring_keeps_a_real_trend_and_ties_detects_below_the_limit():
    from gw_plugin.core.wells.trend import censored_trend

    days = np.arange(12) * 91.3
    # detects rising from 1 to 12 mg/L, the first two quarters non-detects with DL 0.5 then 2.0 (a lab change):
    # censoring at 2.0 makes the two non-detects and the detect 1.5 < 2.0 one tie; the rise stays significant
    values = np.array([np.nan, np.nan, 1.5, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    nd = np.isnan(values)
    dl = np.where(nd, [0.5, 2.0] + [np.nan] * 10, np.nan)
    r = censored_trend(days, values, nd, dl)
    assert (r.n_censored, r.censor_level) == (3, 2.0)
    # S by hand: the 3 tied censored values are below all 9 detects (3·9 = 27 concordant pairs), the 9 rising
    # detects add 9·8/2 = 36, the tied pairs among the censored add 0: S = 63
    assert r.s == 63 and r.trend == "increasing"
    # 7 of 12 censored (> half): insufficient data
    values2 = np.array([np.nan] * 7 + [3, 4, 5, 6, 7.0])
    nd2 = np.isnan(values2)
    r2 = censored_trend(days, values2, nd2, np.where(nd2, 1.0, np.nan))
    assert r2.trend == "insufficient data" and r2.n_censored == 7
