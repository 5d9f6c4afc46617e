"""The one declarative schema of gw_plugin: tables, fields, code lists, constraints, form and style hints.

Everything else is derived from this module: the GeoPackage tables (core/data/gpkg.py), the QGIS field widgets, forms
and styles (core/data/qgis_project.py), the demo city (core/demo/build.py) and, later, the PostGIS platform schema.
Pure Python; no QGIS import here.

Rules that keep offline sync safe (see ../shared/design/sync.md):
- every table has an integer ``fid`` (local to one file) and a text ``uuid`` that is the identity used by every
  relation; relations never use fid;
- every table carries ``county_code``, ``created_at/by`` and ``updated_at/by``;
- no UNIQUE constraint except on ``uuid``.

Versioning: each table and field records the schema version that introduced it (``since``). ``tables_at(v)``
gives the schema as it was at version *v*, which is what the upgrade path (core/data/gpkg.py) compares against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

#: Current schema version written into every project GeoPackage (table ``gw_meta``).
SCHEMA_VERSION = 3

#: Default projected CRS: CGCS2000 / 3-degree Gauss-Kruger CM 114E (covers Zhengzhou).
DEFAULT_CRS = "EPSG:4547"

#: Allowed projected CRSs: CGCS2000 3-degree Gauss-Kruger zones with central meridians 75E..135E,
#: "CM" variants (no zone prefix in false easting): EPSG:4534 (75E) .. EPSG:4554 (135E).
CGCS2000_GK3_CM_EPSG = {75 + 3 * i: 4534 + i for i in range(21)}


@dataclass(frozen=True)
class Code:
    """One entry of a code list: stored ``code`` and its Chinese / English labels."""

    code: str
    zh: str
    en: str
    color: Optional[str] = None  # style colour (hex) where the code drives a map style
    since: int = 1


@dataclass(frozen=True)
class CodeList:
    name: str
    zh: str
    en: str
    codes: tuple
    extensible: bool = False  # users may add their own codes (e.g. aquifer layers)

    def code_values(self) -> list:
        return [c.code for c in self.codes]

    def label(self, code: str, lang: str = "zh") -> str:
        for c in self.codes:
            if c.code == code:
                return c.zh if lang.startswith("zh") else c.en
        return code

    def by_code(self) -> dict:
        return {c.code: c for c in self.codes}


# Field types: text, integer, real, boolean, date, datetime.
@dataclass(frozen=True)
class Field:
    name: str
    type: str
    zh: str
    en: str
    required: bool = False
    codelist: Optional[str] = None
    references: Optional[str] = None  # "table" whose uuid this text field holds
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    pattern: Optional[str] = None  # regular expression the value must match
    width: int = 0  # text width (0 = unlimited)
    multiline: bool = False
    unit: str = ""
    default: Optional[str] = None  # QGIS default value expression
    not_in_future: bool = False  # dates/datetimes
    hidden: bool = False  # not shown in forms (system fields)
    readonly: bool = False
    since: int = 1

    def label(self, lang: str = "zh") -> str:
        text = self.zh if lang.startswith("zh") else self.en
        return f"{text} ({self.unit})" if self.unit else text


@dataclass(frozen=True)
class Style:
    """Map style hint: a categorised renderer on ``field`` coloured from the code list's colours."""

    kind: str = "single"  # single | categorized
    field: Optional[str] = None
    color: str = "#3a7dc9"
    fill_opacity: float = 0.35
    size_mm: float = 2.2
    shape: str = "circle"  # marker shape for points


