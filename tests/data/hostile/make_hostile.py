"""Make the hostile input files: malformed questionnaires, answers files, packages, answer sheets
and database files. tests/test_hostile_inputs.py feeds each to the real command line and expects
one clear line naming the file and what is wrong, no traceback, and the database unchanged.

    .venv/bin/python tests/data/hostile/make_hostile.py      # rewrite the files beside this script

Every case is a :class:`Case`: where the file goes (``<kind>/<name>``), a fragment of the message
it must be refused with, and either its bytes (committed) or a function that makes it at test
time: files too large to commit (written sparse), and what git cannot hold (a folder, a FIFO,
a symbolic link loop). The output is deterministic (fixed keys, ids, timestamps; ZIP and
SQLite headers normalised), so tests/test_hostile_inputs.py checks the committed files against
a fresh run.

Signed packages use the exchange tests' ``team`` key (tests/data/exchange/make_files.py), which
the test database trusts: their signatures are valid, so what is wrong is what is inside.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import re
import sqlite3
import struct
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

KINDS = ("questionnaires", "answers", "packages", "sheets", "databases")
#: ZIP cannot store dates before 1980; one fixed date keeps the bytes reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Case:
    """One hostile file: ``path`` is ``<kind>/<name>``; ``expect`` is part of its one-line refusal."""

    path: str
    expect: str
    content: bytes | None = None
    make: Callable[[Path], None] | None = None  # for files made at test time

    @property
    def kind(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.path.split("/", 1)[1]

    @property
    def committed(self) -> bool:
        return self.content is not None

    def materialise(self, folder: Path) -> Path:
        """The file, under ``folder``: the committed one, or made there now."""
        if self.content is not None:
            return HERE / self.path
        target = folder / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        assert self.make is not None
        self.make(target)
        return target


# --- shared material ------------------------------------------------------------------------------


@cache
def exchange() -> ModuleType:
    """tests/data/exchange/make_files.py: the team key, payloads and ZIP helpers."""
    spec = importlib.util.spec_from_file_location("exchange_make_files", HERE.parent / "exchange" / "make_files.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mini_text() -> str:
    return (ROOT / "tests" / "data" / "mini-questionnaire.yaml").read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def zip_of(items: list[tuple[str, bytes]], *, flags: dict[str, int] | None = None, method: int = 8) -> bytes:
    """A ZIP of exactly these members in this order (odd names and duplicates allowed).

    ``flags`` sets a member's general purpose bit flags (0x1: encrypted) or, with a negative
    value, its Unix mode (e.g. -0o120777 for a symbolic link)."""
    flags = flags or {}
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in items:
                info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
                info.compress_type = method
                info.create_system = 3
                info.external_attr = 0o644 << 16
                special = flags.get(name)
                if special is not None and special < 0:
                    info.external_attr = (-special) << 16
                archive.writestr(info, content)
    data = buffer.getvalue()
    for name, flag in flags.items():
        if flag > 0:  # set the bits in the local header and the central directory entry
            data = _set_flag(data, name.encode(), flag)
    return data


def _set_flag(data: bytes, name: bytes, flag: int) -> bytes:
    out = bytearray(data)
    for signature, flag_at, name_len_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = 0
        while (at := out.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", out, at + name_len_at)[0]
            if bytes(out[at + name_at : at + name_at + length]) == name:
                old = struct.unpack_from("<H", out, at + flag_at)[0]
                struct.pack_into("<H", out, at + flag_at, old | flag)
            start = at + 4
    return bytes(out)


def members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def sparse(size: int, head: bytes = b"") -> Callable[[Path], None]:
    """A maker of a file of ``size`` bytes that starts with ``head`` and costs no disk space."""

    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(head)
            fh.truncate(size)

    return make


def folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("a folder, not a file\n")


def fifo(path: Path) -> None:
    os.mkfifo(path)  # reading it would wait for a writer forever


def symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def text_file(text: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_text(text, encoding="utf-8")

    return make


# --- questionnaire files (questionnaire validate) -------------------------------------------------


def questionnaire_cases() -> list[Case]:
    q = mini_text()
    raw = q.encode("utf-8")
    cut = raw.index("question: {ja: 質問二".encode()) + len("question: {ja: 質".encode())
    item = '  - id: "2-02"'
    return [
        Case("questionnaires/empty.yaml", "the file is empty", b""),
        Case("questionnaires/blank.yaml", "the file is empty", b"\n   \n  \n"),
        Case("questionnaires/tab-indented.yaml", "a tab character", b"format: x\nitems:\n\t- id: 1\n"),
        Case("questionnaires/truncated.yaml", "yaml:", raw[:cut]),
        Case("questionnaires/truncated-in-a-character.yaml", "not UTF-8 text", raw[: cut - 1]),
        Case("questionnaires/shift-jis.yaml", "not UTF-8 text", q.encode("shift_jis")),
        Case("questionnaires/utf-16.yaml", "saved as UTF-16", q.encode("utf-16")),
        Case("questionnaires/utf-16-no-bom.yaml", "not UTF-8 text", q.encode("utf-16-le")),
        Case(
            "questionnaires/latin-1.yaml",
            "not UTF-8 text",
            replace_once(q, "en: Test questionnaire", "en: Questionnaire d'essai café").encode("latin-1", "replace"),
        ),
        Case("questionnaires/nul-byte.yaml", "NUL", replace_once(q, "Question one", "Question\x00one").encode()),
        Case(
            "questionnaires/nul-escape.yaml",
            "items[1-01].question.ja: holds a NUL character",
            replace_once(q, "{ja: 質問一, en: Question one}", '{ja: "質問\\0一", en: Question one}').encode(),
        ),
        Case(
            "questionnaires/surrogate-escape.yaml",
            "invalid Unicode character escape",
            replace_once(q, "{ja: 質問一, en: Question one}", '{ja: "質問\\ud800一", en: Question one}').encode(),
        ),
        Case(
            "questionnaires/surrogate-long-escape.yaml",
            "invalid Unicode character escape",  # libyaml refuses it; PyYAML alone leaves it to the loader
            replace_once(q, "{ja: 質問一, en: Question one}", '{ja: "質問\\U0000D800一", en: Question one}').encode(),
        ),
        Case(
            "questionnaires/control-character.yaml",
            "yaml:",
            replace_once(q, "Question one", "Question\x07one").encode(),
        ),
        Case(
            "questionnaires/deep-flow.yaml",
            "nested more than",
            (q + "extra: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
        ),
        Case(
            "questionnaires/deep-block.yaml",
            "nested more than",
            (q + "".join(f"{'  ' * depth}k{depth}:\n" for depth in range(40)) + "  " * 40 + "end: 1\n").encode(),
        ),
        Case(
            "questionnaires/alias-bomb.yaml",
            "aliases here expand to more than",
            (
                'a: &a ["x", "x", "x", "x", "x", "x", "x", "x"]\n'
                + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 8)}]\n" for i in range(8))
            ).encode(),
        ),
        Case(
            "questionnaires/many-values.yaml",
            "values; a questionnaire needs far fewer",
            make=text_file(q + "extra:\n" + "- 1\n" * 150_000),
        ),
        Case("questionnaires/huge.yaml", "larger than 5 MB", make=sparse(5 * 1024 * 1024 + 1, b"format: ")),
        Case("questionnaires/not-a-mapping.yaml", "must be a mapping", b"- format\n- id\n"),
        Case("questionnaires/scalar.yaml", "must be a mapping", b"just a sentence, not a questionnaire\n"),
        Case("questionnaires/binary.yaml", "not UTF-8 text", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
        Case(
            "questionnaires/python-tag.yaml",
            "yaml:",
            b'!!python/object/apply:os.system ["exit 3"]\n',
        ),
        Case(
            "questionnaires/future-format.yaml",
            "format",
            replace_once(q, "format: ai-readiness/questionnaire@1", "format: ai-readiness/questionnaire@9").encode(),
        ),
        Case("questionnaires/two-documents.yaml", "yaml:", (q + "---\n" + q).encode()),
        Case(
            "questionnaires/wrong-type-weight.yaml", "weight", replace_once(q, "weight: 3", 'weight: "three"').encode()
        ),
        Case(
            "questionnaires/wrong-type-levels.yaml",
            "levels",
            replace_once(
                q,
                "    levels: *levels\n    source: {ref: {ja: 出典, en: Source}, confidence: S}",
                "    levels: [a, b]\n    source: {ref: {ja: 出典, en: Source}, confidence: S}",
            ).encode(),
        ),
        Case("questionnaires/wrong-type-id.yaml", "id", replace_once(q, "id: mini", "id: {name: mini}").encode()),
        Case(
            "questionnaires/unknown-policy.yaml",
            "unknown policy '9'",
            replace_once(q, item + '\n    policy: "2"', item + '\n    policy: "9"').encode(),
        ),
        Case(
            "questionnaires/unknown-principle.yaml",
            "unknown principle 'P9'",
            replace_once(
                q, item + '\n    policy: "2"\n    principles: [P1]', item + '\n    policy: "2"\n    principles: [P9]'
            ).encode(),
        ),
        Case(
            "questionnaires/duplicate-item-id.yaml",
            "duplicate id '2-01'",
            replace_once(q, item, '  - id: "2-01"').encode(),
        ),
        Case(
            "questionnaires/duplicate-key.yaml",
            "weight",
            replace_once(q, "    weight: 2\n", "    weight: 2\n    weight: 3\n").encode(),
        ),
        Case(
            "questionnaires/overlong-version.yaml",
            "version",
            replace_once(q, 'version: "0.1.0"', f'version: "{"9" * 60}"').encode(),
        ),
        Case("questionnaires/folder.yaml", "Is a directory", make=folder),
        Case("questionnaires/fifo.yaml", "not a regular file", make=fifo),
        Case("questionnaires/symlink-loop.yaml", "Too many levels of symbolic links", make=symlink_loop),
    ]


# --- answers files (import) -----------------------------------------------------------------------

UNIT = "テスト省/第一局/AI推進チーム"
CYCLE = "FY2026"


def answers_doc(answers: list[Any] | None = None, **top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "ai-readiness/answers@1",
        "unit": UNIT,
        "cycle": CYCLE,
        "questionnaire": {"id": "mini", "version": "0.1.0"},
        "answers": answers
        if answers is not None
        else [
            {"item": "1-01", "level": 2, "target": 4, "comment": "月次で利用状況を確認"},
            {"item": "1-02", "level": 3},
        ],
    }
    doc.update(top)
    return doc


def dumps(doc: Any, *, ascii_only: bool = False) -> bytes:
    return (json.dumps(doc, ensure_ascii=ascii_only, indent=2) + "\n").encode("utf-8")


def answers_cases() -> list[Case]:
    good = dumps(answers_doc())
    text = good.decode()

    def one(**entry: Any) -> bytes:
        return dumps(answers_doc([{"item": "1-01", **entry}]))

    return [
        Case("answers/empty.json", "the file is empty", b""),
        Case("answers/blank.json", "not an AI Readiness package", b"  \n\t\n"),
        Case("answers/truncated.json", "not valid JSON", good[: len(good) // 2]),
        Case("answers/shift-jis.json", "not UTF-8 text", text.encode("shift_jis")),
        Case("answers/utf-16.json", "saved as UTF-16", text.encode("utf-16")),
        Case(
            "answers/latin-1.json",
            "not UTF-8 text",
            dumps(answers_doc([{"item": "1-01", "level": 2, "comment": "café"}], unit="Ministère/Équipe"))
            .decode()
            .encode("latin-1"),
        ),
        Case("answers/deep-array.json", "nested too deeply", b'{"answers": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
        Case("answers/deep-object.json", "nested too deeply", b'{"a": ' * 5000 + b"1" + b"}" * 5000),
        Case("answers/huge.json", "at most 50.0 MB can be imported", make=sparse(50 * 1024 * 1024 + 1, b"{")),
        Case(
            "answers/many-answers.json",
            "entries; at most 20000",
            make=lambda p: p.write_bytes(dumps(answers_doc([{"item": "1-01", "level": 1}] * 20_001))),
        ),
        Case("answers/long-comment.json", "longer than 20000 characters", one(level=1, comment="長" * 20_001)),
        Case("answers/top-level-array.json", "must hold one JSON object", b'[{"item": "1-01", "level": 2}]\n'),
        Case("answers/wrong-type-answers.json", "answers: give a list", dumps(answers_doc({"1-01": 2}))),  # type: ignore[arg-type]
        Case("answers/wrong-type-level.json", "level must be 0-5", one(level="3")),
        Case("answers/wrong-type-unit.json", "unit: give the unit", dumps(answers_doc(unit=42))),
        Case("answers/wrong-type-format.json", "expected ai-readiness/answers@1", dumps(answers_doc(format=["x"]))),
        Case("answers/nan-level.json", "level must be 0-5", text.replace('"level": 2', '"level": NaN').encode()),
        Case(
            "answers/huge-number.json",
            "a number is far too long",
            text.replace('"level": 2', '"level": ' + "9" * 5000).encode(),
        ),
        Case(
            "answers/unknown-item.json",
            "'9-99' is not an item of mini@0.1.0",
            dumps(answers_doc([{"item": "9-99", "level": 2}])),
        ),
        Case(
            "answers/unknown-questionnaire.json",
            "questionnaire mini@9.9.9 is not known here",
            dumps(answers_doc(questionnaire={"id": "mini", "version": "9.9.9"})),
        ),
        Case("answers/unknown-field.json", "unknown field 'colour'", one(level=2, colour="red")),
        Case(
            "answers/future-format.json",
            "written by a newer AI Readiness",
            dumps(answers_doc(format="ai-readiness/answers@2")),
        ),
        Case(
            "answers/duplicate-item.json",
            "the item is listed twice",
            dumps(answers_doc([{"item": "1-01", "level": 2}, {"item": "1-01", "level": 3}])),
        ),
        Case(
            "answers/duplicate-key.json",
            "the key 'unit' appears twice",
            text.replace('"unit"', '"unit": "x/y",\n  "unit"', 1).encode(),
        ),
        Case("answers/nul-in-comment.json", "NUL", one(level=2, comment="before\x00after")),
        Case(
            "answers/lone-surrogate.json", "surrogate", text.replace("月次で利用状況を確認", "\\ud800 alone").encode()
        ),
        Case("answers/bad-unit-path.json", "unit path", dumps(answers_doc(unit="テスト省//AI推進チーム"))),
        Case("answers/deep-unit-path.json", "at most 20 levels", dumps(answers_doc(unit="/".join(["課"] * 1000)))),
        Case("answers/long-cycle.json", "cycle: give the cycle's name", dumps(answers_doc(cycle="FY" + "2" * 60))),
        Case("answers/nothing-to-import.json", "nothing to import", dumps(answers_doc([]))),
        Case(
            "answers/disguised-zip.json",
            "neither an AI Readiness package nor an Excel answer sheet",
            zip_of([("readme.txt", b"a ZIP archive named .json")]),
        ),
    ]


# --- packages (import) ----------------------------------------------------------------------------


def questionnaire_json() -> bytes:
    return exchange().questionnaire().canonical_json().encode("utf-8")


def good_package() -> bytes:
    xf = exchange()
    return bytes(xf.package(xf.payload(3, xf.LEVELS_R3)))


def payload_dict() -> dict[str, Any]:
    xf = exchange()
    return json.loads(xf.payload(3, xf.LEVELS_R3).to_bytes())


def signed(assessment: bytes, questionnaire: bytes | None = None, **extra: bytes) -> bytes:
    """A package whose manifest covers these members and is signed by the trusted team key."""
    xf = exchange()
    parts = {"assessment.json": assessment, "questionnaire.json": questionnaire or questionnaire_json(), **extra}
    return bytes(xf.resign(parts, xf.TEAM))


def with_digest(doc: dict[str, Any]) -> bytes:
    """``doc`` as assessment.json with a matching digest (it is valid by the schema)."""
    from models.exchange.payload import AssessmentData

    data = AssessmentData.model_validate(doc)
    return bytes(data.model_copy(update={"digest": data.computed_digest()}).to_bytes())


#: The uid and cycle of the assessments in signed packages: new to the test database.
NEW_UID = "fedcba9876543210fedcba9876543210"
NEW_CYCLE = "FY2027"


def signed_doc(change: Callable[[dict[str, Any]], None], *, digest: bool = True) -> bytes:
    """A signed package of a new assessment (``NEW_UID``), changed by ``change``."""
    doc = payload_dict()
    doc["uid"], doc["cycle"] = NEW_UID, NEW_CYCLE
    change(doc)
    return signed(with_digest(doc) if digest else dumps(doc, ascii_only=True))


def questionnaire_variant(change: Callable[[dict[str, Any]], None], *, deep: bool = False) -> bytes:
    """A package whose questionnaire.json is changed, its hash named in assessment.json (so only
    the questionnaire's content is wrong). ``deep``: the value "DEEP" becomes 5,000 nested lists."""
    content = json.loads(questionnaire_json())
    change(content)
    q = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    if deep:
        q = q.replace(b'"DEEP"', b"[" * 5000 + b"]" * 5000, 1)
    doc = payload_dict()
    doc["uid"], doc["cycle"] = NEW_UID, NEW_CYCLE
    doc["questionnaire"]["hash"] = hashlib.sha256(q).hexdigest()
    return signed(with_digest(doc), q)


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def lying_bomb() -> bytes:
    """A member whose central directory claims 100 bytes but which inflates to 20 MB."""
    data = bytearray(zip_of([*members(good_package()), ("pad.json", b" " * (20 * 1024 * 1024))]))
    patched = 0
    at = -1
    while (at := data.find(b"PK\x01\x02", at + 1)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + name_len]) == b"pad.json":
            struct.pack_into("<I", data, at + 24, 100)  # uncompressed size
            patched += 1
    assert patched == 1
    return bytes(data)


