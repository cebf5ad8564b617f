"""Signature fields, PAdES signing and verification.

Only ``fields`` is imported when rendering; pyHanko is loaded when a document is signed or
verified, so rendering starts as fast as before.
"""
