"""What `nofame corpus ...` and `nofame eval` do, apart from argument parsing."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from nofame.checker import build_checker
from nofame.errors import FetchError
from nofame.evaluation.corpus import (
    CorpusError,
    Document,
    Gold,
    default_cache,
    default_corpus_dir,
    load_gold,
    load_manifest,
    normalise,
    read_text,
    sha256_text,
    text_path,
    write_gold,
    write_manifest,
)
from nofame.evaluation.render import render_table, scores_to_dict
from nofame.evaluation.score import Outcomes, score
from nofame.evaluation.staging import stage_dir
from nofame.evaluation.systems import load_floor, run_engine, run_floor, sample_of
from nofame.ruleset.load import load_rules
from nofame.ruleset.schema import Rule
from nofame.settings import load_settings
from nofame.sources.fetch import DEFAULT_FETCH_SETTINGS, FetchSettings, fetch_url
from nofame.sources.html import article_from_html

Echo = Callable[..., None]


def import_staging(staging: Path, corpus_dir: Path | None, cache: Path | None, *, check_only: bool, echo: Echo) -> int:
    """Validate every staging record; unless `check_only`, merge them into manifest and gold. Exit status."""
    corpus_dir = corpus_dir or default_corpus_dir()
    cache = cache or default_cache()
    rule_ids = frozenset(rule.id for rule in load_rules())
    staged, errors = stage_dir(staging, cache, rule_ids)
    for error in errors:
        echo(f"error: {error}", err=True)
    echo(f"{len(staged)} records valid, {len(errors)} with errors", err=True)
    if errors or check_only:
        return 1 if errors else 0
    manifest_path, gold_path = corpus_dir / "manifest.jsonl", corpus_dir / "gold.jsonl"
    documents = {doc.id: doc for doc in (load_manifest(manifest_path) if manifest_path.exists() else [])}
    golds = load_gold(gold_path) if gold_path.exists() else {}
    for item in staged:
        text_path(cache, item.document.id).write_text(item.text, encoding="utf-8")
        documents[item.document.id] = item.document
        golds[item.document.id] = item.gold
    write_manifest(manifest_path, documents.values())
    write_gold(gold_path, golds.values())
    echo(f"manifest: {len(documents)} documents; gold: {len(golds)}", err=True)
    return 0


def verify_cache(
    corpus_dir: Path | None,
    cache: Path | None,
    *,
    fetch: bool,
    echo: Echo,
    fetch_settings: FetchSettings = DEFAULT_FETCH_SETTINGS,
) -> int:
    """Report every manifest text as present, missing or changed; with `fetch`, try to fill the gaps."""
    corpus_dir = corpus_dir or default_corpus_dir()
    cache = cache or default_cache()
    documents = load_manifest(corpus_dir / "manifest.jsonl")
    present, missing, changed = 0, [], []
    for doc in documents:
        path = text_path(cache, doc.id)
        if not path.exists() and fetch:
            echo(f"{doc.id}: {fetch_into_cache(doc, cache, fetch_settings)}", err=True)
        if not path.exists():
            missing.append(doc)
        elif sha256_text(path.read_text(encoding="utf-8")) != doc.sha256:
            changed.append(doc)
        else:
            present += 1
    for doc in missing:
        echo(f"missing  {doc.id}  {doc.url}  (query: {doc.query})")
    for doc in changed:
        echo(f"changed  {doc.id}  {text_path(cache, doc.id)} differs from the manifest's sha256")
    echo(f"{len(documents)} documents: {present} present and matching, {len(missing)} missing, {len(changed)} changed")
    return 0 if present == len(documents) else 1


def fetch_into_cache(doc: Document, cache: Path, settings: FetchSettings = DEFAULT_FETCH_SETTINGS) -> str:
    """Fetch the URL with the safe fetcher; the text is cached only when it is the one the gold was made on."""
    try:
        page = fetch_url(doc.url, settings)
    except FetchError as exc:
        return f"not fetched ({exc})"
    if page.content_type == "text/plain":
        text = normalise(page.text)
    else:
        article = article_from_html(page.text, url=page.url)
        text = normalise("\n\n".join(part for part in (article.headline, article.body) if part))
    if sha256_text(text) != doc.sha256:
        aside = cache / f"{doc.id}.fetched.txt"
        cache.mkdir(parents=True, exist_ok=True)
        aside.write_text(text, encoding="utf-8")
        return f"fetched, but the page's text differs from the annotated one (kept at {aside}); place the original text"
    cache.mkdir(parents=True, exist_ok=True)
    text_path(cache, doc.id).write_text(text, encoding="utf-8")
    return "fetched and matching"


def run_eval(options: EvalOptions, echo: Echo) -> int:
    corpus_dir = options.corpus_dir or default_corpus_dir()
    cache = options.cache or default_cache()
    documents = [d for d in load_manifest(corpus_dir / "manifest.jsonl") if options.split in ("all", d.split)]
    golds = load_gold(corpus_dir / "gold.jsonl")
    missing = [d.id for d in documents if d.id not in golds]
    if missing:
        raise CorpusError(f"no gold for {len(missing)} documents: {' '.join(missing[:10])}")
    samples = [sample_of(d.id, read_text(cache, d), golds[d.id]) for d in documents]
    rules = load_rules()
    rule_ids = _scored_rules(rules, golds.values(), options)
    floor = load_floor(corpus_dir / "keyword_floor.yml")
    started = time.monotonic()
    # Preview rules run too, so that a rule moved to preview until fixed is still measured.
    systems = [("engine", replace(load_settings(options.config), include_preview=True))]
    if options.compare_models:
        systems.append(("engine, rules only", replace(systems[0][1], models=())))
    results, all_outcomes = [], []
    nlp = None  # one spaCy pipeline for every system
    for name, settings in systems:
        checker = build_checker(settings, nlp=nlp)
        nlp = checker.nlp
        outcomes = run_engine(checker, samples)
        all_outcomes.append(outcomes)
        results.append(score(name, documents, golds, outcomes, rule_ids))
    floor_scores = score("keyword floor", documents, golds, run_floor(floor, samples), rule_ids)
    echo(f"nofame eval: split {options.split}, {len(documents)} documents, {time.monotonic() - started:.0f} s")
    statuses = {rule.id: rule.status for rule in rules}
    echo(render_table(results[0], floor_scores, tuple(results[1:]), ids=options.ids, statuses=statuses))
    if len(all_outcomes) == 2:
        silenced = silenced_by_models(documents, *all_outcomes)
        echo(f"attack articles the trained models silenced: {len(silenced)} {' '.join(silenced)}".rstrip())
    if options.json_path:
        payload = {
            "split": options.split,
            "documents": len(documents),
            "manifest_sha256": sha256_text((corpus_dir / "manifest.jsonl").read_text(encoding="utf-8")),
            "systems": [scores_to_dict(s) for s in (*results, floor_scores)],
        }
        options.json_path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0


def silenced_by_models(documents: Iterable[Document], engine: Outcomes, rules_only: Outcomes) -> list[str]:
    """Attack articles on which the rules alone raise something and the engine with its models nothing."""
    return [
        doc.id for doc in documents if doc.topic == "attack" and rules_only[doc.id].rules and not engine[doc.id].rules
    ]


def _scored_rules(rules: Iterable[Rule], golds: Iterable[Gold], options: EvalOptions) -> list[str]:
    """Every stable rule and every rule the gold uses (preview ones too with --preview)."""
    ids = {r.id for r in rules if r.status == "stable" or options.preview}
    return sorted(ids | {rule for gold in golds for rule in gold.labels})


@dataclass(frozen=True)
class EvalOptions:
    split: str = "dev"
    corpus_dir: Path | None = None
    cache: Path | None = None
    config: Path | None = None
    compare_models: bool = False
    preview: bool = False
    ids: bool = True
    json_path: Path | None = None


def export_training(corpus_dir: Path | None, cache: Path | None, out: Path, seed: int, echo: Echo) -> int:
    """Write relevance/ and roles/ train and test sets (synthetic train rows + corpus dev; corpus test)."""
    from nofame.actors import find_cast
    from nofame.context import article_context
    from nofame.evaluation.training import (
        load_texts,
        read_rows,
        relevance_rows,
        roles_rows,
        source_record,
        write_sets,
    )
    from nofame.model.train import data_root

    corpus_dir = corpus_dir or default_corpus_dir()
    texts = load_texts(corpus_dir, cache or default_cache())
    dev = [t for t in texts if t.doc.split == "dev"]
    test = [t for t in texts if t.doc.split == "test"]
    synthetic = data_root()
    checker = build_checker(replace(load_settings(None), models=()))

    def casts(group: list) -> list[dict[str, str]]:
        out_casts = []
        for text in group:
            fields = {"headline": text.headline, "body": "\n\n".join(text.paragraphs)}
            fields = {k: v for k, v in fields.items() if v}
            docs = dict(zip(fields, checker.nlp.pipe(fields.values()), strict=True))
            # As the engine builds it: an article whose words say it is about an attack lets role nouns count.
            attack = article_context(docs, fields, checker.context_lexicon).attack_story
            cast = find_cast(docs, lexicon=checker.actor_lexicon, texts=fields, attack=attack)
            out_casts.append({actor.name: actor.role for actor in cast.actors})
        return out_casts

    relevance_train = read_rows(synthetic / "relevance" / "train.jsonl") + relevance_rows(dev, seed)
    write_sets(out, "relevance", relevance_train, relevance_rows(test, seed))
    roles_train = read_rows(synthetic / "roles" / "train.jsonl") + roles_rows(dev, casts(dev))
    write_sets(out, "roles", roles_train, roles_rows(test, casts(test)))
    (out / "SOURCE.json").write_text(json.dumps(source_record(corpus_dir), indent=1) + "\n", encoding="utf-8")
    echo(f"wrote {out}/relevance and {out}/roles from {len(dev)} dev and {len(test)} test texts", err=True)
    return 0
