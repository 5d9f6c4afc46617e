"""The soil pilot-area room (seed 001, issue 19)."""
