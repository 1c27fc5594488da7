"""Packages between installations: a round trip keeps scores and audit, the same package twice
changes nothing, a newer revision updates (audited), changes on both sides are a conflict the
user settles, an approved copy is only replaced by an approved revision, exports are
deterministic, and a scrubbed export holds no personal text anywhere in its bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from sqlmodel import select

from models import assessments, org
from models.db import open_database, session_for
from models.evidence import add_evidence
from models.tables import AnswerUpdate, Assessment, Evidence, ExchangeConflict
from tests.exchange_support import EXCHANGE, dump, make_files, outcome, use_installation
from tests.helpers import cli

UNIT = "テスト省/第一局/AI推進チーム"


def _team_assessment(url: str, tmp_path: Path, names: dict[str, str] | None = None) -> int:
    """A full team assessment made through the services: answers, N/A, comments, evidence of
    every kind, submitted with a reason, reopened, submitted again and approved."""
    n = {
        "creator": "作成 太郎",
        "answerer": "回答 花子",
        "comment": "研修を四半期ごとに実施",
        "na": "当課には該当業務がない",
        "evidence_text": "研修記録は共有フォルダ",
        "evidence_url": "https://intra.example.go.jp/kenshu",
        "evidence_file": "kenshu-kiroku.txt",
        "evidence_adder": "証拠 次郎",
        "submitter": "提出 三郎",
        "submit_reason": "一項目は来期に回答",
        "reopen_reason": "誤記の修正",
        "approver": "承認 課長",
    } | (names or {})
    evidence_file = tmp_path / n["evidence_file"]
    evidence_file.write_text("研修の記録", encoding="utf-8")
    engine = open_database(url)
    try:
        with session_for(engine) as s:
            unit, _ = org.add_unit_path(session=s, path=UNIT)
            cycle, _ = org.add_cycle(session=s, name="FY2026")
            aid = assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor=n["creator"])
            save = assessments.save_answer
            save(
                session=s,
                assessment_id=aid,
                item_id="1-01",
                change=AnswerUpdate(level=3, target=4, comment=n["comment"]),
                actor=n["answerer"],
            )
            save(
                session=s,
                assessment_id=aid,
                item_id="1-02",
                change=AnswerUpdate(level=1, target=3),
                actor=n["answerer"],
            )
            save(
                session=s,
                assessment_id=aid,
                item_id="2-01",
                change=AnswerUpdate(na_reason=n["na"]),
                actor=n["answerer"],
            )
            add_evidence(
                session=s,
                assessment_id=aid,
                item_id="1-01",
                kind="text",
                text=n["evidence_text"],
                actor=n["evidence_adder"],
            )
            add_evidence(
                session=s,
                assessment_id=aid,
                item_id="1-01",
                kind="link",
                url=n["evidence_url"],
                actor=n["evidence_adder"],
            )
            add_evidence(
                session=s,
                assessment_id=aid,
                item_id="1-02",
                kind="file",
                file_path=evidence_file,
                actor=n["evidence_adder"],
            )
            assessments.submit_assessment(session=s, assessment_id=aid, actor=n["submitter"], reason=n["submit_reason"])
            assessments.reopen_assessment(session=s, assessment_id=aid, reason=n["reopen_reason"], actor=n["approver"])
            assessments.submit_assessment(session=s, assessment_id=aid, actor=n["submitter"], reason=n["submit_reason"])
            assessments.approve_assessment(session=s, assessment_id=aid, approver=n["approver"], actor=n["approver"])
    finally:
        engine.dispose()
    return aid


def _evidence(url: str, assessment_id: int) -> list[tuple[object, ...]]:
    engine = open_database(url)
    try:
        with session_for(engine) as s:
            rows = s.exec(select(Evidence).order_by(Evidence.id)).all()  # type: ignore[arg-type]
            return [(e.kind, e.text, e.url, e.filename, e.sha256, e.size, e.added_by) for e in rows]
    finally:
        engine.dispose()


def test_round_trip_keeps_scores_answers_evidence_and_audit(
    db_url: str, mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    team_db = f"sqlite:///{tmp_path / 'team.db'}"
    package, key_file = tmp_path / "team.airpkg", tmp_path / "team.pem"
    use_installation(monkeypatch, tmp_path, "team")
    team_id = _team_assessment(team_db, tmp_path)
    assert cli(capsys, "--db", team_db, "export", str(team_id), "-o", str(package)).code == 0
    assert cli(capsys, "--db", team_db, "keys", "export", "-o", str(key_file)).code == 0
    team_key = cli(capsys, "--db", team_db, "keys", "list", "--json").json[0]["fingerprint"]

    use_installation(monkeypatch, tmp_path, "coordinator")
    assert cli(capsys, "--db", db_url, "keys", "import", str(key_file), "--label", "AI推進チーム").code == 0
    result = outcome(cli(capsys, "--db", db_url, "import", str(package), "--json"))
    assert result["status"] == "imported"
    new_id = result["assessment"]

    assert (
        cli(capsys, "--db", db_url, "score", str(new_id), "--json").json
        == cli(capsys, "--db", team_db, "score", str(team_id), "--json").json
    )
    listed = cli(capsys, "--db", db_url, "assessment", "list", "--json").json
    assert [(r["unit"], r["cycle"], r["status"]) for r in listed] == [(UNIT, "FY2026", "approved")]
    assert _evidence(db_url, new_id) == _evidence(team_db, team_id)

    team_audit = cli(capsys, "--db", team_db, "audit", str(team_id), "--json").json
    coordinator_audit = cli(capsys, "--db", db_url, "audit", str(new_id), "--json").json
    assert coordinator_audit[: len(team_audit)] == team_audit
    imported = coordinator_audit[len(team_audit) :]
    assert [(e["action"], e["actor"]) for e in imported] == [("import", "tester")]
    team_engine, coordinator_engine = open_database(team_db), open_database(db_url)
    with session_for(team_engine) as a, session_for(coordinator_engine) as b:
        original, copy = a.get(Assessment, team_id), b.get(Assessment, new_id)
        assert original is not None and copy is not None
        assert (copy.uid, copy.revision, copy.approver) == (original.uid, original.revision, original.approver)
        assert imported[0]["new"] == {
            "file": "team.airpkg",
            "signer": team_key,
            "revision": original.revision,
            "status": "approved",
        }
        answers_a = assessments.list_answers(session=a, assessment_id=team_id)
        answers_b = assessments.list_answers(session=b, assessment_id=new_id)
        assert {k: (v.level, v.na_reason, v.target, v.comment, v.answered_by) for k, v in answers_b.items()} == {
            k: (v.level, v.na_reason, v.target, v.comment, v.answered_by) for k, v in answers_a.items()
        }
    team_engine.dispose()
    coordinator_engine.dispose()

    # And back: the coordinator's copy says the same, so the team's database does not change.
    back = tmp_path / "back.airpkg"
    assert cli(capsys, "--db", db_url, "export", str(new_id), "-o", str(back)).code == 0
    use_installation(monkeypatch, tmp_path, "team")
    before = dump(team_db)
    assert outcome(cli(capsys, "--db", team_db, "import", str(back), "--trust", "--json"))["status"] == "unchanged"
    assert dump(team_db) == {**before, "trusted_key": dump(team_db)["trusted_key"]}


@pytest.fixture
def coordinator(db_url: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli(capsys, "--db", db_url, "keys", "import", str(EXCHANGE / "team.pem")).code == 0
    return db_url


def _import(url: str, capsys: pytest.CaptureFixture[str], name: str) -> dict[str, object]:
    return outcome(cli(capsys, "--db", url, "import", str(EXCHANGE / name), "--json"))


def _levels(url: str, capsys: pytest.CaptureFixture[str], assessment_id: int) -> dict[str, int | None]:
    items = cli(capsys, "--db", url, "score", str(assessment_id), "--json").json["items"]
    return {item["id"]: item["level"] for item in items}


def test_same_package_twice_changes_nothing(coordinator: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(coordinator, capsys, "good.airpkg")["status"] == "imported"
    before = dump(coordinator)
    second = _import(coordinator, capsys, "good.airpkg")
    assert second["status"] == "unchanged"
    assert "already up to date (revision 3)" in str(second["reason"])
    assert dump(coordinator) == before


def test_imported_assessment_keeps_its_uid_and_creates_unit_and_cycle(
    coordinator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = _import(coordinator, capsys, "good.airpkg")
    units = [u["path"] for u in cli(capsys, "--db", coordinator, "unit", "list", "--json").json]
    assert units == ["テスト省", "テスト省/第一局", UNIT]
    assert [c["name"] for c in cli(capsys, "--db", coordinator, "cycle", "list", "--json").json] == ["FY2026"]
    engine = open_database(coordinator)
    with session_for(engine) as s:
        row = s.get(Assessment, result["assessment"])
        assert row is not None and row.uid == make_files().UID and row.revision == 3
    engine.dispose()


def test_newer_revision_updates_with_audit(coordinator: str, capsys: pytest.CaptureFixture[str]) -> None:
    first = _import(coordinator, capsys, "good.airpkg")
    newer = _import(coordinator, capsys, "good-newer.airpkg")
    assert newer["status"] == "updated"
    assert newer["assessment"] == first["assessment"]
    assert _levels(coordinator, capsys, int(newer["assessment"])) == make_files().LEVELS_R5
    audit = cli(capsys, "--db", coordinator, "audit", str(newer["assessment"]), "--json").json
    changes = [
        (e["item"], e["field"], e["old"], e["new"]) for e in audit if e["action"] == "answer" and e["actor"] == "tester"
    ]
    assert ("1-01", "level", 2, 3) in changes
    assert ("2-02", "level", None, 1) in changes
    last = audit[-1]
    team = make_files().TEAM.fingerprint
    assert (last["action"], last["actor"]) == ("import", "tester")
    assert last["new"]["revision"] == 5
    assert last["new"]["signer"].replace(" ", "") == team
    # The team's own history of revision 5 is kept too (its entries that were new here).
    assert any(e["actor"] == "山田 花子" and e["item"] == "2-02" for e in audit)


def test_older_revision_changes_nothing(coordinator: str, capsys: pytest.CaptureFixture[str]) -> None:
    _import(coordinator, capsys, "good-newer.airpkg")
    before = dump(coordinator)
    older = _import(coordinator, capsys, "good.airpkg")
    assert older["status"] == "unchanged"
    assert "older than revision 5" in str(older["reason"])
    assert dump(coordinator) == before


def _conflict(url: str, capsys: pytest.CaptureFixture[str]) -> int:
    assessment_id = int(_import(url, capsys, "good.airpkg")["assessment"])  # type: ignore[arg-type]
    assert cli(capsys, "--db", url, "answer", "set", str(assessment_id), "1-01", "--level", "0").code == 0
    result = _import(url, capsys, "good-newer.airpkg")
    assert result["status"] == "conflict"
    assert f"--resolve {assessment_id}" in str(result["reason"])
    return assessment_id


def test_changes_on_both_sides_are_a_conflict_and_theirs_can_be_kept(
    coordinator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assessment_id = _conflict(coordinator, capsys)
    assert _levels(coordinator, capsys, assessment_id)["1-01"] == 0  # the local copy is untouched
    pending = cli(capsys, "--db", coordinator, "import", "--conflicts", "--json").json
    assert [(c["assessment"], c["revision"], c["file"]) for c in pending] == [(assessment_id, 5, "good-newer.airpkg")]
    assert pending[0]["differences"] == ["1-01", "1-02", "2-01", "2-02"]
    before = dump(coordinator)
    again = _import(coordinator, capsys, "good-newer.airpkg")  # the same conflicting package again
    assert again["status"] == "conflict" and "already waiting" in str(again["reason"])
    assert dump(coordinator) == before

    run = cli(capsys, "--db", coordinator, "import", "--resolve", str(assessment_id), "--keep", "theirs")
    assert run.code == 0, run.err
    assert _levels(coordinator, capsys, assessment_id) == make_files().LEVELS_R5
    assert cli(capsys, "--db", coordinator, "import", "--conflicts", "--json").json == []
    assert _import(coordinator, capsys, "good-newer.airpkg")["status"] == "unchanged"
    audit = cli(capsys, "--db", coordinator, "audit", str(assessment_id), "--json").json
    assert [(e["field"], e["new"]["kept"]) for e in audit if e["field"] == "resolved"] == [("resolved", "theirs")]


def test_keeping_mine_keeps_the_local_copy(coordinator: str, capsys: pytest.CaptureFixture[str]) -> None:
    assessment_id = _conflict(coordinator, capsys)
    run = cli(capsys, "--db", coordinator, "import", "--resolve", str(assessment_id), "--keep", "mine", "--json")
    assert run.json["kept"] == "mine"
    assert _levels(coordinator, capsys, assessment_id)["1-01"] == 0
    engine = open_database(coordinator)
    with session_for(engine) as s:
        assert s.exec(select(ExchangeConflict)).all() == []
    engine.dispose()
    # That package was seen: importing it again changes nothing.
    assert _import(coordinator, capsys, "good-newer.airpkg")["status"] == "unchanged"
    bad = cli(capsys, "--db", coordinator, "import", "--resolve", str(assessment_id), "--keep", "mine")
    assert bad.code == 1 and "no import conflict waiting" in bad.err


def test_approved_copy_is_replaced_only_by_an_approved_revision(
    coordinator: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _import(coordinator, capsys, "good-approved.airpkg")
    assert first["status"] == "imported"
    newer = _import(coordinator, capsys, "good-approved-newer.airpkg")
    assert newer["status"] == "updated"
    listed = cli(capsys, "--db", coordinator, "assessment", "list", "--json").json
    assert [r["status"] for r in listed] == ["approved"]
    reopened = _import(coordinator, capsys, "good-reopened-newer.airpkg")
    assert reopened["status"] == "conflict"
    assert "approved here" in str(reopened["reason"])
    assert [r["status"] for r in cli(capsys, "--db", coordinator, "assessment", "list", "--json").json] == ["approved"]


def test_export_is_deterministic(
    mini: Path, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = _team_assessment(sqlite_url, tmp_path)
    one, two = tmp_path / "one.airpkg", tmp_path / "two.airpkg"
    cli(capsys, "--db", sqlite_url, "export", str(aid), "-o", str(one))
    cli(capsys, "--db", sqlite_url, "export", str(aid), "-o", str(two))
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert set(names) == {"assessment.json", "manifest.json", "manifest.sig", "questionnaire.json", "signer.pem"}
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


PLANTED = {
    "creator": "PLANTcreatorX",
    "answerer": "PLANTanswererX",
    "comment": "PLANTcommentX 研修",
    "na": "PLANTnareasonX",
    "evidence_text": "PLANTevtextX",
    "evidence_url": "https://plantevurlx.example.go.jp/doc",
    "evidence_file": "PLANTevfileX.txt",
    "evidence_adder": "PLANTevadderX",
    "submitter": "PLANTsubmitterX",
    "submit_reason": "PLANTsubmitreasonX",
    "reopen_reason": "PLANTreopenX",
    "approver": "PLANTapproverX",
}


def _all_text(package: bytes) -> list[bytes]:
    """The raw bytes, and every member decompressed."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return [package, *(archive.read(name) for name in archive.namelist())]


