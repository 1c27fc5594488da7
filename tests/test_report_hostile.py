"""Hostile user text in every field a scorecard prints: it builds, prints as plain text, and
injects no formatting, link or image, and reads no file."""

from __future__ import annotations

import io
import re
import struct
import sys
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

#: Paths opened while a scorecard is built (filled by an audit hook only while ``_watching``).
_opened: list[str] = []
_watching: list[bool] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watching and event == "open" and args and isinstance(args[0], str | bytes | Path):
        _opened.append(str(args[0]))


sys.addaudithook(_audit)


def _one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def hostile_strings(secret: Path) -> dict[str, str]:
    return {
        "markup": "<b>太字</b><i>斜体</i> x<y & AT&T; &amp; &lt;",
        "image": f'<img src="{secret}" width="10" height="10"/> and <img src="/etc/passwd"/>',
        "link": '<a href="http://x.example/">click</a> <link href="http://y.example/">y</link>',
        "font": "<font size=40 color=red>BIG</font> <span backColor=red>bg</span>",
        "para": "</para><para>broken <br/> <unclosed",
        "control": "bell\x07 esc\x1b[31m vt\x0b end del\x7f",  # NUL is refused before it is stored
        "emoji": "了解👍🏽 家族👨‍👩‍👧 ☃",
        "rtl": "עברית العربية \u202eevil\u202c",
        "combining": "e\u0301 a\u0308 か\u3099",
    }


def _assessment_with(db_url: str, data_dir: Path, texts: dict[str, str], long_comment: str) -> int:
    from models import org
    from models.assessments import approve_assessment, create_assessment, save_answers, submit_assessment
    from models.db import open_database, session_for
    from models.evidence import add_evidence
    from models.questionnaire_store import questionnaire_by_row, register_active
    from models.tables import AnswerUpdate

    engine = open_database(db_url)
    try:
        with session_for(engine) as s:
            unit, _ = org.add_unit_path(
                session=s, path="テスト省/<b>局</b> & 課/<a href='x'>室</a>", name_en="<i>x</i>"
            )
            cycle, _ = org.add_cycle(session=s, name="FY2026")
            assessment = create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="<img src=x/>")
            items = questionnaire_by_row(session=s, questionnaire_id=register_active(session=s)).items
            changes = {}
            for i, text in enumerate(texts.values()):
                changes[items[i].id] = AnswerUpdate(level=i % 6, target=5, comment=text, review=True)
                changes[items[20 + i].id] = AnswerUpdate(na_reason=text[:2000])
            changes[items[15].id] = AnswerUpdate(level=1, comment=long_comment)
            save_answers(session=s, assessment_id=assessment, changes=changes, actor="tester")
            add_evidence(
                session=s, assessment_id=assessment, item_id=items[0].id, kind="text", text=texts["image"], actor="t"
            )
            add_evidence(
                session=s,
                assessment_id=assessment,
                item_id=items[0].id,
                kind="link",
                url="https://intra.example.go.jp/<a_href>&x=1",
                text=texts["link"],
                actor="t",
            )
            submit_assessment(session=s, assessment_id=assessment, actor="t", reason=texts["font"] + texts["para"])
            approve_assessment(session=s, assessment_id=assessment, approver="<font color=red>課長</font>&", actor="t")
            return assessment
    finally:
        engine.dispose()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_hostile_text_prints_as_plain_text(
    tmp_path: Path, isolated_environment: Path, sqlite_url: str, lang: str
) -> None:
    from models.db import open_database, session_for
    from models.reporting import scorecard_data
    from reports.scorecard import build_scorecard
    from reports.text import visible

    secret = tmp_path / "secret.png"
    secret.write_bytes(_one_pixel_png())  # a real image: unescaped, ReportLab would read and embed it
    texts = hostile_strings(secret)
    long_comment = ("長い説明の文章。" * 1250)[:10_000]
    assessment = _assessment_with(sqlite_url, isolated_environment, texts, long_comment)
    engine = open_database(sqlite_url)
    with session_for(engine) as s:
        data = scorecard_data(session=s, assessment_id=assessment)
    engine.dispose()

    _opened.clear()
    _watching.append(True)
    try:
        pdf = build_scorecard(data, lang)
    finally:
        _watching.clear()
    assert not [p for p in _opened if "secret" in p or "passwd" in p], _opened

    reader = PdfReader(io.BytesIO(pdf))
    text = squeeze("".join(page.extract_text() for page in reader.pages))
    for key in ("markup", "image", "link", "font", "para"):
        assert squeeze(texts[key]) in text, key
    assert squeeze(visible(texts["control"])) in text
    assert "了解□" in text and "家族□" in text  # emoji the font lacks: a visible mark, never dropped
    assert "\x00" not in text
    assert "<b>局</b>&課" in text and squeeze("<font color=red>課長</font>&") in text
    assert text.count("長い説明の文章。") >= 1200  # all 10,000 characters, across pages
    for page in reader.pages:
        assert "/Annots" not in page or not page["/Annots"]
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            assert xobject.get_object()["/Subtype"] != "/Image"
    assert b"/URI" not in pdf and b"/Subtype /Image" not in pdf
