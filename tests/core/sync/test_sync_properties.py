"""Property-based sync tests: 2 to 5 clients edit the same features offline and sync (or only pull) in any
interleaving, under each conflict policy (manual: the user then takes the platform's version of every conflict).

After every client has synced twice more, all GeoPackages equal the platform (convergence); every value any
client wrote is on the platform or kept in a conflict record (no value lost); features edited on one side only
never produce conflicts, and two different values written to the same field, or an edit against a delete,
always leave a conflict record. Runs against a real PostgreSQL/PostGIS (tests/pg.py); bounded example counts.

Copies (issue 14, items 1 and 6): a file is copied in the middle of a sequence — also while a push is in flight —
and the original and the copy go on editing and syncing. No edit of either is lost (every value written is on the
platform, kept in a conflict record, or was replaced by a user who had it in the file: tests/soak/ledger.py),
every file ends with its own push identity, and the change log holds exactly one entry per accepted change.
Concurrent pushes are in test_concurrent_push.py.
"""

from __future__ import annotations

import itertools
import json
import shutil

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gw_plugin.core.data import sqlite_gpkg as SG
from gw_plugin.core.sync import changelog as C
from gw_plugin.core.sync import conflicts as SC
from gw_plugin.core.sync import engine as SY
from gw_plugin.core.sync import wire as W
from tests.core.sync.roles import platform_roles
from tests.core.sync.test_sync import (
    A,
    add_well,
    client,
    delete,
    edit,
    local_rows,
    new_platform,
    point_blob,
    project_with_wells,
    server_rows,
)
from tests.pg import pg_server  # noqa: F401  (session fixture)
from tests.soak.ledger import Ledger, check_change_log, file_records

N_WELLS = 3
FIELDS = ("depth_m", "remarks", "name_zh", "geom")


def _value(field: str, tag: int):
    if field == "depth_m":
        return float(tag)
    if field == "geom":
        return point_blob(500000.0 + tag, 3850000.0 + tag)
    return f"v{tag}"


def _all_conflicts(paths) -> list:
    out = []
    for p in paths:
        con = SG.open_db(p)
        for _tbl, uuid, kind, fields, loc, srv in con.execute(
            "SELECT tbl, uuid, kind, fields, local, server FROM gw_conflicts"
        ):
            out.append(
                {
                    "uuid": uuid,
                    "kind": kind,
                    "fields": json.loads(fields or "[]"),
                    "local": json.loads(loc) if loc else {},
                    "server": json.loads(srv) if srv else {},
                }
            )
        con.close()
    return out


def _canon(field, v):
    return W.canon("geom" if field == "geom" else ("real" if field == "depth_m" else "text"), v)


def _conflict_has(c, field, v) -> bool:
    want = _canon(field, v)
    for side in ("local", "server"):
        got = c[side].get(field)
        if field == "geom" and got is not None:
            got = bytes.fromhex(got)
        if got is not None and _canon(field, got) == want:
            return True
    return False


