"""Pollution sources of the demo city (core/demo/): chemical and electroplating firms, landfills, mines ... with
their unified social credit codes, the contaminated sites, inspections and key-supervision rosters (with their dated
workflow histories 2022–2025 from histories.py).
"""

from __future__ import annotations

import numpy as np

from ..data import schema as S
from ..sources import credit_codes as codes
from . import names as N
from .builder import Builder, choice
from .geometry import multipolygon, point, rect
from .histories import add_histories
from .names import county_meta
from .rasters import FARMLAND, FOREST, URBAN


# ---------------------------------------------------------------------------------------------------------------
# Unified social credit codes
# ---------------------------------------------------------------------------------------------------------------
def make_uscc(authority_and_kind: str, county_code: str, rng: np.random.Generator) -> str:
    """A valid unified social credit code drawn from ``rng``.

    GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》: registration authority + organisation kind (e.g. "91"
    market regulation / enterprise, "92" individual business, "93" farmers' cooperative, "12" public institution),
    the six-digit division code, a nine-character GB 11714-1997 organisation code (eight body characters and its
    own check character) and the check character C18 = 31 - (sum(Ci * 3^(i-1) mod 31) mod 31), 31 -> 0, over
    the 31-character set without I, O, Z, S, V. Both check characters come from core/sources/credit_codes.py.
    """
    body = "".join(str(d) for d in rng.integers(0, 10, 8))
    first17 = authority_and_kind + county_code + body + codes.org_code_check_char(body)
    return first17 + codes.uscc_check_char(first17)


# ---------------------------------------------------------------------------------------------------------------
# Category tables
# ---------------------------------------------------------------------------------------------------------------
_CATEGORY_NAMES = {
    # category: (zh suffix, en suffix, industry (GB/T 4754-2017 wording), USCC authority+kind)
    "chemical": ("化工有限公司", "Chemical Co., Ltd.", "化学原料和化学制品制造业", "91"),
    "electroplating": ("电镀有限公司", "Electroplating Co., Ltd.", "金属表面处理及热处理加工", "91"),
    "industrial_park": ("", "", "产业园区管理", "12"),
    "tailings_pond": ("尾矿库", "Tailings Pond", "有色金属矿采选业", "91"),
    "mining_area": ("铝土矿区", "Bauxite Mine", "有色金属矿采选业", "91"),
    "hazardous_waste": ("危险废物处置中心", "Hazardous Waste Disposal Centre", "危险废物治理", "91"),
    "landfill": ("生活垃圾填埋场", "Municipal Solid Waste Landfill", "环境卫生管理", "12"),
    "gas_station": ("加油站", "Gas Station", "机动车燃油零售", "91"),
    "golf_course": ("高尔夫球场", "Golf Course", "体育场地设施管理", "91"),
    "livestock_farm": ("牧业养殖场", "Livestock Farm", "牲畜饲养", "92"),
    "planting_area": ("蔬菜种植基地", "Vegetable Growing Base", "蔬菜种植", "93"),
    "coalbed_methane": ("煤层气井场", "Coal-bed Methane Field", "天然气开采", "91"),
    "old_kiln_water": ("废弃煤窑", "Abandoned Coal Kiln", "煤炭开采和洗选业", ""),
    "geothermal_well": ("地热井", "Geothermal Well", "地热能开发利用", "91"),
    "reinjection_well": ("采出水回注井", "Produced-water Reinjection Well", "石油开采", "91"),
    "other": ("皮革制品有限公司", "Leather Products Co., Ltd.", "皮革鞣制加工", "91"),
}
_FIRM_CATEGORIES = ("chemical", "electroplating", "hazardous_waste", "golf_course", "livestock_farm", "other")
_KEY_CATEGORIES = ("chemical", "electroplating", "industrial_park", "tailings_pond", "hazardous_waste", "landfill",
                   "mining_area")  # fmt: skip


