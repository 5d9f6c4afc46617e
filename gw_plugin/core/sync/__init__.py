"""Offline sync with the city platform (PostGIS): the server schema, local change log, checkout, pull, push, attachments and conflicts."""
