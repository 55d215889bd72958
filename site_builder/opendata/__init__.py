"""Open data: every table the site shows, also as CSV and JSON, with a DCAT catalogue.

registry.py lists the dataset sources (one function per dataset, Site → datasets);
formats.py writes a dataset as CSV (UTF-8 with BOM) and JSON; catalog.py describes
them all in data/catalog.json; ocds.py turns procurement records into an Open
Contracting (OCDS 1.1) release package; publish.py gathers the files for data/.
"""
