"""The project database: the declarative schema, GeoPackage files, identifiers, tables read from files, attachments, reports and QGIS layers built from the schema."""
