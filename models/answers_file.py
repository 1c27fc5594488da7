"""The plain answers file (``ai-readiness/answers@1``), for other tools and bulk entry::

    {"format": "ai-readiness/answers@1",
     "unit": "デジタル庁/戦略・組織グループ/AI推進チーム", "cycle": "FY2026",
     "questionnaire": {"id": "ai-basic-plan", "version": "1.0.0"},
     "answers": [{"item": "1-01", "level": 3, "target": 4, "comment": "…"},
                 {"item": "2-03", "na": "the reason it does not apply"}]}

Each entry is the item's whole answer (a missing target or comment is cleared); items not
listed are left alone. Problems name the entry and the field, e.g.
``answers[3] (item 1-04): level must be 0-5``; every problem is reported, nothing is saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlmodel import Session

from models.errors import InvalidInput
from models.exchange.entries import Entry, Target, refuse
from models.exchange.files import ImportRefused, check_size
from models.exchange.package import check_format
from models.exchange.payload import scrub as scrub_payload
from models.exchange.payload import snapshot
from models.org import PATH_SEPARATOR, split_path
from models.tables import ITEM_ID_MAX
from models.txn import service

FORMAT_NAME = "ai-readiness/answers"
FORMAT_VERSION = 1
FORMAT_ID = f"{FORMAT_NAME}@{FORMAT_VERSION}"
_TOP_FIELDS = ("format", "unit", "cycle", "questionnaire", "answers")
_ENTRY_FIELDS = ("item", "level", "na", "target", "comment")
_MISSING = object()


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _load(path: Path) -> Any:
    check_size(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused("not UTF-8 text; save the file as UTF-8") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as exc:
        raise ImportRefused(f"the key {exc.args[0]!r} appears twice in one object") from None
    except json.JSONDecodeError as exc:
        raise ImportRefused(f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ImportRefused("not valid JSON: nested too deeply") from None
    except ValueError:  # a number of more than 4300 digits
        raise ImportRefused("not valid JSON: a number is far too long") from None


def _level(value: Any) -> int | None:
    """A whole number 0-5 (3 or 3.0), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and 0 <= value <= 5 else None


def _unstorable(value: str) -> str | None:
    """Why a text cannot be stored (a NUL, or a lone surrogate from a ``\\ud800`` escape), else None."""
    if "\x00" in value:
        return 'holds a NUL character ("\\u0000"); remove it'
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return 'holds a lone surrogate (an escape such as "\\ud800"), not valid Unicode; remove it'
    return None


def _unknown(data: dict[str, Any], known: tuple[str, ...], where: str) -> list[str]:
    return [
        f"{where}: unknown field {key!r} (known: {', '.join(known)})"
        if where
        else f"unknown field {key!r} (known: {', '.join(known)})"
        for key in data
        if key not in known
    ]


def _entry(index: int, raw: Any, problems: list[str], seen: dict[str, int]) -> Entry | None:
    label = f"answers[{index}]"
    if not isinstance(raw, dict):
        problems.append(f'{label}: must be an object such as {{"item": "1-01", "level": 3}}')
        return None
    item = raw.get("item")
    if not isinstance(item, str) or not item.strip() or len(item) > ITEM_ID_MAX:
        problems.append(f'{label}: item: give the item\'s id as text, e.g. "1-01"')
        return None
    item = item.strip()
    label = f"{label} (item {item})"
    before = len(problems)
    problems.extend(_unknown(raw, _ENTRY_FIELDS, label))
    if item in seen:
        problems.append(f"{label}: the item is listed twice (also answers[{seen[item]}])")
    seen.setdefault(item, index)
    level_raw, na_raw = raw.get("level", _MISSING), raw.get("na", _MISSING)
    level = None
    if level_raw not in (_MISSING, None):
        level = _level(level_raw)
        if level is None:
            problems.append(f"{label}: level must be 0-5")
    na = None
    if na_raw not in (_MISSING, None):
        if not isinstance(na_raw, str) or not na_raw.strip():
            problems.append(f"{label}: na must be the reason the item does not apply (text)")
        elif len(na_raw.strip()) > 2000:
            problems.append(f"{label}: na: the reason is longer than 2000 characters")
        else:
            na = na_raw.strip()
    if level_raw not in (_MISSING, None) and na_raw not in (_MISSING, None):
        problems.append(f"{label}: give either level or na, not both")
    elif level_raw in (_MISSING, None) and na_raw in (_MISSING, None):
        problems.append(f'{label}: give "level" (0-5) or "na" (the reason the item does not apply)')
    target_raw = raw.get("target")
    target = None
    if target_raw is not None:
        target = _level(target_raw)
        if target is None:
            problems.append(f"{label}: target must be 0-5")
    comment = raw.get("comment")
    if comment is None:
        comment = ""
    elif not isinstance(comment, str):
        problems.append(f"{label}: comment must be text")
        comment = ""
    elif len(comment) > 20000:
        problems.append(f"{label}: comment is longer than 20000 characters")
    for name, text in (("item", item), ("na", na), ("comment", comment)):
        if text is not None and (why := _unstorable(text)):
            problems.append(f"{label}: {name} {why}")
    if len(problems) > before:
        return None
    return Entry(item, level, na, target, comment, {"item": label})


