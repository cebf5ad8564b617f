"""The ``thaidocs`` command line: render, validate and describe input files.

Thin over the public API. Heavy modules (the model, the writers, rich) are imported only by
the command that needs them, so ``thaidocs --version`` and ``--help`` start instantly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from thaidocs.signing.keys import SigningKey

app = typer.Typer(
    name="thaidocs",
    help="Official Thai government documents from YAML, JSON or TOML, as .docx and PDF.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    pdf = "pdf"
    docx = "docx"
    both = "both"

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (".pdf", ".docx") if self is Format.both else (f".{self.value}",)


class Level(StrEnum):
    """PAdES baseline levels."""

    b_b = "B-B"
    b_t = "B-T"
    b_lt = "B-LT"
    b_lta = "B-LTA"


def _version(value: bool) -> None:
    if value:
        from thaidocs import __version__

        typer.echo(f"thaidocs {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Official Thai government documents from YAML, JSON or TOML, as .docx and PDF."""


def _failure(path: Path, exc: Exception) -> list[str]:
    """Lines that tell the user what went wrong with one file, without a traceback."""
    from thaidocs.errors import InputError, SigningError

    if isinstance(exc, InputError):
        return [f"{path}: error: {problem}" for problem in exc.problems]
    if isinstance(exc, _Clash | SigningError):
        return [f"{path}: error: {exc}"]
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return [f"{path}: error: cannot write the output{where}: {exc.strerror or exc}"]
    return [f"{path}: internal error: {type(exc).__name__}: {exc} (please report this input)"]


class _Report:
    """Where render's messages go: a progress bar on a terminal, plain lines otherwise.

    Under a bar, failures wait until it finishes so they do not tear the live display.
    """

    def __init__(self, advance: Callable[[str], None] | None) -> None:
        self._advance = advance
        self._deferred: list[str] = []

    def wrote(self, path: Path) -> None:
        if self._advance is None:
            typer.echo(f"wrote {path}")

    def error(self, line: str) -> None:
        if self._advance is None:
            typer.echo(line, err=True)
        else:
            self._deferred.append(line)

    def done(self, name: str) -> None:
        if self._advance is not None:
            self._advance(name)

    def flush(self) -> None:
        for line in self._deferred:
            typer.echo(line, err=True)
        self._deferred.clear()


@contextmanager
def _report(total: int, show_progress: bool) -> Iterator[_Report]:
    """A report for ``total`` files, drawn as a progress bar when asked."""
    if not show_progress:
        yield _Report(None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=sys.stdout, force_terminal=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}"),
    )
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("rendering", total=total, name="")
        report = _Report(lambda name: bar.update(task, advance=1, name=name))
        yield report
    report.flush()


class _Clash(Exception):
    """Two inputs of one run would write the same output file."""


_ROOT_HELP = (
    "Refuse any file an input refers to (signature, emblem, font) that lies outside this folder."
)


#: the signing options of the commands that write PDFs
_SignKey = Annotated[
    Path | None,
    typer.Option(
        "--sign",
        metavar="KEY.p12",
        help="Sign each PDF in field signer-1 with this PKCS#12 key "
        "(password from THAIDOCS_KEY_PASSWORD or a prompt).",
    ),
]
_SignLevel = Annotated[Level, typer.Option("--level", help="PAdES level of --sign.")]
_Tsa = Annotated[
    str | None, typer.Option("--tsa", metavar="URL", help="Timestamp authority (B-T and up).")
]


def _render_one(
    path: Path,
    folder: Path,
    fmt: Format,
    written: dict[Path, Path],
    report: _Report,
    root: Path | None = None,
    signing: dict[str, object] | None = None,
) -> None:
    targets = [folder / f"{path.stem}{suffix}" for suffix in fmt.suffixes]
    for target in targets:
        if target.resolve() in written:
            other = written[target.resolve()]
            raise _Clash(
                f"{target} is already written from {other} in this run; "
                "rename one of the inputs or render them to different folders"
            )
    import thaidocs

    doc = thaidocs.load(path, root=root)
    for target in targets:
        how = signing if target.suffix == ".pdf" else None
        thaidocs.render(doc, target, sign=how)
        written[target.resolve()] = path
        report.wrote(target)


