"""Answers phrased by a language model (langchain) from the same passages and table tools."""
