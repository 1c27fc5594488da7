"""The questionnaire file format: pydantic models for one questionnaire or module file.

A file is YAML (UTF-8). The models here check structure and types; cross-field rules
(unique ids, known policies and principles, complete translations) live in
:mod:`questionnaires.validate`, which also maps every problem back to a line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

FORMAT_ID = "ai-readiness/questionnaire@1"

#: How sure a fact is, carried from the reference brief into the data.
#: V verified in a primary text; V-tr official translation; S secondary source;
#: M memory or inference, unverified; L unverified lead.
Confidence = Literal["V", "V-tr", "S", "M", "L"]

LEVELS = range(0, 6)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A text in both interface languages."""

    ja: StrictStr
    en: StrictStr

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.ja


class Edition(_Strict):
    id: StrictStr = Field(min_length=1)
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
    id: StrictStr = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    policy: StrictStr
    principles: list[StrictStr] = Field(min_length=1)
    weight: StrictInt
    question: Text
    guidance: Text
    levels: dict[StrictInt, Text]
    source: Source
    kpi: Text | None = None


class QuestionnaireFile(_Strict):
    format: Literal["ai-readiness/questionnaire@1"]
    id: StrictStr = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: Literal["plan", "module"]
    version: StrictStr = Field(min_length=1)
    title: Text
    edition: Edition
    principles: list[Principle]
    policies: list[Policy] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)
