"""Benchmark and check (issue 13 item 8): peak memory of importing a ~200 MB long-format lab CSV into a project
GeoPackage, validation and the one-transaction write included, must stay at or below 1.5 GB.

The CSV (well, date, parameter, value, unit: the narrowest long layout, so the most values per megabyte) is generated
here, then a fresh Python process reads, validates and writes it exactly as the import does
(lab_import.import_results) and reports its peak resident memory (VmHWM) and the resident memory at each progress
step. Prints the figures and exits with status 1 when the peak is over the limit (a check, run by `make bench`;
too slow for `make test`).
Usage: python bench/bench_import_memory.py [MEGABYTES]   (default 200)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

LIMIT_MB = 1536  # issue 13 item 8: "≤ 1.5 GB for a 200 MB file"
PARAMS = ["硝酸盐", "pH", "氨氮", "铬（六价）", "三氯乙烯", "溶解性总固体", "总硬度", "氟化物", "砷", "铅"]


def _status_mb(key: str) -> float:
    """VmHWM (peak) or VmRSS (now) of this process in MB (Linux); ru_maxrss elsewhere."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def make_csv(path: str, megabytes: float, n_wells: int) -> int:
    """A long-format CSV of about ``megabytes`` MB, one sample per well and day (10 values each, 5 % non-detects);
    returns the number of value rows."""
    import numpy as np

    rng = np.random.default_rng(7)
    target = int(megabytes * 1e6)
    base = np.datetime64("1990-01-01")
    written = rows = s = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("井编号,采样日期,指标,检测值,单位\n")
        while written < target:
            block = []
            values = np.round(rng.lognormal(0, 1, 10 * 2000), 4).tolist()
            nd = (rng.random(10 * 2000) < 0.05).tolist()
            k = 0
            for _ in range(2000):
                well = f"W{s % n_wells:05d}"
                date = str(base + int(s // n_wells) * 7 + int(s % 5))  # ≤ 1 sample per well and day
                for p in PARAMS:
                    if p == "pH":
                        v, unit = repr(round(6.5 + values[k] % 2, 2)), ""
                    else:
                        v, unit = ("ND" if nd[k] else repr(values[k])), "mg/L"
                    block.append(f"{well},{date},{p},{v},{unit}\n")
                    k += 1
                s += 1
            text = "".join(block)
            fh.write(text)
            written += len(text.encode("utf-8"))
            rows += len(block)
    return rows


def child(db: str, csv_path: str) -> None:
    """The import in this (fresh) process; prints one JSON line with its figures."""
    from gw_plugin.core.wells import lab_import

    marks = []
    t0, c0 = time.perf_counter(), time.process_time()

    def progress(pct):  # every 10 % or so: (percent, seconds, resident MB)
        if not marks or pct >= marks[-1][0] + 10 or pct < marks[-1][0] or pct == 100:
            marks.append((round(pct, 1), round(time.perf_counter() - t0, 2), round(_status_mb("VmRSS"))))

    mapping = lab_import.ColumnMapping("long", "井编号", "采样日期", "指标", "检测值", "单位")
    rep = lab_import.validate(csv_path, db, mapping, progress=progress)
    t1, c1 = time.perf_counter(), time.process_time()
    peak_validate = _status_mb("VmHWM")
    if rep.errors:
        raise SystemExit(f"unexpected validation errors: {rep.issues[:5]}")
    lab_import.write(rep, db, progress=progress)
    t2, c2 = time.perf_counter(), time.process_time()
    out = {
        "rows": rep.rows_read,
        "written": rep.written_results,
        "validate_s": t1 - t0,
        "write_s": t2 - t1,
        "validate_cpu": c1 - c0,
        "write_cpu": c2 - c1,
        "peak_validate_mb": peak_validate,
        "peak_mb": _status_mb("VmHWM"),
        "marks": marks,
    }
    print(json.dumps(out))


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
        return 0
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 200.0
    from bench_import import make_database

    with tempfile.TemporaryDirectory() as folder:
        db, wells = make_database(folder)
        csv_path = os.path.join(folder, "lab.csv")
        t = time.perf_counter()
        rows = make_csv(csv_path, megabytes, len(wells))
        size = os.path.getsize(csv_path) / 1e6
        print(f"generated {size:.0f} MB, {rows:,} rows in {time.perf_counter() - t:.1f} s")
        proc = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "--child", db, csv_path],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stdout, proc.stderr)
            return 1
        out = json.loads(proc.stdout.strip().splitlines()[-1])
    total = out["validate_s"] + out["write_s"]
    print(
        f"import of {out['written']:,} results from {size:.0f} MB: {total:.1f} s "
        f"(validate {out['validate_s']:.1f} s, write {out['write_s']:.1f} s; CPU {out['validate_cpu']:.1f} + "
        f"{out['write_cpu']:.1f} s), {out['written'] / total:,.0f} rows/s"
    )
    print("resident memory at each progress step (percent, seconds, MB):", out["marks"])
    print(
        f"peak resident memory: read + validate {out['peak_validate_mb']:.0f} MB, whole import "
        f"{out['peak_mb']:.0f} MB (limit {LIMIT_MB} MB)"
    )
    ok = out["peak_mb"] <= LIMIT_MB
    print("memory check:", "passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
