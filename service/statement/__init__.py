"""Statements: one record per utterance, each article's wording a variant; and reading them."""
