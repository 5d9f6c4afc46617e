"""Schema tables of the pollution-source feature: sources, roster entries, inspections, discharge permits, spot-check
batches, indicator snapshots, source facilities, sites and abandoned wells.

Declarative only (core/data/model.py classes); core/data/schema.py assembles them, in order, with the other tables.
"""

from __future__ import annotations

from .model import Field, Style, Table, name_fields

F = Field


POLLUTION_SOURCES = Table(
    "pollution_sources",
    "污染源",
    "Pollution sources",
    "Point",
    (
        F("source_code", "text", "污染源编号", "Source code", required=True, width=40),
        *name_fields(),
        F(
            "uscc",
            "text",
            "统一社会信用代码",
            "Unified social credit code",
            width=18,
            pattern=r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$",
        ),
        F("category", "text", "类别", "Category", required=True, codelist="source_category"),
        F("industry", "text", "行业", "Industry"),
        F("scale", "text", "规模", "Scale", codelist="source_scale"),
        F("operating_status", "text", "运行状态", "Operating status", codelist="operating_status"),
        F("address", "text", "地址", "Address"),
        F("leakage_status", "text", "渗漏排查", "Leakage investigation", codelist="leakage_status"),
        F("antiseepage_status", "text", "防渗改造", "Anti-seepage retrofit", codelist="antiseepage_status"),
        F("self_monitoring_status", "text", "自行监测", "Self-monitoring", codelist="self_monitoring_status"),
        F(
            "risk_control_status",
            "text",
            "详细调查与风险管控",
            "Detailed survey / risk control",
            codelist="risk_control_status",
        ),
        F("site_uuid", "text", "所在地块", "Site", references="sites"),
        F("needs_field_check", "boolean", "需现场核实位置", "Location needs field check"),
        F("on_leakage_list", "boolean", "列入渗漏排查名单", "On the leakage-investigation list", since=3),
        F("leakage_listed_on", "date", "列入渗漏排查名单日期", "Listed for leakage investigation on", since=4),
        # closed and merged enterprises are flagged on the rosters (issue 16): since when, and who took over
        F("closed_on", "date", "关闭日期", "Closed on", not_in_future=True, since=4),
        F("successor_uuid", "text", "承继单位", "Successor (merged into)", references="pollution_sources", since=4),
        # an enterprise inside an industrial park (the park is a pollution source of category industrial_park)
        F("park_uuid", "text", "所属园区", "Industrial park", references="pollution_sources", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    style=Style("categorized", field="category", size_mm=2.6, shape="square"),
    group="sources",
)


ROSTER_ENTRIES = Table(
    "roster_entries",
    "名录条目",
    "Roster entries",
    None,
    (
        F("source_uuid", "text", "污染源", "Pollution source", required=True, references="pollution_sources"),
        F("roster", "text", "名录", "Roster", required=True, codelist="roster_kind"),
        F("status", "text", "状态", "Status", required=True, codelist="roster_status"),
        F("reason", "text", "纳入理由", "Reason", multiline=True),
        F("decided_on", "date", "决定日期", "Decided on", not_in_future=True),
        F("decided_by", "text", "决定人", "Decided by"),
        F("roster_version", "text", "名录版本", "Roster version"),
    ),
    display="roster",
    group="sources",
)


INSPECTIONS = Table(
    "inspections",
    "检查记录",
    "Inspections",
    "Point",
    (
        F("source_uuid", "text", "污染源", "Pollution source", references="pollution_sources"),
        F("well_uuid", "text", "监测井", "Well", references="monitoring_wells"),
        F("kind", "text", "检查类型", "Kind", required=True, codelist="inspection_kind"),
        F("inspected_on", "date", "检查日期", "Date", required=True, not_in_future=True),
        F("inspector", "text", "检查人", "Inspector"),
        F("facility_type", "text", "设施类型", "Facility type", codelist="facility_type"),
        F("result", "text", "结论", "Result", codelist="inspection_result"),
        F("findings", "text", "发现问题", "Findings", multiline=True),
        F("batch_uuid", "text", "抽查批次", "Spot-check batch", references="spotcheck_batches", since=3),
        F("facility_uuid", "text", "设施", "Facility", references="source_facilities", since=3),
        F("abandoned_well_uuid", "text", "废弃井", "Abandoned well", references="abandoned_wells", since=4),
        # the dated history of the workflows (core/sources/history.py): which workflow a step belongs to, the
        # status it set and, for self-monitoring, the year it reports on
        F("workflow", "text", "工作流程", "Workflow", codelist="source_workflow", since=4),
        F("status_after", "text", "变更后状态", "Status after the step", since=4),
        F("period_year", "integer", "所属年度", "Year reported on", minimum=1990, maximum=2100, since=4),
    ),
    style=Style("single", color="#ffd400", size_mm=2.0, shape="triangle"),
    display="kind",
    group="records",
)


PERMITS = Table(
    "permits",
    "排污许可",
    "Discharge permits",
    None,
    (
        F("source_uuid", "text", "污染源", "Pollution source", required=True, references="pollution_sources"),
        F("permit_no", "text", "许可证编号", "Permit number", required=True),
        F("issued_on", "date", "发证日期", "Issued on", not_in_future=True),
        F("valid_until", "date", "有效期至", "Valid until"),
        F("gw_self_monitoring", "boolean", "载明地下水自行监测要求", "Groundwater self-monitoring required"),
        F("hidden_danger_investigation", "boolean", "载明隐患排查要求", "Hidden-danger investigation required"),
        F("gw_obligations", "text", "地下水污染防治义务", "Groundwater obligations", multiline=True),
    ),
    display="permit_no",
    group="sources",
    since=3,
)


SPOTCHECK_BATCHES = Table(
    "spotcheck_batches",
    "抽查批次",
    "Spot-check batches",
    None,
    (
        F("batch_id", "text", "批次编号", "Batch id", required=True),
        F("drawn_on", "date", "抽取日期", "Drawn on", required=True, not_in_future=True),
        F("drawn_by", "text", "抽取人", "Drawn by"),
        F("seed", "integer", "随机种子", "Seed", required=True),
        F("share_percent", "real", "抽查比例", "Share", minimum=0, maximum=100, unit="%"),
        F("eligible_statuses", "text", "总体范围", "Eligible statuses"),
        F("population", "integer", "总体数", "Population", minimum=0),
        F("required", "integer", "应抽数", "Required", minimum=0),
        F("population_sha256", "text", "总体摘要", "Population digest", width=64),
        F("categories", "text", "类别统计", "Categories (JSON)", multiline=True),
    ),
    display="batch_id",
    group="records",
    since=3,
)


INDICATOR_SNAPSHOTS = Table(
    "indicator_snapshots",
    "指标年末快照",
    "Indicator snapshots",
    None,
    (
        F("plan_id", "text", "方案", "Plan", required=True),
        F("as_of", "date", "统计日期", "As of", required=True),
        F("indicator_id", "text", "指标", "Indicator", required=True),
        F("area_code", "text", "范围", "Area", required=True),
        F("area_name", "text", "范围名称", "Area name"),
        F("numerator", "integer", "分子", "Numerator", minimum=0),
        F("denominator", "integer", "分母", "Denominator", minimum=0),
        F("value", "real", "完成值", "Value"),
        F("target", "real", "目标", "Target"),
        F("status", "text", "状态", "Status"),
    ),
    display="indicator_id",
    group="records",
    since=4,
)


SOURCE_FACILITIES = Table(
    "source_facilities",
    "污染源设施",
    "Source facilities",
    "Point",
    (
        F("source_uuid", "text", "污染源", "Pollution source", required=True, references="pollution_sources"),
        F("facility_type", "text", "设施类型", "Facility type", required=True, codelist="facility_type"),
        *name_fields(),
        F("underground", "boolean", "地下或半地下", "Underground or partly underground"),
        F("antiseepage_status", "text", "防渗改造", "Anti-seepage retrofit", codelist="antiseepage_status"),
        F("leak_found", "boolean", "发现渗漏", "Leak found"),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    style=Style("categorized", field="facility_type", size_mm=1.8, shape="diamond"),
    group="sources",
    since=3,
)


#: the life-cycle stages of a construction-land site, in order (GB 36600 soil pilot area, seed 001 二(三)1; labels in
#: core/soil/stages.py); ``sites.stage`` holds the latest stage recorded in ``site_stages``
SITE_STAGES = (
    "phase1_survey",
    "phase2_survey",
    "risk_assessment",
    "control_list",
    "works",
    "effect_assessment",
    "delisted",
)
SITE_STAGE_RE = "^(" + "|".join(SITE_STAGES) + ")$"

SITES = Table(
    "sites",
    "地块",
    "Sites",
    "MultiPolygon",
    (
        F("site_code", "text", "地块编号", "Site code", required=True, width=40),
        *name_fields(),
        F("site_status", "text", "地块状态", "Site status", codelist="site_status"),
        F("land_use", "text", "用地类型", "Land use"),
        F("soil_exceedance", "text", "土壤超筛选值", "Soil above screening values", codelist="exceedance"),
        F("gw_exceedance", "text", "地下水超标", "Groundwater exceeding", codelist="exceedance"),
        F("characteristic_pollutants", "text", "特征污染物", "Characteristic pollutants", multiline=True),
        F(
            "gw_exceeding_pollutants",
            "text",
            "地下水超标污染物",
            "Exceeding groundwater pollutants",
            multiline=True,
        ),
        F("area_m2", "real", "面积", "Area", minimum=0, unit="m²"),
        # soil pilot area (issue 19): life cycle, GB 36600 land class, land supply, co-management written back
        F("stage", "text", "当前阶段", "Current stage", pattern=SITE_STAGE_RE, readonly=True, since=4),
        F(
            "planned_land_class",
            "integer",
            "规划用地类别",
            "Planned land class (GB 36600)",
            minimum=1,
            maximum=2,
            since=4,
        ),
        F("land_supply_ref", "text", "土地供应关联", "Land supply reference", since=4),
        F("co_management", "text", "水土协同管理结论", "Soil–groundwater co-management", readonly=True, since=4),
        F(
            "co_management_reason",
            "text",
            "协同管理依据",
            "Co-management reason",
            multiline=True,
            readonly=True,
            since=4,
        ),
        F(
            "gw_derived_from",
            "text",
            "地下水超标依据",
            "Groundwater exceedance derived from",
            multiline=True,
            readonly=True,
            since=4,
        ),
    ),
    style=Style("single", color="#8c510a", fill_opacity=0.25),
    group="sources",
)


ABANDONED_WELLS = Table(
    "abandoned_wells",
    "废弃井",
    "Abandoned wells",
    "Point",
    (
        F("well_code", "text", "编号", "Code", required=True, width=40),
        *name_fields(),
        F("kind", "text", "类型", "Kind", required=True, codelist="abandoned_well_kind"),
        F("depth_m", "real", "深度", "Depth", minimum=0, maximum=5000, unit="m"),
        F("risk_class", "text", "风险等级", "Risk class", codelist="risk_class"),
        F("sealing_status", "text", "封井状态", "Sealing status", required=True, codelist="sealing_status"),
        F("sealed_on", "date", "封填日期", "Sealed on", not_in_future=True),
        # issue 16: who is in charge and when the sealing is planned (seed 003 废弃井封井台账)
        F("department", "text", "责任部门", "Department in charge", since=4),
        F("sealing_planned_on", "date", "计划封填日期", "Sealing planned on", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    style=Style("categorized", field="kind", size_mm=2.0, shape="cross"),
    group="sources",
    since=2,
)
