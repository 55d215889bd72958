"""The benchmark corpus is valid content, complete, and the same for the same seed."""

from __future__ import annotations

from pathlib import Path

from bench.corpus import generate
from site_builder.pipeline import load_site


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_same_seed_gives_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    generate(tmp_path / "a", posts=12, seed=1)
    generate(tmp_path / "b", posts=12, seed=1)
    generate(tmp_path / "c", posts=12, seed=2)

    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_corpus_loads_without_a_problem_and_publishes_every_item(tmp_path: Path) -> None:
    generate(tmp_path / "content", posts=30, seed=2565)

    site, problems = load_site(tmp_path / "content")

    assert problems == []
    assert site is not None
    assert len(site.news) == 30
    assert [item.code for item in site.checklist.items] == [f"O{n}" for n in range(1, 44)]
    assert all(item.published and item.documents for item in site.checklist.items)
    assert site.assessments and site.measure_sets[0].progress_reports


def test_posts_are_long_thai_texts_and_attachments_are_valid_pdfs(tmp_path: Path) -> None:
    generate(tmp_path / "content", posts=30, seed=2565)
    site, _ = load_site(tmp_path / "content")
    assert site is not None

    for post in site.news:
        thai = sum("\u0e00" <= char <= "\u0e7f" for char in post.body.source)
        assert 1500 < thai < 8000, post.slug  # 400–800 words of 4–6 Thai letters
    pdfs = sorted((tmp_path / "content" / "files").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
        offset = int(data.rsplit(b"startxref", 1)[1].split()[0])
        assert data[offset:].startswith(b"xref")
