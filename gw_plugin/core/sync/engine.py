"""Sync of a project GeoPackage with the city platform: pull, field-level three-way merge, push exactly once.

Invariants (../shared/design/sync.md): identity is ``uuid``; nothing is lost (every local change ends on the server
or stays in the file as pending, conflicting or rejected); a push is applied exactly once (idempotency key =
client id + push sequence, stored in the push's own server transaction, payload kept in ``gw_outbox`` until the
outcome is recorded); each side is atomic (one server transaction per push; one SQLite transaction per pull and
per outcome); merges are per field against the base values kept by the change-tracking triggers; the server
decides permissions (row-level security) and refused rows come back as rejected and are kept.

This module is the public entry point ``sync(gpkg_path, conninfo, direction, conflict_policy) -> SyncReport``,
orchestrating the parts: ``wire`` (value forms), ``local`` (the GeoPackage side), ``pull`` (pull and merge),
``push`` (push exactly once), ``blobs`` (attachment files), ``conflicts`` (conflict records, ``open_conflicts``,
``resolve_conflict``) and ``report`` (``SyncReport``, ``SyncError``). No QGIS import.
"""

from __future__ import annotations

import json
from typing import Callable, Optional

from ..data import schema as S
from ..data import sqlite_gpkg as SG
from . import changelog as C
from . import identity
from . import server_schema as P
from .blobs import pull_attachments, push_attachments
from .local import LocalTables, recover_journal
from .pull import pull_into, refresh_features
from .push import push_pending, send_outbox
from .recover import restore_tracking
from .report import SyncError, SyncReport

POLICIES = ("server", "local", "manual")
DIRECTIONS = ("both", "push", "pull")


def sync(
    gpkg_path: str,
    conninfo: str,
    direction: str = "both",
    conflict_policy: str = "server",
    log: Optional[Callable[[str], None]] = None,
    hooks: Optional[dict] = None,
    attachments: bool = True,
) -> SyncReport:
    """Pull, merge and push one project GeoPackage with the platform; returns what happened.

    ``direction``: both | push | pull; ``conflict_policy``: server | local | manual (manual leaves the conflict
    open, the feature's change held back, until ``resolve_conflict``). The platform's versions are checked before
    anything in the file changes; then an older GeoPackage is upgraded (with a backup). Raises SyncError when
    the sync could not finish; everything done until then is consistent and the next sync resumes.
    ``hooks`` (tests and the soak script's named kill points): callables run at 'pull_page' and
    'before_pull_commit' (inside the pull's transactions), 'after_prepare' (outbox written, nothing sent),
    'after_stage' (the whole outbox COPYed into the platform's staging tables, the server transaction not ended;
    a streamed push has applied its parts in it), 'before_push_commit' (inside the server transaction, applied),
    'after_push_commit' (committed, outcome not recorded), 'during_outcome' (inside the outcome's SQLite
    transaction) and 'blob_chunk' (chunk index). 'after_stage' and 'before_push_commit' run in the thread that
    talks to the platform while the calling thread builds the outbox or holds the outcome's SQLite transaction
    open (push.py): they must not write the GeoPackage.
    """
    if direction not in DIRECTIONS:
        raise SyncError(f"direction must be one of {DIRECTIONS}")
    if conflict_policy not in POLICIES:
        raise SyncError(f"conflict policy must be one of {POLICIES}")
    hooks = hooks or {}
    report = SyncReport()
    recover_journal(gpkg_path)
    try:
        return _sync(gpkg_path, conninfo, direction, conflict_policy, log, hooks, report, attachments)
    except P.psycopg2_module().Error as exc:
        raise SyncError(
            f"The platform connection failed during sync ({str(exc).strip()}). Nothing was lost: every change is "
            "still in the GeoPackage or already on the platform; sync again."
        ) from exc


def _open_checked(gpkg_path: str, pinfo, report: SyncReport):
    """The file's schema and CRS checked against the platform's, then upgraded when older (with a backup)."""
    from ..data import gpkg

    try:
        info = gpkg.open_database(gpkg_path, upgrade=False)
    except gpkg.SchemaError as exc:
        raise SyncError(str(exc)) from exc
    if pinfo.crs.upper() != info.crs.upper():
        raise SyncError(f"The GeoPackage is in {info.crs} but the platform in {pinfo.crs}; check out a new copy.")
    if info.schema_version < S.SCHEMA_VERSION:
        try:
            info = gpkg.open_database(gpkg_path, upgrade=True)
        except gpkg.SchemaError as exc:
            raise SyncError(str(exc)) from exc
        report.messages.append(f"upgraded the GeoPackage from schema {info.upgraded_from} (backup {info.backup_path})")
    return info


def _sync(gpkg_path, conninfo, direction, conflict_policy, log, hooks, report, attachments) -> SyncReport:
    try:
        pg = P.connect(conninfo)
    except P.PlatformError as exc:
        raise SyncError(str(exc)) from exc
    con = None
    try:
        try:
            pinfo = P.platform_info(pg)  # before anything in the file changes
        except P.PlatformError as exc:
            raise SyncError(str(exc)) from exc
        pg.rollback()
        _open_checked(gpkg_path, pinfo, report)
        con = SG.open_db(gpkg_path)
        con.execute("PRAGMA cache_size = -65536")  # 64 MiB: large pulls touch many index pages
        # SQLite built with SECURE_DELETE (Debian's is) zeroes every deleted row and writes the freed pages again;
        # FAST zeroes what is written anyway and adds no I/O (SQLite documentation, PRAGMA secure_delete; 3.20+).
        # A push settles its rows by deleting their bases, change-log entries and outbox rows.
        con.execute("PRAGMA secure_delete = FAST")
        lost = C.untracked_tables(con)
        C.install_change_tracking(gpkg_path, con=con)
        if lost:  # a tool rebuilt these tables: find the edits the triggers missed before anything else
            restore_tracking(con, pg, lost, report)
        local = LocalTables(con)
        st = C.state(con)
        counties = json.loads(st["counties"]) if st.get("counties") else None
        if st["inflight_seq"] is not None and direction != "pull":
            report.messages.append(f"resending push {st['inflight_seq']} whose outcome was not recorded")
            stale = send_outbox(local, pg, st["inflight_seq"], report, hooks, gpkg_path)
            refresh_features(con, pg, conflict_policy, report, stale)
        if direction != "pull":
            why = identity.check_identity(con, pg, gpkg_path)
            if why:
                report.new_identity = True
                report.messages.append(why)
        for _round in range(3):
            stale_before = report.stale
            if direction in ("both", "pull"):
                pull_into(con, pg, conflict_policy, report, counties, hooks)
                if attachments:
                    pull_attachments(local, pg, gpkg_path, report)
            if direction in ("both", "push"):
                hold = push_attachments(local, pg, gpkg_path, report, hooks) if attachments else set()
                stale = push_pending(local, pg, pinfo.srid, report, hooks, hold, gpkg_path)
                refresh_features(con, pg, conflict_policy, report, stale)
            if report.stale == stale_before or direction != "both":
                break
        counts = C.pending_counts(gpkg_path)
        report.pending = counts["I"] + counts["U"] + counts["D"]
        report.open_conflicts = counts["conflicts"]
        with SG.transaction(con):
            con.execute(
                f"UPDATE {C.STATE} SET last_sync_at = {C.NOW}, last_report = ? WHERE id = 1",
                (json.dumps(report.as_dict(), ensure_ascii=False),),
            )
    finally:
        if con is not None:
            con.close()
        pg.close()
    if log:
        log(report.summary())
    return report
