"""API keys: creating, revoking and looking them up."""
