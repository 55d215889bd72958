"""Readiness judged from the typed records (issue-4): organisation.yaml, statistics/,
budget/ and procurement/ files, with the fictional agency of tests/fixtures/structured/.

That agency publishes fiscal year 2565 (October 2021 – September 2022): every monthly
procurement summary but June, April stated as ไม่มีการจัดซื้อจัดจ้าง; five executive posts,
one vacant, the secretary without a photo; a structure with both sides.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml

from site_builder.checklist import load_framework
from site_builder.model import Evidence, OitItem
from site_builder.model.record_evidence import COUNCIL_PART, EXECUTIVES_PART, STAFF_PART
from site_builder.periods import Month, Period
from site_builder.pipeline import build, load_site
from site_builder.readiness import ItemReadiness, Status
from site_builder.schema.framework import PartsRule

ROOT = Path(__file__).resolve().parent.parent.parent
STRUCTURED = ROOT / "tests" / "fixtures" / "structured"
TEMPLATES = ROOT / "templates"


def judged(code: str, as_of: str, content: Path = STRUCTURED) -> ItemReadiness:
    site, problems = load_site(content, dt.date.fromisoformat(as_of))
    assert site is not None and site.readiness is not None, [p.format("en") for p in problems]
    return site.readiness.item(code)


def item(code: str, content: Path = STRUCTURED) -> OitItem:
    site, _ = load_site(content)
    assert site is not None
    return site.checklist.item(code)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the structured agency, free to change."""
    return Path(shutil.copytree(STRUCTURED, tmp_path / "content"))


def edit_organisation(content: Path, change) -> None:
    path = content / "organisation.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def months_of(result: ItemReadiness) -> tuple[Month, ...]:
    (reason,) = result.reasons
    return dict(reason.fields)["months"]


# --- O23: monthly procurement summaries ----------------------------------------------------


def test_each_month_of_procurement_is_record_evidence_and_a_month_stated_none_a_statement():
    evidence = item("O23").evidence

    april = Period.month(Month(2022, 4))
    assert Evidence("statement", "ไม่มีการจัดซื้อจัดจ้าง", None, april, "stated") in evidence
    months = {e.period for e in evidence if e.kind == "record"}
    assert Period.month(Month(2022, 6)) not in months  # June is not published
    assert len(months) == 10  # October–September without April (stated) and June


@pytest.mark.parametrize("as_of", ["2022-05-01", "2022-06-15", "2022-06-30"])
def test_o23_is_ready_until_june_is_due(as_of):
    result = judged("O23", as_of)

    assert result.status is Status.READY, result.reason_texts("en")
    assert result.reasons == ()


@pytest.mark.parametrize("as_of", ["2022-07-01", "2022-08-15", "2022-09-30"])
def test_o23_is_incomplete_once_june_has_ended_and_names_june(as_of):
    result = judged("O23", as_of)

    assert result.status is Status.INCOMPLETE
    assert months_of(result) == (Month(2022, 6),)
    assert "ขาดเดือน มิถุนายน 2565 ของปีงบประมาณ 2565" in result.reason_texts("th")[0]
    assert "June 2022" in result.reason_texts("en")[0]


def test_o23_month_without_its_statement_is_a_gap_too(content):
    (content / "procurement" / "2565" / "summary-2565-04.csv").unlink()

    result = judged("O23", "2022-07-01", content)

    assert months_of(result) == (Month(2022, 4), Month(2022, 6))
    assert "เมษายน 2565, มิถุนายน 2565" in result.reason_texts("th")[0]


def test_o23_on_the_first_day_of_the_next_fiscal_year_has_no_month_due():
    result = judged("O23", "2022-10-01")

    assert result.status is Status.READY
    assert [note.key for note in result.notes] == ["readiness_no_month_due"]


def test_o23_in_the_next_fiscal_year_with_only_last_years_summaries_is_outdated():
    result = judged("O23", "2022-11-01")

    assert result.status is Status.OUTDATED
    assert months_of(result) == (Month(2022, 10),)
    assert "มีข้อมูลถึงเดือน กันยายน 2565 เท่านั้น" in result.reason_texts("th")[0]


# --- O2: executives ---------------------------------------------------------------------------


