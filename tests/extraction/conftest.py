"""Extraction tests are pure: they need no database, so nothing here touches the global fixtures."""
