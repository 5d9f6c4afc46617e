"""Wells of the demo city (core/demo/): drinking-water sources with their production wells, monitoring wells of
every type (many of them watching the pollution sources) and abandoned wells.
"""

from __future__ import annotations

import math

import numpy as np

from . import names as N
from .builder import Builder, choice
from .geometry import point
from .rasters import FARMLAND, INDUSTRIAL, URBAN


# -- drinking water sources and wells --
def add_water_sources(b: Builder):
    rng = b.rng_attr
    geo, pl = b.geo, b.place
    not_urban = lambda x, y: ~np.isin(pl.lu(x, y), (URBAN, INDUSTRIAL))  # noqa: E731
    plan = []
    # 1. riverside source on the south bank north of the urban core (city level).
    rx = geo.seats[0][0] + rng.uniform(-3000, 3000)
    ry = float(geo.river_y(rx)) - rng.uniform(900, 1300)
    plan.append(("riverside", "city", "porous", "phreatic", "北郊傍河水源地", "Northern Riverside Source", (rx, ry),
                 "phreatic", 10, (2500, 4500)))  # fmt: skip
    # 2. western well field of the city (city level, confined).
    wx, wy = geo.seats[0][0] - 11000 + rng.uniform(-1500, 1500), geo.seats[0][1] + rng.uniform(-2000, 2000)
    plan.append(("well_field", "city", "porous", "confined", "西郊水源地", "Western Suburb Well Field", (wx, wy),
                 "shallow_confined", 10, (2000, 4000)))  # fmt: skip
    # 3-6. county well fields; 7. karst source in the hills.
    for i in (1, 2, 3, 4):
        sx, sy = geo.seats[i]
        ang = rng.uniform(0, 2 * np.pi)
        cx_, cy_ = sx + 3500 * math.cos(ang), sy + 3500 * math.sin(ang)
        meta = N.COUNTIES[i]
        layer = "phreatic" if i == 1 else "shallow_confined"
        plan.append(("well_field", "county", "porous", "phreatic" if layer == "phreatic" else "confined",
                     f"{meta['short_zh']}县城水源地", f"{meta['short_en']} County Well Field", (cx_, cy_), layer, 6,
                     (1000, 2500)))  # fmt: skip
    hx, hy = pl.near(1, *geo.seats[5], 2500, 7000, where=lambda x, y: geo.hill(x, y) > 0.5)[0]
    plan.append(("karst_spring", "county", "karst", "confined", "西岭岩溶水源地", "Xiling Karst Source", (hx, hy),
                 "karst", 5, (1500, 3500)))  # fmt: skip
    for k, (stype, level, medium, burial, zh_tail, en_tail, (x, y), layer, nwells, qrange) in enumerate(plan, 1):
        if stype == "riverside":
            # a line of wells parallel to the river bank
            xs = x + np.linspace(-2200, 2200, nwells)
            ys = geo.river_y(xs) - (float(geo.river_y(x)) - y) + rng.normal(0, 60, nwells)
            pts = np.round(np.column_stack([xs, ys]), 2)
        else:
            where = (lambda a, b: geo.hill(a, b) > 0.4) if layer == "karst" else not_urban
            pts = pl.near(nwells, x, y, 300, 1600, where=where)
        cc = b.county(float(pts[:, 0].mean()), float(pts[:, 1].mean()))
        prefix = N.CITY["name_zh"] if level == "city" else ""
        prefix_en = N.CITY["name_en"].replace(" City", "") + " " if level == "city" else ""
        rates = np.round(rng.uniform(*qrange, nwells), -1)
        abstraction = float(rates.sum())
        src = b.add(
            "drinking_water_sources",
            point(float(pts[:, 0].mean()), float(pts[:, 1].mean())),
            county_code=cc,
            source_code=f"SY{cc}{k:02d}",
            name_zh=f"{prefix}{zh_tail}",
            name_en=f"{prefix_en}{en_tail}",
            source_type=stype,
            level=level,
            aquifer_medium=medium,
            burial=burial,
            capacity_m3d=float(np.round(abstraction * rng.uniform(1.15, 1.5), -2)),
            abstraction_m3d=abstraction,
            population=int(round(abstraction / 0.16, -2)),  # about 160 L per person and day
            remarks=None,
        )
        for j, ((px, py), q) in enumerate(zip(pts, rates), start=1):
            _add_well(b, "drinking_source", float(px), float(py), layer=layer, status="active",
                      source=src, pumping=float(q), serial=j, name_tail=(f"{j}号开采井", f"production well {j}"))  # fmt: skip
        # one observation well up-gradient (west) of the field
        ox, oy = pl.near(1, float(pts[:, 0].mean()) - 1500, float(pts[:, 1].mean()), 0, 500)[0]
        _add_well(b, "drinking_source", float(ox), float(oy), layer=layer, status="active", source=src,
                  pumping=None, serial=nwells + 1, name_tail=("水源地监测井", "source monitoring well"))  # fmt: skip


