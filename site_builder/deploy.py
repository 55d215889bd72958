"""Deploy: copy a built site to the folder a web server serves, swapping it in at once.

For agencies with their own web server. The copy is written next to the target and
renamed over it (site_builder.write), so visitors see the old site or the new one,
never a mixture, and a failed copy leaves the old site serving.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.write import write_site

# A folder is taken for a site this tool built when it has these (deploying over
# anything else would delete it: the target is replaced as a whole).
SITE_MARKERS = ("index.html", "sitemap.xml")


class DeployRefused(Exception):
    """Why the deploy did not start; `key` and `fields` name a catalogue message."""

    def __init__(self, key: str, fields: dict[str, object]):
        super().__init__(key)
        self.key = key
        self.fields = fields


def _is_site(folder: Path) -> bool:
    return all((folder / marker).is_file() for marker in SITE_MARKERS)


def deploy(source: Path, target: Path) -> int:
    """Replace `target` by a copy of the built site in `source`; returns the files copied."""
    source, target = source.resolve(), target.resolve()
    if not source.is_dir() or not _is_site(source):
        raise DeployRefused("deploy_not_built", {"source": source})
    if target == source or target.is_relative_to(source) or source.is_relative_to(target):
        raise DeployRefused("deploy_overlap", {"source": source, "target": target})
    if target.exists() and not (
        target.is_dir() and (_is_site(target) or not any(target.iterdir()))
    ):
        raise DeployRefused("deploy_target_not_site", {"target": target})
    copies = [
        (path, path.relative_to(source).as_posix())
        for path in sorted(source.rglob("*"))
        if path.is_file()
    ]
    return write_site(target, (), copies)
