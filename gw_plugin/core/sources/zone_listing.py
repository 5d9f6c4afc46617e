"""Pollution sources inside drinking-water protection and recharge zones (seed 000 三(三)9(2)): one listing row per
(zone, source inside it), grouped by the categories the plan names, with the distance to the water-source well.

The sources come as core/sources/rosters.py ``SourceArrays`` and the test is its vectorised point-in-polygon.
No widgets, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np

from ..data import schema as S
from .rosters import SourceArrays, points_in_rings

# ----------------------------------------------------------------------------------------------------------------
# Sources inside protection / recharge zones (seed 000 三(三)9(2))
# ----------------------------------------------------------------------------------------------------------------
#: Seed 000 三(三)9(2): 建立水源补给区内污染源（包括工业企业、工业集聚区、危险废物处置场、垃圾填埋场、矿山开采区、
#: 尾矿库、加油站、高尔夫球场、规模化畜禽养殖场、规模化作物种植区等）清单. Category code → (group zh, group en).
SEED9_GROUPS = {
    "chemical": ("工业企业", "Industrial enterprise"),
    "electroplating": ("工业企业", "Industrial enterprise"),
    "industrial_park": ("工业集聚区", "Industrial cluster"),
    "hazardous_waste": ("危险废物处置场", "Hazardous-waste disposal site"),
    "landfill": ("垃圾填埋场", "Landfill"),
    "mining_area": ("矿山开采区", "Mining area"),
    "tailings_pond": ("尾矿库", "Tailings pond"),
    "gas_station": ("加油站", "Gas station"),
    "golf_course": ("高尔夫球场", "Golf course"),
    "livestock_farm": ("规模化畜禽养殖场", "Large livestock farm"),
    "planting_area": ("规模化作物种植区", "Large planting area"),
}
OTHER_GROUP = ("其他（不在方案所列类别）", "Other (not a category the plan names)")

ZONE_LISTING_FIELDS = (
    "zone_id",
    "zone_name",
    "zone_water_source_uuid",
    "source_uuid",
    "source_code",
    "name_zh",
    "uscc",
    "category",
    "category_zh",
    "plan_group_zh",
    "plan_group_en",
    "county_code",
    "well_uuid",
    "well_code",
    "well_distance_m",
    "well_basis",
)


@dataclass
class Zone:
    zone_id: str
    name: str
    water_source_uuid: Optional[str]
    rings: list


@dataclass
class Well:
    uuid: str
    code: str
    water_source_uuid: Optional[str]
    x: float
    y: float


def sources_in_zones(zones: Sequence, src: SourceArrays, wells: Sequence, all_categories: bool = False) -> list:
    """One row (dict with ZONE_LISTING_FIELDS) per (zone, source inside it).

    Distance to the water-source well: the nearest well linked to the zone's water source (``well_basis`` =
    "linked"), else the nearest of all the given wells ("nearest"); empty when there is no well."""
    from scipy.spatial import cKDTree

    cats = S.codelist("source_category")
    wells = [w for w in wells if np.isfinite(w.x) and np.isfinite(w.y)]
    all_tree = cKDTree(np.array([[w.x, w.y] for w in wells])) if wells else None
    by_ws: dict = {}
    for w in wells:
        if w.water_source_uuid:
            by_ws.setdefault(w.water_source_uuid, []).append(w)
    keep = np.ones(len(src), dtype=bool) if all_categories else src.isin("category", list(SEED9_GROUPS))
    out = []
    for z in zones:
        inside = np.nonzero(points_in_rings(src.x, src.y, z.rings) & keep)[0]
        if len(inside) == 0:
            continue
        pts = np.column_stack([src.x[inside], src.y[inside]])
        linked = by_ws.get(z.water_source_uuid) if z.water_source_uuid else None
        if linked:
            pool, basis = linked, "linked"
            dist, idx = cKDTree(np.array([[w.x, w.y] for w in linked])).query(pts)
        elif all_tree is not None:
            pool, basis = wells, "nearest"
            dist, idx = all_tree.query(pts)
        else:
            pool, basis, dist, idx = [], "", None, None
        for k, i in enumerate(inside):
            cat = src["category"][i]
            group = SEED9_GROUPS.get(cat, OTHER_GROUP)
            w = pool[int(idx[k])] if pool else None
            out.append(
                {
                    "zone_id": z.zone_id,
                    "zone_name": z.name,
                    "zone_water_source_uuid": z.water_source_uuid,
                    "source_uuid": src["uuid"][i],
                    "source_code": src["source_code"][i],
                    "name_zh": src["name_zh"][i],
                    "uscc": src["uscc"][i],
                    "category": cat,
                    "category_zh": cats.label(cat, "zh") if cat else "",
                    "plan_group_zh": group[0],
                    "plan_group_en": group[1],
                    "county_code": src["county_code"][i],
                    "well_uuid": w.uuid if w else None,
                    "well_code": w.code if w else None,
                    "well_distance_m": round(float(dist[k]), 1) if w else None,
                    "well_basis": basis,
                }
            )
    return out