@dataclass(frozen=True)
class Table:
    name: str
    zh: str
    en: str
    geometry: Optional[str]  # None | "Point" | "MultiPolygon" | "MultiLineString"
    fields: tuple
    style: Style = Style()
    display: str = "name_zh"  # field or expression used as the feature's display name
    group: str = "base"  # layer-tree sub-group: base | wells | sources | zones | records
    since: int = 1

    def field(self, name: str) -> Field:
        for f in self.all_fields():
            if f.name == name:
                return f
        raise KeyError(f"{self.name}.{name}")

    def all_fields(self, version: int = SCHEMA_VERSION) -> list:
        """System fields first, then the table's own fields present at schema ``version``."""
        return [f for f in SYSTEM_FIELDS + self.fields if f.since <= version]

    def relations(self) -> list:
        """(field, referenced table) pairs of this table."""
        return [(f.name, f.references) for f in self.all_fields() if f.references]


def _codes(*rows) -> tuple:
    return tuple(Code(*r) for r in rows)


# --------------------------------------------------------------------------------------------------------------
# Code lists (vocabulary of the seeds; ../shared/reference/README.md §5)
# --------------------------------------------------------------------------------------------------------------
CODELISTS = {
    cl.name: cl
    for cl in [
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
    ]
}

# --------------------------------------------------------------------------------------------------------------
# Fields every table carries
# --------------------------------------------------------------------------------------------------------------
UUID_RE = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
COUNTY_RE = r"^[0-9]{6}$"

SYSTEM_FIELDS = (
    Field("uuid", "text", "唯一标识", "UUID", required=True, pattern=UUID_RE, width=36, hidden=True, readonly=True),
    Field("county_code", "text", "县级行政区划代码", "County code", required=True, pattern=COUNTY_RE, width=6),
    Field("created_at", "datetime", "创建时间", "Created at", hidden=True, readonly=True),
    Field("created_by", "text", "创建人", "Created by", hidden=True, readonly=True),
    Field("updated_at", "datetime", "修改时间", "Updated at", hidden=True, readonly=True),
    Field("updated_by", "text", "修改人", "Updated by", hidden=True, readonly=True),
)

SYSTEM_FIELD_NAMES = tuple(f.name for f in SYSTEM_FIELDS)


def _name_fields() -> tuple:
    return (
        Field("name_zh", "text", "名称", "Name (Chinese)", required=True),
        Field("name_en", "text", "英文名称", "Name (English)"),
    )


