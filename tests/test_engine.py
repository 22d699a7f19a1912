"""The engine's behaviour on the traps GUIDELINES.md names, on profiles, suppression and rewrites."""

from __future__ import annotations

import pytest

from nofame.article import Article
from nofame.checker import Checker, check
from nofame.context import article_context
from nofame.report import Report
from nofame.rewrite import Rewrite, rewrite
from nofame.settings import Settings
from nofame.sources import article_from_html, article_from_markdown, article_from_text

BAR = "A gunman killed four people at a bar in Dayton on Friday night, police said."


def _rules(report: Report, severity_floor: str = "low") -> set[str]:
    order = ["info", "low", "medium", "high", "critical"]
    return {f.rule for f in report.findings if order.index(f.severity) >= order.index(severity_floor)}


def _check(checker: Checker, text: str, headline: str = "", **settings: object) -> Report:
    return check(checker, Article(headline=headline, body=text), Settings(**settings))  # type: ignore[arg-type]


def _rewrite(checker: Checker, text: str, headline: str = "", **settings: object) -> Rewrite:
    return rewrite(checker, Article(headline=headline, body=text), Settings(**settings))  # type: ignore[arg-type]


def test_one_name_is_allowed_by_default_and_flagged_by_strict(checker: Checker) -> None:
    text = f"{BAR}\n\nPolice identified the gunman as Darrel Vickers, 31. The suspect was arrested at the scene."
    assert "name-repetition" not in _rules(_check(checker, text))
    strict = _check(checker, text, profile="strict")
    assert "name-repetition" in _rules(strict)
    minimal = _check(checker, text + " Vickers had no record, police said.", profile="newsroom-minimal")
    assert "name-repetition" not in _rules(minimal)


def test_at_large_downgrades_naming_to_info(checker: Checker) -> None:
    text = (
        "A gunman killed four people at a bar in Dayton on Friday night. Police are searching for Darrel Vickers, "
        "31, who remains at large and is considered armed and dangerous. Anyone who sees Vickers should call 911. "
        "Vickers was last seen driving a grey pickup. Police said Vickers may be heading south."
    )
    report = _check(checker, text, headline="Police hunt Darrel Vickers after four killed")
    naming = [f for f in report.findings if f.rule in ("name-in-headline", "name-repetition", "name-in-lede")]
    assert naming, "the naming rules still report, as information"
    assert {f.severity for f in naming} == {"info"}
    assert report.stats["at_large"] is True


def test_victim_sharing_the_surname_is_not_counted(checker: Checker) -> None:
    text = (
        f"{BAR} Police said the gunman, Darrel Vickers, 31, was arrested.\n\n"
        "Among the dead was Maria Vickers, 60, a retired teacher who was not related to the suspect. "
        "Maria Vickers had volunteered at the bar's charity quiz for years. Friends said Maria Vickers loved gardening."
    )
    report = _check(checker, text)
    roles = {a.name: a.role for a in report.actors}
    assert roles.get("Darrel Vickers") == "perpetrator"
    assert roles.get("Maria Vickers") == "victim"
    assert "name-repetition" not in _rules(report)


def test_official_quoting_the_name_is_lower_and_a_paraphrase(checker: Checker) -> None:
    text = (
        f"{BAR} The suspect, Darrel Vickers, 31, was arrested.\n\n"
        "“Darrel Vickers acted alone, and he planned this for weeks,” Police Chief Ana Ortiz said on Saturday."
    )
    report = _check(checker, text)
    quoted = [f for f in report.findings if f.rule == "name-repetition"]
    assert quoted, "the official's quote still republishes the name"
    assert all(f.severity in ("low", "medium") for f in quoted)
    assert all(s.safety == "unsafe" for f in quoted for s in f.suggestions)


