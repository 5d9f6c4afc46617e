"""Schema tables of the monitoring-well feature: monitoring wells, their samples and the sample results.

Declarative only (core/data/model.py classes); core/data/schema.py assembles them, in order, with the other tables.
"""

from __future__ import annotations

from .model import Field, Style, Table, name_fields

F = Field


MONITORING_WELLS = Table(
    "monitoring_wells",
    "监测井",
    "Monitoring wells",
    "Point",
    (
        F("well_code", "text", "监测井编号", "Well code", required=True, width=40),
        *name_fields(),
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
        # issue 12: the current class rests on each indicator's latest value within a window (core/wells/quality.py):
        # how many indicators it rests on (latest_governing names those that set it)
        F(
            "latest_n_indicators",
            "integer",
            "定类指标数",
            "Indicators the latest class rests on",
            minimum=0,
            readonly=True,
            since=4,
        ),
        # issue 18: the layered long-term monitoring-well list (seed 004 三(四)1) and the national assessment points'
        # target class; issue 16: wells that belong to an enterprise (its own self-monitoring wells)
        F("long_term", "boolean", "长期监测井", "Long-term monitoring well", since=4),
        F("target_class", "integer", "考核目标类别", "Target class (assessment point)", minimum=1, maximum=5, since=4),
        F("source_uuid", "text", "所属企业", "Enterprise owning the well", references="pollution_sources", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    style=Style("categorized", field="well_type", size_mm=2.4),
    group="wells",
)


SAMPLES = Table(
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
        # issue 12: a parallel sample (平行样) of the same well and day keeps its own code and results; this holds the
        # uuid of the sample it parallels (NULL for an ordinary sample)
        F("parallel_of", "text", "平行样对应样品", "Parallel sample of", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    display="sample_code",
    group="wells",
)


SAMPLE_RESULTS = Table(
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
        # what the lab wrote, beside value_text: the pair (value_text, unit_as_written) classifies the same as the
        # normalised pair (value_num, unit) — issue 12
        F("unit_as_written", "text", "单位（原文）", "Unit as written by the lab", since=4),
        F("basis_as_written", "text", "计量基准（原文，如以N计）", "Basis as written (e.g. as N)", since=4),
        F("qualifier", "text", "限定符（<、≤、>、≥、L、ND）", "Qualifier (<, ≤, >, ≥, L, ND)", since=4),
    ),
    display="parameter",
    group="wells",
)


#: issue 18: water levels (seed 000 三(五)15 水位; seed 004 §五 含水层水位). head_m is computed from the well's
#: ground elevation and the depth to water when the file gives only the depth.
WATER_LEVELS = Table(
    "water_levels",
    "地下水水位",
    "Water levels",
    None,
    (
        F("well_uuid", "text", "监测井", "Well", required=True, references="monitoring_wells"),
        F("measured_at", "datetime", "测量时间", "Measured at", required=True, not_in_future=True),
        F("depth_to_water_m", "real", "水位埋深", "Depth to water", minimum=-100, maximum=3000, unit="m"),
        F("head_m", "real", "地下水位标高", "Hydraulic head", minimum=-500, maximum=9000, unit="m"),
        F("method", "text", "测量方法", "Method", codelist="level_method"),
        F("measured_by", "text", "测量人", "Measured by"),
        F("remarks", "text", "备注", "Remarks", multiline=True),
    ),
    display="measured_at",
    group="wells",
    since=4,
)
