"""Turn YAML text into plain Python data and remember the line of every value.

PyYAML's own loader forgets lines, silently keeps the last of two equal keys and expands
aliases without limit, so a questionnaire is read here instead:

* every value's path (``("items", 3, "levels", 2, "en")``) is mapped to its line, and a
  value reached through an alias is mapped to the alias's line (the composer below keeps it);
* a duplicate key is a problem, not a silent overwrite;
* nesting deeper than :data:`MAX_DEPTH` and files that expand to more than
  :data:`MAX_VALUES` values (the "billion laughs" alias bomb) are refused at once;
* ``<<`` merge keys work as in PyYAML.

Scanning and parsing run in libyaml when PyYAML has it (about 7x faster); composing the node
tree runs in Python so that alias lines survive.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.resolver import Resolver

from questionnaires.problems import FILE, YAML, fail

#: A questionnaire nests about 6 levels deep; anything far deeper is a broken or hostile file.
MAX_DEPTH = 32
#: Values after alias expansion. The shipped plan has about 3,000; this leaves room for
#: plans thirty times larger while refusing an alias bomb within a fraction of a second.
MAX_VALUES = 100_000

MERGE_TAG = "tag:yaml.org,2002:merge"

Path = tuple[str | int, ...]


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


class _AliasKeepingComposer(Composer):
    """PyYAML's composer, except that an alias yields a copy of the anchored node whose
    start mark is the alias's own position (children stay shared, so nothing is expanded)."""

    def __init__(self) -> None:
        super().__init__()
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            node = super().compose_node(parent, index)
            alias = type(node).__new__(type(node))
            alias.__dict__.update(node.__dict__)
            alias.start_mark = mark
            alias.alias_of = node  # type: ignore[attr-defined]
            return alias
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_LIBYAML = bool(getattr(yaml, "__with_libyaml__", False))

if _LIBYAML:
    from yaml.cyaml import CParser

    class _Composer(_AliasKeepingComposer, CParser, Resolver):  # type: ignore[misc]
        def __init__(self, text: str):
            CParser.__init__(self, text)
            _AliasKeepingComposer.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover - PyYAML wheels ship libyaml; this keeps source installs working
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Composer(_AliasKeepingComposer, Reader, Scanner, Parser, Resolver):  # type: ignore[no-redef]
        def __init__(self, text: str):
            Reader.__init__(self, text)
            Scanner.__init__(self)
            Parser.__init__(self)
            _AliasKeepingComposer.__init__(self)
            Resolver.__init__(self)


@dataclass
class Finding:
    """A problem found while reading: where (path, and the exact line when known) and what."""

    path: Path
    message: str
    line: int | None = None


