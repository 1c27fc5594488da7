"""Any Unicode in every free-text field: saved, reloaded exactly (SQLite, and PostgreSQL when
DATABASE_URL is set), and printed in the scorecard in both languages without harm.

The fields: unit names (Japanese and English; '/' separates units, so it is not part of a name),
cycle names, comments, N/A reasons, evidence text, links and their descriptions, the submit and
reopen reasons, the approver's name and the actor's name.

What is stored, decided and tested here:

* Names, reasons and evidence text are stored stripped of surrounding whitespace (``str.strip``,
  so any Unicode whitespace); comments and the actor's name exactly as given. Everything else
  round-trips exactly: control characters, RTL and bidi controls, combining marks, emoji,
  private-use and unassigned code points, 20,000-character comments.
* NUL (U+0000) is refused with InvalidInput on every database, before anything is written:
  PostgreSQL cannot store it in text, and SQLite would, so one database would hold what the other
  cannot (an exported package would then fail to import at a coordinator on PostgreSQL).
* Lone surrogates (U+D800-U+DFFF outside a pair; Python's stand-in for bytes that are not UTF-8,
  e.g. a terminal in another encoding) are refused, not replaced: they are not text, and a
  silent replacement would store something the user did not write. A service given one raises
  InvalidInput; an AnswerUpdate refuses one when it is built (pydantic), so no service sees it;
  the command line says either in one line.

In the PDF (pypdf's text): for printable Japanese and ASCII text the exact visible form appears
(whitespace aside; characters the font lacks as the replacement mark); for any text, the build
succeeds, no markup, link or image is injected, and a character the font lacks is shown, not lost.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader
from sqlalchemy.engine import Engine

from models import org
from models.assessments import (
    approve_assessment,
    audit_log,
    create_assessment,
    list_answers,
    reopen_assessment,
    save_answer,
    save_answers,
    submit_assessment,
)
from models.db import session_for
from models.errors import InvalidInput
from models.evidence import add_evidence, list_evidence
from models.reporting import scorecard_data
from models.tables import AnswerUpdate
from reports.scorecard import EVIDENCE_EXCERPT, build_scorecard
from reports.text import MISSING_GLYPH, visible
from tests.exchange_support import dump
from tests.helpers import cli

FUZZ = settings(
    max_examples=40,
    deadline=None,
    database=None,  # no example database written into the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
#: A fresh parent unit for every example, so examples never meet in the shared database.
_SERIAL = itertools.count(1)

# --- strategies ----------------------------------------------------------------------------------

#: Every code point but NUL and the surrogates (which are not text; both are refused, see below).
ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")


def text(max_size: int, *, chars: st.SearchStrategy[str] = ANY, exclude: str = "") -> st.SearchStrategy[str]:
    if exclude:
        chars = chars.filter(lambda ch: ch not in exclude)
    return st.text(chars, max_size=max_size)


def stripped(max_len: int, *, chars: st.SearchStrategy[str] = ANY, exclude: str = "") -> st.SearchStrategy[str]:
    """Text that is not blank and at most ``max_len`` characters once stripped."""
    return text(max_len + 4, chars=chars, exclude=exclude).filter(lambda s: 0 < len(s.strip()) <= max_len)


@dataclass(frozen=True)
class Texts:
    unit: str
    unit_en: str
    cycle: str
    comment: str
    na_reason: str
    evidence: str
    link_path: str
    link_note: str
    submit_reason: str
    approver: str
    reopen_reason: str
    actor: str

    @property
    def link(self) -> str:
        return f"https://intra.example.go.jp/{self.link_path}"


def texts(chars: st.SearchStrategy[str] = ANY, *, long: int = 600) -> st.SearchStrategy[Texts]:
    # A link cannot hold whitespace or control characters (refused with their own message).
    link_chars = chars.filter(lambda ch: not ch.isspace() and ord(ch) >= 32 and ord(ch) != 127)
    return st.builds(
        Texts,
        unit=stripped(60, chars=chars, exclude="/"),
        unit_en=stripped(60, chars=chars, exclude="/"),
        cycle=stripped(40, chars=chars, exclude="/"),
        comment=text(long, chars=chars),
        na_reason=stripped(long, chars=chars),
        evidence=stripped(long, chars=chars),
        link_path=text(100, chars=link_chars),
        link_note=text(100, chars=chars),
        submit_reason=stripped(long, chars=chars),
        approver=stripped(60, chars=chars),
        reopen_reason=stripped(long, chars=chars),
        actor=text(60, chars=chars).filter(lambda s: s.strip() != ""),
    )


NASTY = Texts(
    unit="<b>課<b> & <a href='x'>室 \u202e",  # no '/': it separates units
    unit_en="e\u0301\u0308 \u05e2\u05d1\u05e8\u05d9\u05ea",
    cycle="FY9999",  # a fiscal-year name whose year has no end date
    comment="長い説明。" * 4000,  # 20,000 characters
    na_reason="\x07\x1b[31m 👨‍👩‍👧 \ue000 \U0010fffd",
    evidence="</para><para>x <br/> <img src='/etc/passwd'/>",
    link_path="<a>&amp;%00'\"",
    link_note="\u200b\u2028\u2029\x85",
    submit_reason="\t\n\r 理由 \r\n",
    approver="<font color=red>課長</font>",
    reopen_reason="\U0001f600" * 500,
    actor=" 山田\u3000花子 ",
)

# --- one assessment through its whole life -----------------------------------------------------------


def fill(engine: Engine, t: Texts) -> tuple[int, str]:
    """A unit, cycle and assessment with every text field set; approved. Returns (id, parent)."""
    parent = f"ファズ省{next(_SERIAL)}"
    with session_for(engine) as s:
        unit, _ = org.add_unit_path(session=s, path=f"{parent}/{t.unit}", name_en=t.unit_en)
        cycle, _ = org.add_cycle(session=s, name=t.cycle)
        aid = create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor=t.actor)
        changes = {
            "1-01": AnswerUpdate(level=2, target=4, comment=t.comment),
            "2-01": AnswerUpdate(na_reason=t.na_reason),
        }
        save_answers(session=s, assessment_id=aid, changes=changes, actor=t.actor)
        add_evidence(session=s, assessment_id=aid, item_id="1-01", kind="text", text=t.evidence, actor=t.actor)
        add_evidence(
            session=s, assessment_id=aid, item_id="1-02", kind="link", url=t.link, text=t.link_note, actor=t.actor
        )
        submit_assessment(session=s, assessment_id=aid, actor=t.actor, reason=t.submit_reason)
        approve_assessment(session=s, assessment_id=aid, approver=t.approver, actor=t.actor)
    return aid, parent


def check_stored(engine: Engine, aid: int, parent: str, t: Texts) -> None:
    with session_for(engine) as s:  # a new session: everything below is read back from the database
        data = scorecard_data(session=s, assessment_id=aid)
        answers = list_answers(session=s, assessment_id=aid)
        evidence = {e.item_id: e for e in list_evidence(session=s, assessment_id=aid)}
        entries = audit_log(session=s, assessment_id=aid)
    assert data.unit_path == f"{parent}/{t.unit.strip()}"
    assert data.unit_path_en == f"{parent}/{t.unit_en.strip()}"
    assert data.cycle == t.cycle.strip()
    assert answers["1-01"].comment == t.comment and answers["1-01"].answered_by == t.actor
    assert answers["2-01"].na_reason == t.na_reason.strip()
    assert evidence["1-01"].text == t.evidence.strip() and evidence["1-01"].added_by == t.actor
    assert evidence["1-02"].url == t.link and evidence["1-02"].text == (t.link_note.strip() or None)
    assert data.submit_reason == t.submit_reason.strip() and data.submitted_by == t.actor
    assert data.approver == t.approver.strip()
    assert {entry.actor for entry in entries} == {t.actor}


@FUZZ
@given(t=texts())
@example(t=NASTY)
def test_every_free_text_field_round_trips_exactly(engine: Engine, mini: object, t: Texts) -> None:
    aid, parent = fill(engine, t)
    check_stored(engine, aid, parent, t)
    with session_for(engine) as s:
        reopen_assessment(session=s, assessment_id=aid, reason=t.reopen_reason, actor=t.actor)
        entries = audit_log(session=s, assessment_id=aid)
    reasons = [e.new for e in entries if e.action == "status" and e.field == "reason"]
    assert reasons == [t.submit_reason.strip(), t.reopen_reason.strip()]


# --- the scorecard ---------------------------------------------------------------------------------


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:  # nothing user text could have turned into a link or an image
        assert "/Annots" not in page or not page["/Annots"]
        for xobject in (page["/Resources"].get("/XObject") or {}).values():
            assert xobject.get_object()["/Subtype"] != "/Image"
    assert b"/URI" not in pdf and b"/Subtype /Image" not in pdf
    return "".join(page.extract_text() for page in reader.pages)


def evidence_note(value: str) -> str:
    """How the scorecard cites text evidence: on one line, cut after EVIDENCE_EXCERPT characters."""
    note = " ".join(value.split())
    return note[:EVIDENCE_EXCERPT] + "…" if len(note) > EVIDENCE_EXCERPT else note


def printed(t: Texts) -> list[str]:
    """The values the scorecard prints, as they are stored (a blank comment is not printed)."""
    return [
        t.unit.strip(),
        t.unit_en.strip(),
        t.cycle.strip(),
        t.comment if t.comment.strip() else "",
        t.na_reason.strip(),
        evidence_note(t.evidence.strip()),
        t.link,
        t.submit_reason.strip(),
        t.approver.strip(),
    ]


def scorecards(engine: Engine, t: Texts) -> dict[str, str]:
    aid, _ = fill(engine, t)
    with session_for(engine) as s:
        data = scorecard_data(session=s, assessment_id=aid)
    return {lang: pdf_text(build_scorecard(data, lang)) for lang in ("ja", "en")}


@FUZZ
@given(t=texts())
@example(t=NASTY)
def test_any_text_prints_without_harm(sqlite_engine: Engine, mini: object, t: Texts) -> None:
    for lang, extracted in scorecards(sqlite_engine, t).items():
        assert "\x00" not in extracted, lang
        shown = [visible(value) for value in printed(t)]
        if any(MISSING_GLYPH in value for value in shown):
            assert MISSING_GLYPH in extracted, lang  # a character the font lacks is marked, not dropped


#: Printable text the font has: ASCII (markup characters included), kana, kanji, full-width forms.
PRINTABLE = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x3041, max_codepoint=0x3096),
    st.characters(min_codepoint=0x30A1, max_codepoint=0x30FA),
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA0),
    st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E),
    st.just("\u3000"),
)


MARKUP = Texts(
    unit="<b>課<b> & 室",
    unit_en="A&B <i>Team<i>",
    cycle="FY2026 &lt;",
    comment="<b>&amp;</b> 日本語の説明 <br/> </para>",
    na_reason="<img src='/etc/passwd'/>",
    evidence="<a href='http://x.example/'>x</a>",
    link_path="a?b=<c>&d='e'",
    link_note="<font size=40>大</font>",
    submit_reason="理由 <u>下線</u>",
    approver="<font color=red>課長</font>&",
    reopen_reason="再開",
    actor="山田",
)


@FUZZ
@given(t=texts(PRINTABLE, long=200))
@example(t=MARKUP)
def test_printable_text_appears_exactly_in_both_languages(sqlite_engine: Engine, mini: object, t: Texts) -> None:
    for lang, extracted in scorecards(sqlite_engine, t).items():
        flat = squeeze(extracted)
        for value in printed(t):
            assert squeeze(visible(value)) in flat, (lang, value)


# --- text no database can store ---------------------------------------------------------------------

Setter = Callable[[Any, dict[str, Any], str], object]


def _context(engine: Engine) -> dict[str, Any]:
    """A draft and a submitted assessment of a fresh unit, for the setters below."""
    parent = f"ファズ省{next(_SERIAL)}"
    with session_for(engine) as s:
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        ids = {}
        for name in ("draft", "submitted"):
            unit, _ = org.add_unit_path(session=s, path=f"{parent}/{name}")
            ids[name] = create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="setup")
        submit_assessment(session=s, assessment_id=ids["submitted"], actor="setup", reason="setup")
    return {"parent": parent, **ids}


SETTERS: dict[str, Setter] = {
    "unit name": lambda s, c, v: org.add_unit_path(session=s, path=f"{c['parent']}/{v}"),
    "unit English name": lambda s, c, v: org.add_unit_path(session=s, path=f"{c['parent']}/en", name_en=v),
    "cycle": lambda s, c, v: org.add_cycle(session=s, name=v),
    "comment": lambda s, c, v: save_answer(
        session=s, assessment_id=c["draft"], item_id="1-01", change=AnswerUpdate(level=1, comment=v), actor="a"
    ),
    "N/A reason": lambda s, c, v: save_answer(
        session=s, assessment_id=c["draft"], item_id="1-01", change=AnswerUpdate(na_reason=v), actor="a"
    ),
    "evidence text": lambda s, c, v: add_evidence(
        session=s, assessment_id=c["draft"], item_id="1-01", kind="text", text=v, actor="a"
    ),
    "link": lambda s, c, v: add_evidence(
        session=s, assessment_id=c["draft"], item_id="1-01", kind="link", url=f"https://x.example/{v}", actor="a"
    ),
    "submit reason": lambda s, c, v: submit_assessment(session=s, assessment_id=c["draft"], actor="a", reason=v),
    "approver": lambda s, c, v: approve_assessment(session=s, assessment_id=c["submitted"], approver=v, actor="a"),
    "reopen reason": lambda s, c, v: reopen_assessment(session=s, assessment_id=c["submitted"], reason=v, actor="a"),
    "actor": lambda s, c, v: save_answer(
        session=s, assessment_id=c["draft"], item_id="1-01", change=AnswerUpdate(level=1), actor=v
    ),
}


def with_inside(bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Short text with ``bad`` somewhere in it (also alone, or at either end)."""
    return st.tuples(text(15, exclude="/"), bad, text(15, exclude="/")).map("".join)


