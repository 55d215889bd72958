"""URL, e-mail and text fields accept only what is safe to publish, and say why not."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest

from site_builder.load.yaml_source import SourceDocument
from site_builder.pipeline import build, load_site
from site_builder.problems import ContentErrors
from site_builder.schema.content import Agency, DisclosureFile, SiteSettings
from site_builder.schema.validate import validate
from tests.security.content_models import ADDRESS_FIELDS, NOT_FREE_TEXT, all_string_fields
from tests.security.fixture_site import TEMPLATES, read_fixture, write_content

UNSAFE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "javascript://example.com/%0Aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/a.pdf",
    "mailto:saraban@example.com",
    "//evil.example/",
    "/oit/o1/",
    "https:/\\evil.example/",
    "https:\\\\evil.example/",
    "https://\\evil.example/",
    "https://good.example\\@evil.example/",
    "https://good.example@evil.example/",
    "https://user:password@example.com/",
    "https://exa mple.com/",
    "https://example.com/a b",
    "https://example.com/\x00",
    "https://example.com/\x1b[31m",
    "https://example.com/\x7f",
    "https://example.com/\u0085a",
    "https://example.com/\u00a0a",
    "https://example.com/\u200b",
    "https://example.com/\u202egpj.exe",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>",
    "https://example.com:99999/",
    "https://example.com:port/",
    "http://",
    "https://",
    "https:///path",
    "HTTPS://EXAMPLE.COM/",
]
SAFE_URLS = [
    "https://www.example.go.th/",
    "http://example.com/path/to/file.pdf?download=1&lang=th#page=2",
    "https://example.com:8443/a",
    "https://ตัวอย่าง.ไทย/ข่าว/ประชุม",
    "https://example.com/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7",
    "https://[2001:db8::1]/",
]


def _link_problems(url: str) -> list:
    doc = SourceDocument(
        "content/oit/o1.yaml",
        {"code": "O1", "links": [{"title": "t", "url": url}]},
        {("links", 0, "url"): (4, 10)},
    )
    _record, problems = validate(doc, DisclosureFile)
    return problems


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_an_unsafe_or_odd_address_is_refused_at_its_line(url: str) -> None:
    [problem] = _link_problems(url)
    assert problem.key == "bad_url"
    assert str(problem.location) == "content/oit/o1.yaml:4:10"
    assert problem.format("en").startswith("content/oit/o1.yaml:4:10: links[0].url: address ")


@pytest.mark.parametrize("url", SAFE_URLS)
def test_ordinary_http_addresses_are_accepted(url: str) -> None:
    assert _link_problems(url) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://a.example@evil.example/"])
def test_every_url_field_uses_the_same_check(url: str) -> None:
    social = Agency.model_fields["social"].annotation.__args__[0]
    for model, value in (
        (SiteSettings, {"base_url": url, "fiscal_year": 2565, "checklist": "ita-2565"}),
        (social, {"name": "Facebook", "url": url}),
        (DisclosureFile, {"code": "O1", "documents": [{"title": "t", "url": url}]}),
    ):
        _record, problems = validate(SourceDocument("x.yaml", value), model)
        assert [p.key for p in problems] == ["bad_url"], model


def _refused(checks: tuple, value: str) -> bool:
    """True if one of a field's validators refuses `value`."""
    try:
        for check in checks:
            check(value)
    except ValueError:
        return True
    return False


def test_every_address_field_of_the_content_schema_accepts_only_web_addresses() -> None:
    """Found from the schema, so that a new address field cannot skip the check."""
    fields = {path: checks for path, name, checks in all_string_fields() if name in ADDRESS_FIELDS}
    assert "SiteFile.site.admin.backend.api_root" in fields  # the walk reaches nested settings
    accepted = [
        (path, url)
        for path, checks in fields.items()
        for url in ("javascript:alert(1)", "https://a.example@evil.example/", "/oit/o1/")
        if not _refused(checks, url)
    ]
    assert accepted == []


def test_every_field_named_like_an_address_is_one() -> None:
    names = {name for _, name, _ in all_string_fields()}
    assert {n for n in names if n == "url" or n.endswith(("_url", "_root"))} <= ADDRESS_FIELDS