@app.command()
def render(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Input files (.yaml, .json, .toml).")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder. Default: next to each input file."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Which outputs to write.")
    ] = Format.both,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Show a progress bar. Default: when several files go to a terminal.",
        ),
    ] = None,
    root: Annotated[Path | None, typer.Option("--root", help=_ROOT_HELP)] = None,
    sign_key: _SignKey = None,
    level: _SignLevel = Level.b_b,
    tsa: _Tsa = None,
) -> None:
    """Write each input as PDF and/or .docx, named after the input file."""
    signing = None
    if sign_key is not None:
        signing = {"key": _key_or_exit(sign_key), "level": str(level), "timestamp_url": tsa}
    show = progress if progress is not None else (len(files) > 1 and sys.stdout.isatty())
    written: dict[Path, Path] = {}  # output -> the input it came from, to refuse overwrites
    failed = 0
    with _report(len(files), show) as report:
        for path in files:
            try:
                _render_one(path, out or path.parent, fmt, written, report, root, signing)
            except Exception as exc:
                failed += 1
                for line in _failure(path, exc):
                    report.error(line)
            report.done(path.name)
    if failed:
        typer.echo(f"{failed} of {len(files)} file(s) failed", err=True)
        raise typer.Exit(1)


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE", help="Input files (.yaml, .json, .toml).")
    ],
    root: Annotated[Path | None, typer.Option("--root", help=_ROOT_HELP)] = None,
) -> None:
    """Check inputs without writing anything: invalid fields, then prose and rule findings.

    Exits with 1 when any file has an error; warnings alone do not fail.
    """
    import thaidocs

    errors = 0
    for path in files:
        try:
            doc = thaidocs.load(path, root=root)
        except Exception as exc:
            errors += 1
            for line in _failure(path, exc):
                typer.echo(line)
            continue
        findings = thaidocs.check(doc)
        for finding in findings:
            where = f"{finding.path}: " if finding.path else ""
            typer.echo(f"{path}: {finding.level}: {where}{finding.message} [{finding.code}]")
        errors += sum(1 for finding in findings if finding.level == "error")
        if not findings:
            typer.echo(f"{path}: ok")
    if errors:
        raise typer.Exit(1)


def _password() -> str:
    """The key's password: from the environment, else asked on the terminal, never argv."""
    from thaidocs.signing import PASSWORD_VARIABLE

    value = os.environ.get(PASSWORD_VARIABLE)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        _fail(f"set {PASSWORD_VARIABLE} to the key's password (no terminal to ask on)")
    import getpass

    return getpass.getpass("key password: ")


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _quiet_signing_library() -> None:
    """pyHanko's warnings about choices made on purpose (no fetching) are not for users."""
    import logging

    logging.getLogger("pyhanko").setLevel(logging.ERROR)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.ERROR)


def _key_or_exit(path: Path, password: str | None = None) -> SigningKey:
    """Load the key once for every document of the run; a clear error, no traceback."""
    from thaidocs.errors import SigningError
    from thaidocs.signing.keys import load_key

    _quiet_signing_library()
    if not path.is_file():
        _fail(f"no key file {path}")
    try:
        return load_key(path, _password() if password is None else password)
    except SigningError as error:
        _fail(str(error))