def test_event_names_by_place_are_not_perpetrators(checker: Checker) -> None:
    text = (
        "Ten years after the Riverside Mall shooting, survivors gathered on Sunday to remember the nine people "
        "killed. The Columbine shooting and the Christchurch mosque attacks were also remembered at the vigil."
    )
    report = _check(checker, text, headline="Riverside Mall shooting survivors gather ten years on")
    assert not [a for a in report.actors if a.role == "perpetrator"]
    assert not {"name-in-headline", "name-repetition"} & _rules(report)


def test_controls_stay_quiet(checker: Checker) -> None:
    controls = [
        ("Hurricane Dora was the deadliest hurricane in the state's history, killing 41 people.", "Deadliest storm"),
        ("The striker broke the league record with 31 goals; fans call him the Sniper.", "Record season"),
        ("The party launched its manifesto on Monday, promising 40,000 new homes.", "Party manifesto unveiled"),
        ("The boy had a severe asthma attack during the game and was treated by paramedics.", "Asthma attack"),
        ("Shooting wrapped on Friday after the crew filmed the final scene of the thriller.", "Film shoot ends"),
        ("Antietam was the bloodiest day of the Civil War, with some 23,000 casualties.", "Bloodiest day"),
    ]
    for body, headline in controls:
        report = _check(checker, body, headline=headline)
        assert not report.findings, f"{headline}: {[(f.rule, f.text) for f in report.findings]}"


def test_hero_bystander_is_a_helper(checker: Checker) -> None:
    text = (
        "A gunman killed two people at a church in Casper on Sunday before a parishioner, Luis Ortega, shot him. "
        "Ortega, a retired mail carrier, had a rifle in his truck. Police said Ortega saved dozens of lives. "
        "The gunman, Kyle Brandt, 24, died at the scene. Ortega said he did what anyone would do."
    )
    report = _check(checker, text)
    roles = {a.name: a.role for a in report.actors}
    assert roles.get("Luis Ortega") == "helper"
    assert roles.get("Kyle Brandt") == "perpetrator"
    assert not any(f.text.startswith("Ortega") for f in report.findings if f.rule.startswith("name-"))


def test_suppression_comment_silences_one_paragraph(checker: Checker) -> None:
    draft = (
        "# Four killed at Dayton bar\n\n"
        "A gunman killed four people at a bar in Dayton on Friday night, police said. It was a bloodbath.\n\n"
        "<!-- nofame ignore sensational-language -->\n"
        "One witness called it a bloodbath, and the suspect was arrested.\n"
    )
    report = check(checker, article_from_markdown(draft))
    flagged = [f for f in report.findings if f.rule == "sensational-language"]
    assert len(flagged) == 1
    assert flagged[0].start < report.fields["body"].index("One witness")


def test_not_checkable_on_plain_text_but_checked_in_html(checker: Checker) -> None:
    text_report = check(checker, article_from_text(BAR + " The suspect was arrested.", headline="Four killed"))
    assert "perpetrator-photo" in text_report.not_checkable
    html = (
        "<html><body><article><h1>Four killed at Dayton bar</h1>"
        "<figure><img src='a.jpg' alt='Darrel Vickers'><figcaption>Darrel Vickers, the suspect.</figcaption></figure>"
        f"<p>{BAR} Police said the gunman, Darrel Vickers, 31, was arrested.</p></article></body></html>"
    )
    html_report = check(checker, article_from_html(html))
    assert "perpetrator-photo" not in html_report.not_checkable
    photo = [f for f in html_report.findings if f.rule == "perpetrator-photo"]
    assert photo and photo[0].severity == "high"  # the first image above the story is the lead image


def test_front_matter_gives_the_headline(checker: Checker) -> None:
    report = check(checker, article_from_markdown("---\ntitle: Darrel Vickers kills four\n---\n" + BAR + "\n"))
    assert report.fields["headline"] == "Darrel Vickers kills four"
    assert "notes" not in report.fields["body"]


