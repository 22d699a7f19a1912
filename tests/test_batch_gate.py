"""The relevance gate: cheap, and it must not skip articles about attacks (< 1% on the test corpus)."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
import yaml

from nofame.article import Article
from nofame.batch.gate import (
    DEFAULT_GATE,
    AllRelevant,
    CascadeGate,
    LexiconGate,
    builtin_gates,
    decide,
    lexicon_gate,
    make_gate,
)
from nofame.errors import InputError

DATA = Path(__file__).parent / "data"


def _fixtures(folder: Path) -> list[tuple[str, str, Article]]:
    out = []
    for path in sorted(folder.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue  # the datasheet
        _, front, story = text.split("---", 2)
        meta = yaml.safe_load(front)
        headline, _, body = story.strip().partition("\n")
        out.append((path.stem, meta["kind"], Article(headline=headline.lstrip("# "), body=body.strip())))
    return out


ARTICLES = _fixtures(DATA / "articles")
NEWS = _fixtures(DATA / "batch" / "news")


@pytest.fixture(scope="module")
def gate() -> LexiconGate:
    return lexicon_gate()


def test_the_gate_skips_no_article_about_an_attack(gate: LexiconGate) -> None:
    attacks = [(name, a) for name, kind, a in ARTICLES if kind == "attack"]
    assert len(attacks) >= 30
    skipped = [name for name, article in attacks if not gate(article)]
    assert len(skipped) / len(attacks) < 0.01, skipped


def test_the_gate_keeps_recall_on_a_larger_mixed_corpus(gate: LexiconGate) -> None:
    """Shuffled paragraph subsets of every attack article (at least 3 paragraphs), as archives cut stories."""
    rng = random.Random(4)
    relevant = skipped = 0
    for _, kind, article in ARTICLES:
        if kind != "attack":
            continue
        paragraphs = article.body.split("\n\n")
        for _ in range(10):
            size = rng.randint(min(3, len(paragraphs)), len(paragraphs))
            picked = rng.sample(paragraphs, size)
            relevant += 1
            skipped += not gate(Article(headline=article.headline, body="\n\n".join(picked)))
    assert skipped / relevant < 0.01, f"{skipped} of {relevant} skipped"


def test_ordinary_news_is_skipped(gate: LexiconGate) -> None:
    passed = sorted(name for name, _, article in NEWS if gate(article))
    # Recall comes first: a match report ("attacking", "injury") passes the words and costs a parse;
    # a fatal road crash ("killed" beside "crash" in the headline) does not. Nothing else may pass.
    assert set(passed) <= {"football-derby-report"}, passed
    assert len(NEWS) >= 12


def test_the_default_cascade_adds_the_model_only_where_the_lexicon_passed() -> None:
    cascade = make_gate(DEFAULT_GATE)
    assert isinstance(cascade, CascadeGate) and cascade.version and 0 < cascade.threshold < 1
    assert pickle.loads(pickle.dumps(cascade)).threshold == cascade.threshold
    attacks = [a for _, kind, a in ARTICLES if kind == "attack"]
    verdicts = [cascade.decide(a) for a in attacks]
    assert all(passed and score is not None and score >= cascade.threshold for passed, score in verdicts)
    for _, _, article in NEWS:
        passed, score = cascade.decide(article)
        assert not passed, article.headline  # the match report's words pass, the model does not
        assert score is None or score < cascade.threshold
    assert decide(lexicon_gate(), NEWS[0][2])[1] is not None  # the lexicon's cue score
    assert decide(AllRelevant(), NEWS[0][2]) == (True, None)


def test_ordinary_senses_are_subtracted(gate: LexiconGate) -> None:
    assert not gate(Article(body="He died of a heart attack after the race; the marathon was his tenth."))
    assert gate(Article(body="A gunman opened fire at the market. Two people died."))
    assert gate(Article(headline="Two stabbed outside station", body="Both were taken to hospital."))
    assert not gate(Article(headline="Gallery opens", body="The new wing shows seascapes."))


def test_gates_are_picklable_and_pluggable() -> None:
    gate = lexicon_gate()
    assert pickle.loads(pickle.dumps(gate)) == gate  # sent to every worker process
    assert make_gate("lexicon").name == "lexicon"
    gates = builtin_gates().register("everything", lambda _settings: AllRelevant())
    assert make_gate("everything", gates=gates)(Article(body="Weather")) is True
    # The registration lives in the caller's registry: the built-in one, built afresh, does not have it.
    with pytest.raises(InputError, match="unknown gate 'everything'"):
        make_gate("everything")
    with pytest.raises(InputError, match="registered twice"):
        gates.register("lexicon", lambda _settings: AllRelevant())
    with pytest.raises(InputError, match="unknown gate"):
        make_gate("nope")
