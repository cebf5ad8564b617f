from array import array
from collections.abc import Callable, Mapping, Sequence

from uharfbuzz import GlyphInfo, GlyphPosition

from thaidocs.layout.tree import Leader
from thaidocs.pdf.fonts import FontFace
from thaidocs.pdf.text.breaking import Available, Item, Kind, TabWidth
from thaidocs.pdf.text.drawing import _Template
from thaidocs.pdf.text.justification import Style
from thaidocs.pdf.text.line import DotLeader, GlyphRun, Line
from thaidocs.pdf.text.shaping import Shaped
from thaidocs.thai.segment import Break

def total_fit(
    items: list[Item],
    start: int,
    stop: int,
    first_line: int,
    available: Available,
    tab_width: TabWidth,
    justified: bool,
    constants: tuple[float, ...],
    /,
) -> list[tuple[int, int]]: ...
def template(
    glyphs: array[int],
    advances: array[int],
    x_offsets: array[int],
    y_offsets: array[int],
    gaps: array[int],
    pieces: tuple[str, ...],
    natural: dict[int, str],
    embedded: tuple[int, ...],
    units: int,
    /,
) -> tuple[tuple[str, ...], frozenset[int], tuple[tuple[int, str], ...]]: ...
def line_extents(items: list[Item], first: int, /) -> bytes: ...
def run_parts(
    pieces: tuple[Shaped, ...],
    known: Mapping[str, _Template],
    piece: Callable[[str], _Template],
    joint: str,
    numbered: tuple[tuple[int, str], ...],
    joint_slots: tuple[tuple[int, str], ...],
    /,
) -> tuple[tuple[int, ...], tuple[tuple[int, str], ...], str, tuple[tuple[int, str], ...], int]: ...
def shaped_parts(
    text: str,
    infos: list[GlyphInfo],
    positions: list[GlyphPosition],
    starts_cluster: Callable[[str], bool],
    pieces: Callable[[str, list[int], list[int]], tuple[str, ...]],
    /,
) -> tuple[array[int], array[int], array[int], array[int], tuple[str, ...], array[int], int]: ...
def place(
    items: list[Item],
    styles: Sequence[Style],
    start: float,
    room: float,
    mode: int,
    tab_leaders: dict[int, Leader],
    line_spacing: float,
    default_style: Style,
    text: str,
    classes: tuple[
        type[Line], type[GlyphRun], type[DotLeader], Leader, float, float, tuple[str, ...]
    ],
    /,
) -> Line: ...
def split_items(
    text: str,
    bounds: list[tuple[int, int, int]],
    breaks: dict[int, Break],
    item: type[Item],
    kinds: tuple[Kind, Kind, Kind, Kind],
    none: Break,
    /,
) -> list[Item]: ...
def shape_items(
    text: str,
    items: list[Item],
    styles: list[Style],
    shaped: dict[tuple[FontFace, str], Shaped],
    shape: Callable[[FontFace, str], Shaped],
    cluster_stretch: float,
    /,
) -> None: ...
