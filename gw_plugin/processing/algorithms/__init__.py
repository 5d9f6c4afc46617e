"""Processing algorithms of gwplugin: one module alg_<name>.py per algorithm (auto-discovered by the provider)."""
