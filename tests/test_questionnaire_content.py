"""The shipped questionnaire meets the issue's bar, ``questionnaire show --json`` prints the
contract, and docs/questionnaire.md is generated from the data and up to date."""

from __future__ import annotations

import typing
from collections import Counter
from pathlib import Path

import pytest

from questionnaires import docs
from questionnaires.catalog import PLAN_FILE
from questionnaires.loader import load
from questionnaires.model import Questionnaire
from questionnaires.scale import CONFIDENCE
from questionnaires.schema import Confidence, Text
from tests.conftest import MINI
from tests.helpers import cli

PRINCIPLES = ["P1", "P2", "P3"]
POLICIES = ["1", "2", "3", "4"]


@pytest.fixture(scope="module")
def plan() -> Questionnaire:
    return load(PLAN_FILE)


def texts(q: Questionnaire) -> list[tuple[str, Text]]:
    """Every bilingual text in the questionnaire, named."""
    found: list[tuple[str, Text]] = [("title", q.data.title), ("edition", q.data.edition.name)]
    found += [(f"principle {p.id}", p.name) for p in q.principles]
    found += [(f"principle {p.id} gist", p.gist) for p in q.principles if p.gist]
    found += [(f"policy {p.id}", p.name) for p in q.policies]
    for item in q.items:
        found += [(f"{item.id} question", item.question), (f"{item.id} guidance", item.guidance)]
        found += [(f"{item.id} source", item.source.ref)]
        found += [(f"{item.id} level {level}", text) for level, text in item.levels.items()]
        if item.kpi:
            found.append((f"{item.id} kpi", item.kpi))
    return found


def test_identity_of_the_shipped_plan(plan: Questionnaire) -> None:
    assert plan.id == "jp-ai-basic-plan"
    assert plan.kind == "plan"
    assert plan.edition == "2026-07-14"
    assert len(plan.hash) == 64


def test_principles_and_policies_are_the_plans(plan: Questionnaire) -> None:
    assert [p.id for p in plan.principles] == PRINCIPLES
    assert [p.name.ja for p in plan.principles] == [
        "イノベーション促進とリスク対応の両立",
        "アジャイル（柔軟かつ迅速）な対応",
        "内外一体での政策推進",
    ]
    assert [p.id for p in plan.policies] == POLICIES
    assert [p.name.ja for p in plan.policies] == [
        "AI利活用の加速的推進「AIを使う」",
        "AI開発力の戦略的強化「AIを創る」",
        "AIガバナンスの主導「AIの信頼性を高める」",
        "AI社会に向けた継続的変革「AIと協働する」",
    ]


def test_at_least_40_items_and_3_in_every_policy_principle_cell(plan: Questionnaire) -> None:
    assert len(plan.items) >= 40
    cells = Counter((item.policy, principle) for item in plan.items for principle in item.principles)
    thin = {cell: cells[cell] for cell in [(pol, pr) for pol in POLICIES for pr in PRINCIPLES] if cells[cell] < 3}
    assert thin == {}


def test_every_text_is_in_both_languages(plan: Questionnaire) -> None:
    missing = [name for name, text in texts(plan) if not text.ja.strip() or not text.en.strip()]
    assert missing == []
    # Japanese text is Japanese and English text is not: a swapped pair shows up here.
    swapped = [name for name, text in texts(plan) if not _has_kana_or_kanji(text.ja) or _has_kana(text.en)]
    assert swapped == []


