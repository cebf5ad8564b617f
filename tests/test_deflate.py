"""Streams compressed beside the main thread: the bytes zlib.compress writes, whichever
thread wrote them, and the same document either way."""

from __future__ import annotations

import gc
import os
import threading
import time
import zlib
from importlib import import_module
from pathlib import Path
from types import ModuleType

import pytest
from conftest import SAMPLE_FILES, require_built, true_in_a_fork
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.cores import spare_core
from thaidocs.pdf import deflate
from thaidocs.thai import dictionary


def _module() -> ModuleType | None:
    try:
        return import_module("thaidocs.pdf._deflate")
    except ImportError:
        return None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=20_000) | st.text(max_size=3_000).map(str.encode))
def test_a_thread_of_c_compresses_as_zlib_compress_does(data: bytes) -> None:
    module = require_built(_module())
    assert module.Deflation(data).result() == zlib.compress(data)


def test_the_c_compressor_is_used_where_it_runs_with_python_s_zlib() -> None:
    module = require_built(_module())
    if not spare_core():
        pytest.skip("one core: streams are compressed where they are made")
    assert deflate.native() is module
    assert module.zlib_version() == zlib.ZLIB_RUNTIME_VERSION


def test_another_zlib_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    module = require_built(_module())
    monkeypatch.setattr(module, "zlib_version", lambda: "0.0.0")
    deflate.native.cache_clear()
    try:
        assert deflate.native() is None
        data = b"BT /F1 16 Tf ET " * 100
        assert deflate.deflating(data).result() == zlib.compress(data)
    finally:
        monkeypatch.undo()
        deflate.native.cache_clear()


def test_a_result_asked_twice_or_never() -> None:
    module = require_built(_module())
    data = bytes(range(256)) * 40
    deflation = module.Deflation(data)
    assert deflation.result() is deflation.result()
    for _ in range(50):  # freed while its thread may still run: freeing waits for it
        module.Deflation(data)
    gc.collect()
    with pytest.raises(TypeError):
        module.Deflation("text")


def test_threads_asking_at_once_all_get_the_bytes() -> None:
    module = require_built(_module())
    data = b"BT /F1 16 Tf (x) Tj ET " * 3000
    expected = zlib.compress(data)
    wrong: list[bytes] = []
    for _ in range(100):
        deflation = module.Deflation(data)
        barrier = threading.Barrier(6)

        def ask(deflation: object = deflation, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            got = deflation.result()  # type: ignore[attr-defined]
            if got != expected:
                wrong.append(got)

        threads = [threading.Thread(target=ask) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert not wrong


def test_documents_rendered_in_threads_at_once_are_their_own_bytes() -> None:
    """Font programs and maps are shared between documents while still being compressed."""
    require_built(_module())
    docs = [thaidocs.load(sample) for sample in SAMPLE_FILES[:4]]
    thaidocs.clear_caches()
    expected = [thaidocs.to_pdf(doc) for doc in docs]
    thaidocs.clear_caches()
    wrong: list[int] = []

    def render(offset: int) -> None:
        for k in range(len(docs)):
            index = (k + offset) % len(docs)
            if thaidocs.to_pdf(docs[index]) != expected[index]:
                wrong.append(index)

    threads = [threading.Thread(target=render, args=(offset,)) for offset in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="threads counted on Linux")
def test_the_worker_threads_end_once_idle() -> None:
    """A process done with documents keeps no thread of ours (a later fork would warn)."""
    require_built(_module())
    require_built(dictionary.native)

    def threads() -> int:
        return len(os.listdir("/proc/self/task"))

    time.sleep(1.5)
    before = threads()
    thaidocs.clear_caches()
    thaidocs.to_pdf(thaidocs.load(SAMPLE_FILES[0]))
    if not spare_core():
        return
    assert threads() > before  # the two workers, one compressing and one segmenting
    time.sleep(1.5)
    assert threads() <= before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_process_gets_the_bytes_of_a_compression_started_before() -> None:
    module = require_built(_module())
    data = b"0 0 m 10 10 l S " * 4000
    deflation = module.Deflation(data)
    # the child has no copy of the worker: it compresses the data itself
    assert true_in_a_fork(lambda: deflation.result() == zlib.compress(data))
    assert deflation.result() == zlib.compress(data)


@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
def test_a_document_is_the_same_bytes_compressed_here_or_beside(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_built(_module())
    doc = thaidocs.load(sample)
    thaidocs.clear_caches()
    beside = thaidocs.to_pdf(doc)
    monkeypatch.setattr(deflate, "native", lambda: None)
    thaidocs.clear_caches()
    assert thaidocs.to_pdf(doc) == beside