# -- pollution sources --
def add_pollution_sources(b: Builder):
    rng = b.rng_attr
    geo, pl = b.geo, b.place
    farm = lambda x, y: pl.lu(x, y) == FARMLAND  # noqa: E731
    plain = lambda x, y: (geo.hill(x, y) < 0.2) & (pl.lu(x, y) != URBAN)  # noqa: E731
    hills = lambda x, y: geo.hill(x, y) > 0.6  # noqa: E731
    urban = lambda x, y: pl.lu(x, y) == URBAN  # noqa: E731
    north = lambda x, y: (np.asarray(y) > geo.river_y(x) + 1500) & (pl.lu(x, y) == FARMLAND)  # noqa: E731
    chem_park = b.geo.parks[0][3]
    ep_park = b.geo.parks[1][3]
    plan = []  # (category, points, extra)
    for kind, zh, en, g in b.geo.parks:
        c = g.Centroid()
        plan.append(("industrial_park", np.array([[c.GetX(), c.GetY()]]), {"name": (zh, en), "park": kind}))
    plan += [
        ("chemical", pl.in_geom(24, chem_park), {"in_park": True}),
        ("chemical", pl.uniform(4, where=urban), {"old_urban": True}),
        ("chemical", pl.uniform(3, where=plain), {}),
        ("electroplating", pl.in_geom(14, ep_park), {"in_park": True}),
        ("electroplating", pl.uniform(3, where=urban), {"old_urban": True}),
        ("tailings_pond", pl.uniform(5, where=hills), {}),
        ("mining_area", pl.uniform(6, where=hills), {}),
        ("hazardous_waste", pl.near(2, *b.geo.chem_center, 1900, 2600, where=farm), {}),
        ("hazardous_waste", pl.uniform(1, where=hills), {}),
        ("gas_station", pl.uniform(30, where=urban), {}),
        ("gas_station", pl.uniform(22, where=plain), {}),
        ("golf_course", pl.near(2, *b.geo.seats[0], 7000, 9500, where=farm), {}),
        ("livestock_farm", pl.uniform(34, where=farm), {}),
        ("planting_area", pl.uniform(20, where=farm), {}),
        ("coalbed_methane", pl.uniform(3, where=hills), {}),
        ("old_kiln_water", pl.uniform(7, where=hills), {}),
        ("geothermal_well", pl.uniform(8, where=urban), {}),
        ("reinjection_well", pl.uniform(4, where=north), {}),
        ("other", pl.uniform(12, where=lambda x, y: pl.lu(x, y) != FOREST), {}),
    ]
    # Landfills: one per county, on farmland 4-8 km from the county town.
    for i, meta in enumerate(N.COUNTIES):
        sx, sy = b.geo.seats[i]
        code = meta["code"]
        p = pl.near(1, sx, sy, 4000, 8000, where=lambda x, y, c=code: farm(x, y) & (np.array(geo.county_of(x, y)) == c))
        plan.append(("landfill", p, {"county": meta}))
    counters = {}
    for cat, pts, extra in plan:
        for x, y in pts:
            counters[cat] = counters.get(cat, 0) + 1
            _add_source(b, cat, float(x), float(y), counters[cat], extra, rng)


