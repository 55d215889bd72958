"""Stage 4 — render: the page plan (what pages exist, from which inputs) → HTML."""