@app.command()
def sign(
    pdf: Annotated[Path, typer.Argument(metavar="IN.pdf", help="The PDF to sign.")],
    key: Annotated[Path, typer.Option("--key", metavar="KEY.p12", help="PKCS#12 key.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the signed PDF.")],
    field: Annotated[
        str | None, typer.Option("--field", help="Field to sign. Default: the first empty one.")
    ] = None,
    level: Annotated[Level, typer.Option("--level", help="PAdES level.")] = Level.b_b,
    tsa: _Tsa = None,
    crl: Annotated[
        list[Path] | None,
        typer.Option(
            "--crl",
            metavar="FILE",
            help="CRL or OCSP response to embed (B-LT, B-LTA); repeatable.",
        ),
    ] = None,
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust",
            metavar="ROOT.pem",
            help="Root certificate of the chain (B-LT, B-LTA); repeatable.",
        ),
    ] = None,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Download revocation data (B-LT, B-LTA).")
    ] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Reason for signing.")] = None,
    location: Annotated[str | None, typer.Option("--location", help="Place of signing.")] = None,
    position: Annotated[
        str | None, typer.Option("--position", help="Position printed on the stamp.")
    ] = None,
    visible: Annotated[
        bool, typer.Option("--visible/--invisible", help="Draw a stamp in the field.")
    ] = True,
) -> None:
    """Sign a PDF (PAdES) into a signature field, keeping earlier signatures valid.

    The key's password comes from THAIDOCS_KEY_PASSWORD or a prompt, never an argument.
    """
    from thaidocs.errors import SigningError
    from thaidocs.files import write_atomic
    from thaidocs.signing.signer import sign as sign_pdf

    signing_key = _key_or_exit(key)
    try:
        data = sign_pdf(
            pdf,
            signing_key,
            field=field,
            level=str(level),
            timestamp_url=tsa,
            reason=reason,
            location=location,
            trust=trust or (),
            revocation=crl or (),
            fetch=fetch,
            visible=visible,
            position=position,
        )
        write_atomic(out, data)
    except SigningError as error:
        _fail(f"{pdf}: {error}")
    except OSError as error:
        _fail(f"cannot write {out}: {error.strerror or error}")
    typer.echo(f"signed {out}")


@app.command()
def verify(
    pdf: Annotated[Path, typer.Argument(metavar="FILE.pdf", help="The signed PDF.")],
    trust: Annotated[
        list[Path] | None,
        typer.Option(
            "--trust", metavar="ROOT.pem", help="Trusted root certificate (PEM or DER); repeatable."
        ),
    ] = None,
    crl: Annotated[
        list[Path] | None,
        typer.Option(
            "--crl", metavar="FILE", help="CRL or OCSP response to check with; repeatable."
        ),
    ] = None,
) -> None:
    """Check every signature: intact, valid, trusted, nothing disallowed added after it.

    Exits with 0 only when every signature is all of these; 1 otherwise (or with none).
    """
    from thaidocs.errors import SigningError
    from thaidocs.signing.verifier import verify as verify_pdf

    _quiet_signing_library()
    try:
        reports = verify_pdf(pdf, trust or (), revocation=crl or ())
    except SigningError as error:
        _fail(f"{pdf}: {error}")
    if not reports:
        _fail(f"{pdf}: no signature")
    for report in reports:
        when = report.signed_at.strftime("%Y-%m-%d %H:%M:%S %Z") if report.signed_at else "?"
        verdict = "ok" if report.ok else "FAILED: " + "; ".join(report.problems)
        typer.echo(f"{pdf}: {report.field}: {report.signer}, {report.level}, {when}: {verdict}")
    if not all(report.ok for report in reports):
        raise typer.Exit(1)


#: failed rows printed on the terminal; errors.csv lists them all
_SHOWN_ERRORS = 20