def test_rewrite_is_grammatical(checker: Checker) -> None:
    text = (
        f"{BAR} Police identified the gunman as Darrel Vickers, 31.\n\n"
        "Vickers's neighbours said they were shocked. Detectives searched the home of Vickers on Saturday. "
        "Vickers had bought the rifle in March."
    )
    fields = _rewrite(checker, text, headline="DARREL VICKERS KILLS FOUR").fields
    # one noun for him through the draft: the one the draft already uses ("the gunman")
    assert fields["headline"] == "GUNMAN KILLS FOUR"
    body = fields["body"]
    assert "The gunman's neighbours said" in body
    assert "the home of the gunman on Saturday" in body
    assert "The gunman had bought the rifle" in body
    assert "Police identified the gunman as Darrel Vickers, 31." in body  # the reference point stays


def test_rewrite_drops_an_appositive_name(checker: Checker) -> None:
    text = (
        "The gunman, Darrel Vickers, opened fire at a Dayton bar on Friday night, killing four people.\n\n"
        "Police said the suspect, Darrel Vickers, 31, had no record."
    )
    body = _rewrite(checker, text, perpetrators=("Darrel Vickers",)).fields["body"]
    assert body.startswith("The gunman opened fire at a Dayton bar")


def test_court_reporting_uses_the_defendant(checker: Checker) -> None:
    text = (
        "Jurors heard on Monday how the defendant, Darrel Vickers, killed four people at a Dayton bar. "
        "Vickers has pleaded not guilty to four counts of murder. The judge told the jury the trial would last "
        "three weeks. Vickers sat still as prosecutors played the 911 calls. Vickers will testify, his lawyer said."
    )
    report = _check(checker, text)
    replacements = {s.replacement for f in report.findings if f.rule == "name-repetition" for s in f.suggestions}
    assert replacements and all("defendant" in r for r in replacements)
    result = _rewrite(checker, text)
    assert result.role_noun == "the defendant"
    assert "killer" not in result.draft.lower()


def test_links_rules_judge_html_links_by_their_own_lists(checker: Checker) -> None:
    """`kind: links`: manifesto-link takes a link to a paste site on its own (html_links: either);
    attack-video wants a video host and words naming the footage (html_links: both)."""
    from nofame.article import Link

    body = "A gunman killed four people at a bar in Dayton on Friday, police said. He was arrested at the scene."

    def rules_for(href: str, text: str) -> set[str]:
        report = check(checker, Article(headline="Four killed at bar", body=body, links=(Link(href, text),)))
        return {f.rule for f in report.findings if f.rule in ("manifesto-link", "attack-video")}

    assert rules_for("https://pastebin.com/abc", "a post") == {"manifesto-link"}
    assert rules_for("https://rumble.com/v1", "a clip") == set()
    assert rules_for("https://rumble.com/v1", "the gunman's video") == {"attack-video"}


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("A man drove his car into a crowd at the parade in an attack that killed two people and hurt 11.", True),
        ("In the shooting at the council meeting, the man shot dead five people. Two others were wounded.", True),
        # one sign is not enough: "into the crowd" and "shot dead" each tip an attack story over
        ("The striker fired the ball into the crowd as City lost 3-0. Two fans were injured in a crush.", False),
        # a court report on the killing of several people names no weapon and no attacker's role noun
        (
            "The woman accused of killing five people at a warehouse was in court on Tuesday. She faces five "
            "counts of murder, and the judge set her trial for the autumn.",
            True,
        ),
        # the same court words about one murder stay crime news
        (
            "The woman accused of killing her neighbour was in court on Tuesday. She faces a count of murder, "
            "and the judge set her trial for the autumn.",
            False,
        ),
    ],
)
def test_attack_words_include_what_was_done_to_people(checker: Checker, text: str, attack: bool) -> None:
    context = article_context({"body": checker.nlp(text)}, {"body": text}, checker.context_lexicon)
    assert context.attack is attack
