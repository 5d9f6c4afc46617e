"""The declarative schema and the GeoPackage files made from it: validity, identity, versioning, upgrade."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from osgeo import ogr

from gw_plugin.core.data import gpkg
from gw_plugin.core.data import schema as S
from gw_plugin.core.data.model import UUID_RE
from gw_plugin.toolbelt.paths import resource

from ...conftest import SHARED

REQUIRED_TABLES = [
    "admin_units",
    "monitoring_wells",
    "samples",
    "sample_results",
    "drinking_water_sources",
    "protection_zones",
    "recharge_zones",
    "pollution_sources",
    "inspections",
    "attachments",
    "sites",
    "abandoned_wells",
    "zoning_units",
]


def test_schema_is_self_consistent():
    assert S.check_schema() == []


def test_required_tables_and_common_fields():
    for name in REQUIRED_TABLES:
        t = S.table(name)
        names = [f.name for f in t.all_fields()]
        for common in ("uuid", "county_code", "created_at", "created_by", "updated_at", "updated_by"):
            assert common in names, (name, common)


def test_codelists_cover_seed_vocabulary():
    assert len(S.codelist("well_type").codes) == 7
    assert {"phreatic", "karst", "fissure"} <= set(S.codelist("aquifer_layer").code_values())
    cats = set(S.codelist("source_category").code_values())
    assert len(cats) == 16 and {"chemical", "electroplating", "tailings_pond", "coalbed_methane", "other"} <= cats
    assert len(S.codelist("roster_kind").codes) == 3
    for cl in S.CODELISTS.values():
        for c in cl.codes:
            assert c.zh and c.en, (cl.name, c.code)


def test_relations_use_uuid_only():
    for t in S.TABLES:
        for fname, target in t.relations():
            assert fname.endswith("_uuid"), (t.name, fname)
            assert target in S.TABLES_BY_NAME


def test_created_database_is_valid_and_complete(tmp_path, validate):
    path = tmp_path / "city.gpkg"
    info = gpkg.create_database(str(path))
    assert info.schema_version == S.SCHEMA_VERSION
    assert validate(path) == []
    ds = ogr.Open(str(path))
    names = {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}
    assert set(REQUIRED_TABLES) <= names
    wells = ds.GetLayerByName("monitoring_wells")
    assert wells.GetSpatialRef().GetAuthorityCode(None) == "4547"
    assert ogr.GeometryTypeToName(wells.GetGeomType()) == "Point"
    assert ds.GetLayerByName("samples").GetGeomType() == ogr.wkbNone
    ds = None
    assert gpkg.read_meta(str(path))["schema_version"] == str(S.SCHEMA_VERSION)


def test_no_unique_constraint_except_uuid(tmp_path):
    path = tmp_path / "city.gpkg"
    gpkg.create_database(str(path))
    con = sqlite3.connect(path)
    for name in REQUIRED_TABLES:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
        assert sql.count("UNIQUE") == 1 and '"uuid" TEXT(36) UNIQUE' in sql, name
        idx = con.execute(f"PRAGMA index_list('{name}')").fetchall()
        unique_cols = []
        for row in idx:
            if row[2]:  # unique
                unique_cols += [c[2] for c in con.execute(f"PRAGMA index_info('{row[1]}')")]
        assert unique_cols == ["uuid"], (name, unique_cols)


def test_any_client_gets_uuid_and_timestamps(tmp_path):
    path = tmp_path / "city.gpkg"
    gpkg.create_database(str(path))
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL("INSERT INTO pollution_sources (county_code, source_code) VALUES ('419901', 'S1')")
    ds.ExecuteSQL("INSERT INTO pollution_sources (county_code, source_code) VALUES ('419901', 'S2')")
    ds.ExecuteSQL("UPDATE pollution_sources SET updated_at = '2000-01-01T00:00:00.000Z', name_zh = 'x' WHERE fid = 1")
    ds.ExecuteSQL("UPDATE pollution_sources SET name_zh = 'y' WHERE fid = 1")
    ds = None
    con = sqlite3.connect(path)
    rows = con.execute("SELECT uuid, created_at, updated_at FROM pollution_sources ORDER BY fid").fetchall()
    import re

    assert all(re.match(UUID_RE, r[0]) for r in rows)
    assert rows[0][0] != rows[1][0]
    assert rows[0][2] > "2000-01-01T00:00:00.000Z"  # the trigger touched updated_at on the data edit
    assert rows[1][1] is not None


def test_rejects_non_cgcs2000_crs(tmp_path):
    with pytest.raises(gpkg.SchemaError, match="Gauss-Kruger"):
        gpkg.create_database(str(tmp_path / "x.gpkg"), crs="EPSG:3857")
    assert not (tmp_path / "x.gpkg").exists()


@pytest.mark.parametrize("old_version", range(1, S.SCHEMA_VERSION))
def test_older_file_is_upgraded_with_backup(tmp_path, validate, old_version):
    path = tmp_path / "old.gpkg"
    gpkg.create_database(str(path), version=old_version)
    added_tables = [t.name for t in S.TABLES if t.since > old_version]
    added_fields = [
        (t.name, f.name) for t in S.TABLES if t.since <= old_version for f in t.fields if f.since > old_version
    ]
    assert added_tables or added_fields  # every version adds something
    old_ds = ogr.Open(str(path))
    assert all(old_ds.GetLayerByName(t) is None for t in added_tables)
    old_ds = None
    for table, field in added_fields:
        assert field not in gpkg.table_columns(str(path), table)
    ds = ogr.Open(str(path), 1)
    ds.ExecuteSQL("INSERT INTO monitoring_wells (county_code, well_code) VALUES ('419901', 'KEEP-ME')")
    ds = None
    info = gpkg.open_database(str(path))
    assert info.upgraded_from == old_version and info.schema_version == S.SCHEMA_VERSION
    assert gpkg.schema_version_of(info.backup_path) == old_version
    for table, field in added_fields:
        assert field in gpkg.table_columns(str(path), table)
    for table in added_tables:
        assert "uuid" in gpkg.table_columns(str(path), table)
    con = sqlite3.connect(path)
    assert con.execute("SELECT well_code FROM monitoring_wells").fetchall() == [("KEEP-ME",)]
    con.close()
    assert validate(path) == []
    # opening again is a no-op
    assert gpkg.open_database(str(path)).upgraded_from is None


def test_newer_file_is_refused_untouched(tmp_path):
    path = tmp_path / "new.gpkg"
    gpkg.create_database(str(path))
    con = sqlite3.connect(path)
    con.execute("UPDATE gw_meta SET value = ? WHERE key = 'schema_version'", (str(S.SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(gpkg.NewerSchemaError, match="newer than this plugin"):
        gpkg.open_database(str(path))
    assert path.read_bytes() == before


def test_not_a_project_database(tmp_path):
    path = tmp_path / "other.gpkg"
    ogr.GetDriverByName("GPKG").CreateDataSource(str(path)).CreateLayer("x")
    with pytest.raises(gpkg.SchemaError, match="not a gw_plugin project database"):
        gpkg.open_database(str(path))


def test_shipped_gb14848_table_matches_shared_reference():
    shipped = [
        r
        for r in csv.reader(
            line
            for line in open(resource("reference", "gbt14848_2017.csv"), encoding="utf-8")
            if not line.startswith("#")
        )
    ]
    ref_path = SHARED / "reference" / "gbt14848_2017.csv"
    if not ref_path.exists():
        pytest.skip("../shared not beside the project")
    ref = list(csv.reader(open(ref_path, encoding="utf-8")))
    assert shipped == ref
    assert len(shipped) == 94  # header + 93 indicators


def test_read_meta_after_a_crash_leaves_a_hot_journal(tmp_path):
    """A process killed mid-transaction leaves a hot journal: opening must roll it back, not fail."""
    import subprocess
    import sys

    path = tmp_path / "crash.gpkg"
    gpkg.create_database(str(path))
    code = (
        f"import os, sqlite3; c = sqlite3.connect(r'{path}', isolation_level=None); c.execute('BEGIN IMMEDIATE'); "
        "c.execute(\"UPDATE gw_meta SET value = 'garbage' WHERE key = 'crs'\"); "
        "c.execute('PRAGMA cache_size=1'); [c.execute('INSERT INTO gw_meta (key, value) VALUES (?, ?)', "
        "(str(i), 'x' * 2000)) for i in range(300)]; os._exit(9)"
    )
    subprocess.run([sys.executable, "-c", code], check=False)
    assert (tmp_path / "crash.gpkg-journal").exists()
    meta = gpkg.read_meta(str(path))
    assert meta["crs"] == "EPSG:4547" and "299" not in meta
