"""Schema tables of the zone features: drinking-water sources, their protection and recharge zones, and the
prevention-and-control zoning units.

Declarative only (core/data/model.py classes); core/data/schema.py assembles them, in order, with the other tables.
"""

from __future__ import annotations

from .model import Field, Style, Table, name_fields

F = Field


DRINKING_WATER_SOURCES = Table(
    "drinking_water_sources",
    "饮用水水源地",
    "Drinking-water sources",
    "Point",
    (
        F("source_code", "text", "水源地编号", "Source code", required=True, width=40),
        *name_fields(),
        F("source_type", "text", "水源类型", "Source type", required=True, codelist="water_source_type"),
        F("level", "text", "级别", "Level", required=True, codelist="water_source_level"),
        F("aquifer_medium", "text", "含水介质", "Aquifer medium", codelist="aquifer_medium"),
        F("burial", "text", "埋藏条件", "Burial", codelist="burial"),
        F("capacity_m3d", "real", "设计取水量", "Design capacity", minimum=0, unit="m³/d"),
        F("abstraction_m3d", "real", "实际取水量", "Actual abstraction", minimum=0, unit="m³/d"),
        F("population", "integer", "服务人口", "Population served", minimum=0),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    style=Style("categorized", field="source_type", size_mm=4.0, shape="star"),
    group="zones",
)


PROTECTION_ZONES = Table(
    "protection_zones",
    "水源保护区",
    "Protection zones",
    "MultiPolygon",
    (
        F("water_source_uuid", "text", "水源地", "Water source", references="drinking_water_sources"),
        F("zone_class", "text", "保护区级别", "Zone class", required=True, codelist="protection_zone_class"),
        F("method", "text", "划分方法", "Method"),
        F("parameters", "text", "参数", "Parameters (JSON)", multiline=True),
        F("approved", "boolean", "已批复", "Approved"),
        F("approval_doc", "text", "批复文号", "Approval document"),
    ),
    style=Style("categorized", field="zone_class", fill_opacity=0.45),
    display="zone_class",
    group="zones",
)


RECHARGE_ZONES = Table(
    "recharge_zones",
    "补给区",
    "Recharge zones",
    "MultiPolygon",
    (
        F("water_source_uuid", "text", "水源地", "Water source", references="drinking_water_sources"),
        F("well_uuid", "text", "开采井", "Production well", references="monitoring_wells"),
        F("kind", "text", "类型", "Kind", required=True, codelist="recharge_zone_kind"),
        F("tot_days", "real", "运移时间", "Time of travel", minimum=0, unit="d"),
        F("method", "text", "划分方法", "Method"),
        F("parameters", "text", "参数", "Parameters (JSON)", multiline=True),
    ),
    style=Style("categorized", field="kind", fill_opacity=0.3),
    display="kind",
    group="zones",
)


ZONING_UNITS = Table(
    "zoning_units",
    "防治分区",
    "Zoning units",
    "MultiPolygon",
    (
        F("scheme", "text", "分区方案", "Scheme", required=True, codelist="zoning_scheme"),
        F("zone_class", "text", "分区类别", "Zone class", required=True, codelist="zone_class"),
        F("version", "text", "版本", "Version"),
        F("vulnerability", "real", "脆弱性得分", "Vulnerability score"),
        F("source_load", "real", "污染负荷得分", "Source-load score"),
        F("function_value", "real", "功能价值得分", "Function-value score"),
        F("pollution_status", "real", "污染现状得分", "Pollution-status score"),
        F("area_km2", "real", "面积", "Area", minimum=0, unit="km²"),
        F("requirements", "text", "管控要求", "Management requirements", multiline=True),
    ),
    style=Style("categorized", field="zone_class", fill_opacity=0.5),
    display="zone_class",
    group="zones",
)
