"""The value lists of the rule schema, with the Python constants as their one source.

Severities, profiles, roles, field kinds and the rest are defined where the engine gives them meaning
(report.py ranks severities, profiles.py defines what each profile allows). rule.schema.json holds
each list once, under `$defs`, written from these constants:

    .venv/bin/python -m nofame.ruleset.enums --write

and the test suite fails while the shipped file differs from what this writes.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

from nofame.actors.types import ROLES
from nofame.article import EMBED_KINDS
from nofame.profiles import PROFILES
from nofame.report import SAFETIES, SEVERITIES
from nofame.ruleset.schema import CONTEXTS, FIX_ACTIONS, KINDS, REQUIRES, SCOPES, STATUSES
from nofame.ruleset.validate import SCHEMA_FILE


def value_lists() -> Mapping[str, tuple[str, ...]]:
    """`$defs` name -> its values, in the order editors offer them."""
    return {
        "severity": SEVERITIES,
        "profile": tuple(sorted(PROFILES)),
        "status": STATUSES,
        "kind": KINDS,
        "requirement": tuple(sorted(REQUIRES)),
        "context": tuple(sorted(CONTEXTS)),
        "scope": (*sorted(SCOPES), *(f"~{s}" for s in sorted(SCOPES))),
        "fix_action": FIX_ACTIONS,
        "safety": SAFETIES,
        "role": ROLES,
        "embed_kind": EMBED_KINDS,
    }


def with_value_lists(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with its `$defs` value lists (and the per-profile severity map) written from Python."""
    defs = dict(schema["$defs"])
    for name, values in value_lists().items():
        defs[name] = {**defs.get(name, {}), "enum": list(values)}
    profiles = value_lists()["profile"]
    defs["severity_by_profile"] = {
        "type": "object",
        "additionalProperties": False,
        "required": list(profiles),
        "properties": {p: {"$ref": "#/$defs/severity"} for p in profiles},
    }
    return {**schema, "$defs": defs}


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite nofame/ruleset/{SCHEMA_FILE}")
    args = parser.parse_args()
    path = Path(str(files("nofame.ruleset") / SCHEMA_FILE))
    current = json.loads(path.read_text(encoding="utf-8"))
    text = schema_text(with_value_lists(current))
    if args.write:
        path.write_text(text, encoding="utf-8")
    elif text != path.read_text(encoding="utf-8"):
        raise SystemExit(f"{path} is out of date: run python -m nofame.ruleset.enums --write")


if __name__ == "__main__":
    main()
