"""The real-coverage loop on a tiny corpus written here: staging import, cache verification and
fetching, scoring, the keyword floor, and `nofame eval` end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from nofame.checker import Checker
from nofame.cli import main
from nofame.evaluation.commands import EvalOptions, fetch_into_cache, run_eval, verify_cache
from nofame.evaluation.corpus import (
    CorpusError,
    Document,
    Gold,
    load_gold,
    load_manifest,
    normalise,
    sha256_text,
    split_for,
)
from nofame.evaluation.score import Outcome, score
from nofame.evaluation.staging import stage_file
from nofame.evaluation.systems import load_floor, run_engine, sample_of
from nofame.ruleset.load import load_rules
from nofame.sources.fetch import FetchSettings
from tests.conftest import serve_page

REPO_CORPUS = Path(__file__).parents[1] / "corpus"
RULE_IDS = frozenset(rule.id for rule in load_rules())

ATTACK = (
    "Gunman kills four at riverside market\n\n"
    "A gunman killed four people at a riverside market on Saturday, police said.\n"
    "Police identified the suspect as Martin Kessler, 31. Kessler was arrested at the scene.\n"
    "It was the deadliest mass shooting in the state's history, officials said.\n"
    "Kessler's neighbours described him as a loner.\n"
    "Among the dead was Ana Ruiz, 44, a teacher remembered by her pupils as patient and kind.\n"
)
CONTROL = (
    "Storm season ends\n\n"
    "Forecasters said the season's deadliest hurricane made landfall in August.\n"
    "Emergency crews restored power to most homes within a week.\n"
)
GERMAN = (
    "Angriff in der Innenstadt\n\n"
    "Bei einem Angriff in der Innenstadt sind am Samstag drei Menschen getötet worden, teilte die Polizei mit.\n"
    "Der mutmaßliche Täter wurde noch am Tatort festgenommen.\n"
)


def _stage(folder: Path, cache: Path, doc_id: str, text: str, **record: object) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    (cache / f"{doc_id}.txt").write_text(text.replace("\n", "\r\n") + "  \n\n\n", encoding="utf-8")
    base = {
        "id": doc_id,
        "url": f"https://news.example/{doc_id}",
        "query": "riverside market gunman",
        "outlet": "news.example",
        "country": "us",
        "date": "2024-05-04",
        "kind": "news",
        "language": "en",
    }
    path = folder / f"{doc_id}.yml"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({**base, **record}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus folder (manifest, gold, floor) and a cache, made through the staging import."""
    staging, cache, corpus_dir = tmp_path / "staging", tmp_path / "cache", tmp_path / "corpus"
    _stage(
        staging, cache, "us-2024-riverside-shooting-01", ATTACK,
        event="us-2024-riverside-shooting", topic="attack",
        headline="Gunman kills four at riverside market",
        perpetrators=["Martin Kessler"],
        labels={
            "name-repetition": ["Martin Kessler", {"text": "Kessler", "nth": 2}],
            "body-count-record": ["deadliest mass shooting in the state's history"],
            "perpetrator-biography-focus": ["described him as a loner"],
            "missing-help-resources": [],
        },
    )  # fmt: skip
    _stage(staging, cache, "control-storm-season-01", CONTROL, event="control-storm-season", topic="control",
           headline="Storm season ends")  # fmt: skip
    _stage(staging, cache, "de-2024-innenstadt-attack-01", GERMAN, event="de-2024-innenstadt-attack",
           topic="attack", language="de", headline="Angriff in der Innenstadt")  # fmt: skip
    corpus_dir.mkdir()
    shutil.copy(REPO_CORPUS / "keyword_floor.yml", corpus_dir)
    result = CliRunner().invoke(
        main, ["corpus", "import", str(staging), "--corpus", str(corpus_dir), "--cache", str(cache)]
    )
    assert result.exit_code == 0, result.output
    return corpus_dir, cache


def test_import_normalises_texts_and_turns_snippets_into_offsets(corpus: tuple[Path, Path]) -> None:
    corpus_dir, cache = corpus
    documents = {doc.id: doc for doc in load_manifest(corpus_dir / "manifest.jsonl")}
    gold = load_gold(corpus_dir / "gold.jsonl")["us-2024-riverside-shooting-01"]
    text = (cache / "us-2024-riverside-shooting-01.txt").read_text(encoding="utf-8")
    assert text == normalise(ATTACK) and "\r" not in text
    assert documents["us-2024-riverside-shooting-01"].sha256 == sha256_text(text)
    assert documents["us-2024-riverside-shooting-01"].country == "US"
    first, second = gold.labels["name-repetition"]
    assert text[first[0] : first[1]] == "Martin Kessler"
    assert text[second[0] : second[1]] == "Kessler" and second[0] > first[1]
    assert gold.labels["missing-help-resources"] == ()
    assert text[gold.headline[0] : gold.headline[1]] == "Gunman kills four at riverside market"
    # The repository files hold offsets, never the article's sentences.
    assert "deadliest" not in (corpus_dir / "gold.jsonl").read_text(encoding="utf-8")


