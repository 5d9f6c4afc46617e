"""Fixed texts of the thematic maps in Chinese and English: labels, production date, scale and the
coordinate-system note (the map language is chosen per export, independent of the QGIS locale).
"""

from __future__ import annotations

import datetime as _dt
import re

from qgis.core import QgsCoordinateReferenceSystem

from ...toolbelt.i18n import is_zh

# Every fixed text of the maps in both languages, in one table (the map language is chosen per export,
# independent of the QGIS locale, so these are not in the .ts file).
_TEXT = {
    "legend": ("图例", "Legend"),
    "scale": ("比例尺 1:{}", "Scale 1:{}"),
    "km": ("千米", "km"),
    "m": ("米", "m"),
    "notes": ("说明：{}", "Notes: {}"),
    "sources": ("数据来源：{}", "Data sources: {}"),
    "date": ("制图日期：{d.year}年{d.month}月{d.day}日", "Date: {d:%Y-%m-%d}"),
    "crs_gk": (
        "坐标系：2000国家大地坐标系（CGCS2000），高斯-克吕格投影3度带，中央经线{cm}°E（{authid}）",
        "Coordinate system: CGCS2000, 3-degree Gauss-Kruger projection, central meridian {cm}°E ({authid})",
    ),
    "crs_other": ("坐标系：{desc}（{authid}）", "Coordinate system: {desc} ({authid})"),
    "grid": ("经纬网：CGCS2000地理坐标（EPSG:4490）", "Graticule: CGCS2000 geographic (EPSG:4490)"),
    "overview_title": ("{city}地下水污染防治试验区概况图", "{city}Groundwater Pollution Prevention Pilot Zone"),
    "overview_subtitle": (
        "监测井（按含水层位）、污染源（按类别）与饮用水水源地分布",
        "Overview map: monitoring wells by aquifer layer, pollution sources by category, drinking-water sources",
    ),
    "overview_notes": (
        "监测井按含水层位分色，污染源按类别分色；图中仅表示位置，不作为权属界线依据。",
        "Wells are coloured by aquifer layer and pollution sources by category. Locations only; not a legal "
        "boundary map.",
    ),
    "project_db": ("项目数据库 {}", "project database {}"),
    "other": ("其他", "Other"),
    # the map products (products.py)
    "zoning_title": ("{city}地下水污染防治分区图", "{city}Groundwater Pollution Prevention Zoning Map"),
    "zoning_subtitle": ("{scheme}　版本：{version}", "{scheme}, version {version}"),
    "zoning_layer": ("分区类别", "Zone class"),
    "zoning_notes": (
        "分区由地下水脆弱性（DRASTIC）、污染源荷载、地下水功能价值和污染现状综合划定；分级阈值与组合矩阵为插件默认值"
        "（zoning_defaults.json），以城市批准的方案为准。各类面积：{areas}。",
        "Zones combine groundwater vulnerability (DRASTIC), pollution-source load, groundwater function value and "
        "pollution status; class breaks and matrices are plugin DEFAULTS (zoning_defaults.json) unless the city "
        "adopted its own. Areas: {areas}.",
    ),
    "recharge_title": (
        "{city}饮用水水源保护区及补给区分布图",
        "{city}Drinking-Water Source Protection and Recharge Zones",
    ),
    "recharge_subtitle": (
        "保护区、补给区、水源地及区内污染源",
        "Protection zones, recharge zones, water sources and the pollution sources inside them",
    ),
    "recharge_notes": (
        "区内污染源：位于保护区或补给区范围内的污染源（共{n}个）。保护区边界以批复文件为准。",
        "Sources inside: pollution sources within a protection or recharge zone ({n}). The approved documents "
        "define the legal boundaries.",
    ),
    "sources_inside": ("区内污染源", "Pollution sources inside the zones"),
    "wells_title": ("{city}地下水监测井水质类别分布图", "{city}Groundwater Quality of the Monitoring Wells"),
    "wells_subtitle": (
        "按含水层位分组，依《地下水质量标准》（GB/T 14848-2017）最新一次评价类别",
        "By aquifer layer; latest class under GB/T 14848-2017 (Standard for groundwater quality)",
    ),
    "wells_notes": (
        "水质类别为各井最近一次采样按GB/T 14848-2017单指标评价的最差类别；未评价井以灰色表示。共{n}眼井。",
        "The class is the worst single-indicator class of each well's latest sample under GB/T 14848-2017; grey "
        "wells have no class yet. {n} wells.",
    ),
    # the raster map products (raster_products.py)
    "vulnerability_title": ("{city}地下水脆弱性分区图", "{city}Groundwater Vulnerability Map"),
    "vulnerability_subtitle": ("DRASTIC指数法", "DRASTIC index"),
    "vulnerability_layer": ("地下水脆弱性（DRASTIC指数）", "Vulnerability (DRASTIC index)"),
    "vulnerability_notes": (
        "DRASTIC指数为七项因子评分与权重乘积之和（Aller等，1987）；分级阈值100、120、140、160为插件默认值，以城市"
        "批准的方案为准。",
        "The DRASTIC index is the weighted sum of seven factor ratings (Aller et al. 1987); the class breaks 100, "
        "120, 140 and 160 are plugin DEFAULTS unless the city adopted its own.",
    ),
    "source_load_title": ("{city}地下水污染源荷载分布图", "{city}Pollution-Source Load Map"),
    "source_load_subtitle": ("污染源危害性评分按距离衰减叠加", "Hazard scores of the sources, decayed with distance"),
    "source_load_layer": ("污染源荷载", "Pollution-source load"),
    "source_load_notes": (
        "荷载为各污染源危害性评分（类别×规模×运行状态，完成防渗改造者折减）按距离衰减后之和；面状污染源按其范围计；"
        "评分为插件默认值（zoning_defaults.json）。",
        "The load sums each source's hazard score (category x scale x operating status, reduced after an "
        "anti-seepage retrofit) decayed with distance; area sources count with their footprint; scores are plugin "
        "DEFAULTS (zoning_defaults.json).",
    ),
    "function_value_title": ("{city}地下水功能价值分布图", "{city}Groundwater Function Value Map"),
    "function_value_subtitle": (
        "饮用水水源保护区、补给区与开采规模",
        "Drinking-water protection and recharge zones and abstraction",
    ),
    "function_value_layer": ("地下水功能价值", "Groundwater function value"),
    "function_value_notes": (
        "功能价值评分由保护区、补给区级别和水源开采量确定（可叠加水质）；评分为插件默认值（zoning_defaults.json）。",
        "The value scores protection and recharge zones by class and the abstraction of their source (optionally "
        "with water quality); scores are plugin DEFAULTS (zoning_defaults.json).",
    ),
    "pollution_status_title": ("{city}地下水污染现状分布图", "{city}Groundwater Pollution Status Map"),
    "pollution_status_subtitle": (
        "以背景值为基准的污染评价",
        "Pollution assessment against background values",
    ),
    "pollution_status_layer": ("地下水污染现状", "Pollution status"),
    "pollution_notes": (
        "污染指数P=(C−C0)/C_III（C0为背景值，C_III为GB/T 14848-2017 III类限值），取所选指标最大值分为I（未污染）至VI"
        "（极重污染）级（参照DD2008-01，未经原文核对）；各单元取半径范围内最近监测井。",
        "Pollution index P = (C - C0) / C_III (C0 background value, C_III the GB/T 14848-2017 class III limit), the "
        "largest over the chosen indicators, graded I (unpolluted) to VI (extremely polluted) after DD2008-01 (not "
        "verified against the text); each cell takes the nearest well within the radius.",
    ),
    "pollution_notes_quality": (
        "本图为地下水质量类别（GB/T 14848-2017），不是污染评价：天然IV类水（铁、锰、氟、总硬度、溶解性总固体）"
        "亦显示为IV类。",
        "This map shows the groundwater quality class (GB/T 14848-2017), not a pollution assessment: natural class "
        "IV water (iron, manganese, fluoride, hardness, dissolved solids) shows as class IV.",
    ),
    "admin": ("行政区界", "Administrative boundaries"),
    "city_boundary": ("市界", "City boundary"),
    "county_boundary": ("县（区）界", "County boundary"),
    "db": ("项目数据库 {}", "project database {}"),
}


