"""Signature fields, PAdES signing and verification.

Only ``fields`` is imported when rendering; pyHanko is loaded when a document is signed or
verified (the names below are imported on first use), so rendering starts as fast as before.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

#: the environment variable a key's password is read from (never from an argument)
PASSWORD_VARIABLE = "THAIDOCS_KEY_PASSWORD"

_EXPORTS = {
    "sign": "thaidocs.signing.signer",
    "LEVELS": "thaidocs.signing.signer",
    "verify": "thaidocs.signing.verifier",
    "load_key": "thaidocs.signing.keys",
    "SigningKey": "thaidocs.signing.keys",
    "SignatureReport": "thaidocs.signing.report",
}

__all__ = [
    "LEVELS",
    "PASSWORD_VARIABLE",
    "SignatureReport",
    "SigningKey",
    "load_key",
    "sign",
    "verify",
]

if TYPE_CHECKING:
    from thaidocs.signing.keys import SigningKey, load_key
    from thaidocs.signing.report import SignatureReport
    from thaidocs.signing.signer import LEVELS, sign
    from thaidocs.signing.verifier import verify


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'thaidocs.signing' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
