"""Many documents at once: mail merge over records, and rendering on any Executor.

Uses only the public API (load, from_dict, to_pdf, to_docx); Jinja2, openpyxl and dask are
imported by the functions that need them.
"""

from thaidocs.batch.merge import RecordError, merge
from thaidocs.batch.records import Record, read_records
from thaidocs.batch.render import Result, chunk_size_for, render_many, safe_stem
from thaidocs.cores import available_cpus

__all__ = [
    "Record",
    "RecordError",
    "Result",
    "available_cpus",
    "chunk_size_for",
    "merge",
    "read_records",
    "render_many",
    "safe_stem",
]
