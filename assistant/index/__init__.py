"""Chunks in, a built index out: embedders, the embedding cache, the keyword index, Chroma and the build."""
