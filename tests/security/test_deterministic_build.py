"""Same content → byte-identical site, whatever the file-system order, locale, time zone,
hash seed or clock; SOURCE_DATE_EPOCH is the only date not taken from content, and with
it set the readiness date (else today) is fixed too."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.build_date import BadSourceDateEpoch
from site_builder.pipeline import build
from site_builder.readiness import default_as_of
from tests.security.fixture_site import (
    ROOT,
    TEMPLATES,
    read_fixture,
    read_tree,
    write_content,
)


def _locales() -> list[str]:
    available = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    normal = {name.lower().replace("-", ""): name for name in available}
    wanted = ["C", "c.utf8", "th_th.utf8"]
    return [normal[name.lower()] for name in wanted if name.lower() in normal]


class _ReversedScandir:
    """os.scandir listing entries in reverse order (pathlib's glob and rglob use it, and
    os.walk, which Jinja uses to list the templates)."""

    def __init__(self, path: object = "."):
        with _REAL_SCANDIR(path) as entries:
            self.entries = iter(list(entries)[::-1])

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def __iter__(self):
        return self

    def __next__(self):
        return next(self.entries)

    def close(self) -> None:
        return None


_REAL_SCANDIR = os.scandir
_REAL_LISTDIR = os.listdir


def _build(content: Path, output: Path, **env: str) -> dict[str, bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    environment.update(env)
    result = subprocess.run(
        [
            *(sys.executable, str(ROOT / "build.py"), "build", "--content", str(content)),
            *("--output", str(output), "--templates", str(TEMPLATES), "--quiet"),
        ],
        capture_output=True,
        text=True,
        env=environment,
        cwd=output.parent,
    )
    assert result.returncode == 0, result.stderr
    return read_tree(output)


ENVIRONMENTS = [
    {"LC_ALL": locale, "TZ": zone, "PYTHONHASHSEED": seed}
    for locale, zone, seed in zip(
        _locales() * 3,
        ["UTC", "Asia/Bangkok", "America/New_York"],
        ["0", "1", "random"],
        strict=False,
    )
]


def test_builds_are_byte_identical_across_locale_time_zone_and_hash_seed(tmp_path: Path) -> None:
    content = write_content(read_fixture(), tmp_path / "content")
    sites = [
        (env, _build(content, tmp_path / f"output-{number}", **env))
        for number, env in enumerate(ENVIRONMENTS)
    ]
    reference_env, reference = sites[0]
    assert len(reference) > 50
    for env, site in sites[1:]:
        differing = sorted(
            p for p in reference.keys() | site.keys() if reference.get(p) != site.get(p)
        )
        assert differing == [], f"{env} differs from {reference_env}"


def test_the_order_in_which_the_file_system_lists_files_does_not_change_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = write_content(read_fixture(), tmp_path / "content")
    build(content, TEMPLATES, tmp_path / "listed")
    listed = read_tree(tmp_path / "listed")
    listed_order = [p.name for p in (content / "news").glob("*.md")]

    monkeypatch.setattr(os, "listdir", lambda path=".": _REAL_LISTDIR(path)[::-1])
    monkeypatch.setattr(os, "scandir", _ReversedScandir)
    # The reversal really reaches pathlib's glob:
    assert [p.name for p in (content / "news").glob("*.md")] == listed_order[::-1]
    build(content, TEMPLATES, tmp_path / "reversed")
    assert read_tree(tmp_path / "reversed") == listed


def test_source_date_epoch_is_the_feed_date_of_a_site_without_dated_content(tmp_path: Path) -> None:
    files = read_fixture()
    files.news.clear()
    files.csv_files.clear()
    dated = ("oit/", "measures/", "ita/", "statistics/", "budget/", "procurement/")
    for relative in [r for r in files.yaml_files if r.startswith(dated)]:
        del files.yaml_files[relative]
    content = write_content(files, tmp_path / "content")
    site = _build(
        content, tmp_path / "output", SOURCE_DATE_EPOCH="1650000000", TZ="Pacific/Kiritimati"
    )
    assert b"<updated>2022-04-15T00:00:00+07:00</updated>" in site["feed.xml"]
    unset = _build(content, tmp_path / "output-unset")
    assert b"<updated>1970-01-01T00:00:00+07:00</updated>" in unset["feed.xml"]


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-1e3", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_a_clear_usage_error(tmp_path: Path, value: str) -> None:
    content = write_content(read_fixture(), tmp_path / "content")
    env = {**os.environ, "SOURCE_DATE_EPOCH": value}
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            "--content",
            str(content),
            "--lang",
            "en",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"SOURCE_DATE_EPOCH={value} is not a whole number of seconds since 1970-01-01 — fix or unset it"
    )
    assert not (tmp_path / "output").exists()


def test_only_the_readiness_default_date_reads_the_clock() -> None:
    """Dates come from content or SOURCE_DATE_EPOCH; timing is only for the CLI summary.
    The one exception in a build, build_date.today, is where readiness is judged without
    --as-of."""
    clock = ("date.today", "datetime.now", "datetime.utcnow", "time.time(", "localtime", "gmtime")
    offenders = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in sorted((ROOT / "site_builder").rglob("*.py"))
        for word in clock
        if word in path.read_text(encoding="utf-8")
    ]
    # `new` dates the skeleton of a content file it writes for an editor: not build output.
    assert offenders == [
        "site_builder/build_date.py: datetime.now",
        "site_builder/cli.py: date.today",
    ]


def test_source_date_epoch_fixes_the_readiness_date_in_thai_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1649955600")  # 2022-04-14 17:00 UTC
    assert default_as_of() == dt.date(2022, 4, 15)  # already the 15th in Thailand
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BadSourceDateEpoch):
        default_as_of()
