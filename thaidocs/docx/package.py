"""The package around the document: properties, leftovers of the template, stable bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from thaidocs.layout.tree import Metadata

#: every timestamp in the file: the earliest a zip entry can state, so equal input gives
#: equal bytes
EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_CONTENT_TYPES = "[Content_Types].xml"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def drop_template_leftovers(document: Document) -> None:
    """Remove the template's thumbnail (a picture of an empty English page) and its
    ``stylesWithEffects`` part (a second copy of the styles with the theme fonts)."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    part_rels = document.part.rels
    for rid, rel in list(part_rels.items()):
        if rel.reltype == _STYLES_WITH_EFFECTS:
            del part_rels[rid]


def set_properties(document: Document, metadata: Metadata) -> None:
    props = document.core_properties
    props.title = metadata.title
    props.subject = metadata.subject
    props.author = metadata.author
    props.last_modified_by = metadata.author
    props.language = metadata.language
    props.keywords = ", ".join(metadata.keywords)
    props.comments = ""
    props.created = EPOCH
    props.modified = EPOCH
    props.revision = 1


def package_bytes(document: Document) -> bytes:
    """The package as a zip with fixed entry times and attributes, content types first and
    then every part by name: the members python-docx's package writer makes, zipped once."""
    package = document.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    members = {
        CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,  # type: ignore[no-untyped-call]
        PACKAGE_URI.rels_uri.membername: package.rels.xml,
    }
    for part in parts:
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(members, key=lambda name: (name != _CONTENT_TYPES, name)):
            info = zipfile.ZipInfo(name, date_time=EPOCH.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, members[name])
    return out.getvalue()
