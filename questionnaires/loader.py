"""Read a questionnaire file, validate it and report every problem with its line.

Problems are collected, not raised one at a time, so an editor of a file sees all of
them in one run: ``FILE:LINE: field: message``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from questionnaires.model import Questionnaire
from questionnaires.schema import LEVELS, QuestionnaireFile

#: Files larger than this are refused before parsing: a questionnaire is a few hundred KB.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: YAML nested deeper than this is refused (a questionnaire needs about 6 levels).
MAX_DEPTH = 24

WEIGHTS = (1, 2, 3)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{field} {self.message}"


class QuestionnaireError(Exception):
    """A questionnaire file could not be used; ``problems`` lists why, each with a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


Path_ = tuple[Any, ...]


class _LineTracker:
    """Turns a composed YAML node tree into Python data, remembering each value's line."""

    def __init__(self, file: str):
        self.file = file
        self.lines: dict[Path_, int] = {}
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_ = (), depth: int = 0) -> Any:
        self.lines[path] = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise QuestionnaireError([Problem(self.file, node.start_mark.line + 1, _field(path), "nested too deeply")])
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int)):
                    self.problems.append(
                        Problem(self.file, key_node.start_mark.line + 1, _field(path), f"invalid key {key!r}")
                    )
                    continue
                if key in result:
                    self.problems.append(
                        Problem(
                            self.file,
                            key_node.start_mark.line + 1,
                            _field((*path, key)),
                            "duplicate key (each key may appear once)",
                        )
                    )
                    continue
                result[key] = self.build(value_node, (*path, key), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self._constructor.construct_object(node, deep=True)

    def line_of(self, path: Path_) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _field(path: Path_, data: Any = None) -> str:
    """Readable field name: ``items[1-03].levels.2.en`` (items named by id where known)."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            label = str(part)
            if 0 <= part < len(node) and isinstance(node[part], dict) and isinstance(node[part].get("id"), str):
                label = node[part]["id"]
            out += f"[{label}]"
            node = node[part] if 0 <= part < len(node) else None
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def content_hash(data: QuestionnaireFile) -> str:
    """SHA-256 over the canonical JSON of the content: formatting and comments do not count."""
    canonical = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_text(text: str, file: str) -> QuestionnaireFile:
    """Parse and validate questionnaire text; raise QuestionnaireError listing every problem."""
    tracker = _LineTracker(file)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise QuestionnaireError([Problem(file, line, "", f"malformed YAML: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise QuestionnaireError([Problem(file, 1, "", f"malformed YAML: {exc}")]) from None
    if root is None:
        raise QuestionnaireError([Problem(file, 1, "", "the file is empty")])
    try:
        data = tracker.build(root)
    except yaml.YAMLError as exc:
        raise QuestionnaireError([Problem(file, 1, "", f"malformed YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise QuestionnaireError([Problem(file, 1, "", "the file must be a mapping with format, id, items, …")])

    problems = list(tracker.problems)
    try:
        parsed = QuestionnaireFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(err["loc"])
            problems.append(Problem(file, tracker.line_of(loc), _field(loc, data), _message(err)))
        raise QuestionnaireError(sorted(problems, key=lambda p: p.line)) from None
    problems.extend(_check_rules(parsed, data, tracker))
    if problems:
        raise QuestionnaireError(sorted(problems, key=lambda p: p.line))
    return parsed


def _message(err: Any) -> str:
    kind = err["type"]
    loc = err["loc"]
    if kind == "missing":
        if loc and loc[-1] in ("ja", "en"):
            return f"missing translation ({loc[-1]})"
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling)"
    if kind == "literal_error" and loc == ("format",):
        return "must be 'ai-readiness/questionnaire@1'"
    return str(err["msg"])


def _check_rules(q: QuestionnaireFile, data: dict[str, Any], tracker: _LineTracker) -> list[Problem]:
    file = tracker.file
    problems: list[Problem] = []

    def add(path: Path_, message: str) -> None:
        problems.append(Problem(file, tracker.line_of(path), _field(path, data), message))

    def check_text(path: Path_, value: Any) -> None:
        if value is None:
            return
        for lang in ("ja", "en"):
            if not getattr(value, lang).strip():
                add((*path, lang), f"missing translation ({lang})")

    check_text(("title",), q.title)
    check_text(("edition", "name"), q.edition.name)
    if not q.principles:
        add(("principles",), "at least one principle is required")
    for kind, entries in (("principles", q.principles), ("policies", q.policies)):
        seen: set[str] = set()
        for i, entry in enumerate(entries):
            if entry.id in seen:
                add((kind, i, "id"), f"duplicate id {entry.id!r}")
            seen.add(entry.id)
            check_text((kind, i, "name"), entry.name)
    principle_ids = {p.id for p in q.principles}
    policy_ids = {p.id for p in q.policies}
    seen_items: set[str] = set()
    for i, item in enumerate(q.items):
        base: Path_ = ("items", i)
        if item.id in seen_items:
            add((*base, "id"), f"duplicate id {item.id!r}")
        seen_items.add(item.id)
        if item.policy not in policy_ids:
            add((*base, "policy"), f"unknown policy {item.policy!r} (known: {', '.join(sorted(policy_ids))})")
        for j, principle in enumerate(item.principles):
            if principle not in principle_ids:
                add(
                    (*base, "principles", j),
                    f"unknown principle {principle!r} (known: {', '.join(sorted(principle_ids))})",
                )
        if len(set(item.principles)) != len(item.principles):
            add((*base, "principles"), "a principle is listed twice")
        if item.weight not in WEIGHTS:
            add((*base, "weight"), f"weight must be 1, 2 or 3, not {item.weight}")
        for level in LEVELS:
            if level not in item.levels:
                add((*base, "levels"), f"missing level descriptor for level {level}")
            else:
                check_text((*base, "levels", level), item.levels[level])
        for level in item.levels:
            if level not in LEVELS:
                add((*base, "levels", level), f"unknown level {level} (levels are 0-5)")
        for name in ("question", "guidance", "kpi"):
            check_text((*base, name), getattr(item, name))
        check_text((*base, "source", "ref"), item.source.ref)
    return problems


def read_file(path: Path) -> QuestionnaireFile:
    """Read and validate one file; the text must be UTF-8."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise QuestionnaireError(
                [Problem(name, 1, "", f"file is too large ({size} bytes; at most {MAX_FILE_BYTES})")]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise QuestionnaireError([Problem(name, 1, "", f"cannot read the file: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise QuestionnaireError([Problem(name, line, "", "the file is not UTF-8 text")]) from None
    if "\x00" in text:
        raise QuestionnaireError([Problem(name, 1, "", "the file holds NUL bytes; it is not a text file")])
    return parse_text(text, name)


def load(path: Path) -> Questionnaire:
    data = read_file(path)
    return Questionnaire(data=data, hash=content_hash(data))


def from_json(content: str) -> Questionnaire:
    """Rebuild a questionnaire stored as canonical JSON (e.g. in the database)."""
    data = QuestionnaireFile.model_validate_json(content)
    return Questionnaire(data=data, hash=content_hash(data))
