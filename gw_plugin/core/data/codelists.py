"""The code lists of the schema (vocabulary of the seeds; ../shared/reference/README.md §5): stored codes with
their Chinese and English labels and, where a code drives a map style, its colour.

Declarative only (core/data/model.py classes); core/data/schema.py assembles them into ``CODELISTS``.
"""

from __future__ import annotations

from .model import Code, CodeList


def _codes(*rows) -> tuple:
    return tuple(Code(*r) for r in rows)


#: Every code list, in the order of ``schema.CODELISTS``.
CODE_LISTS = (
    CodeList(
        "well_type",
        "监测井类型",
        "Monitoring-well type",
        _codes(
            (
                "national_project",
                "国家地下水监测工程监测井",
                "National groundwater monitoring project well",
                "#1f78b4",
            ),
            ("eia_tracking", "建设项目环评跟踪监测井", "EIA tracking monitoring well", "#33a02c"),
            (
                "drinking_source",
                "饮用水水源开采井/监测井",
                "Drinking-water source production/monitoring well",
                "#6a3d9a",
            ),
            (
                "enterprise_land",
                "重点行业企业用地调查监测井",
                "Key-industry enterprise-land survey well",
                "#ff7f00",
            ),
            ("status_survey", "地下水环境状况调查评估监测井", "Groundwater status survey well", "#b15928"),
            ("pollution_source", "污染源地下水水质监测井", "Pollution-source groundwater quality well", "#e31a1c"),
            (
                "assessment_point",
                "国家地下水环境质量考核点位",
                "National groundwater quality assessment point",
                "#000000",
            ),
        ),
    ),
    CodeList(
        "aquifer_layer",
        "含水层位",
        "Aquifer layer",
        _codes(
            ("phreatic", "浅层潜水", "Shallow phreatic", "#4daf4a"),
            ("shallow_confined", "中深层承压水", "Middle-deep confined", "#377eb8"),
            ("deep_confined", "深层承压水", "Deep confined", "#984ea3"),
            ("karst", "岩溶水", "Karst water", "#ff7f00"),
            ("fissure", "基岩裂隙水", "Bedrock fissure water", "#a65628"),
        ),
        extensible=True,
    ),
    CodeList(
        "well_status",
        "监测井状态",
        "Well status",
        _codes(
            ("active", "正常使用", "Active"),
            ("planned", "规划建设", "Planned"),
            ("damaged", "损坏待修", "Damaged"),
            ("suspended", "停用", "Suspended"),
            ("abandoned", "已报废", "Abandoned"),
        ),
    ),
    CodeList(  # issue 18: how a water level was measured
        "level_method",
        "水位测量方法",
        "Water-level method",
        _codes(
            ("manual", "人工测量（测绳、电测水位计）", "Manual (tape, dip meter)"),
            ("logger", "自动监测（压力传感器）", "Logger (pressure transducer)"),
            ("estimated", "估算", "Estimated"),
        ),
    ),
    CodeList(
        "department",
        "权属部门",
        "Owning department",
        _codes(
            ("ecology", "生态环境部门", "Ecology and environment"),
            ("natural_resources", "自然资源部门", "Natural resources"),
            ("water_resources", "水利部门", "Water resources"),
            ("housing", "住建部门", "Housing and urban-rural development"),
            ("enterprise", "企业", "Enterprise"),
            ("other", "其他", "Other"),
        ),
        extensible=True,
    ),
    CodeList(
        "source_category",
        "污染源类别",
        "Pollution-source category",
        _codes(
            ("chemical", "化工企业", "Chemical enterprise", "#e41a1c"),
            ("electroplating", "电镀企业", "Electroplating enterprise", "#984ea3"),
            ("industrial_park", "工业园区/集聚区", "Industrial park / cluster", "#ff7f00"),
            ("tailings_pond", "尾矿库", "Tailings pond", "#a65628"),
            ("mining_area", "矿山开采区", "Mining area", "#8c510a"),
            ("hazardous_waste", "危险废物处置场", "Hazardous-waste disposal site", "#67001f"),
            ("landfill", "垃圾填埋场", "Landfill", "#4d4d4d"),
            ("gas_station", "加油站", "Gas station", "#f781bf"),
            ("golf_course", "高尔夫球场", "Golf course", "#4daf4a"),
            ("livestock_farm", "规模化畜禽养殖场", "Large livestock farm", "#b8860b"),
            ("planting_area", "大型种植区", "Large planting area", "#a6d854"),
            ("coalbed_methane", "煤层气开采区", "Coal-bed methane field", "#252525"),
            ("old_kiln_water", "废弃矿井/老窑水", "Abandoned mine / old-kiln water", "#525252"),
            ("geothermal_well", "地热井", "Geothermal well", "#fdae61"),
            ("reinjection_well", "油气采出水回注井", "Oil/gas produced-water reinjection well", "#2166ac"),
            ("other", "其他", "Other", "#999999"),
        ),
    ),
    CodeList(
        "source_scale",
        "规模",
        "Scale",
        _codes(("large", "大型", "Large"), ("medium", "中型", "Medium"), ("small", "小型", "Small")),
    ),
    CodeList(
        "operating_status",
        "运行状态",
        "Operating status",
        _codes(
            ("operating", "在产", "Operating"),
            ("suspended", "停产", "Suspended"),
            ("closed", "关闭搬迁", "Closed / relocated"),
            ("planned", "拟建", "Planned"),
        ),
    ),
    CodeList(
        "roster_kind",
        "名录类型",
        "Roster",
        _codes(
            ("gw_key_discharge", "地下水污染防治重点排污单位名录", "Groundwater key discharge units"),
            ("gw_key_supervised", "地下水污染重点监管单位名录", "Groundwater key supervised units"),
            ("soil_key_supervised", "土壤污染重点监管单位名录", "Soil key supervised units"),
        ),
    ),
    CodeList(
        "roster_status",
        "名录状态",
        "Roster entry status",
        _codes(
            ("proposed", "建议纳入", "Proposed"),
            ("accepted", "已确认", "Accepted"),
            ("rejected", "不纳入", "Rejected"),
            ("published", "已发布", "Published"),
            # a decision to take a member off the roster from its next version (issue 16)
            ("removed", "移出名录", "Removed", None, 4),
        ),
    ),
    CodeList(
        "leakage_status",
        "渗漏排查状态",
        "Leakage investigation status",
        _codes(
            ("not_started", "未开展", "Not started"),
            ("planned", "已计划", "Planned"),
            ("self_investigated", "已自查", "Self-investigated"),
            ("report_received", "已提交报告", "Report received"),
            ("spot_checked", "已抽查", "Spot-checked"),
        ),
    ),
    CodeList(
        "antiseepage_status",
        "防渗改造状态",
        "Anti-seepage retrofit status",
        _codes(
            ("not_needed", "无需改造", "Not needed"),
            ("needed", "需改造", "Needed"),
            ("planned", "已计划", "Planned"),
            ("done", "已完成", "Done"),
            ("assessed", "已评估效果", "Effect assessed"),
        ),
    ),
    CodeList(
        "self_monitoring_status",
        "自行监测状态",
        "Self-monitoring status",
        _codes(
            ("not_required", "不要求", "Not required"),
            ("required", "应开展未开展", "Required, not started"),
            ("partial", "部分开展", "Partly done"),
            ("complete", "已完成", "Complete"),
        ),
    ),
    CodeList(
        "risk_control_status",
        "详细调查与风险管控状态",
        "Detailed survey / risk-control status",
        _codes(
            ("not_required", "不要求", "Not required"),
            ("survey_needed", "需详细调查", "Detailed survey needed"),
            ("survey_done", "已完成详细调查", "Detailed survey done"),
            ("plan_done", "已编制风险管控/修复方案", "Risk-control/remediation plan done"),
            ("implemented", "已实施", "Implemented"),
            # seed 004 三(二)3 “方案编制及效果评估率”: a survey may conclude that no plan is needed, and an
            # implemented plan ends with its effect assessed
            ("no_plan_needed", "调查后无需编制方案", "No plan needed after the survey", None, 4),
            ("effect_assessed", "已完成效果评估", "Effect assessed", None, 4),
        ),
    ),
    CodeList(
        "source_workflow",
        "污染源工作流程",
        "Pollution-source workflow",
        _codes(
            ("leakage", "渗漏排查", "Leakage investigation", None, 4),
            ("antiseepage", "防渗改造", "Anti-seepage retrofit", None, 4),
            ("self_monitoring", "自行监测", "Self-monitoring", None, 4),
            ("risk_control", "详细调查与风险管控", "Detailed survey / risk control", None, 4),
        ),
    ),
    CodeList(
        "inspection_kind",
        "检查类型",
        "Inspection kind",
        _codes(
            ("visit", "现场检查", "Site visit"),
            ("leakage_investigation", "渗漏排查", "Leakage investigation"),
            ("spot_check", "抽查", "Spot check"),
            ("well_check", "监测井核查", "Well check"),
            ("sealing_check", "封井核查", "Sealing check"),
        ),
    ),
    CodeList(
        "inspection_result",
        "检查结论",
        "Inspection result",
        _codes(
            ("ok", "未发现问题", "No issue found"),
            ("issue", "发现问题", "Issue found"),
            ("serious", "发现严重问题", "Serious issue found"),
        ),
    ),
    CodeList(
        "facility_type",
        "设施类型",
        "Facility type",
        _codes(
            ("tank", "储罐", "Tank", "#e41a1c"),
            ("pond", "池体", "Pond / pool", "#377eb8"),
            ("pipeline", "管道", "Pipeline", "#4daf4a"),
            ("storage_yard", "储存场/堆场", "Storage yard", "#984ea3"),
            ("landfill_cell", "填埋单元", "Landfill cell", "#a65628"),
            # seed 004 三(二)2 names eight areas for the leakage investigation (issue 16)
            ("water_production_area", "涉水生产区", "Production area handling water", "#ff7f00", 4),
            ("sewage_system", "污水收集处理系统", "Sewage collection and treatment", "#1f78b4", 4),
            ("leachate_pond", "渗滤液收集池", "Leachate collection pond", "#6a3d9a", 4),
            ("inspection_well", "污水检查井", "Sewer inspection well", "#33a02c", 4),
            ("sludge_yard", "污泥堆放场", "Sludge yard", "#b15928", 4),
            ("other", "其他", "Other", "#999999"),
        ),
    ),
    CodeList(
        "water_source_type",
        "水源类型",
        "Water-source type",
        _codes(
            ("well_field", "孔隙水井群", "Porous-aquifer well field", "#2171b5"),
            ("riverside", "傍河水源地", "Riverside source", "#6baed6"),
            ("karst_spring", "岩溶泉域", "Karst spring", "#fd8d3c"),
            ("fissure", "裂隙水水源", "Fissure-water source", "#8c6d31"),
        ),
    ),
    CodeList(
        "water_source_level",
        "水源级别",
        "Water-source level",
        _codes(
            ("city", "地级及以上", "City level"),
            ("county", "县级", "County level"),
            ("township", "乡镇级", "Township level"),
            ("village", "农村千人以上", "Village (1000+ people)"),
        ),
    ),
    CodeList(
        "aquifer_medium",
        "含水介质",
        "Aquifer medium",
        _codes(("porous", "孔隙", "Porous"), ("fissure", "裂隙", "Fissure"), ("karst", "岩溶", "Karst")),
    ),
    CodeList(
        "burial",
        "埋藏条件",
        "Burial",
        _codes(("phreatic", "潜水", "Phreatic"), ("confined", "承压水", "Confined")),
    ),
    CodeList(
        "protection_zone_class",
        "保护区级别",
        "Protection-zone class",
        _codes(
            ("class_1", "一级保护区", "Class I zone", "#c51b7d"),
            ("class_2", "二级保护区", "Class II zone", "#f1b6da"),
            ("quasi", "准保护区", "Quasi-protection zone", "#fde0ef"),
        ),
    ),
    CodeList(
        "recharge_zone_kind",
        "补给区类型",
        "Recharge-zone kind",
        _codes(
            ("recharge", "补给区", "Recharge area", "#41ab5d"),
            ("capture", "稳定捕获区", "Steady capture zone", "#238b45"),
            ("time_of_travel", "运移时间区", "Time-of-travel zone", "#a1d99b"),
            ("spring_domain", "泉域", "Karst spring domain", "#fdae6b"),
        ),
    ),
    CodeList(
        "site_status",
        "地块状态",
        "Site status",
        _codes(
            ("operating", "在产企业用地", "Operating enterprise land"),
            ("closed", "关闭搬迁地块", "Closed / relocated site"),
            ("redeveloping", "再开发利用", "Being redeveloped"),
            ("remediated", "已修复", "Remediated"),
        ),
    ),
    CodeList(
        "exceedance",
        "超标情况",
        "Exceedance",
        _codes(
            ("unknown", "未调查", "Not investigated"),
            ("not_exceeding", "未超标", "Not exceeding"),
            ("exceeding", "超标", "Exceeding"),
        ),
    ),
    CodeList(
        "abandoned_well_kind",
        "废弃井类型",
        "Abandoned-well kind",
        _codes(
            ("mine_shaft", "废弃矿井", "Abandoned mine shaft", "#4d4d4d"),
            ("borehole", "废弃钻孔", "Abandoned borehole", "#8c6d31"),
            ("water_well", "废弃水井", "Abandoned water well", "#2166ac"),
            ("geothermal", "废弃地热井", "Abandoned geothermal well", "#d6604d"),
        ),
    ),
    CodeList(
        "risk_class",
        "风险等级",
        "Risk class",
        _codes(
            ("high", "高", "High", "#d7191c"),
            ("medium", "中", "Medium", "#fdae61"),
            ("low", "低", "Low", "#1a9641"),
        ),
    ),
    CodeList(
        "sealing_status",
        "封井状态",
        "Sealing status",
        _codes(
            ("not_sealed", "未封填", "Not sealed"),
            ("planned", "计划封填", "Sealing planned"),
            ("sealed", "已封填", "Sealed"),
            ("verified", "已验收", "Sealing verified"),
        ),
    ),
    CodeList(
        "zoning_scheme",
        "分区方案",
        "Zoning scheme",
        _codes(
            ("2019", "2019年分区指南（保护区/防控区/治理区）", "2019 guide (protection/prevention/treatment)"),
            ("2023", "2023年重点区划定指南（保护类/管控类/一般区）", "2023 guide (protection/control/general)"),
        ),
    ),
    CodeList(
        "zone_class",
        "分区类别",
        "Zone class",
        _codes(
            ("protection", "保护区", "Protection zone", "#1a9850"),
            ("prevention", "防控区", "Prevention-control zone", "#fee08b"),
            ("treatment", "治理区", "Treatment zone", "#d73027"),
            ("protection_type", "保护类区域", "Protection-type area", "#1a9850"),
            ("control_type", "管控类区域", "Control-type area", "#fc8d59"),
            ("general", "一般区", "General area", "#e0e0e0"),
        ),
    ),
    CodeList(
        "admin_level",
        "行政级别",
        "Administrative level",
        _codes(("city", "市", "City"), ("county", "县（市、区）", "County / district")),
    ),
    CodeList(
        "attachment_kind",
        "附件类型",
        "Attachment kind",
        _codes(
            ("photo", "照片", "Photo"),
            ("report", "报告", "Report"),
            ("document", "文件", "Document"),
            ("other", "其他", "Other"),
        ),
    ),
)