@app.command()
def merge(
    template: Annotated[
        Path, typer.Argument(help="The document with {{ field }} placeholders (.yaml, .json).")
    ],
    records: Annotated[Path, typer.Argument(help="One record a row: .csv, .xlsx or .jsonl.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")],
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help='File names from the record, e.g. "{school}". Default: the row number.'
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Processes. Default: the available CPUs."),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="Which outputs to write.")
    ] = Format.pdf,
    resume: Annotated[
        bool, typer.Option("--resume", help="Skip rows whose output files already exist.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Show a progress bar. Default: on a terminal."
        ),
    ] = None,
    root: Annotated[Path | None, typer.Option("--root", help=_ROOT_HELP)] = None,
    sign_key: _SignKey = None,
    level: _SignLevel = Level.b_b,
    tsa: _Tsa = None,
) -> None:
    """Fill TEMPLATE from each record of RECORDS: one document a row, written into --out.

    Rows that fail are listed in OUT/errors.csv (row, field, message; row 1 is the first
    data row) and the others go on; the exit status is 1 when any row failed.
    """
    import time

    import thaidocs
    from thaidocs.batch import chunk_size_for, read_records
    from thaidocs.errors import InputError

    try:
        rows = list(read_records(records))
        docs = thaidocs.merge(template, rows, root=root)
    except InputError as exc:
        for problem in exc.problems:
            typer.echo(f"{exc.source}: error: {problem}", err=True)
        raise typer.Exit(1) from None
    signing = None
    if sign_key is not None:  # checked here once; each worker process opens it for itself
        password = _password()
        _key_or_exit(sign_key, password)
        signing = {
            "key": str(sign_key.resolve()),
            "password": password,
            "level": str(level),
            "timestamp_url": tsa,
        }
    formats = tuple(suffix.lstrip(".") for suffix in fmt.suffixes)
    failures: list[tuple[int, Exception]] = []
    show = progress if progress is not None else sys.stdout.isatty()
    started = time.perf_counter()
    with _report(len(rows), show) as report, _stopped_by_sigterm():

        def on_result(index: int, result: Exception | Path | tuple[Path, ...]) -> None:
            if isinstance(result, Exception):
                failures.append((rows[index].row, result))
                if len(failures) <= _SHOWN_ERRORS:
                    report.error(f"row {rows[index].row}: {_row_error(result)}")
            report.done(result.name if isinstance(result, Path) else "")

        try:
            thaidocs.render_many(
                docs,
                out,
                formats,
                name=name,
                workers=workers,
                resume=resume,
                chunk_size=chunk_size_for(len(rows)),
                sign=signing,
                on_result=on_result,
            )
        except KeyboardInterrupt:
            report.flush()
            typer.echo("stopped; run again with --resume to go on", err=True)
            raise typer.Exit(130) from None
    seconds = time.perf_counter() - started
    _write_errors(out / "errors.csv", failures)
    done = len(rows) - len(failures)
    rate = done / seconds if seconds else 0.0
    summary = f"{done} of {len(rows)} records written to {out} in {seconds:.1f} s ({rate:.1f}/s)"
    if failures:
        hidden = len(failures) - _SHOWN_ERRORS
        more = f"; {hidden} more" if hidden > 0 else ""
        typer.echo(f"{summary}; {len(failures)} failed{more}: see {out / 'errors.csv'}", err=True)
        raise typer.Exit(1)
    typer.echo(summary)


def _row_error(exc: Exception) -> str:
    return "; ".join(f"{field}: {text}" if field else text for field, text in _problems(exc))


def _problems(exc: Exception) -> list[tuple[str, str]]:
    """(field, message) for each problem of a failed row."""
    from thaidocs.errors import InputError

    if isinstance(exc, InputError):
        return [(p.path, p.message + (f" — {p.hint}" if p.hint else "")) for p in exc.problems]
    if isinstance(exc, OSError):
        return [("", f"cannot write the output: {exc.strerror or exc}")]
    return [("", f"internal error: {type(exc).__name__}: {exc} (please report this input)")]


def _write_errors(path: Path, failures: list[tuple[int, Exception]]) -> None:
    """errors.csv (UTF-8 with a BOM, so that Excel shows Thai); removed when nothing failed."""
    import csv
    import io

    from thaidocs.files import write_atomic

    if not failures:
        path.unlink(missing_ok=True)
        return
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["row", "field", "message"])
    for row, exc in failures:
        writer.writerows([row, field, message] for field, message in _problems(exc))
    write_atomic(path, text.getvalue().encode("utf-8-sig"))


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM stops a run as Ctrl-C does: pending work cancelled, no half-written file."""
    import signal

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: signals stay as they are
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the input format (for editors that complete YAML)."""
    import thaidocs

    typer.echo(json.dumps(thaidocs.json_schema(), ensure_ascii=False, indent=2))


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="An archival PDF (pdfa: 3u).")],
) -> None:
    """Print the input document a PDF/A-3u file carries, as JSON (render it again with
    ``thaidocs render``, or load it with ``thaidocs.load``)."""
    import pikepdf

    import thaidocs

    try:
        source = thaidocs.extract(file)
    except OSError as exc:
        typer.echo(f"{file}: error: cannot read it: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from None
    except pikepdf.PdfError:
        typer.echo(f"{file}: error: not a readable PDF file", err=True)
        raise typer.Exit(1) from None
    if source is None:
        typer.echo(
            f"{file}: error: no input document attached (render with options.pdfa: 3u)", err=True
        )
        raise typer.Exit(1)
    typer.echo(source)


def main() -> None:
    """Entry point of the ``thaidocs`` script."""
    app(prog_name="thaidocs")
