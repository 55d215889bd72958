"""The checker used by test_xss.py must itself find every execution path it claims to."""

from __future__ import annotations

import pytest

from tests.security.html_safety import execution_paths, new_execution_paths

PAGE = "<!DOCTYPE html><html><head><title>t</title></head><body>{}</body></html>"


@pytest.mark.parametrize(
    "unsafe",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg><a xlink:href='javascript:alert(1)'>x</a></svg>",
        "<math><mtext>x</mtext></math>",
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href=" JAVASCRIPT:alert(1)">x</a>',
        '<a href="vbscript:x">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<img srcset="https://ok.example/a.png 1x, javascript:alert(1) 2x">',
        '<iframe src="https://example.com"></iframe>',
        "<object></object>",
        "<embed>",
        "<style>*{}</style>",
        '<p style="color:red">x</p>',
        '<form action="https://evil.example"><button>x</button></form>',
        '<button formaction="javascript:alert(1)">x</button>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<base href="https://evil.example/">',
        '<iframe srcdoc="x"></iframe>',
        "</title><script>alert(1)</script>",
    ],
)
def test_the_checker_finds_each_kind_of_execution_path(unsafe: str) -> None:
    assert execution_paths(PAGE.format(unsafe)), unsafe


@pytest.mark.parametrize(
    "safe",
    [
        "<p>ข้อความ <strong>ตัวหนา</strong></p>",
        '<a href="https://example.com/javascript:alert(1)">x</a>',
        '<a href="/oit/o1/#data:x">x</a>',
        '<a href="mailto:a@example.com">x</a>',
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<code>&lt;img onerror=alert(1)&gt;</code>",
        '<img src="/files/a.png" alt="onerror=alert(1)">',
    ],
)
def test_the_checker_accepts_inert_markup(safe: str) -> None:
    assert not execution_paths(PAGE.format(safe)), safe


LD_JSON = '<script type="application/ld+json">{}</script>'


def test_a_json_data_block_counts_by_its_validity_not_its_text() -> None:
    clean = PAGE.format(LD_JSON.format('{"name": "อบต."}'))
    escaped = PAGE.format(LD_JSON.format('{"name": "\\u003c/script\\u003e<img onerror=x>"}'))
    assert new_execution_paths(escaped, clean) == []
    broken_out = PAGE.format(LD_JSON.format('{"name": "</script><script>alert(1)</script>"}'))
    found = {
        (kind, name, text[:22]) for kind, name, _, text in new_execution_paths(broken_out, clean)
    }
    assert found == {
        ("element", "script", "broken JSON data block"),
        ("element", "script", "alert(1)"),
    }


def test_only_what_the_clean_page_lacks_is_reported() -> None:
    own = '<svg class="chart"><title>t</title></svg><script src="/static/search.js"></script>'
    clean = PAGE.format(own)
    assert new_execution_paths(clean, clean) == []
    hostile = PAGE.format(own + "<script>alert(1)</script>")
    [(kind, name, _attributes, text)] = new_execution_paths(hostile, clean)
    assert (kind, name, text) == ("element", "script", "alert(1)")
