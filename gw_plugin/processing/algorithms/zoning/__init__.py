"""Processing algorithms of the zoning: DRASTIC, source load, function value, zoning, comparison, site check."""
