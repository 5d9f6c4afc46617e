"""Connections to the city platform: the psycopg2 driver, resolving ``authcfg=`` from the QGIS authentication
database, and the safe defaults every connection gets (issue 14, item 5).

- A password typed into the platform connection (``password=…``, ``postgresql://user:secret@…``,
  ``?password=…``) is refused: credentials belong in a QGIS authentication configuration (``authcfg=<id>``), a
  service file or ``~/.pgpass``, never in a setting or a Processing parameter that ends up in logs and history.
- TLS: ``sslmode=require`` unless the connection string, its service file or ``PGSSLMODE`` says otherwise
  (``verify-full`` with ``sslrootcert=…`` is the mode for a platform with a certificate from a known CA).
  libpq's own default is ``prefer``, which falls back to plain text silently (PostgreSQL documentation 15,
  section 34.19.1, "Client Verification of Server Certificates", table 34.1).
- A dead network never hangs a sync: ``connect_timeout`` and TCP keepalives (libpq parameters ``keepalives``,
  ``keepalives_idle``, ``keepalives_interval``, ``keepalives_count``; PostgreSQL 15 documentation, section 34.1.2)
  and ``tcp_user_timeout`` where libpq has it (libpq ≥ 12), unless the connection string sets them.

No QGIS import at module level (``resolve_conninfo`` imports qgis.core lazily for ``authcfg=``).
"""

from __future__ import annotations

import configparser
import os
import re

#: defaults added to a connection unless its connection string (or service) sets the parameter
CONNECT_DEFAULTS = {
    "connect_timeout": "10",  # seconds to wait for the server to answer at all
    "keepalives": "1",
    "keepalives_idle": "30",  # seconds of silence before the first TCP keepalive probe
    "keepalives_interval": "10",  # seconds between probes
    "keepalives_count": "3",  # probes lost before the connection counts as dead (~60 s in all)
}
#: libpq ≥ 12: milliseconds transmitted data may stay unacknowledged before the connection is closed
TCP_USER_TIMEOUT_MS = "60000"
DEFAULT_SSLMODE = "require"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


class PlatformError(Exception):
    """The platform cannot be used as it is (unreachable, not initialised, other schema version)."""


def psycopg2_module():
    try:
        import psycopg2
        import psycopg2.extensions  # noqa: F401
        import psycopg2.extras  # noqa: F401
        import psycopg2.sql  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise PlatformError("The Python PostgreSQL driver psycopg2 is missing (Debian: python3-psycopg2).") from exc
    return psycopg2


def sql():
    return psycopg2_module().sql


_AUTHCFG_RE = re.compile(r"(?:^|\s)authcfg\s*=\s*'?([A-Za-z0-9]{7})'?(?=\s|$)")


def parse_conninfo(platform: str) -> dict:
    """The keywords of a conninfo string or URI (libpq's own parser); PlatformError when it is malformed."""
    psycopg2 = psycopg2_module()
    text = _AUTHCFG_RE.sub(" ", platform).strip()
    if text.startswith(("postgresql://", "postgres://")):
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(text)
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "authcfg"]
        text = urlunsplit(parts._replace(query=urlencode(query)))
    if not text:
        return {}
    try:
        return psycopg2.extensions.parse_dsn(text)
    except psycopg2.ProgrammingError as exc:
        raise PlatformError(f"The platform connection string is not valid: {str(exc).strip()}") from exc


def check_no_password(platform: str) -> None:
    """PlatformError when the connection string itself carries a password (in any of libpq's forms)."""
    if "password" in parse_conninfo(platform):
        raise PlatformError(
            "The platform connection contains a password. Store user name and password in a QGIS authentication "
            "configuration and use authcfg=<id> instead."
        )


