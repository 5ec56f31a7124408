"""`Idempotency-Key` handling: the first response to a key is stored and replayed."""