def add_monitoring_wells(b: Builder):
    rng = b.rng_attr
    pl = b.place
    # National project wells (layered), assessment points and status survey wells: spread over the city.
    for x, y in pl.uniform(62):
        _add_well(b, "national_project", x, y, layer=None)
    for x, y in pl.uniform(18):
        _add_well(b, "assessment_point", x, y, layer=None)
    for x, y in pl.uniform(70):
        _add_well(b, "status_survey", x, y, layer="phreatic_mostly")
    # Wells watching pollution sources, down-gradient (east) of them.
    srcs = b.rows["pollution_sources"]
    per_cat = {
        "chemical": [("pollution_source", 1, 80, 500), ("enterprise_land", 1, 30, 200), ("eia_tracking", 0.4, 200, 900)],
        "electroplating": [("pollution_source", 1, 60, 450), ("enterprise_land", 1, 30, 200)],
        "landfill": [("pollution_source", 3, 150, 700), ("eia_tracking", 1, 300, 1000)],
        "hazardous_waste": [("pollution_source", 2, 100, 500), ("eia_tracking", 1, 200, 800)],
        "tailings_pond": [("pollution_source", 1, 100, 600)],
        "gas_station": [("pollution_source", 0.2, 20, 120)],
        "livestock_farm": [("pollution_source", 0.25, 50, 300)],
        "industrial_park": [("eia_tracking", 3, 800, 2500)],
        "other": [("enterprise_land", 0.5, 30, 200)],
        "mining_area": [("eia_tracking", 1, 300, 1500)],
    }  # fmt: skip
    for src in srcs:
        for wtype, count, r0, r1 in per_cat.get(src["category"], []):
            n = int(count) + int(rng.random() < (count - int(count)))
            if n == 0:
                continue
            p = src["geom"]
            for x, y in pl.near(n, p.GetX(), p.GetY(), r0, r1, east_bias=1.0):
                _add_well(b, wtype, x, y, layer="source_watch", near=src)


