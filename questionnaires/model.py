"""A loaded, validated questionnaire with the look-ups the rest of the program needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from questionnaires.schema import Item, Policy, Principle, QuestionnaireFile


@dataclass(frozen=True)
class Questionnaire:
    data: QuestionnaireFile
    hash: str

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def version(self) -> str:
        return self.data.version

    @property
    def edition(self) -> str:
        return self.data.edition.id

    @property
    def kind(self) -> str:
        return self.data.kind

    @property
    def items(self) -> list[Item]:
        return self.data.items

    @property
    def policies(self) -> list[Policy]:
        return self.data.policies

    @property
    def principles(self) -> list[Principle]:
        return self.data.principles

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.data.items}

    @cached_property
    def policy_by_id(self) -> dict[str, Policy]:
        return {p.id: p for p in self.data.policies}

    @cached_property
    def principle_by_id(self) -> dict[str, Principle]:
        return {p.id: p for p in self.data.principles}

    def items_of_policy(self, policy_id: str) -> list[Item]:
        return [item for item in self.data.items if item.policy == policy_id]

    def canonical_json(self) -> str:
        """The content as stored in the database: enough to rebuild and re-score it forever."""
        return json.dumps(self.data.model_dump(mode="json"), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def to_public_json(self) -> dict[str, Any]:
        """The shape printed by ``ai-readiness questionnaire show --json`` (a contract)."""
        return {
            "id": self.id,
            "edition": self.edition,
            "version": self.version,
            "hash": self.hash,
            "principles": [{"id": p.id, "name": p.name.model_dump()} for p in self.principles],
            "policies": [{"id": p.id, "name": p.name.model_dump()} for p in self.policies],
            "items": [
                {
                    "id": item.id,
                    "policy": item.policy,
                    "principles": list(item.principles),
                    "weight": item.weight,
                    "question": item.question.model_dump(),
                    "guidance": item.guidance.model_dump(),
                    "levels": [{"level": lv, **item.levels[lv].model_dump()} for lv in sorted(item.levels)],
                    "source": item.source.model_dump(),
                }
                for item in self.items
            ],
        }
