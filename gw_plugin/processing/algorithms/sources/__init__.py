"""Processing algorithms of pollution sources: ledgers, rosters, spot checks, indicators, site classes, sources in zones, abandoned wells."""
