"""Static site generator for Thai local-government transparency sites (ITA / OIT O1–O43).

The pipeline, one package per stage:
load (files → values with positions) → schema (validation) → model (domain objects)
→ render (page plan → HTML) → write (atomic swap of the finished site).
"""

__version__ = "0.1.0"
