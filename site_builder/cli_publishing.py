"""Command line verbs for publishing: `deploy` (to a web server's folder) and `multi`
(many agencies in one run). Messages come from the catalogue, like every other verb's.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from site_builder.deploy import DeployRefused, deploy
from site_builder.messages import DEFAULT_LANGUAGE, LANGUAGES, message
from site_builder.multi import build_many, default_jobs
from site_builder.problems import Problem, Severity, errors_in
from site_builder.write import InterruptedAfterSwap

EXIT_OK, EXIT_ERRORS, EXIT_INTERRUPTED = 0, 1, 130


def add_publishing_verbs(verbs: argparse._SubParsersAction, text: Callable[[str], str]) -> None:
    """The verbs, with help texts from the catalogue (`text`: key → message)."""
    deploy_verb = verbs.add_parser("deploy", help=text("cli_help_deploy"))
    deploy_verb.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=Path("output"),
        help=text("cli_help_deploy_from"),
    )
    deploy_verb.add_argument(
        "--to", dest="target", type=Path, required=True, help=text("cli_help_deploy_to")
    )
    deploy_verb.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=text("cli_help_lang")
    )
    multi_verb = verbs.add_parser("multi", help=text("cli_help_multi"))
    multi_verb.add_argument("--sites", type=Path, required=True, help=text("cli_help_multi_sites"))
    multi_verb.add_argument(
        "--output", type=Path, default=Path("output"), help=text("cli_help_multi_output")
    )
    multi_verb.add_argument(
        "--templates", type=Path, default=Path("templates"), help=text("cli_help_templates")
    )
    multi_verb.add_argument(
        "--jobs", type=int, default=default_jobs(), help=text("cli_help_multi_jobs")
    )
    multi_verb.add_argument(
        "--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE, help=text("cli_help_lang")
    )


def _deploy(options: argparse.Namespace) -> int:
    lang = options.lang
    target = options.target.as_posix()
    # SIGTERM (a service stop) ends the deploy like Ctrl+C: cleanly, the old site serving.
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        files = deploy(options.source, options.target)
    except DeployRefused as refused:
        print(message(lang, refused.key, **refused.fields), file=sys.stderr)
        return EXIT_ERRORS
    except InterruptedAfterSwap:
        print(message(lang, "deploy_interrupted_after_swap", target=target), file=sys.stderr)
        return EXIT_INTERRUPTED
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
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
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


PUBLISHING_VERBS: dict[str, Callable[[argparse.Namespace], int]] = {
    "deploy": _deploy,
    "multi": _multi,
}
