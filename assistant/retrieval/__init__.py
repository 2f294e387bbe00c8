"""A question in, ranked passages out: hybrid search, fusion, the live index and follow-ups."""
