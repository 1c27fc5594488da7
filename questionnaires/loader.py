"""Read a questionnaire or module file, validate it and report every problem with its line.

Problems are collected, not raised one at a time, so that an editor sees all of them in one
run, each as ``FILE:LINE: field: message``. Only a file that cannot be read as YAML at all
stops at its first problem.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import stat
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from questionnaires.model import Questionnaire
from questionnaires.problems import ENCODING, FILE, Problem, QuestionnaireError, fail
from questionnaires.rules import Kind, ModuleContext, check_file, check_kind, check_module
from questionnaires.schema import Edition, Item, Policy, Principle, QuestionnaireFile, Source, Text
from questionnaires.yaml_reader import Finding, SourceMap, read_yaml
from questionnaires.yaml_reader import Path as DataPath

__all__ = [
    "MAX_FILE_BYTES",
    "Problem",
    "QuestionnaireError",
    "content_hash",
    "declared_kind",
    "from_json",
    "load",
    "parse_text",
    "read_file",
]

#: Files larger than this are refused unread: the shipped plan is about 140 KB.
MAX_FILE_BYTES = 5 * 1024 * 1024

#: Fields whose value is a Text (ja + en).
_TEXT_FIELDS = {"title", "name", "gist", "question", "guidance", "kpi", "ref"}
#: The model a mapping under each key must follow, to name the allowed fields.
_MODELS: dict[str, type[BaseModel]] = {
    "": QuestionnaireFile,
    "edition": Edition,
    "principles": Principle,
    "policies": Policy,
    "items": Item,
    "source": Source,
}


def content_hash(data: QuestionnaireFile) -> str:
    """SHA-256 over the canonical JSON of the content: formatting and comments do not count."""
    canonical = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_text(
    text: str, file: str, *, kind: Kind | None = None, context: ModuleContext | None = None
) -> QuestionnaireFile:
    """Parse and validate questionnaire text; raise QuestionnaireError listing every problem.

    ``kind`` requires a plan or a module; ``context`` checks a module against its plan and
    the modules already accepted (see :mod:`questionnaires.rules`).
    """
    data, source, findings = read_yaml(text, file)
    if not isinstance(data, dict):
        raise fail(
            file,
            source.line_of(()),
            FILE,
            f"the file must be a mapping (format:, id:, kind:, … items:), not {_kind_of(data)}",
        )
    parsed: QuestionnaireFile | None = None
    try:
        parsed = QuestionnaireFile.model_validate(data)
    except ValidationError as exc:
        findings += _schema_findings(exc.errors())
    if kind is not None:
        findings += check_kind(data, kind)
    findings += check_file(data, source)
    findings += _unstorable(data, ())
    if context is not None and data.get("kind") == "module":
        findings += check_module(data, context)
    problems = _problems(file, data, source, findings)
    if problems:
        raise QuestionnaireError(problems)
    assert parsed is not None
    return parsed


def read_file(path: Path, *, kind: Kind | None = None, context: ModuleContext | None = None) -> QuestionnaireFile:
    """Read and validate one file; it must be UTF-8 text of at most MAX_FILE_BYTES."""
    name = str(path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise fail(name, 1, FILE, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a FIFO would wait for a writer forever
        raise fail(name, 1, FILE, "not a regular file (a pipe or a device); give a questionnaire file")
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise fail(name, 1, FILE, f"cannot read the file: {exc.strerror or exc}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(name, 1, FILE, f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not read")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail(name, 1, ENCODING, "the file is saved as UTF-16; save it as UTF-8")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise fail(
            name, line, ENCODING, "not UTF-8 text (first bad byte on this line); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise fail(name, line, ENCODING, "the file holds NUL bytes; it is not a text file")
    return parse_text(text, name, kind=kind, context=context)


def load(path: Path, *, kind: Kind | None = None, context: ModuleContext | None = None) -> Questionnaire:
    data = read_file(path, kind=kind, context=context)
    return Questionnaire(data=data, hash=content_hash(data))


def from_json(content: str) -> Questionnaire:
    """Rebuild a questionnaire stored as canonical JSON (e.g. in the database)."""
    data = QuestionnaireFile.model_validate_json(content)
    return Questionnaire(data=data, hash=content_hash(data))


def _unstorable(value: Any, path: DataPath) -> list[Finding]:
    """Texts written with YAML escapes that no database can store: NUL (``"\\0"``) and lone
    surrogates (``"\\U0000D800"``)."""
    if isinstance(value, str):
        if "\x00" in value:
            return [Finding(path, 'holds a NUL character (an escape such as "\\0"); remove it')]
        if any("\ud800" <= ch <= "\udfff" for ch in value):
            return [Finding(path, 'holds a lone surrogate (an escape such as "\\uD800"), not valid Unicode')]
        return []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [finding for key, child in items for finding in _unstorable(child, (*path, key))]


def _problems(file: str, data: dict[str, Any], source: SourceMap, findings: list[Finding]) -> list[Problem]:
    """Findings as sorted problems. A mistake inside an anchored block shows up again wherever
    an alias repeats it; those repeats are dropped so it is reported once, at the anchor.
    A problem that only arises where an alias is used is reported at the alias."""
    at_anchor = {(f.path, f.message) for f in findings if source.canonical(f.path) == f.path}
    seen: set[tuple[int, str, str]] = set()
    problems: list[Problem] = []
    for finding in findings:
        path = finding.path
        if (source.canonical(path), finding.message) in at_anchor and source.canonical(path) != path:
            continue
        line = finding.line or source.line_of(path)
        key = (line, _field(path, data), finding.message)
        if key not in seen:
            seen.add(key)
            problems.append(Problem(file, *key))
    return sorted(problems, key=lambda p: p.line)  # stable: same line keeps the order found


def _schema_findings(errors: list[Any]) -> list[Finding]:
    """Pydantic's errors as findings. A text given something else than ja/en (say a block of
    level descriptors) is one problem, not one per stray key and missing language."""
    stray_keys: dict[DataPath, list[str]] = {}
    lacking_language: set[DataPath] = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] in ("extra_forbidden", "invalid_key") and _parent_model(loc) is Text:
            stray_keys.setdefault(loc[:-1], []).append(str(loc[-1]))
        elif err["type"] == "missing" and loc[-1] in ("ja", "en"):
            lacking_language.add(loc[:-1])
    wrong_texts = {parent: keys for parent, keys in stray_keys.items() if parent in lacking_language}
    findings: list[Finding] = []
    for err in errors:
        loc = _path_of(tuple(err["loc"]))
        parent = loc[:-1]
        if parent in wrong_texts and (loc[-1] in ("ja", "en") or str(loc[-1]) in wrong_texts[parent]):
            if any(f.path == parent for f in findings):
                continue
            found = ", ".join(wrong_texts[parent])
            findings.append(Finding(parent, f"must be a mapping with ja: and en: texts (found the keys {found})"))
            continue
        findings.append(Finding(loc, _message(err)))
    return findings


def _path_of(loc: tuple[Any, ...]) -> DataPath:
    """Pydantic marks a bad dict key with a trailing "[key]"; the key's own path has its line."""
    return tuple(part for part in loc if part != "[key]")


