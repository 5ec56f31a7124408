"""Articles: ingest (validation, cleaning, deduplication) and reading them back."""