def test_each_executive_is_a_record_with_the_facts_it_gives():
    by_subject = {e.subject: e.facts for e in item("O2").evidence}

    assert by_subject == {
        "นายกองค์การบริหารส่วนตำบลหนองแก้วทดลอง (นายสมมุติ ใจดีทดลอง)": {
            "name", "position", "photo", "contact",
        },
        "รองนายกองค์การบริหารส่วนตำบล (นางสาวตัวอย่าง ขยันงาน)": {
            "name", "position", "photo", "contact",
        },
        "รองนายกองค์การบริหารส่วนตำบล (ตำแหน่งว่าง)": {"position", "vacant"},
        "เลขานุการนายกองค์การบริหารส่วนตำบล (นายทดสอบ มั่นคง)": {"name", "position", "contact"},
        "ปลัดองค์การบริหารส่วนตำบล (นางทดลอง รักษ์ถิ่น)": {
            "name", "position", "photo", "contact",
        },
    }  # fmt: skip


def test_o2_names_the_executive_without_a_photo_and_not_the_vacant_post():
    result = judged("O2", "2022-07-01")

    assert result.status is Status.INCOMPLETE
    assert not result.unverified  # the O2 criteria are verified (SRC_SARABURI)
    assert result.reason_texts("th") == [
        "เลขานุการนายกองค์การบริหารส่วนตำบล (นายทดสอบ มั่นคง): ขาด รูปถ่าย"
    ]


def test_o2_is_ready_from_the_records_alone_once_every_holder_has_every_fact(content):
    def add_photo(data):
        data["executives"][3]["photo"] = "files/executives/palad.png"

    edit_organisation(content, add_photo)

    result = judged("O2", "2022-07-01", content)

    assert result.status is Status.READY
    assert item("O2", content).reviewed is None  # no person had to look


def test_o2_executive_without_phone_or_email_lacks_a_contact(content):
    def drop_contact(data):
        del data["executives"][0]["phones"]
        del data["executives"][0]["email"]

    edit_organisation(content, drop_contact)

    texts = judged("O2", "2022-07-01", content).reason_texts("th")

    assert "นายกองค์การบริหารส่วนตำบลหนองแก้วทดลอง (นายสมมุติ ใจดีทดลอง): ขาด ช่องทางการติดต่อ" in texts


def test_o2_with_every_post_vacant_shows_no_executive(content):
    def all_vacant(data):
        data["executives"] = [
            {"position": "นายกองค์การบริหารส่วนตำบล", "vacant": True},
            {"position": "ปลัดองค์การบริหารส่วนตำบล", "vacant": True},
        ]

    edit_organisation(content, all_vacant)

    result = judged("O2", "2022-07-01", content)

    assert result.status is Status.INCOMPLETE
    assert [r.key for r in result.reasons] == ["readiness_facts_all_vacant"]
    assert "“นายกองค์การบริหารส่วนตำบล”, “ปลัดองค์การบริหารส่วนตำบล”" in (result.reason_texts("th")[0])


def test_a_persons_review_does_not_hide_a_photo_the_records_lack(content):
    (content / "oit" / "O2.yaml").write_text("code: O2\nreviewed: 2022-06-01\n", encoding="utf-8")

    result = judged("O2", "2022-07-01", content)

    assert result.status is Status.INCOMPLETE
    assert "ขาด รูปถ่าย" in result.reason_texts("th")[0]


# --- O1: the structure's parts ---------------------------------------------------------------


def test_o1_parts_are_the_parts_the_frameworks_require():
    for framework_id in ("ita-2564", "ita-2565"):
        framework, _ = load_framework(framework_id)
        o1 = next(spec for spec in framework.items if spec.code == "O1")
        (rule,) = [r for r in o1.rules if isinstance(r, PartsRule)]
        assert [p.name_th for p in rule.parts] == [EXECUTIVES_PART, COUNCIL_PART, STAFF_PART]


def test_o1_structure_with_executives_council_and_staff_is_ready():
    parts = {e.part: e.subject for e in item("O1").evidence}

    assert parts == {
        "ผู้บริหาร": "ฝ่ายการเมือง: คณะผู้บริหาร",
        "สมาชิกสภา": "ฝ่ายการเมือง: สภาองค์การบริหารส่วนตำบล",
        "พนักงาน": "ฝ่ายประจำ: ปลัดองค์การบริหารส่วนตำบล",
    }
    assert judged("O1", "2022-07-01").status is Status.READY


def test_o1_without_the_council_names_that_part(content):
    def drop_council(data):
        units = data["structure"]["political"]["units"]
        data["structure"]["political"]["units"] = [u for u in units if "สภา" not in u["name"]]

    edit_organisation(content, drop_council)

    result = judged("O1", "2022-07-01", content)

    assert result.status is Status.INCOMPLETE
    assert result.reason_texts("th")[0].startswith("ขาดส่วน: สมาชิกสภา — ")


