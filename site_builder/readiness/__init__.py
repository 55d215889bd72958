"""Stage 4 — readiness: judge every O item at a reference date, before the assessor does.

Rules are data in the checklist framework (site_builder/checklist/frameworks/*.yaml, each
with its sources and whether the reference verifies it); an item is read only through its
evidence (`OitItem.evidence`). See docs/readiness.md.
"""

from site_builder.readiness.evaluate import default_as_of, evaluate, judge_item
from site_builder.readiness.results import ItemReadiness, Readiness, Reason, Status

__all__ = [
    "ItemReadiness",
    "Readiness",
    "Reason",
    "Status",
    "default_as_of",
    "evaluate",
    "judge_item",
]
