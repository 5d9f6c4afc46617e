"""The recharge/protection-zone panel and its map tool."""
