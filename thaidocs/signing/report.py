"""What verification says of one signature."""

from __future__ import annotations

import dataclasses
from datetime import datetime


@dataclasses.dataclass(frozen=True)
class SignatureReport:
    """One signature of a PDF, checked.

    ``intact``: the signed bytes are unchanged; ``valid``: the signature matches them and
    the signer's certificate; ``trusted``: the certificate chains to a given root and was
    good when used; ``covers_document``: nothing but allowed changes (later signatures,
    their validation data, timestamps) was added after it. ``problems`` says in words what
    is wrong, empty when all is well.
    """

    field: str
    signer: str
    signed_at: datetime | None
    #: "B-B", "B-T", "B-LT" or "B-LTA"
    level: str
    intact: bool
    valid: bool
    trusted: bool
    covers_document: bool
    problems: list[str] = dataclasses.field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Intact, valid, trusted and covering the document: a signature one can rely on."""
        return self.intact and self.valid and self.trusted and self.covers_document
