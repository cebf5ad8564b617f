"""Thai text for the PDF: shaping, line breaking, justification, drawing with exact extraction."""

from thaidocs.pdf.text.engine import TextEngine
from thaidocs.pdf.text.line import Line

__all__ = ["Line", "TextEngine"]
