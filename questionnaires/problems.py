"""A problem found in a questionnaire file, worded for the person editing it."""

from __future__ import annotations

from dataclasses import dataclass

#: Pseudo-fields for problems that belong to no field of the format.
FILE = "file"  # the file as a whole: unreadable, empty, too large, not a mapping
ENCODING = "encoding"  # not UTF-8 text
YAML = "yaml"  # the YAML syntax itself


@dataclass(frozen=True)
class Problem:
    """One problem, printed as ``FILE:LINE: field: message``."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class QuestionnaireError(Exception):
    """A questionnaire file could not be used; ``problems`` lists every reason, each with its line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def fail(file: str, line: int, field: str, message: str) -> QuestionnaireError:
    return QuestionnaireError([Problem(file, line, field, message)])
