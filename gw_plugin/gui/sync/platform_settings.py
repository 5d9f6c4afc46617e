"""Connection settings of the city platform (PostgreSQL/PostGIS) and the dialog that edits them.

What is stored (in QgsSettings, and optionally in the QGIS project, which then takes precedence) is only what is
not secret: a libpq conninfo / URI / service name without password, the TLS mode (``sslmode``) and the id of a
QGIS authentication configuration (``authcfg``). User name and password live in the QGIS authentication database
and are resolved by ``core.sync.server_schema.resolve_conninfo`` at connection time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qgis.core import QgsProject
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...toolbelt import settings
from ...toolbelt.i18n import tr

TR_CONTEXT = "PlatformSettings"  # the translation context of this module's texts

PROJECT_SCOPE = "gw_plugin"
PROJECT_PREFIX = "platform/"
KEYS = ("conninfo", "sslmode", "authcfg")
# libpq's sslmode values (PostgreSQL documentation, "SSL Support", table 34.1)
SSL_MODES = ("prefer", "disable", "allow", "require", "verify-ca", "verify-full")

_SECRET_RE = re.compile(r"(?:^|\s)password\s*=|^postgres(?:ql)?://[^/@]*:[^/@]*@", re.IGNORECASE)
_AUTHCFG_ID_RE = re.compile(r"^[A-Za-z0-9]{7}$")
_KV_RE = re.compile(r"(?:^|\s)(sslmode|authcfg)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


class SettingsError(ValueError):
    """The settings cannot be stored (a secret in the connection string, a malformed authcfg id)."""


def _quote(value: str) -> str:
    """A libpq conninfo value: quoted when empty or containing spaces or quotes."""
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _uri_to_keywords(uri: str) -> str:
    """A postgres:// URI as key=value conninfo, so further keywords (sslmode, authcfg) can be appended."""
    from psycopg2.extensions import parse_dsn

    return " ".join(f"{k}={_quote(str(v))}" for k, v in parse_dsn(uri).items())


@dataclass
class PlatformSettings:
    """The platform connection: ``conninfo`` (host/port/dbname, a URI or ``service=name``; never a password),
    ``sslmode`` (one of SSL_MODES; empty = TLS required, core/sync/connection.py) and ``authcfg`` (a QGIS authentication config id)."""

    conninfo: str = ""
    sslmode: str = ""
    authcfg: str = ""

    def check(self) -> None:
        """Raise SettingsError when a part holds a secret or is malformed."""
        if _SECRET_RE.search(self.conninfo.strip()):
            raise SettingsError(
                tr(
                    TR_CONTEXT,
                    "The connection string contains a password. Store user name and password in a QGIS "
                    "authentication configuration and choose it instead.",
                )
            )
        if self.sslmode and self.sslmode not in SSL_MODES:
            raise SettingsError(tr(TR_CONTEXT, "Unknown TLS mode {mode}.").format(mode=self.sslmode))
        if self.authcfg and not _AUTHCFG_ID_RE.match(self.authcfg):
            raise SettingsError(
                tr(TR_CONTEXT, "{id} is not a QGIS authentication configuration id.").format(id=self.authcfg)
            )

    def is_configured(self) -> bool:
        return bool(self.conninfo.strip() or self.authcfg)

    def connection_string(self) -> str:
        """The PLATFORM value for the Processing algorithms: conninfo + sslmode + authcfg (no secret)."""
        base = self.conninfo.strip()
        if re.match(r"^postgres(?:ql)?://", base, re.IGNORECASE):
            base = _uri_to_keywords(base)
        if self.sslmode or self.authcfg:  # the explicit choices win over keywords typed into the conninfo
            base = _KV_RE.sub(" ", base).strip()
        parts = [base] if base else []
        if self.sslmode:
            parts.append(f"sslmode={self.sslmode}")
        if self.authcfg:
            parts.append(f"authcfg={self.authcfg}")
        return " ".join(parts)

    # ------------------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, project: QgsProject | None = None) -> PlatformSettings:
        """The project's settings when it has any, else the user's (QgsSettings)."""
        if project is not None:
            values = {k: project.readEntry(PROJECT_SCOPE, PROJECT_PREFIX + k, "")[0] for k in KEYS}
            if any(values.values()):
                return cls(**{k: str(v or "") for k, v in values.items()})
        return cls(**{k: str(settings.PLATFORM.get(name=k) or "") for k in KEYS})

    def save(self, project: QgsProject | None = None) -> None:
        """Store in QgsSettings, or in ``project`` when given (checked first: no secret is ever written)."""
        self.check()
        values = {"conninfo": self.conninfo.strip(), "sslmode": self.sslmode, "authcfg": self.authcfg}
        if project is not None:
            for k, v in values.items():
                project.writeEntry(PROJECT_SCOPE, PROJECT_PREFIX + k, v)
            return
        for k, v in values.items():
            settings.PLATFORM.set(v, name=k)

    @staticmethod
    def clear(project: QgsProject | None = None) -> None:
        if project is not None:
            for k in KEYS:
                project.removeEntry(PROJECT_SCOPE, PROJECT_PREFIX + k)
            return
        settings.PLATFORM_GROUP.remove()


