"""The licence the datasets are offered under: the agency's choice, or a stated default."""

from __future__ import annotations

from dataclasses import dataclass

from site_builder.schema.content import SiteSettings
from site_builder.schema.publishing import Licence

# An open licence that asks only for attribution. It is the tool's default, not the
# agency's decision: pages and data/catalog.json say so until site.yaml names a licence.
DEFAULT_LICENCE = Licence(
    name="Creative Commons Attribution 4.0 International (CC BY 4.0)",
    url="https://creativecommons.org/licenses/by/4.0/",
)


@dataclass(frozen=True, slots=True)
class DataLicence:
    licence: Licence
    confirmed: bool  # False: the default, which the agency has not chosen yet


def data_licence(settings: SiteSettings) -> DataLicence:
    chosen = settings.open_data.licence
    if chosen is None:
        return DataLicence(DEFAULT_LICENCE, confirmed=False)
    return DataLicence(chosen, confirmed=True)