@pytest.mark.parametrize(
    "email",
    [
        "saraban@example.com?subject=x",
        "<saraban@example.com>",
        '"saraban"@example.com',
        "saraban@example.com\x00",
        "sara ban@example.com",
        "saraban@exa\u200bmple.com",
        "javascript:alert(1)@example.com",
        "saraban@example",
    ],
)
def test_an_email_address_with_characters_that_break_links_is_refused(email: str) -> None:
    value = {"name_th": "x", "type": "เทศบาลตำบล", "email": email}
    _record, problems = validate(SourceDocument("site.yaml", value), Agency)
    assert [p.key for p in problems] == ["bad_email"]


def test_an_ordinary_email_address_is_accepted() -> None:
    value = {"name_th": "x", "type": "เทศบาลตำบล", "email": "saraban.nongnamsai@example.go.th"}
    assert validate(SourceDocument("site.yaml", value), Agency)[1] == []


@pytest.mark.parametrize(
    "character", ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufffe"]
)
def test_invisible_control_characters_are_refused_in_text_fields(character: str) -> None:
    """They make the Atom feed ill-formed XML (feed readers then reject it whole); a
    vertical tab is what Word puts in text copied from a line break."""
    for value in (
        {"code": "O1", "text": f"ข้อความ{character}ต่อ"},
        {"code": "O1", "links": [{"title": f"ลิงก์{character}ต่อ", "url": "https://a.example/"}]},
        {"code": "O1", "documents": [{"title": f"x{character}y", "url": "https://a.example/"}]},
    ):
        _record, problems = validate(SourceDocument("content/oit/o1.yaml", value), DisclosureFile)
        assert [p.key for p in problems] == ["control_character"], value
        assert f"U+{ord(character):04X}" in problems[0].format("en")


def test_every_free_text_field_of_the_content_schema_refuses_control_characters() -> None:
    """Found from the schema (site settings, organisation, table cells, …), so that a new
    text field cannot skip the check."""
    accepted = [
        path
        for path, name, checks in all_string_fields()
        if name not in NOT_FREE_TEXT and not _refused(checks, "ข้อความ\x0bต่อ")
    ]
    assert accepted == []


def test_tabs_and_line_breaks_are_ordinary_text() -> None:
    value = {"code": "O1", "text": "ย่อหน้า\tหนึ่ง\r\nย่อหน้าสอง\n"}
    assert validate(SourceDocument("content/oit/o1.yaml", value), DisclosureFile)[1] == []


def test_a_control_character_in_a_news_body_is_refused_at_its_line_and_column(
    tmp_path: Path,
) -> None:
    files = read_fixture()
    front, _body = files.news["news/2565-01-24-prachakhom.md"]
    files.news["news/2565-01-24-prachakhom.md"] = (front, "บรรทัดแรก\nบรรทัด\x0bสอง\n")
    content = write_content(files, tmp_path / "content")
    site, problems = load_site(content)
    assert site is None
    [problem] = problems
    assert problem.key == "control_character"
    assert problem.location.file.endswith("news/2565-01-24-prachakhom.md")
    front_lines = 2 + len(
        (content / "news/2565-01-24-prachakhom.md").read_text().split("---\n")[1].splitlines()
    )
    assert (problem.location.line, problem.location.column) == (front_lines + 2, 7)


def test_the_feed_stays_well_formed_xml(tmp_path: Path) -> None:
    content = write_content(read_fixture(), tmp_path / "content")
    build(content, TEMPLATES, tmp_path / "output")
    feed = ElementTree.parse(tmp_path / "output" / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == 2


def test_a_build_with_an_unsafe_url_writes_nothing(tmp_path: Path) -> None:
    files = read_fixture()
    files.yaml_files["oit/o1.yaml"]["links"][0]["url"] = "javascript:alert(1)"
    content = write_content(files, tmp_path / "content")
    with pytest.raises(ContentErrors) as failure:
        build(content, TEMPLATES, tmp_path / "output")
    assert [p.key for p in failure.value.problems] == ["bad_url"]
    assert not (tmp_path / "output").exists()