def platform_counties(platform: str) -> list:
    """The counties of the platform as (code, name, writable) tuples: the county-level administrative units,
    plus counties named in the current user's grants; ``writable`` when the user may change their rows.

    Fixed SQL, no user value pasted into it (the connection string goes to libpq only)."""
    from ...core.sync import server_schema as P

    con = P.connect(platform, connect_timeout=5)  # called from the GUI thread: do not hang on a dead host
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT code, coalesce(name_zh, code) FROM gw.admin_units WHERE level = 'county' "
            "UNION SELECT county_code, county_code FROM gw.county_grants "
            "WHERE role_name = current_user AND county_code <> '*' "
            "AND county_code NOT IN (SELECT code FROM gw.admin_units WHERE code IS NOT NULL)"
        )
        rows = cur.fetchall()
        cur.execute(
            "SELECT county_code FROM gw.county_grants WHERE role_name = current_user AND can_write "
            "UNION SELECT '*' FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls)"
        )
        granted = {r[0] for r in cur.fetchall()}
    finally:
        con.close()
    return sorted((code, name, "*" in granted or code in granted) for code, name in rows)


class PlatformSettingsDialog(QDialog):
    """Edit the platform connection: conninfo / URI / service, TLS mode, and a QGIS authentication config."""

    def __init__(self, parent=None, project: QgsProject | None = None, settings: PlatformSettings | None = None):
        super().__init__(parent)
        from qgis.gui import QgsAuthConfigSelect

        self.setObjectName("gw_plugin_platform_settings")
        self.setWindowTitle(tr(TR_CONTEXT, "Platform connection"))
        self.project = project
        current = settings or PlatformSettings.load(project)
        in_project = project is not None and any(
            project.readEntry(PROJECT_SCOPE, PROJECT_PREFIX + k, "")[0] for k in KEYS
        )

        self.conninfo_edit = QLineEdit(current.conninfo, self)
        self.conninfo_edit.setPlaceholderText("host=… port=5432 dbname=…  |  postgresql://host/db  |  service=…")
        self.conninfo_edit.setToolTip(
            tr(
                TR_CONTEXT,
                "A libpq connection string, URI or service name, without user password (use the authentication below)",
            )
        )
        self.ssl_combo = QComboBox(self)
        self.ssl_combo.addItem(tr(TR_CONTEXT, "default: TLS required (unless a service file says otherwise)"), "")
        labels = {
            "prefer": tr(TR_CONTEXT, "prefer (TLS if the server offers it)"),
            "disable": tr(TR_CONTEXT, "disable (no TLS)"),
            "allow": tr(TR_CONTEXT, "allow"),
            "require": tr(TR_CONTEXT, "require (TLS, certificate not checked)"),
            "verify-ca": tr(TR_CONTEXT, "verify-ca (TLS, certificate authority checked)"),
            "verify-full": tr(TR_CONTEXT, "verify-full (TLS, certificate and host name checked)"),
        }
        for mode in SSL_MODES:
            self.ssl_combo.addItem(labels[mode], mode)
        self.ssl_combo.setCurrentIndex(max(0, self.ssl_combo.findData(current.sslmode)))
        self.auth_select = QgsAuthConfigSelect(self, "postgres")
        self.auth_select.setConfigId(current.authcfg)

        form = QFormLayout()
        conn_label = QLabel(tr(TR_CONTEXT, "&Connection:"), self)
        conn_label.setBuddy(self.conninfo_edit)
        ssl_label = QLabel(tr(TR_CONTEXT, "&TLS mode:"), self)
        ssl_label.setBuddy(self.ssl_combo)
        form.addRow(conn_label, self.conninfo_edit)
        form.addRow(ssl_label, self.ssl_combo)
        form.addRow(tr(TR_CONTEXT, "Authentication:"), self.auth_select)
        self.project_check = QCheckBox(tr(TR_CONTEXT, "Store in this &QGIS project (else for all projects)"), self)
        self.project_check.setToolTip(
            tr(TR_CONTEXT, "Only the connection, TLS mode and authentication id are stored, no secret")
        )
        self.project_check.setChecked(in_project)
        self.project_check.setVisible(project is not None)
        form.addRow(self.project_check)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.test_button = QPushButton(tr(TR_CONTEXT, "T&est connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def settings(self) -> PlatformSettings:
        return PlatformSettings(
            self.conninfo_edit.text().strip(), self.ssl_combo.currentData() or "", self.auth_select.configId() or ""
        )

    def test_connection(self) -> bool:
        from ...core.sync import server_schema as P

        try:
            s = self.settings()
            s.check()
            con = P.connect(s.connection_string(), connect_timeout=10)
            try:
                info = P.platform_info(con)
            finally:
                con.close()
        except (SettingsError, P.PlatformError) as exc:
            self.message.setText(str(exc))
            return False
        except Exception as exc:  # psycopg2 errors of a database that is not a platform, and the like
            self.message.setText(str(exc).strip())
            return False
        self.message.setText(
            tr(TR_CONTEXT, "Connected: platform schema {version}, {crs}.").format(
                version=info.schema_version, crs=info.crs
            )
        )
        return True

    def accept(self) -> None:
        in_project = self.project is not None and self.project_check.isChecked()
        try:
            self.settings().save(self.project if in_project else None)
        except SettingsError as exc:
            self.message.setText(str(exc))
            return
        if self.project is not None and not in_project:
            PlatformSettings.clear(self.project)  # the user's settings apply to this project again
        super().accept()
