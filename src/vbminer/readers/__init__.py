"""Readers for the formats offices send: PDF, DOCX, .doc, scans (OCR) and legacy font encodings.

Each reader turns a file's bytes into :class:`~vbminer.types.RawText`; :mod:`vbminer.read` picks
the reader from the file's content.
"""