F = Field
# --------------------------------------------------------------------------------------------------------------
# Tables (their names are a public interface)
# --------------------------------------------------------------------------------------------------------------
TABLES = (
    Table(
        "admin_units",
        "行政区",
        "Administrative units",
        "MultiPolygon",
        (
            F("code", "text", "行政区划代码", "Code", required=True, pattern=COUNTY_RE, width=6),
            *_name_fields(),
            F("level", "text", "级别", "Level", required=True, codelist="admin_level"),
            F("parent_code", "text", "上级代码", "Parent code", pattern=COUNTY_RE, width=6),
        ),
        style=Style("single", color="#f2efe4", fill_opacity=0.0),
        group="base",
    ),
    Table(
        "monitoring_wells",
        "监测井",
        "Monitoring wells",
        "Point",
        (
            F("well_code", "text", "监测井编号", "Well code", required=True, width=40),
            *_name_fields(),
            F("well_type", "text", "监测井类型", "Well type", required=True, codelist="well_type"),
            F("aquifer_layer", "text", "含水层位", "Aquifer layer", required=True, codelist="aquifer_layer"),
            F("status", "text", "状态", "Status", required=True, codelist="well_status"),
            F("department", "text", "权属部门", "Owning department", codelist="department"),
            F("depth_m", "real", "井深", "Well depth", minimum=0, maximum=3000, unit="m"),
            F("screen_top_m", "real", "滤管顶深", "Screen top depth", minimum=0, maximum=3000, unit="m"),
            F("screen_bottom_m", "real", "滤管底深", "Screen bottom depth", minimum=0, maximum=3000, unit="m"),
            F("ground_elev_m", "real", "地面高程", "Ground elevation", minimum=-500, maximum=9000, unit="m"),
            F("built_date", "date", "建井日期", "Construction date", not_in_future=True),
            F("water_source_uuid", "text", "所属水源地", "Water source", references="drinking_water_sources"),
            F("pumping_rate_m3d", "real", "开采量", "Pumping rate", minimum=0, unit="m³/d"),
            F("source_codes", "text", "各部门编号", "Codes in departments' lists", multiline=True),
            F("assessment_point", "boolean", "国家考核点位", "National assessment point", since=2),
            # Derived by gwplugin:updatewellquality (GB/T 14848-2017 class of the latest sample), for forms and styles
            F(
                "latest_class",
                "integer",
                "最新水质类别",
                "Latest GB/T 14848 class",
                minimum=1,
                maximum=5,
                readonly=True,
                since=3,
            ),
            F("latest_sampled_on", "date", "最新采样日期", "Latest sampling date", readonly=True, since=3),
            F(
                "latest_governing",
                "text",
                "最新定类指标",
                "Indicators setting the latest class",
                readonly=True,
                since=3,
            ),
            F("remarks", "text", "备注", "Remarks", multiline=True),
        ),
        style=Style("categorized", field="well_type", size_mm=2.4),
        group="wells",
    ),
    Table(
        "samples",
        "采样记录",
        "Samples",
        None,
        (
            F("well_uuid", "text", "监测井", "Well", required=True, references="monitoring_wells"),
            F("sample_code", "text", "样品编号", "Sample code", required=True, width=40),
            F("sampled_on", "date", "采样日期", "Sampling date", required=True, not_in_future=True),
            F("lab", "text", "检测单位", "Laboratory"),
            F("sample_depth_m", "real", "采样深度", "Sampling depth", minimum=0, maximum=3000, unit="m"),
            F("remarks", "text", "备注", "Remarks", multiline=True),
        ),
        display="sample_code",
        group="wells",
    ),
    Table(
        "sample_results",
        "检测结果",
        "Sample results",
        None,
        (
            F("sample_uuid", "text", "样品", "Sample", required=True, references="samples"),
            F("parameter", "text", "指标", "Parameter", required=True),
            F("value_text", "text", "检测值（原文）", "Value as written by the lab", required=True),
            F("value_num", "real", "数值", "Numeric value"),
            F("unit", "text", "单位", "Unit"),
            F("below_detection", "boolean", "低于检出限", "Below detection limit"),
            F("detection_limit", "real", "检出限", "Detection limit", minimum=0),
            F("method", "text", "分析方法", "Method"),
        ),
        display="parameter",
        group="wells",
    ),
    Table(
        "drinking_water_sources",
        "饮用水水源地",
        "Drinking-water sources",
        "Point",
        (
            F("source_code", "text", "水源地编号", "Source code", required=True, width=40),
            *_name_fields(),
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
    ),
    Table(
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
    ),
    Table(
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
    ),
    Table(
        "pollution_sources",
        "污染源",
        "Pollution sources",
        "Point",
        (
            F("source_code", "text", "污染源编号", "Source code", required=True, width=40),
            *_name_fields(),
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
            F("remarks", "text", "备注", "Remarks", multiline=True),
        ),
        style=Style("categorized", field="category", size_mm=2.6, shape="square"),
        group="sources",
    ),
    Table(
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
    ),
    Table(
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
        ),
        style=Style("single", color="#ffd400", size_mm=2.0, shape="triangle"),
        display="kind",
        group="records",
    ),
    Table(
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
    ),
    Table(
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
    ),
    Table(
        "source_facilities",
        "污染源设施",
        "Source facilities",
        "Point",
        (
            F("source_uuid", "text", "污染源", "Pollution source", required=True, references="pollution_sources"),
            F("facility_type", "text", "设施类型", "Facility type", required=True, codelist="facility_type"),
            *_name_fields(),
            F("underground", "boolean", "地下或半地下", "Underground or partly underground"),
            F("antiseepage_status", "text", "防渗改造", "Anti-seepage retrofit", codelist="antiseepage_status"),
            F("leak_found", "boolean", "发现渗漏", "Leak found"),
            F("remarks", "text", "备注", "Remarks", multiline=True),
        ),
        style=Style("categorized", field="facility_type", size_mm=1.8, shape="diamond"),
        group="sources",
        since=3,
    ),
    Table(
        "attachments",
        "附件",
        "Attachments",
        None,
        (
            F("parent_table", "text", "所属表", "Parent table", required=True),
            F("parent_uuid", "text", "所属记录", "Parent record", required=True, pattern=UUID_RE),
            F("kind", "text", "类型", "Kind", codelist="attachment_kind"),
            F("file_path", "text", "文件路径", "File path (relative to the GeoPackage)", required=True),
            F("sha256", "text", "内容哈希", "SHA-256", pattern=r"^[0-9a-f]{64}$", width=64, readonly=True),
            F("caption", "text", "说明", "Caption"),
            F("taken_at", "datetime", "拍摄/形成时间", "Taken at", not_in_future=True),
        ),
        display="caption",
        group="records",
    ),
    Table(
        "sites",
        "地块",
        "Sites",
        "MultiPolygon",
        (
            F("site_code", "text", "地块编号", "Site code", required=True, width=40),
            *_name_fields(),
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
        ),
        style=Style("single", color="#8c510a", fill_opacity=0.25),
        group="sources",
    ),
    Table(
        "abandoned_wells",
        "废弃井",
        "Abandoned wells",
        "Point",
        (
            F("well_code", "text", "编号", "Code", required=True, width=40),
            *_name_fields(),
            F("kind", "text", "类型", "Kind", required=True, codelist="abandoned_well_kind"),
            F("depth_m", "real", "深度", "Depth", minimum=0, maximum=5000, unit="m"),
            F("risk_class", "text", "风险等级", "Risk class", codelist="risk_class"),
            F("sealing_status", "text", "封井状态", "Sealing status", required=True, codelist="sealing_status"),
            F("sealed_on", "date", "封填日期", "Sealed on", not_in_future=True),
            F("remarks", "text", "备注", "Remarks", multiline=True),
        ),
        style=Style("categorized", field="kind", size_mm=2.0, shape="cross"),
        group="sources",
        since=2,
    ),
    Table(
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
    ),
)

