"""The city platform on a real PostgreSQL/PostGIS: schema generated from the declarative schema, idempotent
initialisation and additive upgrade, connection strings (URI, service, QGIS authcfg), and the Processing
algorithms initplatform / checkout / sync run through processing.run."""

from __future__ import annotations

import os

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from gw_plugin.core.data import schema as S
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.report import SyncError
from gw_plugin.processing.provider import register_provider
from tests.core.sync.test_sync import A, B, add_well, edit, local_rows, project_with_wells, server_rows
from tests.pg import pg_server  # noqa: F401  (session fixture)


@pytest.fixture
def empty_db(pg_server):  # noqa: F811
    return pg_server.conninfo(pg_server.create_database("plat"))


def _columns(cur, table):
    cur.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        (f"gw.{table}",),
    )
    return dict(cur.fetchall())


def test_initplatform_creates_schema_from_declarative_schema(empty_db):
    info = P.initplatform(empty_db, "EPSG:4546")
    assert info.created and info.srid == 4546 and info.schema_version == S.SCHEMA_VERSION
    con = P.connect(empty_db)
    cur = con.cursor()
    for t in S.TABLES:
        cols = _columns(cur, t.name)
        for f in t.all_fields():
            assert f.name in cols, (t.name, f.name)
        assert cols["uuid"] == "uuid" and cols["rev"] == "bigint"
        if t.geometry:
            assert cols["geom"].lower() == f"geometry({t.geometry.lower()},4546)"
        cur.execute("SELECT relrowsecurity FROM pg_class WHERE oid = %s::regclass", (f"gw.{t.name}",))
        assert cur.fetchone()[0] is True
        cur.execute(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'p'", (f"gw.{t.name}",)
        )
        assert cur.fetchone()[0] == 1
    assert _columns(cur, "monitoring_wells")["depth_m"] == "double precision"
    assert _columns(cur, "samples")["sampled_on"] == "date"
    assert _columns(cur, "samples")["created_at"] == "timestamp with time zone"
    cur.execute("SELECT value FROM gw.meta WHERE key = 'schema_version'")
    assert int(cur.fetchone()[0]) == S.SCHEMA_VERSION
    # revisions come from one global sequence across tables; deletes leave tombstones
    cur.execute(
        "INSERT INTO gw.monitoring_wells (uuid, county_code, well_code) VALUES (gen_random_uuid(), %s, 'a') "
        "RETURNING rev",
        (A,),
    )
    r1 = cur.fetchone()[0]
    cur.execute(
        "INSERT INTO gw.sites (uuid, county_code, site_code, name_zh) VALUES (gen_random_uuid(), %s, 's', 'x') "
        "RETURNING rev, uuid",
        (A,),
    )
    r2, site = cur.fetchone()
    assert r2 == r1 + 1
    cur.execute("DELETE FROM gw.sites WHERE uuid = %s", (site,))
    cur.execute("SELECT rev FROM gw.tombstones WHERE tbl = 'sites' AND uuid = %s", (site,))
    assert cur.fetchone()[0] == r2 + 1
    cur.execute("SELECT op FROM gw.change_log ORDER BY rev")
    assert [r[0] for r in cur.fetchall()] == ["I", "I", "D"]
    con.commit()
    con.close()


