"""Language detection: every face refuses a non-English article with its language named, and an audit
writes a row for it instead of judging it "not about an attack". Samples written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from nofame.article import Article
from nofame.batch import worker
from nofame.batch.gate import lexicon_gate
from nofame.batch.records import Record
from nofame.checker import Checker, check
from nofame.cli import main
from nofame.language import UnsupportedLanguage, load_language_detector
from nofame.server import create_app
from nofame.settings import Settings

SAMPLES = {
    "de": "Bei dem Angriff auf dem Marktplatz wurden drei Menschen getötet; der Verdächtige wurde festgenommen.",
    "fr": "Trois personnes ont été tuées lors de l'attaque sur la place du marché, a indiqué la police samedi.",
    "it": "Tre persone sono state uccise nell'attacco in piazza, ha detto la polizia, e il sospettato è stato fermato.",
    "es": "Tres personas murieron en el ataque en la plaza del mercado, según informó la policía el sábado.",
    "tr": "Pazar yerindeki saldırıda üç kişi hayatını kaybetti, polis şüpheliyi olay yerinde gözaltına aldı.",
    "nl": "Bij de aanval op het marktplein zijn drie mensen gedood, meldde de politie zaterdag.",
    "en": "Three people were killed in the attack at the market square, police said on Saturday.",
}


@pytest.fixture(scope="module")
def detector():
    return load_language_detector()


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_short_samples_in_each_language(detector, code: str) -> None:
    guess = detector.detect(Article(body=SAMPLES[code]))
    assert guess.code == code
    assert guess.supported == (code == "en")


def test_unsure_short_text_falls_back_to_the_declared_language(detector) -> None:
    assert detector.detect(Article(headline="John Doe")).code == "en"
    assert detector.detect(Article(headline="John Doe", language="de")).code == "de"
    # A long, clear text outweighs a wrong declaration (a CMS template saying lang="en").
    assert detector.detect(Article(body=SAMPLES["fr"], language="en")).code == "fr"


def test_check_refuses_and_the_report_carries_the_language(checker: Checker) -> None:
    with pytest.raises(UnsupportedLanguage, match=r"German \(de"):
        check(checker, Article(headline="Angriff in der Innenstadt", body=SAMPLES["de"]))
    report = check(checker, Article(headline="Market attack", body=SAMPLES["en"]))
    assert report.language == "en" and report.to_dict()["language"] == "en"
    assert report.stats["language_confidence"] > 0.9


def test_cli_exits_2_with_one_line(tmp_path: Path) -> None:
    draft = tmp_path / "entwurf.txt"
    draft.write_text(SAMPLES["de"] + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(draft)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "nofame: error: the article is in German (de, confidence 1.00); nofame's rules are written for English "
        "articles only"
    ]


@pytest.fixture(scope="module")
def app(checker: Checker) -> Flask:
    return create_app({"NOFAME_CHECKER": checker, "NOFAME_READ_ENV": False, "NOFAME_SETTINGS": Settings()})


def test_api_answers_422_with_the_reason(app: Flask) -> None:
    response = app.test_client().post("/api/v1/check", json={"body": SAMPLES["fr"]})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "unsupported_language" and "French (fr" in error["message"]
    ok = app.test_client().post("/api/v1/check", json={"headline": "Market attack", "body": SAMPLES["en"]})
    assert ok.status_code == 200 and ok.get_json()["language"] == "en"


def test_audit_writes_a_language_row(checker: Checker) -> None:
    records = [
        Record("it", "t", "text", data=SAMPLES["it"].encode(), headline="Attacco in piazza"),
        Record("en", "t", "text", data=SAMPLES["en"].encode(), headline="Market attack"),
    ]
    it_row, en_row = (r.row for r in worker.audit_batch(worker.Job(Settings(), lexicon_gate()), records, checker))
    assert (it_row["language"], it_row["skipped"], it_row["checked"], it_row["error"]) == (
        "it",
        "language",
        False,
        None,
    )
    assert en_row["language"] == "en" and en_row["checked"] and en_row["skipped"] is None
