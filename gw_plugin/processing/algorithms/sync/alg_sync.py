"""gwplugin:sync — sync a project GeoPackage with the city platform (pull, merge per field, push exactly once)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ....core.sync import engine as SY
from ....core.sync.report import SyncError
from ...base import GwAlgorithm, fail


class SyncAlgorithm(GwAlgorithm):
    NAME = "sync"
    DISPLAY = "Sync with the platform"
    GROUP_ID = "sync"
    GROUP = "Sync"
    HELP = (
        "Syncs a project GeoPackage with the city platform. Server changes are pulled first and merged field by "
        "field with the local edits: different fields of a feature merge silently; the same field changed on both "
        "sides, or an edit against a deletion, is a conflict whose two versions are both kept in the file. The "
        "conflict policy decides the winner (the server, the local edit, or nobody: the conflict stays open until "
        "resolved). Local changes are then pushed in one transaction, exactly once even if the connection drops. "
        "Changes the platform refuses (county permissions) are kept in the file as rejected. A GeoPackage synced "
        "for the first time into an empty platform publishes all its data."
    )

    DIRECTIONS = ["both", "push", "pull"]
    POLICIES = ["server", "local", "manual"]

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("DATABASE", self.tr("Project database"), extension="gpkg"))
        self.addParameter(
            QgsProcessingParameterString("PLATFORM", self.tr("Platform connection (conninfo, URI, service, authcfg)"))
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "DIRECTION",
                self.tr("Direction"),
                [self.tr("Pull and push"), self.tr("Push only"), self.tr("Pull only")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "CONFLICT_POLICY",
                self.tr("When both sides changed the same field"),
                [self.tr("The server wins"), self.tr("My edit wins"), self.tr("Leave open for me to resolve")],
                defaultValue=0,
            )
        )
        for key, label in (
            ("PUSHED", self.tr("Changes pushed")),
            ("PULLED", self.tr("Changes pulled")),
            ("MERGED", self.tr("Features merged")),
            ("CONFLICTS", self.tr("Conflicts")),
            ("OPEN_CONFLICTS", self.tr("Open conflicts")),
            ("REJECTED", self.tr("Changes rejected")),
            ("PENDING", self.tr("Changes still pending")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "DATABASE", context)
        platform = self.parameterAsString(parameters, "PLATFORM", context)
        direction = self.DIRECTIONS[self.parameterAsEnum(parameters, "DIRECTION", context)]
        policy = self.POLICIES[self.parameterAsEnum(parameters, "CONFLICT_POLICY", context)]
        steps = {"pull_page": 0}

        def check_cancel(*_args):
            # Stopping here is as safe as a crash at this point: the pull page or the push transaction under way is
            # rolled back and the next sync resumes (tests/soak kills the process at such points).
            if feedback.isCanceled():
                raise SyncError(self.tr("Sync canceled; nothing was lost, sync again to finish."))

        def pull_page():
            steps["pull_page"] += 1
            feedback.setProgress(min(60.0, 5.0 * steps["pull_page"]))
            check_cancel()

        hooks = {"pull_page": pull_page, "before_push_commit": check_cancel, "blob_chunk": check_cancel}
        feedback.setProgress(1)
        try:
            rep = SY.sync(
                path, platform, direction=direction, conflict_policy=policy, log=feedback.pushInfo, hooks=hooks
            )
        except SyncError as exc:
            fail(str(exc))
        feedback.setProgress(100)
        for msg in rep.messages:
            feedback.pushInfo(msg)
        feedback.pushInfo(
            self.tr(
                "Sync finished: pushed {pushed}, pulled {pulled}, merged {merged}, conflicts {conflicts} "
                "(open {open}), rejected {rejected}, still pending {pending}"
            ).format(
                pushed=rep.pushed,
                pulled=rep.pulled,
                merged=rep.merged,
                conflicts=rep.conflicts,
                open=rep.open_conflicts,
                rejected=rep.rejected,
                pending=rep.pending,
            )
        )
        if rep.rejected:
            feedback.reportError(
                self.tr("{n} changes were refused by the platform; they are kept in the table gw_rejected.").format(
                    n=rep.rejected
                )
            )
        if rep.open_conflicts:
            feedback.pushWarning(
                self.tr("{n} conflicts are open; resolve them in the Sync dock.").format(n=rep.open_conflicts)
            )
        return {
            "PUSHED": rep.pushed,
            "PULLED": rep.pulled,
            "MERGED": rep.merged,
            "CONFLICTS": rep.conflicts,
            "OPEN_CONFLICTS": rep.open_conflicts,
            "REJECTED": rep.rejected,
            "PENDING": rep.pending,
        }