def test_scrubbed_export_holds_no_personal_text(
    mini: Path, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid = _team_assessment(sqlite_url, tmp_path, PLANTED)
    full, scrubbed = tmp_path / "full.airpkg", tmp_path / "scrubbed.airpkg"
    assert cli(capsys, "--db", sqlite_url, "export", str(aid), "-o", str(full)).code == 0
    assert cli(capsys, "--db", sqlite_url, "export", str(aid), "-o", str(scrubbed), "--scrub").code == 0
    tokens = [value.split()[0].split(".")[0].removeprefix("https://").lower().encode() for value in PLANTED.values()]
    full_text = b"\n".join(_all_text(full.read_bytes())).lower()
    assert all(token in full_text for token in tokens)  # the test can fail: the full package has them all
    for blob in _all_text(scrubbed.read_bytes()):
        for token in tokens:
            assert token not in blob.lower(), token
        assert "研修".encode() not in blob
    # Still a valid package: another installation can import it and score it the same.
    use_installation(monkeypatch, tmp_path, "public")
    other = f"sqlite:///{tmp_path / 'public.db'}"
    result = outcome(cli(capsys, "--db", other, "import", str(scrubbed), "--trust", "--json"))
    assert result["status"] == "imported"
    scores = cli(capsys, "--db", other, "score", str(result["assessment"]), "--json").json
    assert scores == cli(capsys, "--db", sqlite_url, "score", str(aid), "--json").json


def test_scrubbed_package_never_updates_an_existing_assessment(
    mini: Path, sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid = _team_assessment(sqlite_url, tmp_path)
    scrubbed = tmp_path / "scrubbed.airpkg"
    cli(capsys, "--db", sqlite_url, "export", str(aid), "-o", str(scrubbed), "--scrub")
    before = dump(sqlite_url)
    result = outcome(cli(capsys, "--db", sqlite_url, "import", str(scrubbed), "--json"))
    assert result["status"] == "refused"
    assert "scrubbed package" in result["reason"]
    assert dump(sqlite_url) == before


def test_export_of_a_missing_assessment_is_one_line(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = cli(capsys, "--db", sqlite_url, "export", "42", "-o", str(tmp_path / "x.airpkg"))
    assert run.code == 1
    assert (
        run.err.strip() == "ai-readiness: error: assessment 42 not found; list them with: ai-readiness assessment list"
    )
    assert not (tmp_path / "x.airpkg").exists()


def test_supplementary_module_travels_with_the_package(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    from models.modules import score_modules

    modules = tmp_path / "modules"
    modules.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "module-local.yaml", modules / "local.yaml")
    monkeypatch.setenv("AI_READINESS_MODULES_DIR", str(modules))
    team_db, package = f"sqlite:///{tmp_path / 'team.db'}", tmp_path / "team.airpkg"
    engine = open_database(team_db)
    with session_for(engine) as s:
        unit, _ = org.add_unit_path(session=s, path=UNIT)
        cycle, _ = org.add_cycle(session=s, name="FY2026")
        aid = assessments.create_assessment(session=s, unit_id=unit.id, cycle_id=cycle.id, actor="team")
        for item, level in (("1-01", 2), ("local-ops:local-01", 4)):
            assessments.save_answer(
                session=s, assessment_id=aid, item_id=item, change=AnswerUpdate(level=level), actor="team"
            )
        team_scores = score_modules(session=s, assessment_id=aid)
    engine.dispose()
    assert cli(capsys, "--db", team_db, "export", str(aid), "-o", str(package)).code == 0
    with zipfile.ZipFile(package) as archive:
        assert any(name.startswith("modules/") for name in archive.namelist())

    # The coordinator has no modules folder of its own: the package brings the module.
    monkeypatch.setenv("AI_READINESS_MODULES_DIR", str(tmp_path / "none"))
    use_installation(monkeypatch, tmp_path, "coordinator")
    other = f"sqlite:///{tmp_path / 'coordinator.db'}"
    result = outcome(cli(capsys, "--db", other, "import", str(package), "--trust", "--json"))
    assert result["status"] == "imported"
    engine = open_database(other)
    with session_for(engine) as s:
        assert score_modules(session=s, assessment_id=result["assessment"]) == team_scores
        answers = assessments.list_answers(session=s, assessment_id=result["assessment"])
        assert answers["local-ops:local-01"].level == 4
    engine.dispose()