def test_o1_council_posts_count_without_a_council_unit(content):
    def flat_political_side(data):
        data["structure"]["political"] = {
            "posts": [
                {"title": "นายกองค์การบริหารส่วนตำบล", "count": 1},
                {"title": "สมาชิกสภาองค์การบริหารส่วนตำบล", "count": 8},
            ]
        }

    edit_organisation(content, flat_political_side)

    assert judged("O1", "2022-07-01", content).status is Status.READY


# --- Statistics, budget, procurement plan, announcements and report -----------------------


def test_complaint_months_stated_none_are_statements_and_others_records():
    by_month = {
        e.period.first: (e.kind, e.title) for e in item("O31").evidence if e.period is not None
    }

    assert by_month[Month(2021, 10)] == ("statement", "ไม่มีเรื่องร้องเรียน")
    assert by_month[Month(2022, 4)] == ("statement", "ไม่มีเรื่องร้องเรียน")  # all counts zero
    assert by_month[Month(2021, 12)][0] == "record"
    assert Month(2020, 10) in by_month  # last year's table is evidence too (fiscal year 2564)


def test_service_statistics_of_the_year_make_o15_ready_and_last_years_outdated():
    assert judged("O15", "2022-07-01").status is Status.READY
    later = judged("O15", "2022-11-01")
    assert later.status is Status.OUTDATED
    assert "ปีงบประมาณ 2565" in later.reason_texts("th")[0]


def test_service_statistics_stating_every_month_none_still_count_for_o15(content):
    months = ["ตุลาคม 2564", "พฤศจิกายน 2564"]
    (content / "statistics" / "service-2565.csv").write_text(
        "เดือน,จำนวนผู้รับบริการ,อยู่ระหว่างดำเนินการ,ดำเนินการแล้วเสร็จ,หมายเหตุ\n"
        + "".join(f"{m},0,0,0,\n" for m in months),
        encoding="utf-8",
    )

    result = judged("O15", "2022-07-01", content)

    assert {e.kind for e in item("O15", content).evidence} == {"statement"}
    assert result.status is Status.READY


@pytest.mark.parametrize(
    ("code", "as_of", "status"),
    [
        ("O18", "2022-07-01", Status.READY),  # the 2565 plan
        ("O18", "2022-10-01", Status.OUTDATED),  # 2566 has begun, only the 2565 plan
        ("O19", "2022-03-31", Status.READY),  # the first half is not over yet
        ("O19", "2022-04-01", Status.READY),  # report-6-months of 2565
        ("O20", "2022-07-01", Status.MISSING),  # the 2564 report is asked for; 2565's is no use
        ("O20", "2022-10-15", Status.READY),  # in 2566 the 2565 report is the one asked for
        ("O21", "2022-07-01", Status.READY),
        ("O24", "2022-10-15", Status.READY),
    ],
)
def test_yearly_tables_cover_their_fiscal_year(code, as_of, status):
    result = judged(code, as_of)

    assert result.status is status, result.reason_texts("en")


def test_six_month_report_due_but_absent_names_its_period_and_file(content):
    (content / "budget" / "2565" / "report-6-months.yaml").unlink()

    result = judged("O19", "2022-04-01", content)

    assert result.status is Status.MISSING
    texts = result.reason_texts("th")
    assert "budget/2565/report-6-months.csv" in texts[0]
    assert "ไม่มีรายงานรอบ 6 เดือน (ต.ค. 2564 – มี.ค. 2565) ของปีงบประมาณ 2565" in texts[1]


def test_announcements_count_from_their_date():
    before = judged("O22", "2021-12-02")  # the first is dated 3 December 2021
    after = judged("O22", "2021-12-03")

    assert before.status is Status.MISSING
    assert [r.key for r in before.reasons] == ["readiness_only_later"]
    assert after.status is Status.READY


# --- On the built site -------------------------------------------------------------------------


def test_index_shows_the_statuses_the_records_give(tmp_path):
    output = tmp_path / "output"
    build(STRUCTURED, TEMPLATES, output, dt.date(2022, 7, 1))
    index = (output / "oit" / "index.html").read_text(encoding="utf-8")

    def status(code: str) -> str:
        row = re.search(rf'<tr id="{code.lower()}">(.*?)</tr>', index, re.S)
        assert row, code
        found = re.search(r'<span class="status [^"]+">([^<]+)</span>', row.group(1))
        assert found, code
        return found.group(1)

    assert status("O1") == "พร้อม"
    assert status("O2") == "ไม่ครบ"
    assert status("O23") == "ไม่ครบ*"  # June; the fiscal-year rule is not verified
    assert "ยังไม่ได้เผยแพร่ 1 เดือน (มิ.ย. 65)" in index
