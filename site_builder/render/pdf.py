"""PDF copies of the printable pages (`build --pdf`), laid out by WeasyPrint.

Optional: only a build that asks for PDFs needs WeasyPrint and the system's Pango
(`pip install '.[pdf]'`; Debian: `apt-get install libpango-1.0-0 libpangoft2-1.0-0`).
Pango shapes Thai (tone marks, vowels above and below, line breaks between words) and
the document embeds the site's own Sarabun font, so the PDF looks the same everywhere.
The HTML and print.css are the ones the browser prints; stylesheets, fonts and images
are read from the build itself, never fetched from a network.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

from site_builder.model import Site
from site_builder.render.environment import make_chrome
from site_builder.render.pages import Page

# Documents are laid out as if served from here; nothing is ever requested from it.
_LAYOUT_ORIGIN = "https://site.invalid"


class PdfUnavailable(Exception):
    """WeasyPrint or the system libraries it needs are not installed."""


def _weasyprint() -> ModuleType:
    try:
        import weasyprint  # optional dependency: imported only when PDFs are asked for
    except (ImportError, OSError) as exc:  # OSError: Pango missing
        raise PdfUnavailable(str(exc)) from exc
    return weasyprint


def print_pdfs(
    site: Site,
    rendered: Sequence[tuple[Page, bytes]],
    outputs: Sequence[tuple[str, bytes]],
    copies: Sequence[tuple[Path, str]],
) -> list[tuple[str, bytes]]:
    """(site path, PDF) of each measures document, from the build's pages and files."""
    weasyprint = _weasyprint()
    files: dict[str, bytes | Path] = dict(outputs)
    files.update((path, source) for source, path in copies)
    base_path = make_chrome(site).base_path
    pdf_of = {m.print_path: m.pdf_path for m in site.measure_sets}

    class BuildFetcher(weasyprint.urls.URLFetcher):
        """Serves stylesheets, fonts and images from the build; refuses anything else."""

        def fetch(self, url: str, headers: object = None) -> object:
            path = unquote(urlsplit(url).path)
            found = files.get(path.removeprefix(base_path)) if path.startswith(base_path) else None
            if found is None:
                raise weasyprint.urls.URLFetchingError(f"not part of the site: {url}")
            data = found.read_bytes() if isinstance(found, Path) else found
            media_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(url, data, {"Content-Type": media_type})

    documents = []
    for page, html in rendered:
        if page.path in pdf_of:
            document = weasyprint.HTML(
                string=html.decode("utf-8"),
                base_url=_LAYOUT_ORIGIN + base_path + page.path,
                url_fetcher=BuildFetcher(),
            )
            documents.append((pdf_of[page.path], document.write_pdf()))
    return documents