@pytest.mark.parametrize("field", sorted(SETTERS))
@settings(parent=FUZZ, max_examples=15)
@given(value=with_inside(st.just("\x00")))
def test_nul_is_refused_alike_on_every_database(engine: Engine, mini: object, field: str, value: str) -> None:
    context = _context(engine)
    url = engine.url.render_as_string(hide_password=False)
    before = dump(url)
    with session_for(engine) as s, pytest.raises(InvalidInput):
        SETTERS[field](s, context, value)
    assert dump(url) == before


@pytest.mark.parametrize("field", sorted(SETTERS))
@settings(parent=FUZZ, max_examples=15)
@given(value=with_inside(st.integers(0xD800, 0xDFFF).map(chr)))
def test_lone_surrogates_are_refused(engine: Engine, mini: object, field: str, value: str) -> None:
    context = _context(engine)
    url = engine.url.render_as_string(hide_password=False)
    before = dump(url)
    with session_for(engine) as s:
        if field in ("comment", "N/A reason"):  # an AnswerUpdate cannot even hold one
            with pytest.raises(ValidationError):
                SETTERS[field](s, context, value)
        else:  # a link may be refused for a space first; every other field names the surrogate
            with pytest.raises(InvalidInput, match=None if field == "link" else "lone surrogate"):
                SETTERS[field](s, context, value)
    assert dump(url) == before


