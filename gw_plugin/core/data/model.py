"""The building blocks of the declarative schema: code-list entries, code lists, fields, style hints and tables, plus
the system fields every table carries.

Pure Python, no QGIS import; no table or code list is defined here. The code lists live in core/data/codelists.py, the
tables in core/data/tables_*.py (one module per feature), and core/data/schema.py assembles them with the schema
version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


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

    def all_fields(self, version: Optional[int] = None) -> list:
        """System fields first, then the table's own fields present at schema ``version``.

        ``version`` None is the current schema: every field (core/data/schema.py ``check_schema`` makes sure no field
        is newer than ``SCHEMA_VERSION``)."""
        return [f for f in SYSTEM_FIELDS + self.fields if version is None or f.since <= version]

    def relations(self) -> list:
        """(field, referenced table) pairs of this table."""
        return [(f.name, f.references) for f in self.all_fields() if f.references]


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


def name_fields() -> tuple:
    """The Chinese and English name fields of tables whose features have a name."""
    return (
        Field("name_zh", "text", "名称", "Name (Chinese)", required=True),
        Field("name_en", "text", "英文名称", "Name (English)"),
    )
