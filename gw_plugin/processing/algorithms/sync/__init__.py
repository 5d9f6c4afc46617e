"""Processing algorithms of the city platform: initialise, check out, sync."""
