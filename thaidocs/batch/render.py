"""Rendering many documents on any ``concurrent.futures`` Executor, results in input order.

Workers only turn documents into bytes, about 25 a task so dispatch stays a small part of the
work. This process names the files and writes them atomically: a cluster's workers need no
access to the output folder, the files are the same bytes whatever ran them, and stopping a
run leaves no half-written file.
"""

from __future__ import annotations

import re
import signal
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from thaidocs.api import _signed, to_docx, to_pdf
from thaidocs.batch.merge import Origin, origin
from thaidocs.cores import available_cpus
from thaidocs.errors import InputError, Problem
from thaidocs.files import write_atomic
from thaidocs.model import Document
from thaidocs.model.load import DocumentSource, as_document

Result = Path | tuple[Path, ...] | Exception
Name = str | Callable[[Document], str] | None
Item = DocumentSource | Exception
Signing = str | Path | Mapping[str, Any] | None

FORMATS = ("pdf", "docx")
#: documents a task: dispatch then costs well under 1 % of the rendering
CHUNK = 25
#: at most this many bytes of UTF-8 in a file name's stem (255 is the usual limit a name)
STEM_BYTES = 200

_WRITERS: dict[str, Callable[[Document], bytes]] = {"pdf": to_pdf, "docx": to_docx}
_SEPARATORS = re.compile(r"[/\\]")
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.I)


def render_many(
    docs: Iterable[Item],
    out_dir: str | Path,
    formats: str | Iterable[str] = ("pdf",),
    executor: Executor | None = None,
    name: Name = None,
    *,
    workers: int | None = None,
    resume: bool = False,
    chunk_size: int | None = None,
    sign: Signing = None,
    on_result: Callable[[int, Result], None] | None = None,
    root: str | Path | None = None,
) -> list[Result]:
    """Write every document into ``out_dir``; one result per input, in input order.

    A result is the written path (a tuple of paths for several formats) or the exception
    that stopped that document; an exception among the inputs (a record ``merge`` could not
    fill) is passed through, and the other documents go on. ``executor`` is any
    ``concurrent.futures.Executor`` (a dask ``Client.get_executor()`` runs on a cluster); by
    default a process pool of ``workers`` (the available CPUs). ``name`` is a format string
    over the record and the document's fields (``"{number}"``, ``"{row:04d}"``) or a
    callable of the document; by default the row number. Names are made safe for every file
    system and never collide. ``resume`` keeps documents whose outputs already exist.
    ``sign`` signs each PDF in field signer-1 as `render` does: a PKCS#12 path or a mapping
    of ``thaidocs.sign``'s keyword arguments (a key's path, not a loaded key, so that it can
    travel to worker processes). ``on_result(index, result)`` is called as each result
    arrives, in order. With ``root``, every file an input (a path or a mapping) refers to
    must lie inside that folder, as for `load`; an input that refers outside it gets an
    InputError as its result.
    """
    kinds = _formats(formats)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    size = chunk_size or chunk_size_for(len(docs) if isinstance(docs, list | tuple) else None)
    results: list[Result] = []
    with _pool(executor, workers) as (pool, in_flight):
        jobs = _Jobs(out, kinds, _Namer(name), resume, sign, root)
        for index, result in enumerate(jobs.run(docs, pool, size, in_flight)):
            results.append(result)
            if on_result is not None:
                on_result(index, result)
    return results


def safe_stem(text: str) -> str:
    """``text`` as a file name stem that every common file system accepts."""
    text = _UNSAFE.sub("_", _SEPARATORS.sub("-", unicodedata.normalize("NFC", text)))
    text = " ".join(text.split()).strip(" .")
    text = text.encode()[:STEM_BYTES].decode("utf-8", "ignore").rstrip(" .")
    return f"_{text}" if _RESERVED.match(text) else text


def _formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    kinds = (formats,) if isinstance(formats, str) else tuple(formats)
    unknown = [kind for kind in kinds if kind not in FORMATS]
    if unknown or not kinds:
        raise ValueError(f"formats must be 'pdf' and/or 'docx', not {list(kinds)!r}")
    return tuple(dict.fromkeys(kinds))


