"""Rules across the fields of a questionnaire or module file.

They run on the raw data, not on the validated model, so that they are checked even when
some field has the wrong type (pydantic reports that one) and an editor sees every problem
in one run. Each rule returns findings with the path of the value at fault; the loader
turns paths into lines.

A *module* is a ministry's own supplement to the plan, in the same format with
``kind: module``. It must fit the plan it is used with:

* its ``id`` differs from the plan's and from every other module's;
* its ``policies`` are its own sections: their ids differ from the plan's policies and from
  other modules' sections;
* its ``principles`` list the plan principles it uses (ids known to the plan, e.g. P1-P3);
* its item ids are unique within the module and differ from the plan's and other modules'
  item ids, because answers are stored per assessment and item id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from questionnaires.schema import LEVELS
from questionnaires.yaml_reader import Finding, Path, SourceMap

if TYPE_CHECKING:
    from questionnaires.model import Questionnaire

Kind = Literal["plan", "module"]
IdKind = Literal["questionnaire", "section", "item"]


@dataclass(frozen=True)
class ModuleContext:
    """What a module file must fit: the plan's principles and the ids already taken."""

    plan_id: str
    principles: tuple[str, ...]
    #: (kind of id, id, who uses it), e.g. ("item", "1-01", "the plan jp-ai-basic-plan")
    taken: tuple[tuple[IdKind, str, str], ...]

    @classmethod
    def for_plan(cls, plan: Questionnaire) -> ModuleContext:
        owner = f"the plan {plan.id}"
        taken: list[tuple[IdKind, str, str]] = [("questionnaire", plan.id, owner)]
        taken += [("section", p.id, owner) for p in plan.policies]
        taken += [("item", item.id, owner) for item in plan.items]
        return cls(plan.id, tuple(p.id for p in plan.principles), tuple(taken))

    def with_module(self, module: Questionnaire, file: str) -> ModuleContext:
        """This context with ``module``'s ids taken too (for the next module in a folder)."""
        owner = f"module {module.id} ({file})"
        taken: list[tuple[IdKind, str, str]] = [("questionnaire", module.id, owner)]
        taken += [("section", p.id, owner) for p in module.policies]
        taken += [("item", item.id, owner) for item in module.items]
        return ModuleContext(self.plan_id, self.principles, self.taken + tuple(taken))

    @cached_property
    def _owners(self) -> dict[tuple[str, str], str]:
        owners: dict[tuple[str, str], str] = {}
        for kind, id_, owner in self.taken:
            owners.setdefault((kind, id_), owner)
        return owners

    def owner(self, kind: IdKind, id_: str) -> str | None:
        return self._owners.get((kind, id_))


def _entries(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for i, entry in enumerate(value):
            if isinstance(entry, dict):
                yield i, entry


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _ids(data: dict[str, Any], key: str) -> set[str]:
    return {id_ for _, entry in _entries(data, key) if (id_ := _str(entry.get("id"))) is not None}


def _known(ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(ids) if ids else "none"


def check_kind(data: dict[str, Any], expected: Kind) -> list[Finding]:
    kind = data.get("kind")
    if kind in ("plan", "module") and kind != expected:
        where = "the active questionnaire" if expected == "plan" else "a file in the modules folder"
        return [Finding(("kind",), f"{where} must have kind: {expected}, not {kind}")]
    return []


def check_file(data: dict[str, Any], source: SourceMap) -> list[Finding]:
    """Unique ids, known references, all six level descriptors, nothing left unused."""
    findings: list[Finding] = []
    for key in ("principles", "policies", "items"):
        first: dict[str, int] = {}
        for i, entry in _entries(data, key):
            id_ = _str(entry.get("id"))
            if id_ is None:
                continue
            if id_ in first:
                line = source.line_of((key, first[id_], "id"))
                findings.append(Finding((key, i, "id"), f"duplicate id {id_!r} (first used on line {line})"))
            else:
                first[id_] = i

    principles = sorted(_ids(data, "principles"))
    policies = sorted(_ids(data, "policies"))
    used_principles: set[str] = set()
    used_policies: set[str] = set()
    for i, item in _entries(data, "items"):
        base: Path = ("items", i)
        policy = _str(item.get("policy"))
        if policy is not None:
            used_policies.add(policy)
            if policy not in policies:
                findings.append(
                    Finding((*base, "policy"), f"unknown policy {policy!r} (this file has: {_known(policies)})")
                )
        tags = item.get("principles")
        if isinstance(tags, list):
            seen: set[str] = set()
            for j, tag in enumerate(tags):
                if not isinstance(tag, str):
                    continue
                used_principles.add(tag)
                if tag not in principles:
                    findings.append(
                        Finding(
                            (*base, "principles", j),
                            f"unknown principle {tag!r} (this file has: {_known(principles)})",
                        )
                    )
                elif tag in seen:
                    findings.append(Finding((*base, "principles", j), f"principle {tag!r} is listed twice"))
                seen.add(tag)
        levels = item.get("levels")
        if isinstance(levels, dict):
            # A quoted key ("3") is reported by the schema; do not also call level 3 missing.
            present = {int(k) if isinstance(k, str) and k.isdigit() else k for k in levels}
            missing = [str(level) for level in LEVELS if level not in present]
            if missing:
                word = "descriptor for level" if len(missing) == 1 else "descriptors for levels"
                findings.append(Finding((*base, "levels"), f"missing level {word} {', '.join(missing)}"))

    for key, used, what in (
        ("policies", used_policies, "item belongs to"),
        ("principles", used_principles, "item is tagged with"),
    ):
        for i, entry in _entries(data, key):
            id_ = _str(entry.get("id"))
            if id_ is not None and id_ not in used:
                findings.append(Finding((key, i, "id"), f"no {what} {id_!r}"))
    return findings


def check_module(data: dict[str, Any], context: ModuleContext) -> list[Finding]:
    """A module against its plan and the modules already accepted (see the module docstring)."""
    findings: list[Finding] = []
    module_id = _str(data.get("id"))
    if module_id is not None and (owner := context.owner("questionnaire", module_id)):
        findings.append(Finding(("id",), f"id {module_id!r} is already used by {owner}; a module needs its own id"))
    for i, entry in _entries(data, "principles"):
        id_ = _str(entry.get("id"))
        if id_ is not None and id_ not in context.principles:
            findings.append(
                Finding(
                    ("principles", i, "id"),
                    f"unknown principle {id_!r}: a module uses the principles of the plan {context.plan_id} "
                    f"({_known(context.principles)})",
                )
            )
    for key, kind, hint in (
        ("policies", "section", "give the module's section its own id, e.g. M1"),
        ("items", "item", "prefix the module's item ids with its id"),
    ):
        for i, entry in _entries(data, key):
            id_ = _str(entry.get("id"))
            if id_ is not None and (owner := context.owner(kind, id_)):  # type: ignore[arg-type]
                findings.append(Finding((key, i, "id"), f"{kind} id {id_!r} is already used by {owner}; {hint}"))
    return findings
