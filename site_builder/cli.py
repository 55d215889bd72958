"""Command line: `python build.py [build|check|report|serve|new|…] [options]`.

Exit codes: 0 success, 1 content errors (or a failed write, or `check --strict` with an
item not ready), 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import jinja2

from site_builder import scaffold
from site_builder.build_date import BadSourceDateEpoch, source_date
from site_builder.cached_build import cached_build
from site_builder.cli_publishing import PUBLISHING_VERBS, add_publishing_verbs
from site_builder.devserver.server import LOOPBACK, run_preview
from site_builder.incremental import InterruptedBeforeSearch
from site_builder.load.content_tree import display_path
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message
from site_builder.pipeline import build, check_site, load_site
from site_builder.problems import ContentErrors, Problem, Severity, errors_in
from site_builder.readiness import Readiness, Status
from site_builder.readiness.report import FORMATS, format_csv, format_html, format_json, format_text
from site_builder.readiness.results import date_label
from site_builder.render.pdf import PdfUnavailable
from site_builder.schema.json_schemas import write_schemas
from site_builder.search import SearchIndexError
from site_builder.write import InterruptedAfterSwap

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors told through the message catalogue."""

    lang = DEFAULT_LANGUAGE

    def error(self, problem: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, message(self.lang, "cli_usage_error", problem=problem) + "\n")


def _language(args: Sequence[str]) -> str:
    """--lang, read before parsing so that the help itself is in that language."""
    for index, arg in enumerate(args):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGUAGES:
            return value
    return DEFAULT_LANGUAGE


def _parser(lang: str) -> argparse.ArgumentParser:
    def text(key: str) -> str:
        return message(lang, key)

    _Parser.lang = lang
    parser = _Parser(prog="build.py", description=text("cli_description"))
    common = _Parser(add_help=False)
    common.add_argument(
        "--content", type=Path, default=Path("content"), help=text("cli_help_content")
    )
    common.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=text("cli_help_lang")
    )
    common.add_argument("--as-of", metavar="YYYY-MM-DD", help=text("cli_help_as_of"))
    site_folders = _Parser(add_help=False)
    site_folders.add_argument(
        "--templates", type=Path, default=Path("templates"), help=text("cli_help_templates")
    )
    site_folders.add_argument(
        "--output", type=Path, default=Path("output"), help=text("cli_help_output")
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser)
    build_verb = verbs.add_parser(
        "build", parents=[common, site_folders], help=text("cli_help_build")
    )
    build_verb.add_argument("--quiet", action="store_true", help=text("cli_help_quiet"))
    build_verb.add_argument("--pdf", action="store_true", help=text("cli_help_pdf"))
    build_verb.add_argument("--jobs", type=_positive_int, default=None, help=text("cli_help_jobs"))
    build_verb.add_argument(
        "--cache", type=Path, default=Path(".build-cache"), help=text("cli_help_cache")
    )
    build_verb.add_argument("--no-cache", action="store_true", help=text("cli_help_no_cache"))
    build_verb.add_argument("--no-search", action="store_true", help=text("cli_help_no_search"))
    check_verb = verbs.add_parser("check", parents=[common], help=text("cli_help_check"))
    check_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help=text("cli_help_templates")
    )
    check_verb.add_argument("--strict", action="store_true", help=text("cli_help_strict"))
    report_verb = verbs.add_parser("report", parents=[common], help=text("cli_help_report"))
    report_verb.add_argument(
        "--format", choices=FORMATS, default="text", help=text("cli_help_report_format")
    )
    report_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help=text("cli_help_report_templates")
    )
    serve_verb = verbs.add_parser(
        "serve", parents=[common, site_folders], help=text("cli_help_serve")
    )
    serve_verb.add_argument("--port", type=int, default=8000, help=text("cli_help_port"))
    serve_verb.add_argument("--host", default=LOOPBACK, help=text("cli_help_host"))
    serve_verb.add_argument("--poll", action="store_true", help=text("cli_help_poll"))
    new_verb = verbs.add_parser("new", parents=[common], help=text("cli_help_new"))
    new_verb.add_argument("kind", choices=scaffold.KINDS, help=text("cli_help_new_kind"))
    new_verb.add_argument("argument", nargs="?", help=text("cli_help_new_argument"))
    new_verb.add_argument(
        "--date", type=dt.date.fromisoformat, default=None, help=text("cli_help_new_date")
    )
    schemas_verb = verbs.add_parser("schemas", parents=[common], help=text("cli_help_schemas"))
    schemas_verb.add_argument(
        "--schemas", type=Path, default=Path("schemas"), help=text("cli_help_schemas_folder")
    )
    add_publishing_verbs(verbs, text)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(message(_Parser.lang, "cli_not_positive", found=text))
    return value


def _print_problems(problems: Sequence[Problem], lang: str) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        label = message(lang, "cli_error" if problem.severity is Severity.ERROR else "cli_warning")
        print(f"{problem.format(lang)} [{label}]", file=sys.stderr)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


# A site's model is hundreds of thousands of small objects that live until the end (one
# per page, field and source position). With Python's default thresholds the collector
# runs every 700 allocations and keeps walking them: ~0.5 s of a 10,000-post warm build.
# Reference cycles are still collected, only less often (peak memory is unchanged).
GC_THRESHOLDS = (100_000, 50, 50)


def main(argv: Sequence[str] | None = None) -> int:
    previous = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    finally:
        gc.set_threshold(*previous)  # main() is also called in-process (tests)