def label_text(key: str, lang: str = "zh") -> str:
    """Fixed map label ``key`` in ``lang`` ("zh" or "en")."""
    zh, en = _TEXT[key]
    return zh if is_zh(lang) else en


def date_text(day: _dt.date, lang: str = "zh") -> str:
    return label_text("date", lang).format(d=day)


def scale_text(scale: float, lang: str = "zh") -> str:
    n = int(round(scale))
    grouped = f"{n:,}".replace(",", " ") if is_zh(lang) else f"{n:,}"
    return label_text("scale", lang).format(grouped)


def crs_text(crs: QgsCoordinateReferenceSystem, lang: str = "zh") -> str:
    """Coordinate-system note for the map margin."""
    authid = crs.authid()
    code = int(authid.split(":")[1]) if authid.upper().startswith("EPSG:") and authid[5:].isdigit() else 0
    if 4513 <= code <= 4554:  # CGCS2000 3-degree Gauss-Kruger (zone-numbered 4513-4533, CM-only 4534-4554)
        found = re.search(r"\+lon_0=([-0-9.]+)", crs.toProj())
        if found:
            cm = f"{float(found.group(1)):g}"
            return label_text("crs_gk", lang).format(cm=cm, authid=authid)
    return label_text("crs_other", lang).format(desc=crs.description(), authid=authid)
