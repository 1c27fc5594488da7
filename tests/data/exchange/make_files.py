"""Make the exchange test files: good and malformed packages, answers files and answer sheets.

    .venv/bin/python tests/data/exchange/make_files.py      # rewrite the files beside this script

The output is deterministic (fixed keys derived from seeds, fixed ids and timestamps), so the
committed files can be checked against a fresh run (tests/test_exchange_files.py does). Only
the oversized file (> 50 MB) is not committed: :func:`make_oversized` writes it, sparse, when
a test needs it.

Keys: ``team`` signs the good packages (its public key is ``team.pem``); ``intruder`` re-signs a
tampered package. Both are test keys from fixed seeds, never used outside the tests.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import warnings
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from openpyxl import Workbook, load_workbook  # noqa: E402

from models.answer_sheet import ANSWERS, META, _workbook  # noqa: E402
from models.exchange import package as pkg  # noqa: E402
from models.exchange.payload import AnswerData, AssessmentData, AuditData, QuestionnaireRef, UnitData  # noqa: E402
from models.keys import SigningKey  # noqa: E402
from questionnaires.loader import load  # noqa: E402

MINI = ROOT / "tests" / "data" / "mini-questionnaire.yaml"
UID = "0123456789abcdef0123456789abcdef"
UNIT = "テスト省/第一局/AI推進チーム"
CYCLE = "FY2026"
OVERSIZED = "oversized.airpkg"
#: The fixed time every generated file states (so a fresh run gives the same bytes).
T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def key(seed: str) -> SigningKey:
    return SigningKey(Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed.encode()).digest()))


TEAM = key("ai-readiness test team key")
INTRUDER = key("ai-readiness test intruder key")


def questionnaire():  # type: ignore[no-untyped-def]
    return load(MINI)


def payload(revision: int, levels: dict[str, int], *, status: str = "draft", based_on=None) -> AssessmentData:  # type: ignore[no-untyped-def]
    q = questionnaire()
    answers = [
        AnswerData(
            item=item,
            level=level,
            target=min(5, level + 1),
            comment=f"{item} のコメント (revision {revision})",
            answered_by="山田 花子",
            answered_at=T0 + timedelta(hours=revision),
        )
        for item, level in sorted(levels.items())
    ]
    audit = [AuditData(at=T0, actor="山田 花子", action="create", new={"unit": UNIT})]
    audit += [
        AuditData(at=a.answered_at, actor="山田 花子", action="answer", item=a.item, field="level", new=a.level)
        for a in answers
    ]
    approved = status == "approved"
    data = AssessmentData(
        format="ai-readiness/assessment@1",
        uid=UID,
        revision=revision,
        digest="0" * 64,
        based_on=based_on,
        unit=UnitData(path=UNIT, name_en="AI Promotion Team"),
        cycle=CYCLE,
        questionnaire=QuestionnaireRef(id=q.id, version=q.version, hash=q.hash),
        status=status,  # type: ignore[arg-type]
        submitted_by="山田 花子" if status != "draft" else None,
        submitted_at=T0 + timedelta(days=1) if status != "draft" else None,
        approver="佐藤課長" if approved else None,
        approved_at=T0 + timedelta(days=2) if approved else None,
        created_by="山田 花子",
        created_at=T0,
        updated_at=T0 + timedelta(hours=revision),
        answers=answers,
        audit=audit,
    )
    return data.model_copy(update={"digest": data.computed_digest()})


def package(data: AssessmentData, signer: SigningKey = TEAM) -> bytes:
    return pkg.build_package(data, questionnaire().canonical_json().encode("utf-8"), {}, signer)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(items: list[tuple[str, bytes]], *, mode: int = 0o644) -> bytes:
    """A ZIP of exactly these members, in this order (duplicates and odd names allowed)."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in items:
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3
                info.external_attr = (mode if not name.startswith("link") else 0o120777) << 16
                archive.writestr(info, content)
    return buffer.getvalue()


def resign(parts: dict[str, bytes], signer: SigningKey) -> bytes:
    """Rebuild the manifest over ``parts`` and sign it with ``signer``."""
    parts = {k: v for k, v in parts.items() if k not in (pkg.MANIFEST, pkg.SIGNATURE, pkg.SIGNER)}
    parts[pkg.SIGNER] = signer.public_pem()
    manifest = pkg._manifest_bytes(parts, signer.fingerprint)
    import base64

    parts[pkg.MANIFEST] = manifest
    parts[pkg.SIGNATURE] = base64.b64encode(signer.sign(manifest)) + b"\n"
    return rezip(sorted(parts.items()))


