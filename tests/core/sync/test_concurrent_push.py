"""Concurrent pushes against the real platform (issue 14, item 6): two or three files, each synced by one of the
platform's own roles (two editors of county A, the editor of county B, the admin of every county), edit the same
features (the same fields, other fields, deletes, changes a role may not make, a county move by the admin) and
sync AT THE SAME TIME from threads. Each sync waits for the others after preparing its push and again inside its
push transaction before the commit (barriers with a timeout), so the transactions overlap and lock the same rows.

Checked: no sync fails or hangs (no deadlock: rows are locked in one fixed order); after the files settle they all
equal the platform; no edit is lost (every value written is on the platform, kept in a conflict record or a
rejected change, or was replaced by a user who had it in the file: tests/soak/ledger.py); revisions are unique
across rows and tombstones; per push, the change log holds exactly one entry per accepted change.
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gw_plugin.core.sync import conflicts as SC
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import server_schema as P
from tests.core.sync.roles import as_role, platform_roles
from tests.core.sync.test_sync import (
    A,
    B,
    add_well,
    client,
    delete,
    edit,
    local_rows,
    new_platform,
    project_with_wells,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)
from tests.soak.ledger import Ledger, check_change_log, file_records

EDITOR_A2 = "gw_t_editor_a2"  # a second editor of county A
ROLES = ("editor", "editor_a2", "editor_b", "admin")
HOME = {"editor": A, "editor_a2": A, "editor_b": B, "admin": A}
FIELDS = ("remarks", "remarks", "depth_m", "county_code")  # county_code: a move (the admin's is accepted)
WAIT = 1.5  # seconds a sync waits for the others at each barrier


def _users(cluster) -> dict:
    ci = new_platform(cluster)
    users = platform_roles(cluster, ci)
    cluster.create_login(EDITOR_A2)
    P.grant_user(ci, EDITOR_A2, write_counties=[A])
    users["editor_a2"] = as_role(ci, EDITOR_A2)
    return users


def _meet(barrier: threading.Barrier) -> None:
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        pass  # another sync had nothing to push or waits for a row lock: go on


def _writers(conninfo: str) -> int:
    """How many sync transactions that wrote something are open on the platform now."""
    con = P.connect(conninfo)
    try:
        cur = con.cursor()
        cur.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'gw_plugin' "
            "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()"
        )
        return cur.fetchone()[0]
    finally:
        con.close()


def _sync_at_once(files: list, users: dict, policy: str) -> int:
    """Sync every (path, conninfo) at the same time from threads; returns the most push transactions seen open at
    once. Fails when a sync fails (a deadlock included) or hangs."""
    prepared = threading.Barrier(len(files), timeout=WAIT)
    committing = threading.Barrier(len(files), timeout=WAIT)
    errors, overlap = [], [0]

    def in_push() -> None:  # inside the push transaction, before its commit
        overlap[0] = max(overlap[0], _writers(users["superuser"]))
        _meet(committing)

    def one(path: str, conninfo: str) -> None:
        try:
            SY.sync(
                path,
                conninfo,
                conflict_policy=policy,
                hooks={"after_prepare": lambda: _meet(prepared), "before_push_commit": in_push},
            )
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append((conninfo.split("user=")[-1].split()[0], repr(exc)))

    threads = [threading.Thread(target=one, args=f, daemon=True) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not [t for t in threads if t.is_alive()], "a concurrent sync hung"
    assert errors == [], errors
    return overlap[0]


def run_concurrent(cluster, tmp_path, who: list, rounds: list, policy: str) -> int:
    """``who``: the role of each file; ``rounds``: per round, per file, edits (kind, well index, field index).
    Returns the most push transactions seen open at once."""
    users = _users(cluster)
    src = str(tmp_path / "project.gpkg")
    project_with_wells(src, 4, A)
    for i in range(3):
        add_well(src, B, well_code=f"B{i}")
    SY.sync(src, users["admin"])
    paths = [client(users[r], tmp_path, f"c{i}", counties=[A, B]) for i, r in enumerate(who)]
    ledger = Ledger()
    tag = [3000]
    overlap = [0]

    def change(c: int, kind: str, k: int, f: int) -> None:
        path = paths[c]
        rows = local_rows(path)
        wells = sorted(rows)
        tag[0] += 1
        if kind == "insert" or not wells:
            u = add_well(path, HOME[who[c]], well_code=f"N{tag[0]}", remarks=f"v{tag[0]}")
            ledger.wrote(c, u, "remarks", local_rows(path)[u]["remarks"])
            return
        u = wells[k % len(wells)]
        if kind == "delete":
            ledger.deleted(c, u, rows[u])
            delete(path, "monitoring_wells", u)
            return
        field = FIELDS[f % len(FIELDS)]
        value = {"remarks": f"v{tag[0]}", "depth_m": float(tag[0])}.get(field)
        if field == "county_code":
            value = B if rows[u]["county_code"] == A else A
        ledger.before_write(rows[u], u, field)
        edit(path, "monitoring_wells", u, **{field: value})
        ledger.wrote(c, u, field, local_rows(path)[u][field])

    def decide(c: int) -> None:
        if policy == "manual":  # the user takes the platform's version of every open conflict
            for k in SC.open_conflicts(paths[c]):
                before = local_rows(paths[c]).get(k["uuid"])
                SC.resolve_conflict(paths[c], k["id"], "theirs")
                ledger.resolved(k["uuid"], before, local_rows(paths[c]).get(k["uuid"]))

    for edits in rounds:
        for c, mine in enumerate(edits[: len(paths)]):
            for kind, k, f in mine:
                change(c, kind, k, f)
        overlap[0] = max(overlap[0], _sync_at_once([(p, users[r]) for p, r in zip(paths, who)], users, policy))
        for c in range(len(paths)):
            decide(c)
    for _ in range(6):  # settle one file after the other until a whole round exchanges nothing
        busy = False
        for c in range(len(paths)):
            rep = SY.sync(paths[c], users[who[c]], conflict_policy=policy)
            busy = busy or bool(rep.pushed or rep.pulled or rep.stale or rep.pending or rep.open_conflicts)
            decide(c)
        if not busy:
            break
    srv = server_rows(users["admin"])
    records = []
    for p in paths:
        assert local_rows(p) == srv
        records += file_records(p)
    assert ledger.lost(srv, records) == []
    su = P.connect(users["superuser"])
    try:
        cur = su.cursor()
        cur.execute("SELECT rev FROM gw.monitoring_wells UNION ALL SELECT rev FROM gw.tombstones")
        revs = [r for (r,) in cur.fetchall()]
    finally:
        su.close()
    assert len(revs) == len(set(revs)), "two rows or tombstones share a revision"
    assert check_change_log(users["superuser"]) > 0
    return overlap[0]


edit_op = st.tuples(st.sampled_from(("edit", "edit", "edit", "delete", "insert")), st.integers(0, 9), st.integers(0, 3))


@pytest.mark.slow  # about 20 s (-m "not slow" leaves it out); the three-role case below always runs
@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would take minutes per failure
)
@given(
    who=st.lists(st.sampled_from(ROLES), min_size=2, max_size=3),
    rounds=st.lists(
        st.lists(st.lists(edit_op, min_size=1, max_size=4), min_size=3, max_size=3), min_size=1, max_size=2
    ),
    policy=st.sampled_from(SY.POLICIES),
)
def test_concurrent_pushes_lose_nothing(pg_server, tmp_path_factory, who, rounds, policy):  # noqa: F811
    run_concurrent(pg_server, tmp_path_factory.mktemp("conc"), who, rounds, policy)


@pytest.mark.parametrize("policy", SY.POLICIES)
def test_three_roles_push_the_same_rows_at_once(pg_server, tmp_path, policy):  # noqa: F811
    """Two editors of county A and the admin change the same wells in opposite orders (the lock-order trap), the
    same field and other fields, one deletes what the others edit, the admin moves one to county B: all three push
    at the same moment, twice."""
    same = [("edit", 0, 0), ("edit", 1, 0), ("edit", 2, 2)]
    opposite = [("edit", 2, 0), ("edit", 1, 0), ("edit", 0, 0), ("delete", 3, 0)]
    admin = [("edit", 1, 2), ("edit", 0, 0), ("edit", 2, 3), ("insert", 0, 0)]
    most = run_concurrent(pg_server, tmp_path, ["editor", "editor_a2", "admin"], [[same, opposite, admin]] * 2, policy)
    assert most >= 2, "the pushes did not overlap"