def run_program(cluster, tmp_path, n_clients: int, steps: list, policy: str) -> None:
    """Execute edit/sync steps, converge, and check the invariants."""
    ci = platform_roles(cluster, new_platform(cluster))["editor"]  # the editor of county A, not a superuser
    src = str(tmp_path / "project.gpkg")
    wells = project_with_wells(src, N_WELLS, A)
    SY.sync(src, ci)
    paths = [client(ci, tmp_path, f"c{i}") for i in range(n_clients)]
    writes = []  # (client, uuid, field, value)
    wtime = []  # step index of each write
    deletes = []  # (client, uuid)
    touched = {}  # uuid -> set of clients that changed it
    own_new = {i: [] for i in range(n_clients)}
    tag = 1000
    syncs = {i: [] for i in range(n_clients)}  # step indexes at which each client pushed (full syncs)
    pulls = {i: [] for i in range(n_clients)}  # step indexes at which each client pulled (full or pull-only)
    when = {}  # write/delete -> step index
    for n, step in enumerate(steps):
        c = step[0] % n_clients
        kind = step[1]
        path = paths[c]
        if kind == "sync":
            SY.sync(path, ci, conflict_policy=policy)
            syncs[c].append(n)
            pulls[c].append(n)
            continue
        if kind == "pull":  # pull-only: merges what the platform has, sends nothing
            SY.sync(path, ci, direction="pull", conflict_policy=policy)
            pulls[c].append(n)
            continue
        targets = wells + own_new[c]
        u = targets[step[2] % len(targets)]
        if u not in local_rows(path):
            continue  # deleted here already (locally or by a pull)
        tag += 1
        if kind == "edit":
            f = FIELDS[step[3] % len(FIELDS)]
            v = _value(f, tag)
            edit(path, "monitoring_wells", u, **{f: v})
            writes.append((c, u, f, v))
            wtime.append(n)
            when[writes[-1][:3]] = n
        elif kind == "delete":
            delete(path, "monitoring_wells", u)
            deletes.append((c, u))
            when[(c, u)] = n
        else:
            u = add_well(path, A, well_code=f"N{tag}", remarks=f"v{tag}")
            own_new[c].append(u)
            writes.append((c, u, "remarks", f"v{tag}"))
            wtime.append(n)
        touched.setdefault(u, set()).add(c)
    for _ in range(3):
        for p in paths:
            SY.sync(p, ci, conflict_policy=policy)
            if policy == "manual":  # the user decides every open conflict (here: the platform's version)
                for k in SC.open_conflicts(p):
                    SC.resolve_conflict(p, k["id"], "theirs")
    for p in paths:
        SY.sync(p, ci, conflict_policy=policy)
    srv = server_rows(ci)
    for p in paths:  # convergence, and nothing left behind
        assert local_rows(p) == srv
        assert C.pending_counts(p)["I"] + C.pending_counts(p)["U"] + C.pending_counts(p)["D"] == 0
    confs = _all_conflicts(paths)
    end = len(steps)

    def published(c, t):  # step at which a change made by c at step t reached the platform
        return min([s for s in syncs[c] if s > t] + [end + c])

    def knew(c2, t2, c1, t1):  # had c2 pulled c1's change made at t1 before changing at t2?
        p = published(c1, t1)
        return any(p < s < t2 for s in pulls[c2])

    def superseded(i, c, u, f):  # overwritten or deleted later by its own client or one that had seen it
        t = wtime[i]
        later = [(c2, wtime[j]) for j, (c2, u2, f2, _v2) in enumerate(writes) if u2 == u and f2 == f and j != i]
        later += [(c2, when[(c2, u2)]) for c2, u2 in deletes if u2 == u]
        return any(t2 > t and (c2 == c or knew(c2, t2, c, t)) for c2, t2 in later)

    # no value lost: every value is on the platform or in a conflict record, unless a client overwrote or deleted it
    # knowing it
    for i, (c, u, f, v) in enumerate(writes):
        if superseded(i, c, u, f):
            continue
        if u in srv and _canon(f, srv[u][f]) == _canon(f, v):
            continue
        assert any(k["uuid"] == u and _conflict_has(k, f, v) for k in confs), (c, u, f, v)
    # expected conflicts, and only those
    for u, clients in touched.items():
        if len(clients) == 1:
            assert not [k for k in confs if k["uuid"] == u], u
    last = {}
    for i, (c, u, f, _v) in enumerate(writes):
        last[(c, u, f)] = i
    deleted_by = set(deletes)

    def concurrent(c1, t1, c2, t2):
        return c1 != c2 and not knew(c2, t2, c1, t1) and not knew(c1, t1, c2, t2)

    timed = [  # the last write of each client to each field, unless that client deleted the feature later
        (c, u, f, v, when[(c, u, f)])
        for i, (c, u, f, v) in enumerate(writes)
        if (c, u, f) in when and last[(c, u, f)] == i and (c, u) not in deleted_by
    ]
    for (c1, u1, f1, v1, t1), (c2, u2, f2, v2, t2) in itertools.combinations(timed, 2):
        if u1 == u2 and f1 == f2 and _canon(f1, v1) != _canon(f2, v2) and concurrent(c1, t1, c2, t2):
            assert any(k["uuid"] == u1 and (f1 in k["fields"] or k["kind"] != "field") for k in confs), (u1, f1)
    for c, u in deletes:
        for c2, u2, _f2, _v2, t2 in timed:
            if u2 == u and concurrent(c, when[(c, u)], c2, t2):
                assert any(k["uuid"] == u for k in confs), u