def test_initplatform_is_idempotent_and_upgrades_additively(empty_db):
    P.initplatform(empty_db)
    src_rows = P.initplatform(empty_db)
    assert not src_rows.created and src_rows.upgraded_from is None
    con = P.connect(empty_db)
    cur = con.cursor()
    cur.execute(
        "INSERT INTO gw.monitoring_wells (uuid, county_code, well_code) VALUES (gen_random_uuid(), %s, 'keep')", (A,)
    )
    # make it look like a version-1 platform: without the table and field introduced in version 2
    cur.execute("DROP TABLE gw.abandoned_wells")
    cur.execute("ALTER TABLE gw.monitoring_wells DROP COLUMN assessment_point")
    cur.execute("UPDATE gw.meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    info = P.initplatform(empty_db)
    assert info.upgraded_from == 1
    assert "assessment_point" in _columns(cur, "monitoring_wells")
    assert "sealing_status" in _columns(cur, "abandoned_wells")
    cur.execute("SELECT well_code FROM gw.monitoring_wells")
    assert cur.fetchall() == [("keep",)]  # data kept
    con.rollback()
    with pytest.raises(P.PlatformError, match="EPSG:4547"):
        P.initplatform(empty_db, "EPSG:4546")  # the CRS is fixed at creation
    with pytest.raises(P.PlatformError):
        P.initplatform(empty_db, "EPSG:4326")
    con.close()


def test_connection_forms(pg_server, empty_db, tmp_path, monkeypatch, qgis_app):  # noqa: F811
    P.initplatform(empty_db)
    params = dict(kv.split("=", 1) for kv in empty_db.split())
    uri = f"postgresql://{params['user']}@{params['host']}:{params['port']}/{params['dbname']}"
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(
        f"[gw_city]\nhost={params['host']}\nport={params['port']}\ndbname={params['dbname']}\nuser={params['user']}\n"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    for platform in (uri, "service=gw_city"):
        con = P.connect(platform)
        assert P.platform_info(con).srid == 4547
        con.close()
    # authcfg: the user name comes from the QGIS authentication database
    from qgis.core import QgsAuthMethodConfig

    pg_server.create_login("auth_user")
    am = QgsApplication.authManager()
    if not am.setMasterPassword("gw-test-master", True):  # the test profile's auth db is ours to create
        pytest.skip(f"{QgsApplication.qgisAuthDatabaseFilePath()} has another master password")
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("gw platform test")
    cfg.setConfig("username", "auth_user")
    cfg.setConfig("password", "o'secret")
    assert am.storeAuthenticationConfig(cfg)
    resolved = P.resolve_conninfo(
        f"host={params['host']} port={params['port']} dbname={params['dbname']} authcfg={cfg.id()}"
    )
    assert "authcfg" not in resolved and "user='auth_user'" in resolved and "o\\'secret" in resolved
    con = P.connect(f"host={params['host']} port={params['port']} dbname={params['dbname']} authcfg={cfg.id()}")
    cur = con.cursor()
    cur.execute("SELECT current_user")
    assert cur.fetchone()[0] == "auth_user"
    con.close()
    # the same through a URI with authcfg among its query parameters
    uri_auth = (
        f"postgresql://{params['host']}:{params['port']}/{params['dbname']}?authcfg={cfg.id()}&application_name=gwtest"
    )
    con = P.connect(uri_auth)
    cur = con.cursor()
    cur.execute("SELECT current_user, current_setting('application_name')")
    assert cur.fetchone()[0] == "auth_user"
    con.close()
    am.removeAuthenticationConfig(cfg.id())
    with pytest.raises(P.PlatformError):
        P.resolve_conninfo(f"host=x authcfg={cfg.id()}")


@pytest.fixture(scope="module")
def provider(qgis_processing):
    register_provider()
    return QgsApplication.processingRegistry().providerById("gwplugin")


def test_processing_initplatform_checkout_sync(provider, empty_db, tmp_path, validate):
    import processing

    ids = {a.id() for a in provider.algorithms()}
    assert {"gwplugin:initplatform", "gwplugin:checkout", "gwplugin:sync"} <= ids
    assert provider.algorithm("sync").group() and provider.algorithm("sync").groupId() == "sync"
    res = processing.run("gwplugin:initplatform", {"PLATFORM": empty_db, "CRS": "EPSG:4547"})
    assert res["SCHEMA_VERSION"] == S.SCHEMA_VERSION
    src = str(tmp_path / "city.gpkg")
    wells = project_with_wells(src, 2, A)
    add_well(src, B)
    res = processing.run("gwplugin:sync", {"DATABASE": src, "PLATFORM": empty_db})
    assert res["PUSHED"] == 3 and res["REJECTED"] == 0
    out = str(tmp_path / "field.gpkg")
    res = processing.run(
        "gwplugin:checkout", {"PLATFORM": empty_db, "COUNTIES": f"{A}", "OUTPUT": out, "PROJECT": False}
    )
    assert res["OUTPUT"] == out and validate(out) == []
    assert set(local_rows(out)) == set(wells)
    edit(out, "monitoring_wells", wells[0], remarks="field check")
    res = processing.run("gwplugin:sync", {"DATABASE": out, "PLATFORM": empty_db, "DIRECTION": 1, "CONFLICT_POLICY": 2})
    assert res["PUSHED"] == 1 and res["PULLED"] == 0
    assert server_rows(empty_db)[wells[0]]["remarks"] == "field check"
    assert C.pending_counts(out)["U"] == 0
    styled = str(tmp_path / "styled.gpkg")
    res = processing.run("gwplugin:checkout", {"PLATFORM": empty_db, "COUNTIES": f"{A},{B}", "OUTPUT": styled})
    assert res["ROWS"] == 3 and res["PROJECT_FILE"] and os.path.exists(res["PROJECT_FILE"])
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:checkout", {"PLATFORM": empty_db, "COUNTIES": "41x", "OUTPUT": out})
    with pytest.raises(QgsProcessingException):
        processing.run("gwplugin:sync", {"DATABASE": out, "PLATFORM": "host=127.0.0.1 port=1 connect_timeout=2"})
    assert os.path.exists(out)


def test_sync_refuses_other_crs(empty_db, tmp_path):
    from gw_plugin.core.data import gpkg

    P.initplatform(empty_db)
    src = str(tmp_path / "other.gpkg")
    gpkg.create_database(src, "EPSG:4546")
    with pytest.raises(SyncError, match="EPSG:4546"):
        SY.sync(src, empty_db)
