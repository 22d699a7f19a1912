"""Findings of the 56 synthetic test articles (and, on request, the corpus) as plain rows.

The snapshot in tests/data/findings/synthetic.jsonl pins what the engine finds on the test articles,
under every profile and with the framing model on, so that restructuring the rule engine cannot
change a finding unnoticed. Regenerate it deliberately, after a change to what the rules detect:

    .venv/bin/python -m tests.findings_snapshot --write

`--corpus OUT` writes the same rows for every cached corpus document (third-party text stays in the
cache; the rows hold offsets, severities and messages, and are never committed).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from nofame.checker import Checker, build_checker, check, check_many
from nofame.errors import NofameError
from nofame.profiles import PROFILES
from nofame.settings import DEFAULT_MODELS, Settings
from nofame.sources import article_from_markdown

HERE = Path(__file__).parent
ARTICLES = sorted(p for p in (HERE / "data" / "articles").glob("*.md") if p.name != "README.md")
SNAPSHOT = HERE / "data" / "findings" / "synthetic.jsonl"

# Every profile, preview rules on; and the default profile with the (retired) framing model enabled.
SYSTEMS: tuple[tuple[str, Settings], ...] = (
    *((name, Settings(profile=name, include_preview=True)) for name in sorted(PROFILES)),
    ("framing-model", Settings(include_preview=True, models=tuple(sorted({*DEFAULT_MODELS, ("framing", "v2")})))),
)


def _rows(system: str, doc: str, findings: tuple) -> Iterator[dict]:
    for f in findings:
        yield {
            "system": system,
            "doc": doc,
            "rule": f.rule,
            "field": f.field,
            "start": f.start,
            "end": f.end,
            "severity": f.severity,
            "message": f.message,
            "fixes": [[s.replacement, s.safety] for s in f.suggestions],
        }


def synthetic_rows(checker: Checker) -> list[dict]:
    rows: list[dict] = []
    for system, settings in SYSTEMS:
        for path in ARTICLES:
            _, _, text = path.read_text(encoding="utf-8").split("---", 2)
            report = check(checker, article_from_markdown(text), settings)
            rows.extend(_rows(system, path.stem, report.findings))
    return rows


def corpus_rows(checker: Checker) -> list[dict]:
    from nofame.evaluation.corpus import default_cache, default_corpus_dir, load_gold, load_manifest, read_text
    from nofame.evaluation.systems import sample_of

    corpus, cache = default_corpus_dir(), default_cache()
    golds = load_gold(corpus / "gold.jsonl")
    settings = Settings(include_preview=True)
    rows: list[dict] = []
    for doc in load_manifest(corpus / "manifest.jsonl"):
        if doc.id not in golds or not (cache / f"{doc.id}.txt").is_file():
            continue
        sample = sample_of(doc.id, read_text(cache, doc), golds[doc.id])
        try:
            report = check_many(checker, [sample.article], settings)[0]
        except NofameError as exc:
            rows.append({"system": "corpus", "doc": doc.id, "error": type(exc).__name__})
            continue
        rows.extend(_rows("corpus", doc.id, report.findings))
    return rows


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {SNAPSHOT.relative_to(HERE.parent)}")
    parser.add_argument("--synthetic", type=Path, help="write the synthetic rows here")
    parser.add_argument("--corpus", type=Path, help="write the corpus rows here (never commit them)")
    args = parser.parse_args()
    checker = build_checker(Settings(models=SYSTEMS[-1][1].models))
    if args.write or args.synthetic:
        rows = synthetic_rows(checker)
        write(rows, args.synthetic or SNAPSHOT)
    if args.corpus:
        write(corpus_rows(checker), args.corpus)


if __name__ == "__main__":
    main()