step = st.one_of(
    st.tuples(st.integers(0, 4), st.just("sync")),
    st.tuples(st.integers(0, 4), st.just("pull")),
    st.tuples(st.integers(0, 4), st.just("edit"), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.integers(0, 4), st.just("delete"), st.integers(0, 9)),
    st.tuples(st.integers(0, 4), st.just("insert"), st.integers(0, 9)),
)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would take minutes per failure
)
@given(
    n_clients=st.integers(2, 5),
    steps=st.lists(step, min_size=2, max_size=14),
    policy=st.sampled_from(["server", "local", "manual"]),
)
def test_clients_converge_without_losing_values(pg_server, tmp_path_factory, n_clients, steps, policy):  # noqa: F811
    run_program(pg_server, tmp_path_factory.mktemp("prop"), n_clients, steps, policy)


EDITS_2 = [
    (0, "edit", 0, 0),  # c0: depth of well 0
    (1, "edit", 0, 0),  # c1: depth of well 0 (same field)
    (1, "edit", 0, 1),  # c1: remarks of well 0 (other field)
    (0, "delete", 1),  # c0 deletes well 1 ...
    (1, "edit", 1, 2),  # ... which c1 edits
]


@pytest.mark.parametrize("order", sorted(set(itertools.permutations([0, 0, 1, 1]))))
@pytest.mark.parametrize("policy", ["server", "local", "manual"])
def test_every_sync_interleaving_of_two_clients(pg_server, tmp_path, order, policy):  # noqa: F811
    """Every order of two syncs per client after overlapping edits (incl. delete vs edit) converges."""
    steps = list(EDITS_2) + [(c, "sync") for c in order]
    run_program(pg_server, tmp_path, 2, steps, policy)


COPY_FIELDS = ("remarks", "depth_m", "name_zh")


class _CrashError(Exception):
    """Ends a sync at a named point, as a crash there would (the outbox stays in flight)."""


def _stop():
    raise _CrashError()


def _client_id(path: str) -> str:
    con = SG.open_db(path)
    try:
        return C.state(con)["client_id"]
    finally:
        con.close()


