"""Check a rule file against rule.schema.json and spaCy's token-pattern schema, every error with its
file:line:column.

The JSON Schema is the one description of a rule file: shipped with the package, named in each YAML
file's `yaml-language-server` comment so that editors complete and check keys as one types, and read
here so that the loader reports what the editor would. All errors of a file come at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator, ValidationError
from spacy.schemas import validate_token_pattern

from nofame.resources import read_text

SCHEMA_FILE = "rule.schema.json"
Location = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Document:
    """A YAML file's data and where each value (and each mapping key) starts."""

    path: Path
    data: Any
    values: dict[Location, yaml.Mark]
    keys: dict[Location, yaml.Mark]

    def problem(self, where: Location, message: str, *, key: bool = False) -> Problem:
        marks = self.keys if key else self.values
        mark = marks.get(where) or self._nearest(where)
        return Problem(self.path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, message)

    def _nearest(self, where: Location) -> yaml.Mark | None:
        for end in range(len(where), -1, -1):
            if (mark := self.values.get(where[:end])) is not None:
                return mark
        return None


@cache
def rule_schema() -> dict[str, Any]:
    return json.loads((files("nofame.ruleset") / SCHEMA_FILE).read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(rule_schema())


def read_document(path: Path) -> Document | Problem:
    text = read_text(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or exc
        return Problem(path, mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, f"invalid YAML: {detail}")
    values: dict[Location, yaml.Mark] = {}
    keys: dict[Location, yaml.Mark] = {}
    if node is not None:
        _marks(node, (), values, keys)
    return Document(path, data, values, keys)


def _marks(node: yaml.Node, where: Location, values: dict, keys: dict) -> None:
    values[where] = node.start_mark
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*where, key.value)
            keys[here] = key.start_mark
            _marks(value, here, values, keys)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _marks(item, (*where, index), values, keys)


def rule_problems(doc: Document) -> list[Problem]:
    """Every way the file breaks the rule schema, in file order."""
    problems = [p for error in _validator().iter_errors(doc.data) for p in _explain(doc, error)]
    if not problems and isinstance(doc.data, dict):
        problems = list(_token_problems(doc))
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))


def _explain(doc: Document, error: ValidationError) -> Iterator[Problem]:
    where: Location = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = set(error.schema.get("properties", {}))
        for key in sorted(set(error.instance) - known, key=str):
            expected = f"; expected one of {', '.join(sorted(known))}" if known else ""
            yield doc.problem((*where, key), f"{_name(where)}: unknown key {key!r}{expected}", key=True)
        return
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Report the branch that got furthest: "'two' is not of type 'integer'", not "is not valid under any".
        best = max(error.context, key=lambda e: (len(e.absolute_path), e.validator != "type"))
        yield from _explain(doc, best)
        return
    message = error.message
    if isinstance(error.instance, bool) or error.instance is None:
        message += " (quote yes/no/on/off/true/null in YAML: unquoted, they are not words)"
    elif error.validator == "required" and error.schema is _validator().schema:
        message = message.replace("is a required property", "is required")
    yield doc.problem(where, f"{_name(where)}: {message}")


def _name(where: Location) -> str:
    return ".".join(str(part) for part in where) or "rule"


_SPACY_WHERE = re.compile(r"^\[pattern -> (\d+)(?: -> (\w+))?")


def _token_problems(doc: Document) -> Iterator[Problem]:
    """spaCy's own check of each token pattern (operators, value types), placed on the token; the
    alternatives spaCy tried for one value come as one problem."""
    for index, pattern in enumerate(doc.data.get("patterns", [])):
        if not isinstance(pattern, dict) or "tokens" not in pattern:
            continue
        found: dict[Location, list[str]] = {}
        for error in validate_token_pattern(pattern["tokens"]):
            head, _, detail = error.partition("] ")
            place = _SPACY_WHERE.match(head)
            where: Location = ("patterns", index, "tokens")
            if place is not None:
                where = (*where, int(place.group(1)), *((place.group(2),) if place.group(2) else ()))
            found.setdefault(where, []).append(detail or error)
        for where, details in found.items():
            yield doc.problem(where, f"{_name(where)}: invalid token pattern: {'; or '.join(details)}")
