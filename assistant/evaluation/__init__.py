"""Scoring against the gold questions, cross-validated fitting and benchmarks."""
