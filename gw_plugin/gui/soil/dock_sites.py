"""The "Sites" dock panel of the soil pilot area: construction-land sites in a tree by life-cycle stage and county
with live counts, filters (county, stage, planned land class, text), the timeline of the selected site (its dated
stages with their documents), recording the next stage and attaching a document to a stage. Registered with the dock
registry (gui/common/docks.py) through ``DOCK``; the logic is core/soil/stages.py.

Room to work (issue 17): the panel needs no more width than QGIS's own docks (docks.py ``MAX_MINIMUM_WIDTH``): the
filters sit two by two with combo boxes that cut long stage names with "…" (whole in the list and the tooltip), and
the buttons wrap onto a second line when the dock is narrow."""

from __future__ import annotations

import os

from qgis.core import QgsApplication, QgsExpression, QgsFeatureRequest, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.data import attachments
from ...core.data import schema as S
from ...core.data.qgis_project import admin_unit_names, project_layers
from ...core.soil import stages as ST
from ...core.sources.site_class import OUTCOMES
from ...toolbelt.i18n import is_zh, tr, ui_language
from ..common.docks import DockSpec
from ..common.elided import ElidedComboBox, ElidedToolTipDelegate
from ..common.layer_binding import ProjectWatch
from ..common.map_zoom import zoom_to_features
from ..common.project_database import project_database
from ..common.screen import wrapping_row
from .key_units_window import KeyUnitsWindow
from .stage_dialog import StageDialog

TR_CONTEXT = "SitesPanel"
NO_STAGE = "__none__"
UUID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def matches(site: dict, county: str, stage: str, land_class, text: str) -> bool:
    """Whether a site row (core/soil/stages.py ``sites``) passes the panel's filters ('' / None = any)."""
    if county and site.get("county_code") != county:
        return False
    if stage and (site.get("stage") or NO_STAGE) != stage:
        return False
    if land_class and site.get("planned_land_class") != land_class:
        return False
    if text:
        t = text.casefold()
        return any(t in str(site.get(k) or "").casefold() for k in ("site_code", "name_zh"))
    return True


