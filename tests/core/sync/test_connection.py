"""Connections to the platform (issue 14, item 5): TLS required by default and verify-full usable, a connect
timeout and TCP keepalives on every connection, a password in the connection string refused in favour of an
authcfg, and every log line scrubbed of passwords in all their forms. Against the real test server, which runs
TLS with a self-signed certificate (scripts/localpg.py)."""

from __future__ import annotations

import socket
import threading
import time

import pytest

from gw_plugin.core.sync import server_schema as P
from gw_plugin.core.sync.connection import CONNECT_DEFAULTS, connection_defaults
from gw_plugin.toolbelt.log import scrub
from tests.pg import pg_server  # noqa: F401  (session fixture)


def _ssl_in_use(con) -> bool:
    cur = con.cursor()
    cur.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    return bool(cur.fetchone()[0])


def test_tls_required_timeouts_and_keepalives_by_default(pg_server):  # noqa: F811
    ci = (
        f"host=127.0.0.1 port={pg_server.port} dbname=postgres user={pg_server.conninfo().split('user=')[1].split()[0]}"
    )
    con = P.connect(ci)
    try:
        params = con.get_dsn_parameters()
        assert params["sslmode"] == "require" and _ssl_in_use(con)
        for key, value in CONNECT_DEFAULTS.items():
            assert params[key] == value, key
        assert "tcp_user_timeout" in params
    finally:
        con.close()
    con = P.connect(ci + " sslmode=disable connect_timeout=3 keepalives_idle=5")  # the connection string wins
    try:
        params = con.get_dsn_parameters()
        assert params["sslmode"] == "disable" and not _ssl_in_use(con)
        assert params["connect_timeout"] == "3" and params["keepalives_idle"] == "5"
    finally:
        con.close()
    if pg_server.ca_file:
        con = P.connect(ci + f" sslmode=verify-full sslrootcert={pg_server.ca_file}")
        assert _ssl_in_use(con)
        con.close()
        with pytest.raises(P.PlatformError):  # the certificate does not name this host: refused
            P.connect(
                ci.replace("host=127.0.0.1", "host=gw-platform.example hostaddr=127.0.0.1")
                + f" sslmode=verify-full sslrootcert={pg_server.ca_file}"
            )


def test_service_file_keeps_its_own_tls_mode(tmp_path, monkeypatch):
    (tmp_path / "pg_service.conf").write_text("[city]\nhost=db.example\nsslmode=verify-full\n")
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "pg_service.conf"))
    assert "sslmode" not in connection_defaults({"service": "city"})
    assert connection_defaults({"service": "other"})["sslmode"] == "require"
    assert connection_defaults({"host": "x"})["sslmode"] == "require"


def test_dead_server_does_not_hang_the_connection():
    """A host that accepts TCP but never answers (a dead platform behind a live router): connect gives up."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    held = []
    threading.Thread(target=lambda: held.append(srv.accept()), daemon=True).start()
    t0 = time.time()
    try:
        with pytest.raises(P.PlatformError):
            P.connect(f"host=127.0.0.1 port={port} dbname=x user=y connect_timeout=2 sslmode=disable")
        assert time.time() - t0 < 10
    finally:
        srv.close()


@pytest.mark.parametrize(
    "platform",
    [
        "host=db.example dbname=city user=u password=secret",
        "host=db.example dbname=city user=u password='se cret'",
        "postgresql://u:secret@db.example/city",
        "postgresql://u@db.example/city?password=secret",
        "postgresql://db.example/city?sslmode=require&password=secret&authcfg=abc1234",
    ],
)
def test_password_in_the_connection_is_refused(platform):
    with pytest.raises(P.PlatformError, match="authentication configuration"):
        P.connect(platform)


@pytest.mark.parametrize(
    "line, secret",
    [
        ("connecting to host=db dbname=city user=u password=s3cr3t sslmode=require", "s3cr3t"),
        ("host=db password='a b\\'c' user=u", "a b"),
        ("postgresql://u:s3cr3t@db:5432/city", "s3cr3t"),
        ("postgresql://db/city?user=u&password=s3cr3t&sslmode=require", "s3cr3t"),
        ("postgresql://db/city?password%3Ds3cr3t", "s3cr3t"),
        ("PGPASSWORD=s3cr3t psql -h db", "s3cr3t"),
        ('{"host": "db", "password": "s3cr3t"}', "s3cr3t"),
        ("{'password': 's3cr3t'}", "s3cr3t"),
        ("sslpassword=s3cr3t", "s3cr3t"),
        ("Password = s3cr3t", "s3cr3t"),
    ],
)
def test_log_lines_are_scrubbed(line, secret):
    out = scrub(line)
    assert secret not in out and "***" in out
    assert scrub('password authentication failed for user "u"') == 'password authentication failed for user "u"'
