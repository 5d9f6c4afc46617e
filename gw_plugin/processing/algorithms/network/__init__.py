"""Processing algorithms of the monitoring-network room (issue 18)."""
