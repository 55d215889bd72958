"""Reading PDFs in tests with poppler-utils (pdfinfo, pdffonts, pdftotext)."""

from __future__ import annotations

import re
import subprocess


def poppler(tool: str, *args: str) -> str:
    """Run a poppler tool and return what it prints; fails the test if the tool fails."""
    result = subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"{tool} failed: {result.stderr}"
    return result.stdout


def page_size(pdf: str) -> str:
    """pdfinfo's page size line, e.g. '595.276 x 841.89 pts (A4)' (it names A4 within 1 pt)."""
    match = re.search(r"^Page size:\s+(.+)$", poppler("pdfinfo", pdf), re.MULTILINE)
    assert match, f"pdfinfo gave no page size for {pdf}"
    return match[1]
