"""Repair of OCR-damaged Swedish text."""
