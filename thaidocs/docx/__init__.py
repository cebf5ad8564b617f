"""Layout tree → .docx: editable files with the official styles."""

from thaidocs.docx.writer import write_docx

__all__ = ["write_docx"]
