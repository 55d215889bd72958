"""Stage 1 — load: content files → plain values that remember file, line and column."""
