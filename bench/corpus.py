"""Synthetic benchmark corpus: a complete content folder of a fictional agency.

    python bench/corpus.py --posts 10000 --out bench/corpus/10000

writes site.yaml (องค์การบริหารส่วนตำบลห้วยทรายงาม — an agency that does not exist), an ITA
result with its analysis, the integrity measures and their progress reports, a disclosure
file with documents (small, valid PDF files) for every item O1–O43 of the checklist, and
N news posts of 400–800 Thai words each with YAML front matter.

The output depends only on --posts and --seed: the same arguments give the same bytes.
Post i has the same title and body whatever N is (its text is seeded by (seed, i)), so
corpora of different sizes differ in amount, not in kind; only the dates are spread over
the same seven fiscal years.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make the project importable
    sys.path.insert(0, str(ROOT))

from site_builder.checklist import load_framework  # noqa: E402
from site_builder.model.scoring import grade_for, overall_score  # noqa: E402
from site_builder.schema.framework import ItemSpec  # noqa: E402
from site_builder.thai import BE_OFFSET, MONTH_ABBREVIATIONS, MONTHS, to_thai_digits  # noqa: E402

MARKER = ".bench-corpus"  # marks a folder this script wrote, so it may replace it
FRAMEWORK = "ita-2565"
ASSESSMENT_FRAMEWORK = "ita-2564"
FISCAL_YEAR = 2565
ASSESSMENT_YEAR = 2564
NEWS_FIRST_DAY = dt.date(2015, 10, 1)  # fiscal year 2559 …
NEWS_LAST_DAY = dt.date(2022, 9, 30)  # … to 2565
POST_DOCUMENT_EVERY = 25  # one news post in 25 carries a PDF (an announcement)

AGENCY_NAME = "องค์การบริหารส่วนตำบลห้วยทรายงาม"
AGENCY_SLUG = "huai-sai-ngam"
VILLAGES = (
    "บ้านห้วยทรายงาม", "บ้านหนองบัวทอง", "บ้านโคกสะอาด", "บ้านดอนมะเกลือ", "บ้านทุ่งยาว",
    "บ้านหนองตะเคียน", "บ้านวังน้ำใส", "บ้านโนนสว่าง", "บ้านป่าแดง", "บ้านคลองเจริญ",
)  # fmt: skip

# Vocabulary of a local government's news, by role in a sentence, with "|" between the
# words of a compound (so word counts are honest). Thai writes a clause without spaces
# and separates clauses with one.
SUBJECTS = (
    "นายก|องค์การ|บริหาร|ส่วน|ตำบล", "ปลัด|องค์การ|บริหาร|ส่วน|ตำบล", "รอง|นายก", "สมาชิก|สภา",
    "เจ้าหน้าที่", "ผู้ใหญ่บ้าน", "กำนัน", "อาสาสมัคร|สาธารณสุข", "ประชาชน", "ผู้สูงอายุ",
    "เด็ก|และ|เยาวชน", "คณะกรรมการ", "ผู้นำ|ชุมชน", "กอง|ช่าง", "กอง|คลัง", "สำนัก|ปลัด",
    "กอง|การศึกษา", "กอง|สาธารณสุข", "ครู|ศูนย์|พัฒนา|เด็กเล็ก", "ชุด|ปฏิบัติการ|จิตอาสา",
    "หน่วย|กู้ภัย", "ผู้ประกอบการ", "เกษตรกร", "กลุ่ม|แม่บ้าน", "นักเรียน",
)  # fmt: skip
VERBS = (
    "จัด", "ร่วม", "ประชุม", "ตรวจ", "ซ่อมแซม", "ปรับปรุง", "แจก", "มอบ", "อบรม",
    "ประชาสัมพันธ์", "ดำเนินการ", "สำรวจ", "ติดตาม", "รณรงค์", "ส่งเสริม", "สนับสนุน",
    "พัฒนา", "ก่อสร้าง", "ทำ|ความสะอาด", "ตรวจสอบ", "รับฟัง", "ชี้แจง", "ประเมิน",
    "เยี่ยม", "ป้องกัน", "แก้ไข", "บริการ", "รายงาน", "เผยแพร่", "คัดเลือก",
)  # fmt: skip
OBJECTS = (
    "โครงการ", "ถนน|คอนกรีต", "ระบบ|ประปา", "ขยะ|มูลฝอย", "ลูกน้ำ|ยุงลาย", "ไข้เลือดออก",
    "เบี้ย|ยังชีพ", "ถุง|ยังชีพ", "ไฟฟ้า|ส่องสว่าง", "ราง|ระบาย|น้ำ", "แหล่ง|น้ำ", "ฝาย|ชะลอ|น้ำ",
    "ข้อบัญญัติ|งบประมาณ", "แผน|พัฒนา|ท้องถิ่น", "ภาษี|ที่ดิน|และ|สิ่งปลูกสร้าง", "วัคซีน",
    "อาหาร|กลางวัน", "นม|โรงเรียน", "สวน|สาธารณะ", "ต้นไม้", "ยาเสพติด", "อัคคีภัย",
    "ความปลอดภัย|ทาง|ถนน", "ข้อ|ร้องเรียน", "ข้อมูล|ข่าวสาร", "การ|จัดซื้อ|จัดจ้าง",
    "ทะเบียน|พาณิชย์", "ใบอนุญาต|ก่อสร้าง", "สุขภาพ", "อาชีพ|เสริม", "ผลิตภัณฑ์|ชุมชน",
    "ประเพณี|ท้องถิ่น", "การ|เลือกตั้ง", "ความ|โปร่งใส", "คุณธรรม|จริยธรรม", "การ|บริการ|ประชาชน",
)  # fmt: skip
LINKS = (
    "และ", "เพื่อ", "โดย", "ซึ่ง", "ให้|แก่", "ร่วม|กับ", "ตาม", "ภายใต้", "พร้อม|ทั้ง", "รวม|ถึง",
)  # fmt: skip
PLACES = (
    "ณ |ศาลา|ประชาคม", "ณ |ที่ทำการ|องค์การ|บริหาร|ส่วน|ตำบล", "ณ |วัด|ห้วยทรายงาม",
    "ณ |โรงเรียน|บ้าน|หนองบัวทอง", "ณ |ศูนย์|พัฒนา|เด็กเล็ก", "ณ |ห้อง|ประชุม|สภา",
    "ณ |สนาม|กีฬา|ประจำ|ตำบล", "ณ |โรงพยาบาล|ส่งเสริม|สุขภาพ|ตำบล", "ใน|พื้นที่|ตำบล",
)  # fmt: skip
MANNERS = (
    "อย่าง|ต่อเนื่อง", "อย่าง|ทั่วถึง", "ตาม|แผน|ที่|กำหนด", "ด้วย|ความ|เรียบร้อย", "ให้|เป็นไป|ตาม|ระเบียบ",
    "เป็น|ประจำ|ทุก|เดือน", "ตาม|ความ|ต้องการ|ของ|ประชาชน", "อย่าง|โปร่งใส", "ได้|เป็น|อย่าง|ดี",
)  # fmt: skip
EVENTS = (
    "โครงการอบรมให้ความรู้การคัดแยกขยะ", "การประชุมประชาคมหมู่บ้าน", "โครงการรณรงค์ป้องกันไข้เลือดออก",
    "กิจกรรมจิตอาสาพัฒนาชุมชน", "การจ่ายเบี้ยยังชีพผู้สูงอายุ", "โครงการซ่อมแซมถนนคอนกรีต",
    "การประชุมสภาองค์การบริหารส่วนตำบล", "โครงการส่งเสริมอาชีพกลุ่มแม่บ้าน", "กิจกรรมวันเด็กแห่งชาติ",
    "โครงการป้องกันและลดอุบัติเหตุทางถนน", "การรับชำระภาษีที่ดินและสิ่งปลูกสร้าง",
    "โครงการฉีดวัคซีนป้องกันโรคพิษสุนัขบ้า", "การประกาศผลการจัดซื้อจัดจ้าง", "โครงการปลูกต้นไม้เฉลิมพระเกียรติ",
    "การฝึกซ้อมแผนป้องกันและระงับอัคคีภัย", "โครงการอบรมคุณธรรมจริยธรรมพนักงาน",
    "การรับฟังความคิดเห็นแผนพัฒนาท้องถิ่น", "กิจกรรมประเพณีลอยกระทง", "โครงการต่อต้านยาเสพติด",
    "การตรวจติดตามการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
)  # fmt: skip
HEADINGS = (
    "ความเป็นมา", "วัตถุประสงค์", "รายละเอียดการดำเนินงาน", "ผลการดำเนินงาน", "กลุ่มเป้าหมาย",
    "งบประมาณ", "การติดตามผล", "ช่องทางติดต่อสอบถาม",
)  # fmt: skip


class Writer:
    """Thai prose from one random stream; counts the words it writes."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = 0

    def _pick(self, choices: tuple[str, ...]) -> str:
        words = self.rng.choice(choices).split("|")
        self.words += len(words)
        return "".join(words)

    def item(self) -> str:
        """A short noun phrase: a budget line or a list entry."""
        return self._pick(VERBS) + self._pick(OBJECTS)

    def clause(self) -> str:
        parts = [self._pick(SUBJECTS), self._pick(VERBS), self._pick(OBJECTS)]
        for _ in range(self.rng.randint(0, 2)):
            parts += [self._pick(LINKS), self._pick(VERBS), self._pick(OBJECTS)]
        if self.rng.random() < 0.4:
            parts.append(self._pick(MANNERS))
        return "".join(parts)

    def sentence(self) -> str:
        clauses = [self.clause() for _ in range(self.rng.randint(1, 3))]
        if self.rng.random() < 0.3:
            clauses.append(self._pick(PLACES))
        if self.rng.random() < 0.2:
            clauses.append(f"หมู่ที่ {self.rng.randint(1, len(VILLAGES))}")
            self.words += 3
        return " ".join(clauses)

    def paragraph(self) -> str:
        text = " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))
        if self.rng.random() < 0.3:  # some emphasis, as editors write it
            first, _, rest = text.partition(" ")
            text = f"**{first}** {rest}" if rest else f"**{first}**"
        return text


