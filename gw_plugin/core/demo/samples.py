"""Water quality of the demo city (core/demo/): quarterly GB/T 14848-2017 samples 2020-2024 of every sampled
well and their laboratory results, with well-level background, trends and plumes from the pollution sources.
"""

from __future__ import annotations

import csv
import math

import numpy as np

from ...toolbelt.paths import resource
from . import names as N
from .builder import CREATED_BY, FIXED_TIMESTAMP, Builder, uuids
from .rasters import FARMLAND, INDUSTRIAL, URBAN

YEARS = (2020, 2021, 2022, 2023, 2024)


# ---------------------------------------------------------------------------------------------------------------
# GB/T 14848-2017 reference table
# ---------------------------------------------------------------------------------------------------------------
def read_gbt14848(path: str | None = None) -> dict:
    """indicator_cn -> row dict of the plugin's copy of the GB/T 14848-2017 table (comment lines skipped)."""
    path = str(path or resource("reference", "gbt14848_2017.csv"))
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return {row["indicator_cn"]: row for row in csv.DictReader(lines)}


# (median, well spread, sample spread (log), detection limit, significant digits, method)
# Detection limits are typical of the cited methods; they are demo data, not a reference.
_PARAMS = {
    "pH": (7.55, 0.18, 0.12, None, 3, "HJ 1147-2020 电极法"),
    "总硬度": (330.0, 0.25, 0.06, 5.0, 3, "GB/T 7477-1987 EDTA滴定法"),
    "溶解性总固体": (620.0, 0.22, 0.06, 4.0, 3, "GB/T 5750.4-2006 称量法"),
    "硫酸盐": (110.0, 0.35, 0.08, 0.018, 3, "HJ 84-2016 离子色谱法"),
    "氯化物": (70.0, 0.40, 0.08, 0.007, 3, "HJ 84-2016 离子色谱法"),
    "铁": (0.06, 0.90, 0.35, 0.01, 2, "HJ 700-2014 ICP-MS"),
    "锰": (0.02, 1.00, 0.35, 0.001, 2, "HJ 700-2014 ICP-MS"),
    "耗氧量": (1.1, 0.35, 0.15, 0.5, 2, "GB/T 11892-1989 高锰酸盐指数"),
    "氨氮": (0.07, 0.80, 0.35, 0.025, 2, "HJ 535-2009 纳氏试剂分光光度法"),
    "亚硝酸盐": (0.008, 1.00, 0.45, 0.003, 2, "HJ 84-2016 离子色谱法"),
    "硝酸盐": (4.0, 0.55, 0.15, 0.016, 3, "HJ 84-2016 离子色谱法"),
    "氟化物": (0.55, 0.35, 0.10, 0.006, 2, "HJ 84-2016 离子色谱法"),
    "砷": (0.0012, 0.80, 0.25, 0.0003, 2, "HJ 694-2014 原子荧光法"),
    "铬（六价）": (0.002, 0.60, 0.35, 0.004, 2, "GB/T 7467-1987 二苯碳酰二肼分光光度法"),
    "钠": (85.0, 0.40, 0.08, 0.03, 3, "HJ 776-2015 ICP-OES"),
    "菌落总数": (18.0, 0.90, 0.60, 1.0, 2, "HJ 1000-2018 平皿计数法"),
    "汞": (0.00003, 0.70, 0.40, 0.00004, 2, "HJ 694-2014 原子荧光法"),
    "镉": (0.00006, 0.80, 0.40, 0.00005, 2, "HJ 700-2014 ICP-MS"),
    "铅": (0.0015, 0.90, 0.40, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "锌": (0.015, 1.00, 0.40, 0.001, 2, "HJ 700-2014 ICP-MS"),
    "镍": (0.0018, 0.80, 0.35, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "铜": (0.0025, 0.80, 0.35, 0.0001, 2, "HJ 700-2014 ICP-MS"),
    "挥发性酚类": (0.0002, 0.70, 0.40, 0.0003, 2, "HJ 503-2009 4-氨基安替比林分光光度法"),
    "氰化物": (0.0008, 0.70, 0.40, 0.002, 2, "HJ 484-2009 容量法和分光光度法"),
    "三氯甲烷": (0.5, 1.00, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "四氯化碳": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "苯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "甲苯": (0.15, 0.60, 0.40, 0.3, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "三氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "四氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "1,2-二氯乙烷": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "氯乙烯": (0.1, 0.60, 0.40, 0.5, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "1,1-二氯乙烯": (0.1, 0.60, 0.40, 0.4, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
    "二氯甲烷": (0.15, 0.60, 0.40, 0.5, 2, "HJ 639-2012 吹扫捕集/气相色谱-质谱法"),
}
#: Measured in every sample.
_CORE = ("pH", "总硬度", "溶解性总固体", "硫酸盐", "氯化物", "铁", "锰", "耗氧量", "氨氮", "亚硝酸盐", "硝酸盐",
         "氟化物", "砷", "铬（六价）", "钠", "菌落总数")  # fmt: skip
#: Once a year (twice at wells watching pollution sources).
_METALS = ("汞", "镉", "铅", "锌", "镍", "铜", "挥发性酚类", "氰化物")
#: Once a year (twice at wells watching pollution sources).
_VOCS = (
    "三氯甲烷",
    "四氯化碳",
    "苯",
    "甲苯",
    "三氯乙烯",
    "四氯乙烯",
    "1,2-二氯乙烷",
    "氯乙烯",
    "1,1-二氯乙烯",
    "二氯甲烷",
)
_SOURCE_WATCH_TYPES = ("eia_tracking", "enterprise_land", "pollution_source")


def _fmt(v: float, sig: int) -> str:
    """A value with ``sig`` significant digits, written the way laboratories write it (no exponent)."""
    if v <= 0:
        return "0"
    d = max(0, min(7, sig - 1 - int(math.floor(math.log10(v)))))
    return f"{v:.{d}f}"


def _qualifier(text: str) -> str:
    """The qualifier a non-detect's text carries, as sample_results.qualifier stores it."""
    if text.startswith("<"):
        return "<"
    return "L" if text.endswith("L") else "ND"


def _fmt_dl(v: float) -> str:
    return f"{v:.7f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------------------------------------------
# Water quality
# ---------------------------------------------------------------------------------------------------------------
def make_samples(b: Builder, ref: dict, run):
    """Quarterly samples 2020-2024 of every sampled well and their results (lists of tuples for sqlite3).

    ``run`` is the build's progress and cancellation (build.py): it is checked between parameters."""
    rng = b.rng_samples
    geo = b.geo
    wells = [w for w in b.rows["monitoring_wells"] if w["status"] != "planned"]
    nw = len(wells)
    wx = np.array([w["geom"].GetX() for w in wells])
    wy = np.array([w["geom"].GetY() for w in wells])
    layer = np.array([w["aquifer_layer"] for w in wells])
    lu = b.place.lu(wx, wy)
    phreatic = layer == "phreatic"
    confined = np.isin(layer, ("shallow_confined", "deep_confined"))
    hills = np.isin(layer, ("karst", "fissure"))
    # How strongly a plume at the surface reaches the screen: phreatic fully, confined barely.
    reach = np.select([phreatic, layer == "shallow_confined", layer == "deep_confined"], [1.0, 0.08, 0.01], 0.3)

    def dist_to(cats=None, points=None):
        if points is None:
            pts = [(s["geom"].GetX(), s["geom"].GetY()) for s in b.rows["pollution_sources"] if s["category"] in cats]
            points = np.array(pts) if pts else np.array([[1e12, 1e12]])
        d = np.hypot(wx[:, None] - points[None, :, 0], wy[:, None] - points[None, :, 1])
        return d.min(axis=1)

    d_chem = dist_to(points=np.array([b.geo.chem_center]))
    d_chem_src = dist_to(("chemical",))
    d_chem = np.minimum(d_chem, d_chem_src + 600)
    d_ep = np.minimum(dist_to(points=np.array([b.geo.ep_center])), dist_to(("electroplating",)) + 300)
    d_lf = dist_to(("landfill", "hazardous_waste"))
    d_gas = dist_to(("gas_station",))
    d_farm = dist_to(("livestock_farm",))
    d_tail = dist_to(("tailings_pond", "mining_area"))
    d_river = geo.sample_raster(b.r["_d_river"], wx, wy)
    farmland = lu == FARMLAND
    # Quarter grid: 2020Q1 .. 2024Q4, from the quarter after construction; abandoned / suspended wells stop early.
    quarters = [(y, q) for y in YEARS for q in (1, 2, 3, 4)]
    start = np.zeros(nw, int)
    stop = np.full(nw, len(quarters), int)
    for i, w in enumerate(wells):
        if w["built_date"]:
            by, bm = int(w["built_date"][:4]), int(w["built_date"][5:7])
            start[i] = max(0, (by - 2020) * 4 + (bm - 1) // 3 + 1)
        if w["status"] in ("abandoned", "suspended"):
            stop[i] = int(rng.integers(4, 16))
    wi, qi = [], []
    for i in range(nw):
        for k in range(start[i], stop[i]):
            wi.append(i)
            qi.append(k)
    wi = np.array(wi)
    qi = np.array(qi)
    ns = len(wi)
    t = qi / 4.0  # years since 2020-01
    quarter = qi % 4 + 1
    sample_uuids = uuids(b.rng_uuid, ns)
    # Each well is contracted to one laboratory per year.
    lab_of = rng.integers(0, len(N.LABS), size=(nw, len(YEARS)))
    lab = lab_of[wi, qi // 4]
    month = np.array([2, 5, 8, 11])[quarter - 1]
    day = rng.integers(3, 26, ns)
    samples = []
    for k in range(ns):
        w = wells[wi[k]]
        y, q = quarters[qi[k]]
        depth = w["screen_top_m"] + 1.0 if w["screen_top_m"] is not None else None
        samples.append((
            sample_uuids[k], w["county_code"], FIXED_TIMESTAMP, CREATED_BY, FIXED_TIMESTAMP, CREATED_BY,
            w["uuid"], f"{w['well_code']}-{y}Q{q}", f"{y}-{month[k]:02d}-{day[k]:02d}", N.LABS[lab[k]][0],
            round(depth, 1) if depth is not None else None, None, None,  # parallel_of, remarks
        ))  # fmt: skip
    run.step(70)

    watch = np.isin(np.array([w["well_type"] for w in wells]), _SOURCE_WATCH_TYPES)[wi]
    # Well-level random effects (one per parameter and well) and sample noise.
    results_cols = []
    for pname in _CORE + _METALS + _VOCS:
        run.check()
        median, s_well, s_sample, dl, sig, method = _PARAMS[pname]
        if pname in _CORE:
            sel = np.ones(ns, bool)
        elif pname in _METALS:
            sel = (watch & np.isin(quarter, (2, 4))) | (quarter == 4)
        else:
            sel = (watch & np.isin(quarter, (1, 3))) | (quarter == 3)
        idx = np.nonzero(sel)[0]
        w_eff = rng.normal(0, 1, nw)
        noise = rng.normal(0, 1, ns)
        W = wi[idx]
        tt = t[idx]
        qq = quarter[idx]
        if pname == "pH":
            base = 7.55 + np.select([phreatic, confined, hills], [-0.05, 0.1, 0.15], 0.0)
            v = base[W] + s_well * w_eff[W] + s_sample * noise[idx]
            v = np.where(rng.random(len(idx)) < 0.995, np.clip(v, 6.8, 8.4), v)
        else:
            lm = np.full(nw, math.log(median))
            lm += (
                np.select([confined, hills], [-0.25, 0.0], 0.0)
                if pname in ("总硬度", "溶解性总固体", "钠", "氯化物")
                else 0.0
            )
            if pname in ("铁", "锰"):
                lm += np.where(confined, 0.9, 0.0)  # reducing conditions in the confined aquifers
            if pname == "总硬度":
                lm += np.where(layer == "karst", 0.2, 0.0)
            if pname == "氟化物":
                lm += np.where((d_river < 8000) & ~hills, 0.35, 0.0)  # high-fluoride belt along the old river course
            if pname == "砷":
                lm += np.where(layer == "deep_confined", 0.7, 0.0)
            if pname == "硝酸盐":
                lm = np.log(np.select(
                    [phreatic & farmland, phreatic & (lu == URBAN), phreatic, hills, layer == "shallow_confined"],
                    [9.0, 6.0, 4.0, 3.5, 1.8], 1.0))  # fmt: skip
                lm += np.where(d_river < 1500, -0.8, 0.0)  # river water dilutes the bank-side wells
            if pname == "氨氮":
                lm += np.where(phreatic & (lu == URBAN), 0.5, 0.0)
            if pname == "三氯甲烷":
                lm += np.where(np.isin(lu, (URBAN, INDUSTRIAL)), 0.8, 0.0)
            mu = lm[W] + s_well * w_eff[W] + s_sample * noise[idx]
            if pname == "硝酸盐":
                # Rising nitrate under farmland (fertiliser), higher after the summer rains.
                mu += np.where(phreatic[W] & farmland[W], 0.065 * tt, 0.01 * tt) + np.where(qq == 3, 0.08, 0.0)
            v = np.exp(mu)
            v = v + _plumes(pname, W, tt, rng, reach, d_chem, d_ep, d_lf, d_gas, d_farm, d_tail)
        unit = ref[pname]["unit"]
        results_cols.append((pname, idx, v, dl, sig, method, unit))
    run.step(80)

    # Assemble rows, ordered like a laboratory report: sample by sample, parameters in a fixed order.
    n_res = sum(len(c[1]) for c in results_cols)
    res_uuids = uuids(b.rng_uuid, n_res)
    keyed = []
    county = [w["county_code"] for w in wells]
    for p_order, (pname, idx, v, dl, sig, method, unit) in enumerate(results_cols):
        for j, val in zip(idx.tolist(), v.tolist()):
            if pname == "pH":
                text = f"{val:.2f}"
                row = (text, float(text), 0, None)
            elif dl is not None and val < dl:
                style = N.LABS[lab[j]][1]
                row = (style.format(dl=_fmt_dl(dl)), None, 1, dl)
            else:
                text = _fmt(val, 3 if val >= 1 else sig) if pname != "菌落总数" else str(int(round(val)))
                row = (text, float(text), 0, dl)
            keyed.append((j, p_order, county[wi[j]], sample_uuids[j], pname, row, unit, method))
    keyed.sort(key=lambda r: (r[0], r[1]))
    # what the lab wrote beside the normalised value: the unit, the basis of the nitrogen species (the standard's,
    # 以N计) and the qualifier of a non-detect as the lab's style writes it ("0.004L" → L, "<0.004" → <, "ND")
    basis = {"硝酸盐": "以N计", "亚硝酸盐": "以N计", "氨氮": "以N计"}
    rows = [
        (uuid, cc, FIXED_TIMESTAMP, CREATED_BY, FIXED_TIMESTAMP, CREATED_BY, su, pname, row[0], row[1], unit, row[2],
         row[3], method, unit, basis.get(pname), _qualifier(row[0]) if row[2] else None)
        for uuid, (_, _, cc, su, pname, row, unit, method) in zip(res_uuids, keyed)
    ]  # fmt: skip
    return samples, rows


def _plumes(pname, W, tt, rng, reach, d_chem, d_ep, d_lf, d_gas, d_farm, d_tail):
    """Concentrations added by pollution sources (same unit as the parameter), decaying with distance.

    Time (``tt``, years since 2020) tells two stories for trend tools: the solvent plume of the chemical park
    slowly grows, and Cr(VI) from electroplating falls after the anti-seepage retrofits of mid-2022."""
    n = len(W)
    jitter = np.exp(rng.normal(0, 0.35, n))
    r = reach[W]
    add = np.zeros(n)

    def plume(c0, d, length):
        return c0 * np.exp(-d[W] / length) * r * jitter

    chem = {"三氯乙烯": 160.0, "四氯乙烯": 60.0, "1,2-二氯乙烷": 45.0, "氯乙烯": 9.0, "1,1-二氯乙烯": 14.0,
            "二氯甲烷": 30.0, "苯": 9.0, "甲苯": 45.0, "三氯甲烷": 25.0, "四氯化碳": 3.5, "挥发性酚类": 0.015}  # fmt: skip
    if pname in chem:
        add += plume(chem[pname], d_chem, 1000.0) * np.exp(0.05 * tt)
    ep = {"铬（六价）": 0.25, "镍": 0.09, "铜": 0.25, "锌": 0.6, "氰化物": 0.04, "镉": 0.004}
    if pname in ep:
        add += plume(ep[pname], d_ep, 700.0) * np.exp(-0.3 * np.clip(tt - 2.5, 0.0, None))
    lf = {"氨氮": 4.5, "氯化物": 260.0, "耗氧量": 5.0, "硫酸盐": 120.0, "总硬度": 180.0, "溶解性总固体": 700.0,
          "钠": 140.0, "菌落总数": 300.0, "铁": 0.8, "锰": 0.6}  # fmt: skip
    if pname in lf:
        add += plume(lf[pname], d_lf, 700.0)
    gas = {"苯": 7.0, "甲苯": 20.0}
    if pname in gas:
        add += plume(gas[pname], d_gas, 250.0)
    farm = {"氨氮": 1.2, "硝酸盐": 12.0, "菌落总数": 400.0}
    if pname in farm:
        add += plume(farm[pname], d_farm, 400.0)
    tail = {"铅": 0.03, "镉": 0.004, "锌": 0.5, "砷": 0.02, "硫酸盐": 200.0}
    if pname in tail:
        add += plume(tail[pname], d_tail, 800.0)
    return add
