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
