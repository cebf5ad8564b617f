"""Proofreading: `check(doc)` lists what is wrong in a document's prose, field by field.

Input validation refuses what cannot be composed; `check` reports what composes but reads
wrong. It never raises on bad prose. Each `Finding` carries a level ("error": wrong on
paper or against the regulation; "warning": most likely wrong; "info": worth a look), a
stable code, a Thai message with an English gloss, the field's path, the offending span and,
where the right text is known for sure, a suggestion to replace it with.

Codes:

=============================  ========  ==================================================
code                           level     what
=============================  ========  ==================================================
script.mixed                   error     Cyrillic, Greek, Lao, Khmer or Latin letters inside a
                                         Thai word
script.homoglyph               error     Cyrillic or Greek look-alikes inside a Latin word
pdf.missing-glyph              error     characters the PDF font cannot draw (Chinese,
                                         Arabic, emoji, Lao, ...): the PDF is refused
thai.orphan-mark               error     a vowel, tone or sign with no consonant under it
thai.two-tones                 error     two tone marks on one consonant
thai.vowel-doubled             error     a vowel or sign typed twice (ีี)
thai.sara-am-decomposed        warning   ํ + า typed for ำ
thai.sara-ae-split             warning   เ + เ typed for แ
thai.mark-order                warning   tone mark before an upper/lower vowel, or after a
                                         following vowel (stored out of order)
date.impossible                error     a date that cannot exist (๓๓๐ ตุลาคม, ๓๑ กันยายน)
date.weekday                   error     a weekday that does not fall on the date
date.year-ce                   warning   a C.E. year written as B.E. (พ.ศ. 2024)
date.signing-line              warning   the signing date line typed into the body
date.future                    info      the document is dated after today
digits.mixed                   info      Thai and Arabic digits in one paragraph (printed
                               warning   in Thai digits); Thai digits with ``digits: arabic``
spacing.double                 warning   a doubled space or a tab
spacing.maiyamok               warning   ๆ without a space on each side (ต่างๆ)
spacing.punctuation            warning   a space before closing punctuation or after "("
spacing.zero-width             warning   invisible characters (zero-width space, soft hyphen)
level.unknown                  warning   a participation level not among the five
                                         (Corroborate for Collaborate)
level.variant                  info      a derived name of a level (Empowerment)
letter.closing                 error     a closing that does not pair with the salutation
letter.number                  warning   a document number not of the form ศธ ๐๔๐๐๑/๑๒๓
                               info      (memo)
body.closing-phrase            warning   ขอแสดงความนับถือ in a memo's or letter's body
signer.position-missing        error     a signer with no position
signer.acting-self             error     acting for one's own position
signer.acting-duplicated       warning   the acting phrase typed into the position too
signer.acting-in-position      info      an acting phrase typed into the position instead of
                                         ``acting``/``acting_for``
signer.name-parentheses        warning   the name typed in parentheses (printed with them)
rules.number-typed             warning   a clause number typed into a regulation's clause
rules.chapter-number           warning   "หมวด ๑" typed into a chapter heading
rules.reference                warning   "ข้อ ๙" referring to a clause the regulation lacks
rules.year                     warning   a regulation's year of issue not the date's year
release.signed                 warning   a signature typed into a statement's or news body
minutes.times                  error     the meeting closes before it opens
minutes.attendance             warning   one person both present and absent (or attending)
minutes.agenda-number          warning   "ระเบียบวาระที่ ๑" typed into an agenda title
=============================  ========  ==================================================
"""

from __future__ import annotations

from thaidocs.model.load import DocumentSource, as_document
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import text_fields

__all__ = ["Finding", "check"]


def check(doc: DocumentSource) -> list[Finding]:
    """Every finding in a document (a model, a mapping or a file's path, as `render` takes),
    in reading order: field by field, then by place in the field.

    An input that cannot be read or validated raises `InputError`, as `render` does.
    """
    # The checks load here, not with the package: a PDF render walks the text fields (for
    # characters its font lacks) and needs none of them.
    from thaidocs.proofread import (
        dates,
        digits,
        forms,
        glyphs,
        letters,
        levels,
        script,
        sequences,
        signers,
        spacing,
    )

    checks = (script, glyphs, sequences, dates, digits, spacing, levels, letters, signers, forms)
    model = as_document(doc)
    fields = list(text_fields(model))
    order = {field.path: index for index, field in enumerate(fields)}
    found = [finding for module in checks for finding in module.findings(model, fields)]
    return sorted(
        found, key=lambda f: (order.get(f.path, len(order)), f.start if f.start is not None else -1)
    )
