"""schema.org structured data (JSON-LD) describing the agency, from content/site.yaml only.

Only fields the agency has filled in are emitted: search engines show what is there,
and nothing is guessed.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from site_builder.schema.content import Agency


def government_organization(
    agency: Agency, site_url: str | None, logo_url: str | None
) -> dict[str, Any]:
    """A schema.org GovernmentOrganization for the agency."""
    place = {
        "@type": "PostalAddress",
        "streetAddress": agency.address,
        "addressLocality": agency.district and f"อำเภอ{agency.district}",
        "addressRegion": agency.province and f"จังหวัด{agency.province}",
        "addressCountry": "TH",
    }
    organization = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": agency.name_th,
        "alternateName": [name for name in (agency.short_name_th, agency.name_en) if name],
        "url": site_url,
        "logo": logo_url,
        "address": {key: value for key, value in place.items() if value},
        "telephone": list(agency.phones),
        "email": agency.email,
        "sameAs": [link.url for link in agency.social],
    }
    return {key: value for key, value in organization.items() if value}


def json_ld(data: dict[str, Any]) -> Markup:
    """`data` as the body of a <script type="application/ld+json"> element.

    `<`, `>` and `&` are escaped as JSON \\u sequences, so no text from content can close
    the script element early.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
