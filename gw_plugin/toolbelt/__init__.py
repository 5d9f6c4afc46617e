"""The plugin's toolbelt: one helper per cross-cutting job (translation, settings, logging, paths, OGR geometry, Qt)."""