def chunk_size_for(count: int | None) -> int:
    """About 25 documents a task, fewer for short inputs so that every worker gets some."""
    return CHUNK if count is None else max(1, min(CHUNK, -(-count // 8)))


@contextmanager
def _pool(executor: Executor | None, workers: int | None) -> Iterator[tuple[Executor, int]]:
    """The executor to use and how many tasks to keep queued on it; ours is shut down after."""
    if executor is not None:
        yield executor, 64
        return
    import multiprocessing

    count = workers or available_cpus()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pool = ProcessPoolExecutor(count, mp_context=context, initializer=_worker_start)
    try:
        yield pool, 4 * count
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_start() -> None:
    """Ctrl-C stops the run in the main process, which then shuts the workers down."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _render_chunk(
    docs: list[Document], formats: tuple[str, ...], sign: Signing
) -> list[dict[str, bytes] | Exception]:
    """Each document's bytes in each format, or what stopped it (run on a worker)."""
    out: list[dict[str, bytes] | Exception] = []
    for doc in docs:
        try:
            files = {kind: _WRITERS[kind](doc) for kind in formats}
            if sign is not None and "pdf" in files:
                files["pdf"] = _signed(files["pdf"], doc, sign)
            out.append(files)
        except Exception as exc:
            out.append(exc)
    return out


class _Namer:
    """File name stems in input order: from ``name`` or the row, safe and never repeated."""

    def __init__(self, name: Name) -> None:
        self._name = name
        self._taken: set[str] = set()

    def __call__(self, doc: Document, row: int, source: Origin | None) -> str:
        if self._name is None:
            text = str(row)
        elif callable(self._name):
            text = str(self._name(doc))
        else:
            fields: dict[str, Any] = msgspec.structs.asdict(doc)
            fields.update(source.fields if source else {})
            fields["row"] = row
            try:
                text = self._name.format_map(fields)
            except KeyError as exc:
                raise InputError(
                    [Problem("", f"the name {self._name!r} uses {exc}, a field this row lacks")]
                ) from None
            except (ValueError, IndexError, AttributeError) as exc:
                raise InputError([Problem("", f"the name {self._name!r}: {exc}")]) from None
        stem = safe_stem(text) or str(row)
        unique, count = stem, 1
        while unique.casefold() in self._taken:
            count += 1
            unique = f"{stem}-{count}"
        self._taken.add(unique.casefold())
        return unique


@dataclass
class _Job:
    """One input's way to its result: known at once (an error, resumed files) or rendered."""

    targets: tuple[Path, ...] = ()
    result: Result | None = None
    future: Future[list[dict[str, bytes] | Exception]] | None = None
    index: int = 0
    last_of_chunk: bool = False


class _Jobs:
    def __init__(
        self,
        out: Path,
        formats: tuple[str, ...],
        namer: _Namer,
        resume: bool,
        sign: Signing,
        root: str | Path | None,
    ) -> None:
        self._out = out
        self._root = root
        self._formats = formats
        self._namer = namer
        self._resume = resume
        self._sign = sign

    def run(
        self, docs: Iterable[Item], pool: Executor, size: int, in_flight: int
    ) -> Iterator[Result]:
        """Results in input order, submitting chunks as the input is read."""
        queue: deque[_Job] = deque()
        chunk: list[Document] = []
        waiting: list[_Job] = []
        live = 0
        try:
            for position, item in enumerate(docs, start=1):
                job, doc = self._prepare(position, item)
                queue.append(job)
                if doc is not None:
                    job.index = len(chunk)
                    chunk.append(doc)
                    waiting.append(job)
                if len(chunk) >= size:
                    live += self._submit(pool, chunk, waiting)
                while queue and self._ready(queue[0], live > in_flight):
                    job = queue.popleft()
                    live -= job.last_of_chunk
                    yield self._finish(job)
            self._submit(pool, chunk, waiting)
            while queue:
                yield self._finish(queue.popleft())
        finally:
            for job in queue:
                if job.future is not None:
                    job.future.cancel()

    def _prepare(self, position: int, item: Item) -> tuple[_Job, Document | None]:
        if isinstance(item, Exception):
            return _Job(result=item), None
        try:
            doc = as_document(item, root=self._root)
            if not isinstance(doc, Document):
                raise TypeError(f"not a document: {type(doc).__name__}")
            source = origin(doc)
            stem = self._namer(doc, source.row if source else position, source)
        except (InputError, TypeError) as exc:
            return _Job(result=exc), None
        targets = tuple(self._out / f"{stem}.{kind}" for kind in self._formats)
        if self._resume and all(target.is_file() for target in targets):
            return _Job(targets, _paths(targets)), None
        return _Job(targets), doc

    def _submit(self, pool: Executor, chunk: list[Document], waiting: list[_Job]) -> int:
        if not chunk:
            return 0
        future = pool.submit(_render_chunk, list(chunk), self._formats, self._sign)
        for job in waiting:
            job.future = future
        waiting[-1].last_of_chunk = True
        chunk.clear()
        waiting.clear()
        return 1

    @staticmethod
    def _ready(job: _Job, crowded: bool) -> bool:
        if job.result is not None:
            return True
        return job.future is not None and (crowded or job.future.done())

    def _finish(self, job: _Job) -> Result:
        if job.result is not None:
            return job.result
        assert job.future is not None
        try:
            output = job.future.result()[job.index]
        except Exception as exc:  # the whole task failed: a worker died, a cluster went away
            return exc
        if isinstance(output, Exception):
            return output
        try:
            for kind, target in zip(self._formats, job.targets, strict=True):
                write_atomic(target, output[kind])
        except OSError as exc:
            return exc
        return _paths(job.targets)


def _paths(targets: tuple[Path, ...]) -> Path | tuple[Path, ...]:
    return targets[0] if len(targets) == 1 else targets
