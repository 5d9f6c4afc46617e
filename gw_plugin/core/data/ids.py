"""Identifiers: time-ordered UUIDs (version 7, RFC 9562) for rows written in bulk.

Random version-4 UUIDs land all over a B-tree index; version-7 UUIDs start with the Unix time in milliseconds and,
within one batch, count up (RFC 9562 §6.2 method 1: a monotonic counter in rand_a/rand_b seeded randomly), so a bulk
import appends to the uuid index instead of scattering. They are still globally unique and valid UUIDs, so they mix
freely with the version-4 UUIDs QGIS and SQLite create.

A batch is a fixed text prefix (time, version, rand_a) plus a 62-bit counter that starts at a random value; the
counter is written as the variant nibble group and the last 12 hex digits. ``uuid7_batch`` makes the strings;
bulk inserts that build them inside SQLite use ``uuid7_counter(n, align=256)``: with the counter aligned, the
uuids of one block of 256 rows share all but their last two hex digits.
"""

from __future__ import annotations

import os
import time


def uuid7_counter(n: int, now_ms: int | None = None, align: int = 1) -> tuple:
    """(prefix, start): the uuid of item k (0 ≤ k < n) is ``uuid7_from(prefix, start + k)``; ``start`` is a
    multiple of ``align`` (a power of 16 makes blocks that differ only in their last hex digits)."""
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    ts = f"{ms & ((1 << 48) - 1):012x}"
    rand_a = int.from_bytes(os.urandom(2), "big") & 0xFFF
    start = int.from_bytes(os.urandom(8), "big") >> 3  # 61 random bits: start + n stays below 2^62 (no carry)
    start -= start % align
    if n >= 1 << 61:
        raise ValueError("batch too large")
    return f"{ts[:8]}-{ts[8:12]}-7{rand_a:03x}-", start


def uuid7_from(prefix: str, b: int) -> str:
    """The uuid of counter value ``b``: 0x8000 sets the variant bits (10) above the counter's top 14 bits."""
    return f"{prefix}{0x8000 | (b >> 48):04x}-{b & 0xFFFFFFFFFFFF:012x}"


def uuid7_batch(n: int, now_ms: int | None = None) -> list:
    """``n`` distinct, increasing version-7 UUID strings."""
    prefix, start = uuid7_counter(n, now_ms)
    return [f"{prefix}{0x8000 | (b >> 48):04x}-{b & 0xFFFFFFFFFFFF:012x}" for b in range(start, start + n)]