LEVELS_R3 = {"1-01": 2, "1-02": 3, "2-01": 1}
LEVELS_R5 = {"1-01": 3, "1-02": 4, "2-01": 2, "2-02": 1}


def packages() -> dict[str, bytes]:
    good = package(payload(3, LEVELS_R3))
    parts = members(good)
    tampered_json = parts[pkg.ASSESSMENT].replace(b'"level": 2', b'"level": 5', 1)
    assert tampered_json != parts[pkg.ASSESSMENT]
    # A forger who also fixes the digest and signs with their own key: only trust stops them.
    forged = AssessmentData.model_validate_json(tampered_json)
    forged = forged.model_copy(update={"digest": forged.computed_digest()})
    tampered_manifest = json.loads(parts[pkg.MANIFEST])
    tampered_manifest["members"][pkg.ASSESSMENT]["sha256"] = hashlib.sha256(tampered_json).hexdigest()
    tampered_manifest["members"][pkg.ASSESSMENT]["size"] = len(tampered_json)
    future = dict(parts)
    future_manifest = json.loads(parts[pkg.MANIFEST])
    future_manifest["format"] = "ai-readiness/package@2"
    future_bytes = (json.dumps(future_manifest, indent=1) + "\n").encode()
    future[pkg.MANIFEST] = future_bytes
    import base64

    future[pkg.SIGNATURE] = base64.b64encode(TEAM.sign(future_bytes)) + b"\n"
    wrong = dict(parts)
    wrong_manifest = json.loads(parts[pkg.MANIFEST])
    wrong_manifest["format"] = "other-app/bundle@1"
    wrong_bytes = (json.dumps(wrong_manifest, indent=1) + "\n").encode()
    wrong[pkg.MANIFEST] = wrong_bytes
    wrong[pkg.SIGNATURE] = base64.b64encode(TEAM.sign(wrong_bytes)) + b"\n"
    inner = rezip([("assessment.json", parts[pkg.ASSESSMENT])])
    ordered = sorted(parts.items())
    return {
        "good.airpkg": good,
        "good-newer.airpkg": package(payload(5, LEVELS_R5)),
        "good-approved.airpkg": package(payload(4, LEVELS_R3, status="approved")),
        "good-approved-newer.airpkg": package(payload(6, LEVELS_R5, status="approved")),
        "good-reopened-newer.airpkg": package(payload(7, LEVELS_R5, status="draft")),
        "tampered-member.airpkg": rezip(sorted({**parts, pkg.ASSESSMENT: tampered_json}.items())),
        "tampered-manifest.airpkg": rezip(
            sorted(
                {
                    **parts,
                    pkg.ASSESSMENT: tampered_json,
                    pkg.MANIFEST: (json.dumps(tampered_manifest, indent=1) + "\n").encode(),
                }.items()
            )
        ),
        "resigned-untrusted.airpkg": resign({**parts, pkg.ASSESSMENT: forged.to_bytes()}, INTRUDER),
        "truncated.airpkg": good[: len(good) // 2],
        "future-version.airpkg": rezip(sorted(future.items())),
        "wrong-format.airpkg": rezip(sorted(wrong.items())),
        "traversal.airpkg": rezip([*ordered, ("../../evil.json", b"{}")]),
        "absolute-path.airpkg": rezip([*ordered, ("/etc/evil.json", b"{}")]),
        "duplicate-member.airpkg": rezip([*ordered, (pkg.ASSESSMENT, tampered_json)]),
        "symlink.airpkg": rezip([*ordered, ("link-to-passwd", b"/etc/passwd")]),
        "nested-zip.airpkg": rezip([*ordered, ("inner.zip", inner)]),
        "nested-zip-renamed.airpkg": rezip([*ordered, ("extra.json", inner)]),
        "many-members.airpkg": rezip([*ordered, *((f"pad/{i:03d}.json", b"{}") for i in range(80))]),
        "zip-bomb.airpkg": rezip([*ordered, ("bomb.json", b"0" * (130 * 1024 * 1024))]),
        "unlisted-member.airpkg": rezip([*ordered, ("notes.json", b'{"note": 1}')]),
        "missing-signature.airpkg": rezip([(n, c) for n, c in ordered if n != pkg.SIGNATURE]),
        "not-a-package.zip": rezip([("readme.txt", b"hello")]),
    }


def answers_files() -> dict[str, bytes]:
    def doc(answers: list[dict[str, object]], **top: object) -> bytes:
        base: dict[str, object] = {
            "format": "ai-readiness/answers@1",
            "unit": UNIT,
            "cycle": CYCLE,
            "questionnaire": {"id": "mini", "version": "0.1.0"},
            "answers": answers,
        }
        base.update(top)
        return (json.dumps(base, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    good = [
        {"item": "1-01", "level": 2, "target": 4, "comment": "月次で利用状況を確認"},
        {"item": "1-02", "level": 3},
        {"item": "2-01", "na": "当課では該当業務なし"},
        {"item": "2-02", "level": 1, "target": 2},
    ]
    invalid = [
        {"item": "1-01", "level": 2},
        {"item": "1-02", "level": 3, "na": "both"},
        {"item": "2-01", "level": "high"},
        {"item": "2-02", "level": 7},
        {"item": "1-01", "level": 1, "colour": "red"},
        {"level": 3},
        {"item": "2-02", "target": 9, "na": ""},
    ]
    return {
        "answers-good.json": doc(good),
        "answers-invalid.json": doc(invalid),
        "answers-unknown-item.json": doc([{"item": "1-01", "level": 1}, {"item": "9-99", "level": 2}]),
        "answers-future.json": doc(good, format="ai-readiness/answers@2"),
        "answers-wrong-format.json": doc(good, format="someone-else/answers@1"),
        "answers-unknown-questionnaire.json": doc(good, questionnaire={"id": "mini", "version": "9.9.9"}),
        "answers-broken.json": doc(good)[:-40],
        "answers-not-utf8.json": doc(good).replace("月次".encode(), "月次".encode("shift_jis")),
        "random.bin": bytes(range(256)) * 4,
    }


def sheets() -> dict[str, bytes]:
    q = questionnaire()
    meta = {
        "format": "ai-readiness/answer-sheet@1",
        "unit": UNIT,
        "cycle": CYCLE,
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "questionnaire_hash": q.hash,
        "assessment_uid": "",
    }
    blank = _workbook(meta, [(item.id, item) for item in q.items], {})

    def edit(content: bytes, cells: dict[str, object], meta_cells: dict[str, object] | None = None) -> bytes:
        book = load_workbook(io.BytesIO(content))
        for ref, value in cells.items():
            book[ANSWERS][ref] = value
        for ref, value in (meta_cells or {}).items():
            book[META][ref] = value
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    plain = Workbook()
    plain.active["A1"] = "Item"  # type: ignore[index]
    plain_bytes = io.BytesIO()
    plain.save(plain_bytes)
    # Rows: 2 = 1-01, 3 = 1-02, 4 = 2-01, 5 = 2-02.
    return {
        "sheet-blank.xlsx": blank,
        "sheet-good.xlsx": edit(
            blank, {"C2": 3, "D2": 4, "F2": "研修を実施済み", "C3": "2", "C4": "N/A", "E4": "対象業務なし"}
        ),
        "sheet-bad-cells.xlsx": edit(
            blank,
            {"C2": 7, "C3": "high", "D3": 9, "C4": "N/A", "F5": "a comment without a level", "E2": "reason"},
        ),
        "sheet-future.xlsx": edit(blank, {"C2": 3}, {"B1": "ai-readiness/answer-sheet@2"}),
        "sheet-not-ours.xlsx": plain_bytes.getvalue(),
    }


def all_files() -> dict[str, bytes]:
    return {**packages(), **answers_files(), **sheets(), "team.pem": TEAM.public_pem()}


def make_oversized(path: Path) -> Path:
    """A sparse file just over 50 MB that starts like a ZIP (never read: its size is refused first)."""
    with path.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(50 * 1024 * 1024 + 1)
    return path


def write_all(folder: Path = HERE) -> list[Path]:
    written = []
    for name, content in all_files().items():
        target = folder / name
        target.write_bytes(content)
        written.append(target)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
