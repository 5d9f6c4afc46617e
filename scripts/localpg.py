"""A throw-away local PostgreSQL 15 + PostGIS cluster: initdb into a temp dir, pg_ctl on a free loopback port.

Used by the tests (tests/pg.py), the soak and bench scripts, and `make demo` (which publishes the demo city to a
platform it starts). When run as root the cluster belongs to a system user (``gwtest``, created with ``useradd -r``
if missing), because PostgreSQL refuses to run as root. Authentication is ``trust`` on 127.0.0.1 only; the socket
directory is the temp dir.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid

PG_BIN = os.environ.get("GW_PG_BIN", "/usr/lib/postgresql/15/bin")
SYSTEM_USER = "gwtest"
SUPERUSER = "gwadmin"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ensure_system_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(["useradd", "-r", "-M", "-s", "/usr/sbin/nologin", SYSTEM_USER], check=True)
        return pwd.getpwnam(SYSTEM_USER)


class PgCluster:
    """One temporary cluster. ``start()``, ``conninfo(dbname, user)``, ``create_database()``, ``stop()``."""

    def __init__(self):
        self.port = None
        self.dir = None
        self._as_user: list = []
        self._dbs = 0
        self.ca_file = None

    def available(self) -> bool:
        return os.path.exists(os.path.join(PG_BIN, "initdb"))

    def _run(self, args, **kw):
        return subprocess.run(self._as_user + args, check=True, capture_output=True, text=True, **kw)

    def start(self) -> PgCluster:
        self.dir = tempfile.mkdtemp(prefix="gw_pg_")
        data = os.path.join(self.dir, "data")
        if os.geteuid() == 0:
            pw = _ensure_system_user()
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._as_user = ["runuser", "-u", SYSTEM_USER, "--"]
        self._run(
            [os.path.join(PG_BIN, "initdb"), "-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"],
            cwd=self.dir,
        )
        conf = (
            f"listen_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}'\nfsync = off\n"
            "synchronous_commit = off\nfull_page_writes = off\nmax_connections = 60\nshared_buffers = 64MB\n"
            "log_min_messages = warning\n"
        )
        if self._make_certificate(data):
            conf += "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
        with open(os.path.join(data, "postgresql.conf"), "a") as fh:
            fh.write(conf)
        for _ in range(5):
            self.port = _free_port()
            try:
                self._run(
                    [
                        os.path.join(PG_BIN, "pg_ctl"),
                        "-D",
                        data,
                        "-o",
                        f"-p {self.port}",
                        "-l",
                        os.path.join(self.dir, "log"),
                        "-w",
                        "-t",
                        "60",
                        "start",
                    ],
                    cwd=self.dir,
                )
                return self
            except subprocess.CalledProcessError:  # port taken meanwhile: try another
                time.sleep(0.2)
        raise RuntimeError("could not start PostgreSQL: " + open(os.path.join(self.dir, "log")).read()[-2000:])

    def _make_certificate(self, data: str) -> bool:
        """A self-signed certificate for 127.0.0.1 / localhost (TLS as on a real platform; the sync requires it by
        default). ``self.ca_file`` is a copy the clients may read (``sslrootcert`` for verify-full)."""
        openssl = shutil.which("openssl")
        if not openssl:
            return False
        crt, key = os.path.join(data, "server.crt"), os.path.join(data, "server.key")
        self._run(
            [
                openssl,
                "req",
                "-new",
                "-x509",
                "-days",
                "7",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-addext",
                "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout",
                key,
                "-out",
                crt,
            ],
            cwd=self.dir,
        )
        self._run(["chmod", "600", key])
        self.ca_file = os.path.join(self.dir, "ca.crt")
        shutil.copyfile(crt, self.ca_file)
        os.chmod(self.ca_file, 0o644)
        return True

    def stop(self) -> None:
        if self.dir is None:
            return
        try:
            self._run([os.path.join(PG_BIN, "pg_ctl"), "-D", os.path.join(self.dir, "data"), "-m", "immediate", "stop"])
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def conninfo(self, dbname: str = "postgres", user: str = SUPERUSER) -> str:
        return f"host=127.0.0.1 port={self.port} dbname={dbname} user={user} connect_timeout=10"

    def create_database(self, prefix: str = "gw", template: str | None = None) -> str:
        """A new database (empty, or a copy of ``template``); returns its name."""
        import psycopg2

        self._dbs += 1
        name = f"{prefix}_{self._dbs}_{uuid.uuid4().hex[:6]}"
        con = psycopg2.connect(self.conninfo())
        con.autocommit = True
        try:
            tpl = f' TEMPLATE "{template}"' if template else ""
            con.cursor().execute(f'CREATE DATABASE "{name}"{tpl}')
        finally:
            con.close()
        return name

    def create_login(self, role: str) -> None:
        """A LOGIN role (cluster-wide) for a test user; trust authentication, no password."""
        import psycopg2
        from psycopg2 import sql

        con = psycopg2.connect(self.conninfo())
        con.autocommit = True
        try:
            cur = con.cursor()
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if cur.fetchone() is None:
                cur.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        finally:
            con.close()
