"""Soak test of sync safety: SIGKILL the sync process at NAMED points inside pull, push and outcome bookkeeping, and
drop its server connection inside transactions and after a commit before the reply, many times; after each, resume
every client and check that no edit is lost or duplicated and that both sides pass an integrity check.

A throw-away PostgreSQL/PostGIS is started (tests/pg.py) and the clients work as the platform's editor of one
county (not a superuser: row-level security and the grants are in force). Three files sync with it: two checkouts
and a COPY of the first (same identity at first: it must take its own). Each owns a share of the wells and edits
only those (inserts, updates, deletes, attachments), so a model of what the users did (kept in memory, outside the
GeoPackages) is the truth every check compares with. Kill points (each one the process kills itself at, exactly):

    pull_page, before_pull_commit, after_prepare, before_push_commit, after_push_commit, during_outcome, blob_chunk

Drop points (the server backend terminated in-process): pull_page, before_push_commit, and after_push_commit
(committed, reply lost). Checked after every resume: every file == model == platform; attachments rows equal and
their files present and intact; per push, the change log holds exactly one entry per accepted change; no insert
twice; the platform's and each file's integrity. Run standalone (``make soak``):

    PYTHONPATH=. .venv/bin/python tests/soak/soak_sync.py --kills 5 --drops 5 --time-limit 1800

(``--kills`` and ``--drops`` are hits PER POINT). Exit status 0 when every check passed and every point was hit that
often within the time limit; the report lists the hits of each point.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from gw_plugin.core.data import sqlite_gpkg as SG  # noqa: E402
from gw_plugin.core.sync import checkout as CO  # noqa: E402
from gw_plugin.core.sync import engine as SY  # noqa: E402
from gw_plugin.core.sync import server_schema as P  # noqa: E402
from gw_plugin.core.sync.report import SyncError  # noqa: E402
from tests.core.sync.roles import platform_roles  # noqa: E402
from tests.core.sync.test_sync import add_well, local_rows, project_with_wells, server_rows  # noqa: E402
from tests.pg import PgCluster  # noqa: E402

COUNTY = "410102"
KILL_POINTS = (
    "pull_page",
    "before_pull_commit",
    "after_prepare",
    "before_push_commit",
    "after_push_commit",
    "during_outcome",
    "blob_chunk",
)
DROP_POINTS = ("pull_page", "before_push_commit", "after_push_commit")


class Soak:
    def __init__(self, cluster: PgCluster, work: str, seed: int):
        self.rng = random.Random(seed)
        self.work = work
        self.su = cluster.conninfo(cluster.create_database("soak"))
        P.initplatform(self.su)
        users = platform_roles(cluster, self.su)
        self.ci = users["editor"]
        src = os.path.join(work, "project.gpkg")
        project_with_wells(src, 24, COUNTY)
        SY.sync(src, users["admin"])
        self.paths = []
        for name in ("c0", "c1"):
            os.makedirs(os.path.join(work, name))
            path = os.path.join(work, name, "field.gpkg")
            CO.checkout(self.ci, [COUNTY], path)
            self.paths.append(path)
        os.makedirs(os.path.join(work, "c2"))
        copy = os.path.join(work, "c2", "field.gpkg")
        shutil.copyfile(self.paths[0], copy)  # carried to another laptop: same identity inside
        self.paths.append(copy)
        self.model = {u: dict(r) for u, r in local_rows(self.paths[0]).items()}  # what the users did
        uuids = sorted(self.model)
        self.owned = [set(uuids[i::3]) for i in range(3)]
        self.files = {}  # sha256 -> bytes of every attachment file
        self.tag = 0
        self.kills = dict.fromkeys(KILL_POINTS, 0)
        self.drops = dict.fromkeys(DROP_POINTS, 0)
        self.checks = 0

    # -- edits -------------------------------------------------------------------------------------------------
    def edit_some(self, c: int, attach: bool = False) -> None:
        """A few edits of the wells file ``c`` owns (and maybe an attachment); the model follows."""
        path, owned = self.paths[c], self.owned[c]
        for _ in range(self.rng.randint(1, 12)):
            self.tag += 1
            r = self.rng.random()
            mine = sorted(owned)
            if r < 0.25 or not mine:
                owned.add(add_well(path, COUNTY, well_code=f"S{self.tag}", depth_m=float(self.tag)))
                continue
            u = self.rng.choice(mine)
            con = SG.open_db(path)
            try:
                if r < 0.9:
                    field, value = self.rng.choice(
                        [("depth_m", float(self.tag)), ("remarks", f"r{self.tag}"), ("name_zh", f"井{self.tag}")]
                    )
                    con.execute(f'UPDATE monitoring_wells SET "{field}" = ? WHERE uuid = ?', (value, u))
                else:
                    con.execute("DELETE FROM monitoring_wells WHERE uuid = ?", (u,))
                    owned.discard(u)
                    self.model.pop(u, None)
            finally:
                con.close()
        if attach and owned:
            self.attach(c, self.rng.choice(sorted(owned)))
        rows = local_rows(path)
        for u in owned:
            self.model[u] = rows[u]

    def attach(self, c: int, parent: str) -> None:
        from gw_plugin.core.data.attachments import add_attachment

        data = os.urandom(self.rng.randint(1000, 3 << 20))  # up to four chunks
        src = os.path.join(self.work, f"photo{self.tag}.jpg")
        with open(src, "wb") as fh:
            fh.write(data)
        add_attachment(self.paths[c], "monitoring_wells", parent, src)
        self.files[hashlib.sha256(data).hexdigest()] = data
        os.remove(src)

    # -- interruptions ---------------------------------------------------------------------------------------
    def killed_sync(self, c: int, point: str) -> bool:
        """Run sync in a child process that SIGKILLs itself when it reaches ``point``; True if it did."""
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--worker", self.paths[c], self.ci, point],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": ROOT},
            timeout=300,
        )
        return proc.returncode == -signal.SIGKILL

    def dropped_sync(self, c: int, point: str) -> bool:
        """Sync here while the server backend is terminated at ``point`` (after_push_commit: the reply is lost)."""
        admin = P.connect(self.su)
        admin.autocommit = True
        fired = []

        def drop(*_args):
            if fired:
                return
            cur = admin.cursor()
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'gw_plugin' "
                "AND pid <> pg_backend_pid() AND datname = current_database()"
            )
            fired.append(any(r[0] for r in cur.fetchall()))
            if point == "after_push_commit":
                raise ConnectionError("the reply was lost")

        try:
            SY.sync(self.paths[c], self.ci, hooks={point: drop})
        except (SyncError, ConnectionError):
            pass
        finally:
            admin.close()
        return bool(fired and fired[0])

    # -- checks ----------------------------------------------------------------------------------------------
    def resume_and_check(self) -> None:
        for _ in range(2):
            for path in self.paths:
                rep = SY.sync(path, self.ci)
                assert rep.rejected == 0 and rep.open_conflicts == 0, rep
        self.checks += 1
        server = server_rows(self.ci)
        assert server == self.model, "the platform does not hold every edit"
        atts = server_rows(self.ci, "attachments")
        for path in self.paths:
            assert local_rows(path) == self.model, f"an edit was lost in {path}"
            assert local_rows(path, "attachments") == atts
            for row in atts.values():
                full = os.path.join(os.path.dirname(path), row["file_path"])
                with open(full, "rb") as fh:
                    assert fh.read() == self.files[row["sha256"]], f"attachment {row['file_path']} damaged"
            self._check_file(path)
        assert P.integrity_check(self.su) == [], P.integrity_check(self.su)
        self._check_change_log()

    @staticmethod
    def _check_file(path: str) -> None:
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("SELECT count(*) FROM gw_outbox").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM gw_sync_apply").fetchone()[0] == 0
            assert con.execute("SELECT inflight_seq FROM gw_sync_state").fetchone()[0] is None
            assert con.execute("SELECT count(*) FROM gw_changelog").fetchone()[0] == 0
            touch = con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'gw\\_%\\_touch' ESCAPE '\\'")
            assert touch.fetchone()[0] > 0, "the GeoPackage's own triggers were not restored"
        finally:
            con.close()

    def _check_change_log(self) -> None:
        pg = P.connect(self.su)
        try:
            cur = pg.cursor()
            cur.execute("SELECT uuid, count(*) FROM gw.change_log WHERE op = 'I' GROUP BY uuid HAVING count(*) > 1")
            assert cur.fetchall() == [], "an insert was applied twice"
            cur.execute(
                "SELECT p.who, p.client_id, p.push_seq, p.result, (SELECT count(*) FROM gw.change_log l "
                "WHERE l.who = p.who AND l.client_id = p.client_id AND l.push_seq = p.push_seq) FROM gw.sync_pushes p"
            )
            for who, cid, seq, result, logged in cur.fetchall():
                accepted = sum(1 for r in (result if isinstance(result, list) else json.loads(result)) if r[1] == "ok")
                assert logged == accepted, f"push {seq} of {cid} ({who}): {accepted} accepted, {logged} logged"
        finally:
            pg.close()

    def report(self) -> dict:
        return {"kills": dict(self.kills), "drops": dict(self.drops), "checks": self.checks}


def run(kills: int, drops: int, time_limit: float, seed: int = 7, log=print) -> dict:
    """``kills`` / ``drops``: hits wanted at EACH kill / drop point."""
    cluster = PgCluster().start()
    work = tempfile.mkdtemp(prefix="gw_soak_")
    t0 = time.time()
    try:
        soak = Soak(cluster, work, seed)
        n = 0
        while min(soak.kills.values()) < kills and time.time() - t0 < time_limit:
            point = min(KILL_POINTS, key=lambda p: (soak.kills[p], KILL_POINTS.index(p)))
            c = n % 3
            n += 1
            soak.edit_some(c, attach=point == "blob_chunk")
            if point == "pull_page":  # something to pull: another file pushes first
                soak.edit_some((c + 1) % 3)
                SY.sync(soak.paths[(c + 1) % 3], soak.ci)
            soak.kills[point] += soak.killed_sync(c, point)
            soak.resume_and_check()
        while min(soak.drops.values()) < drops and time.time() - t0 < time_limit:
            point = min(DROP_POINTS, key=lambda p: (soak.drops[p], DROP_POINTS.index(p)))
            c = n % 3
            n += 1
            soak.edit_some(c)
            if point == "pull_page":
                soak.edit_some((c + 1) % 3)
                SY.sync(soak.paths[(c + 1) % 3], soak.ci)
            soak.drops[point] += soak.dropped_sync(c, point)
            soak.resume_and_check()
        result = {**soak.report(), "features": len(soak.model), "seconds": round(time.time() - t0, 1)}
        log(f"soak: {result}")
        return result
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def _worker(path: str, conninfo: str, point: str) -> None:
    def die(*_args):
        os.kill(os.getpid(), signal.SIGKILL)

    try:
        SY.sync(path, conninfo, hooks={point: die})
    except SyncError:
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=5, help="hits wanted at each kill point")
    ap.add_argument("--drops", type=int, default=5, help="hits wanted at each drop point")
    ap.add_argument("--time-limit", type=float, default=1800.0, help="seconds")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--worker", nargs=3, metavar=("GPKG", "CONNINFO", "POINT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0
    res = run(args.kills, args.drops, args.time_limit, args.seed)
    if min(res["kills"].values()) < args.kills or min(res["drops"].values()) < args.drops:
        print(f"time limit reached before {args.kills} kills and {args.drops} drops at every point")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
