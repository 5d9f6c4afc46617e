"""The one declarative schema of gw_plugin: tables, fields, code lists, constraints, form and style hints.

Everything else is derived from this schema: the GeoPackage tables (core/data/gpkg.py), the QGIS field widgets, forms
and styles (core/data/qgis_project.py), the demo city (core/demo/build.py) and the PostGIS platform schema
(core/sync/server_schema.py). Pure Python; no QGIS import here.

This module is the one place that assembles the schema: the schema version, the code lists (``CODELISTS``, defined in
core/data/codelists.py) and the tables in their order (``TABLES``, defined per feature in core/data/tables_*.py), with
the lookups. The classes (Table, Field, CodeList, ...) and the system fields are in core/data/model.py.

Rules that keep offline sync safe (see ../shared/design/sync.md):
- every table has an integer ``fid`` (local to one file) and a text ``uuid`` that is the identity used by every
  relation; relations never use fid;
- every table carries ``county_code``, ``created_at/by`` and ``updated_at/by``;
- no UNIQUE constraint except on ``uuid``.

Versioning: each table and field records the schema version that introduced it (``since``). ``tables_at(v)``
gives the schema as it was at version *v*, which is what the upgrade path (core/data/gpkg.py) compares against.
"""

from __future__ import annotations

from . import codelists, tables_common, tables_soil, tables_sources, tables_wells, tables_zones
from .model import CodeList, Table

#: Current schema version written into every project GeoPackage (table ``gw_meta``).
SCHEMA_VERSION = 4

#: Default projected CRS: CGCS2000 / 3-degree Gauss-Kruger CM 114E (covers Zhengzhou).
DEFAULT_CRS = "EPSG:4547"

#: Allowed projected CRSs: CGCS2000 3-degree Gauss-Kruger zones with central meridians 75E..135E,
#: "CM" variants (no zone prefix in false easting): EPSG:4534 (75E) .. EPSG:4554 (135E).
CGCS2000_GK3_CM_EPSG = {75 + 3 * i: 4534 + i for i in range(21)}

# --------------------------------------------------------------------------------------------------------------
# Code lists (vocabulary of the seeds; ../shared/reference/README.md §5)
# --------------------------------------------------------------------------------------------------------------
CODELISTS = {cl.name: cl for cl in codelists.CODE_LISTS}

# --------------------------------------------------------------------------------------------------------------
# Tables (their names are a public interface; the order of TABLES is the order of the schema)
# --------------------------------------------------------------------------------------------------------------
TABLES = (
    tables_common.ADMIN_UNITS,
    tables_wells.MONITORING_WELLS,
    tables_wells.SAMPLES,
    tables_wells.SAMPLE_RESULTS,
    tables_wells.WATER_LEVELS,
    tables_zones.DRINKING_WATER_SOURCES,
    tables_zones.PROTECTION_ZONES,
    tables_zones.RECHARGE_ZONES,
    tables_sources.POLLUTION_SOURCES,
    tables_sources.ROSTER_ENTRIES,
    tables_sources.INSPECTIONS,
    tables_sources.PERMITS,
    tables_sources.SPOTCHECK_BATCHES,
    tables_sources.INDICATOR_SNAPSHOTS,
    tables_sources.SOURCE_FACILITIES,
    tables_common.ATTACHMENTS,
    tables_sources.SITES,
    tables_sources.ABANDONED_WELLS,
    tables_zones.ZONING_UNITS,
    *tables_soil.TABLES,
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