def _has_kana_or_kanji(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def _has_kana(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


def test_every_item_has_six_level_descriptors_that_differ(plan: Questionnaire) -> None:
    for item in plan.items:
        assert sorted(item.levels) == [0, 1, 2, 3, 4, 5], item.id
        for lang in ("ja", "en"):
            descriptors = [getattr(item.levels[level], lang) for level in range(6)]
            assert len(set(descriptors)) == 6, (item.id, lang)


def test_weights_and_confidence_tags(plan: Questionnaire) -> None:
    assert {item.weight for item in plan.items} <= {1, 2, 3}
    tags = set(typing.get_args(Confidence))
    assert set(CONFIDENCE) == tags
    used = [item.source.confidence for item in plan.items]
    used += [p.confidence for p in plan.principles] + [p.confidence for p in plan.policies]
    assert set(used) <= tags


def test_inferred_items_say_so_and_weigh_one(plan: Questionnaire) -> None:
    """M = this tool's own inference: the source must say so, in both languages, and (as the
    file's header rules) such an item weighs 1. Conversely an item that says it is inferred is M."""
    for item in plan.items:
        says_inferred = "推論による項目" in item.source.ref.ja and "Inferred item" in item.source.ref.en
        assert (item.source.confidence == "M") == says_inferred, item.id
        if item.source.confidence == "M":
            assert item.weight == 1, item.id
    assert sum(item.source.confidence == "M" for item in plan.items) >= 1


def test_sources_name_a_document_or_reference(plan: Questionnaire) -> None:
    """Every source cites a reference-brief source id (S…, L…), an updates-brief section, a
    law article or a named guideline, so a reviewer can trace it."""
    markers = ("(S", "（S", "§", "art.", "Guideline", "DS-920", "AISI", "Inferred item", "Plan")
    untraceable = [item.id for item in plan.items if not any(m in item.source.ref.en for m in markers)]
    assert untraceable == []


# --- questionnaire show --json: the contract ----------------------------------------------

ITEM_KEYS = {"id", "policy", "principles", "weight", "question", "guidance", "levels", "source"}


def test_show_json_prints_exactly_the_contract(capsys: pytest.CaptureFixture[str], plan: Questionnaire) -> None:
    run = cli(capsys, "questionnaire", "show", "--json")
    assert run.code == 0, run.err
    shown = run.json
    assert set(shown) == {"id", "edition", "version", "hash", "principles", "policies", "items"}
    assert (shown["id"], shown["edition"], shown["version"], shown["hash"]) == (
        plan.id,
        plan.edition,
        plan.version,
        plan.hash,
    )
    assert shown["principles"] == [{"id": p.id, "name": {"ja": p.name.ja, "en": p.name.en}} for p in plan.principles]
    assert shown["policies"] == [{"id": p.id, "name": {"ja": p.name.ja, "en": p.name.en}} for p in plan.policies]
    assert len(shown["items"]) == len(plan.items)
    for entry, item in zip(shown["items"], plan.items, strict=True):
        assert set(entry) == ITEM_KEYS
        assert entry["id"] == item.id
        assert entry["policy"] == item.policy
        assert entry["principles"] == item.principles
        assert entry["weight"] == item.weight
        assert entry["question"] == {"ja": item.question.ja, "en": item.question.en}
        assert entry["guidance"] == {"ja": item.guidance.ja, "en": item.guidance.en}
        assert entry["levels"] == [
            {"level": level, "ja": item.levels[level].ja, "en": item.levels[level].en} for level in range(6)
        ]
        assert entry["source"] == {
            "ref": {"ja": item.source.ref.ja, "en": item.source.ref.en},
            "confidence": item.source.confidence,
        }


def test_show_follows_the_active_questionnaire(capsys: pytest.CaptureFixture[str], mini: Path) -> None:
    shown = cli(capsys, "questionnaire", "show", "--json").json
    assert shown["id"] == "mini"
    assert [item["id"] for item in shown["items"]] == ["1-01", "1-02", "2-01", "2-02"]
    text = cli(capsys, "questionnaire", "show")
    assert text.out.splitlines()[0].startswith("mini@0.1.0 (edition test) ")
    assert "  1-02 [3] 質問二" in text.out


# --- docs/questionnaire.md -------------------------------------------------------------------


def test_the_committed_page_is_what_the_data_generates() -> None:
    committed = docs.DOC_FILE.read_text(encoding="utf-8")
    assert committed == docs.render(load(PLAN_FILE), "questionnaires/data/ai-basic-plan.yaml"), (
        "docs/questionnaire.md is stale: run  .venv/bin/python -m questionnaires.docs -o docs/questionnaire.md"
    )
    assert docs.main(["--check", str(docs.DOC_FILE)]) == 0


def test_the_page_shows_every_item_with_its_source_and_confidence(plan: Questionnaire) -> None:
    page = docs.DOC_FILE.read_text(encoding="utf-8")
    assert plan.hash in page and plan.version in page and plan.edition in page
    for item in plan.items:
        section = page.split(f"#### {item.id}\n", 1)[1].split("\n#### ", 1)[0]
        assert f"**出典** {docs._cell(item.source.ref.ja)}" in section, item.id
        assert f"**Source** {docs._cell(item.source.ref.en)}" in section, item.id
        assert f"**確度 Confidence** {item.source.confidence} (" in section, item.id
        assert f"重み Weight **{item.weight}** · 原則 Principles {', '.join(item.principles)}" in section
        for level in range(6):
            assert docs._cell(item.levels[level].en) in section


def test_the_coverage_table_counts_items_per_cell(plan: Questionnaire) -> None:
    page = docs.DOC_FILE.read_text(encoding="utf-8")
    for policy in plan.policies:
        items = plan.items_of_policy(policy.id)
        counts = [sum(p in item.principles for item in items) for p in PRINCIPLES]
        row = f"| {policy.id} {policy.name.ja} | {' | '.join(map(str, counts))} | {len(items)} |"
        assert row in page


def test_docs_can_be_written_for_any_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mini.md"
    assert docs.main(["--file", str(MINI), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "| 1 方針一 | 2 | 1 | 2 | 4 |" in page  # policy 1: 1-01 (P1), 1-02 (P1, P2); weights 1 + 3
    assert docs.main(["--file", str(MINI), "--check", str(out)]) == 0
    out.write_text(page.replace("質問一", "質問1"), encoding="utf-8")
    assert docs.main(["--file", str(MINI), "--check", str(out)]) == 1
    assert "is stale" in capsys.readouterr().err
