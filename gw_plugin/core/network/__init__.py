"""The monitoring-network room (issue 18): gaps in the network by key source, recharge zone and county."""
