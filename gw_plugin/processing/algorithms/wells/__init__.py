"""Processing algorithms of monitoring wells: lab import, classification, well quality, trend, nitrate risk, duplicates."""
