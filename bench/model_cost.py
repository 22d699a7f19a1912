"""What the trained models cost per article, next to the spaCy parse they ride along with.

For each article of the benchmark corpus (200-2,000 words, attacks and controls), in one run:

- parse: spaCy on every field (`nlp.pipe`), what every check pays anyway;
- relevance: the model on the raw text (it never needs the parse: the batch gate runs it alone),
  next to the lexicon gate it can replace;
- roles: the model on every actor of the cast (contexts from the mention offsets);
- framing: the model on every sentence of the display text and body, names masked;
- check: the whole `check()` with the models on and with them off.

Prints median and total milliseconds and each cost as a share of the parse, plus load times.
Run: .venv/bin/python bench/model_cost.py [--count 48]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from nofame.actors import find_cast
from nofame.batch.gate import lexicon_gate
from nofame.checker import build_checker, check
from nofame.model.bundle import load_bundle
from nofame.model.features import article_text, mention_spans, sentence_input
from nofame.model.framing import glorifying_probability
from nofame.model.relevance import attack_probability
from nofame.model.roles import apply_roles
from nofame.nlp import load_pipeline
from nofame.settings import DEFAULT_MODELS, Settings

PINS = dict(DEFAULT_MODELS) or {"relevance": "v1", "roles": "v1", "framing": "v1"}


def _ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=48, help="articles (default 48)")
    args = parser.parse_args()

    spacy_load = _ms(load_pipeline)
    libraries = _ms(lambda: (__import__("sklearn.pipeline"), __import__("skops.io")))
    bundles = {}
    model_load = {
        name: _ms(lambda name=name: bundles.__setitem__(name, load_bundle(name, PINS[name]))) for name in PINS
    }
    nlp = load_pipeline()
    with_models = build_checker(Settings(models=tuple(PINS.items()), include_preview=True), nlp=nlp)
    without = build_checker(Settings(models=(), include_preview=True), nlp=nlp)
    corpus = build_corpus(count=args.count)

    steps = ("parse", "relevance", "lexicon gate", "roles", "framing", "check off", "check on")
    rows: dict[str, list[float]] = {k: [] for k in steps}
    gate = lexicon_gate()
    words = []
    for article in corpus:
        fields = article.fields()
        words.append(len(fields.get("body", "").split()))
        docs: dict = {}

        def parse(fields: dict = fields, docs: dict = docs) -> None:
            docs.update(zip(fields, nlp.pipe(fields.values()), strict=True))

        rows["parse"].append(_ms(parse))
        text = article_text(fields)
        rows["relevance"].append(_ms(lambda text=text: attack_probability(bundles["relevance"].pipeline, [text])))
        rows["lexicon gate"].append(_ms(lambda article=article: gate(article)))
        cast = find_cast(docs, lexicon=with_models.actor_lexicon)
        rows["roles"].append(
            _ms(lambda cast=cast, fields=fields: apply_roles(bundles["roles"], cast, fields, attack=True))
        )

        def framing(docs: dict = docs, fields: dict = fields, cast: object = cast) -> None:
            inputs = []
            for name, doc in docs.items():
                spans = mention_spans(cast.actors, name)  # type: ignore[attr-defined]
                for sent in doc.sents:
                    inputs.append(sentence_input(fields[name][sent.start_char : sent.end_char], sent.start_char, spans))
            glorifying_probability(bundles["framing"].pipeline, inputs)

        rows["framing"].append(_ms(framing))
        rows["check off"].append(_ms(lambda article=article: check(without, article)))
        rows["check on"].append(_ms(lambda article=article: check(with_models, article)))

    parse_total = sum(rows["parse"])
    print(f"{len(corpus)} articles, {statistics.median(words):.0f} body words median ({min(words)}-{max(words)})")
    print(
        f"load: spaCy pipeline {spacy_load:.0f} ms; scikit-learn + skops imports {libraries:.0f} ms; models "
        + ", ".join(f"{k} {v:.0f} ms" for k, v in model_load.items())
    )
    print()
    print(f"{'step':<34}{'median ms':>10}{'total ms':>11}{'vs parse':>10}")
    for name, label in (
        ("parse", "spaCy parse (all fields)"),
        ("relevance", "relevance model (raw text)"),
        ("lexicon gate", "lexicon gate, for comparison"),
        ("roles", "roles model (all actors)"),
        ("framing", "framing model (all sentences)"),
    ):
        total = sum(rows[name])
        print(f"{label:<34}{statistics.median(rows[name]):>10.2f}{total:>11.1f}{total / parse_total:>9.1%}")
    models_total = sum(sum(rows[k]) for k in ("relevance", "roles", "framing"))
    print(f"{'three models together':<34}{'':>10}{models_total:>11.1f}{models_total / parse_total:>9.1%}")
    off, on = sum(rows["check off"]), sum(rows["check on"])
    print()
    print(f"check() per article, models off: {statistics.median(rows['check off']):.1f} ms median, {off:.0f} ms total")
    print(f"check() per article, models on:  {statistics.median(rows['check on']):.1f} ms median, {on:.0f} ms total")
    print(f"models on / off: {on / off:.2f}x")


if __name__ == "__main__":
    main()
