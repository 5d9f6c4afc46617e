"""Schema tables shared by every feature: administrative units (the base layer) and attachments (photos, reports
and documents of any record).

Declarative only (core/data/model.py classes); core/data/schema.py assembles them, in order, with the other tables.
"""

from __future__ import annotations

from .model import COUNTY_RE, UUID_RE, Field, Style, Table, name_fields

F = Field


ADMIN_UNITS = Table(
    "admin_units",
    "行政区",
    "Administrative units",
    "MultiPolygon",
    (
        F("code", "text", "行政区划代码", "Code", required=True, pattern=COUNTY_RE, width=6),
        *name_fields(),
        F("level", "text", "级别", "Level", required=True, codelist="admin_level"),
        F("parent_code", "text", "上级代码", "Parent code", pattern=COUNTY_RE, width=6),
    ),
    style=Style("single", color="#f2efe4", fill_opacity=0.0),
    group="base",
)


ATTACHMENTS = Table(
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
)