def read_answers_file(path: Path) -> tuple[Target, list[Entry]]:
    """Read and check a whole answers file; ImportRefused lists every problem found."""
    data = _load(path)
    if not isinstance(data, dict):
        raise ImportRefused(f'the file must hold one JSON object with "format": "{FORMAT_ID}"')
    check_format(data.get("format"), FORMAT_NAME, FORMAT_VERSION, "format")
    problems = _unknown(data, _TOP_FIELDS, "")
    unit = data.get("unit")
    if not isinstance(unit, str):
        problems.append('unit: give the unit\'s full path as text, e.g. "デジタル庁/戦略・組織グループ/AI推進チーム"')
        unit = ""
    else:
        try:
            split_path(unit)
        except InvalidInput as exc:
            problems.append(f"unit: {exc}")
    cycle = data.get("cycle")
    if not isinstance(cycle, str) or not cycle.strip() or len(cycle.strip()) > 40 or PATH_SEPARATOR in cycle:
        problems.append('cycle: give the cycle\'s name, e.g. "FY2026" (at most 40 characters)')
        cycle = ""
    questionnaire = data.get("questionnaire")
    qid = version = None
    if not isinstance(questionnaire, dict):
        problems.append('questionnaire: give {"id": …, "version": …} of the questionnaire answered')
    else:
        problems.extend(_unknown(questionnaire, ("id", "version"), "questionnaire"))
        qid, version = questionnaire.get("id"), questionnaire.get("version")
        if not isinstance(qid, str) or not qid:
            problems.append("questionnaire.id: give the questionnaire's id as text")
        if not isinstance(version, str) or not version:
            problems.append("questionnaire.version: give the questionnaire's version as text")
    answers = data.get("answers")
    entries: list[Entry] = []
    if not isinstance(answers, list):
        problems.append("answers: give a list of answers")
    elif len(answers) > 20000:
        problems.append(f"answers: {len(answers)} entries; at most 20000")
    else:
        seen: dict[str, int] = {}
        for index, raw in enumerate(answers):
            entry = _entry(index, raw, problems, seen)
            if entry is not None:
                entries.append(entry)
    for name, text in (("unit", unit), ("cycle", cycle), ("questionnaire.id", qid), ("questionnaire.version", version)):
        if isinstance(text, str) and (why := _unstorable(text)):
            problems.append(f"{name}: {why}")
    if problems:
        raise refuse(problems)
    target = Target(
        unit=str(unit).strip(),
        cycle=str(cycle).strip(),
        questionnaire_id=qid,
        questionnaire_version=version,
        where={"unit": "unit", "cycle": "cycle", "questionnaire": "questionnaire"},
    )
    return target, entries


@service
def answers_file_bytes(*, session: Session, assessment_id: int, scrub: bool = False) -> bytes:
    """An assessment's answers in the plain answers format (answered and N/A items)."""
    data = snapshot(session=session, assessment_id=assessment_id)
    if scrub:
        data = scrub_payload(data)
    answers = []
    for answer in data.answers:
        if answer.level is None and answer.na_reason is None:
            continue
        entry: dict[str, Any] = {"item": answer.item}
        if answer.na_reason is not None:
            entry["na"] = answer.na_reason
        else:
            entry["level"] = answer.level
        if answer.target is not None:
            entry["target"] = answer.target
        if answer.comment:
            entry["comment"] = answer.comment
        answers.append(entry)
    document = {
        "format": FORMAT_ID,
        "unit": data.unit.path,
        "cycle": data.cycle,
        "questionnaire": {"id": data.questionnaire.id, "version": data.questionnaire.version},
        "answers": answers,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
