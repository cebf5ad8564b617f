"""The cycle collector is paused only while a writer runs, and left as it was found."""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import require_built

import thaidocs
from thaidocs import caching, collector
from thaidocs.collector import collector_paused

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "memo.yaml"


@pytest.fixture
def collector_on() -> object:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_no_collection_runs_while_a_document_is_written_and_it_is_on_after() -> None:
    starts: list[bool] = []  # per collection: whether a writer was running

    def seen(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            starts.append(collector._running > 0)

    doc = thaidocs.load(SAMPLE)
    thaidocs.to_pdf(doc), thaidocs.to_docx(doc)  # the writers' modules imported before
    gc.callbacks.append(seen)
    try:
        pdf = thaidocs.to_pdf(doc)
        docx = thaidocs.to_docx(doc)
        gc.collect()
    finally:
        gc.callbacks.remove(seen)
    assert pdf[:5] == b"%PDF-" and docx[:2] == b"PK"
    assert starts and not any(starts)  # the hook sees collections, none while writing
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        thaidocs.to_pdf(thaidocs.load(SAMPLE))
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_an_error_inside_restores_the_collector() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("stop")
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_writers_in_threads_turn_it_back_on_only_when_the_last_is_done() -> None:
    inside = threading.Barrier(3)
    leave = threading.Event()

    def writer() -> None:
        with collector_paused():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert not gc.isenabled()
    leave.set()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_settling_freezes_once_when_the_next_pause_is_over(monkeypatch: pytest.MonkeyPatch) -> None:
    frozen: list[tuple[int, bool]] = []  # per freeze: writers running, collector on
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append((collector._running, gc.isenabled())))
    doc = thaidocs.load(SAMPLE)
    thaidocs.to_pdf(doc)
    assert frozen == []  # only when asked
    collector.settle_after_next_pause()
    thaidocs.to_pdf(doc)  # its writer's own pause is inside to_pdf's: one freeze, at the end
    thaidocs.to_pdf(doc)
    assert frozen == [(0, False)]
    assert gc.isenabled()


def test_what_new_text_leaves_in_the_caches_is_out_of_the_collectors_reach() -> None:
    """A document of new text leaves its words in the caches: shaped (their arrays and
    pieces), as TJ templates, as word boundaries, under keys of a face and a text. None of it
    can be in a cycle, so none of it is for the collector to walk once the writer is done,
    where the C twins are built (the Python gives the same values, tracked)."""
    from thaidocs.pdf.text import drawing, shaping
    from thaidocs.thai import dictionary, segment

    for module in (shaping.native, dictionary.native, caching.native):
        require_built(module)
    thaidocs.clear_caches()
    doc = thaidocs.load(SAMPLE)
    was = gc.isenabled()
    gc.disable()  # no collection, which untracks tuples of strings and numbers once it walks them
    try:
        thaidocs.to_pdf(doc)
        tracked = [item for item in _kept(shaping, drawing, segment) if gc.is_tracked(item)]
    finally:
        if was:
            gc.enable()
    assert tracked == []


def _kept(shaping: Any, drawing: Any, segment: Any) -> list[object]:
    """What the caches hold: keys, values and the parts of each value."""
    words: list[Any] = shaping.shape.keys_by_use()
    pieces: list[Any] = drawing._template.keys_by_use()
    runs: list[Any] = segment._run_breaks.keys_by_use()
    shaped = [shaping.shape(*key) for key in words]
    templates = [drawing._template(*key) for key in pieces]
    breaks = [segment._run_breaks(*key) for key in runs]
    assert shaped and templates and breaks
    kept: list[object] = [*words, *pieces, *runs]
    for word in shaped:
        kept += [word, word.glyphs, word.advances, word.x_offsets, word.y_offsets, word.gaps]
        kept.append(word.pieces)
    for template in templates:
        kept += [template, template.fragments, template.natural, template.others]
        kept += template.others
    for safe, inside in breaks:
        kept += [safe, inside]
    return kept
