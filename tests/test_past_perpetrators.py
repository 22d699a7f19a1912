"""The built-in list of earlier attackers: hashed names, never printed; flagged beside this article's own
perpetrator, never when the article is about him. Names here are fictional."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from nofame.actors.past import PastPerpetrators, load_past_perpetrators, name_forms, name_hash
from nofame.article import Article
from nofame.checker import Checker, analyse, check
from nofame.cli import main
from nofame.context import load_context_lexicon
from nofame.errors import RuleError
from nofame.resources import lexicon_path
from nofame.ruleset.load import data_dir
from nofame.settings import Settings

SALT = "test-salt"
LISTED = PastPerpetrators(SALT, frozenset(name_hash(SALT, f) for f in name_forms("Gideon A. Stahl")))
ARTICLE = Article(
    headline="Gunman kills four at Dunmere bar",
    body=(
        "A gunman killed four people at a bar in Dunmere on Friday, police said. The gunman, Darrel Vickers, 31, "
        "was arrested at the scene. Investigators said Vickers had written about Gideon Stahl, who killed six "
        "people at a church in 2004. Vickers was charged with four counts of murder."
    ),
)
ABOUT_HIM = Article(
    headline="Church gunman sentenced",
    body=(
        "Gideon Stahl, who killed six people at a church in 2004, was sentenced on Monday. Stahl opened fire "
        "during a choir practice, prosecutors said. The families of the six victims spoke in court."
    ),
)


def test_names_are_folded_and_reduced_to_first_and_last() -> None:
    assert name_forms("Gideon A. Stahl") == {"gideon stahl"}  # initials dropped
    assert name_forms("Gídeon Stahl's") == {"gideon stahl"}
    assert name_forms("Stahl") == set()  # a surname alone names nobody in particular
    assert LISTED.knows("Gideon Stahl") and LISTED.knows("GIDEON STAHL") and not LISTED.knows("Gideon Stall")


def test_an_earlier_attacker_beside_this_article_perpetrator_is_flagged(checker: Checker) -> None:
    report = check(replace(checker, past_perpetrators=LISTED), ARTICLE)
    perpetrators = [a.name for a in report.actors if a.role == "perpetrator"]
    assert perpetrators == ["Darrel Vickers"]
    earlier = [f for f in report.findings if f.rule == "prior-attacker-reference"]
    assert [f.text for f in earlier] == ["Gideon Stahl"] and earlier[0].severity == "high"
    # Off by configuration, and unknown to an empty list.
    off = check(replace(checker, past_perpetrators=LISTED), ARTICLE, Settings(builtin_past_perpetrators=False))
    assert not [f for f in off.findings if f.rule == "prior-attacker-reference" and f.text == "Gideon Stahl"]


def test_an_article_about_the_listed_attacker_treats_him_as_its_perpetrator(checker: Checker) -> None:
    report = check(replace(checker, past_perpetrators=LISTED), ABOUT_HIM)
    assert [a.name for a in report.actors if a.role == "perpetrator"] == ["Gideon Stahl"]
    assert not [f for f in report.findings if f.rule == "prior-attacker-reference"]


def test_in_a_story_about_a_listed_attack_the_other_listed_names_are_earlier_attackers(checker: Checker) -> None:
    listed = PastPerpetrators(SALT, LISTED.hashes | {name_hash(SALT, "orrin tusk"), name_hash(SALT, "pell varga")})
    article = Article(
        headline="Church gunman sentenced",
        body=(
            "Gideon Stahl, who killed six people at a church in 2004, was sentenced on Monday. Stahl opened fire "
            "during a choir practice, prosecutors said. Stahl had kept pictures of Orrin Tusk on his computer. "
            "Pell Varga, who drove him to the church, was sentenced with him."
        ),
    )
    report = check(replace(checker, past_perpetrators=listed), article)
    assert [a.name for a in report.actors if a.role == "perpetrator"][:1] == ["Gideon Stahl"]
    # Named with nothing that ties him to this attack: an earlier attacker. The driver is tied to it: he stays.
    assert [f.text for f in report.findings if f.rule == "prior-attacker-reference"] == ["Orrin Tusk"]


@pytest.mark.parametrize(("year", "earlier"), [("2011", True), ("1980", False)])
def test_a_listed_attacker_named_as_often_as_this_one_is_earlier_only_in_another_year(
    checker: Checker, year: str, earlier: bool
) -> None:
    article = Article(
        headline="Dunmere market bombing was a far-right attack, prosecutors say",
        body=(
            "The man who set off the bomb at the Dunmere market was a right-wing extremist, prosecutors said. "
            "Darrel Vickers was among the 13 killed when his bomb exploded at the entrance in 1980. Vickers had "
            f"been active in a neo-Nazi group.\n\nNorway {year}: Gideon Stahl killed 77 people in two attacks. "
            "Stahl set off a bomb in the city and then opened fire at a youth camp."
        ),
    )
    report = check(replace(checker, past_perpetrators=LISTED), article)
    assert "Darrel Vickers" in [a.name for a in report.actors if a.role == "perpetrator"]
    flagged = [f.text for f in report.findings if f.rule == "prior-attacker-reference"]
    assert ("Gideon Stahl" in flagged) == earlier


def test_a_listed_attacker_introduced_as_his_wife_attacked_with_him(checker: Checker) -> None:
    listed = PastPerpetrators(SALT, LISTED.hashes | {name_hash(SALT, "mara venn")})
    article = Article(
        headline="Gunman kills five at county golf party",
        body=(
            "A gunman killed five people at a county golf party on Thursday. The gunman, Darrel Vickers, "
            "opened fire with a rifle, police said. His wife, Mara Venn, died with him in a shootout with "
            "officers. Vickers had bought the rifles in 2019, and Vickers was known to the FBI."
        ),
    )
    report = check(replace(checker, past_perpetrators=listed), article)
    assert {a.name for a in report.actors if a.role == "perpetrator"} == {"Darrel Vickers", "Mara Venn"}
    assert not [f for f in report.findings if f.rule == "prior-attacker-reference"]


def test_a_story_with_no_perpetrator_of_its_own_is_about_the_listed_attacker_it_names(checker: Checker) -> None:
    # A profile in the days after: attack words, no count of victims, the name found by no cue.
    article = Article(
        headline="The lone gunman of the naval base",
        body=(
            "Little is known yet about Gideon Stahl, and no motive has been given. At first there were said to "
            "be three shooters at the naval base on Monday. Gideon Stahl, a former sailor, practised meditation, "
            "colleagues said. Warning signs that might have prevented the massacre went unheeded."
        ),
    )
    unlisted, _ = analyse(checker, article)
    assert not unlisted.cast.perpetrators and not unlisted.context.attack
    analysis, report = analyse(replace(checker, past_perpetrators=LISTED), article)
    assert [a.name for a in analysis.cast.perpetrators] == ["Gideon Stahl"] and analysis.context.attack
    assert [f.text for f in report.findings if f.rule == "name-in-lede"] == ["Gideon Stahl"]
    assert not [f for f in report.findings if f.rule == "prior-attacker-reference"]


def test_a_listed_name_in_a_story_that_withholds_its_attacker_name_is_an_earlier_attacker(checker: Checker) -> None:
    article = Article(
        headline="Gunman kills three at Dunmere market",
        body=(
            "A gunman killed three people at a market in Dunmere on Saturday. Police have not named the gunman, "
            "who was arrested at the scene. Investigators said the man had praised Orrin Tusk in an online post."
        ),
    )
    listed = PastPerpetrators(SALT, frozenset({name_hash(SALT, "orrin tusk")}))
    report = check(replace(checker, past_perpetrators=listed), article)
    assert not [a for a in report.actors if a.role == "perpetrator"]
    assert [f.text for f in report.findings if f.rule == "prior-attacker-reference"] == ["Orrin Tusk"]


@pytest.mark.parametrize(
    ("text", "unnamed"),
    [
        ("police have not named the gunman.", True),
        ("the suspect, who was arrested at the scene, has not been identified.", True),
        ("an unidentified attacker stabbed two men.", True),
        ("the victims have not been named.", False),  # the usual early report: the victims, not the attacker
        ("a picture of the then-unnamed suspect.", False),  # named since
    ],
)
def test_a_story_says_its_attacker_is_unnamed_only_of_the_attacker(text: str, unnamed: bool) -> None:
    lexicon = load_context_lexicon(lexicon_path("context"))
    assert bool(lexicon.unnamed_attacker.search(text)) is unnamed


def test_the_shipped_list_is_hashes_only_and_the_command_adds_a_name(tmp_path: Path) -> None:
    shipped = data_dir("rules") / "lexicons" / "past-perpetrators.yml"
    known = load_past_perpetrators(shipped)
    assert len(known.hashes) > 50 and all(len(h) == 64 for h in known.hashes)
    listing = tmp_path / "list.yml"
    listing.write_text(f'salt: "{SALT}"\nhashes: []\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["past-perpetrator-hash", "Gideon A. Stahl", "--list", str(listing)])
    assert result.exit_code == 0
    assert {line.strip("- ").strip() for line in result.output.splitlines()} == set(LISTED.hashes)
    assert CliRunner().invoke(main, ["past-perpetrator-hash", "Stahl", "--list", str(listing)]).exit_code == 2
    listing.write_text("salt: 1\nhashes: [not-a-hash]\n", encoding="utf-8")
    with pytest.raises(RuleError):
        load_past_perpetrators(listing)
