"""Benchmark (issue "Foundation", item 5): building the whole demo city should take well under 30 s on a 2-core
machine. Builds it once into a temporary folder, prints the time spent between progress steps and the row
counts, and exits non-zero when the build took longer than the limit.

Usage: python bench/bench_demo.py [seed]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gw_plugin.core.demo import build  # noqa: E402

LIMIT_S = 30.0


def main() -> int:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
    marks = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        result = build.build_demo(folder, seed=seed, progress=lambda p: marks.append((p, time.perf_counter() - t0)))
        total = time.perf_counter() - t0
    previous = 0.0
    for percent, t in marks:
        print(f"{percent:5.0f} %  {t:6.2f} s  (+{t - previous:.2f} s)")
        previous = t
    for table, count in sorted(result.counts.items()):
        print(f"{table:24s} {count:8d}")
    print(f"total {total:.2f} s (limit {LIMIT_S:.0f} s)")
    return 0 if total <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
