"""The roster panel (gui/sources/roster_panel.py) under pytest-qt on a real GeoPackage: accept, take off with a
reason, publish the next version, and the refusals shown as one sentence."""

from __future__ import annotations

import sqlite3

from qgis.PyQt.QtCore import QItemSelectionModel

from gw_plugin.gui.sources.roster_panel import RosterPanel
from tests.core.sources.test_rosters import X0, Y0, add_features, add_rows, make_project, source

ROSTER = "gw_key_supervised"


def _select(panel, names):
    sm = panel.table.selectionModel()
    sm.clearSelection()
    for i, r in enumerate(panel.rows):
        if r["name"] in names:
            sm.select(
                panel.table.model().index(i, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
            )


def _published(path, version):
    con = sqlite3.connect(str(path))
    try:
        return sorted(
            r[0]
            for r in con.execute(
                "SELECT p.name_zh FROM roster_entries e JOIN pollution_sources p ON p.uuid = e.source_uuid "
                "WHERE e.status = 'published' AND e.roster_version = ?",
                (version,),
            )
        )
    finally:
        con.close()


def test_decide_remove_publish(qtbot, tmp_path):
    path = make_project(tmp_path)
    rows = [source(n, "chemical", X0 + 10 * i, Y0) for i, n in enumerate(["甲", "乙", "丙"])]
    u = dict(zip(["甲", "乙", "丙"], add_features(path, "pollution_sources", rows)))
    add_rows(
        path,
        "roster_entries",
        [{"source_uuid": u[n], "roster": ROSTER, "status": "published", "roster_version": "2023",
          "decided_on": "2023-01-01"} for n in ("甲", "乙")]
        + [{"source_uuid": u["丙"], "roster": ROSTER, "status": "proposed", "reason": "化工企业"}],
    )  # fmt: skip
    panel = RosterPanel(lambda: str(path))
    qtbot.addWidget(panel)
    panel.roster_combo.setCurrentIndex(panel.roster_combo.findData(ROSTER))
    assert {r["name"]: r["status"] for r in panel.rows} == {"丙": "proposed", "甲": "published", "乙": "published"}
    assert "2023" in panel.summary.text()
    changes = []
    panel.changed.connect(lambda: changes.append(1))
    # no person: refused with one sentence, nothing changed
    _select(panel, {"丙"})
    assert not panel.decide("accepted")
    assert "name of the user" in panel.message.text() and changes == []
    panel.person.setText("李工")
    _select(panel, {"丙"})
    assert panel.decide("accepted")
    # taking 乙 off needs a reason
    _select(panel, {"乙"})
    assert not panel.remove()
    panel.reason.setText("企业已关闭")
    _select(panel, {"乙"})
    assert panel.remove()
    assert "(+1 −1)" in panel.summary.text()
    panel.version.setText("2024")
    assert panel.publish()
    assert _published(path, "2024") == ["丙", "甲"] and _published(path, "2023") == ["乙", "甲"]
    assert len(changes) == 3
    assert not panel.publish()  # a version is published once
    assert "published already" in panel.message.text()
