"""Soak test of sync safety: SIGKILL the sync process at random points, and drop its server connection in the
middle of transactions, many times; after each, resume and check that no edit is lost or duplicated and that both
sides pass an integrity check.

A throw-away PostgreSQL/PostGIS is started (tests/pg.py). One client GeoPackage is edited between syncs (inserts,
updates, deletes of monitoring wells); a model of what the user did (kept in memory, outside the GeoPackage) is
the truth every check compares with. Run standalone (``make soak``):

    PYTHONPATH=. .venv/bin/python tests/soak/soak_sync.py --kills 50 --drops 50 --time-limit 900

Exit status 0 when every check passed and both counts were reached within the time limit.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from gw_plugin.core.data import sqlite_gpkg as SG  # noqa: E402
from gw_plugin.core.sync import checkout as CO  # noqa: E402
from gw_plugin.core.sync import engine as SY  # noqa: E402
from gw_plugin.core.sync import server_schema as P  # noqa: E402
from gw_plugin.core.sync.report import SyncError  # noqa: E402
from tests.core.sync.test_sync import add_well, local_rows, project_with_wells, server_rows  # noqa: E402
from tests.pg import PgCluster  # noqa: E402

COUNTY = "410102"


class Soak:
    def __init__(self, cluster: PgCluster, work: str, seed: int):
        self.rng = random.Random(seed)
        self.cluster = cluster
        self.work = work
        self.ci = cluster.conninfo(cluster.create_database("soak"))
        P.initplatform(self.ci)
        src = os.path.join(work, "project.gpkg")
        project_with_wells(src, 20, COUNTY)
        SY.sync(src, self.ci)
        self.path = os.path.join(work, "field.gpkg")
        CO.checkout(self.ci, [COUNTY], self.path)
        self.model = {u: dict(r) for u, r in local_rows(self.path).items()}  # what the user did
        self.tag = 0
        self.kills = 0
        self.drops = 0
        self.checks = 0

    # -- edits -------------------------------------------------------------------------------------------------
    def edit_some(self) -> None:
        con = SG.open_db(self.path)
        try:
            for _ in range(self.rng.randint(1, 40)):
                self.tag += 1
                r = self.rng.random()
                uuids = sorted(self.model)
                if r < 0.3 or not uuids:
                    con.close()
                    u = add_well(self.path, COUNTY, well_code=f"S{self.tag}", depth_m=float(self.tag))
                    con = SG.open_db(self.path)
                    self.model[u] = None  # filled from the file below
                elif r < 0.9:
                    u = self.rng.choice(uuids)
                    field, value = self.rng.choice(
                        [("depth_m", float(self.tag)), ("remarks", f"r{self.tag}"), ("name_zh", f"井{self.tag}")]
                    )
                    con.execute(f'UPDATE monitoring_wells SET "{field}" = ? WHERE uuid = ?', (value, u))
                else:
                    u = self.rng.choice(uuids)
                    con.execute("DELETE FROM monitoring_wells WHERE uuid = ?", (u,))
                    del self.model[u]
        finally:
            con.close()
        rows = local_rows(self.path)
        for u in list(self.model):
            self.model[u] = rows[u]
        assert set(rows) == set(self.model), "the file does not hold what the user did"

    # -- interruptions ---------------------------------------------------------------------------------------
    def killed_sync(self) -> bool:
        """Run sync in a child process and SIGKILL it after a random delay; True if it was killed mid-way."""
        proc = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "--worker", self.path, self.ci],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": ROOT},
        )
        proc.stdout.readline()  # "ready": imports done, sync starts now
        time.sleep(self.rng.uniform(0.0, 0.35))
        alive = proc.poll() is None
        if alive:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        return alive

    def dropped_sync(self) -> bool:
        """Run sync here while another connection terminates its server backend after a random delay."""
        admin = P.connect(self.ci)
        admin.autocommit = True
        delay = self.rng.uniform(0.0, 0.25)
        fired = threading.Event()

        def drop():
            time.sleep(delay)
            cur = admin.cursor()
            cur.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'gw_plugin' AND pid <> pg_backend_pid() AND datname = current_database()"
            )
            if any(r[0] for r in cur.fetchall()):
                fired.set()

        hooks = {}
        point = self.rng.choice(["timer", "before_push_commit", "pull_page"])
        if point != "timer":  # terminate exactly inside the open transaction
            hooks[point] = lambda: (time.sleep(0.01), drop_now(admin, fired))
            t = None
        else:
            t = threading.Thread(target=drop)
            t.start()
        try:
            SY.sync(self.path, self.ci)
        except (SyncError, ConnectionError):
            pass
        if t is not None:
            t.join()
        admin.close()
        return fired.is_set()

    # -- checks ----------------------------------------------------------------------------------------------
    def resume_and_check(self) -> None:
        rep = SY.sync(self.path, self.ci)
        if rep.stale or rep.pending:
            rep = SY.sync(self.path, self.ci)
        self.checks += 1
        local = local_rows(self.path)
        server = server_rows(self.ci)
        assert local == self.model, "a local edit was lost"
        assert server == self.model, "the platform does not hold every edit"
        assert rep.pending == 0 and rep.open_conflicts == 0 and rep.rejected == 0, rep
        assert P.integrity_check(self.ci) == [], P.integrity_check(self.ci)
        con = sqlite3.connect(self.path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("SELECT count(*) FROM gw_outbox").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM gw_sync_apply").fetchone()[0] == 0
            assert con.execute("SELECT inflight_seq FROM gw_sync_state").fetchone()[0] is None
            touch = con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'gw\\_%\\_touch' ESCAPE '\\'")
            assert touch.fetchone()[0] > 0, "the GeoPackage's own triggers were not restored"
        finally:
            con.close()
        pg = P.connect(self.ci)
        try:
            cur = pg.cursor()
            cur.execute("SELECT uuid, count(*) FROM gw.change_log WHERE op = 'I' GROUP BY uuid HAVING count(*) > 1")
            assert cur.fetchall() == [], "an insert was applied twice"
            cur.execute("SELECT client_id, push_seq, count(*) FROM gw.sync_pushes GROUP BY 1, 2 HAVING count(*) > 1")
            assert cur.fetchall() == []
        finally:
            pg.close()


def drop_now(admin, fired) -> None:
    cur = admin.cursor()
    cur.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'gw_plugin' AND pid <> pg_backend_pid() AND datname = current_database()"
    )
    if any(r[0] for r in cur.fetchall()):
        fired.set()


def run(kills: int, drops: int, time_limit: float, seed: int = 7, log=print) -> dict:
    cluster = PgCluster().start()
    work = tempfile.mkdtemp(prefix="gw_soak_")
    t0 = time.time()
    try:
        soak = Soak(cluster, work, seed)
        while soak.kills < kills and time.time() - t0 < time_limit:
            soak.edit_some()
            soak.kills += soak.killed_sync()
            soak.resume_and_check()
        while soak.drops < drops and time.time() - t0 < time_limit:
            soak.edit_some()
            soak.drops += soak.dropped_sync()
            soak.resume_and_check()
        result = {
            "kills": soak.kills,
            "drops": soak.drops,
            "checks": soak.checks,
            "features": len(soak.model),
            "seconds": round(time.time() - t0, 1),
        }
        log(f"soak: {result}")
        return result
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def _worker(path: str, conninfo: str) -> None:
    print("ready", flush=True)
    try:
        SY.sync(path, conninfo)
    except SyncError:
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--drops", type=int, default=50)
    ap.add_argument("--time-limit", type=float, default=900.0, help="seconds")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--worker", nargs=2, metavar=("GPKG", "CONNINFO"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0
    res = run(args.kills, args.drops, args.time_limit, args.seed)
    if res["kills"] < args.kills or res["drops"] < args.drops:
        print(f"time limit reached before {args.kills} kills and {args.drops} drops")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
