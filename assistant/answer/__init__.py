"""Answers from retrieved passages: the answerer protocol, its registry and the built-in answerers."""
