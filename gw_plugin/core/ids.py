"""Identifiers: time-ordered UUIDs (version 7, RFC 9562) for rows written in bulk.

Random version-4 UUIDs land all over a B-tree index; version-7 UUIDs start with the Unix time in milliseconds and,
within one batch, count up (RFC 9562 §6.2 method 1: a monotonic counter in rand_a/rand_b seeded randomly), so a bulk
import appends to the uuid index instead of scattering. They are still globally unique and valid UUIDs, so they mix
freely with the version-4 UUIDs QGIS and SQLite create.
"""

from __future__ import annotations

import os
import time


def uuid7_batch(n: int, now_ms: int | None = None) -> list:
    """``n`` distinct, increasing version-7 UUID strings."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    start = int.from_bytes(os.urandom(8), "big") >> 2  # 62 random bits for rand_b; rand_a (12 bits) counts on
    ts = f"{ms & ((1 << 48) - 1):012x}"
    head = f"{ts[:8]}-{ts[8:12]}-7"
    out = []
    rand_a = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room so the counter never overflows 12 bits
    b = start
    for _ in range(n):
        if b >= (1 << 62):
            b = 0
            rand_a += 1
        hi = 0x8000 | (b >> 48)  # variant bits 10 + top 14 bits of rand_b
        out.append(f"{head}{rand_a:03x}-{hi:04x}-{b & 0xFFFFFFFFFFFF:012x}")
        b += 1
    return out
