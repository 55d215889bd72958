"""`python build.py multi`: many agencies from one repository, in parallel, failures isolated."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.sites import ROOT, TEMPLATES, copy_agency, edit_yaml

AGENCY_TYPES = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง")


def agency_name(number: int) -> str:
    return f"{AGENCY_TYPES[number % 3]}ตัวอย่าง {number:02d}"


def make_agencies(sites: Path, count: int) -> list[str]:
    """`count` fictional agencies generated from the fixture agency, each with its own name."""
    folders = []
    for number in range(1, count + 1):
        folder = f"agency-{number:02d}"
        content = copy_agency(sites / folder)

        def rename(data: dict, number: int = number, folder: str = folder) -> None:
            data["agency"]["name_th"] = agency_name(number)
            data["agency"]["type"] = AGENCY_TYPES[number % 3]
            data["agency"]["short_name_th"] = None
            data["agency"]["name_en"] = None
            data["site"]["base_url"] = f"https://province.example.go.th/{folder}/"

        edit_yaml(content / "site.yaml", rename)
        folders.append(folder)
    return folders


def multi(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "build.py", "multi", "--lang", "en", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_twenty_two_agencies_each_get_their_own_complete_site(tmp_path: Path):
    folders = make_agencies(tmp_path / "sites", 22)
    output = tmp_path / "public"

    result = multi("--sites", str(tmp_path / "sites"), "--output", str(output), "--jobs", "2")

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in output.iterdir()) == folders
    for number, folder in enumerate(folders, start=1):
        home = (output / folder / "index.html").read_text(encoding="utf-8")
        described = json.loads((output / folder / "data" / "catalog.json").read_text())
        assert agency_name(number) in home
        assert described["dct:publisher"]["foaf:name"] == agency_name(number)
        assert described["@id"] == f"https://province.example.go.th/{folder}/data/catalog.json"
    assert "22 of 22 sites built" in result.stdout


def test_one_agencys_errors_are_reported_with_it_and_the_others_are_built(tmp_path: Path):
    sites, output = tmp_path / "sites", tmp_path / "public"
    folders = make_agencies(sites, 20)
    broken_yaml, broken_date = "agency-07", "agency-15"
    (sites / broken_yaml / "site.yaml").write_text("agency: [\n", encoding="utf-8")
    measures = sites / broken_date / "measures" / "2566.yaml"
    measures.write_text(
        measures.read_text(encoding="utf-8").replace("date: 2022-12-01", "date: 2565-12-01"),
        encoding="utf-8",
    )
    (output / broken_yaml).mkdir(parents=True)
    (output / broken_yaml / "index.html").write_text("the site published last week")

    result = multi("--sites", str(sites), "--output", str(output), "--jobs", "2")

    assert result.returncode == 1
    built = {p.name for p in output.iterdir() if (p / "sitemap.xml").is_file()}
    assert built == set(folders) - {broken_yaml, broken_date}
    assert (output / broken_yaml / "index.html").read_text() == "the site published last week"
    assert not (output / broken_date).exists()
    errors = result.stderr.splitlines()
    assert any(
        line.startswith(f"[{broken_yaml}] ") and f"{broken_yaml}/site.yaml:2:" in line
        for line in errors
    ), result.stderr
    assert any(
        line.startswith(f"[{broken_date}] ") and "measures/2566.yaml" in line and "Buddhist" in line
        for line in errors
    ), result.stderr
    assert f"failed: {broken_yaml}, {broken_date}" in result.stdout
    assert "18 of 20 sites built" in result.stdout
    assert "Traceback" not in result.stderr


def test_every_agency_is_drawn_with_the_shared_templates(tmp_path: Path):
    make_agencies(tmp_path / "sites", 3)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = templates / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace(
            "<body>", '<body>\n<p class="province-banner">ระบบเว็บไซต์ของจังหวัดตัวอย่าง</p>'
        ),
        encoding="utf-8",
    )

    result = multi(
        "--sites", str(tmp_path / "sites"), "--output", str(tmp_path / "out"),
        "--templates", str(templates),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    homes = sorted((tmp_path / "out").glob("*/index.html"))
    assert len(homes) == 3
    assert all("province-banner" in home.read_text(encoding="utf-8") for home in homes)


def test_a_sites_folder_without_agencies_is_an_error(tmp_path: Path):
    (tmp_path / "sites").mkdir()

    result = multi("--sites", str(tmp_path / "sites"), "--output", str(tmp_path / "out"))

    assert result.returncode == 1
    assert "no agency folders" in result.stderr