def test_the_command_line_refuses_bytes_that_are_not_text(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, mini: object
) -> None:
    """A terminal in another encoding hands Python lone surrogates: one line each, nothing stored."""
    assert cli(capsys, "--db", sqlite_url, "unit", "add", "庁/課").code == 0
    assert cli(capsys, "--db", sqlite_url, "cycle", "add", "FY2026").code == 0
    assert cli(capsys, "--db", sqlite_url, "assessment", "new", "--unit", "庁/課", "--cycle", "FY2026").code == 0
    before = dump(sqlite_url)
    bad = "b\udcffd"  # the byte 0xFF, as os.fsdecode gives it
    for argv in (
        ("unit", "add", f"庁/{bad}"),
        ("cycle", "add", bad),
        ("answer", "set", "1", "1-01", "--level", "2", "--comment", bad),
        ("answer", "set", "1", "1-01", "--na", bad),
        ("--user", bad, "answer", "set", "1", "1-01", "--level", "2"),
        ("evidence", "add", "1", "1-01", "--text", bad),
        ("assessment", "submit", "1", "--reason", bad),
    ):
        run = cli(capsys, "--db", sqlite_url, *argv)
        assert run.code == 1 and "Traceback" not in run.err, argv
        assert len(run.err.splitlines()) == 1 and ("surrogate" in run.err or "unicode string" in run.err), run.err
    assert dump(sqlite_url) == before


# --- fixtures -------------------------------------------------------------------------------------


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Any:
    from models.db import open_database

    engine = open_database(sqlite_url)
    yield engine
    engine.dispose()