def test_import_refuses_a_snippet_not_in_the_text_and_an_unknown_rule(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bad = _stage(tmp_path / "s", cache, "us-2024-x-shooting-01", ATTACK, event="us-2024-x-shooting", topic="attack",
                 labels={"name-in-lede": ["John Smith"]})  # fmt: skip
    with pytest.raises(CorpusError, match="not in the text"):
        stage_file(bad, cache, RULE_IDS)
    typo = _stage(tmp_path / "t", cache, "us-2024-x-shooting-02", ATTACK, event="us-2024-x-shooting", topic="attack",
                  labels={"name-repitition": ["Kessler"]})  # fmt: skip
    with pytest.raises(CorpusError, match="unknown rule"):
        stage_file(typo, cache, RULE_IDS)
    result = CliRunner().invoke(main, ["corpus", "import", "--check", str(tmp_path / "s"), "--cache", str(cache)])
    assert result.exit_code == 1 and "not in the text" in result.output


def test_the_split_is_by_event_and_checked_on_load(corpus: tuple[Path, Path]) -> None:
    corpus_dir, _ = corpus
    assert split_for("us-2019-el-paso-shooting") == split_for("us-2019-el-paso-shooting")
    assert {split_for(f"event-{i}") for i in range(40)} == {"dev", "test"}
    path = corpus_dir / "manifest.jsonl"
    row = json.loads(path.read_text().splitlines()[0])
    row["split"] = "test" if row["split"] == "dev" else "dev"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(CorpusError, match="its event belongs to"):
        load_manifest(path)


def test_verify_reports_present_missing_and_changed(corpus: tuple[Path, Path]) -> None:
    corpus_dir, cache = corpus
    lines: list[str] = []
    assert verify_cache(corpus_dir, cache, fetch=False, echo=lambda m, **_: lines.append(m)) == 0
    assert lines[-1] == "3 documents: 3 present and matching, 0 missing, 0 changed"
    (cache / "control-storm-season-01.txt").unlink()
    with open(cache / "de-2024-innenstadt-attack-01.txt", "a", encoding="utf-8") as handle:
        handle.write("edited\n")
    lines.clear()
    assert verify_cache(corpus_dir, cache, fetch=False, echo=lambda m, **_: lines.append(m)) == 1
    assert any(line.startswith("missing  control-storm-season-01") and "query:" in line for line in lines)
    assert any(line.startswith("changed  de-2024-innenstadt-attack-01") for line in lines)


def test_fetch_fills_the_cache_only_with_the_annotated_text(tmp_path: Path) -> None:
    page = b"<html><head><title>Storm season ends</title></head><body><article><h1>Storm season ends</h1>" \
           b"<p>Forecasters said the season's deadliest hurricane made landfall in August.</p>" \
           b"<p>Emergency crews restored power to most homes within a week.</p></article></body></html>"  # fmt: skip
    cache, corpus_dir = tmp_path / "cache", tmp_path / "corpus"
    corpus_dir.mkdir()
    with serve_page(page) as base:
        settings = FetchSettings(allow_hosts=frozenset({"127.0.0.1"}))
        fetched_text = normalise("Storm season ends\n\n" + CONTROL.split("\n\n", 1)[1].replace("\n", "\n\n"))
        rows = [
            Document("control-a-01", f"{base}/a", "q", sha256_text(fetched_text), "x", "US", None,
                     "control-a", "control", "news", split_for("control-a"), "en"),
            Document("control-b-01", f"{base}/b", "q", "0" * 64, "x", "US", None,
                     "control-b", "control", "news", split_for("control-b"), "en"),
        ]  # fmt: skip
        (corpus_dir / "manifest.jsonl").write_text("".join(json.dumps(r.__dict__) + "\n" for r in rows))
        notes: list[str] = []
        status = verify_cache(
            corpus_dir, cache, fetch=True, echo=lambda m, **_: notes.append(m), fetch_settings=settings
        )
    assert status == 1
    assert (cache / "control-a-01.txt").read_text(encoding="utf-8") == fetched_text
    assert not (cache / "control-b-01.txt").exists() and (cache / "control-b-01.fetched.txt").exists()
    assert notes[-1] == "2 documents: 1 present and matching, 1 missing, 0 changed"
    # Without an allowance the safe fetcher refuses loopback, and says so.
    assert "not fetched" in fetch_into_cache(rows[1], cache)


def test_scores_count_documents_and_ignore_earlier_attackers() -> None:
    docs = [
        Document(f"d{i}", "u", "q", "s", "o", "US", None, "e", topic, "news", "dev", "en")
        for i, topic in enumerate(("attack", "attack", "control"))
    ]
    golds = {
        "d0": Gold(
            "d0", perpetrators=("Martin Kessler",), prior_attackers=("Tom Prior",), labels={"name-in-lede": ((0, 1),)}
        ),
        "d1": Gold("d1", perpetrators=("Jane Roe",), labels={"name-in-lede": ((0, 1),), "leaderboard": ((0, 1),)}),
        "d2": Gold("d2"),
    }  # fmt: skip
    outcomes = {
        "d0": Outcome("d0", rules=frozenset({"name-in-lede"}), perpetrators=("Kessler's", "Tom Prior")),
        "d1": Outcome("d1", rules=frozenset({"sensational-language"}), perpetrators=("Police Chief Ann Lee",)),
        "d2": Outcome("d2", rules=frozenset({"body-count-record"}), alarms=frozenset({"body-count-record"})),
    }
    scores = score(
        "engine", docs, golds, outcomes, ["name-in-lede", "leaderboard", "sensational-language", "body-count-record"]
    )
    by_rule = {r.rule: r for r in scores.rules}
    assert (by_rule["name-in-lede"].counts.tp, by_rule["name-in-lede"].counts.fn) == (1, 1)
    assert by_rule["name-in-lede"].misses == ("d1",)
    assert by_rule["body-count-record"].false_alarms == ("d2",)
    assert (scores.micro.tp, scores.micro.fp, scores.micro.fn) == (1, 2, 2)
    perpetrators = scores.perpetrators
    assert (perpetrators.counts.tp, perpetrators.counts.fp, perpetrators.counts.fn) == (1, 1, 1)
    assert perpetrators.wrong == (("d1", "Police Chief Ann Lee"),)
    assert (perpetrators.articles_naming, perpetrators.articles_found) == (2, 1)
    assert scores.control_alarms == (("d2", ("body-count-record",)),)


def test_a_perpetrator_form_counts_when_the_system_tied_it_to_him() -> None:
    """The gold lists a misspelling as printed; a system that linked it to the perpetrator found it."""
    docs = [Document("d0", "u", "q", "s", "o", "US", None, "e", "attack", "news", "dev", "en")]
    golds = {"d0": Gold("d0", perpetrators=("Ben Hoffmann", "Hoffman"))}
    linked = Outcome("d0", perpetrators=("Ben Hoffmann",), perpetrator_forms=(("Hoffmann", "Hoffman"),))
    unlinked = Outcome("d0", perpetrators=("Ben Hoffmann",), perpetrator_forms=(("Hoffmann",),))
    found = score("engine", docs, golds, {"d0": linked}, []).perpetrators
    missed = score("engine", docs, golds, {"d0": unlinked}, []).perpetrators
    assert (found.counts.tp, found.counts.fn, found.misses) == (1, 0, ())
    assert (missed.counts.tp, missed.counts.fn, missed.misses) == (1, 1, ("d0",))


def test_display_text_above_the_story_is_checked_as_dek_and_captions() -> None:
    text = (
        "Menu\n\nGunman kills four at Dayton bar\n\nInfobox\n- Perpetrator: Darrel Vickers\n\n"
        "Police name the suspect as the city mourns\n\nDarrel Vickers in an undated photo released by police\n\n"
        "A gunman killed four people at a bar in Dayton on Friday night.\n"
    )
    headline = text.index("Gunman"), text.index("\n\nInfobox")
    gold = Gold("d0", headline=headline, body_start=text.index("A gunman"))
    article = sample_of("d0", text, gold).article
    assert article.headline == "Gunman kills four at Dayton bar"
    assert article.body.startswith("A gunman killed four people")
    assert article.dek == "Menu\n\nPolice name the suspect as the city mourns"  # no infobox rows
    assert [image.caption for image in article.images] == ["Darrel Vickers in an undated photo released by police"]
    assert "images" in article.media
    # the infobox rows are part of the page: read after the story, never as its lede
    assert article.body.endswith("Dayton on Friday night.\n\n- Perpetrator: Darrel Vickers")


def test_lines_above_the_story_that_read_as_captions_are_captions() -> None:
    lines = [
        "By Jane Roe",  # a byline: a name alone, once
        "Darrel Vickers (Twitter)",  # a name with a credit in brackets
        "Darrel Vickers has been in custody since June.(Supplied)",  # a credit closing the line
        "Ann Bly",  # a portrait's caption printed twice: caption and alt text
        "Ann Bly",
        "Dayton mourns four dead",
    ]
    text = "Gunman kills four\n\n" + "\n\n".join(lines) + "\n\nA gunman killed four people at a bar on Friday.\n"
    gold = Gold("d0", headline=(0, len("Gunman kills four")), body_start=text.index("A gunman"))
    article = sample_of("d0", text, gold).article
    assert [image.caption for image in article.images] == lines[1:5]
    assert article.dek == "By Jane Roe\n\nDayton mourns four dead"


def test_a_line_after_a_caption_label_or_a_photographers_credit_is_a_caption() -> None:
    lines = [
        "Image caption,",
        "Darrel Vickers was arrested after a manhunt",
        "Pool photo by Jane Roe/The Dayton Post",
        "Darrel Vickers was sentenced on Monday",
        "Dayton mourns four dead",
    ]
    text = "Gunman kills four\n\n" + "\n\n".join(lines) + "\n\nA gunman killed four people at a bar on Friday.\n"
    gold = Gold("d0", headline=(0, len("Gunman kills four")), body_start=text.index("A gunman"))
    captions = [image.caption for image in sample_of("d0", text, gold).article.images]
    assert "Darrel Vickers was arrested after a manhunt" in captions
    assert "Darrel Vickers was sentenced on Monday" in captions
    assert "Dayton mourns four dead" not in captions


def test_the_keyword_floor_fires_on_words_alone(corpus: tuple[Path, Path]) -> None:
    corpus_dir, cache = corpus
    floor = load_floor(corpus_dir / "keyword_floor.yml")
    gold = load_gold(corpus_dir / "gold.jsonl")
    control = sample_of(
        "control-storm-season-01", (cache / "control-storm-season-01.txt").read_text(), gold["control-storm-season-01"]
    )
    # "deadliest hurricane" is exactly the trap the engine avoids and the floor falls into.
    assert "body-count-record" in floor.outcome(control).rules


def test_the_engine_skips_other_languages_and_finds_the_perpetrator(
    checker: Checker, corpus: tuple[Path, Path]
) -> None:
    corpus_dir, cache = corpus
    gold = load_gold(corpus_dir / "gold.jsonl")
    samples = [
        sample_of(doc_id, (cache / f"{doc_id}.txt").read_text(encoding="utf-8"), gold[doc_id])
        for doc_id in ("us-2024-riverside-shooting-01", "de-2024-innenstadt-attack-01")
    ]
    outcomes = run_engine(checker, samples)
    assert outcomes["de-2024-innenstadt-attack-01"].skipped == "language"
    assert outcomes["de-2024-innenstadt-attack-01"].language == "de"
    attack = outcomes["us-2024-riverside-shooting-01"]
    assert attack.perpetrators == ("Martin Kessler",)
    assert {"name-repetition", "body-count-record"} <= attack.rules


def test_eval_prints_the_table_and_writes_json(corpus: tuple[Path, Path], tmp_path: Path) -> None:
    corpus_dir, cache = corpus
    lines: list[str] = []
    out = tmp_path / "scores.json"
    options = EvalOptions(split="all", corpus_dir=corpus_dir, cache=cache, compare_models=True, json_path=out)
    assert run_eval(options, echo=lambda m, **_: lines.append(m)) == 0
    table = "\n".join(lines)
    assert "2 English documents (1 controls)" in table
    assert "name-repetition" in table and "keyword floor" in table and "engine, rules only" in table
    payload = json.loads(out.read_text())
    engine = payload["systems"][0]
    assert engine["system"] == "engine"
    assert engine["rules"]["name-repetition"]["tp"] == 1
    assert engine["perpetrators"]["articles_found"] == 1
    assert engine["control_alarms"] == []
    assert payload["manifest_sha256"] == sha256_text((corpus_dir / "manifest.jsonl").read_text())