def _news_body(rng: random.Random, words: int, index: int) -> str:
    writer = Writer(rng)
    blocks = [writer.paragraph()]
    headings = list(HEADINGS)
    rng.shuffle(headings)
    while writer.words < words:
        kind = rng.random()
        if kind < 0.18 and headings and not blocks[-1].startswith("#"):
            blocks.append(f"## {headings.pop()}")
            blocks.append(writer.paragraph())  # a heading always has text under it
        elif kind < 0.30 and not blocks[-1].startswith("- "):  # two lists in a row would merge
            blocks.append("\n".join(f"- {writer.clause()}" for _ in range(rng.randint(3, 6))))
        elif kind < 0.33:
            rows = [
                f"| {writer.item()} | {rng.randint(5, 500) * 1000:,} |"
                for _ in range(rng.randint(2, 4))
            ]
            blocks.append("\n".join(["| รายการ | งบประมาณ (บาท) |", "| --- | ---: |", *rows]))
        else:
            blocks.append(writer.paragraph())
    if index % 7 == 0:
        blocks.append(
            f"ดูรายละเอียดเพิ่มเติมได้ที่ [เว็บไซต์ศูนย์ข้อมูลข่าวสาร](https://info.{AGENCY_SLUG}.example.go.th/)"
        )
    return "\n\n".join(blocks) + "\n"


