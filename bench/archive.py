"""A realistic mixed news archive for the gate and audit benchmarks, built at run time from texts on this
machine (never committed: the corpus texts are third-party).

- attack: the real-coverage corpus's articles about attacks (~/.cache/nofame/corpus, English), as
  many as `attack_share` asks, repeated with new ids when the corpus has fewer;
- hard: articles that share attack words without being about an attack: the corpus's controls, the
  relevance data's `other` rows (sport, accidents, weather, films, software ...) and the test
  articles' controls;
- ordinary: everyday news (tests/data/batch/news), each copy a new length and paragraph order.

Every article keeps where it came from (`split`): `test` marks texts that no model or threshold was
tuned on (the corpus's test split, the relevance data's test rows), so recall can be reported on
them apart.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

from corpus import read_fixture

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Doc:
    id: str
    kind: str  # attack, hard, ordinary
    split: str  # test (never tuned on), dev, or fixture
    headline: str
    body: str

    def record(self) -> dict[str, str]:
        return {"id": self.id, "headline": self.headline, "body": self.body}


def cache_dir() -> Path:
    return Path(os.environ.get("NOFAME_CORPUS_CACHE", Path.home() / ".cache" / "nofame" / "corpus"))


def corpus_docs(cache: Path | None = None) -> list[Doc]:
    """The corpus's English documents in the cache, split into headline and body by the gold offsets."""
    cache = cache or cache_dir()
    gold = {}
    for line in (ROOT / "corpus" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["id"]] = row
    docs = []
    for line in (ROOT / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        path = cache / f"{meta['id']}.txt"
        if meta.get("language") != "en" or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        spans = gold.get(meta["id"], {})
        headline = ""
        if spans.get("headline"):
            start, end = spans["headline"]
            headline = text[start:end]
        body = text[spans.get("body_start") or 0 :] if headline else text
        kind = "attack" if meta["topic"] == "attack" else "hard"
        docs.append(Doc(meta["id"], kind, meta["split"], headline.strip(), body.strip()))
    return docs


def relevance_docs() -> list[Doc]:
    docs = []
    for split in ("train", "test"):
        path = ROOT / "models" / "data" / "relevance" / f"{split}.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["label"] != "attack":
                docs.append(Doc(row["id"], "hard", "test" if split == "test" else "dev", row["headline"], row["body"]))
    return docs


def fixture_docs(folder: Path, kind: str, skip_kind: str | None = None) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("*.md")):
        if not path.read_text(encoding="utf-8").startswith("---"):
            continue  # a README
        meta, headline, paragraphs = read_fixture(path)
        if skip_kind and meta.get("kind") == skip_kind:
            continue
        docs.append(Doc(path.stem, kind, "fixture", headline, "\n\n".join(paragraphs)))
    return docs


def build_archive(count: int = 3000, attack_share: float = 0.10, hard_share: float = 0.20, seed: int = 11) -> list[Doc]:
    """`count` articles in a seeded random order; repeats get new ids (`ID~2`) and, for ordinary news,
    a new length and paragraph order."""
    rng = random.Random(seed)
    pools = {
        "attack": [d for d in corpus_docs() if d.kind == "attack"],
        "hard": [
            *(d for d in corpus_docs() if d.kind == "hard"),
            *relevance_docs(),
            *fixture_docs(ROOT / "tests" / "data" / "articles", "hard", skip_kind="attack"),
        ],
        "ordinary": fixture_docs(ROOT / "tests" / "data" / "batch" / "news", "ordinary"),
    }
    if not pools["attack"]:
        raise SystemExit(f"no corpus texts in {cache_dir()}: see docs/corpus.md (nofame corpus verify --fetch)")
    wanted = {"attack": round(count * attack_share), "hard": round(count * hard_share)}
    wanted["ordinary"] = count - wanted["attack"] - wanted["hard"]
    archive = []
    for kind, n in wanted.items():
        pool = pools[kind]
        for i in range(n):
            doc = pool[i % len(pool)]
            copy = i // len(pool)
            if copy == 0:
                archive.append(doc)
                continue
            body = doc.body
            if kind == "ordinary":
                paragraphs = doc.body.split("\n\n")
                rng.shuffle(paragraphs)
                target = rng.randint(250, 1200)
                while sum(len(p.split()) for p in paragraphs) < target:
                    paragraphs.append(rng.choice(doc.body.split("\n\n")))
                body = "\n\n".join(paragraphs)
            archive.append(Doc(f"{doc.id}~{copy + 1}", kind, doc.split, doc.headline, body))
    rng.shuffle(archive)
    return archive
