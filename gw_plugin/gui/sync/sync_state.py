"""Reading the state of a project database for the Sync dock (no widgets): which database the project uses, its
pending changes, conflicts, rejected changes and last sync report, a short label of the platform settings and the
layers with open edit buffers. Used by ``dock_sync.SyncPanel``.
"""

from __future__ import annotations

import json

from qgis.core import QgsProject

from ...core.data import sqlite_gpkg as SG


def sync_overview(path: str) -> dict:
    """Everything the dock shows about ``path``: tracked, pending (table -> {I, U, D}), totals, last sync time and
    revision, conflicts (list of open conflicts), rejected (list of dicts) and last_report (dict or None)."""
    from ...core.sync import changelog as C
    from ...core.sync import conflicts as SC
    from ...core.sync import local as SL
    from ...core.sync import rejected as SR

    SL.recover_journal(path)
    counts = C.pending_counts(path)
    out = {"tracked": bool(counts.get("tracked")), "pending": {}, "conflicts": [], "rejected": []}
    if not out["tracked"]:
        return out
    out.update({k: counts.get(k) for k in ("I", "U", "D", "held", "last_sync_at", "last_pulled_rev")})
    con = SG.open_db(path)
    try:
        for tbl, op, n in con.execute(f"SELECT tbl, op, count(*) FROM {C.CHANGELOG} GROUP BY tbl, op ORDER BY tbl"):
            out["pending"].setdefault(tbl, {"I": 0, "U": 0, "D": 0})[op] = n
        st = C.state(con)
    finally:
        con.close()
    out["rejected"] = SR.open_rejected(path)
    out["last_report"] = json.loads(st["last_report"]) if st.get("last_report") else None
    out["conflicts"] = SC.open_conflicts(path)
    return out


def platform_summary(settings) -> str:
    """host/dbname (or service) of the platform settings, short enough for the dock."""
    import re

    text = settings.connection_string()
    found = dict(re.findall(r"(host|port|dbname|service|sslmode)=('[^']*'|\S+)", text))
    if "service" in found:
        short = found["service"]
    elif "host" in found or "dbname" in found:
        short = "{}{}/{}".format(
            found.get("host", "localhost"), ":" + found["port"] if "port" in found else "", found.get("dbname", "")
        )
    else:
        short = text
    if settings.sslmode:
        short += f" (TLS {settings.sslmode})"
    return short


def edited_layers(project: QgsProject, database: str) -> list:
    """The layers of ``database`` in ``project`` with an open edit buffer."""
    from ...core.data import qgis_project

    return [
        layer
        for layer in qgis_project.project_layers(project, database).values()
        if getattr(layer, "isEditable", lambda: False)()
    ]
