"""Meetings: merging extracted meetings into one record per real meeting, and reading them."""
