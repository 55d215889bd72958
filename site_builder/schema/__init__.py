"""Stage 2 — schema: the content models, written once.

The same classes validate content (with file:line:column errors), generate the JSON
Schemas editors use (`schemas/`), and document the fields (their descriptions).
"""
