"""The document's metadata, written twice and kept the same: the Info dictionary and XMP.

PDF/A wants every Info entry to agree with its XMP property (Title with dc:title, Author
with dc:creator, CreationDate with xmp:CreateDate, Producer with pdf:Producer, …), so both
are made here from one `DocumentInfo`. A tool that changes one of them later (a signer
rewriting the Producer) keeps the file consistent by writing both again from
`info_entries` and `xmp`. Dates are the document's own date (midnight, Thai time), never
the time of writing: the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from msgspec import Struct
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

#: Thailand's time zone; a document date is midnight there
THAI_TIME = dt.timezone(dt.timedelta(hours=7))
#: the date given to documents that carry none
NO_DATE = dt.date(2000, 1, 1)
PRODUCER = "thaidocs"


class DocumentInfo(Struct, frozen=True):
    """The PDF's document information and XMP metadata, and the standards it claims."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...] = ()
    #: BCP 47 tag of the text, e.g. "th-TH"
    language: str = "th-TH"
    date: dt.date = NO_DATE
    creator: str = PRODUCER
    producer: str = PRODUCER
    #: PDF/A part and conformance ("3u", "2u"), None when the file claims no PDF/A
    pdfa: str | None = None
    #: the file is tagged for PDF/UA (ISO 14289-1)
    ua: bool = False

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.combine(self.date, dt.time(), THAI_TIME)


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string, ``D:20241030000000+07'00'``."""
    offset = moment.strftime("%z")
    return f"D:{moment:%Y%m%d%H%M%S}{offset[:3]}'{offset[3:]}'"


def info_entries(info: DocumentInfo) -> dict[str, str]:
    """The Info dictionary's entries (text values; dates as PDF date strings)."""
    when = pdf_date(info.moment)
    entries = {
        "Title": info.title,
        "Author": info.author,
        "Subject": info.subject,
        "Creator": info.creator,
        "Producer": info.producer,
        "CreationDate": when,
        "ModDate": when,
    }
    if info.keywords:
        entries["Keywords"] = ", ".join(info.keywords)
    return entries


#: describes the PDF/UA identification schema, which PDF/A does not predefine
_PDFUA_EXTENSION = """
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>"""


def _escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped, quotes kept as typed.

    What ``html.escape(text, quote=False)`` does, without importing ``html`` and its table of
    entities at every start (``xml.sax.saxutils`` would import urllib and with it ``ssl``).
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp(info: DocumentInfo) -> bytes:
    """The XMP packet: Dublin Core, XMP basic, PDF, PDF/A and PDF/UA identification."""
    moment = info.moment.isoformat()
    language = _escape(info.language.split("-")[0])
    keywords = ""
    if info.keywords:
        keywords = f"\n   <pdf:Keywords>{_escape(', '.join(info.keywords))}</pdf:Keywords>"
    pdfa = ""
    if info.pdfa:
        pdfa = (
            f"\n   <pdfaid:part>{info.pdfa[0]}</pdfaid:part>"
            f"\n   <pdfaid:conformance>{info.pdfa[1:].upper()}</pdfaid:conformance>"
        )
    ua = "\n   <pdfuaid:part>1</pdfuaid:part>" if info.ua else ""
    extension = _PDFUA_EXTENSION if info.ua else ""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">{extension}
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="x-default">{_escape(info.title)}</rdf:li>
   </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{_escape(info.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{moment}</xmp:CreateDate>
   <xmp:ModifyDate>{moment}</xmp:ModifyDate>
   <xmp:MetadataDate>{moment}</xmp:MetadataDate>
   <xmp:CreatorTool>{_escape(info.creator)}</xmp:CreatorTool>
   <pdf:Producer>{_escape(info.producer)}</pdf:Producer>{keywords}{pdfa}{ua}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


class _Info(pdfdoc.PDFInfo):  # type: ignore[misc]
    """ReportLab's Info dictionary with exactly our entries."""

    def __init__(self, info: DocumentInfo) -> None:
        super().__init__()
        self.entries = info_entries(info)

    def format(self, document: Any) -> bytes:
        entries = {key: pdfdoc.PDFString(value) for key, value in self.entries.items()}
        return bytes(pdfdoc.PDFDictionary(entries).format(document))


def write(canvas: Canvas, info: DocumentInfo) -> None:
    """Give the canvas's document our Info dictionary and the matching XMP stream."""
    doc = canvas._doc
    doc.info = _Info(info)
    stream = pdfdoc.PDFStream(
        pdfdoc.PDFDictionary(
            {"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}
        ),
        xmp(info),
        filters=[],
    )
    doc.Catalog.Metadata = doc.Reference(stream)
