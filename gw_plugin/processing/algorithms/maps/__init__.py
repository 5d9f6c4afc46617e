"""Processing algorithm of the map products."""
