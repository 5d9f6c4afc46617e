"""The plugin's log: messages in QGIS's Log Messages panel under the tab "gw_plugin". Every line is scrubbed of
secrets first (``scrub``): passwords in libpq conninfo strings (``password=…``, quoted or not), in URIs
(``postgresql://user:secret@host``, ``?password=…`` / ``&password=…``, percent-encoded too), in environment
assignments (``PGPASSWORD=…``) and in JSON/Python dict renderings (``"password": "…"``)."""

from __future__ import annotations

import re

TAG = "gw_plugin"
MASK = "***"

_VALUE = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s&;,'"})\]]+)"""
_PATTERNS = (
    # key=value and key: value forms (conninfo, URI query, environment, JSON, repr), the key quoted or not,
    # percent-encoded "=" too: password, passwd, pwd, PGPASSWORD, sslpassword, …_password
    re.compile(
        r"""(?P<key>["']?\b[\w.-]*(?:password|passwd|pwd)["']?\s*(?:=|:|%3[dD])\s*)(?P<value>""" + _VALUE + ")",
        re.IGNORECASE,
    ),
    # user information of a URI: scheme://user:secret@host
    re.compile(r"(?P<key>\b[a-z][a-z0-9+.-]*://[^\s:/@]*:)(?P<value>[^\s@/]*)(?=@)", re.IGNORECASE),
)


def scrub(message: str) -> str:
    """``message`` with every password it contains replaced by ***."""
    text = str(message)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group("key") + MASK, text)
    return text


def log(message: str, level: str = "info") -> None:
    """Write ``message`` (scrubbed) to the plugin's tab of the QGIS log; ``level`` is "info", "warning" or
    "critical"."""
    from qgis.core import Qgis, QgsMessageLog

    levels = {
        "info": Qgis.MessageLevel.Info,
        "warning": Qgis.MessageLevel.Warning,
        "critical": Qgis.MessageLevel.Critical,
    }
    QgsMessageLog.logMessage(scrub(message), TAG, levels.get(level, Qgis.MessageLevel.Info))
