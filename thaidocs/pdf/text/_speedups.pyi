from array import array

from thaidocs.pdf.text.breaking import Available, Item, TabWidth

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
