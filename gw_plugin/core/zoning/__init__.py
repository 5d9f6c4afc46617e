"""Groundwater pollution-prevention zoning: block-wise rasters, DRASTIC, source load, function value, the zoning overlay, comparison of versions, site check."""