def _add_well(b: Builder, wtype, x, y, layer=None, status=None, source=None, pumping=None, serial=None, near=None,
              name_tail=None):  # fmt: skip
    rng = b.rng_attr
    geo = b.geo
    x, y = float(x), float(y)
    cc = b.county(x, y)
    hill = float(geo.hill(x, y))
    in_hills = hill > 0.5
    if layer in (None, "phreatic_mostly", "source_watch"):
        if in_hills:
            layer = "karst" if bool(geo.karst(x, y)) else "fissure"
        elif layer == "phreatic_mostly":
            layer = choice(rng, ["phreatic", "shallow_confined"], [8, 2])
        elif layer == "source_watch":
            layer = choice(rng, ["phreatic", "shallow_confined"], [9, 1])
        else:
            layer = choice(rng, ["phreatic", "shallow_confined", "deep_confined"], [5, 3, 2])
    # Depths (m): phreatic 10-60, confined 80-300 (middle-deep 80-200, deep 200-300), karst / fissure in the hills.
    depth = {
        "phreatic": rng.uniform(15, 60),
        "shallow_confined": rng.uniform(80, 200),
        "deep_confined": rng.uniform(200, 300),
        "karst": rng.uniform(150, 450),
        "fissure": rng.uniform(60, 220),
    }[layer]
    if layer == "phreatic" and wtype in ("pollution_source", "enterprise_land"):
        depth = rng.uniform(12, 35)
    depth = round(float(depth), 1)
    screen_top = round(depth * (0.35 if layer == "phreatic" else 0.6), 1)
    screen_bottom = round(depth - rng.uniform(1, 5), 1)
    elev = round(float(geo.elevation(x, y)), 2)
    if status is None:
        status = choice(rng, ["active", "damaged", "suspended", "planned", "abandoned"], [86, 5, 4, 3, 2])
    built = None
    if status != "planned":
        year = int(rng.choice([2006, 2010, 2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023],
                              p=[0.05, 0.1, 0.15, 0.2, 0.15, 0.1, 0.1, 0.07, 0.05, 0.03]))  # fmt: skip
        if wtype == "national_project":
            year = int(rng.choice([2018, 2019]))  # the national project's wells were completed 2018-2019
        built = f"{year}-{int(rng.integers(3, 12)):02d}-{int(rng.integers(1, 28)):02d}"
    department = {
        "national_project": choice(rng, ["natural_resources", "water_resources"]),
        "eia_tracking": "enterprise",
        "drinking_source": choice(rng, ["water_resources", "housing"], [1, 2]),
        "enterprise_land": choice(rng, ["ecology", "enterprise"], [2, 1]),
        "status_survey": "ecology",
        "pollution_source": "enterprise",
        "assessment_point": "ecology",
    }[wtype]
    prefix = {"national_project": "GJ", "eia_tracking": "HP", "drinking_source": "SY", "enterprise_land": "QY",
              "status_survey": "DC", "pollution_source": "WR", "assessment_point": "KH"}[wtype]  # fmt: skip
    n = sum(1 for w in b.rows["monitoring_wells"] if w["county_code"] == cc and w["well_type"] == wtype) + 1
    code = f"{cc}{prefix}{n:03d}"
    kind_zh, kind_en = {
        "national_project": ("国家地下水监测工程监测井", "national monitoring well"),
        "eia_tracking": ("环评跟踪监测井", "EIA tracking well"),
        "drinking_source": ("水源井", "source well"),
        "enterprise_land": ("企业用地调查监测井", "enterprise-land survey well"),
        "status_survey": ("调查评估监测井", "status survey well"),
        "pollution_source": ("污染源监测井", "pollution-source well"),
        "assessment_point": ("国家考核点位", "national assessment point"),
    }[wtype]
    if source is not None:
        name_zh, name_en = f"{source['name_zh']}{name_tail[0]}", f"{source['name_en']} {name_tail[1]}"
    elif near is not None:
        name_zh, name_en = f"{near['name_zh']}{kind_zh}{n}号", f"{near['name_en']} {kind_en} No. {n}"
    else:
        v_zh, v_en = b.names.village()
        name_zh, name_en = f"{v_zh}{kind_zh}", f"{v_en} {kind_en}"
    assess = wtype == "assessment_point" or (wtype == "national_project" and rng.random() < 0.2)
    codes = None
    if wtype == "national_project":
        codes = f"自然资源部门: 41{int(rng.integers(10**8, 10**9))}\n水利部门: {int(rng.integers(10**9, 10**10))}"
    elif assess:
        codes = f"考核点位: HN{int(rng.integers(100, 999))}"
    row = b.add(
        "monitoring_wells",
        point(x, y),
        county_code=cc,
        well_code=code,
        name_zh=name_zh,
        name_en=name_en,
        well_type=wtype,
        aquifer_layer=layer,
        status=status,
        department=department,
        depth_m=depth,
        screen_top_m=screen_top,
        screen_bottom_m=screen_bottom,
        ground_elev_m=elev,
        built_date=built,
        water_source_uuid=source["uuid"] if source is not None else None,
        pumping_rate_m3d=pumping,
        source_codes=codes,
        assessment_point=int(assess),
        remarks=None if status != "damaged" else "井口保护装置损坏，待修复。",
    )
    row["_near"] = near
    return row


# -- abandoned wells --
def add_abandoned_wells(b: Builder):
    rng = b.rng_attr
    geo, pl = b.geo, b.place
    plan = [
        ("mine_shaft", pl.uniform(12, where=lambda x, y: geo.hill(x, y) > 0.6), (80, 420)),
        ("borehole", pl.uniform(8), (50, 300)),
        ("water_well", pl.uniform(16, where=lambda x, y: pl.lu(x, y) == FARMLAND), (20, 150)),
        ("geothermal", pl.uniform(4, where=lambda x, y: pl.lu(x, y) == URBAN), (800, 1800)),
    ]
    names = {"mine_shaft": ("废弃矿井", "abandoned mine shaft"), "borehole": ("废弃钻孔", "abandoned borehole"),
             "water_well": ("废弃机井", "abandoned water well"), "geothermal": ("废弃地热井", "abandoned geothermal well")}  # fmt: skip
    n = 0
    for kind, pts, (d0, d1) in plan:
        for x, y in pts:
            n += 1
            v_zh, v_en = b.names.village()
            seal = choice(rng, ["not_sealed", "planned", "sealed", "verified"], [3, 3, 3, 2])
            sealed_on = None
            if seal in ("sealed", "verified"):
                sealed_on = (
                    f"{int(rng.integers(2019, 2025))}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}"
                )
            risk = (
                "high"
                if kind == "mine_shaft" and seal == "not_sealed"
                else choice(rng, ["high", "medium", "low"], [1, 2, 3])
            )
            b.add(
                "abandoned_wells",
                point(x, y),
                well_code=f"FQ{b.county(x, y)}{n:03d}",
                name_zh=f"{v_zh}{names[kind][0]}",
                name_en=f"{v_en} {names[kind][1]}",
                kind=kind,
                depth_m=round(float(rng.uniform(d0, d1)), 1),
                risk_class=risk,
                sealing_status=seal,
                sealed_on=sealed_on,
                remarks=None,
            )
