"""Archival PDF: PDF/A-3u with the input attached, or PDF/A-2u, as a finishing pass.

The writer already gives what PDF/A asks of the content: every font embedded with widths
that agree with its program, a ToUnicode map for every glyph, Info and XMP from one source
(``metadata``), no encryption, JavaScript or actions. This pass adds what belongs to the file
as a whole, with pikepdf (qpdf):

- the sRGB output intent, with an ICC v2 profile embedded (the colours drawn are device RGB
  and grey, which PDF/A accepts under an output intent);
- for 3u, the input document as canonical JSON, an associated file of the document
  (AFRelationship /Source, MIME type application/json): the archived PDF carries the data
  it was made from;
- a PDF 1.7 header with its binary comment, an end-of-line before every ``endstream``, no
  object streams, and a file identifier derived from the content, so the same input gives
  the same bytes.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from io import BytesIO

import pikepdf

from thaidocs.pdf.metadata import DocumentInfo, pdf_date

#: the levels thaidocs writes: part and conformance
LEVELS = ("3u", "2u")
#: the name of the attached input in 3u files
SOURCE_NAME = "source.json"
#: the output condition of the embedded profile, as the ICC registry names it
SRGB = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """The bundled sRGB ICC profile (version 2.3; zlib licence, see data/sRGB-LICENSE.txt)."""
    return files("thaidocs.pdf").joinpath("data/sRGB.icc").read_bytes()


def archive(data: bytes, info: DocumentInfo, source: bytes | None = None) -> bytes:
    """``data`` (written with ``info``, whose ``pdfa`` names the level) as PDF/A; ``source``
    is attached for part 3."""
    if info.pdfa not in LEVELS:
        raise ValueError(f"PDF/A level must be one of {', '.join(LEVELS)}")
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root
        profile = pdf.make_stream(srgb_profile())
        profile.N = 3
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=SRGB,
            Info=SRGB,
            RegistryName="http://www.color.org",
            DestOutputProfile=profile,
        )
        root.OutputIntents = pikepdf.Array([pdf.make_indirect(intent)])
        if info.pdfa == "3u" and source is not None:
            when = pdf_date(info.moment)
            spec = pikepdf.AttachedFileSpec(
                pdf,
                source,
                description="The input document this PDF was made from (thaidocs JSON)",
                filename=SOURCE_NAME,
                mime_type="application/json",
                creation_date=when,
                mod_date=when,
                relationship=pikepdf.Name.Source,
            )
            pdf.attachments[SOURCE_NAME] = spec
            root.AF = pikepdf.Array([pdf.attachments[SOURCE_NAME].obj])
        out = BytesIO()
        pdf.save(
            out,
            force_version="1.7",
            fix_metadata_version=False,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
        )
    return out.getvalue()


def attached_source(data: bytes) -> bytes | None:
    """The input document attached to an archival PDF, or None."""
    with pikepdf.open(BytesIO(data)) as pdf:
        spec = pdf.attachments.get(SOURCE_NAME)
        if spec is None:
            return None
        return bytes(spec.get_file().read_bytes())