def resolve_conninfo(platform: str) -> str:
    """A libpq conninfo string or URI usable by psycopg2.

    ``service=`` names and URIs pass through (libpq resolves them). ``authcfg=<id>`` is replaced by the user name
    and password stored in the QGIS authentication database (QgsApplication.authManager()); qgis.core is only
    imported in that case.
    """
    platform = (platform or "").strip()
    if not platform:
        raise PlatformError("No platform connection given.")
    cfg_id = None
    if platform.startswith(("postgresql://", "postgres://")):
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(platform)
        query = parse_qsl(parts.query, keep_blank_values=True)
        ids = [v for k, v in query if k == "authcfg"]
        if not ids:
            return platform
        cfg_id = ids[0]
        uri = urlunsplit(parts._replace(query=urlencode([(k, v) for k, v in query if k != "authcfg"])))
        # a URI cannot take key=value pairs after it: continue in key=value form
        rest = " ".join(f"{k}='{quote_conn(str(v))}'" for k, v in psycopg2_module().extensions.parse_dsn(uri).items())
    else:
        m = _AUTHCFG_RE.search(platform)
        if not m:
            return platform
        cfg_id = m.group(1)
        rest = _AUTHCFG_RE.sub(" ", platform).strip()
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    cfg = QgsAuthMethodConfig()
    mgr = QgsApplication.authManager()
    if mgr is None or cfg_id not in mgr.configIds() or not mgr.loadAuthenticationConfig(cfg_id, cfg, True):
        raise PlatformError(f"QGIS authentication configuration {cfg_id} was not found.")
    user = cfg.config("username")
    password = cfg.config("password")
    parts = [rest] if rest else []
    if user:
        parts.append(f"user='{quote_conn(user)}'")
    if password:
        parts.append(f"password='{quote_conn(password)}'")
    return " ".join(parts)


def quote_conn(value: str) -> str:
    """A value for a single-quoted libpq conninfo value."""
    return value.replace("\\", "\\\\").replace("'", "\\'")


def _service_params(name: str) -> dict:
    """The keywords of service ``name`` in the service files libpq reads (PGSERVICEFILE or ~/.pg_service.conf,
    then PGSYSCONFDIR/pg_service.conf), so the defaults here never override what a service sets."""
    files = [os.environ.get("PGSERVICEFILE") or os.path.expanduser("~/.pg_service.conf")]
    files.append(os.path.join(os.environ.get("PGSYSCONFDIR", "/etc/postgresql-common"), "pg_service.conf"))
    for path in files:
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            continue
        if parser.has_section(name):
            return dict(parser.items(name))
    return {}


def connection_defaults(params: dict) -> dict:
    """The defaults to add to a connection with keywords ``params`` (those it does not set itself)."""
    psycopg2 = psycopg2_module()
    have = dict(params)
    if have.get("service"):
        have = {**_service_params(have["service"]), **have}
    out = {k: v for k, v in CONNECT_DEFAULTS.items() if k not in have}
    if "tcp_user_timeout" not in have and psycopg2.extensions.libpq_version() >= 120000:
        out["tcp_user_timeout"] = TCP_USER_TIMEOUT_MS
    if "sslmode" not in have and "requiressl" not in have and not os.environ.get("PGSSLMODE"):
        out["sslmode"] = DEFAULT_SSLMODE
    return out


def connect(platform: str, application_name: str = "gw_plugin", **kw):
    """A psycopg2 connection to ``platform`` (conninfo, URI, service=..., authcfg=...), with TLS required,
    a connect timeout and keepalives unless the connection string says otherwise; keyword arguments win."""
    psycopg2 = psycopg2_module()
    platform = (platform or "").strip()
    check_no_password(platform)
    params = parse_conninfo(platform)
    extra = {k: v for k, v in connection_defaults(params).items() if k not in kw}
    if "sslmode" in kw and kw["sslmode"] not in SSL_MODES:
        raise PlatformError(f"Unknown TLS mode {kw['sslmode']}.")
    try:
        return psycopg2.connect(resolve_conninfo(platform), application_name=application_name, **extra, **kw)
    except psycopg2.OperationalError as exc:
        raise PlatformError(f"Cannot connect to the platform: {str(exc).strip()}") from exc
