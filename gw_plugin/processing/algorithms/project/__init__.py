"""Processing algorithms of the project database: create a database, build the demo city."""
