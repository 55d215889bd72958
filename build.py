#!/usr/bin/env python3
"""Build the transparency site: `python build.py` (build), `python build.py check`, …"""

from site_builder.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
