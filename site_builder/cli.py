"""Command line: `python build.py [build|check|report] [options]`.

Exit codes: 0 success, 1 content errors (or a failed write, or `check --strict` with an
item not ready), 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2

from site_builder.build_date import BadSourceDateEpoch, source_date
from site_builder.cli_publishing import PUBLISHING_VERBS, add_publishing_verbs
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message
from site_builder.pipeline import build, check_site, load_site
from site_builder.problems import ContentErrors, Problem, Severity, errors_in
from site_builder.readiness import Readiness, Status
from site_builder.readiness.report import FORMATS, format_csv, format_html, format_json, format_text
from site_builder.readiness.results import date_label
from site_builder.render.pdf import PdfUnavailable
from site_builder.search import SearchIndexError
from site_builder.write import InterruptedAfterSwap

EXIT_OK, EXIT_ERRORS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build the agency's transparency site from content/ (YAML, Markdown).",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    common.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="message language (default: th)"
    )
    common.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="judge O1–O43 readiness at this date (default: today, or SOURCE_DATE_EPOCH's date)",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB")
    build_verb = verbs.add_parser(
        "build", parents=[common], help="validate and write the site (default)"
    )
    build_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help="templates folder"
    )
    build_verb.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default: output)"
    )
    build_verb.add_argument("--quiet", action="store_true", help="print only problems")
    build_verb.add_argument(
        "--pdf",
        action="store_true",
        help="also make a PDF of each printable document (needs: pip install '.[pdf]')",
    )
    build_verb.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        help="processes that render pages (default: one per core)",
    )
    check_verb = verbs.add_parser(
        "check", parents=[common], help="validate the content and its links, writing nothing"
    )
    check_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help="templates folder"
    )
    check_verb.add_argument(
        "--strict", action="store_true", help="also fail (exit 1) when any O item is not ready"
    )
    report_verb = verbs.add_parser(
        "report", parents=[common], help="print which O items are ready and why the others are not"
    )
    report_verb.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    report_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help="templates folder (for html)"
    )
    add_publishing_verbs(verbs)
    return parser


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _print_problems(problems: Sequence[Problem], lang: str) -> None:
    for problem in sorted(problems, key=Problem.sort_key):
        label = message(lang, "cli_error" if problem.severity is Severity.ERROR else "cli_warning")
        print(f"{problem.format(lang)} [{label}]", file=sys.stderr)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0].startswith("-") and args[0] not in ("-h", "--help")):
        args.insert(0, "build")
    options = _parser().parse_args(args)
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
    return _build(options)


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
        report = build(
            options.content,
            options.templates,
            options.output,
            options.as_of,
            pdf=options.pdf,
            jobs=options.jobs,
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
