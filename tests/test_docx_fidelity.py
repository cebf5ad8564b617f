"""The .docx paginates like the PDF: both set in the TH SarabunPSK stand-in, LibreOffice
opening the .docx and thaidocs writing the PDF, every sample gives the same pages."""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pdfplumber
import pytest
import yaml
from conftest import SAMPLE_FILES as SAMPLES
from conftest import require_tool
from docx.oxml.ns import qn
from office import office_pdfs
from standin_font import FAMILY, StandIn, build, laksaman

import thaidocs
from thaidocs.layout.measure import sarabun_path
from thaidocs.layout.tree import LayoutDocument, Paragraph, SignatureGroup, Table
from thaidocs.pdf.text.engine import CM
from thaidocs.thai.segment import Segmenter

_UNKEYED = re.compile("[\\s()\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
SAMPLES_BY_NAME = {path.stem: path for path in SAMPLES}


@dataclass(frozen=True)
class Rendered:
    tree: LayoutDocument
    pdf: Path  # thaidocs' PDF in the stand-in
    office: Path  # LibreOffice's PDF of thaidocs' .docx


@pytest.fixture(scope="module")
def standin(tmp_path_factory: pytest.TempPathFactory) -> StandIn:
    return build(tmp_path_factory.mktemp("standin"), Path(sarabun_path()))


@pytest.fixture(scope="module")
def rendered(standin: StandIn, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every sample as thaidocs' PDF and as LibreOffice's PDF of thaidocs' .docx, both set
    in the stand-in (the PDF at scale 1.0: the stand-in has TH Sarabun's size)."""
    folder = tmp_path_factory.mktemp("fidelity")
    out: dict[str, Rendered] = {}
    sources = []
    for sample in SAMPLES:
        data = yaml.safe_load(sample.read_text(encoding="utf-8"))
        options = data.setdefault("options", {})
        options.update(pdf_font=standin.pdf_font, pdf_font_scale=1.0)
        doc = thaidocs.from_dict(data, base_dir=sample.parent)
        pdf = folder / f"{sample.stem}.thaidocs.pdf"
        pdf.write_bytes(thaidocs.to_pdf(doc))
        sources.append(folder / f"{sample.stem}.docx")
        sources[-1].write_bytes(thaidocs.to_docx(doc))
        out[sample.stem] = Rendered(thaidocs.compose(doc), pdf, folder / f"{sample.stem}.pdf")
    office_pdfs(sources, folder, folder / "profile", standin.fontconfig)
    return out


def _run(tool: str, *args: str) -> str:
    command = [require_tool(tool), *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _pages(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.MULTILINE)[1])  # type: ignore[index]


def _page_texts(pdf: Path) -> list[str]:
    """Each page's text without white space."""
    return [
        re.sub(r"\s+", "", _run("pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"))
        for n in range(1, _pages(pdf) + 1)
    ]


@dataclass(frozen=True)
class Word:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _words(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes (pt), as poppler reads them: Thai marks in order,
    which pdfminer loses in LibreOffice's PDFs."""
    pages = _run("pdftotext", "-bbox", str(pdf), "-").split("<page ")[1:]
    return [
        [
            Word(float(a), float(b), float(c), float(d), html.unescape(text))
            for a, b, c, d, text in _WORD.findall(page)
        ]
        for page in pages
    ]


def _signer_names(tree: LayoutDocument) -> list[str]:
    return [
        signature.name
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, SignatureGroup)
        for row in block.rows
        for signature in row
    ]


def _key(text: str) -> str:
    """Letters without Thai marks and brackets: poppler reads LibreOffice's PDF as "ดิ)์"
    for "ดิ์)" and "ชีว้" for "ชี้ว"."""
    return _UNKEYED.sub("", text)


def _page_of(texts: list[str], text: str) -> int | None:
    return next((n for n, page in enumerate(texts, start=1) if _key(text) in _key(page)), None)


def test_the_standin_is_laksaman_at_th_sarabun_size(standin: StandIn) -> None:
    """The factor measured from the files: TLWG drew TH Sarabun New about 1.5 times larger."""
    assert set(standin.faces) == set(laksaman())
    assert 1.44 < standin.factor < 1.56, standin.factor
    env = {**os.environ, "FONTCONFIG_FILE": str(standin.fontconfig)}
    for style, query in (("Regular", FAMILY), ("Bold", f"{FAMILY}:bold")):
        command = [require_tool("fc-match"), "--format", "%{file}", query]
        found = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
        assert Path(found.stdout) == standin.faces[style]


@pytest.mark.parametrize("sample", [s.stem for s in SAMPLES])
def test_libreoffice_sets_the_docx_in_the_standin_only(
    sample: str, rendered: dict[str, Rendered]
) -> None:
    listing = _run("pdffonts", str(rendered[sample].office)).splitlines()[2:]
    faces = {line.split()[0].split("+")[-1] for line in listing}
    assert faces and all(face.startswith("THSarabunPSK") for face in faces), faces


def _contact(tree: LayoutDocument) -> str | None:
    """A letter's first contact line (the owning unit), which stays with the signature."""
    return next((p.text for p in tree.paragraphs() if p.role == "contact"), None)


@pytest.mark.parametrize("sample", [s.stem for s in SAMPLES])
def test_docx_has_the_pdfs_pages_and_signatures_on_the_same_pages(
    sample: str, rendered: dict[str, Rendered]
) -> None:
    item = rendered[sample]
    pdf, office = _page_texts(item.pdf), _page_texts(item.office)
    assert len(office) == len(pdf)
    contact = _contact(item.tree)
    for name in _signer_names(item.tree):
        page = _page_of(pdf, name)
        assert page is not None, name
        if contact is not None and _page_of(pdf, contact) != page:
            # the PDF leaves the contact block on a page of its own, against the rule the
            # .docx keeps: there the block stays with the signature
            assert _page_of(office, contact) == _page_of(office, name)
            continue
        assert _page_of(office, name) == page, name


def _header_cells(tree: LayoutDocument) -> list[str]:
    return [
        paragraph.text
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, Table)
        for row in block.header
        for cell in row
        for paragraph in cell.paragraphs
        if paragraph.text.strip()
    ]


def _cell_lines(words: list[Word], box: tuple[float, float, float, float]) -> list[str]:
    """The lines of the words inside ``box`` (x0, top, x1, bottom), top to bottom."""
    x0, top, x1, bottom = box
    inside = [
        w
        for w in words
        if x0 <= (w.x0 + w.x1) / 2 <= x1 and top <= (w.top + w.bottom) / 2 <= bottom
    ]
    lines: dict[float, list[Word]] = {}
    for word in inside:
        lines.setdefault(round(word.top), []).append(word)
    return [" ".join(w.text for w in sorted(lines[y], key=lambda w: w.x0)) for y in sorted(lines)]


@pytest.mark.parametrize("sample", [s.stem for s in SAMPLES])
def test_table_header_cells_break_only_between_words(
    sample: str, rendered: dict[str, Rendered]
) -> None:
    """Each header cell on LibreOffice's pages breaks its lines only where the text may
    break (a space or a safe word boundary), never inside a word or a month label."""
    item = rendered[sample]
    headers = _header_cells(item.tree)
    if not headers:
        return
    segmenter = Segmenter(item.tree.words)
    allowed = {}
    for text in headers:
        cuts = {0, len(text)} | set(segmenter.opportunities(text))
        cuts |= {i for i, char in enumerate(text) if char == " "}
        cuts |= {i + 1 for i, char in enumerate(text) if char == " "}
        allowed[_key(text)] = {len(_key(text[:i])) for i in cuts}
    seen = set()
    pages = _words(item.office)
    with pdfplumber.open(item.office) as pdf:
        for page, words in zip(pdf.pages, pages, strict=True):
            for table in page.find_tables():
                for row in table.rows[:3]:
                    for box in row.cells:
                        lines = _cell_lines(words, box) if box else []
                        text = _key("".join(lines))
                        if text not in allowed:
                            continue
                        seen.add(text)
                        at = 0
                        for line in lines[:-1]:
                            at += len(_key(line))
                            assert at in allowed[text], lines
    assert seen == set(allowed), set(allowed) - seen


def _tabbed(tree: LayoutDocument) -> list[tuple[Paragraph, float]]:
    """Each paragraph whose text follows a label or a number at a tab stop ("เรื่อง\t…",
    "๑.\t…"), with its page's left margin."""
    return [
        (block, section.page.margins.left)
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, Paragraph)
        and len(block.runs) > 1
        and block.runs[0].text.strip()
        and block.runs[1].text.startswith("\t")
    ]


@pytest.mark.parametrize("sample", [s.stem for s in SAMPLES])
def test_labels_and_clause_numbers_keep_their_gap(
    sample: str, rendered: dict[str, Rendered]
) -> None:
    """ "สิ่งที่ส่งมาด้วย", "เรื่อง", "๑." …: in LibreOffice the text after the tab starts at
    the tab stop, clear of the label or number, never run into it ("สิ่งที่ส่งมาด้วย๑.")."""
    item = rendered[sample]
    tabbed = _tabbed(item.tree)
    if not tabbed:
        return
    pages = _words(item.office)
    for paragraph, margin in tabbed:
        label = paragraph.runs[0].text.split()[-1]
        first = paragraph.runs[1].text.split()[0][:3]
        stop = margin + paragraph.tabs[0].position
        assert any(
            after.text.startswith(first)
            and after.x0 - word.x1 > 0.1 * CM
            and abs(after.x0 / CM - stop) < 0.1
            for words in pages
            for word in words
            if word.text.endswith(label)
            for after in [_next_on_line(words, word)]
            if after is not None
        ), paragraph.text


def _next_on_line(words: list[Word], word: Word) -> Word | None:
    """The word right of ``word`` on its line (poppler may list a line's words apart)."""
    right = [w for w in words if abs(w.top - word.top) < 2 and w.x0 >= word.x1]
    return min(right, key=lambda w: w.x0, default=None)


def test_the_letter_states_its_keeps_in_the_file() -> None:
    """Widow control for every paragraph; the last two body paragraphs (the last is one
    line), the closing and each signature line keep with the next; the contact block and
    สำเนาส่ง sit in one frame at the foot of the text area."""
    document = docx.Document(io.BytesIO(thaidocs.to_docx(SAMPLES_BY_NAME["letter"])))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:widowControl')}") is not None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    texts = [p.text for p in paragraphs]
    closing = texts.index("ขอแสดงความนับถือ")
    contact = texts.index("กลุ่มนโยบายและแผน")
    for paragraph in paragraphs[closing - 2 : contact]:
        direct = paragraph.paragraph_format.keep_with_next
        assert paragraph.style is not None
        styled = paragraph.style.paragraph_format.keep_with_next
        assert direct or (direct is None and styled), paragraph.text
    assert not paragraphs[closing - 3].paragraph_format.keep_with_next

    def frame(paragraph: Any) -> Any:
        """The paragraph's ``w:framePr``, or None."""
        properties = paragraph._p.pPr
        return None if properties is None else properties.find(qn("w:framePr"))

    frames = [p for p in paragraphs if frame(p) is not None]
    assert [p.text for p in frames] == texts[contact:]
    assert frames[-1].text.startswith("สำเนาส่ง")
    assert {frame(f).get(qn("w:yAlign")) for f in frames} == {"bottom"}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_samples_give_the_same_docx_bytes_twice(sample: Path) -> None:
    assert thaidocs.to_docx(thaidocs.load(sample)) == thaidocs.to_docx(thaidocs.load(sample))