def _add_source(b: Builder, cat, x, y, n, extra, rng):
    cc = b.county(x, y)
    cmeta = county_meta(cc)
    suffix_zh, suffix_en, industry, authority = _CATEGORY_NAMES[cat]
    village_zh, village_en = b.names.village()
    if cat == "industrial_park":
        name_zh, name_en = extra["name"]
    elif cat in _FIRM_CATEGORIES:
        w_zh, w_en = b.names.firm()
        if cat == "other":
            suffix_zh, suffix_en, industry = choice(rng, [
                ("皮革制品有限公司", "Leather Products Co., Ltd.", "皮革鞣制加工"),
                ("纺织印染有限公司", "Textile Dyeing Co., Ltd.", "纺织业"),
                ("造纸有限公司", "Paper Co., Ltd.", "造纸和纸制品业"),
                ("金属制品有限公司", "Metal Products Co., Ltd.", "金属制品业"),
                ("汽车维修有限公司", "Auto Repair Co., Ltd.", "汽车修理与维护"),
            ])  # fmt: skip
        name_zh, name_en = f"{N.CITY['short_zh']}{w_zh}{suffix_zh}", f"{N.CITY['short_en']} {w_en} {suffix_en}"
    elif cat == "landfill":
        name_zh, name_en = f"{cmeta['name_zh']}{suffix_zh}", f"{cmeta['name_en']} {suffix_en}"
    else:
        name_zh, name_en = f"{village_zh}{suffix_zh}", f"{village_en} {suffix_en}"
    key = cat in _KEY_CATEGORIES
    if extra.get("old_urban"):
        op = "closed"
    elif cat == "old_kiln_water":
        op = "closed"
    elif cat in ("mining_area", "tailings_pond", "coalbed_methane"):
        op = choice(rng, ["operating", "suspended", "closed"], [5, 2, 3])
    else:
        op = choice(rng, ["operating", "suspended", "closed", "planned"], [86, 7, 4, 3])
    if key:
        leak = choice(rng, ["not_started", "planned", "self_investigated", "report_received", "spot_checked"],
                      [1, 2, 3, 3, 2])  # fmt: skip
        selfmon = choice(rng, ["required", "partial", "complete"], [2, 3, 5])
    else:
        leak = choice(rng, ["not_started", "planned", "self_investigated", "report_received"], [5, 2, 2, 1])
        selfmon = choice(rng, ["not_required", "required", "partial", "complete"], [5, 1, 2, 2])
    if leak in ("report_received", "spot_checked"):
        anti = choice(rng, ["not_needed", "needed", "planned", "done", "assessed"], [2, 2, 2, 3, 1])
    elif leak == "not_started":
        anti = None
    else:
        anti = choice(rng, ["not_needed", "needed", "planned"], [3, 2, 1])
    if op == "closed" and cat in ("chemical", "electroplating", "other"):
        risk = choice(rng, ["survey_needed", "survey_done", "plan_done", "implemented"], [1, 2, 2, 2])
    elif key:  # one draw as before (the random stream stays aligned); later stages since issue 16
        risk = choice(rng, ["not_required", "survey_needed", "survey_done", "no_plan_needed", "plan_done",
                            "implemented", "effect_assessed"], [12, 4, 2, 1, 2, 1, 1])  # fmt: skip
    else:
        risk = "not_required"
    fixed_scale = {"gas_station": "small", "industrial_park": "large", "planting_area": "large"}
    if cat in fixed_scale:
        scale = fixed_scale[cat]
    elif cat == "livestock_farm":
        scale = choice(rng, ["large", "medium"], [1, 3])
    else:
        scale = choice(rng, ["large", "medium", "small"], [2, 5, 3])
    uscc = make_uscc(authority, cc, b.rng_uscc) if authority else None
    code = f"WR{cc}{S.codelist('source_category').code_values().index(cat) + 1:02d}{n:03d}"
    remarks = None
    if op == "closed" and extra.get("old_urban"):
        remarks = "城区老厂，已关闭搬迁，原址待开发利用。"
    elif cat == "old_kiln_water":
        remarks = "历史小煤窑，权属不明。"
    row = b.add(
        "pollution_sources",
        point(x, y),
        county_code=cc,
        source_code=code,
        name_zh=name_zh,
        name_en=name_en,
        uscc=uscc,
        category=cat,
        industry=industry,
        scale=scale,
        operating_status=op,
        address=b.names.address(cc, village_zh),
        leakage_status=leak,
        antiseepage_status=anti,
        self_monitoring_status=selfmon,
        risk_control_status=risk,
        site_uuid=None,
        needs_field_check=int(rng.random() < 0.06),
        remarks=remarks,
    )
    row["_extra"] = extra


# -- sites --
def add_sites(b: Builder):
    rng = b.rng_attr
    srcs = b.rows["pollution_sources"]
    chosen = [s for s in srcs if s["_extra"].get("old_urban")]
    chosen += [s for s in srcs if s["category"] == "chemical" and s["_extra"].get("in_park")][:5]
    chosen += [s for s in srcs if s["category"] == "electroplating" and s["_extra"].get("in_park")][:2]
    chosen += [s for s in srcs if s["category"] in ("landfill", "hazardous_waste")][:2]
    pollutants = {
        "chemical": ("三氯乙烯、四氯乙烯、1,2-二氯乙烷、苯", "三氯乙烯、1,2-二氯乙烷"),
        "electroplating": ("六价铬、镍、铜、锌、氰化物", "铬（六价）、镍"),
        "other": ("铬、石油烃", "铬（六价）"),
        "landfill": ("氨氮、氯化物、耗氧量", "氨氮"),
        "hazardous_waste": ("重金属、挥发性有机物", "三氯乙烯"),
    }
    for i, src in enumerate(chosen, start=1):
        p = src["geom"]
        w, h = rng.uniform(120, 320), rng.uniform(90, 260)
        poly = rect(p.GetX(), p.GetY(), w, h, rng.uniform(-40, 40))
        closed = src["operating_status"] == "closed"
        if closed:
            status = choice(rng, ["closed", "redeveloping", "remediated"], [5, 2, 1])
            soil = "exceeding"
            gw = choice(rng, ["exceeding", "not_exceeding"], [3, 1])
        else:
            status = "operating"
            soil = choice(rng, ["unknown", "not_exceeding", "exceeding"], [2, 3, 1])
            gw = choice(rng, ["unknown", "not_exceeding", "exceeding"], [2, 2, 1])
        char, gwp = pollutants.get(src["category"], ("重金属", ""))
        row = b.add(
            "sites",
            multipolygon(poly),
            county_code=src["county_code"],
            site_code=f"DK{src['county_code']}{i:03d}",
            name_zh=f"{src['name_zh']}地块",
            name_en=f"{src['name_en']} site",
            site_status=status,
            land_use="工业用地" if status == "operating" else choice(rng, ["工业用地", "居住用地", "公园绿地"]),
            soil_exceedance=soil,
            gw_exceedance=gw,
            characteristic_pollutants=char,
            gw_exceeding_pollutants=gwp if gw == "exceeding" else None,
            area_m2=None,  # set after the transformation to the output CRS
        )
        src["site_uuid"] = row["uuid"]


