"""The fixed wording of the reports in Japanese and English, and the scoring method as the
"How scores are computed" appendix explains it (the model of questionnaires/scoring.py)."""

from __future__ import annotations

from questionnaires.scale import PROVISIONAL_BELOW, READINESS, SCALE

SCORECARD: dict[str, dict[str, str]] = {
    "ja": {
        "title": "AIレディネス・スコアカード",
        "kicker": "AIレディネス・スコアカード",
        "cycle": "評価サイクル",
        "questionnaire": "質問票",
        "edition": "準拠する計画",
        "status": "状態",
        "approver": "承認者",
        "approved_on": "承認日",
        "submitted": "提出",
        "as_of": "基準日",
        "as_of_note": "最終更新日",
        "fingerprint": "回答のSHA-256",
        "signature": "署名",
        "approval_box": "承認欄",
        "overall": "総合スコア",
        "level": "レディネス水準",
        "coverage": "回答率",
        "coverage_detail": "回答{answered}・対象外{na}／{total}項目",
        "change": "前回からの変化",
        "paren": "（{}）",
        "out_of": "/ 100",
        "provisional_mark": "暫定",
        "provisional_note": "回答率が{threshold}未満（{coverage}）のため、この結果は暫定です。"
        "未回答の項目はスコアに含みません。",
        "submit_reason": "提出時の理由",
        "not_assessed": "未評価",
        "none": "—",
        "s1": "概要",
        "policies_heading": "基本的な方針別のスコア",
        "policy": "基本的な方針",
        "principle": "原則",
        "score": "スコア",
        "target": "目標",
        "target_score": "目標スコア",
        "items": "項目数",
        "series_current": "今回",
        "series_target": "目標",
        "series_previous": "前回（{cycle}）",
        "strengths": "強み：水準の高い3項目",
        "weaknesses": "課題：水準の低い3項目",
        "no_items": "該当する項目はありません。",
        "s2": "原則別のスコア",
        "principles_note": "各原則のスコアは、その原則が付された項目から算出しています"
        "（二つの原則が付された項目は両方に算入）。棒の灰色の点線は前回サイクルのスコアです。",
        "s3": "前回サイクルからの変化",
        "previous_none": "この課・室・チームには、前回サイクルの評価がありません。",
        "previous_none_short": "前回サイクルの評価なし",
        "previous_note": "前回（{previous}）と今回（{current}）のスコアの差です。▲は上昇、▼は低下を示します。",
        "previous": "前回",
        "current": "今回",
        "delta": "変化",
        "policy_part": "方針{id}",
        "policy_summary": "回答{answered}・対象外{na}・未回答{missing}",
        "weight": "重み",
        "gap": "差",
        "priority": "優先度",
        "principles_tag": "原則",
        "answer_level": "水準",
        "na": "対象外（N/A）",
        "na_reason": "対象外の理由",
        "unanswered": "未回答",
        "review": "要確認",
        "comment": "コメント",
        "evidence": "根拠資料",
        "ev_text": "メモ",
        "evidence_kind": "根拠（{kind}）",
        "ev_link": "リンク",
        "ev_file": "ファイル",
        "module_part": "補足モジュール",
        "module_note": "府省が追加した質問票（{id} {version}）です。基本計画のスコアとは別に算出しており、"
        "総合スコア・回答率・改善計画には含みません。",
        "plan": "改善計画",
        "plan_note": "目標水準に届いていない項目を、優先度（差×重み）の高い順に示します。"
        "次の一歩は、一つ上の水準の記述です。",
        "plan_none": "目標水準に届いていない項目はありません。",
        "plan_untargeted": "目標水準が設定されていない回答済みの項目が{n}項目あります。"
        "目標を設定すると改善計画に加わります。",
        "rank": "順位",
        "item": "項目",
        "level_to_target": "現在→目標",
        "next_step": "次の一歩（一つ上の水準）",
        "appendix": "付録　スコアの算出方法",
        "appendix_outline": "付録 スコアの算出方法",
        "readiness_table": "レディネス水準",
        "range": "総合スコアの範囲",
        "scale_table": "回答の尺度（各項目の水準）",
        "about": "この文書について",
        "about_text": "この文書は、評価ID {id}（{unit}、{cycle}）の回答から作成しました。"
        "回答のSHA-256は、質問票の版（ハッシュ）と各項目の水準・対象外の理由・目標・コメント・要確認の印から計算した値で、"
        "各ページの下部にも記載しています。同じ回答からは同じ値とまったく同じPDFが作られます。"
        "回答を一つでも変えると値が変わります。",
        "questionnaire_hash": "質問票のハッシュ",
        "status_draft": "下書き",
        "status_submitted": "提出済み（承認待ち）",
        "status_approved": "承認済み",
        "level_fmt": "{level}　{name}",
    },
    "en": {
        "title": "AI Readiness Scorecard",
        "kicker": "AI Readiness Scorecard",
        "cycle": "Cycle",
        "questionnaire": "Questionnaire",
        "edition": "Plan edition",
        "status": "Status",
        "approver": "Approved by",
        "approved_on": "Approved on",
        "submitted": "Submitted",
        "as_of": "As of",
        "as_of_note": "last change",
        "fingerprint": "SHA-256 of the answers",
        "signature": "Signature",
        "approval_box": "Approval",
        "overall": "Overall score",
        "level": "Readiness level",
        "coverage": "Coverage",
        "coverage_detail": "{answered} answered, {na} N/A of {total}",
        "change": "Since last cycle",
        "paren": " ({})",
        "out_of": "/ 100",
        "provisional_mark": "Provisional",
        "provisional_note": "Coverage is below {threshold} ({coverage}): the result is provisional. "
        "Unanswered items are in no score.",
        "submit_reason": "Reason given on submission",
        "not_assessed": "Not assessed",
        "none": "—",
        "s1": "Summary",
        "policies_heading": "Scores by basic policy",
        "policy": "Basic policy",
        "principle": "Principle",
        "score": "Score",
        "target": "Target",
        "target_score": "Target score",
        "items": "Items",
        "series_current": "This cycle",
        "series_target": "Target",
        "series_previous": "Previous ({cycle})",
        "strengths": "Strengths: the three highest items",
        "weaknesses": "Weaknesses: the three lowest items",
        "no_items": "No item to show.",
        "s2": "Scores by principle",
        "principles_note": "Each principle's score is computed over the items tagged with it "
        "(an item with two tags counts in both). The grey dotted tick on a bar is the previous cycle's score.",
        "s3": "Change since the previous cycle",
        "previous_none": "This unit has no assessment in an earlier cycle.",
        "previous_none_short": "No earlier cycle",
        "previous_note": "The difference between the previous cycle ({previous}) and this one ({current}). "
        "▲ marks a rise, ▼ a fall.",
        "previous": "Previous",
        "current": "This cycle",
        "delta": "Change",
        "policy_part": "Policy {id}",
        "policy_summary": "{answered} answered, {na} N/A, {missing} unanswered",
        "weight": "Weight",
        "gap": "Gap",
        "priority": "Priority",
        "principles_tag": "Principles",
        "answer_level": "Level",
        "na": "Not applicable (N/A)",
        "na_reason": "Reason for N/A",
        "unanswered": "Unanswered",
        "review": "For review",
        "comment": "Comment",
        "evidence": "Evidence",
        "ev_text": "note",
        "evidence_kind": "Evidence: {kind}",
        "ev_link": "link",
        "ev_file": "file",
        "module_part": "Supplementary module",
        "module_note": "A questionnaire added by the ministry ({id} {version}). It is scored apart from the plan "
        "and is not part of the overall score, the coverage or the improvement plan.",
        "plan": "Improvement plan",
        "plan_note": "Items below their target level, by priority (gap × weight). "
        "The next step is the descriptor of the next level up.",
        "plan_none": "No item is below its target level.",
        "plan_untargeted": "{n} answered item(s) have no target level; set one to add them to the plan.",
        "rank": "No.",
        "item": "Item",
        "level_to_target": "Now → target",
        "next_step": "Next step (the next level up)",
        "appendix": "Appendix: how scores are computed",
        "appendix_outline": "Appendix: how scores are computed",
        "readiness_table": "Readiness levels",
        "range": "Overall score",
        "scale_table": "The answer scale (each item's level)",
        "about": "About this document",
        "about_text": "This document was made from the answers of assessment {id} ({unit}, {cycle}). "
        "The SHA-256 of the answers is computed from the questionnaire version (its hash) and each item's level, "
        "N/A reason, target, comment and review mark; it is printed at the foot of every page. "
        "The same answers always give the same value and the very same PDF; changing any answer changes it.",
        "questionnaire_hash": "Questionnaire hash",
        "status_draft": "Draft",
        "status_submitted": "Submitted (awaiting approval)",
        "status_approved": "Approved",
        "level_fmt": "{level} · {name}",
    },
}

