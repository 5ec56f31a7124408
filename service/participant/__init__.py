"""Participants: resolving extracted mentions to stored entities, and reading them."""
