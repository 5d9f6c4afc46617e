"""The Sources panel with its model, ledger import, workflow widgets and indicator dashboard."""
