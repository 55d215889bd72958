"""The optional web editor at /admin/ (Decap CMS) for staff who do not use git.

decap.py turns the content models (site_builder.schema.content) into the editor's
config.yml, so the editor offers exactly the fields `check` accepts and commits YAML
files the build reads.
"""
