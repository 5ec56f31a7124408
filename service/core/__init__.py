"""Shared kernel: configuration, database, errors, auth, logging; imports no feature."""
