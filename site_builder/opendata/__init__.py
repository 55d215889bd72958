"""Open data: every table the site shows, also as CSV and JSON, with a DCAT catalogue.

registry.py lists the dataset sources (one function per dataset, Site → datasets:
ita.py, checklist.py, and for the agency's tables budget.py, procurement.py,
statistics.py, with shown.py finding the pages that show them); formats.py writes a
dataset as CSV (UTF-8 with BOM) and JSON; contracting.py turns the procurement tables
into procurement records, which ocds.py turns into an Open Contracting (OCDS 1.1)
release package; catalog.py describes them all in data/catalog.json; publish.py
gathers the files for data/.
"""
