"""Build many agencies' sites in one run: one content folder each, one process per core.

For a provincial or district office hosting its agencies: every subfolder of the sites
folder is one agency's content/, built into the folder of the same name under the
output folder, with the same templates and the same packaged checklists. Each agency
is built and written on its own (atomically, as a single build is), so one agency's
errors never stop or spoil another's site.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_builder.pipeline import BuildReport, build
from site_builder.problems import ContentErrors, Problem


@dataclass(frozen=True, slots=True)
class AgencyBuild:
    """How one agency's build went: a report, or the problems or failure that stopped it."""

    agency: str  # the folder name
    output: Path
    report: BuildReport | None = None
    problems: tuple[Problem, ...] = ()  # content errors (and warnings) that stopped it
    failure: str | None = None  # a write or internal failure, as text

    @property
    def ok(self) -> bool:
        return self.report is not None


def find_agencies(sites: Path) -> list[Path]:
    """The agency content folders: every subfolder, except hidden ones, by name."""
    return sorted(p for p in sites.iterdir() if p.is_dir() and not p.name.startswith("."))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _build_agency(content: Path, templates: Path, output: Path) -> AgencyBuild:
    """Runs in a worker process; everything it returns is picklable."""
    try:
        # Agencies already use every core between them: each renders in its own process.
        report = build(content, templates, output, jobs=1)
    except ContentErrors as errors:
        return AgencyBuild(content.name, output, problems=tuple(errors.problems))
    except OSError as exc:
        return AgencyBuild(content.name, output, failure=str(exc))
    return AgencyBuild(content.name, output, report=report)


def _outcome(agency: Path, output: Path, future: Future[AgencyBuild]) -> AgencyBuild:
    try:
        return future.result()
    except Exception as exc:  # a crash in one agency's build must not lose the others
        return AgencyBuild(agency.name, output, failure=f"{type(exc).__name__}: {exc}")


def build_many(sites: Path, templates: Path, output: Path, jobs: int) -> list[AgencyBuild]:
    """Build every agency under `sites` into `output/<agency>/`; results in agency order."""
    agencies = find_agencies(sites)
    if not agencies:
        return []
    with ProcessPoolExecutor(max_workers=min(jobs, len(agencies))) as pool:
        try:
            futures = [
                (
                    agency,
                    output / agency.name,
                    pool.submit(_build_agency, agency, templates, output / agency.name),
                )
                for agency in agencies
            ]
            return [_outcome(agency, target, future) for agency, target, future in futures]
        except KeyboardInterrupt:
            # Agencies being written finish their swap; those not started never start.
            pool.shutdown(cancel_futures=True)
            raise