TABLES_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return TABLES_BY_NAME[name]


def codelist(name: str) -> CodeList:
    return CODELISTS[name]


def tables_at(version: int = SCHEMA_VERSION) -> list:
    """The tables as they were at schema ``version``."""
    return [t for t in TABLES if t.since <= version]


def check_schema() -> list:
    """Self-consistency problems of the schema (empty when sound); used by the tests."""
    problems = []
    names = set()
    for t in TABLES:
        if t.name in names:
            problems.append(f"duplicate table {t.name}")
        names.add(t.name)
        seen = set()
        for f in t.all_fields():
            if f.name in seen or f.name == "fid":
                problems.append(f"{t.name}: duplicate or reserved field {f.name}")
            seen.add(f.name)
            if f.codelist and f.codelist not in CODELISTS:
                problems.append(f"{t.name}.{f.name}: unknown code list {f.codelist}")
            if f.references and f.references not in TABLES_BY_NAME:
                problems.append(f"{t.name}.{f.name}: unknown table {f.references}")
            if f.type not in ("text", "integer", "real", "boolean", "date", "datetime"):
                problems.append(f"{t.name}.{f.name}: unknown type {f.type}")
            if f.since > SCHEMA_VERSION:
                problems.append(f"{t.name}.{f.name}: since {f.since} is in the future")
        if t.style.field and t.style.field not in seen:
            problems.append(f"{t.name}: style field {t.style.field} missing")
    for cl in CODELISTS.values():
        codes = cl.code_values()
        if len(codes) != len(set(codes)):
            problems.append(f"code list {cl.name} repeats a code")
    return problems