class SitesPanel(QWidget):
    """Content of the Sites dock."""

    def __init__(
        self, iface=None, parent: QWidget | None = None, project: QgsProject | None = None, lang: str | None = None
    ):
        super().__init__(parent)
        self.iface = iface
        self.project = project or QgsProject.instance()
        self.lang = lang or ui_language()
        self.setObjectName("gw_plugin_sites_panel")
        self.database = ""
        self.rows: list = []

        self.county = ElidedComboBox(self)
        self.stage = ElidedComboBox(self)
        self.stage.addItem(tr(TR_CONTEXT, "All stages"), "")
        for s in ST.STAGES:
            self.stage.addItem(s.label(self.lang), s.code)
        self.stage.addItem(tr(TR_CONTEXT, "No stage recorded"), NO_STAGE)
        self.land_class = ElidedComboBox(self)
        self.land_class.addItem(tr(TR_CONTEXT, "Any land class"), 0)
        self.land_class.addItem(tr(TR_CONTEXT, "Class 1 land"), 1)
        self.land_class.addItem(tr(TR_CONTEXT, "Class 2 land"), 2)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(tr(TR_CONTEXT, "Site code or name"))
        self.search.setClearButtonEnabled(True)
        for combo in (self.county, self.stage, self.land_class):
            combo.currentIndexChanged.connect(self.fill_tree)
        self.search.textChanged.connect(self.fill_tree)
        filters = QGridLayout()  # two by two: as narrow as the other docks
        filters.addWidget(self.county, 0, 0)
        filters.addWidget(self.stage, 0, 1)
        filters.addWidget(self.land_class, 1, 0)
        filters.addWidget(self.search, 1, 1)
        filters.setColumnStretch(0, 1)
        filters.setColumnStretch(1, 1)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([tr(TR_CONTEXT, "Sites by stage and county"), tr(TR_CONTEXT, "Number")])
        self.tree.header().setStretchLastSection(False)  # the names take the room, the numbers what they need
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setItemDelegate(ElidedToolTipDelegate(self.tree))  # a cut name whole as tooltip
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(self.show_timeline)

        self.site_label = QLabel(self)
        self.site_label.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.timeline = QTreeWidget(self)
        self.timeline.setHeaderLabels(
            [
                tr(TR_CONTEXT, "Started"),
                tr(TR_CONTEXT, "Stage"),
                tr(TR_CONTEXT, "Finished"),
                tr(TR_CONTEXT, "Organisation"),
                tr(TR_CONTEXT, "Documents"),
            ]
        )
        self.timeline.setRootIsDecorated(False)
        self.timeline.setItemDelegate(ElidedToolTipDelegate(self.timeline))
        self.timeline.header().setStretchLastSection(False)
        for column in range(5):
            mode = QHeaderView.ResizeMode.Stretch if column == 1 else QHeaderView.ResizeMode.ResizeToContents
            self.timeline.header().setSectionResizeMode(column, mode)
        self.timeline.currentItemChanged.connect(self._update_buttons)
        self.add_button = QPushButton(tr(TR_CONTEXT, "Record the next stage…"), self)
        self.add_button.clicked.connect(self.ask_stage)
        self.attach_button = QPushButton(tr(TR_CONTEXT, "Attach a document to the stage…"), self)
        self.attach_button.clicked.connect(self.ask_attachment)
        self.zoom_button = QPushButton(tr(TR_CONTEXT, "Zoom to the site"), self)
        self.zoom_button.clicked.connect(self.zoom_to_site)
        self.refresh_button = QPushButton(tr(TR_CONTEXT, "&Refresh"), self)
        self.refresh_button.clicked.connect(self.refresh)
        self.key_units_button = QPushButton(tr(TR_CONTEXT, "Key supervised units…"), self)
        self.key_units_button.setObjectName("gw_plugin_sites_key_units")
        self.key_units_button.clicked.connect(self.open_key_units_window)
        self._key_units = None
        buttons = wrapping_row(
            self,
            (self.add_button, self.attach_button, self.zoom_button, self.key_units_button, self.refresh_button),
        )

        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.site_label)
        lower_layout.addWidget(self.state_label)
        lower_layout.addWidget(self.timeline, 1)
        lower_layout.addWidget(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)

        self._watch = ProjectWatch(self, self.project, self.refresh, 200, ("customVariablesChanged",))
        self.refresh()

    # -- data ---------------------------------------------------------------------------------------------------
    def teardown(self) -> None:
        self._watch.stop()
        if self._key_units is not None:
            self._key_units.teardown()
            self._key_units.close()

    def open_key_units_window(self) -> KeyUnitsWindow:
        """The soil key supervised units in a window of their own beside the map (built when first opened)."""
        if self._key_units is None:
            self._key_units = KeyUnitsWindow(lambda: self.database, self, self.lang)
        else:
            self._key_units.reload()
        self._key_units.show()
        self._key_units.raise_()
        self._key_units.activateWindow()
        return self._key_units

    def refresh(self) -> None:
        """Read the sites of the project database again and rebuild the tree (keeping the selected site)."""
        keep = self.selected_site()
        self.database = project_database(self.project) or ""
        self.rows = []
        if self.database and os.path.exists(self.database):
            try:
                self.rows = ST.sites(self.database)
                self._name_counties()
            except Exception as exc:  # noqa: BLE001 - an old or foreign database: say so, never a traceback
                self.status.setText(tr(TR_CONTEXT, "The sites cannot be read: {e}").format(e=exc))
        elif not self.database:
            self.status.setText(tr(TR_CONTEXT, "No project database is loaded."))
        self._fill_counties()
        self.fill_tree()
        if keep:
            self.select_site(keep)

    def _name_counties(self) -> None:
        """Counties named in the panel's language: English names (admin_units.name_en) under English where the
        database has them, the Chinese ones otherwise (core/soil/stages.py reads name_zh)."""
        if is_zh(self.lang):
            return
        names = admin_unit_names(self.database, self.lang, "county")
        for r in self.rows:
            r["county_name"] = names.get(r.get("county_code")) or r.get("county_name")

    def _fill_counties(self) -> None:
        current = self.county.currentData()
        self.county.blockSignals(True)
        self.county.clear()
        self.county.addItem(tr(TR_CONTEXT, "All counties"), "")
        seen = {}
        for r in self.rows:
            seen.setdefault(r["county_code"], r.get("county_name") or r["county_code"])
        for code in sorted(seen):
            self.county.addItem(f"{seen[code]} ({code})", code)
        idx = self.county.findData(current) if current else 0
        self.county.setCurrentIndex(max(idx, 0))
        self.county.blockSignals(False)

    def filtered(self) -> list:
        return [
            r
            for r in self.rows
            if matches(
                r,
                self.county.currentData() or "",
                self.stage.currentData() or "",
                self.land_class.currentData() or 0,
                self.search.text().strip(),
            )
        ]

    def fill_tree(self, *args) -> None:
        """Stage → county → site, each with its number of sites."""
        self.tree.clear()
        rows = self.filtered()
        groups: dict = {}
        for r in rows:
            groups.setdefault(r.get("stage") or NO_STAGE, {}).setdefault(r["county_code"], []).append(r)
        order = [s.code for s in ST.STAGES] + [NO_STAGE]
        for code in order:
            if code not in groups:
                continue
            counties = groups[code]
            label = ST.stage_label(code, self.lang) if code != NO_STAGE else tr(TR_CONTEXT, "No stage recorded")
            top = QTreeWidgetItem([label, str(sum(len(v) for v in counties.values()))])
            top.setData(0, KIND_ROLE, "stage")
            top.setData(0, UUID_ROLE, code)
            self.tree.addTopLevelItem(top)
            for county in sorted(counties):
                sites = counties[county]
                name = sites[0].get("county_name") or county
                mid = QTreeWidgetItem([name, str(len(sites))])
                mid.setData(0, KIND_ROLE, "county")
                mid.setData(0, UUID_ROLE, county)
                top.addChild(mid)
                for s in sites:
                    leaf = QTreeWidgetItem([f"{s['site_code']} {s['name_zh']}", s.get("last_date") or ""])
                    leaf.setData(0, KIND_ROLE, "site")
                    leaf.setData(0, UUID_ROLE, s["uuid"])
                    mid.addChild(leaf)
            top.setExpanded(True)
        self.status.setText(
            tr(TR_CONTEXT, "{n} of {total} sites shown.").format(n=len(rows), total=len(self.rows))
            if self.database
            else self.status.text()
        )
        self.show_timeline()

    # -- selection and timeline -----------------------------------------------------------------------------------
    def selected_site(self):
        item = self.tree.currentItem()
        if item is not None and item.data(0, KIND_ROLE) == "site":
            return item.data(0, UUID_ROLE)
        return None

    def site_row(self, uuid):
        return next((r for r in self.rows if r["uuid"] == uuid), None)

    def select_site(self, uuid) -> bool:
        """Make the site the current item (for other panels, scripts and tests); False when it is filtered out."""
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, KIND_ROLE) == "site" and item.data(0, UUID_ROLE) == uuid:
                self.tree.setCurrentItem(item)
                return True
            iterator.extend(item.child(i) for i in range(item.childCount()))
        return False

    def show_timeline(self, *args) -> None:
        self.timeline.clear()
        site = self.site_row(self.selected_site())
        self.state_label.setText("")
        if site is None:
            self.site_label.setText(tr(TR_CONTEXT, "Select a site to see its timeline."))
        else:
            self.select_on_map(site["uuid"])
            exceedance = S.codelist("exceedance")
            outcome = OUTCOMES.get(site.get("co_management") or "")
            self.state_label.setText(
                tr(TR_CONTEXT, "Soil: {soil}; groundwater: {gw}; co-management: {co}").format(
                    soil=exceedance.label(site.get("soil_exceedance") or "unknown", self.lang),
                    gw=exceedance.label(site.get("gw_exceedance") or "unknown", self.lang),
                    co=(outcome[0] if self.lang == "zh" else outcome[1]) if outcome else "—",
                )
            )
            land = site.get("planned_land_class")
            self.site_label.setText(
                tr(TR_CONTEXT, "{code} {name} — planned land: {land}; current stage: {stage}").format(
                    code=site["site_code"],
                    name=site["name_zh"],
                    land=tr(TR_CONTEXT, "class {n}").format(n=land) if land else "—",
                    stage=ST.stage_label(site.get("stage"), self.lang) or "—",
                )
            )
            for h in ST.history(self.database, site["uuid"]):
                item = QTreeWidgetItem(
                    [
                        str(h["started_on"] or ""),
                        ST.stage_label(h["stage"], self.lang),
                        str(h["finished_on"] or ""),
                        h["organisation"] or "",
                        str(h["attachments"]),
                    ]
                )
                item.setData(0, UUID_ROLE, h["uuid"])
                item.setToolTip(1, "\n".join(x for x in (h["report_ref"], h["conclusion"]) if x))
                self.timeline.addTopLevelItem(item)
        self._update_buttons()

    def timeline_rows(self) -> list:
        """(started, stage label, finished, organisation, documents) as shown (for tests and scripts)."""
        return [
            tuple(self.timeline.topLevelItem(i).text(c) for c in range(5))
            for i in range(self.timeline.topLevelItemCount())
        ]

    def sites_layer(self):
        return project_layers(self.project, self.database or None).get("sites") if self.database else None

    def select_on_map(self, uuid) -> list:
        """Select the site's feature on the project's sites layer; returns the selected feature ids."""
        layer = self.sites_layer()
        if layer is None:
            return []
        request = QgsFeatureRequest(QgsExpression(QgsExpression.createFieldEqualityExpression("uuid", uuid)))
        fids = [f.id() for f in layer.getFeatures(request)]
        layer.selectByIds(fids)
        return fids

    def zoom_to_site(self) -> None:
        layer = self.sites_layer()
        site = self.selected_site()
        if layer is None or site is None or self.iface is None:
            return
        zoom_to_features(self.iface.mapCanvas(), layer, self.select_on_map(site), self.project)

    def _update_buttons(self, *args) -> None:
        site = self.site_row(self.selected_site())
        self.zoom_button.setEnabled(site is not None and self.iface is not None)
        self.add_button.setEnabled(site is not None and site.get("stage") != ST.STAGES[-1].code)
        self.attach_button.setEnabled(self.timeline.currentItem() is not None)

    # -- writing ----------------------------------------------------------------------------------------------------
    def _user(self) -> str:
        return QgsApplication.userFullName() or QgsApplication.userLoginName() or ""

    def record_stage(self, **values) -> bool:
        """Record the next stage of the selected site (keyword arguments of ``stages.add_stage``); a refusal is
        shown as one sentence in the panel. Returns whether it was recorded."""
        site = self.selected_site()
        if site is None:
            return False
        try:
            ST.add_stage(self.database, site, user=self._user(), **values)
        except ST.StageError as exc:
            self.status.setText(str(exc))
            return False
        self.refresh()
        self.status.setText(
            tr(TR_CONTEXT, "Recorded: {stage}.").format(stage=ST.stage_label(values.get("stage"), self.lang))
        )
        return True

    def ask_stage(self) -> None:
        site = self.site_row(self.selected_site())
        if site is None:
            return
        dialog = StageDialog(f"{site['site_code']} {site['name_zh']}", site.get("stage"), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_stage(**dialog.values())

    def attach_document(self, path: str) -> bool:
        """Attach the file at ``path`` to the stage selected in the timeline."""
        item = self.timeline.currentItem()
        if item is None:
            return False
        try:
            attachments.add_attachment(self.database, "site_stages", item.data(0, UUID_ROLE), path, user=self._user())
        except (attachments.AttachmentError, OSError) as exc:
            self.status.setText(str(exc))
            return False
        row = self.timeline.indexOfTopLevelItem(item)
        self.show_timeline()
        if 0 <= row < self.timeline.topLevelItemCount():
            self.timeline.setCurrentItem(self.timeline.topLevelItem(row))
        return True

    def ask_attachment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr(TR_CONTEXT, "Attach a document to the stage"))
        if path:
            self.attach_document(path)


DOCK = DockSpec(
    key="sites",
    title=lambda: tr(TR_CONTEXT, "Sites"),
    factory=SitesPanel,
    icon="/mActionAddPolygon.svg",
    tooltip=lambda: tr(TR_CONTEXT, "Construction-land sites by stage and county, with the timeline of each site"),
    order=60,
)
