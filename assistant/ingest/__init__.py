"""Documents in, clean text and chunks out: manifest, loaders, cleaning, OCR repair and chunking."""