@dataclass
class SourceMap:
    """Where each value of the data came from."""

    lines: dict[Path, int] = field(default_factory=dict)
    #: path where a value was reached through an alias (or merge) -> path of its anchor
    alias_roots: dict[Path, Path] = field(default_factory=dict)

    def canonical(self, path: Path) -> Path:
        """The path of the anchored value that ``path`` reaches through an alias (or ``path``)."""
        changed = True
        while changed:
            changed = False
            for n in range(len(path) - 1, 0, -1):
                origin = self.alias_roots.get(path[:n])
                if origin is not None:
                    path = origin + path[n:]
                    changed = True
                    break
        return path

    def line_of(self, path: Path) -> int:
        """Line of ``path``, or of the nearest enclosing value (a missing field is reported
        at the line of the mapping that lacks it)."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_yaml(text: str, file: str) -> tuple[Any, SourceMap, list[Finding]]:
    """Parse ``text``; return the data, its source map and problems such as duplicate keys.

    Raises :class:`~questionnaires.problems.QuestionnaireError` when the text cannot be
    read as YAML at all.
    """
    n_lines = text.count("\n") + 1
    try:
        root = _Composer(text).get_single_node()
    except _TooDeep as exc:
        raise fail(file, exc.line, YAML, f"nested more than {MAX_DEPTH} levels deep") from None
    except yaml.MarkedYAMLError as exc:
        raise fail(file, *_syntax_problem(exc, text, n_lines)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        # libyaml counts the position in UTF-8 bytes, PyYAML's own reader in characters.
        before = text.encode("utf-8", "surrogatepass") if _LIBYAML else text
        line = before[: exc.position].count("\n" if isinstance(before, str) else b"\n") + 1
        message = f"character U+{exc.character:04X} is not allowed in YAML text ({exc.reason})"
        raise fail(file, line, YAML, message) from None
    except yaml.YAMLError as exc:
        raise fail(file, 1, YAML, f"malformed YAML: {' '.join(str(exc).split())}") from None
    if root is None:
        raise fail(file, 1, FILE, "the file is empty (it holds no YAML document)")
    _check_size(root, file)
    builder = _Builder(file)
    try:
        data = builder.build(root, ())
    except yaml.MarkedYAMLError as exc:  # e.g. an unknown !tag
        raise fail(file, *_syntax_problem(exc, text, n_lines)) from None
    return data, builder.source, builder.findings


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, n_lines: int) -> tuple[int, str, str]:
    mark = exc.problem_mark or exc.context_mark
    line = min(mark.line + 1, n_lines) if mark else 1
    lines = text.splitlines()
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in source_line[: len(source_line) - len(source_line.lstrip(" \t")) + 1]:
        return line, YAML, "a tab character is used for indentation; YAML indents with spaces only"
    problem = exc.problem or str(exc)
    hint = ""
    if any(text in problem for text in ("mapping values are not allowed", "expected <block end>", "expected key")):
        hint = " (check the indentation of this line and the one above)"
    elif "could not find expected ':'" in problem:
        hint = " (a key needs a colon and a space after it)"
    context = f" {exc.context}" if exc.context and not hint else ""
    return line, YAML, f"{problem}{context}{hint}"


def _check_size(root: Node, file: str) -> None:
    """Refuse a node tree that, once aliases are expanded, holds more than MAX_VALUES values or
    nests deeper than MAX_DEPTH, before anything is expanded. A value shared through aliases is
    sized once, so this takes time in proportion to the file, not to its expansion."""
    sizes: dict[int, tuple[int, int, bool]] = {}  # id(node.value) -> (values, height, uses aliases)
    active: set[int] = set()

    def measure(node: Node, depth: int, alias_lines: tuple[int, ...]) -> tuple[int, int, bool]:
        is_alias = hasattr(node, "alias_of")
        if is_alias:
            alias_lines = (*alias_lines, node.start_mark.line + 1)
        line = alias_lines[0] if alias_lines else node.start_mark.line + 1
        if not isinstance(node, (MappingNode, SequenceNode)):
            values, height, aliased = 1, 0, False
        elif id(node.value) in sizes:
            values, height, aliased = sizes[id(node.value)]
        else:
            if id(node.value) in active:
                raise fail(file, line, YAML, "an alias refers to a value that contains it")
            if depth > MAX_DEPTH:
                raise fail(file, line, YAML, f"aliases here nest values more than {MAX_DEPTH} levels deep")
            active.add(id(node.value))
            values, height, aliased = 1, 0, False
            children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
            for child in children:
                child_values, child_height, child_aliased = measure(child, depth + 1, alias_lines)
                values += child_values
                height = max(height, child_height + 1)
                aliased = aliased or child_aliased
            active.discard(id(node.value))
            sizes[id(node.value)] = (values, height, aliased)
        aliased = aliased or is_alias
        if depth + height > MAX_DEPTH:
            raise fail(file, line, YAML, f"aliases here nest values more than {MAX_DEPTH} levels deep")
        if values > MAX_VALUES:
            if aliased:
                raise fail(
                    file,
                    line,
                    YAML,
                    f"aliases here expand to more than {MAX_VALUES:,} values; refusing to expand them "
                    "(an alias bomb, or aliases nested far too deep)",
                )
            raise fail(
                file, line, FILE, f"the file holds more than {MAX_VALUES:,} values; a questionnaire needs far fewer"
            )
        return values, height, aliased

    measure(root, 0, ())


class _Builder:
    """Builds Python data from the node tree, filling a :class:`SourceMap` on the way."""

    def __init__(self, file: str):
        self.file = file
        self.source = SourceMap()
        self.findings: list[Finding] = []
        self._constructor = SafeConstructor()
        self._first_path: dict[int, Path] = {}
        self._alias_lines: list[int] = []

    def build(self, node: Node, path: Path, line: int | None = None) -> Any:
        original = getattr(node, "alias_of", node)
        through_alias = original is not node or id(original) in self._first_path
        if through_alias:
            self.source.alias_roots[path] = self._first_path.get(id(original), path)
            self._alias_lines.append(line or node.start_mark.line + 1)
        else:
            self._first_path[id(original)] = path
        # Everything reached through an alias is placed on the alias's line.
        own_line = line or node.start_mark.line + 1
        self.source.lines.setdefault(path, self._alias_lines[0] if self._alias_lines else own_line)
        try:
            return self._build_value(node, path)
        finally:
            if through_alias:
                self._alias_lines.pop()

    def _build_value(self, node: Node, path: Path) -> Any:
        # _check_size has ruled out cycles, runaway expansion and runaway depth.
        if isinstance(node, SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._build_mapping(node, path)
        return self._constructor.construct_object(node, deep=True)

    def _build_mapping(self, node: MappingNode, path: Path) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:
                merged.extend(self._merge_sources(value_node, path))
                continue
            key = self._key(key_node, path)
            if key is None:
                continue
            if key in result:
                self.findings.append(
                    Finding(
                        (*path, key),
                        "duplicate key (each key may appear only once in a mapping)",
                        line=key_node.start_mark.line + 1,
                    )
                )
                continue
            result[key] = self.build(value_node, (*path, key), line=key_node.start_mark.line + 1)
        for key_node, value_node in merged:  # explicit keys win over merged ones
            key = self._key(key_node, path)
            if key is not None and key not in result:
                result[key] = self.build(value_node, (*path, key))
        return result

    def _merge_sources(self, value_node: Node, path: Path) -> Iterator[tuple[Node, Node]]:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.findings.append(
                    Finding(path, "'<<' (merge) needs a mapping or a list of mappings", source.start_mark.line + 1)
                )
                continue
            yield from source.value

    def _key(self, key_node: Node, path: Path) -> str | int | None:
        key = self._constructor.construct_object(key_node, deep=True) if key_node.tag != MERGE_TAG else None
        if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
            return key
        self.findings.append(
            Finding(path, f"invalid key {key!r}: keys are names or level numbers", key_node.start_mark.line + 1)
        )
        return None
