"""The change log: what was created, updated or merged, in commit order."""