def zip64_claim() -> bytes:
    """A ZIP64 end record claiming a central directory of 1 TB (read naively, a huge allocation)."""
    good = good_package()
    eocd = good.rfind(b"PK\x05\x06")
    count, _, cd_offset = struct.unpack_from("<HII", good, eocd + 10)
    zip64 = struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, 2**40, cd_offset)
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, eocd, 1)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return good[:eocd] + zip64 + locator + end


def package_cases() -> list[Case]:
    good = good_package()
    parts = members(good)
    inner = zip_of([("assessment.json", dict(parts)["assessment.json"])])
    not_ours = sheet_bytes(plain_workbook=True)
    deep_doc = payload_dict()
    deep_doc["audit"][0]["new"] = "DEEP"
    deep_audit = dumps(deep_doc).replace(b'"DEEP"', b"[" * 5000 + b"]" * 5000, 1)

    def answers_twice(doc: dict[str, Any]) -> None:
        doc["answers"].append(dict(doc["answers"][0]))

    return [
        Case("packages/empty.airpkg", "the file is empty", b""),
        Case("packages/truncated.airpkg", "damaged or truncated", good[: len(good) // 2]),
        Case("packages/truncated-central-directory.airpkg", "damaged or truncated", good[:-30]),
        Case("packages/text.airpkg", "not an AI Readiness package", b"this is a text file named .airpkg\n"),
        Case("packages/shift-jis.airpkg", "not an AI Readiness package", "評価パッケージ".encode("shift_jis")),
        Case("packages/utf-16.airpkg", "saved as UTF-16", "package".encode("utf-16")),
        Case(
            "packages/huge.airpkg", "at most 50.0 MB can be imported", make=sparse(50 * 1024 * 1024 + 1, b"PK\x03\x04")
        ),
        Case(
            "packages/zip-bomb.airpkg",
            "unpacks to 68157440 bytes; at most 67108864",
            zip_of([*parts, ("bomb.json", b"0" * (65 * 1024 * 1024))]),
        ),
        Case("packages/zip-bomb-lying-size.airpkg", "damaged or truncated", lying_bomb()),
        Case("packages/zip64-claim.airpkg", "damaged or truncated", zip64_claim()),
        Case(
            "packages/many-members.airpkg",
            "members; at most 64 are accepted",
            zip_of([*parts, *((f"m{i:03d}", b"") for i in range(100))]),
        ),
        Case("packages/traversal.airpkg", "points outside the archive", zip_of([*parts, ("../../evil.json", b"{}")])),
        Case(
            "packages/traversal-inside.airpkg",
            "points outside the archive",
            zip_of([*parts, ("a/../../evil.json", b"{}")]),
        ),
        Case("packages/absolute-path.airpkg", "absolute or Windows path", zip_of([*parts, ("/etc/evil.json", b"{}")])),
        Case("packages/windows-path.airpkg", "absolute or Windows path", zip_of([*parts, ("C:\\evil.json", b"{}")])),
        Case(
            "packages/symlink-member.airpkg",
            "is a symbolic link",
            zip_of([*parts, ("notes.json", b"/etc/passwd")], flags={"notes.json": -0o120777}),
        ),
        Case(
            "packages/duplicate-member.airpkg",
            "appears twice in the archive",
            zip_of([*parts, ("manifest.json", dict(parts)["manifest.json"])]),
        ),
        Case(
            "packages/duplicate-member-case.airpkg",
            "appears twice in the archive",
            zip_of([*parts, ("Assessment.JSON", b"{}")]),
        ),
        Case("packages/nested-zip.airpkg", "is an archive inside the archive", zip_of([*parts, ("inner.zip", inner)])),
        Case(
            "packages/nested-zip-renamed.airpkg",
            "is an archive inside the archive",
            zip_of([*parts, ("notes.json", inner)]),
        ),
        Case(
            "packages/encrypted-member.airpkg",
            "is encrypted",
            zip_of(parts, flags={"assessment.json": 0x1}),
        ),
        Case(
            "packages/unsupported-compression.airpkg",
            "unsupported compression method",
            zip_of(parts, method=zipfile.ZIP_BZIP2),
        ),
        Case("packages/folder-member.airpkg", "is a folder", zip_of([*parts, ("extra/", b"")])),
        Case(
            "packages/disguised-sheet.airpkg",
            "not an AI Readiness answer sheet (its hidden _meta sheet",
            not_ours,
        ),
        Case("packages/junk-before-zip.airpkg", "not an AI Readiness package", b"MZ" + bytes(1000) + good),
        Case("packages/signed-deep-audit.airpkg", "assessment.json", signed(deep_audit)),
        Case(
            "packages/signed-wrong-type-level.airpkg",
            "assessment.json: answers[0].level",
            signed_doc(_set(("answers", 0, "level"), "3"), digest=False),
        ),
        Case(
            "packages/signed-wrong-type-answers.airpkg",
            "assessment.json: answers",
            signed_doc(_set(("answers",), {"1-01": 3}), digest=False),
        ),
        Case(
            "packages/signed-unknown-item.airpkg",
            "(item 9-99): not an item of mini@0.1.0",
            signed_doc(_set(("answers", 0, "item"), "9-99")),
        ),
        Case("packages/signed-duplicate-item.airpkg", "the item is answered twice", signed_doc(answers_twice)),
        Case(
            "packages/signed-shift-jis.airpkg",
            "assessment.json: not valid JSON",
            signed(dumps(payload_dict()).decode().encode("shift_jis")),
        ),
        Case(
            "packages/signed-utf-16.airpkg",
            "assessment.json: not valid JSON",
            signed(dumps(payload_dict()).decode().encode("utf-16")),
        ),
        Case(
            "packages/signed-nul-in-comment.airpkg",
            "NUL",
            signed_doc(_set(("answers", 0, "comment"), "before\x00after")),
        ),
        Case(
            "packages/signed-lone-surrogate.airpkg",
            "surrogate",
            signed(dumps(payload_dict()).replace("のコメント".encode(), b"\\udc80")),
        ),
        Case("packages/signed-huge-revision.airpkg", "revision", signed_doc(_set(("revision",), 10**30), digest=False)),
        Case(
            "packages/signed-extreme-date.airpkg",
            "answered_at: Value error, the date and time is out of range",
            signed_doc(_set(("answers", 0, "answered_at"), "0001-01-01T00:00:00+14:00"), digest=False),
        ),
        Case(
            "packages/signed-cycle-with-slash.airpkg",
            "cycle name",
            signed_doc(_set(("cycle",), "FY2026/../x")),
        ),
        Case(
            "packages/signed-deep-unit.airpkg",
            "at most 20 levels",
            signed_doc(_set(("unit", "path"), "/".join(["課"] * 900))),
        ),
        Case(
            "packages/signed-huge-number.airpkg",
            "assessment.json",
            signed(dumps(payload_dict()).replace(b'"revision": 3', b'"revision": ' + b"9" * 5000, 1)),
        ),
        Case(
            "packages/signed-unknown-questionnaire.airpkg",
            "does not match the questionnaire hash",
            signed(dumps(payload_dict()), b'{"format": "ai-readiness/questionnaire@1"}'),
        ),
        Case(
            "packages/signed-questionnaire-wrong-types.airpkg",
            "not a valid questionnaire",
            questionnaire_variant(lambda q: q["items"][0].update(weight="three")),
        ),
        Case(
            "packages/signed-questionnaire-duplicate-ids.airpkg",
            "duplicate id",
            questionnaire_variant(lambda q: q["items"][3].update(id=q["items"][2]["id"])),
        ),
        Case(
            "packages/signed-questionnaire-unknown-policy.airpkg",
            "unknown policy",
            questionnaire_variant(lambda q: q["items"][3].update(policy="9")),
        ),
        Case(
            "packages/signed-questionnaire-deep.airpkg",
            "not a valid questionnaire",
            questionnaire_variant(lambda q: q["items"][0]["question"].update(ja="DEEP"), deep=True),
        ),
        Case(
            "packages/signed-extra-member.airpkg",
            "is not part of an assessment package",
            signed(dumps(payload_dict()), None, **{"notes.json": b"{}"}),
        ),
    ]


# --- answer sheets (import) -----------------------------------------------------------------------


def stable_xlsx(content: bytes) -> bytes:
    """The same workbook with fixed ZIP timestamps and document dates (openpyxl stamps the time)."""
    items = []
    for name, data in members(content):
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2026-05-01T09:00:00Z", data)
        items.append((name, data))
    return zip_of(items)


@cache
def blank_sheet() -> bytes:
    from models.answer_sheet import _workbook

    q = exchange().questionnaire()
    meta = {
        "format": "ai-readiness/answer-sheet@1",
        "unit": UNIT,
        "cycle": CYCLE,
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "questionnaire_hash": q.hash,
        "assessment_uid": "",
    }
    return stable_xlsx(_workbook(meta, [(item.id, item) for item in q.items], {}))


def sheet_bytes(
    cells: dict[str, Any] | None = None, meta: dict[str, Any] | None = None, *, plain_workbook: bool = False
) -> bytes:
    """The blank mini sheet with ``cells`` of Answers and ``meta`` cells of _meta set.
    Rows: 2 = 1-01, 3 = 1-02, 4 = 2-01, 5 = 2-02; columns C level, D target, E N/A reason, F comment."""
    from openpyxl import Workbook, load_workbook

    if plain_workbook:
        book = Workbook()
        book.active["A1"] = "Item"  # type: ignore[index]
    else:
        book = load_workbook(io.BytesIO(blank_sheet()))
        for ref, value in (cells or {}).items():
            book["Answers"][ref] = value
        for ref, value in (meta or {}).items():
            book["_meta"][ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_xlsx(buffer.getvalue())


def replace_member(content: bytes, name: str, data: bytes) -> bytes:
    return zip_of([(n, data if n == name else d) for n, d in members(content)])


def many_rows(path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(sheet_bytes({"C2": 3})))
    sheet = book["Answers"]
    sheet["A5002"] = "1-01"
    book.save(path)


def sheet_cases() -> list[Case]:
    good = sheet_bytes({"C2": 3, "D2": 4, "F2": "研修を実施済み"})
    parts = members(good)
    sheet1 = dict(parts)["xl/worksheets/sheet1.xml"]
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
        )
        + b"]>\n"
    )
    xml_bomb = sheet1.replace("研修を実施済み".encode(), b"&lol9;", 1)
    xml_bomb = bomb + xml_bomb.split(b"?>", 1)[-1]
    xxe = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' + sheet1.split(
        b"?>", 1
    )[-1].replace("研修を実施済み".encode(), b"&secret;", 1)
    return [
        Case("sheets/empty.xlsx", "the file is empty", b""),
        Case("sheets/truncated.xlsx", "damaged or truncated", good[: len(good) // 2]),
        Case("sheets/truncated-central-directory.xlsx", "damaged or truncated", good[:-30]),
        Case("sheets/text.xlsx", "not an AI Readiness package", b"item,level\n1-01,3\n"),
        Case("sheets/shift-jis.xlsx", "not an AI Readiness package", "項目,水準\n1-01,3\n".encode("shift_jis")),
        Case("sheets/utf-16.xlsx", "saved as UTF-16", "item,level\n1-01,3\n".encode("utf-16")),
        Case(
            "sheets/password-protected.xlsx",
            "password-protected Excel file",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"EncryptionInfo",
        ),
        Case("sheets/huge.xlsx", "at most 50.0 MB can be imported", make=sparse(50 * 1024 * 1024 + 1, b"PK\x03\x04")),
        Case("sheets/not-ours.xlsx", "not an AI Readiness answer sheet", sheet_bytes(plain_workbook=True)),
        Case(
            "sheets/document-not-workbook.xlsx",
            "neither an AI Readiness package nor an Excel answer sheet",
            zip_of([("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>")]),
        ),
        Case(
            "sheets/xml-entity-bomb.xlsx",
            "not a readable Excel workbook",
            replace_member(good, "xl/worksheets/sheet1.xml", xml_bomb),
        ),
        Case(
            "sheets/xml-external-entity.xlsx",
            "not a readable Excel workbook",
            replace_member(good, "xl/worksheets/sheet1.xml", xxe),
        ),
        Case(
            "sheets/zip-bomb.xlsx",
            "unpacks to 35651584 bytes; at most 33554432",
            zip_of([*parts, ("xl/media/pad.bin", b"\0" * (34 * 1024 * 1024))]),
        ),
        Case(
            "sheets/many-members.xlsx",
            "members; at most 1000",
            zip_of([*parts, *((f"xl/p{i}", b"") for i in range(1001))]),
        ),
        Case("sheets/traversal.xlsx", "points outside the archive", zip_of([*parts, ("../evil.xml", b"<x/>")])),
        Case("sheets/absolute-path.xlsx", "absolute or Windows path", zip_of([*parts, ("/tmp/evil.xml", b"<x/>")])),
        Case(
            "sheets/symlink-member.xlsx",
            "is a symbolic link",
            zip_of([*parts, ("xl/link.xml", b"/etc/passwd")], flags={"xl/link.xml": -0o120777}),
        ),
        Case(
            "sheets/duplicate-member.xlsx",
            "appears twice in the archive",
            zip_of([*parts, ("xl/worksheets/sheet1.xml", sheet1)]),
        ),
        Case("sheets/encrypted-member.xlsx", "is encrypted", zip_of(parts, flags={"xl/worksheets/sheet1.xml": 0x1})),
        Case(
            "sheets/nested-zip.xlsx",
            "is an archive inside the archive",
            zip_of([*parts, ("xl/embeddings/inner.zip", zip_of([("a.txt", b"a")]))]),
        ),
        Case("sheets/wrong-type-level-text.xlsx", "Answers!C2: level must be 0-5 or N/A", sheet_bytes({"C2": "three"})),
        Case("sheets/wrong-type-level-fraction.xlsx", "Answers!C2: level must be 0-5 or N/A", sheet_bytes({"C2": 2.5})),
        Case("sheets/wrong-type-level-boolean.xlsx", "Answers!C2: level must be 0-5 or N/A", sheet_bytes({"C2": True})),
        Case("sheets/target-out-of-range.xlsx", "Answers!D2: target must be 0-5", sheet_bytes({"C2": 3, "D2": 9})),
        Case("sheets/na-without-reason.xlsx", "Answers!E2: N/A needs a reason", sheet_bytes({"C2": "N/A"})),
        Case("sheets/long-comment.xlsx", "longer than 20000 characters", sheet_bytes({"C2": 3, "F2": "長" * 20_001})),
        Case("sheets/unknown-item.xlsx", "'9-99' is not an item of mini@0.1.0", sheet_bytes({"A2": "9-99", "C2": 3})),
        Case("sheets/duplicate-item.xlsx", "item 1-01 appears twice", sheet_bytes({"A3": "1-01", "C2": 3, "C3": 2})),
        Case("sheets/nothing-filled.xlsx", "nothing to import", blank_sheet()),
        Case("sheets/many-rows.xlsx", "rows; at most 5000", make=many_rows),
        Case("sheets/columns-changed.xlsx", "the sheet's columns were changed", sheet_bytes({"A1": "番号", "C2": 3})),
        Case(
            "sheets/meta-future.xlsx",
            "written by a newer AI Readiness",
            sheet_bytes({"C2": 3}, {"B1": "ai-readiness/answer-sheet@2"}),
        ),
        Case(
            "sheets/meta-unknown-questionnaire.xlsx",
            "which this database does not have",
            sheet_bytes({"C2": 3}, {"B6": "f" * 64}),
        ),
        Case("sheets/meta-missing-unit.xlsx", "lack unit", sheet_bytes({"C2": 3}, {"B2": None})),
        Case("sheets/meta-bad-unit.xlsx", "unit path", sheet_bytes({"C2": 3}, {"B2": "テスト省//課"})),
        Case(
            "sheets/meta-deep-unit.xlsx", "at most 20 levels", sheet_bytes({"C2": 3}, {"B2": "/".join(["課"] * 1000)})
        ),
        Case("sheets/meta-bad-cycle.xlsx", "cycle name", sheet_bytes({"C2": 3}, {"B3": "FY2026/H1"})),
    ]


# --- database files (--db) ------------------------------------------------------------------------


def stable_sqlite(content: bytes) -> bytes:
    """The same database with the header's change counter and SQLite version fixed."""
    out = bytearray(content)
    struct.pack_into(">I", out, 24, 1)  # file change counter
    struct.pack_into(">II", out, 92, 1, 3_040_001)  # version-valid-for, SQLite version number
    return bytes(out)


def sqlite_bytes(statements: list[str]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.db"
        conn = sqlite3.connect(path)
        try:
            for statement in statements:
                conn.execute(statement)
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        return stable_sqlite(path.read_bytes())


_CONSTRAINTS = ("PRIMARY KEY", "CONSTRAINT", "UNIQUE", "FOREIGN KEY", "CHECK")


def _stable_schema(sql: str) -> str:
    """A CREATE TABLE with its table constraints sorted: Alembic's batch migrations write them in
    set order, which changes from run to run (the schema means the same either way)."""
    if not sql.startswith("CREATE TABLE") or " (\n\t" not in sql:
        return sql
    head, body = sql.split(" (\n\t", 1)
    parts = body.removesuffix("\n)").split(", \n\t")
    columns = [part for part in parts if not part.startswith(_CONSTRAINTS)]
    constraints = sorted(part for part in parts if part.startswith(_CONSTRAINTS))
    return f"{head} (\n\t" + ", \n\t".join(columns + constraints) + "\n)"


@cache
def our_database() -> bytes:
    """An AI Readiness database at the current schema with a unit, a cycle and an assessment."""
    from models.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        made = Path(tmp) / "made.db"
        open_database(f"sqlite:///{made}").dispose()
        conn = sqlite3.connect(made)
        try:
            schema = conn.execute(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type DESC, name"
            ).fetchall()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
        path = Path(tmp) / "ours.db"
        conn = sqlite3.connect(path)
        try:
            conn.execute("PRAGMA page_size = 1024")  # small pages keep the committed files small
            for (sql,) in schema:
                conn.execute(_stable_schema(sql))
            conn.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
            conn.execute(
                "INSERT INTO org_unit (id, name_ja, created_at) VALUES (1, 'テスト省', '2026-05-01 00:00:00.000000')"
            )
            conn.execute("INSERT INTO cycle (id, name, created_at) VALUES (1, 'FY2026', '2026-05-01 00:00:00.000000')")
            conn.execute(
                "INSERT INTO questionnaire (id, qid, version, edition, kind, hash, content, loaded_at) "
                "VALUES (1, 'mini', '0.1.0', 'test', 'plan', ?, '{}', '2026-05-01 00:00:00.000000')",
                ("0" * 64,),
            )
            conn.execute(
                "INSERT INTO assessment (id, unit_id, cycle_id, questionnaire_id, uid, revision, status, version, "
                "created_by, created_at, updated_at) VALUES (1, 1, 1, 1, ?, 1, 'draft', 1, 'x', "
                "'2026-05-01 00:00:00.000000', '2026-05-01 00:00:00.000000')",
                ("0123456789abcdef0123456789abcdef",),
            )
            conn.commit()
            conn.execute("VACUUM")
            conn.execute("PRAGMA journal_mode = WAL")  # as every database of ours is
        finally:
            conn.close()
        return stable_sqlite(path.read_bytes())


def with_sql(content: bytes, statements: list[str]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.db"
        path.write_bytes(content)
        conn = sqlite3.connect(path)
        try:
            for statement in statements:
                conn.execute(statement)
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        return stable_sqlite(path.read_bytes())


def garbage_pages(content: bytes) -> bytes:
    """Page 1 (header and schema) kept, every other page overwritten with a fixed pattern."""
    page = struct.unpack_from(">H", content, 16)[0]
    noise = bytes((n * 37 + 11) % 251 for n in range(len(content) - page))
    return content[:page] + noise


def database_cases() -> list[Case]:
    ours = our_database()
    page = struct.unpack_from(">H", ours, 16)[0]
    other = sqlite_bytes(
        ["CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", "INSERT INTO notes (body) VALUES ('買い物メモ')"]
    )
    bad_page_size = bytearray(ours)
    struct.pack_into(">H", bad_page_size, 16, 3)
    return [
        Case("databases/text.db", "not an AI Readiness database", "これはデータベースではありません\n".encode() * 50),
        Case("databases/utf-16.db", "not an AI Readiness database", "not a database\n".encode("utf-16") * 50),
        Case("databases/shift-jis.db", "not an AI Readiness database", "データベース\n".encode("shift_jis") * 50),
        Case("databases/zip.db", "not an AI Readiness database", good_package()),
        Case("databases/header-only.db", "not an AI Readiness database", ours[:100]),
        Case("databases/truncated.db", "not an AI Readiness database", ours[: page * 2 + 100]),
        Case("databases/garbage-pages.db", "damaged", garbage_pages(ours)),
        Case("databases/bad-page-size.db", "not an AI Readiness database", bytes(bad_page_size)),
        Case("databases/other-app.db", "not made by AI Readiness", other),
        Case(
            "databases/other-app-with-alembic.db",
            "not made by AI Readiness",
            with_sql(
                other,
                [
                    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
                    "INSERT INTO alembic_version VALUES ('3f2a9c1b7d4e')",
                ],
            ),
        ),
        Case(
            "databases/other-app-empty-alembic.db",
            "not made by AI Readiness",
            with_sql(other, ["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"]),
        ),
        Case(
            "databases/future-revision.db",
            "written by a newer AI Readiness",
            with_sql(ours, ["UPDATE alembic_version SET version_num = '9999_future'"]),
        ),
        Case(
            "databases/two-revisions.db",
            "several schema versions",
            with_sql(ours, ["INSERT INTO alembic_version VALUES ('9999_future')"]),
        ),
        Case(
            "databases/wrong-type-revision.db",
            "(schema 42)",
            with_sql(ours, ["UPDATE alembic_version SET version_num = 42"]),
        ),
        Case(
            "databases/tables-missing.db",
            "no such table: org_unit",
            with_sql(ours, ["DROP TABLE org_unit"]),
        ),
        Case("databases/huge-sparse.db", "damaged", make=sparse(3 * 1024**3, ours[:100])),
        Case("databases/folder.db", "is a folder", make=folder),
        Case("databases/fifo.db", "not a regular file", make=fifo),
        Case("databases/symlink-loop.db", "leads nowhere", make=symlink_loop),
    ]


# --- all ------------------------------------------------------------------------------------------


@cache
def cases() -> tuple[Case, ...]:
    found = (*questionnaire_cases(), *answers_cases(), *package_cases(), *sheet_cases(), *database_cases())
    paths = [c.path for c in found]
    assert len(paths) == len(set(paths)), "duplicate case"
    return found


def committed_files() -> dict[str, bytes]:
    return {c.path: c.content for c in cases() if c.content is not None}


def write_all(folder: Path = HERE) -> list[Path]:
    written = []
    for name, content in committed_files().items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        written.append(target)
    return written


if __name__ == "__main__":
    for kind in KINDS:
        for old in (HERE / kind).glob("*") if (HERE / kind).exists() else ():
            old.unlink()
    paths = write_all()
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files ({total / 1024:.0f} KB), {len(cases()) - len(paths)} more made at test time")
