"""Tables of the soil pilot area (seed 001, issue 19): site stages, sampling points and borings, soil samples with
their chain of custody, soil results, key supervised units and their hidden-danger ledgers. Assembled into the one
schema by core/data/schema.py."""

from __future__ import annotations

#: the soil room's tables, in creation order (each with since=4 or later)
TABLES: tuple = ()