def _field(path: DataPath, data: Any) -> str:
    """Readable field name: ``items[1-03].levels.2.en``, ``items[2-01].principles[P4]``.

    A list entry is named by its id, or by its value if it is a text; otherwise by its
    position counted from 1 (``items#3``), so that brackets always hold a name.
    """
    if not path:
        return FILE
    out = ""
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            entry = node[part] if 0 <= part < len(node) else None
            label = entry.get("id") if isinstance(entry, dict) else entry
            out += f"[{label}]" if isinstance(label, str) and label.strip() else f"#{part + 1}"
            node = entry
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a single text"
    return f"a single value ({_shown(value)})"


def _shown(value: Any) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _parent_model(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    parent = next((part for part in reversed(loc[:-1]) if isinstance(part, str)), "")
    return Text if parent in _TEXT_FIELDS or parent == "levels" else _MODELS.get(parent)


def _message(err: Any) -> str:
    """Pydantic's error, worded for the person editing the file."""
    kind: str = err["type"]
    loc: tuple[Any, ...] = tuple(err["loc"])
    value = err.get("input")
    last = loc[-1] if loc else ""
    if "[key]" in loc:
        if kind in ("greater_than_equal", "less_than_equal"):
            return f"unknown level {value} (levels are 0 to 5)"
        return f"level keys are the numbers 0 to 5, not {_shown(value)}"
    if kind == "missing":
        return f"missing translation ({last})" if last in ("ja", "en") else "required field is missing"
    if last in ("ja", "en"):
        if value is None or kind in ("string_too_short", "string_pattern_mismatch"):
            return f"missing translation ({last})"
        return f"must be text, not {_shown(value)} (put it in quotes)"
    if last == "weight":
        return f"weight must be 1, 2 or 3, not {_shown(value)}"
    if kind in ("extra_forbidden", "invalid_key"):
        model = _parent_model(loc)
        allowed = f"; allowed here: {', '.join(model.model_fields)}" if model else ""
        return f"unknown field (check the spelling{allowed})"
    if kind in ("model_type", "dict_type"):
        if last == "levels":
            return f"must be a mapping from the levels 0 to 5 to their descriptors, not {_shown(value)}"
        if last in _TEXT_FIELDS or _parent_model(loc) is Text or (len(loc) > 1 and loc[-2] == "levels"):
            return f"must be a mapping with ja: and en: texts, not {_shown(value)}"
        return f"must be a mapping of fields, not {_shown(value)}"
    if kind == "list_type":
        return f"must be a list, not {_shown(value)}"
    if kind == "too_short" and isinstance(value, list):
        return "must list at least one entry"
    if kind == "literal_error":
        return f"must be {err['ctx']['expected']}, not {_shown(value)}"
    if kind == "string_type":
        return f"must be text, not {_shown(value)} (put it in quotes)"
    if kind == "string_pattern_mismatch" and last == "id":
        return _id_rule(loc[0])
    return f"{err['msg']} (found {_shown(value)})"


def _id_rule(where: Any) -> str:
    if where == "id":
        return "the id may contain lowercase letters, digits, '-' and '_' (e.g. my-ministry-module)"
    if where == "principles":
        return "a principle id is P followed by a number (P1, P2, P3)"
    return "an id may contain letters, digits, '.', '_' and '-', and starts with a letter or digit"


def declared_kind(path: Path) -> str | None:
    """The ``kind:`` a file declares, or None when it cannot be read (``load`` then says why)."""
    if not path.is_file():  # opening a FIFO would wait for a writer
        return None
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            return None
        data, _, _ = read_yaml(raw.decode("utf-8-sig"), str(path))
    except (OSError, UnicodeDecodeError, QuestionnaireError):
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None
