"""Command line: `python build.py [build|check] [options]`.

Exit codes: 0 success, 1 content errors (or a failed write), 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message
from site_builder.pipeline import build, load_site
from site_builder.problems import ContentErrors, Problem, Severity, errors_in

EXIT_OK, EXIT_ERRORS, EXIT_INTERRUPTED = 0, 1, 130


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
        "--jobs",
        type=_positive_int,
        default=None,
        help="processes that render pages (default: one per core)",
    )
    verbs.add_parser(
        "check", parents=[common], help="validate the content without writing anything"
    )
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
    if options.verb == "check":
        return _check(options)
    return _build(options)


def _check(options: argparse.Namespace) -> int:
    _site, problems = load_site(options.content)
    _print_problems(problems, options.lang)
    errors = errors_in(problems)
    if errors:
        print(message(options.lang, "cli_check_failed", count=len(errors)), file=sys.stderr)
        return EXIT_ERRORS
    warnings = len(problems) - len(errors)
    files = sum(
        1
        for p in options.content.rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".yml", ".md")
    )
    print(message(options.lang, "cli_check_ok", files=files, warnings=warnings))
    return EXIT_OK


def _build(options: argparse.Namespace) -> int:
    lang = options.lang
    shown_output = options.output.as_posix()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        report = build(options.content, options.templates, options.output, options.jobs)
    except ContentErrors as failure:
        _print_problems(failure.problems, lang)
        print(
            message(lang, "cli_errors_found", count=len(errors_in(failure.problems))),
            file=sys.stderr,
        )
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print(message(lang, "cli_interrupted", output=shown_output), file=sys.stderr)
        return EXIT_INTERRUPTED
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
