"""The roster panel (名录): decisions on one roster in the dock — accept or reject proposals, take members off
(who, when, why), flags of closed and merged members, and the publication of the next version (the previous
version plus the accepted minus the removed entries; core/sources/roster_publication.py, roster_review.py).

Works on the saved project database (the roster tables are not edited through layers). ``changed`` is emitted after
every decision or publication so the host (the sources dock) can reload.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from typing import Callable, Optional

from qgis.PyQt.QtCore import QDate, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import schema as S
from ...core.sources import roster_publication as P
from ...core.sources import roster_review as RV
from ...core.sources.rosters import ROSTERS, RosterError, connect
from ...toolbelt.i18n import tr

TR_CONTEXT = "RosterPanel"  # the translation context of this module's texts


#: columns of the table
COLUMNS = ("name", "status", "reason", "decided_by", "decided_on", "flag")


class RosterPanel(QWidget):
    """Decisions and publication of one roster; ``database()`` gives the project GeoPackage path (or "")."""

    changed = pyqtSignal()

    def __init__(self, database: Callable[[], str], parent: Optional[QWidget] = None, lang: str = "zh"):
        super().__init__(parent)
        self.database = database
        self.lang = lang
        self.setObjectName("gw_plugin_roster_panel")
        self.rows: list = []  # dicts: source_uuid, entry_uuid, name, status, reason, decided_by, decided_on, flag
        self.roster_combo = QComboBox(self)
        for code in ROSTERS:
            self.roster_combo.addItem(S.codelist("roster_kind").label(code, lang), code)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(
            [
                tr(TR_CONTEXT, "Enterprise"),
                tr(TR_CONTEXT, "Status"),
                tr(TR_CONTEXT, "Reason"),
                tr(TR_CONTEXT, "Decided by"),
                tr(TR_CONTEXT, "Date"),
                tr(TR_CONTEXT, "Note"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.person = QLineEdit(self)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMaximumDate(QDate.currentDate())
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(tr(TR_CONTEXT, "Why (required to take a member off)"))
        self.version = QLineEdit(self)
        self.version.setPlaceholderText(tr(TR_CONTEXT, "e.g. 2025"))
        form = QFormLayout()
        for label, widget in (
            (tr(TR_CONTEXT, "&Roster:"), self.roster_combo),
            (tr(TR_CONTEXT, "&Who:"), self.person),
            (tr(TR_CONTEXT, "W&hen:"), self.day),
            (tr(TR_CONTEXT, "Wh&y:"), self.reason),
        ):
            lbl = QLabel(label, self)
            lbl.setBuddy(widget)
            form.addRow(lbl, widget)
        self.accept_button = QPushButton(tr(TR_CONTEXT, "&Accept"), self)
        self.reject_button = QPushButton(tr(TR_CONTEXT, "Re&ject"), self)
        self.remove_button = QPushButton(tr(TR_CONTEXT, "Take &off"), self)
        self.publish_button = QPushButton(tr(TR_CONTEXT, "&Publish version"), self)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.remove_button):
            buttons.addWidget(b)
        publish = QHBoxLayout()
        publish.addWidget(self.version, 1)
        publish.addWidget(self.publish_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("gw_plugin_roster_message")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(publish)
        layout.addWidget(self.message)
        self.roster_combo.currentIndexChanged.connect(lambda *_: self.reload())
        self.accept_button.clicked.connect(lambda: self.decide("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        self.remove_button.clicked.connect(self.remove)
        self.publish_button.clicked.connect(self.publish)
        self.reload()

    # -- reading -------------------------------------------------------------------------------------------------
    def roster(self) -> str:
        return self.roster_combo.currentData()

    def reload(self) -> None:
        path = self.database() or ""
        self.rows = []
        if not path:
            self.summary.setText(tr(TR_CONTEXT, "No project database."))
            self._fill()
            return
        roster = self.roster()
        con = connect(path, readonly=True)
        try:
            latest = P.latest_version(con, roster)
            nxt = P.next_version_members(con, roster)
            published = set()
            if latest is not None:
                published = {
                    r[0]
                    for r in con.execute(
                        "SELECT source_uuid FROM roster_entries WHERE roster = ? AND status = 'published' "
                        "AND roster_version = ?",
                        (roster, latest),
                    )
                }
            live = con.execute(
                "SELECT e.uuid, e.source_uuid, p.name_zh, e.status, e.reason, e.decided_by, e.decided_on "
                "FROM roster_entries e LEFT JOIN pollution_sources p ON p.uuid = e.source_uuid "
                "WHERE e.roster = ? AND e.status <> 'published' ORDER BY p.name_zh",
                (roster,),
            ).fetchall()
            names = dict(con.execute("SELECT uuid, name_zh FROM pollution_sources"))
        except sqlite3.DatabaseError as exc:
            self.summary.setText(tr(TR_CONTEXT, "The database cannot be read: {e}").format(e=exc))
            self._fill()
            return
        finally:
            con.close()
        flags = {f.source_uuid: f.why_zh for f in RV.flags(path, roster)}
        seen = set()
        for eu, su, name, st, reason, by, on in live:
            seen.add(su)
            self.rows.append(dict(source_uuid=su, entry_uuid=eu, name=name or su, status=st,
                                  reason=P.reason_zh(reason), decided_by=by or "", decided_on=(on or "")[:10],
                                  flag=flags.get(su, "")))  # fmt: skip
        for su in sorted(published - seen, key=lambda u: names.get(u) or u):
            self.rows.append(dict(source_uuid=su, entry_uuid=None, name=names.get(su) or su, status="published",
                                  reason="", decided_by="", decided_on="", flag=flags.get(su, "")))  # fmt: skip
        added = len(set(nxt) - published)
        gone = len(published - set(nxt))
        self.summary.setText(
            tr(TR_CONTEXT, "Latest version: {v} ({n} members). Next version: {m} members (+{a} −{r}).").format(
                v=latest or "—", n=len(published), m=len(nxt), a=added, r=gone
            )
        )
        self._fill()

    def _fill(self) -> None:
        status = S.codelist("roster_status")
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            for j, key in enumerate(COLUMNS):
                text = status.label(r[key], self.lang) if key == "status" else str(r[key] or "")
                self.table.setItem(i, j, QTableWidgetItem(text))

    def selected(self) -> list:
        return [self.rows[i.row()] for i in self.table.selectionModel().selectedRows()]

    # -- acting ----------------------------------------------------------------------------------------------------
    def _when(self) -> _dt.date:
        return self.day.date().toPyDate()

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.reload()
        self.changed.emit()

    def _run(self, fn) -> bool:
        try:
            text = fn()
        except RosterError as exc:
            self.message.setText(str(exc))
            return False
        self._done(text)
        return True

    def decide(self, decision: str) -> bool:
        entries = [r["entry_uuid"] for r in self.selected() if r["entry_uuid"] and r["status"] != "published"]
        if not entries:
            self.message.setText(tr(TR_CONTEXT, "Select proposals or decisions of this roster first."))
            return False
        return self._run(
            lambda: tr(TR_CONTEXT, "{n} entries decided.").format(
                n=P.decide(self.database(), entries, decision, self.person.text().strip(), self._when())
            )
        )

    def remove(self) -> bool:
        sources = [r["source_uuid"] for r in self.selected()]
        if not sources:
            self.message.setText(tr(TR_CONTEXT, "Select the members to take off first."))
            return False
        return self._run(
            lambda: tr(TR_CONTEXT, "{n} sources leave the roster from its next version.").format(
                n=P.remove(
                    self.database(),
                    self.roster(),
                    sources,
                    self.person.text().strip(),
                    self.reason.text(),
                    self._when(),
                )  # fmt: skip
            )
        )

    def publish(self) -> bool:
        return self._run(
            lambda: tr(TR_CONTEXT, "Version {v} published with {n} sources.").format(
                v=self.version.text().strip(),
                n=P.publish(
                    self.database(), self.roster(), self.version.text(), self.person.text().strip(), self._when()
                ),  # fmt: skip
            )
        )
