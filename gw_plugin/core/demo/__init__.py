"""The deterministic demo city (黄泽市): geometry, rasters, names, samples and the builder."""
