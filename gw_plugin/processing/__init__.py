"""Processing provider `gwplugin` and its algorithms (each algorithm only calls gw_plugin.core)."""
