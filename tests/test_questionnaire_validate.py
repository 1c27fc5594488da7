"""``ai-readiness questionnaire validate``: every problem of a wrong file, each with its exact
line and field, on stderr; exit 1. The malformed files are real files in
tests/data/questionnaires/ (each says in a comment what is wrong with it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from questionnaires import yaml_reader
from questionnaires.catalog import PLAN_FILE, load_modules
from questionnaires.loader import MAX_FILE_BYTES, QuestionnaireError, load, parse_text
from tests.conftest import DATA, MINI
from tests.helpers import cli

BAD = DATA / "questionnaires"
ROOT = DATA.parent.parent
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")

# (file, [(line, field, words the message must contain)]) - every problem, in order.
CASES = [
    (
        "duplicate-ids.yaml",
        [
            (14, "policies[2].id", "duplicate id '2' (first used on line 13)"),
            (30, "items[1-01].id", "duplicate id '1-01' (first used on line 16)"),
        ],
    ),
    (
        "missing-translation.yaml",
        [
            (19, "items[1-01].question.en", "missing translation (en)"),
            (34, "items[1-02].guidance.ja", "missing translation (ja)"),
            (52, "items[2-01].levels.2.en", "missing translation (en)"),
            (73, "items[2-02].kpi.en", "missing translation (en)"),
        ],
    ),
    (
        "missing-level.yaml",
        [
            (21, "items[1-01].levels", "missing level descriptor for level 4"),
            (34, "items[2-01].levels", "missing level descriptors for levels 0, 5"),
        ],
    ),
    ("unknown-principle.yaml", [(31, "items[2-01].principles[P4]", "unknown principle 'P4' (this file has: P1, P2)")]),
    ("unknown-policy.yaml", [(44, "items[9-01].policy", "unknown policy '9' (this file has: 1, 2)")]),
    (
        "bad-weights.yaml",
        [
            (18, "items[1-01].weight", "weight must be 1, 2 or 3, not 0"),
            (32, "items[1-02].weight", "weight must be 1, 2 or 3, not 4"),
            (46, "items[2-01].weight", "weight must be 1, 2 or 3, not '2'"),
            (60, "items[2-02].weight", "weight must be 1, 2 or 3, not 2.5"),
            (74, "items[2-03].weight", "weight must be 1, 2 or 3, not True"),
        ],
    ),
    ("duplicate-key.yaml", [(19, "items[1-01].weight", "duplicate key")]),
    (
        "unknown-field.yaml",
        [
            (6, "author", "unknown field (check the spelling; allowed here: format, id, kind,"),
            (20, "items[1-01].question.fr", "unknown field (check the spelling; allowed here: ja, en)"),
            (44, "items[2-01].colour", "unknown field (check the spelling; allowed here: id, policy,"),
        ],
    ),
    ("bad-indentation.yaml", [(30, "yaml", "check the indentation")]),
    ("tab-indentation.yaml", [(18, "yaml", "a tab character is used for indentation")]),
    ("not-utf8.yaml", [(4, "encoding", "not UTF-8 text")]),
    ("empty.yaml", [(1, "file", "the file is empty")]),
    ("comments-only.yaml", [(1, "file", "the file is empty")]),
    ("not-a-mapping.yaml", [(2, "file", "the file must be a mapping")]),
    ("billion-laughs.yaml", [(7, "yaml", "aliases here expand to more than 100,000 values")]),
    ("recursive-alias.yaml", [(4, "yaml", "an alias refers to a value that contains it")]),
    (
        "alias-defects.yaml",
        [
            # One mistake in the anchored block, reported once at the anchor, not per alias.
            (25, "items[1-01].levels.3.en", "missing translation (en)"),
            # A block used where it does not fit is reported where the alias puts it.
            (42, "items[1-03].guidance", "must be a mapping with ja: and en: texts (found the keys 0, 1, 2, 3, 4, 5)"),
        ],
    ),
]


def parse_problems(err: str) -> list[tuple[str, int, str, str]]:
    problems = []
    for line in err.splitlines():
        match = PROBLEM.match(line)
        assert match, f"not FILE:LINE: field: message: {line!r}"
        problems.append((match["file"], int(match["line"]), match["field"], match["message"]))
    return problems


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[name for name, _ in CASES])
def test_every_problem_is_reported_with_its_line_and_field(
    capsys: pytest.CaptureFixture[str], name: str, expected: list[tuple[int, str, str]]
) -> None:
    path = BAD / name
    run = cli(capsys, "questionnaire", "validate", str(path))
    assert run.code == 1
    assert run.out == ""
    problems = parse_problems(run.err)
    assert [(line, field) for _, line, field, _ in problems] == [(line, field) for line, field, _ in expected]
    for (file, _, _, message), (_, _, words) in zip(problems, expected, strict=True):
        assert file == str(path)
        assert words in message


@pytest.mark.parametrize(("name", "expected"), CASES, ids=[name for name, _ in CASES])
def test_reported_lines_point_at_the_named_field(name: str, expected: list[tuple[int, str, str]]) -> None:
    """The line numbers above are not just what the code happens to print: the named key is
    written on that line of the file (for a missing key, the key that lacks it)."""
    raw = (BAD / name).read_bytes()
    lines = raw.decode("utf-8", errors="replace").splitlines()
    for line, field, message in expected:
        if field in ("yaml", "file", "encoding"):
            continue
        parts = re.split(r"[.\[]", field.replace("]", ""))
        keys = parts[-2:] if message.startswith("missing") else parts[-1:]
        assert any(re.search(rf"\b{re.escape(key)}\b", lines[line - 1]) for key in keys), (line, field)


def test_json_output_lists_the_problems_too(capsys: pytest.CaptureFixture[str]) -> None:
    run = cli(capsys, "questionnaire", "validate", "--json", str(BAD / "bad-weights.yaml"))
    assert run.code == 1
    assert run.json["ok"] is False
    assert [(p["line"], p["field"]) for p in run.json["problems"]] == [
        (18, "items[1-01].weight"),
        (32, "items[1-02].weight"),
        (46, "items[2-01].weight"),
        (60, "items[2-02].weight"),
        (74, "items[2-03].weight"),
    ]
    assert len(run.err.splitlines()) == 5


@pytest.mark.parametrize(
    ("path", "summary"),
    [
        (PLAN_FILE, "ok (plan jp-ai-basic-plan@"),
        (MINI, "ok (plan mini@0.1.0, 4 items)"),
        (BAD / "anchors-and-merge.yaml", "ok (plan anchors-example@1, 3 items)"),
        (ROOT / "docs" / "example-module.yaml", "ok (module example-ministry-systems@1.0.0, 3 items, checked against"),
    ],
)
def test_a_good_file_gives_one_ok_line(capsys: pytest.CaptureFixture[str], path: Path, summary: str) -> None:
    run = cli(capsys, "questionnaire", "validate", str(path))
    assert run.code == 0, run.err
    assert run.err == ""
    assert len(run.out.splitlines()) == 1
    assert summary in run.out


def test_anchors_aliases_and_merge_keys_are_expanded() -> None:
    q = load(BAD / "anchors-and-merge.yaml")
    first, merged, aliased = q.items
    assert merged.id == "1-02" and merged.question.en == "Question two"
    assert merged.weight == first.weight == 2 and merged.levels == first.levels
    assert aliased.guidance == first.guidance and aliased.levels[5].en == "Level 5"


def test_many_problems_of_different_kinds_come_in_one_run(tmp_path: Path) -> None:
    text = (BAD / "bad-weights.yaml").read_text(encoding="utf-8")
    text = text.replace('principles: [P2]\n    weight: "2"', 'principles: [P2, P9]\n    weight: "2"')
    text = text.replace("question: {ja: 質問, en: Question}", "question: {ja: 質問}", 1)
    with pytest.raises(QuestionnaireError) as caught:
        parse_text(text, "many.yaml")
    found = [(p.line, p.field) for p in caught.value.problems]
    assert (18, "items[1-01].weight") in found
    assert (19, "items[1-01].question.en") in found
    assert (45, "items[2-01].principles[P9]") in found
    assert (46, "items[2-01].weight") in found
    assert found == sorted(found, key=lambda f: f[0])


def test_an_unquoted_date_where_text_belongs_is_explained(tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8").replace('id: "test"', "id: 2026-07-14")
    with pytest.raises(QuestionnaireError) as caught:
        parse_text(text, "mini.yaml")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (10, "edition.id")
    assert problem.message == "must be text, not the date 2026-07-14 (put it in quotes)"


def test_a_file_larger_than_the_limit_is_refused_unread(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:
        stream.write(b"# padding\n" * (MAX_FILE_BYTES // 10 + 1))
    run = cli(capsys, "questionnaire", "validate", str(huge))
    assert run.code == 1
    assert run.err == f"{huge}:1: file: the file is larger than 5 MB; not read\n"


def test_a_file_with_too_many_values_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("items:\n" + "  - 1\n" * (yaml_reader.MAX_VALUES + 10), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert problem.field == "file"
    assert "more than 100,000 values" in problem.message


def test_nesting_too_deep_is_refused_at_its_line(tmp_path: Path) -> None:
    depth = yaml_reader.MAX_DEPTH + 5
    path = tmp_path / "deep.yaml"
    path.write_text("format: x\nitems:\n" + "".join("  " * i + "- \n" for i in range(depth)) + "  " * depth + "- 1\n")
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert problem.field == "yaml"
    assert problem.message == f"nested more than {yaml_reader.MAX_DEPTH} levels deep"
    assert problem.line == yaml_reader.MAX_DEPTH + 2  # the first line past the limit


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfef\x00o\x00", "the file is saved as UTF-16; save it as UTF-8"),
        (b"format: x\nid: a\x00b\n", "the file holds NUL bytes; it is not a text file"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "binary.yaml"
    path.write_bytes(content)
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    assert [p.message for p in caught.value.problems] == [message]


def test_a_missing_file_or_a_folder_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = cli(capsys, "questionnaire", "validate", str(tmp_path / "nope.yaml"))
    assert (run.code, run.err) == (
        1,
        f"{tmp_path / 'nope.yaml'}:1: file: cannot read the file: No such file or directory\n",
    )
    run = cli(capsys, "questionnaire", "validate", str(tmp_path))
    assert run.code == 1 and run.err.startswith(f"{tmp_path}:1: file: cannot read the file:")


# --- supplementary modules ---------------------------------------------------------------


def test_a_module_is_checked_against_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    path = BAD / "module-clashes.yaml"
    run = cli(capsys, "questionnaire", "validate", str(path), "--plan", str(MINI))
    assert run.code == 1
    assert [(line, field) for _, line, field, _ in parse_problems(run.err)] == [
        (4, "id"),
        (11, "principles[P7].id"),
        (13, "policies[1].id"),
        (15, "items[1-01].id"),
    ]
    assert "id 'mini' is already used by the plan mini" in run.err
    assert "unknown principle 'P7': a module uses the principles of the plan mini (P1, P2)" in run.err
    assert "section id '1' is already used by the plan mini" in run.err
    assert "item id '1-01' is already used by the plan mini" in run.err


def test_a_module_is_checked_against_the_active_plan_by_default(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    run = cli(capsys, "questionnaire", "validate", str(BAD / "module-ok.yaml"))
    assert run.code == 0, run.err
    assert "ok (module mini-extra@1, 2 items, checked against plan mini@0.1.0)" in run.out


def test_load_modules_accepts_good_modules_and_reports_the_rest(tmp_path: Path) -> None:
    plan = load(MINI)
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "a-extra.yaml").write_bytes((BAD / "module-ok.yaml").read_bytes())
    # The same module again under another file name: its id, section and items clash.
    (folder / "b-copy.yml").write_bytes((BAD / "module-ok.yaml").read_bytes())
    (folder / "c-plan.yaml").write_bytes(MINI.read_bytes())
    (folder / "notes.txt").write_text("not a module")
    modules, errors = load_modules(folder, plan)
    assert [m.id for m in modules] == ["mini-extra"]
    by_file = {Path(e.problems[0].file).name: e.problems for e in errors}
    assert sorted(by_file) == ["b-copy.yml", "c-plan.yaml"]
    assert [(p.line, p.field) for p in by_file["b-copy.yml"]] == [
        (3, "id"),
        (11, "policies[M1].id"),
        (13, "items[mini-extra-01].id"),
        (27, "items[mini-extra-02].id"),
    ]
    assert "already used by module mini-extra (a-extra.yaml)" in by_file["b-copy.yml"][0].message
    kinds = [p for p in by_file["c-plan.yaml"] if p.field == "kind"]
    assert [(p.line, p.message) for p in kinds] == [
        (4, "a file in the modules folder must have kind: module, not plan")
    ]


def test_a_missing_modules_folder_is_no_modules(tmp_path: Path) -> None:
    assert load_modules(tmp_path / "none", load(MINI)) == ([], [])


def test_the_active_plan_must_be_a_plan(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_READINESS_QUESTIONNAIRE", str(BAD / "module-ok.yaml"))
    run = cli(capsys, "questionnaire", "show")
    assert run.code == 1
    assert run.err == f"{BAD / 'module-ok.yaml'}:4: kind: the active questionnaire must have kind: plan, not module\n"


def test_the_example_module_for_ministries_fits_the_shipped_plan(tmp_path: Path) -> None:
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "example.yaml").write_bytes((ROOT / "docs" / "example-module.yaml").read_bytes())
    modules, errors = load_modules(folder, load(PLAN_FILE))
    assert errors == []
    (module,) = modules
    assert module.kind == "module" and len(module.items) == 3
    assert {p.id for p in module.principles} <= {"P1", "P2", "P3"}


def test_a_chain_of_aliases_nesting_too_deep_is_refused(tmp_path: Path) -> None:
    """Each line is shallow, but a31 holds a30 which holds a29 …: 33 levels once expanded."""
    lines = ["a0: &a0 [1]"] + [f"a{k}: &a{k} [*a{k - 1}]" for k in range(1, 40)]
    path = tmp_path / "chain.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (32, "yaml")
    assert problem.message == f"aliases here nest values more than {yaml_reader.MAX_DEPTH} levels deep"


def test_level_keys_are_mapped_to_their_own_lines() -> None:
    """Pydantic reports a bad dict key as (…, "levels", "3", "[key]"); the problem lands on
    the key's line. The block is shared by all four mini items through an alias, yet each
    mistake is reported once, at the anchor."""
    text = MINI.read_text(encoding="utf-8")
    text = text.replace(
        "      3: {ja: 水準3, en: Level 3}", '      "3": {ja: 水準3, en: Level 3}\n      7: {ja: 水準7, en: Level 7}'
    )
    with pytest.raises(QuestionnaireError) as caught:
        parse_text(text, "mini.yaml")
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (38, "items[1-01].levels.3", "level keys are the numbers 0 to 5, not '3'"),
        (39, "items[1-01].levels.7", "unknown level 7 (levels are 0 to 5)"),
    ]
