"""Command line: `python build.py [build|check] [options]`.

Exit codes: 0 success, 1 content errors (or a failed write), 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from site_builder.deploy import DeployRefused, deploy
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message
from site_builder.multi import build_many, default_jobs
from site_builder.pipeline import build, load_site
from site_builder.problems import ContentErrors, Problem, Severity, errors_in
from site_builder.render.pdf import PdfUnavailable

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
        "--pdf",
        action="store_true",
        help="also make a PDF of each printable document (needs: pip install '.[pdf]')",
    )
    verbs.add_parser(
        "check", parents=[common], help="validate the content without writing anything"
    )
    deploy_verb = verbs.add_parser(
        "deploy", help="copy the built site to the folder a web server serves, all at once"
    )
    deploy_verb.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=Path("output"),
        help="built site (default: output)",
    )
    deploy_verb.add_argument(
        "--to", dest="target", type=Path, required=True, help="folder the web server serves"
    )
    deploy_verb.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="message language (default: th)"
    )
    multi_verb = verbs.add_parser(
        "multi", help="build every agency in a folder of content folders, in parallel"
    )
    multi_verb.add_argument(
        "--sites", type=Path, required=True, help="folder with one content folder per agency"
    )
    multi_verb.add_argument(
        "--output", type=Path, default=Path("output"), help="each agency goes to OUTPUT/<folder>"
    )
    multi_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help="templates folder (shared)"
    )
    multi_verb.add_argument(
        "--jobs", type=int, default=default_jobs(), help="processes (default: one per core)"
    )
    multi_verb.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help="message language (default: th)"
    )
    return parser


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
    if options.verb == "deploy":
        return _deploy(options)
    if options.verb == "multi":
        return _multi(options)
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
        report = build(options.content, options.templates, options.output, pdf=options.pdf)
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


def _deploy(options: argparse.Namespace) -> int:
    lang = options.lang
    target = options.target.as_posix()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        files = deploy(options.source, options.target)
    except DeployRefused as refused:
        print(message(lang, refused.key, **refused.fields), file=sys.stderr)
        return EXIT_ERRORS
    except KeyboardInterrupt:
        print(message(lang, "deploy_interrupted", target=target), file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(message(lang, "deploy_failed", problem=exc, target=target), file=sys.stderr)
        return EXIT_ERRORS
    finally:
        signal.signal(signal.SIGTERM, previous)
    source = options.source.as_posix()
    print(message(lang, "deploy_done", files=files, source=source, target=target))
    return EXIT_OK


def _multi(options: argparse.Namespace) -> int:
    lang = options.lang
    if not options.sites.is_dir():
        print(
            message(lang, "missing_content_dir", folder=options.sites.as_posix()), file=sys.stderr
        )
        return EXIT_ERRORS
    started = time.perf_counter()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        results = build_many(options.sites, options.templates, options.output, max(1, options.jobs))
    except KeyboardInterrupt:
        print(message(lang, "multi_interrupted", output=options.output.as_posix()), file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    if not results:
        print(message(lang, "multi_no_agencies", sites=options.sites.as_posix()), file=sys.stderr)
        return EXIT_ERRORS
    for result in results:
        output = result.output.as_posix()
        problems = result.report.problems if result.report else result.problems
        for problem in sorted(problems, key=Problem.sort_key):
            severity = "cli_error" if problem.severity is Severity.ERROR else "cli_warning"
            text = f"{problem.format(lang)} [{message(lang, severity)}]"
            print(f"[{result.agency}] {text}", file=sys.stderr)
        if result.report is not None:
            print(
                message(
                    lang,
                    "multi_agency_ok",
                    agency=result.agency,
                    output=output,
                    pages=result.report.pages,
                    warnings=len(result.report.problems),
                )
            )
        elif result.failure is not None:
            fields = {"agency": result.agency, "problem": result.failure, "output": output}
            print(message(lang, "multi_agency_failed", **fields), file=sys.stderr)
        else:
            count = len(errors_in(result.problems))
            fields = {"agency": result.agency, "count": count, "output": output}
            print(message(lang, "multi_agency_errors", **fields), file=sys.stderr)
    failed = [result.agency for result in results if not result.ok]
    print(
        message(
            lang,
            "multi_summary",
            built=len(results) - len(failed),
            total=len(results),
            failed=", ".join(failed) or "-",
            seconds=f"{time.perf_counter() - started:.2f}",
        )
    )
    return EXIT_ERRORS if failed else EXIT_OK
