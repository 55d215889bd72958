"""What a browser could execute in a page: parsed the way a browser parses it (html5lib).

`execution_paths(html)` lists, as comparable signatures, everything in a page that can run
a script or pull active content: <script> and other embedding or document-changing
elements, SVG and MathML elements, event-handler and srcdoc attributes, style attributes,
and URL attributes with a javascript:, vbscript:, data: or livescript: scheme (after the
normalisation browsers apply: entities decoded, tabs and newlines removed, case folded).
A site's own templates may legitimately produce some of these (an SVG chart, a script);
the tests compare a hostile build with a clean build of the same site, page by page.
A JSON data block (<script type="application/ld+json">, metadata for search engines) is
never run by a browser: only that it still holds valid JSON counts, not what the JSON says.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from xml.etree import ElementTree

import html5lib

# Elements that run script, embed other documents, change the page's base, submit or
# restyle it, or carry foreign (SVG/MathML) content.
ACTIVE_ELEMENTS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "portal",
        "style", "link", "base", "form", "template", "noscript", "isindex", "svg", "math",
    }
)  # fmt: skip
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "data", "poster", "background", "cite",
        "srcset", "ping", "lowsrc", "dynsrc", "codebase", "manifest", "icon", "longdesc",
        "usemap", "profile", "archive", "classid", "values", "to", "from", "by", "xmlns",
    }
)  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
_FOREIGN = ("{http://www.w3.org/2000/svg}", "{http://www.w3.org/1998/Math/MathML}")
_URL_INSIDE_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def dangerous_url(value: str) -> bool:
    """True if a browser would resolve `value` (an attribute value) to a script-capable scheme."""
    for candidate in value.split(","):  # srcset / values lists
        url = (
            _URL_INSIDE_NOISE.sub("", candidate)
            .strip(
                "\x00 \x0c\x0b\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f"
            )
            .lower()
        )
        if url.startswith(DANGEROUS_SCHEMES):
            return True
    return False


def _script_text(element: ElementTree.Element) -> str:
    """A script's text, or for a JSON data block only whether it is intact JSON."""
    text = "".join(element.itertext())
    if (element.get("type") or "").strip().lower() != "application/ld+json":
        return text
    try:
        json.loads(text)
    except ValueError:
        return f"broken JSON data block: {text}"
    return "JSON data block"


def _signatures(root: ElementTree.Element) -> Counter[tuple]:
    found: Counter[tuple] = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            continue
        tag = element.tag
        name = _local(tag)
        attributes = tuple(sorted((_local(k), v) for k, v in element.attrib.items()))
        if tag.startswith(_FOREIGN) or name in ACTIVE_ELEMENTS:
            text = (
                _script_text(element)
                if name == "script"
                else "".join(element.itertext())
                if name == "style"
                else ""
            )
            if name == "link":  # its title may name the agency; rel and href are what matter
                attributes = tuple(a for a in attributes if a[0] in ("rel", "href"))
            found[("element", name, attributes, text)] += 1
        if name == "meta" and any(k == "http-equiv" for k, _ in attributes):
            found[("element", "meta", attributes, "")] += 1
        for key, value in attributes:
            if key.startswith("on") or key in ("srcdoc", "style"):
                found[("attribute", name, key, value)] += 1
            elif (key in URL_ATTRIBUTES or key.endswith("href")) and dangerous_url(value):
                found[("url", name, key, value)] += 1
    return found


def parse_html(html: str | bytes) -> ElementTree.Element:
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


def execution_paths(html: str | bytes) -> Counter[tuple]:
    """Signatures of everything executable or active in a whole HTML document."""
    return _signatures(parse_html(html))


def fragment_execution_paths(html: str) -> Counter[tuple]:
    """The same for an HTML fragment (e.g. the HTML content of a feed entry)."""
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return _signatures(fragment)


def new_execution_paths(hostile: str | bytes, clean: str | bytes) -> list[tuple]:
    """What the hostile page can execute that the clean page of the same site cannot."""
    return sorted((execution_paths(hostile) - execution_paths(clean)).elements(), key=repr)