def _yaml_text(value: str) -> str:
    """A one-line YAML string; the corpus only writes plain Thai and digits."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "".join(f"{pad}{line}\n" if line else "\n" for line in text.split("\n"))


# --- documents -------------------------------------------------------------------------


def pdf_document(lines: list[str]) -> bytes:
    """A one-page PDF 1.4 with the given ASCII lines (fixed bytes: no dates, no ids)."""
    text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_logo() -> bytes:
    """A 48×48 two-colour PNG seal (the fictional agency's logo)."""
    rows = []
    for y in range(48):
        row = bytearray([0])  # filter: none
        for x in range(48):
            inside = (x - 23.5) ** 2 + (y - 23.5) ** 2 <= 22**2
            row += bytes((26, 94, 32) if inside else (255, 255, 255))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 48, 48, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


# --- content files ---------------------------------------------------------------------


def _site_yaml() -> str:
    return f"""\
# Synthetic benchmark corpus (bench/corpus.py): a fictional agency, not a real one.
agency:
  name_th: {AGENCY_NAME}
  name_en: Huai Sai Ngam Subdistrict Administrative Organization
  short_name_th: อบต.ห้วยทรายงาม
  type: องค์การบริหารส่วนตำบล
  subdistrict: ห้วยทรายงาม
  district: วังน้ำเย็นเหนือ
  province: ศรีสุวรรณ
  address: "99 หมู่ที่ 1 ตำบลห้วยทรายงาม อำเภอวังน้ำเย็นเหนือ จังหวัดศรีสุวรรณ 99999"
  phones: ["0 4400 0000", "0 4400 0001"]
  email: saraban@{AGENCY_SLUG}.example.go.th
  office_hours: "จันทร์–ศุกร์ 08:30–16:30 น."
  social:
    - name: Facebook
      url: https://facebook.example/{AGENCY_SLUG}
  logo: files/logo.png
site:
  base_url: https://www.{AGENCY_SLUG}.example.go.th/
  fiscal_year: {FISCAL_YEAR}
  checklist: {FRAMEWORK}
"""


def _assessment_yaml(rng: random.Random) -> str:
    framework, problems = load_framework(ASSESSMENT_FRAMEWORK)
    if framework is None:
        raise SystemExit(f"framework {ASSESSMENT_FRAMEWORK} not loadable: {problems}")
    scores = {ind.number: round(rng.uniform(62, 97), 2) for ind in framework.indicators}
    score = overall_score(framework, scores)
    writer = Writer(rng)
    lines = [
        "# Synthetic benchmark corpus: a fictional agency's ITA result.",
        f"year: {ASSESSMENT_YEAR}",
        f"framework: {ASSESSMENT_FRAMEWORK}",
        f"score: {score:.2f}",
        f"grade: {grade_for(framework, score)}",
        "target: 85",
        "summary: " + _block(writer.paragraph() + "\n\n" + writer.paragraph(), 2).rstrip("\n"),
        "indicators:",
        *(f"  - {{number: {n}, score: {s:.2f}}}" for n, s in sorted(scores.items())),
        "analysis:",
    ]
    for tool in framework.tools:
        lines += [
            f"  - tool: {tool.code}",
            f"    finding: {_yaml_text('จากผลคะแนน ' + tool.code + ' มีคะแนนต่ำกว่าร้อยละ ๘๕ พบว่ามีประเด็นที่ต้องปรับปรุง')}",
            "    rows:",
        ]
        letter = tool.code[0]
        for number in sorted(rng.sample(range(1, 31), 4)):
            lines += [
                f"      - code: {letter}{number}",
                f"        question: {_yaml_text(writer.sentence())}",
                f"        issue: {_yaml_text(writer.clause())}",
                f"        remedy: {_yaml_text(writer.sentence())}",
            ]
        lines.append(f"    conclusion: {_yaml_text(writer.sentence())}")
    return "\n".join(lines) + "\n"


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> str:
    """'ม.ค. ๖๕- ส.ค. ๖๕' from (year CE, month) pairs, as the measures document writes it."""

    def one(year: int, month: int) -> str:
        return f"{MONTH_ABBREVIATIONS[month - 1]} {to_thai_digits(str(year + BE_OFFSET)[-2:])}"

    return f"{one(*first)}- {one(*last)}"


def _measures_yaml(rng: random.Random, files: dict[str, bytes]) -> str:
    writer = Writer(rng)
    year_ce = FISCAL_YEAR - BE_OFFSET
    units = ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุข")
    lines = [
        "# Synthetic benchmark corpus: a fictional agency's integrity measures.",
        f"fiscal_year: {FISCAL_YEAR}",
        f"title: มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {FISCAL_YEAR}",
        f"assessment: {ASSESSMENT_YEAR}",
        "adopted:",
        f"  meeting: การประชุมพนักงาน{AGENCY_NAME}",
        f"  date: {year_ce}-01-20",
        "  text: " + _block(writer.paragraph(), 4).rstrip("\n"),
        "measures:",
    ]
    for number in range(1, 5):
        start = rng.randint(1, 4)
        lines += [
            f"  - number: {number}",
            f"    title: {_yaml_text(writer.sentence())}",
            "    methods:",
            *(f"      - {_yaml_text(writer.sentence())}" for _ in range(rng.randint(1, 3))),
            f"    responsible: [{', '.join(rng.sample(units, rng.randint(1, 3)))}]",
            f'    periods: ["{_month_range((year_ce, start), (year_ce, start + rng.randint(3, 5)))}"]',
            "    follow_up:",
            *(f"      - {_yaml_text(writer.clause())}" for _ in range(rng.randint(1, 2))),
        ]
    name = f"files/measures/{FISCAL_YEAR}.pdf"
    files[name] = pdf_document([f"Integrity measures, fiscal year {FISCAL_YEAR}", AGENCY_SLUG])
    lines += [
        "documents:",
        f"  - title: ประกาศมาตรการ ปีงบประมาณ {FISCAL_YEAR}",
        f"    file: {name}",
    ]
    lines.append("progress_reports:")
    for half, month in ((1, 4), (2, 9)):
        name = f"files/measures/{FISCAL_YEAR}-progress-{half}.pdf"
        files[name] = pdf_document([f"Progress report {half}, fiscal year {FISCAL_YEAR}"])
        lines += [
            f"  - title: รายงานผลการดำเนินการตามมาตรการ รอบ {6 * half} เดือน",
            f"    date: {year_ce}-{month:02d}-15",
            "    measures: [1, 2, 3, 4]",
            f"    text: {_yaml_text(writer.paragraph())}",
            "    documents:",
            f"      - title: รายงานผล รอบ {6 * half} เดือน",
            f"        file: {name}",
            f"        date: {year_ce}-{month:02d}-15",
        ]
    return "\n".join(lines) + "\n"


def _disclosure_yaml(rng: random.Random, item: ItemSpec, files: dict[str, bytes]) -> str:
    writer = Writer(rng)
    code = item.code
    year_ce = FISCAL_YEAR - BE_OFFSET
    if item.cadence == "รายเดือน":
        # The fiscal year's months so far: October of the previous year to March.
        periods = [(year_ce - 1, m) for m in (10, 11, 12)] + [(year_ce, m) for m in (1, 2, 3)]
        titles = [f"{item.title_th} เดือน{MONTHS[m - 1]} {y + BE_OFFSET}" for y, m in periods]
        dates = [dt.date(y + (m == 12), m % 12 + 1, 5) for y, m in periods]
    elif item.cadence == "รอบ 6 เดือน":
        titles = [f"{item.title_th} รอบ 6 เดือน ปีงบประมาณ {FISCAL_YEAR}"]
        dates = [dt.date(year_ce, 4, 10)]
    else:
        titles = [f"{item.title_th} ปีงบประมาณ {FISCAL_YEAR}"]
        if rng.random() < 0.5:
            titles.append(f"{item.title_th} ปีงบประมาณ {FISCAL_YEAR - 1}")
        dates = [
            dt.date(year_ce, 1, rng.randint(5, 28)) - dt.timedelta(days=365 * i)
            for i in range(len(titles))
        ]
    lines = [
        "# Synthetic benchmark corpus: a fictional agency's disclosure.",
        f"code: {code}",
        f"updated: {max(dates).isoformat()}",
        "text: " + _block(writer.paragraph(), 2).rstrip("\n"),
        "documents:",
    ]
    for index, (title, date) in enumerate(zip(titles, dates, strict=True), start=1):
        name = f"files/oit/{code.lower()}/{code.lower()}-{index:02d}.pdf"
        files[name] = pdf_document([f"{code} document {index}", AGENCY_SLUG, date.isoformat()])
        lines += [
            f"  - title: {_yaml_text(title)}",
            f"    file: {name}",
            f"    date: {date.isoformat()}",
        ]
    lines += [
        "links:",
        f"  - title: {_yaml_text('ระบบสารสนเทศ ' + item.title_th)}",
        f"    url: https://info.{AGENCY_SLUG}.example.go.th/{code.lower()}/",
    ]
    return "\n".join(lines) + "\n"


def news_post(seed: int, index: int, date: dt.date) -> tuple[str, str, dict[str, bytes]]:
    """Post `index`: (file stem, Markdown file text, attachments by content path)."""
    rng = random.Random(f"{seed}:news:{index}")
    slug = f"{date.isoformat()}-{index:05d}"
    village = rng.randrange(len(VILLAGES))
    title = f"{rng.choice(EVENTS)} หมู่ที่ {village + 1} {VILLAGES[village]}"
    body = _news_body(rng, rng.randint(400, 800), index)
    summary = Writer(rng).sentence()
    lines = [
        "---",
        f"title: {_yaml_text(title)}",
        f"date: {date.isoformat()}",
        f"summary: {_yaml_text(summary)}",
    ]
    files = {}
    if index % POST_DOCUMENT_EVERY == 0:
        name = f"files/news/{slug}.pdf"
        files[name] = pdf_document([f"Announcement {index:05d}", date.isoformat()])
        lines += [
            "documents:",
            f"  - title: {_yaml_text('ประกาศ' + title)}",
            f"    file: {name}",
            f"    date: {date.isoformat()}",
        ]
    lines.append("---")
    return slug, "\n".join(lines) + "\n" + body, files


def news_date(index: int, posts: int) -> dt.date:
    span = (NEWS_LAST_DAY - NEWS_FIRST_DAY).days
    return NEWS_FIRST_DAY + dt.timedelta(days=index * span // max(posts - 1, 1))


def marker_text(posts: int, seed: int) -> str:
    """What identifies a corpus: its arguments and this generator's source."""
    generator = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"posts={posts} seed={seed} generator={generator}\n"


def generate(out: Path, posts: int, seed: int) -> int:
    """Write the corpus into `out` (created or replaced); returns the number of files."""
    if out.exists():
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise SystemExit(
                f"{out} exists and was not written by bench/corpus.py; not replacing it"
            )
        shutil.rmtree(out)
    rng = random.Random(seed)
    framework, problems = load_framework(FRAMEWORK)
    if framework is None:
        raise SystemExit(f"framework {FRAMEWORK} not loadable: {problems}")

    texts: dict[str, str] = {"site.yaml": _site_yaml()}
    files: dict[str, bytes] = {"files/logo.png": png_logo()}
    texts[f"ita/{ASSESSMENT_YEAR}.yaml"] = _assessment_yaml(rng)
    texts[f"measures/{FISCAL_YEAR}.yaml"] = _measures_yaml(rng, files)
    for item in framework.items:
        texts[f"oit/{item.code}.yaml"] = _disclosure_yaml(rng, item, files)

    count = 0
    out.mkdir(parents=True)
    (out / MARKER).write_text(marker_text(posts, seed), encoding="utf-8")
    for index in range(posts):
        slug, text, attachments = news_post(seed, index, news_date(index, posts))
        texts[f"news/{slug}.md"] = text
        files.update(attachments)
        if len(texts) >= 1000:  # keep memory flat for large corpora
            count += _flush(out, texts, {})
            texts = {}
    return count + _flush(out, texts, files)


def _flush(out: Path, texts: dict[str, str], files: dict[str, bytes]) -> int:
    for relative, text in texts.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for relative, data in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(texts) + len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, required=True, help="number of news posts")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write")
    parser.add_argument("--seed", type=int, default=2565, help="random seed (default 2565)")
    options = parser.parse_args(argv)
    if options.posts < 0:
        parser.error("--posts must be 0 or more")
    files = generate(options.out, options.posts, options.seed)
    print(f"{options.out}: {files} files, {options.posts} news posts (seed {options.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
