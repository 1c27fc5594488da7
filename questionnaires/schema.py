"""The questionnaire file format: pydantic models for one questionnaire or module file.

A file is YAML (UTF-8). The models here check each field on its own (types, both
translations present and not blank, weights 1-3, levels 0-5); rules across fields (unique
ids, known policies and principles, all six level descriptors, module against plan) live in
:mod:`questionnaires.rules`. :mod:`questionnaires.loader` maps every problem to its line.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, StringConstraints

FORMAT_ID = "ai-readiness/questionnaire@1"

#: How sure a fact is, carried from the reference brief into the data.
#: V verified in a primary text; V-tr official translation; S secondary source;
#: M memory or inference, unverified; L unverified lead.
Confidence = Literal["V", "V-tr", "S", "M", "L"]

LEVELS = range(0, 6)
WEIGHTS = (1, 2, 3)
#: Answers are stored per item id in a column of this width.
MAX_ITEM_ID = 50

#: A text in one language: present and not blank.
Label = Annotated[str, StringConstraints(strict=True, min_length=1, pattern=r"\S")]
Level = Annotated[StrictInt, Field(ge=LEVELS.start, le=LEVELS.stop - 1)]
Weight = Annotated[StrictInt, Field(ge=min(WEIGHTS), le=max(WEIGHTS))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in both interface languages."""

    ja: Label
    en: Label

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Edition(_Strict):
    id: StrictStr = Field(min_length=1, max_length=50)
    name: Text
    confidence: Confidence


class Principle(_Strict):
    id: StrictStr = Field(pattern=r"^P[0-9]+$")
    name: Text
    gist: Text | None = None
    confidence: Confidence


class Policy(_Strict):
    id: StrictStr = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    name: Text
    confidence: Confidence


class Source(_Strict):
    ref: Text
    confidence: Confidence


class Item(_Strict):
    id: StrictStr = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=MAX_ITEM_ID)
    policy: StrictStr
    principles: list[StrictStr] = Field(min_length=1)
    weight: Weight
    question: Text
    guidance: Text
    levels: dict[Level, Text]
    source: Source
    kpi: Text | None = None


class QuestionnaireFile(_Strict):
    format: Literal["ai-readiness/questionnaire@1"]
    # The lengths are those of the database columns (a longer value could not be stored).
    id: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)
    kind: Literal["plan", "module"]
    version: StrictStr = Field(min_length=1, max_length=50)
    title: Text
    edition: Edition
    principles: list[Principle] = Field(min_length=1)
    policies: list[Policy] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
