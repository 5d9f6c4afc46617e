"""Every QgsSettings key the plugin reads or writes, typed, in one place.

A key is a ``Setting``: its path (with ``{placeholders}`` where one key serves many panels, tables or names), its
type and its default. ``LAST_IMPORT_DIR.get()``, ``DOCK_OPEN.set(True, key="wells")``, ``PLATFORM.remove()``.
No secret is ever stored here: the platform connection keeps only an authcfg id (secrets live in QGIS's
authentication database).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PREFIX = "gw_plugin"


@dataclass(frozen=True)
class Setting:
    """One key (or a family of keys, when ``path`` has placeholders) of the user's QGIS settings."""

    path: str
    type: type = str
    default: Any = ""

    def key(self, **names) -> str:
        return self.path.format(**names)

    def get(self, default: Any = None, **names) -> Any:
        from qgis.core import QgsSettings

        fallback = self.default if default is None else default
        if self.type is list:
            return QgsSettings().value(self.key(**names), fallback, type=list) or []
        return QgsSettings().value(self.key(**names), fallback, type=self.type)

    def set(self, value: Any, **names) -> None:
        from qgis.core import QgsSettings

        QgsSettings().setValue(self.key(**names), value)

    def remove(self, **names) -> None:
        """Remove the key, or the whole group when the path names one."""
        from qgis.core import QgsSettings

        QgsSettings().remove(self.key(**names).rstrip("/"))

    def children(self, **names) -> list:
        """The child keys of a group path, sorted."""
        from qgis.core import QgsSettings

        settings = QgsSettings()
        settings.beginGroup(self.key(**names))
        try:
            return sorted(settings.childKeys())
        finally:
            settings.endGroup()


# -- QGIS's own ------------------------------------------------------------------------------------------------
#: the locale QGIS writes at start (read only)
QGIS_USER_LOCALE = Setting("locale/userLocale")

# -- folders last used in file dialogs -------------------------------------------------------------------------
LAST_DATABASE_DIR = Setting(f"{PREFIX}/last_database_dir")
LAST_DEMO_DIR = Setting(f"{PREFIX}/last_demo_dir")
LAST_IMPORT_DIR = Setting(f"{PREFIX}/last_import_dir")

# -- panels ----------------------------------------------------------------------------------------------------
#: whether a dock panel was open when QGIS closed (``key`` = the dock key)
DOCK_OPEN = Setting(f"{PREFIX}/docks/{{key}}/open", bool, False)

# -- lab import and ledger import presets ----------------------------------------------------------------------
#: named column mappings of the lab import: one child key per preset name, the mapping as JSON
IMPORT_PRESETS = Setting(f"{PREFIX}/import_presets")
IMPORT_PRESET = Setting(f"{PREFIX}/import_presets/{{name}}")
#: the ledger import's column presets of one table, as JSON
LEDGER_PRESETS = Setting(f"{PREFIX}/ledger_presets/{{table}}")

# -- indicators ------------------------------------------------------------------------------------------------
INDICATOR_USER_PLANS = Setting(f"{PREFIX}/indicators/user_plans", list, [])
INDICATOR_LAST_PLAN = Setting(f"{PREFIX}/indicators/last_plan")

# -- the city platform and sync --------------------------------------------------------------------------------
#: connection of the city platform: ``name`` is conninfo (without password), sslmode or authcfg
PLATFORM = Setting(f"{PREFIX}/platform/{{name}}")
PLATFORM_GROUP = Setting(f"{PREFIX}/platform")
SYNC_DIRECTION = Setting(f"{PREFIX}/sync/direction")
SYNC_POLICY = Setting(f"{PREFIX}/sync/policy", str, "manual")
