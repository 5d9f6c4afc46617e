"""The Project panel and the open/create database dialog."""