# -- inspections and rosters --
def add_inspections(b: Builder):
    rng = b.rng_attr
    srcs = [s for s in b.rows["pollution_sources"] if s["category"] in _KEY_CATEGORIES]
    idx = rng.choice(len(srcs), size=min(24, len(srcs)), replace=False)
    findings = {
        "ok": None,
        "issue": ["储罐区地面防渗层破损", "事故应急池未做防渗", "地下管线无泄漏检测", "监测井井口未加锁"],
        "serious": ["渗滤液调节池渗漏", "危废暂存间地面开裂并有渗漏痕迹"],
    }
    for i in sorted(int(j) for j in idx):
        s = srcs[i]
        p = s["geom"]
        result = choice(rng, ["ok", "issue", "serious"], [5, 4, 1])
        b.add(
            "inspections",
            point(p.GetX() + rng.uniform(-40, 40), p.GetY() + rng.uniform(-40, 40)),
            county_code=s["county_code"],
            source_uuid=s["uuid"],
            well_uuid=None,
            kind=choice(rng, ["visit", "leakage_investigation", "spot_check"], [3, 2, 2]),
            inspected_on=f"{int(rng.integers(2023, 2025))}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}",
            inspector=f"{b.names.person()}、{b.names.person()}",
            facility_type=choice(rng, ["tank", "pond", "pipeline", "storage_yard", "landfill_cell", "other"]),
            result=result,
            findings=None if result == "ok" else choice(rng, findings[result]),
        )
    wells = [w for w in b.rows["monitoring_wells"] if w["status"] in ("damaged", "active")]
    for i in sorted(int(j) for j in rng.choice(len(wells), size=8, replace=False)):
        w = wells[i]
        p = w["geom"]
        damaged = w["status"] == "damaged"
        b.add(
            "inspections",
            point(p.GetX(), p.GetY()),
            county_code=w["county_code"],
            source_uuid=None,
            well_uuid=w["uuid"],
            kind="well_check",
            inspected_on=f"2024-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 28)):02d}",
            inspector=b.names.person(),
            facility_type=None,
            result="issue" if damaged else "ok",
            findings="井口保护装置损坏" if damaged else None,
        )


def add_rosters(b: Builder):
    rng = b.rng_attr
    for s in b.rows["pollution_sources"]:
        cat = s["category"]
        if cat not in _KEY_CATEGORIES or cat == "industrial_park" or s["operating_status"] == "planned":
            continue
        rosters = ["gw_key_supervised"]
        if cat in ("chemical", "electroplating") and s["scale"] != "small":
            rosters.append("gw_key_discharge")
        if cat in ("chemical", "electroplating", "hazardous_waste") and rng.random() < 0.6:
            rosters.append("soil_key_supervised")
        for roster in rosters:
            status = choice(rng, ["proposed", "accepted", "rejected", "published"], [2, 3, 1, 6])
            b.rows["roster_entries"].append(
                {
                    "uuid": b.uuid(),
                    "county_code": s["county_code"],
                    "source_uuid": s["uuid"],
                    "roster": roster,
                    "status": status,
                    "reason": {
                        "chemical": "化学原料和化学制品制造企业，涉及有毒有害物质",
                        "electroplating": "电镀企业，涉重金属排放",
                        "landfill": "生活垃圾填埋场",
                        "hazardous_waste": "危险废物处置场所",
                        "tailings_pond": "尾矿库",
                        "mining_area": "矿山开采区",
                    }[cat],
                    "decided_on": None if status == "proposed" else f"2024-{int(rng.integers(1, 12)):02d}-15",
                    "decided_by": None if status == "proposed" else f"{N.CITY['name_zh']}生态环境局",
                    "roster_version": "2024",
                }
            )
    add_histories(b)  # last: dated workflow steps, the leakage list and the older roster version
