"""Property-based sync tests: 2 to 5 clients edit the same features offline and sync (or only pull) in any
interleaving, under each conflict policy (manual: the user then takes the platform's version of every conflict).

After every client has synced twice more, all GeoPackages equal the platform (convergence); every value any
client wrote is on the platform or kept in a conflict record (no value lost); features edited on one side only
never produce conflicts, and two different values written to the same field, or an edit against a delete,
always leave a conflict record. Runs against a real PostgreSQL/PostGIS (tests/pg.py); bounded example counts.
"""

from __future__ import annotations

import itertools
import json

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