def run_copies(cluster, tmp_path, n_clients: int, steps: list, copy_at: int, copy_of: int, policy: str) -> None:
    """Edit/sync steps over ``n_clients`` checkouts; at step ``copy_at`` file ``copy_of`` is copied (a new file: another
    inode, the same identity inside) and the copy joins as one more client. Then both copies edit different wells
    and the same field of one well and sync (the copy first, as in the issue), all files settle, and the
    invariants are checked."""
    users = platform_roles(cluster, new_platform(cluster))
    ci = users["editor"]  # the editor of county A, not a superuser
    src = str(tmp_path / "project.gpkg")
    project_with_wells(src, N_WELLS + 1, A)
    SY.sync(src, ci)
    paths = [client(ci, tmp_path, f"c{i}", counties=[A]) for i in range(n_clients)]
    ledger = Ledger()
    tag = [2000]

    def write(c, u, field):
        row = local_rows(paths[c]).get(u)
        if row is None:
            return
        tag[0] += 1
        value = float(tag[0]) if field == "depth_m" else f"v{tag[0]}"
        ledger.before_write(row, u, field)
        edit(paths[c], "monitoring_wells", u, **{field: value})
        ledger.wrote(c, u, field, local_rows(paths[c])[u][field])

    def sync(c, **kw) -> bool:
        """One sync of file ``c``; True when it exchanged or decided anything."""
        rep = SY.sync(paths[c], ci, conflict_policy=policy, **kw)
        busy = bool(rep.pushed or rep.pulled or rep.stale or rep.pending or rep.open_conflicts)
        if policy == "manual":  # the user decides every open conflict (here: the platform's version)
            for k in SC.open_conflicts(paths[c]):
                before = local_rows(paths[c]).get(k["uuid"])
                SC.resolve_conflict(paths[c], k["id"], "theirs")
                ledger.resolved(k["uuid"], before, local_rows(paths[c]).get(k["uuid"]))
        return busy

    for n, step in enumerate(steps[:copy_at] + [("copy",)] + steps[copy_at:]):
        if step[0] == "copy":
            paths.append(shutil.copyfile(paths[copy_of % len(paths)], str(tmp_path / f"copy{n}.gpkg")))
            continue
        c = step[0] % len(paths)
        kind = step[1]
        wells = sorted(local_rows(paths[c]))
        if kind == "sync":
            sync(c)
        elif kind == "pull":
            sync(c, direction="pull")
        elif kind == "crash":  # the sync dies after the outbox was written: the push is in flight in this file
            try:
                sync(c, hooks={"after_prepare": _stop})
            except _CrashError:
                pass
        elif kind == "edit" and wells:
            write(c, wells[step[2] % len(wells)], COPY_FIELDS[step[3] % len(COPY_FIELDS)])
        elif kind == "delete" and wells:
            u = wells[step[2] % len(wells)]
            ledger.deleted(c, u, local_rows(paths[c])[u])
            delete(paths[c], "monitoring_wells", u)
        elif kind == "insert":
            tag[0] += 1
            u = add_well(paths[c], A, well_code=f"N{tag[0]}", remarks=f"v{tag[0]}")
            ledger.wrote(c, u, "remarks", local_rows(paths[c])[u]["remarks"])
    orig, copy = copy_of % (len(paths) - 1), len(paths) - 1
    for c, k in ((copy, 0), (orig, 1), (copy, 2), (orig, 2)):  # different wells, then the same field of one
        wells = sorted(set(local_rows(paths[c])))
        if wells:
            write(c, wells[k % len(wells)], "remarks")
    sync(copy)
    sync(orig)
    for _ in range(6):  # settle: every file syncs until a whole round exchanges nothing
        if not [c for c in range(len(paths)) if sync(c)]:
            break
    srv = server_rows(ci)
    records = []
    for p in paths:  # convergence, and nothing left behind
        assert local_rows(p) == srv
        counts = C.pending_counts(p)
        assert counts["I"] + counts["U"] + counts["D"] == 0 and counts["conflicts"] == 0, counts
        records += file_records(p)
    assert ledger.lost(srv, records) == []
    ids = [_client_id(p) for p in paths]
    assert len(set(ids)) == len(ids), "a copy kept the identity of its original"
    check_change_log(users["superuser"])


copy_step = st.one_of(
    st.tuples(st.integers(0, 3), st.just("sync")),
    st.tuples(st.integers(0, 3), st.just("pull")),
    st.tuples(st.integers(0, 3), st.just("crash")),
    st.tuples(st.integers(0, 3), st.just("edit"), st.integers(0, 9), st.integers(0, 2)),
    st.tuples(st.integers(0, 3), st.just("delete"), st.integers(0, 9)),
    st.tuples(st.integers(0, 3), st.just("insert")),
)


@pytest.mark.slow  # about 30 s (-m "not slow" leaves it out); the in-flight copy case below always runs
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking would take minutes per failure
)
@given(
    n_clients=st.integers(1, 3),
    steps=st.lists(copy_step, min_size=2, max_size=10),
    copy_at=st.integers(0, 10),
    copy_of=st.integers(0, 2),
    policy=st.sampled_from(SY.POLICIES),
)
def test_copied_files_lose_no_edit(pg_server, tmp_path_factory, n_clients, steps, copy_at, copy_of, policy):  # noqa: F811
    run_copies(pg_server, tmp_path_factory.mktemp("copies"), n_clients, steps, copy_at, copy_of, policy)


@pytest.mark.parametrize("policy", SY.POLICIES)
def test_copy_made_while_a_push_is_in_flight(pg_server, tmp_path, policy):  # noqa: F811
    """The copy holds the original's outbox in flight (same key, same payload): each resends it and gets the same
    outcome (applied once), then the copy takes its own identity; edits of both after the copy reach the
    platform."""
    steps = [(0, "edit", 0, 0), (0, "edit", 1, 1), (0, "crash"), (0, "edit", 2, 0), (1, "edit", 0, 0), (1, "sync")]
    run_copies(pg_server, tmp_path, 1, steps, 3, 0, policy)
