"""Where the plugin's data folders are, both in the source tree and in an installed plugin folder.

In the repository resources/, forms/ and i18n/ sit beside the gw_plugin package; in the ZIP built by
`make package` (and in a QGIS profile) they sit inside the gw_plugin folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the gw_plugin folder


def _find(name: str) -> Path:
    for base in (PACKAGE_DIR, PACKAGE_DIR.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR / name


RESOURCES_DIR = _find("resources")
FORMS_DIR = _find("forms")
I18N_DIR = _find("i18n")


def resource(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)


def metadata_path() -> Path:
    for base in (PACKAGE_DIR, PACKAGE_DIR.parent):
        if (base / "metadata.txt").is_file():
            return base / "metadata.txt"
    return PACKAGE_DIR / "metadata.txt"


def plugin_version() -> str:
    import configparser

    cp = configparser.ConfigParser()
    cp.read(metadata_path(), encoding="utf-8")
    return cp.get("general", "version", fallback="0")
