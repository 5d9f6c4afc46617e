"""Processing algorithms of protection and capture zones."""
