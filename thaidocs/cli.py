"""The ``thaidocs`` command line: render, validate and describe input files.

Thin over the public API and built on click alone, which parses arguments without importing
anything else. Heavy modules (the model, the writers, rich) are imported only by the command
that needs them, so ``--help`` starts instantly and a render pays only for the document.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from thaidocs import __version__

if TYPE_CHECKING:
    from thaidocs.signing.keys import SigningKey

_Function = TypeVar("_Function", bound=Callable[..., Any])


class _Argument(click.Argument):
    """A positional argument with a help line, which click's own arguments have only from 8.5."""

    def __init__(self, param_decls: list[str], help: str, **attrs: Any) -> None:
        super().__init__(param_decls, **attrs)
        self.help = help


class _HelpedCommand(click.Command):
    """A command whose ``--help`` lists its arguments, with their help, before the options,
    and whose line in the list of commands is its whole first sentence."""

    def get_short_help_str(self, limit: int = 45) -> str:
        return super().get_short_help_str(limit=sys.maxsize)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (param.make_metavar(ctx), param.help or "")
            for param in self.get_params(ctx)
            if isinstance(param, _Argument)
        ]
        if rows:
            with formatter.section("Arguments"):
                formatter.write_dl(rows)
        super().format_options(ctx, formatter)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: the arguments are listed by ``format_options``. click 8.5 and later would
        list them a second time, as "Positional arguments"."""


class _Commands(click.Group):
    """The commands, listed in ``--help`` in the order they are declared here."""

    command_class = _HelpedCommand

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


@click.group(cls=_Commands, name="thaidocs", no_args_is_help=True)
@click.version_option(
    __version__, "--version", message="thaidocs %(version)s", help="Print the version and exit."
)
def app() -> None:
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
            click.echo(f"wrote {path}")

    def error(self, line: str) -> None:
        if self._advance is None:
            click.echo(line, err=True)
        else:
            self._deferred.append(line)

    def done(self, name: str) -> None:
        if self._advance is not None:
            self._advance(name)

    def flush(self) -> None:
        for line in self._deferred:
            click.echo(line, err=True)
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


#: a file or folder named on the command line
_PATH = click.Path(path_type=Path)
#: which outputs a command writes
_FORMATS = click.Choice(["pdf", "docx", "both"])
#: PAdES baseline levels
_LEVELS = click.Choice(["B-B", "B-T", "B-LT", "B-LTA"])


def _suffixes(fmt: str) -> tuple[str, ...]:
    return (".pdf", ".docx") if fmt == "both" else (f".{fmt}",)


def _files(command: _Function) -> _Function:
    return click.argument(
        "files",
        cls=_Argument,
        nargs=-1,
        required=True,
        type=_PATH,
        metavar="FILE...",
        help="Input files (.yaml, .json, .toml).",
    )(command)


def _format(default: str) -> Callable[[_Function], _Function]:
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=_FORMATS,
        default=default,
        show_default=True,
        help="Which outputs to write.",
    )


_root = click.option("--root", type=_PATH, help=_ROOT_HELP)
_tsa = click.option("--tsa", metavar="URL", help="Timestamp authority (B-T and up).")


def _signing(command: _Function) -> _Function:
    """--sign, --level and --tsa: the signing options of the commands that write PDFs."""
    sign_key = click.option(
        "--sign",
        "sign_key",
        type=_PATH,
        metavar="KEY.p12",
        help="Sign each PDF in field signer-1 with this PKCS#12 key "
        "(password from THAIDOCS_KEY_PASSWORD or a prompt).",
    )
    level = click.option(
        "--level", type=_LEVELS, default="B-B", show_default=True, help="PAdES level of --sign."
    )
    return sign_key(level(_tsa(command)))


def _render_one(
    path: Path,
    folder: Path,
    fmt: str,
    written: dict[Path, Path],
    report: _Report,
    root: Path | None = None,
    signing: dict[str, object] | None = None,
) -> None:
    targets = [folder / f"{path.stem}{suffix}" for suffix in _suffixes(fmt)]
    for target in targets:
        if target.resolve() in written:
            other = written[target.resolve()]
            raise _Clash(
                f"{target} is already written from {other} in this run; "
                "rename one of the inputs or render them to different folders"
            )
    import thaidocs
    from thaidocs.collector import collector_paused

    # reading the input (and, the first time, importing what reads and checks it) makes
    # objects that live until the files are written, as the writers' own do
    with collector_paused():
        doc = thaidocs.load(path, root=root)
        for target in targets:
            how = signing if target.suffix == ".pdf" else None
            thaidocs.render(doc, target, sign=how)
            written[target.resolve()] = path
            report.wrote(target)


@app.command()
@_files
@click.option("--out", "-o", type=_PATH, help="Output folder. Default: next to each input file.")
@_format("both")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar. Default: when several files go to a terminal.",
)
@_root
@_signing
def render(
    files: tuple[Path, ...],
    out: Path | None,
    fmt: str,
    progress: bool | None,
    root: Path | None,
    sign_key: Path | None,
    level: str,
    tsa: str | None,
) -> None:
    """Write each input as PDF and/or .docx, named after the input file."""
    signing = None
    if sign_key is not None:
        signing = {"key": _key_or_exit(sign_key), "level": level, "timestamp_url": tsa}
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
        click.echo(f"{failed} of {len(files)} file(s) failed", err=True)
        raise SystemExit(1)


@app.command()
@_files
@_root
def validate(files: tuple[Path, ...], root: Path | None) -> None:
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
                click.echo(line)
            continue
        findings = thaidocs.check(doc)
        for finding in findings:
            where = f"{finding.path}: " if finding.path else ""
            click.echo(f"{path}: {finding.level}: {where}{finding.message} [{finding.code}]")
        errors += sum(1 for finding in findings if finding.level == "error")
        if not findings:
            click.echo(f"{path}: ok")
    if errors:
        raise SystemExit(1)


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
    click.echo(f"error: {message}", err=True)
    raise SystemExit(1)


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
@click.argument("pdf", cls=_Argument, type=_PATH, metavar="IN.pdf", help="The PDF to sign.")
@click.option("--key", required=True, type=_PATH, metavar="KEY.p12", help="PKCS#12 key.")
@click.option("--out", "-o", required=True, type=_PATH, help="Where to write the signed PDF.")
@click.option("--field", help="Field to sign. Default: the first empty one.")
@click.option("--level", type=_LEVELS, default="B-B", show_default=True, help="PAdES level.")
@_tsa
@click.option(
    "--crl",
    multiple=True,
    type=_PATH,
    metavar="FILE",
    help="CRL or OCSP response to embed (B-LT, B-LTA); repeatable.",
)
@click.option(
    "--trust",
    multiple=True,
    type=_PATH,
    metavar="ROOT.pem",
    help="Root certificate of the chain (B-LT, B-LTA); repeatable.",
)
@click.option("--fetch", is_flag=True, help="Download revocation data (B-LT, B-LTA).")
@click.option("--reason", help="Reason for signing.")
@click.option("--location", help="Place of signing.")
@click.option("--position", help="Position printed on the stamp.")
@click.option("--visible/--invisible", default=True, help="Draw a stamp in the field.")
def sign(
    pdf: Path,
    key: Path,
    out: Path,
    field: str | None,
    level: str,
    tsa: str | None,
    crl: tuple[Path, ...],
    trust: tuple[Path, ...],
    fetch: bool,
    reason: str | None,
    location: str | None,
    position: str | None,
    visible: bool,
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
            level=level,
            timestamp_url=tsa,
            reason=reason,
            location=location,
            trust=trust,
            revocation=crl,
            fetch=fetch,
            visible=visible,
            position=position,
        )
        write_atomic(out, data)
    except SigningError as error:
        _fail(f"{pdf}: {error}")
    except OSError as error:
        _fail(f"cannot write {out}: {error.strerror or error}")
    click.echo(f"signed {out}")


@app.command()
@click.argument("pdf", cls=_Argument, type=_PATH, metavar="FILE.pdf", help="The signed PDF.")
@click.option(
    "--trust",
    multiple=True,
    type=_PATH,
    metavar="ROOT.pem",
    help="Trusted root certificate (PEM or DER); repeatable.",
)
@click.option(
    "--crl",
    multiple=True,
    type=_PATH,
    metavar="FILE",
    help="CRL or OCSP response to check with; repeatable.",
)
def verify(pdf: Path, trust: tuple[Path, ...], crl: tuple[Path, ...]) -> None:
    """Check every signature: intact, valid, trusted, nothing disallowed added after it.

    Exits with 0 only when every signature is all of these; 1 otherwise (or with none).
    """
    from thaidocs.errors import SigningError
    from thaidocs.signing.verifier import verify as verify_pdf

    _quiet_signing_library()
    try:
        reports = verify_pdf(pdf, trust, revocation=crl)
    except SigningError as error:
        _fail(f"{pdf}: {error}")
    if not reports:
        _fail(f"{pdf}: no signature")
    for report in reports:
        when = report.signed_at.strftime("%Y-%m-%d %H:%M:%S %Z") if report.signed_at else "?"
        verdict = "ok" if report.ok else "FAILED: " + "; ".join(report.problems)
        click.echo(f"{pdf}: {report.field}: {report.signer}, {report.level}, {when}: {verdict}")
    if not all(report.ok for report in reports):
        raise SystemExit(1)


#: failed rows printed on the terminal; errors.csv lists them all
_SHOWN_ERRORS = 20


@app.command()
@click.argument(
    "template",
    cls=_Argument,
    type=_PATH,
    help="The document with {{ field }} placeholders (.yaml, .json).",
)
@click.argument(
    "records", cls=_Argument, type=_PATH, help="One record a row: .csv, .xlsx or .jsonl."
)
@click.option("--out", "-o", required=True, type=_PATH, help="Output folder.")
@click.option(
    "--name", help='File names from the record, e.g. "{school}". Default: the row number.'
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    help="Processes. Default: the available CPUs.",
)
@_format("pdf")
@click.option("--resume", is_flag=True, help="Skip rows whose output files already exist.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar. Default: on a terminal."
)
@_root
@_signing
def merge(
    template: Path,
    records: Path,
    out: Path,
    name: str | None,
    workers: int | None,
    fmt: str,
    resume: bool,
    progress: bool | None,
    root: Path | None,
    sign_key: Path | None,
    level: str,
    tsa: str | None,
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
            click.echo(f"{exc.source}: error: {problem}", err=True)
        raise SystemExit(1) from None
    signing = None
    if sign_key is not None:  # checked here once; each worker process opens it for itself
        password = _password()
        _key_or_exit(sign_key, password)
        signing = {
            "key": str(sign_key.resolve()),
            "password": password,
            "level": level,
            "timestamp_url": tsa,
        }
    formats = tuple(suffix.lstrip(".") for suffix in _suffixes(fmt))
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
            click.echo("stopped; run again with --resume to go on", err=True)
            raise SystemExit(130) from None
    seconds = time.perf_counter() - started
    _write_errors(out / "errors.csv", failures)
    done = len(rows) - len(failures)
    rate = done / seconds if seconds else 0.0
    summary = f"{done} of {len(rows)} records written to {out} in {seconds:.1f} s ({rate:.1f}/s)"
    if failures:
        hidden = len(failures) - _SHOWN_ERRORS
        more = f"; {hidden} more" if hidden > 0 else ""
        click.echo(f"{summary}; {len(failures)} failed{more}: see {out / 'errors.csv'}", err=True)
        raise SystemExit(1)
    click.echo(summary)


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

    click.echo(json.dumps(thaidocs.json_schema(), ensure_ascii=False, indent=2))


@app.command()
@click.argument(
    "file", cls=_Argument, type=_PATH, metavar="FILE", help="An archival PDF (pdfa: 3u)."
)
def extract(file: Path) -> None:
    """Print the input document a PDF/A-3u file carries, as JSON (render it again with
    ``thaidocs render``, or load it with ``thaidocs.load``)."""
    import pikepdf

    import thaidocs

    try:
        source = thaidocs.extract(file)
    except OSError as exc:
        click.echo(f"{file}: error: cannot read it: {exc.strerror or exc}", err=True)
        raise SystemExit(1) from None
    except pikepdf.PdfError:
        click.echo(f"{file}: error: not a readable PDF file", err=True)
        raise SystemExit(1) from None
    if source is None:
        click.echo(
            f"{file}: error: no input document attached (render with options.pdfa: 3u)", err=True
        )
        raise SystemExit(1)
    click.echo(source)


def main() -> None:
    """Entry point of the ``thaidocs`` script."""
    app.main(prog_name="thaidocs")
