"""Tables of the soil pilot area (seed 001, issue 19): the dated life-cycle stages of construction-land sites and the
quality spot checks of their surveys. Assembled into the one schema by core/data/schema.py; the stages themselves
are listed with the sites table (core/data/tables_sources.py ``SITE_STAGES``), their labels and rules are in
core/soil/stages.py."""

from __future__ import annotations

from .model import Field, Style, Table
from .tables_sources import SITE_STAGE_RE

F = Field

SURVEY_PHASE_RE = "^(phase1_survey|phase2_survey)$"
CHECK_RESULT_RE = "^(pass|rectify|fail)$"

#: one dated stage of a site's life (seed 001 二(三)1 建设用地全生命周期联动监管): first-phase survey → second-phase
#: survey → risk assessment → the risk-control and remediation list → works → effect assessment → off the list.
#: The documents of a stage are attachments with parent_table = 'site_stages'.
SITE_STAGES = Table(
    "site_stages",
    "地块阶段",
    "Site stages",
    None,
    (
        F("site_uuid", "text", "地块", "Site", required=True, references="sites", since=4),
        F("stage", "text", "阶段", "Stage", required=True, pattern=SITE_STAGE_RE, since=4),
        F("started_on", "date", "开始日期", "Started on", required=True, not_in_future=True, since=4),
        F("finished_on", "date", "完成日期", "Finished on", not_in_future=True, since=4),
        F("organisation", "text", "从业单位", "Organisation", since=4),
        F("report_ref", "text", "报告/评审意见编号", "Report or review reference", since=4),
        F("conclusion", "text", "结论", "Conclusion", multiline=True, since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    display="stage",
    group="records",
    since=4,
)

#: quality spot checks of site surveys (seed 001 二(二)1: 第一阶段 ≥ 20 %, 第二阶段 ≥ 30 %), drawn with the sampler of
#: the source spot checks and recorded with their findings
SURVEY_CHECKS = Table(
    "survey_checks",
    "调查质量抽查",
    "Survey quality spot checks",
    None,
    (
        F("batch_id", "text", "抽查批次", "Batch", required=True, width=40, since=4),
        F("site_uuid", "text", "地块", "Site", required=True, references="sites", since=4),
        F("stage_uuid", "text", "被抽查的调查", "Survey checked", references="site_stages", since=4),
        F("survey_phase", "text", "调查阶段", "Survey phase", required=True, pattern=SURVEY_PHASE_RE, since=4),
        F("share_percent", "real", "抽查比例", "Share", minimum=0, maximum=100, unit="%", since=4),
        F("drawn_on", "date", "抽取日期", "Drawn on", required=True, not_in_future=True, since=4),
        F("checked_on", "date", "检查日期", "Checked on", not_in_future=True, since=4),
        F("inspector", "text", "检查人", "Inspector", since=4),
        F("result", "text", "检查结论", "Result", pattern=CHECK_RESULT_RE, since=4),
        F("findings", "text", "发现问题", "Findings", multiline=True, since=4),
    ),
    style=Style("single"),
    display="batch_id",
    group="records",
    since=4,
)

HD_KIND_RE = "^(initial|periodic|lookback)$"
HD_LEVEL_RE = "^(major|general)$"

#: hidden-danger investigations of the soil key supervised units (seed 001 二(一)2(2): 建立隐患排查和整改台账; a unit
#: newly on the roster investigates within one year of its listing; "回头看" batches look back at the quality of
#: investigations and the effect of rectification)
HD_INVESTIGATIONS = Table(
    "hd_investigations",
    "土壤污染隐患排查",
    "Hidden-danger investigations",
    None,
    (
        F(
            "source_uuid",
            "text",
            "重点监管单位",
            "Key supervised unit",
            required=True,
            references="pollution_sources",
            since=4,
        ),
        F("kind", "text", "类型", "Kind", required=True, pattern=HD_KIND_RE, since=4),
        F("batch_id", "text", "回头看批次", "Look-back batch", width=40, since=4),
        F("started_on", "date", "开始日期", "Started on", required=True, not_in_future=True, since=4),
        F("finished_on", "date", "完成日期", "Finished on", not_in_future=True, since=4),
        F("organisation", "text", "排查单位", "Organisation", since=4),
        F("report_ref", "text", "报告编号", "Report reference", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    display="kind",
    group="records",
    since=4,
)

#: the hidden dangers found and their rectification (the 整改台账)
HIDDEN_DANGERS = Table(
    "hidden_dangers",
    "隐患整改台账",
    "Hidden dangers and rectification",
    None,
    (
        F(
            "investigation_uuid",
            "text",
            "隐患排查",
            "Investigation",
            required=True,
            references="hd_investigations",
            since=4,
        ),
        F(
            "source_uuid",
            "text",
            "重点监管单位",
            "Key supervised unit",
            required=True,
            references="pollution_sources",
            since=4,
        ),
        F("facility", "text", "设施/区域", "Facility or area", since=4),
        F("description", "text", "隐患描述", "Hidden danger", required=True, multiline=True, since=4),
        F("level", "text", "隐患等级", "Level", pattern=HD_LEVEL_RE, since=4),
        F("found_on", "date", "发现日期", "Found on", required=True, not_in_future=True, since=4),
        F("rectify_by", "date", "整改期限", "Rectify by", since=4),
        F("rectified_on", "date", "整改完成日期", "Rectified on", not_in_future=True, since=4),
        F("verified_on", "date", "整改核查日期", "Rectification verified on", not_in_future=True, since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    display="description",
    group="records",
    since=4,
)

POINT_KIND_RE = "^(surface|boring|well|surrounding)$"
ANALYTE_GROUP_RE = "^(metals|mercury|chromium_vi|cyanide|voc|svoc|tph|other)$"

#: sampling points of a site survey (seed 001 二(三)3: 点位设置、钻探采样): surface points, borings and monitoring wells;
#: and the surrounding monitoring points of the key supervised units (kind 'surrounding', with source_uuid)
SOIL_POINTS = Table(
    "soil_points",
    "土壤采样点位",
    "Soil sampling points",
    "Point",
    (
        F("site_uuid", "text", "地块", "Site", references="sites", since=4),
        F("stage_uuid", "text", "所属调查", "Survey", references="site_stages", since=4),
        # surrounding monitoring of a key supervised unit (seed 001 二(一)2(4)): kind 'surrounding' and the unit
        F(
            "source_uuid",
            "text",
            "周边监测对应的重点监管单位",
            "Unit monitored around",
            references="pollution_sources",
            since=4,
        ),
        F("point_code", "text", "点位编号", "Point code", required=True, width=40, since=4),
        F("kind", "text", "点位类型", "Kind", required=True, pattern=POINT_KIND_RE, since=4),
        F("bored_on", "date", "钻探日期", "Bored on", not_in_future=True, since=4),
        F("boring_depth_m", "real", "钻探深度", "Boring depth", minimum=0, maximum=200, unit="m", since=4),
        F("driller", "text", "钻探单位/人员", "Driller", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    style=Style("single", color="#b35806", size_mm=2.0, shape="diamond"),
    display="point_code",
    group="records",
    since=4,
)

#: soil samples with their depth interval and chain of custody (采样、保存、流转、接收、检测: who and when; the hold
#: times are checked by core/soil/custody.py)
SOIL_SAMPLES = Table(
    "soil_samples",
    "土壤样品",
    "Soil samples",
    None,
    (
        F("point_uuid", "text", "采样点位", "Sampling point", required=True, references="soil_points", since=4),
        F("sample_code", "text", "样品编号", "Sample code", required=True, width=40, since=4),
        F("top_m", "real", "采样顶深", "Top depth", minimum=0, maximum=200, unit="m", since=4),
        F("bottom_m", "real", "采样底深", "Bottom depth", minimum=0, maximum=200, unit="m", since=4),
        F("analyte_group", "text", "检测项目类别", "Analyte group", pattern=ANALYTE_GROUP_RE, since=4),
        F("collected_at", "datetime", "采样时间", "Collected at", not_in_future=True, since=4),
        F("collected_by", "text", "采样人", "Collected by", since=4),
        F("preserved_at", "datetime", "保存时间", "Preserved at", not_in_future=True, since=4),
        F("preserved_by", "text", "保存人", "Preserved by", since=4),
        F("preservation", "text", "保存方式", "Preservation", since=4),
        F("shipped_at", "datetime", "流转（寄送）时间", "Shipped at", not_in_future=True, since=4),
        F("shipped_by", "text", "寄送人", "Shipped by", since=4),
        F("received_at", "datetime", "实验室接收时间", "Received at", not_in_future=True, since=4),
        F("received_by", "text", "接收人", "Received by", since=4),
        F("analysed_at", "datetime", "检测时间", "Analysed at", not_in_future=True, since=4),
        F("analysed_by", "text", "检测人", "Analysed by", since=4),
        F("lab", "text", "检测单位", "Laboratory", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    display="sample_code",
    group="records",
    since=4,
)

#: soil results as written by the lab (value_text) and read (value_num in the unit written, non-detects)
SOIL_RESULTS = Table(
    "soil_results",
    "土壤检测结果",
    "Soil results",
    None,
    (
        F("sample_uuid", "text", "样品", "Sample", required=True, references="soil_samples", since=4),
        F("parameter", "text", "检测项目", "Parameter", required=True, since=4),
        F("value_text", "text", "检测值（原文）", "Value as written", since=4),
        F("value_num", "real", "检测值", "Value", since=4),
        F("unit", "text", "单位", "Unit", since=4),
        F("below_detection", "boolean", "未检出", "Below detection", since=4),
        F("detection_limit", "real", "检出限", "Detection limit", since=4),
        F("method", "text", "检测方法", "Method", since=4),
    ),
    display="parameter",
    group="records",
    since=4,
)

RESULT_RE = "^(pass|rectify|fail)$"
RESAMPLE_RE = "^(consistent|inconsistent)$"
PROJECT_STATUS_RE = "^(planned|in_progress|completed|accepted)$"

#: spot checks of the key supervised units' self-monitoring reports, with re-sampling where the seed asks for it
#: (seed 001 二(一)2(3): 对自行监测工作效果开展抽查，对土壤污染隐患较大或周边调查发现土壤或地下水超标的企业开展复核采样检查)
SELFMON_CHECKS = Table(
    "selfmon_checks",
    "自行监测报告抽查",
    "Self-monitoring report spot checks",
    None,
    (
        F(
            "source_uuid",
            "text",
            "重点监管单位",
            "Key supervised unit",
            required=True,
            references="pollution_sources",
            since=4,
        ),
        F("year", "integer", "报告年度", "Report year", required=True, minimum=2000, maximum=2100, since=4),
        F("batch_id", "text", "抽查批次", "Batch", required=True, width=40, since=4),
        F("drawn_on", "date", "抽取日期", "Drawn on", required=True, not_in_future=True, since=4),
        F("resample_required", "boolean", "需复核采样", "Re-sampling required", since=4),
        F("resample_reason", "text", "复核采样理由", "Why re-sampling", multiline=True, since=4),
        F("checked_on", "date", "检查日期", "Checked on", not_in_future=True, since=4),
        F("report_result", "text", "报告检查结论", "Report check result", pattern=RESULT_RE, since=4),
        F("resampled_on", "date", "复核采样日期", "Re-sampled on", not_in_future=True, since=4),
        F("resample_result", "text", "复核结论", "Re-sampling result", pattern=RESAMPLE_RE, since=4),
        F("findings", "text", "发现问题", "Findings", multiline=True, since=4),
    ),
    display="batch_id",
    group="records",
    since=4,
)

#: demolition of facilities, equipment or buildings at a key supervised unit (拆除活动污染防治, seed 001 二(三)2)
DEMOLITIONS = Table(
    "demolitions",
    "拆除活动",
    "Demolitions",
    None,
    (
        F(
            "source_uuid",
            "text",
            "重点监管单位",
            "Key supervised unit",
            required=True,
            references="pollution_sources",
            since=4,
        ),
        F("facility", "text", "拆除对象", "What is demolished", required=True, since=4),
        F(
            "plan_filed_on",
            "date",
            "土壤污染防治工作方案备案日期",
            "Pollution-prevention plan filed on",
            not_in_future=True,
            since=4,
        ),
        F("started_on", "date", "开工日期", "Started on", not_in_future=True, since=4),
        F("finished_on", "date", "完工日期", "Finished on", not_in_future=True, since=4),
        F("summary_filed_on", "date", "总结报告提交日期", "Summary report filed on", not_in_future=True, since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    display="facility",
    group="records",
    since=4,
)

#: the source-control projects ledger (seed 001 二(一)3 and 附表1 3.1–3.2: 土壤污染源头管控项目)
SOURCE_CONTROL_PROJECTS = Table(
    "source_control_projects",
    "源头管控项目",
    "Source-control projects",
    None,
    (
        F("source_uuid", "text", "实施企业", "Enterprise", required=True, references="pollution_sources", since=4),
        F("name_zh", "text", "项目名称", "Project", required=True, since=4),
        F("programme", "text", "项目批次/来源", "Programme", since=4),
        F("status", "text", "进展", "Status", required=True, pattern=PROJECT_STATUS_RE, since=4),
        F("started_on", "date", "开工日期", "Started on", not_in_future=True, since=4),
        F("finished_on", "date", "完工日期", "Finished on", not_in_future=True, since=4),
        F("investment_10k_yuan", "real", "投资", "Investment", minimum=0, unit="万元", since=4),
        F("remarks", "text", "备注", "Remarks", multiline=True, since=4),
    ),
    group="records",
    since=4,
)

#: the soil room's tables, in creation order (each with since=4 or later)
TABLES: tuple = (
    SITE_STAGES,
    SURVEY_CHECKS,
    HD_INVESTIGATIONS,
    HIDDEN_DANGERS,
    SOIL_POINTS,
    SOIL_SAMPLES,
    SOIL_RESULTS,
    SELFMON_CHECKS,
    DEMOLITIONS,
    SOURCE_CONTROL_PROJECTS,
)
