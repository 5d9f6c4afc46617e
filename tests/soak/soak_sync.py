"""Soak test of sync safety: SIGKILL the sync process at NAMED points inside pull, push and outcome bookkeeping, and
drop its server connection inside transactions and after a commit before the reply, many times; after each, settle
every client and check that no edit is lost or duplicated and that both sides pass an integrity check.

A throw-away PostgreSQL/PostGIS is started (tests/pg.py) and the clients work as editors of one county (not a
superuser: row-level security and the grants are in force): two checkouts and a COPY of the first (same identity
at first: it must take its own); the copy and the first file sync as one editor role, the second checkout as
another editor of the same county. Two kinds of features:

- OWNED wells: each file owns a share and is the only one to edit them (inserts, updates, deletes, attachments), so
  a model of what the users did (kept in memory, outside the GeoPackages) is the exact truth for them.
- SHARED wells: every file edits them between syncs — the same fields, other fields, deletes against edits, and
  changes the editor may not make (a move to a county not granted: refused and kept as a rejected change) — under
  the conflict policy of each sync, chosen in turn from every policy the plugin offers (server, local, manual; the
  user decides each open manual conflict: mine, theirs or an edit). Before the interrupted sync of a file, another
  file edits the same features and syncs, so conflicts arise. tests/soak/ledger.py records every value written and
  every delete; a value counts as replaced only when the user who replaced it had it in the file.

Kill points (each one the process kills itself at, exactly):

    pull_page, before_pull_commit, after_prepare, before_push_commit, after_push_commit, during_outcome, blob_chunk

Drop points (the server backend terminated in-process): pull_page, before_push_commit, and after_push_commit
(committed, reply lost). After every interruption all files sync in rounds (open manual conflicts decided) until a
round exchanges nothing, then: every file == platform; owned wells == model and never in a conflict; no edit lost
(every write not knowingly replaced is on the platform or in a conflict record or a rejected change of some file;
every delete took effect or is kept in such a record); attachments rows equal and their files present and intact;
per push, the change log holds exactly one entry per accepted change (a delete of a row someone else deleted
first has reached its goal and logs nothing; its revision is the other delete's); no insert applied twice; the
platform's and each file's integrity. Run standalone (``make soak``):

    PYTHONPATH=. .venv/bin/python tests/soak/soak_sync.py --kills 5 --drops 5 --time-limit 1800

(``--kills`` and ``--drops`` are hits PER POINT). Exit status 0 when every check passed, every point was hit that
often within the time limit, and conflicts arose under every policy (delete against edit included); the report
lists the hits of each point and the conflicts seen.
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
import uuid as uuid_mod

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from gw_plugin.core.data import gpkg  # noqa: E402
from gw_plugin.core.data import sqlite_gpkg as SG  # noqa: E402
from gw_plugin.core.sync import checkout as CO  # noqa: E402
from gw_plugin.core.sync import conflicts as SC  # noqa: E402
from gw_plugin.core.sync import engine as SY  # noqa: E402
from gw_plugin.core.sync import server_schema as P  # noqa: E402
from gw_plugin.core.sync.report import SyncError  # noqa: E402
from tests.core.sync.roles import as_role, platform_roles  # noqa: E402
from tests.core.sync.test_sync import add_well, local_rows, server_rows  # noqa: E402
from tests.pg import PgCluster  # noqa: E402
from tests.soak.ledger import Ledger, check_change_log, file_records  # noqa: E402

COUNTY = "410102"
OTHER_COUNTY = "410103"  # not granted to the soak's editors: a move there is refused and kept as rejected
EDITOR_2 = "gw_t_soak_editor_a2"  # a second editor of COUNTY (the second checkout syncs as this role)
N_OWNED, N_SHARED = 24, 6
POLICIES = SY.POLICIES  # every conflict policy the plugin offers
SHARED_FIELDS = ("remarks", "remarks", "depth_m", "name_zh")  # remarks twice: most edits meet on one field
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
        cluster.create_login(EDITOR_2)
        P.grant_user(self.su, EDITOR_2, write_counties=[COUNTY])
        self.ci = users["editor"]
        src = os.path.join(work, "project.gpkg")
        gpkg.create_database(src)
        uuids = [self.new_well(src, well_code=f"W{i}", depth_m=10.0 + i) for i in range(N_OWNED + N_SHARED)]
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
        self.roles = [self.ci, as_role(self.su, EDITOR_2), self.ci]  # the copy syncs as the original's role
        self.shared = set(uuids[N_OWNED:])
        self.model = {u: r for u, r in local_rows(self.paths[0]).items() if u not in self.shared}  # owned wells
        owned = sorted(self.model)
        self.owned = [set(owned[i::3]) for i in range(3)]
        self.ledger = Ledger()
        self.files = {}  # sha256 -> bytes of every attachment file
        self.tag = 0
        self.kills = dict.fromkeys(KILL_POINTS, 0)
        self.drops = dict.fromkeys(DROP_POINTS, 0)
        self.checks = 0
        self.pushes_checked = 0
        self.rounds = 0
        self.decisions = dict.fromkeys(("mine", "theirs", "edit"), 0)

    # -- edits -------------------------------------------------------------------------------------------------
    def new_well(self, path: str, **values) -> str:
        """A well of COUNTY inserted in ``path``, its uuid drawn from the seeded generator (a run's choices among
        wells, which follow uuid order, repeat for a seed)."""
        return add_well(path, COUNTY, uuid=str(uuid_mod.UUID(int=self.rng.getrandbits(128), version=4)), **values)

    def edit_some(self, c: int, attach: bool = False) -> None:
        """A few edits of the wells file ``c`` owns (and maybe an attachment); the model follows."""
        path, owned = self.paths[c], self.owned[c]
        for _ in range(self.rng.randint(1, 12)):
            self.tag += 1
            r = self.rng.random()
            mine = sorted(owned)
            if r < 0.25 or not mine:
                owned.add(self.new_well(path, well_code=f"S{self.tag}", depth_m=float(self.tag)))
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

    def edit_shared(self, c: int) -> list:
        """Edits of the shared wells in file ``c``: mostly the same few fields (conflicts with the other files),
        sometimes a delete, now and then a move the editor may not make; a new shared well when few are left.
        Returns the (uuid, field or 'D') edited."""
        done = []
        for _ in range(self.rng.randint(1, 4)):
            rows = local_rows(self.paths[c])
            here = sorted(u for u in rows if u in self.shared)
            if len(here) < 4:
                self.tag += 1
                u = self.new_well(self.paths[c], well_code=f"H{self.tag}", remarks=f"h{self.tag}")
                self.shared.add(u)
                self.ledger.wrote(c, u, "remarks", local_rows(self.paths[c])[u]["remarks"])
                continue
            u = self.rng.choice(here)
            r = self.rng.random()
            if r < 0.12:
                done.append((u, self.delete_shared(c, u, rows[u])))
            elif r < 0.2:
                done.append((u, self.write_shared(c, u, rows[u], "county_code")))
            else:
                done.append((u, self.write_shared(c, u, rows[u], self.rng.choice(SHARED_FIELDS))))
        return done

    def contend(self, d: int, edits: list) -> None:
        """File ``d`` changes what another file just changed: the same field, another field, a delete against an
        edit or an edit against a delete."""
        rows = local_rows(self.paths[d])
        for u, what in edits:
            if u not in rows or self.rng.random() < 0.3:
                continue
            r = self.rng.random()
            if what != "D" and r < 0.35:
                self.delete_shared(d, u, rows[u])
                rows.pop(u)
            elif what in SHARED_FIELDS and r < 0.8:
                self.write_shared(d, u, rows[u], what)
            else:
                self.write_shared(d, u, rows[u], self.rng.choice(SHARED_FIELDS))
            rows = local_rows(self.paths[d])

    def write_shared(self, c: int, u: str, row: dict, field: str) -> str:
        self.tag += 1
        value = {
            "county_code": OTHER_COUNTY,
            "remarks": f"x{self.tag}",
            "depth_m": 1000.0 + self.tag,
            "name_zh": f"共{self.tag}",
        }[field]
        self.ledger.before_write(row, u, field)
        con = SG.open_db(self.paths[c])
        try:
            con.execute(f'UPDATE monitoring_wells SET "{field}" = ? WHERE uuid = ?', (value, u))
        finally:
            con.close()
        self.ledger.wrote(c, u, field, local_rows(self.paths[c])[u][field])
        return field

    def delete_shared(self, c: int, u: str, row: dict) -> str:
        self.ledger.deleted(c, u, row)
        con = SG.open_db(self.paths[c])
        try:
            con.execute("DELETE FROM monitoring_wells WHERE uuid = ?", (u,))
        finally:
            con.close()
        return "D"

    def attach(self, c: int, parent: str) -> None:
        from gw_plugin.core.data.attachments import add_attachment

        data = os.urandom(self.rng.randint(1000, 3 << 20))  # up to four chunks
        src = os.path.join(self.work, f"photo{self.tag}.jpg")
        with open(src, "wb") as fh:
            fh.write(data)
        add_attachment(self.paths[c], "monitoring_wells", parent, src)
        self.files[hashlib.sha256(data).hexdigest()] = data
        os.remove(src)

    def sync(self, c: int, policy: str):
        return SY.sync(self.paths[c], self.roles[c], conflict_policy=policy)

    def decide_open(self, c: int) -> bool:
        """The user of file ``c`` decides every open (manual) conflict; True when there was one."""
        path = self.paths[c]
        opened = SC.open_conflicts(path)
        for k in opened:
            before = local_rows(path).get(k["uuid"])
            choice = self.rng.choice(("mine", "theirs", "edit") if before is not None else ("mine", "theirs"))
            self.tag += 1
            SC.resolve_conflict(path, k["id"], choice, {"remarks": f"d{self.tag}"} if choice == "edit" else None)
            after = local_rows(path).get(k["uuid"])
            self.ledger.resolved(k["uuid"], before, after)
            if choice == "edit":
                self.ledger.wrote(c, k["uuid"], "remarks", after["remarks"])
            self.decisions[choice] += 1
        return bool(opened)

    # -- interruptions ---------------------------------------------------------------------------------------
    def killed_sync(self, c: int, point: str, policy: str) -> bool:
        """Run sync in a child process that SIGKILLs itself when it reaches ``point``; True if it did."""
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--worker", self.paths[c], self.roles[c], point, policy],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": ROOT},
            timeout=300,
        )
        return proc.returncode == -signal.SIGKILL

    def dropped_sync(self, c: int, point: str, policy: str) -> bool:
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
            SY.sync(self.paths[c], self.roles[c], conflict_policy=policy, hooks={point: drop})
        except (SyncError, ConnectionError):
            pass
        finally:
            admin.close()
        return bool(fired and fired[0])

    # -- checks ----------------------------------------------------------------------------------------------
    def settle(self) -> None:
        """Sync every file in rounds (each with the next policy in turn; the user decides open conflicts) until a
        round exchanges nothing."""
        for rnd in range(10):
            busy = False
            for c in range(len(self.paths)):
                rep = self.sync(c, POLICIES[(rnd + c) % len(POLICIES)])
                busy = busy or bool(rep.pushed or rep.pulled or rep.stale or rep.rejected or rep.pending)
                busy = self.decide_open(c) or busy
            self.rounds += 1
            if not busy:
                return
        raise AssertionError("the files did not settle within 10 rounds of syncs")

    def resume_and_check(self) -> None:
        self.settle()
        self.checks += 1
        server = server_rows(self.ci)
        assert {u: server.get(u) for u in self.model} == self.model, "the platform does not hold every owned edit"
        atts = server_rows(self.ci, "attachments")
        records = []
        for path in self.paths:
            assert local_rows(path) == server, f"{path} does not agree with the platform"
            assert local_rows(path, "attachments") == atts
            for row in atts.values():
                full = os.path.join(os.path.dirname(path), row["file_path"])
                with open(full, "rb") as fh:
                    assert fh.read() == self.files[row["sha256"]], f"attachment {row['file_path']} damaged"
            self._check_file(path)
            records += file_records(path)
        assert not {r[1] for r in records} & set(self.model), "a conflict on a well only one file edits"
        assert len({self._client_id(p) for p in self.paths}) == len(self.paths), "the copy kept its push identity"
        lost = self.ledger.lost(server, records)
        assert lost == [], f"edits lost: {lost}"
        assert P.integrity_check(self.su) == [], P.integrity_check(self.su)
        self.pushes_checked = check_change_log(self.su)

    @staticmethod
    def _client_id(path: str) -> str:
        con = sqlite3.connect(path)
        try:
            return con.execute("SELECT client_id FROM gw_sync_state").fetchone()[0]
        finally:
            con.close()

    @staticmethod
    def _check_file(path: str) -> None:
        con = sqlite3.connect(path)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert con.execute("SELECT count(*) FROM gw_outbox").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM gw_sync_apply").fetchone()[0] == 0
            assert con.execute("SELECT inflight_seq FROM gw_sync_state").fetchone()[0] is None
            assert con.execute("SELECT count(*) FROM gw_changelog").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM gw_conflicts WHERE status = 'open'").fetchone()[0] == 0
            touch = con.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'gw\\_%\\_touch' ESCAPE '\\'")
            assert touch.fetchone()[0] > 0, "the GeoPackage's own triggers were not restored"
        finally:
            con.close()

    def conflicts_seen(self) -> dict:
        """Conflict records of every file, by policy and by kind."""
        by_policy, by_kind = dict.fromkeys(POLICIES, 0), {}
        for path in self.paths:
            con = sqlite3.connect(path)
            try:
                for policy, kind, n in con.execute("SELECT policy, kind, count(*) FROM gw_conflicts GROUP BY 1, 2"):
                    by_policy[policy] = by_policy.get(policy, 0) + n
                    by_kind[kind] = by_kind.get(kind, 0) + n
            finally:
                con.close()
        return {"by_policy": by_policy, "by_kind": by_kind}

    def rejected_seen(self) -> int:
        n = 0
        for path in self.paths:
            con = sqlite3.connect(path)
            try:
                n += con.execute("SELECT count(*) FROM gw_rejected").fetchone()[0]
            finally:
                con.close()
        return n

    def report(self) -> dict:
        return {
            "kills": dict(self.kills),
            "drops": dict(self.drops),
            "checks": self.checks,
            "pushes_checked": self.pushes_checked,
            "settle_rounds": self.rounds,
            "conflicts": self.conflicts_seen(),
            "decisions": dict(self.decisions),
            "rejected": self.rejected_seen(),
            "edits": self.ledger.summary(),
            "lost": 0,  # every check above asserts it
        }


def _round(soak: Soak, n: int, point: str, attach: bool) -> tuple:
    """Edits in file ``c`` and in another file ``d`` that syncs first (something to pull, conflicts to meet);
    returns (c, policy) for the interrupted sync."""
    c, d = n % 3, (n + 1) % 3
    policy = POLICIES[n % len(POLICIES)]
    soak.edit_some(c, attach=attach)
    edits = soak.edit_shared(c)
    if point == "pull_page":
        soak.edit_some(d)
    soak.contend(d, edits)
    soak.edit_shared(d)
    soak.sync(d, POLICIES[(n + 1) % len(POLICIES)])
    return c, policy


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
            c, policy = _round(soak, n, point, attach=point == "blob_chunk")
            n += 1
            soak.kills[point] += soak.killed_sync(c, point, policy)
            soak.resume_and_check()
        while min(soak.drops.values()) < drops and time.time() - t0 < time_limit:
            point = min(DROP_POINTS, key=lambda p: (soak.drops[p], DROP_POINTS.index(p)))
            c, policy = _round(soak, n, point, attach=False)
            n += 1
            soak.drops[point] += soak.dropped_sync(c, point, policy)
            soak.resume_and_check()
        result = {
            **soak.report(),
            "features": len(soak.model) + len(soak.shared & set(server_rows(soak.ci))),
            "seconds": round(time.time() - t0, 1),
        }
        log(f"soak: {json.dumps(result, ensure_ascii=False)}")
        return result
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


def every_policy_met_conflicts(res: dict) -> bool:
    """Conflicts were recorded under every policy, delete against edit (both ways) among them."""
    seen = res["conflicts"]
    return min(seen["by_policy"][p] for p in POLICIES) > 0 and all(
        seen["by_kind"].get(k) for k in ("field", "delete_edit", "edit_delete")
    )


def _worker(path: str, conninfo: str, point: str, policy: str) -> None:
    def die(*_args):
        os.kill(os.getpid(), signal.SIGKILL)

    try:
        SY.sync(path, conninfo, conflict_policy=policy, hooks={point: die})
    except SyncError:
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kills", type=int, default=5, help="hits wanted at each kill point")
    ap.add_argument("--drops", type=int, default=5, help="hits wanted at each drop point")
    ap.add_argument("--time-limit", type=float, default=1800.0, help="seconds")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--worker", nargs=4, metavar=("GPKG", "CONNINFO", "POINT", "POLICY"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0
    res = run(args.kills, args.drops, args.time_limit, args.seed)
    if min(res["kills"].values()) < args.kills or min(res["drops"].values()) < args.drops:
        print(f"time limit reached before {args.kills} kills and {args.drops} drops at every point")
        return 1
    if not every_policy_met_conflicts(res):
        print("conflicts did not arise under every policy (delete against edit included)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
