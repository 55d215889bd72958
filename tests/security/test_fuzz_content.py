"""Property-based fuzzing of the loader, the validator and the whole pipeline.

Whatever goes in (arbitrary bytes, arbitrary YAML structures, real content files with
structure-aware or textual mutations), the result is a valid model or a list of
Problems that format in Thai and English: never an exception, a traceback or a hang.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.load.content_tree import read_markdown, read_table, read_yaml
from site_builder.load.tables import table_document
from site_builder.load.yaml_source import SourceDocument, load_yaml_text
from site_builder.pipeline import load_site, render_and_check
from site_builder.problems import Problem, errors_in
from site_builder.schema.records import TABLE_KINDS
from site_builder.schema.validate import validate
from tests.security.content_models import CONTENT_MODELS
from tests.security.fixture_site import FIXTURE, ROOT, TEMPLATES

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDS_PER_EXAMPLE = 20  # far above any honest run (< 1 s); reaching it means a hang
REAL_FILES = sorted(
    [*FIXTURE.rglob("*.yaml"), *(ROOT / "content").rglob("*.yaml")],
    key=lambda p: p.as_posix(),
)
# Text mutations also reach the CSV tables.
REAL_TEXT_FILES = sorted(
    [*REAL_FILES, *FIXTURE.rglob("*.csv"), *(ROOT / "content").rglob("*.csv")],
    key=lambda p: p.as_posix(),
)
TABLE_MODELS = tuple(dict.fromkeys(kind.model for kind in TABLE_KINDS))


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def assert_clear(problems: list[Problem]) -> None:
    """Each problem has a place and formats in both languages."""
    for problem in problems:
        assert problem.location.file
        for lang in ("th", "en"):
            text = problem.format(lang)
            assert text.startswith(problem.location.file) and "Traceback" not in text


# -- arbitrary bytes and text ---------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_load_as_a_document_or_clear_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, time_limit(SECONDS_PER_EXAMPLE):
        for name, read in (("o1.yaml", read_yaml), ("post.md", read_markdown)):
            path = Path(folder) / name
            path.write_bytes(data)
            loaded, problems = read(path)
            assert (loaded is None) == bool(errors_in(problems))  # Windows-874: converted, warned
            assert_clear(problems)


@FUZZ
@given(data=st.binary(max_size=4000))
def test_arbitrary_bytes_as_a_csv_table_read_as_rows_or_clear_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, time_limit(SECONDS_PER_EXAMPLE):
        root = Path(folder)
        path = root / "procurement" / "2565" / "summary-2565-01.csv"
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        table, problems = read_table(path, root)
        assert (table is None) == bool(errors_in(problems))
        assert_clear(problems)
        if table is None:
            return
        for model in TABLE_MODELS:
            doc, found = table_document(table.csv, model.spec())
            assert_clear(found)
            if doc is not None:
                record, invalid = validate(doc, model)
                assert (record is None) == bool(invalid)
                assert_clear(invalid)


YAML_ALPHABET = st.sampled_from(
    [*"abc xyz:-?,[]{}#&*!|>'\"%@`\n\t ", "ก", "๑", "\u200b", "---", "...", "&a ", "*a", "!!", "<<"]
)


@FUZZ
@given(pieces=st.lists(YAML_ALPHABET, max_size=300))
def test_arbitrary_yaml_like_text_loads_or_gives_clear_problems(pieces: list[str]) -> None:
    with time_limit(SECONDS_PER_EXAMPLE):
        doc, problems = load_yaml_text("".join(pieces), "content/oit/o1.yaml")
        assert (doc is None) == bool(problems)
        assert_clear(problems)


# -- arbitrary structures through the validator -----------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(
        ["O1", "O43", "ita-2565", "files/o1/structure.pdf", "https://a.example/", "2565"]
    ),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["code", "title", "date", "text", "documents", "agency"]),
                st.text(max_size=10),
            ),
            inner,
            max_size=6,
        ),
    ),
    max_leaves=40,
)


@FUZZ
@given(value=STRUCTURES)
def test_arbitrary_yaml_structures_validate_or_give_clear_problems(value: Any) -> None:
    with time_limit(SECONDS_PER_EXAMPLE):
        text = yaml.safe_dump(value, allow_unicode=True)
        doc, problems = load_yaml_text(text, "content/oit/o1.yaml")
        assert_clear(problems)
        if doc is None:
            return
        for model in CONTENT_MODELS:
            record, found = validate(doc, model)
            assert (record is None) == bool(found)
            assert_clear(found)


# -- structure-aware mutations of real content files ----------------------------------


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _parent(value: Any, path: tuple) -> Any:
    for part in path[:-1]:
        value = value[part]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> tuple[Path, str]:
    """A real content file, parsed, with a few random structural mutations, dumped back."""
    source = draw(st.sampled_from(REAL_FILES))
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        parent, last = _parent(data, path), path[-1]
        action = draw(
            st.sampled_from(["delete", "replace", "duplicate", "unknown", "retype", "null", "nest"])
        )
        if action == "delete":
            del parent[last]
        elif action == "replace":
            parent[last] = draw(STRUCTURES)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = parent[last]
        elif action == "retype":
            current = parent[last]
            parent[last] = [current] if not isinstance(current, list) else str(current)
        elif action == "null":
            parent[last] = None
        elif action == "nest":
            parent[last] = {"value": parent[last]}
    return source, yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def text_mutated(draw: st.DrawFn) -> tuple[Path, str]:
    """A real content file with a few random edits to its text (as a typing editor might)."""
    source = draw(st.sampled_from(REAL_TEXT_FILES))
    text = source.read_text(encoding="utf-8")
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        cut = draw(st.integers(min_value=0, max_value=20))
        insert = draw(st.one_of(st.just(""), YAML_ALPHABET, st.text(max_size=5)))
        text = text[:at] + insert + text[at + cut :]
    return source, text


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture content; each example rewrites one file and puts it back."""
    content = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(FIXTURE, content)
    return content


def _run_pipeline(sandbox: Path, source: Path, text: str) -> None:
    if source.is_relative_to(FIXTURE):
        relative = source.relative_to(FIXTURE)
    else:
        relative = source.relative_to(ROOT / "content")
    target = sandbox / relative
    original = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        with time_limit(SECONDS_PER_EXAMPLE):
            site, problems = load_site(sandbox)
            assert_clear(problems)
            assert (site is None) == bool(errors_in(problems))
            if site is not None:  # valid content: it must also render and link-check
                assert_clear(render_and_check(site, sandbox, TEMPLATES).broken)
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)


@FUZZ
@given(case=mutated())
def test_structurally_mutated_content_builds_or_gives_clear_problems(
    sandbox: Path, case: tuple[Path, str]
) -> None:
    _run_pipeline(sandbox, *case)


@FUZZ
@given(case=text_mutated())
def test_textually_mutated_content_builds_or_gives_clear_problems(
    sandbox: Path, case: tuple[Path, str]
) -> None:
    _run_pipeline(sandbox, *case)


def test_a_validated_document_is_never_half_built() -> None:
    """A SourceDocument for an empty file is an empty mapping, not None (validators rely on it)."""
    doc, problems = load_yaml_text("", "content/oit/o1.yaml")
    assert problems == [] and isinstance(doc, SourceDocument) and doc.value == {}