#: The scoring model, step by step (questionnaires/scoring.py implements exactly this).
METHOD: dict[str, list[str]] = {
    "ja": [
        "項目スコア ＝ 水準 × 20（0〜100）。対象外（N/A）と未回答の項目は、どの平均にも含めません。",
        "方針スコア ＝ Σ（重み × 項目スコア）÷ Σ（重み）。その方針で採点された項目について計算します。"
        "採点された項目がない方針にはスコアがありません（「未評価」）。",
        "原則スコア ＝ 同じ計算を、その原則が付された項目について行います"
        "（二つの原則が付された項目は、両方に全量で算入します）。",
        "総合スコア ＝ スコアのある方針スコアの単純平均です（四つの方針は同じ重さ）。",
        "レディネス水準は、丸める前の総合スコアから下表のとおり決めます。スコアは小数点以下1桁で表示します。",
        "回答率 ＝（回答済み ＋ 対象外）÷ 項目数。"
        "回答率が{threshold}未満の結果は「暫定」であり、表示される箇所すべてにその旨を示します。",
        "回答に目標水準がある場合、差 ＝ max(0, 目標 − 水準)、優先度 ＝ 差 × 重み とします。"
        "改善計画は優先度の高い順（同順位は方針の順、次に項目IDの順）に並べ、一つ上の水準の記述を具体的な次の一歩として示します。",
    ],
    "en": [
        "Item score = level × 20 (0 to 100). N/A and unanswered items are left out of every average.",
        "Policy score = Σ(weight × item score) ÷ Σ(weight) over that policy's scored items; "
        'a policy with no scored item has no score ("not assessed").',
        "Principle score = the same over the items tagged with that principle "
        "(an item with two tags counts fully in both).",
        "Overall score = the plain mean of the policy scores that exist (the four policies weigh the same).",
        "The readiness level comes from the unrounded overall score, as in the table below; "
        "scores are shown to one decimal.",
        "Coverage = (answered + N/A) ÷ number of items. A result with coverage below {threshold} is provisional, "
        "and is marked so wherever it appears.",
        "Where an answer has a target level: gap = max(0, target − level) and priority = gap × weight. "
        "The improvement plan lists items by priority (ties: policy order, then item id), "
        "each with the descriptor of the next level up as the concrete next step.",
    ],
}


def method_steps(lang: str) -> list[str]:
    threshold = f"{PROVISIONAL_BELOW:.0%}"
    return [step.format(threshold=threshold) for step in METHOD[lang]]


def readiness_ranges(lang: str) -> list[tuple[str, str]]:
    """(level and name, score range) for each readiness level, from the bands themselves."""
    rows = []
    for index, band in enumerate(READINESS):
        upper = READINESS[index + 1].lower if index + 1 < len(READINESS) else None
        low, high = f"{band.lower:g}", f"{upper:g}" if upper is not None else ""
        if lang == "en":
            span = (
                f"below {high}" if index == 0 else f"{low} to below {high}" if upper is not None else f"{low} and above"
            )
            name = f"{band.level} {band.name.en}"
        else:
            span = f"{high}未満" if index == 0 else f"{low}以上{high}未満" if upper is not None else f"{low}以上"
            name = f"{band.level} {band.name.ja}"
        rows.append((name, span))
    return rows


def scale_rows(lang: str) -> list[tuple[str, str, str]]:
    """(level, name, item score) for the answer scale 0-5."""
    return [(str(level), name.get(lang), str(level * 20)) for level, name in SCALE.items()]
