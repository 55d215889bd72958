"""News posts written by tests into a copy of a fixture agency, for sites with several
news pages (a fixture folder of a hundred posts would say less than this loop)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

# What a municipality announces, round the year (fictional posts for fictional agencies).
_SUBJECTS = (
    "ประชุมประชาคมหมู่บ้าน",
    "รณรงค์ป้องกันโรคไข้เลือดออก",
    "ซ่อมแซมถนนลูกรังสายหลัก",
    "รับชำระภาษีที่ดินและสิ่งปลูกสร้าง",
    "ตรวจสุขภาพผู้สูงอายุ",
    "อบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือน",
    "ขุดลอกคูคลองระบายน้ำ",
    "ฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า",
)


def write_news_posts(content: Path, count: int, newest: dt.date) -> list[str]:
    """Write `count` posts into content/news/, one every three days back from `newest`;
    returns their file names (without .md), newest first."""
    slugs = []
    for index in range(count):
        date = newest - dt.timedelta(days=3 * index)
        subject = _SUBJECTS[index % len(_SUBJECTS)]
        village = index % 12 + 1
        slug = f"{date.isoformat()}-news-{index:03d}"
        (content / "news" / f"{slug}.md").write_text(
            f"---\ntitle: {subject} หมู่ที่ {village}\ndate: {date.isoformat()}\n"
            f"summary: {subject} ณ หมู่ที่ {village} ขอเชิญประชาชนร่วมกิจกรรม\n---\n"
            f"{subject} ณ หมู่ที่ {village} ตั้งแต่เวลา 09.00 น. สอบถามได้ที่สำนักปลัด\n",
            encoding="utf-8",
        )
        slugs.append(slug)
    return slugs


def set_site_option(content: Path, line: str) -> None:
    """Add `line` (e.g. "news_per_page: 20") under `site:` in content/site.yaml."""
    site_yaml = content / "site.yaml"
    text, found = re.subn(r"(?m)^site:\n", f"site:\n  {line}\n", site_yaml.read_text("utf-8"))
    assert found == 1, "site.yaml has no site: section"
    site_yaml.write_text(text, encoding="utf-8")