def _run(args: list[str]) -> int:
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, "build")
    options = _parser(_language(args)).parse_args(args)
    try:
        source_date()
    except BadSourceDateEpoch as bad:
        print(message(options.lang, "cli_bad_source_date_epoch", value=bad.value), file=sys.stderr)
        return EXIT_USAGE
    if options.verb in PUBLISHING_VERBS:
        return PUBLISHING_VERBS[options.verb](options)
    try:
        options.as_of = dt.date.fromisoformat(options.as_of) if options.as_of else None
    except ValueError:
        print(message(options.lang, "cli_bad_as_of", found=options.as_of), file=sys.stderr)
        return EXIT_USAGE
    if options.verb == "check":
        return _check(options)
    if options.verb == "report":
        return _report(options)
    if options.verb == "new":
        return _new(options)
    if options.verb == "schemas":
        written = write_schemas(options.schemas)
        folder = options.schemas.as_posix()
        print(message(options.lang, "cli_schemas_written", count=len(written), folder=folder))
        return EXIT_OK
    if options.verb == "serve":
        return run_preview(
            options.content,
            options.templates,
            options.output,
            options.host,
            options.port,
            options.lang,
            options.as_of,
            options.poll,
        )
    return _build(options)


def _new(options: argparse.Namespace) -> int:
    today = options.date or dt.date.today()  # a skeleton's date, not build output
    try:
        planned = scaffold.plan(options.kind, options.argument, options.content, today)
        scaffold.write(planned)
    except scaffold.ScaffoldRefused as refused:
        print(message(options.lang, refused.key, **refused.fields), file=sys.stderr)
        return EXIT_ERRORS
    print(message(options.lang, "new_written", file=display_path(planned.path)))
    return EXIT_OK


def _readiness_summary(readiness: Readiness, lang: str) -> str:
    return message(
        lang,
        "cli_readiness_summary",
        date=date_label(readiness.as_of, lang),
        ready=readiness.count(Status.READY),
        total=len(readiness.items),
    )


def _check(options: argparse.Namespace) -> int:
    site, problems = check_site(options.content, options.templates, options.as_of)
    _print_problems(problems, options.lang)
    errors = errors_in(problems)
    if site is None or site.readiness is None or errors:
        print(message(options.lang, "cli_check_failed", count=len(errors)), file=sys.stderr)
        return EXIT_ERRORS
    warnings = len(problems) - len(errors)
    files = sum(
        1
        for p in options.content.rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".yml", ".md", ".csv")
    )
    print(message(options.lang, "cli_check_ok", files=files, warnings=warnings))
    print(_readiness_summary(site.readiness, options.lang))
    if options.strict and site.readiness.not_ready:
        for result in site.readiness.not_ready:
            reasons = "; ".join(result.reason_texts(options.lang))
            print(f"{result.code} {result.label(options.lang)}: {reasons}", file=sys.stderr)
        failed = len(site.readiness.not_ready)
        print(message(options.lang, "cli_strict_failed", count=failed), file=sys.stderr)
        return EXIT_ERRORS
    return EXIT_OK


def _report(options: argparse.Namespace) -> int:
    site, problems = load_site(options.content, options.as_of)
    errors = errors_in(problems)
    if site is None or site.readiness is None or errors:
        _print_problems(problems, options.lang)
        print(message(options.lang, "cli_check_failed", count=len(errors)), file=sys.stderr)
        return EXIT_ERRORS
    readiness, lang = site.readiness, options.lang
    if options.format == "json":
        text = format_json(readiness, lang)
    elif options.format == "csv":
        text = format_csv(readiness, lang)
    elif options.format == "html":
        try:
            text = format_html(readiness, lang, options.templates)
        except jinja2.TemplateNotFound as missing:
            print(
                message(lang, "cli_template_missing", name=missing.name, folder=options.templates),
                file=sys.stderr,
            )
            return EXIT_USAGE
    else:
        text = format_text(readiness, lang)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return EXIT_OK


def _build(options: argparse.Namespace) -> int:
    lang = options.lang
    shown_output = options.output.as_posix()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        if options.no_cache or options.pdf:  # PDFs are made by the clean build only
            report = build(
                options.content,
                options.templates,
                options.output,
                options.as_of,
                pdf=options.pdf,
                jobs=options.jobs,
                search=not options.no_search,
            )
        else:
            report = cached_build(
                options.content,
                options.templates,
                options.output,
                options.cache,
                options.as_of,
                jobs=options.jobs,
                search=not options.no_search,
            )
    except ContentErrors as failure:
        _print_problems(failure.problems, lang)
        print(
            message(lang, "cli_errors_found", count=len(errors_in(failure.problems))),
            file=sys.stderr,
        )
        return EXIT_ERRORS
    except PdfUnavailable as missing:
        print(message(lang, "pdf_unavailable", problem=missing), file=sys.stderr)
        return EXIT_ERRORS
    except InterruptedBeforeSearch:
        print(message(lang, "cli_interrupted_before_search", output=shown_output), file=sys.stderr)
        return EXIT_INTERRUPTED
    except InterruptedAfterSwap:
        print(message(lang, "cli_interrupted_after_swap", output=shown_output), file=sys.stderr)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        print(message(lang, "cli_interrupted", output=shown_output), file=sys.stderr)
        return EXIT_INTERRUPTED
    except SearchIndexError as exc:
        print(message(lang, "cli_search_failed", problem=exc, output=shown_output), file=sys.stderr)
        return EXIT_ERRORS
    except OSError as exc:
        print(message(lang, "cli_write_failed", problem=exc, output=shown_output), file=sys.stderr)
        return EXIT_ERRORS
    finally:
        signal.signal(signal.SIGTERM, previous)
    _print_problems(report.problems, lang)
    if not options.quiet:
        print(
            message(
                lang,
                "cli_summary",
                output=shown_output,
                pages=report.pages,
                documents=report.documents,
                warnings=len(report.problems),
                seconds=f"{report.seconds:.2f}",
            )
        )
    return EXIT_OK
