"""Soak tests of sync safety (run long by `make soak`, short in the normal suite)."""
